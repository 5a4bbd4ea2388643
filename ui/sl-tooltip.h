#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text(), but only when the text changes (NULL and
 * "" are the same: no tooltip). */
void sl_tooltip_set_text (GtkWidget  *widget,
                          const char *text);

G_END_DECLS
