#pragma once

#include <gtk/gtk.h>

#include "sl-session.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPERIMENTS_VIEW (sl_experiments_view_get_type ())
G_DECLARE_FINAL_TYPE (SlExperimentsView, sl_experiments_view, SL, EXPERIMENTS_VIEW, GtkWidget)

/* The Experiments tab: the session's experiments, the form of the
 * selected one, Run/Cancel (Ctrl+R) with progress, its chart (Ctrl+E
 * exports) and a table of its results.  Runs happen in the background
 * (SlExperimentRun); points are drawn as they arrive. */

void          sl_experiments_view_set_session  (SlExperimentsView *self,
                                                SlSession         *session);
/* For tests */
void          sl_experiments_view_select       (SlExperimentsView *self,
                                                guint              index);
void          sl_experiments_view_run          (SlExperimentsView *self);
void          sl_experiments_view_cancel       (SlExperimentsView *self);
gboolean      sl_experiments_view_is_running   (SlExperimentsView *self);
const char   *sl_experiments_view_get_status   (SlExperimentsView *self);
GtkWidget    *sl_experiments_view_get_chart_view (SlExperimentsView *self);
/* Interpreters found so far (discovery runs when the tab is first shown). */
guint         sl_experiments_view_get_n_interpreters (SlExperimentsView *self);

G_END_DECLS
