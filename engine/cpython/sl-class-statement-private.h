#pragma once

#include "sl-type-model-private.h"

G_BEGIN_DECLS

/* sl-class-statement.c: what a `class` statement's compiler and its
 * __init__ do (issue 10).  It reads the type model's classes (their MRO
 * and bases); the type model calls it for __static_attributes__ and a
 * dataclass's fields.  Mangling lives in sl-mangle.c for both. */

/* The name __init__'s first parameter has: "self", or "self_" (and so on)
 * when a base is called self and the body must reach it by name. */
char        *sl_class_self_name    (SlClass     *klass);
/* __static_attributes__ as the compiler of the profile's release computes
 * it, or NULL where there is none (type(), releases before 3.13). */
GStrv        sl_class_static_attributes (SlClass              *klass,
                                         const SlProfileFacts *facts);

typedef struct {
  const char *name;       /* as the interpreter names it: mangled where the compiler mangles */
  const char *owner;      /* the class whose code stores it */
  gboolean    generated;  /* by a dataclass's __init__: object.__setattr__ */
  guint       hash;       /* g_str_hash (name): found again without a strcmp per store */
} SlStore;

/* The attributes an instance of a class gets from __init__, in the order
 * they are stored, once per name and kind; the names are the SlClass's own
 * strings or the mangled ones in `strings`, valid while the chain stays
 * as it is and `strings` lives. */
typedef struct {
  GArray       *stores;   /* SlStore */
  GStringChunk *strings;
} SlStores;

void         sl_class_statement_stores (SlTypeModel *type,
                                        SlStores    *out);
void         sl_stores_clear           (SlStores    *stores);
/* The fields of a dataclass, as its generated __init__ stores them (the
 * dataclasses of the MRO first, then its own), names as in
 * __annotations__ (mangled); each a new string. */
void         sl_dataclass_fields       (SlTypeModel *type,
                                        GPtrArray   *out);
/* The value kind field `i` of a dataclass holds (its init value), as the
 * class body leaves its default. */
const char  *sl_dataclass_field_value  (SlClass              *klass,
                                        guint                 i,
                                        const SlProfileFacts *facts);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SlStores, sl_stores_clear)

G_END_DECLS
