#pragma once

#include <adwaita.h>

#include "sl-chart-view.h"
#include "sl-document.h"
#include "sl-experiment-form.h"
#include "sl-experiment-run.h"
#include "sl-experiments-view.h"
#include "sl-results-table.h"
#include "sl-run-everywhere.h"
#include "sl-run-progress.h"

G_BEGIN_DECLS

struct _SlExperimentsView
{
  GtkWidget          parent_instance;

  SlDocument        *document;       /* every edit goes through it */
  SlSession         *session;        /* the document's */
  SlExperiment      *experiment;     /* selected, owned by the session */
  gulong             changed_id;
  gulong             items_id;
  gulong             session_id;
  SlExperimentRun   *run;            /* the run in progress, or NULL */
  GCancellable      *cancellable;
  char              *status;
  guint              shown_run;      /* the run drawn and listed (0: none) */
  guint              beside_run;     /* a second run shown with it (0: none) */
  gboolean           filling_runs;   /* refilling the run lists */
  GArray            *run_ids;        /* guint: the ids behind run_names */
  SlRunEverywhere   *everywhere;     /* a run on every interpreter in progress, or NULL */
  GArray            *everywhere_ids; /* guint: the runs it kept, drawn together while
                                      * the shown run is one of them */

  /* template */
  GtkListBox        *experiment_list;
  GtkButton         *add_button;
  GtkButton         *remove_button;
  GtkButton         *cancel_button;
  SlExperimentForm  *form;
  SlRunProgress     *progress_bar;
  GtkLabel          *status_label;
  GtkLabel          *version_label;
  GtkDropDown       *chart_dropdown;
  GtkCheckButton    *linear_check;
  SlChartView       *chart_view;
  GtkDropDown       *run_dropdown;
  GtkDropDown       *beside_dropdown;
  GtkStringList     *run_names;
  GtkStringList     *beside_names;
  GtkInscription    *points_label;
  SlResultsTable    *results_table;
};

/* sl-experiments-view.c */
void  sl_experiments_view_set_status     (SlExperimentsView *self,
                                          const char        *text);
void  sl_experiments_view_toast          (SlExperimentsView *self,
                                          const char        *text);
void  sl_experiments_view_update_actions (SlExperimentsView *self);
void  sl_experiments_view_show_run       (SlExperimentsView *self,
                                          guint              id);
/* The experiment as drawn and exported: the shown runs only, the
 * window's version unless it compares several (transfer full). */
SlExperiment *sl_experiments_view_dup_shown (SlExperimentsView *self);

/* sl-experiments-everywhere.c: "Run on Every Interpreter" */
void  sl_experiments_view_run_everywhere (SlExperimentsView *self);

/* sl-experiments-actions.c */
void  sl_experiments_view_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
