#pragma once

#include "sl-profile.h"

G_BEGIN_DECLS

/* Mechanisms a profile selects by name; each is code in sl-layout.c or
 * sl-dict-model.c, chosen per version by the profile's data. */

typedef enum {
  SL_DICT_PTR_INLINE,        /* 3.8-3.10: tp_dictoffset inside the object */
  SL_DICT_PTR_MANAGED_311,   /* 3.11: dict/values pointers in a pre-header, weakref inline */
  SL_DICT_PTR_MANAGED,       /* 3.12+: Py_TPFLAGS_MANAGED_DICT, dictoffset -1 */
} SlDictPtr;

typedef enum {
  SL_WEAKREF_INLINE,
  SL_WEAKREF_MANAGED,        /* 3.12+: Py_TPFLAGS_MANAGED_WEAKREF */
} SlWeakrefPtr;

typedef enum {
  SL_SOLID_EXTRA_IVARS,      /* extra_ivars(): dict/weakref at the end do not count */
  SL_SOLID_SHAPE,            /* shape_differs(): basicsize or itemsize differ */
} SlSolidBase;

typedef enum {
  SL_INLINE_VALUES_NONE,
  SL_INLINE_VALUES_PLAIN,    /* 3.13: only when tp_basicsize == sizeof(PyObject) */
  SL_INLINE_VALUES_ALWAYS,   /* 3.14+: every managed-dict type with itemsize 0 */
} SlInlineValues;

typedef enum {
  SL_DICT_MODEL_SPLIT_TABLE,     /* 3.3-3.10: split dicts, values sized by the keys' usable fraction */
  SL_DICT_MODEL_MANAGED_VALUES,  /* 3.11-3.12: values array made with the object */
  SL_DICT_MODEL_INLINE_VALUES,   /* 3.13+: values inside the object where allowed */
} SlDictModel;

typedef enum {
  SL_VALUES_USABLE_ARRAY,    /* size * 8 */
  SL_VALUES_PREFIX,          /* round_up(size + 2, 8) + size * 8 */
  SL_VALUES_SUFFIX,          /* (size + 1) * 8 + round_up(size, 8) */
} SlValuesLayout;

typedef enum {
  SL_INHERITED_SLOTS_NONE,
  SL_INHERITED_SLOTS_SLOTS,
  SL_INHERITED_SLOTS_SLOTS_AND_OFFSETS,
} SlInheritedSlots;

/* How a list display of three or more constants is built (the
 * "const-list:L" value): 3.8 builds it item by item on the stack
 * (BUILD_LIST L); from 3.9 the compiler folds the items into one tuple
 * constant and extends an empty list with it. */
typedef enum {
  SL_CONST_LIST_DISPLAY,        /* BUILD_LIST L: exactly L items */
  SL_CONST_LIST_EXTEND_RESIZE,  /* list_extend() -> list_resize() from empty (3.9) */
  SL_CONST_LIST_EXTEND_EXACT,   /* list_extend() -> list_preallocate_exact(), rounded to even (3.10+) */
} SlConstList;

typedef enum {
  SL_ALLOC_PYMALLOC,
  SL_ALLOC_MIMALLOC,
} SlAllocKind;

typedef struct {
  guint pointer;
  guint header;        /* sizeof(PyObject) */
  guint gc_head;       /* sizeof(PyGC_Head); 0 on free-threaded builds */
  guint pre_header;    /* managed dict/weakref words before the GC head */

  SlDictPtr      dict_ptr;
  SlWeakrefPtr   weakref_ptr;
  SlSolidBase    solid_base;
  SlInlineValues inline_values;

  SlDictModel    dict_model;
  SlValuesLayout values_layout;
  guint dict_object;   /* sizeof(PyDictObject) */
  guint keys_header;   /* sizeof(PyDictKeysObject) */
  guint entry;         /* sizeof(PyDictKeyEntry) */
  guint unicode_entry; /* sizeof(PyDictUnicodeEntry); 0 before 3.11 */
  guint min_log2;      /* PyDict_LOG_MINSIZE */
  guint shared_keys_max; /* SHARED_KEYS_MAX_SIZE; 0 = no limit */

  SlAllocKind alloc;
  guint alignment;
  guint small_max;
  guint pool;
  guint pool_header;
  guint arena;
  guint mi_page;       /* mimalloc small page size */

  /* Value objects (the profile's "values"; sl-value-model.c). */
  guint value_int;               /* bytes asked for an int below 2**30 */
  guint value_float;             /* sizeof(PyFloatObject) */
  guint value_str_ascii;         /* sizeof(PyASCIIObject) */
  guint value_bytes;             /* offsetof(PyBytesObject, ob_sval) + 1 */
  guint value_tuple;             /* PyTupleObject before its items (ob_hash included from 3.14) */
  guint value_list;              /* sizeof(PyListObject) */
  guint value_list_array_header; /* _PyListArray's capacity word (free-threaded), else 0 */
  guint display_stack_limit;     /* STACK_USE_GUIDELINE: a longer display is built item by item; 0 = never */
  SlConstList const_list;        /* how a display of constants is built */
  gboolean const_list_in_flowgraph; /* folded after codegen (3.14+): only displays within the stack limit */
  /* Class statements (issue 10): whether the compiler records
   * __static_attributes__ (3.13+), whether _PyDict_NewKeysForClass()
   * inserts them into a new class's shared keys (3.14+), and the names a
   * class statement's body leaves in the class dict besides __slots__ and
   * __init__ (__qualname__ and __classcell__ are taken out by type_new). */
  gboolean static_attributes;
  gboolean seed_shared_keys;
  GStrv    class_body_names;
  /* dataclasses: the keywords of ours dataclass() takes, and which base
   * slots _add_slots() leaves out of a slots=True class: none (3.10),
   * those in the bases' __slots__ (3.11-3.12), and also __weakref__ and
   * __dict__ of bases without __slots__ that have them (3.13+). */
  GStrv    dataclass_keywords;
  SlInheritedSlots dataclass_inherited_slots;
  /* 3.10-3.12 (and 3.13.0): a frozen slots=True dataclass's __setattr__
   * calls super() on the class _add_slots() replaced, so a subclass's
   * __init__ storing any other name fails (fixed in 3.13.1+). */
  gboolean dataclass_frozen_slots_super_bug;
  /* The last micro release of the profile's minor one that still had it
   * (3.13.0); -1 if none.  sl_profile_lookup() of such a release turns
   * the rule on in a variant of the profile. */
  int      dataclass_frozen_slots_super_bug_through;

  /* CPython's messages, with {name}-style fields. */
  GHashTable *messages;
  /* Names in object.__dict__: a store to one of them on an instance
   * without __dict__ is "read-only". */
  GStrv object_attributes;
} SlProfileFacts;

void                  sl_engine_ensure_resources (void);
const SlProfileFacts *sl_profile_get_facts   (SlProfile  *self);
const char           *sl_profile_get_message (SlProfile  *self,
                                              const char *key);

G_END_DECLS
