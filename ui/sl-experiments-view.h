#pragma once

#include <gtk/gtk.h>

#include "sl-document.h"
#include "sl-results-table.h"
#include "sl-session.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPERIMENTS_VIEW (sl_experiments_view_get_type ())
G_DECLARE_FINAL_TYPE (SlExperimentsView, sl_experiments_view, SL, EXPERIMENTS_VIEW, GtkWidget)

/* The Experiments tab: the session's experiments, the form of the
 * selected one, Run/Cancel (Ctrl+R) with progress, the chart (Ctrl+E
 * exports) and table of one of its runs, every run kept until removed.
 * Runs happen in the background (SlExperimentRun); points are drawn and
 * listed as they arrive. */

/* The document whose experiments the view shows and edits (through
 * sl_document_add_experiment() and friends, so every edit is one named
 * step of its history). */
void          sl_experiments_view_set_document (SlExperimentsView *self,
                                                SlDocument        *document);
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
SlResultsTable *sl_experiments_view_get_results_table (SlExperimentsView *self);
/* The kept run the chart and table show (0 during a run, or none). */
guint         sl_experiments_view_get_shown_run (SlExperimentsView *self);
/* "Python 3.13", or "Compares Python 3.12, 3.13" */
const char   *sl_experiments_view_get_version_text (SlExperimentsView *self);
double        sl_experiments_view_get_progress (SlExperimentsView *self);

G_END_DECLS
