#pragma once

#include <adwaita.h>

#include "sl-session.h"

G_BEGIN_DECLS

#define SL_TYPE_WINDOW (sl_window_get_type ())
G_DECLARE_FINAL_TYPE (SlWindow, sl_window, SL, WINDOW, AdwApplicationWindow)

SlWindow  *sl_window_new            (GtkApplication *application);
SlSession *sl_window_get_session    (SlWindow       *self);
/* The file the session was opened from or saved to, or NULL. */
GFile     *sl_window_get_file       (SlWindow       *self);
/* Opens a session file in the background; asks first when the current
 * session has unsaved changes.  A file that fails to load leaves the
 * current session as it was and says why. */
void       sl_window_open_file      (SlWindow       *self,
                                     GFile          *file);
/* Takes over the unsaved work a crash left in autosave (an element of
 * sl_document_list_recoverable()): shown as unsaved, with the file it came
 * from, until the user saves or discards it. */
gboolean   sl_window_recover        (SlWindow       *self,
                                     GFile          *autosave,
                                     GError        **error);

G_END_DECLS
