#pragma once

#include "sl-class-form.h"

G_BEGIN_DECLS

/* For tests: the widgets a user types into. */
GtkEditable *sl_class_form_get_name_editable  (SlClassForm *self);
GtkEditable *sl_class_form_get_slots_editable (SlClassForm *self);
GtkEditable *sl_class_form_get_init_editable  (SlClassForm *self);
AdwComboRow *sl_class_form_get_storage_row    (SlClassForm *self);
GtkSwitch   *sl_class_form_get_weakref_switch (SlClassForm *self);
/* The class statement's rows. */
AdwComboRow *sl_class_form_get_base_init_row      (SlClassForm *self);
AdwComboRow *sl_class_form_get_base_init_at_row   (SlClassForm *self);
GtkEditable *sl_class_form_get_elsewhere_editable (SlClassForm *self);
AdwComboRow *sl_class_form_get_spelling_row       (SlClassForm *self);
AdwExpanderRow *sl_class_form_get_dataclass_row   (SlClassForm *self);

G_END_DECLS
