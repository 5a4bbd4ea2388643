#pragma once

#include "sl-chain.h"
#include "sl-profile-private.h"

G_BEGIN_DECLS

/* What type() makes of one class of a chain: CPython's class-creation rules
 * (best_base, __slots__ processing, the layout of new members, C3 MRO). */

typedef struct {
  const char *name;  /* mangled, as in the type's __dict__ */
  gint64      offset;
  gboolean    owned; /* name was made by mangling; else borrowed from SlClass */
} SlMember;

typedef struct _SlTypeModel SlTypeModel;

struct _SlTypeModel
{
  const char   *name;
  SlClass      *klass;        /* NULL for object */
  GPtrArray    *bases;        /* SlTypeModel*; object when none are named */
  SlTypeModel  *base;         /* tp_base, the best base; NULL for object */
  GPtrArray    *mro;          /* self first, object last */

  gint64        basicsize;
  gint64        itemsize;
  gint64        dictoffset;
  gint64        weaklistoffset;
  gboolean      added_dict;
  gboolean      added_weak;
  gboolean      managed_dict;
  gboolean      managed_weakref;
  gboolean      inline_values;

  GArray       *members;      /* SlMember, this class's own slots, sorted */
  GStrv         static_attributes; /* __static_attributes__, or NULL (type(), before 3.13) */
  GStrv         slots;        /* __slots__ as type_new() sees it (a dataclass's made by
                               * _add_slots()); NULL: none */
  GStrv         slot_types;   /* parallel to slots: a non-str item's Python type, "" for str */
};

typedef struct {
  SlProfile    *profile;
  SlTypeModel  *object;
  GPtrArray    *types;        /* SlTypeModel*, in chain order, up to the first refusal */
  GPtrArray    *library;      /* SlTypeModel*: abc.ABC, typing.Generic when named as bases */
  char         *error;        /* "TypeError: ..." */
  char         *error_class;
} SlTypeSet;

/* The first `n_classes` classes of `chain` (sl_chain_copy_up_to()'s rule). */
SlTypeSet   *sl_type_set_build    (SlChain      *chain,
                                   guint         n_classes,
                                   SlProfile    *profile);
void         sl_type_set_free     (SlTypeSet    *set);
SlTypeModel *sl_type_set_lookup   (SlTypeSet    *set,
                                   const char   *name);

typedef enum {
  SL_STORE_SLOT,
  SL_STORE_DICT,
  SL_STORE_ERROR,
} SlStoreKind;

/* Where `self.<name> = <int>` goes for an instance of `type`: a slot, the
 * instance dict, or an exception (*error set to CPython's message). */
SlStoreKind  sl_type_resolve_store (SlTypeModel *type,
                                    SlProfile   *profile,
                                    const char  *name,
                                    char       **error);

gboolean     sl_type_has_dict      (SlTypeModel *type);
gint64       sl_type_pre_header    (SlTypeModel *type,
                                    SlProfile   *profile);

/* _Py_Mangle(): the private name `__x` inside class `_C` is `_C__x`; NULL
 * when the name stays as it is (not private, a dunder, a class name made
 * of underscores only). */
char        *sl_mangle             (const char  *class_name,
                                    const char  *name);

/* sl-class-statement.c: what a `class` statement's compiler and its
 * __init__ do (issue 10). */

/* The name __init__'s first parameter has: "self", or "self_" (and so on)
 * when a base is called self and the body must reach it by name. */
char        *sl_class_self_name    (SlClass     *klass);
/* __static_attributes__ as the compiler of the profile's release computes
 * it, or NULL where there is none (type(), releases before 3.13). */
GStrv        sl_class_static_attributes (SlClass              *klass,
                                         const SlProfileFacts *facts);
/* The attributes an instance of `type` gets from __init__, in the order
 * they are stored, once each, as the interpreter names them (mangled where
 * the compiler mangles), with the class whose code stores each. */
void         sl_class_statement_stores (SlTypeModel *type,
                                        GPtrArray   *names,
                                        GPtrArray   *owners,
                                        GArray      *generated);
/* The fields of a dataclass, as its generated __init__ stores them (the
 * dataclasses of the MRO first, then its own), names as in
 * __annotations__ (mangled); each a new string. */
void         sl_dataclass_fields       (SlTypeModel *type,
                                        GPtrArray   *out);

/* Fills a template such as "duplicate base class {name}". */
char        *sl_format_message     (const char  *template,
                                    ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTypeSet, sl_type_set_free)

G_END_DECLS
