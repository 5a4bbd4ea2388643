#pragma once

#include <adwaita.h>

#include "sl-document.h"
#include "sl-profile.h"

G_BEGIN_DECLS

#define SL_TYPE_CLASS_FORM (sl_class_form_get_type ())
G_DECLARE_FINAL_TYPE (SlClassForm, sl_class_form, SL, CLASS_FORM, GtkWidget)

/* The form of one class: name, bases, storage, slot names, '__weakref__',
 * the attributes __init__ assigns.  Every edit is checked at once: a
 * structural error (a bad name, say) is shown and not applied; an edit that
 * passes goes into the chain, and what CPython would say about the result
 * is shown under the form. */
GtkWidget  *sl_class_form_new           (void);
/* The form edits the document's chain, each edit a step of its history. */
void        sl_class_form_set_document  (SlClassForm *self,
                                         SlDocument  *document);
void        sl_class_form_set_profile   (SlClassForm *self,
                                         SlProfile   *profile);
/* -1 for none. */
void        sl_class_form_set_index     (SlClassForm *self,
                                         int          index);
int         sl_class_form_get_index     (SlClassForm *self);
/* The message shown under the form, or NULL when the class is fine. */
const char *sl_class_form_get_message   (SlClassForm *self);

G_END_DECLS
