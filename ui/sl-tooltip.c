/* sl-tooltip.c: tooltips set only when they change.
 *
 * GTK 4.8 asks the display where the pointer is every time a visible
 * widget's tooltip is set, changed or not (gtk_tooltip_trigger_tooltip_query):
 * on X11 that is a round trip to the server.  The window refreshes every
 * figure after each edit, ~40 tooltips among them, and those round trips
 * made one frame 7–14 ms long under a live run (bench-frames). */

#include "sl-tooltip.h"

void
sl_tooltip_set_text (GtkWidget  *widget,
                     const char *text)
{
  const char *old = gtk_widget_get_tooltip_text (widget);

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (old, text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}
