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
  const char * const *slots; /* __slots__ as type_new() sees it: the SlClass's own, or
                               * (slots_owned) a dataclass's made by _add_slots(), every
                               * item a str; NULL: none */
  gboolean      slots_owned;
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
  SL_STORE_ERROR_NAMES_VALUE,
} SlStoreKind;

/* Where `self.<name> = <int>` goes for an instance of `type`: a slot, the
 * instance dict, or an exception (*error set to CPython's message).
 * SL_STORE_ERROR_NAMES_VALUE: the __dict__ or __class__ descriptor
 * refuses the value, and its message names the value's type (int here). */
SlStoreKind  sl_type_resolve_store (SlTypeModel *type,
                                    SlProfile   *profile,
                                    const char  *name,
                                    char       **error);

gboolean     sl_type_has_dict      (SlTypeModel *type);
/* The first frozen dataclass of the MRO (only those define __setattr__),
 * or NULL. */
SlTypeModel *sl_type_frozen_dataclass (SlTypeModel *type);
gint64       sl_type_pre_header    (SlTypeModel *type,
                                    SlProfile   *profile);

/* Fills a template such as "duplicate base class {name}". */
char        *sl_format_message     (const char  *template,
                                    ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlTypeSet, sl_type_set_free)

G_END_DECLS
