#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SL_TYPE_CLASS (sl_class_get_type ())
G_DECLARE_FINAL_TYPE (SlClass, sl_class, SL, CLASS, GObject)

typedef struct _SlChain SlChain;

/* One class of a chain, as the session file states it: its name, the names
 * of its bases (earlier classes; empty = object), its __slots__ exactly as
 * written (NULL = no __slots__) and the names its __init__ assigns to self.
 *
 * A __slots__ item read from a session may be something other than a
 * string (CPython refuses those with its own message), so every slot keeps
 * the Python type name of its value: NULL for str.
 */

SlClass            *sl_class_new             (const char         *name);
SlClass            *sl_class_copy            (SlClass            *self);
gboolean            sl_class_equal           (SlClass            *a,
                                              SlClass            *b);

const char         *sl_class_get_name        (SlClass            *self);
void                sl_class_set_name        (SlClass            *self,
                                              const char         *name);

const char * const *sl_class_get_bases       (SlClass            *self);
guint               sl_class_get_n_bases     (SlClass            *self);
void                sl_class_set_bases       (SlClass            *self,
                                              const char * const *bases);

gboolean            sl_class_has_slots       (SlClass            *self);
const char * const *sl_class_get_slots       (SlClass            *self);
guint               sl_class_get_n_slots     (SlClass            *self);
const char         *sl_class_get_slot_type   (SlClass            *self,
                                              guint               index);
void                sl_class_set_slots       (SlClass            *self,
                                              const char * const *slots);
void                sl_class_set_slots_full  (SlClass            *self,
                                              const char * const *slots,
                                              const char * const *py_types);

const char * const *sl_class_get_init        (SlClass            *self);
guint               sl_class_get_n_init      (SlClass            *self);
void                sl_class_set_init        (SlClass            *self,
                                              const char * const *init);

/* What each init store assigns (the session's {"name", "value"} items):
 * a value kind ("float", "str:12", see sl-value-model.h), or NULL for a
 * small int, the default.  set_init keeps the kind of every name it keeps. */
const char         *sl_class_get_init_value  (SlClass            *self,
                                              guint               index);
void                sl_class_set_init_value  (SlClass            *self,
                                              guint               index,
                                              const char         *kind);
/* values: parallel to init, NULL entries (or values NULL) for small ints. */
void                sl_class_set_init_full   (SlClass            *self,
                                              const char * const *init,
                                              const char * const *values);
/* How the class statement is written (issue 10).  Every default is what a
 * session written before these fields existed means: a `class` statement
 * whose __init__ calls each base's __init__ first, in bases order, with
 * __slots__ written as a tuple, not a dataclass, nothing assigned
 * elsewhere.  The session writes a field only when it is not its default. */

/* "created_by": "class" (default) | "type": a `type()` call with an
 * __init__ compiled outside any class body (no name mangling of stores,
 * no __static_attributes__), as dynamic class factories build classes. */
typedef enum {
  SL_CREATED_BY_CLASS,
  SL_CREATED_BY_TYPE,
} SlCreatedBy;

/* "base_init": "explicit" (default: Base.__init__(self) for each base, in
 * bases order) | "super" (super().__init__(), which follows the instance's
 * MRO) | "none"; "base_init_at": N = how many of the class's own init
 * stores come before the call (default 0; >= n_init = last). */
typedef enum {
  SL_BASE_INIT_EXPLICIT,
  SL_BASE_INIT_SUPER,
  SL_BASE_INIT_NONE,
} SlBaseInit;

/* "slots_spelling": "tuple" (default) | "list" | "str" (one name) |
 * "dict" (names to docstrings).  Same slots whichever spelling. */
typedef enum {
  SL_SLOTS_TUPLE,
  SL_SLOTS_LIST,
  SL_SLOTS_STR,
  SL_SLOTS_DICT,
} SlSlotsSpelling;

/* "dataclass": {"slots": bool, "frozen": bool, "weakref_slot": bool};
 * absent = not a dataclass. */
typedef enum {
  SL_DATACLASS_NONE         = 0,       /*< nick=none >*/
  SL_DATACLASS              = 1 << 0,  /*< nick=dataclass >*/
  SL_DATACLASS_SLOTS        = 1 << 1,  /*< nick=slots >*/
  SL_DATACLASS_FROZEN       = 1 << 2,  /*< nick=frozen >*/
  SL_DATACLASS_WEAKREF_SLOT = 1 << 3,  /*< nick=weakref_slot >*/
} SlDataclassFlags;

/* The dataclass() keywords a session spells out, in this order. */
#define SL_DATACLASS_OPTIONS (SL_DATACLASS_SLOTS | SL_DATACLASS_FROZEN | SL_DATACLASS_WEAKREF_SLOT)

SlCreatedBy         sl_class_get_created_by     (SlClass            *self);
void                sl_class_set_created_by     (SlClass            *self,
                                                 SlCreatedBy         how);
SlBaseInit          sl_class_get_base_init      (SlClass            *self,
                                                 guint              *at);
void                sl_class_set_base_init      (SlClass            *self,
                                                 SlBaseInit          how,
                                                 guint               at);
/* "elsewhere": names stored as self.NAME in other methods or in branches
 * not taken: seen by the compiler, never run. */
const char * const *sl_class_get_elsewhere      (SlClass            *self);
void                sl_class_set_elsewhere      (SlClass            *self,
                                                 const char * const *names);
SlSlotsSpelling     sl_class_get_slots_spelling (SlClass            *self);
void                sl_class_set_slots_spelling (SlClass            *self,
                                                 SlSlotsSpelling     spelling);
SlDataclassFlags    sl_class_get_dataclass      (SlClass            *self);
void                sl_class_set_dataclass      (SlClass            *self,
                                                 SlDataclassFlags    flags);

/* Session spellings of the enums above; FALSE for an unknown word. */
const char         *sl_created_by_to_string     (SlCreatedBy         how);
gboolean            sl_created_by_from_string   (const char         *text,
                                                 SlCreatedBy        *how);
const char         *sl_base_init_to_string      (SlBaseInit          how);
gboolean            sl_base_init_from_string    (const char         *text,
                                                 SlBaseInit         *how);
const char         *sl_slots_spelling_to_string (SlSlotsSpelling     spelling);
gboolean            sl_slots_spelling_from_string (const char       *text,
                                                   SlSlotsSpelling  *spelling);

/* sl-class-options.c: which of the fields above the class can take now,
 * by the rules a session holds them to (the class form offers only
 * these).  chain (nullable): the classes it is defined among. */
typedef struct {
  gboolean created_by_type;  /* a type() call could make it: no dataclass, nothing elsewhere, no typing.Generic base */
  gboolean base_init;        /* its __init__ can call a base's: it has a base and is not a dataclass */
  gboolean base_init_at;     /* that call has a place: it is made, and __init__ stores something */
  gboolean elsewhere;        /* other methods the compiler sees: a class statement */
  gboolean slots_spelling;   /* it has __slots__ to spell */
  gboolean slots_str;        /* one slot, a str: __slots__ = 'name' */
  gboolean dataclass;        /* a class statement (type() takes no decorator) */
  gboolean dataclass_slots;  /* dataclass(slots=True): it has no __slots__ of its own */
  gboolean own_slots;        /* __slots__ of its own: not dataclass(slots=True) */
} SlClassOptions;

void                sl_class_get_options     (SlClass            *klass,
                                              SlChain            *chain,
                                              SlClassOptions     *options);
/* After an edit: the fields that no longer apply go back to their
 * defaults ("str" of two slots is a tuple, a dataclass's base_init, a
 * type() call's elsewhere and dataclass), so the class is one a session
 * can hold. */
void                sl_class_drop_inapplicable_options (SlClass  *klass,
                                              SlChain            *chain);

/* Storage as the class form shows it. */
typedef enum {
  SL_STORAGE_DICT,        /* no __slots__ */
  SL_STORAGE_SLOTS,       /* __slots__ without '__dict__' */
  SL_STORAGE_SLOTS_DICT,  /* __slots__ with '__dict__' */
} SlStorage;

SlStorage           sl_class_get_storage     (SlClass            *self);
/* Storage as the created class declares it: its own __slots__, or the
 * ones @dataclass(slots=True) writes for it. */
SlStorage           sl_class_get_created_storage (SlClass        *self);
gboolean            sl_class_slots_contain   (SlClass            *self,
                                              const char         *name);

G_END_DECLS
