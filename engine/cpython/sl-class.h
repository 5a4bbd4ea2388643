#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SL_TYPE_CLASS (sl_class_get_type ())
G_DECLARE_FINAL_TYPE (SlClass, sl_class, SL, CLASS, GObject)

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

/* Storage as the class form shows it. */
typedef enum {
  SL_STORAGE_DICT,        /* no __slots__ */
  SL_STORAGE_SLOTS,       /* __slots__ without '__dict__' */
  SL_STORAGE_SLOTS_DICT,  /* __slots__ with '__dict__' */
} SlStorage;

SlStorage           sl_class_get_storage     (SlClass            *self);
gboolean            sl_class_slots_contain   (SlClass            *self,
                                              const char         *name);

G_END_DECLS
