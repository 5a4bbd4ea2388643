#pragma once

#include "sl-python-view.h"

G_BEGIN_DECLS

/* For tests: the buffer a user types into, and what the view shows. */
GtkTextBuffer *sl_python_view_get_buffer  (SlPythonView *self);
/* The message shown over the source ("Line L, column C: …"), NULL when
 * the source reads; line and column 0 when it names no place. */
const char    *sl_python_view_get_error   (SlPythonView *self,
                                           guint        *line,
                                           guint        *column);
/* The reader's notes as shown, or NULL. */
const char    *sl_python_view_get_notes   (SlPythonView *self);
/* A read of the typed source is pending (the debounce). */
gboolean       sl_python_view_get_reading (SlPythonView *self);
/* Whether the character at line:column (1-based) is marked as the error. */
gboolean       sl_python_view_get_tagged  (SlPythonView *self,
                                           guint         line,
                                           guint         column);

/* The banner over the source that shows the error (a GtkRevealer). */
GtkRevealer   *sl_python_view_get_error_banner (SlPythonView *self);

G_END_DECLS
