#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The mouse wheel changes @spin's value only while it has the keyboard
 * focus; otherwise the wheel goes on to what holds it (the page scrolls). */
void sl_spin_scroll_when_focused (GtkSpinButton *spin);

G_END_DECLS
