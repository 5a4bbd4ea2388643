#pragma once

#include <adwaita.h>

#include "sl-application.h"
#include "sl-window.h"

G_BEGIN_DECLS

/* What the window's tests share.  They wait on conditions, never on the
 * clock. */

/* Runs what the main loop has to do now (idles, signals, layout). */
void      sl_gui_test_drain               (void);
/* Iterates the main loop until condition (data) holds: FALSE after
 * timeout_ms without it. */
gboolean  sl_gui_test_wait_until          (gboolean  (*condition) (gpointer),
                                           gpointer    data,
                                           guint       timeout_ms);
/* A GtkWidget that is mapped and has a size (a condition). */
gboolean  sl_gui_test_is_mapped_with_size (gpointer    widget);
/* Renders a widget as it is on screen, once mapped and drawn, to NAME in
 * the build dir. */
void      sl_gui_test_save_snapshot       (GtkWidget  *widget,
                                           const char *name);
/* A new window of app, showing session (NULL: its own), width × height
 * (0: the default size), mapped and refreshed. */
SlWindow *sl_gui_test_open_window         (SlApplication *app,
                                           SlSession     *session,
                                           int            width,
                                           int            height);
/* Whether root or a widget under it is a label or an entry showing text,
 * all of it. */
gboolean  sl_gui_test_shows_text          (GtkWidget  *root,
                                           const char *text);
/* The first widget under root (root included), depth first, that match
 * accepts; NULL when none does. */
GtkWidget *sl_gui_test_find_widget        (GtkWidget  *root,
                                           gboolean  (*match) (GtkWidget *widget,
                                                               gpointer   data),
                                           gpointer    data);
/* Closes a window without asking: its autosave removed, nothing unsaved. */
void      sl_gui_test_close_window        (SlWindow   *window);

G_END_DECLS
