#pragma once

#include <gtk/gtk.h>

#include "sl-session.h"

G_BEGIN_DECLS

#define SL_TYPE_SESSION_PAGE (sl_session_page_get_type ())
G_DECLARE_FINAL_TYPE (SlSessionPage, sl_session_page, SL, SESSION_PAGE, GtkWidget)

/* The session's title and notes, edited in place, and where it is saved. */
GtkWidget *sl_session_page_new         (void);
void       sl_session_page_set_session (SlSessionPage *self,
                                        SlSession     *session,
                                        GFile         *file);

G_END_DECLS
