#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SL_TYPE_RUN_PROGRESS (sl_run_progress_get_type ())
G_DECLARE_FINAL_TYPE (SlRunProgress, sl_run_progress, SL, RUN_PROGRESS, GtkWidget)

/* A run's progress: a line of text over a bar, as GtkProgressBar with
 * show-text draws them.  Setting either only repaints it: its size never
 * depends on them, so a run's progress never relayouts the window. */
GtkWidget  *sl_run_progress_new          (void);
void        sl_run_progress_set_fraction (SlRunProgress *self,
                                          double         fraction);
double      sl_run_progress_get_fraction (SlRunProgress *self);
void        sl_run_progress_set_text     (SlRunProgress *self,
                                          const char    *text);
const char *sl_run_progress_get_text     (SlRunProgress *self);

G_END_DECLS
