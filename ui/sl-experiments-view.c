/* sl-experiments-view.c: the Experiments tab (template:
 * sl-experiments-view.ui; actions: sl-experiments-actions.c).
 *
 * The session's experiments, the form of the selected one
 * (SlExperimentForm), its runs and the chart and table of one of them
 * (SlResultsTable).  Every run is kept in the experiment until the user
 * removes it; the progress bar, the table and the chart always describe the
 * same run — the one in progress while there is one, else the one chosen
 * (with another beside it if asked).  The version is the window's (the
 * header's) unless the experiment compares several.  No widget here
 * computes a byte: the chart and the table show what the engine says.
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-experiments-view-private.h"
#include "sl-string-list.h"
#include "sl-tooltip.h"

G_DEFINE_FINAL_TYPE (SlExperimentsView, sl_experiments_view, GTK_TYPE_WIDGET)

static void refresh_chart (SlExperimentsView *self);
static void refresh_runs  (SlExperimentsView *self);

void
sl_experiments_view_set_status (SlExperimentsView *self,
                                const char        *text)
{
  g_free (self->status);
  self->status = g_strdup (text ? text : "");
  gtk_label_set_text (self->status_label, self->status);
  sl_tooltip_set_text (GTK_WIDGET (self->status_label), NULL);   /* details: the caller's */
  /* The label keeps its line when empty: a status that appears when Run
   * is pressed would push the chart down, and the frame after Run would
   * repaint the whole of it at a new size (issue 13). */
}

void
sl_experiments_view_toast (SlExperimentsView *self,
                           const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

static void
form_message_cb (SlExperimentsView *self,
                 const char        *text)
{
  sl_experiments_view_set_status (self, text);
}

/* ---- the list ---- */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SlExperiment *experiment = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", sl_experiment_get_class_name (experiment),
                                               sl_metric_to_string (sl_experiment_get_metric (experiment)),
                                               sl_backend_to_string (sl_experiment_get_backend (experiment)));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_experiment_get_name (experiment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
experiment_changed_cb (SlExperimentsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->experiment_list);

  /* The row's title follows the name. */
  if (row != NULL && ADW_IS_PREFERENCES_ROW (row) && self->experiment != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_experiment_get_name (self->experiment));
  /* A change the form did not make (undo, redo) shows in the form too; a
   * run's results only redraw the chart and the runs. */
  if (self->run == NULL)
    sl_experiment_form_reload (self->form);
  refresh_runs (self);
  refresh_chart (self);
}

static void
select_experiment (SlExperimentsView *self,
                   SlExperiment      *experiment)
{
  if (self->experiment == experiment)
    return;
  if (self->experiment && self->changed_id)
    g_signal_handler_disconnect (self->experiment, self->changed_id);
  self->changed_id = 0;
  g_set_object (&self->experiment, experiment);
  g_clear_pointer (&self->everywhere_ids, g_array_unref);   /* another experiment's runs */
  self->shown_run = experiment ? sl_experiment_get_last_run (experiment) : 0;
  self->beside_run = 0;
  if (experiment != NULL)
    self->changed_id = g_signal_connect_swapped (experiment, "changed", G_CALLBACK (experiment_changed_cb), self);
  sl_experiment_form_set_experiment (self->form, experiment);
  refresh_runs (self);
  refresh_chart (self);
  sl_experiments_view_update_actions (self);
}

static void
row_selected_cb (GtkListBox        *box,
                 GtkListBoxRow     *row,
                 SlExperimentsView *self)
{
  g_autoptr(SlExperiment) experiment = NULL;

  if (self->run != NULL)
    return;    /* the list is locked while a run goes on */
  if (row != NULL && self->session != NULL)
    experiment = g_list_model_get_item (sl_session_get_experiments (self->session),
                                        gtk_list_box_row_get_index (row));
  if (experiment != NULL || row == NULL)
    select_experiment (self, experiment);
}

void
sl_experiments_view_select (SlExperimentsView *self,
                            guint              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->experiment_list, index);

  if (row != NULL)
    gtk_list_box_select_row (self->experiment_list, row);
}

static void
items_changed_cb (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  SlExperimentsView *self)
{
  if (g_list_model_get_n_items (model) == 0)
    select_experiment (self, NULL);
  else if (gtk_list_box_get_selected_row (self->experiment_list) == NULL)
    sl_experiments_view_select (self, MIN (position, g_list_model_get_n_items (model) - 1));
}

/* The header's version changed (the session's "python"). */
static void
python_changed_cb (SlExperimentsView *self)
{
  sl_experiment_form_refresh (self->form);
  refresh_chart (self);
}

void
sl_experiments_view_set_document (SlExperimentsView *self,
                                  SlDocument        *document)
{
  SlSession *session = document ? sl_document_get_session (document) : NULL;

  g_return_if_fail (SL_IS_EXPERIMENTS_VIEW (self));

  sl_experiments_view_cancel (self);
  if (self->session && self->items_id)
    g_signal_handler_disconnect (sl_session_get_experiments (self->session), self->items_id);
  if (self->session && self->session_id)
    g_signal_handler_disconnect (self->session, self->session_id);
  self->items_id = self->session_id = 0;
  select_experiment (self, NULL);
  g_set_object (&self->document, document);
  g_set_object (&self->session, session);
  sl_experiment_form_set_document (self->form, document);
  gtk_list_box_bind_model (self->experiment_list,
                           session ? sl_session_get_experiments (session) : NULL,
                           create_row, self, NULL);
  if (session != NULL)
    {
      self->items_id = g_signal_connect (sl_session_get_experiments (session), "items-changed",
                                         G_CALLBACK (items_changed_cb), self);
      self->session_id = g_signal_connect_swapped (session, "notify::python",
                                                   G_CALLBACK (python_changed_cb), self);
      sl_experiments_view_select (self, 0);
    }
  sl_experiments_view_set_status (self, "");
  sl_run_progress_set_fraction (self->progress_bar, 0);
  sl_run_progress_set_text (self->progress_bar, "");
}

/* ---- runs ---- */

static char *
run_label (const SlRunInfo *run,
           GDateTime       *now)
{
  g_autofree char *when = NULL;

  if (run->time != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (run->time);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

      /* The time of day, the date too when it was not today. */
      if (local != NULL)
        when = g_date_time_format (local, g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now) &&
                                          g_date_time_get_year (local) == g_date_time_get_year (now)
                                          ? "%H:%M" : "%x %H:%M");
    }
  /* "#3 live 3.12.1, 08:14, partial" */
  return g_strdup_printf ("#%u %s %s%s%s%s", run->id, sl_backend_to_string (run->backend), run->python,
                          when ? ", " : "", when ? when : "", run->partial ? _(", partial") : "");
}

static void
refresh_runs (SlExperimentsView *self)
{
  g_autoptr(GPtrArray) runs = self->experiment ? sl_experiment_dup_runs (self->experiment) : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) beside = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint shown = GTK_INVALID_LIST_POSITION, other = 0;
  gboolean shown_kept = FALSE, beside_kept = FALSE;

  g_array_set_size (self->run_ids, 0);
  g_ptr_array_add (beside, g_strdup (_("None")));
  for (guint i = 0; runs && i < runs->len; i++)
    {
      SlRunInfo *run = g_ptr_array_index (runs, i);

      shown_kept |= run->id == self->shown_run;
      beside_kept |= run->id == self->beside_run;
    }
  /* A run that is gone (removed, undone) leaves the newest in its place. */
  if (!shown_kept && self->run == NULL)
    self->shown_run = self->experiment ? sl_experiment_get_last_run (self->experiment) : 0;
  if (!beside_kept || self->beside_run == self->shown_run)
    self->beside_run = 0;
  for (guint i = 0; runs && i < runs->len; i++)
    {
      SlRunInfo *run = g_ptr_array_index (runs, i);

      g_array_append_val (self->run_ids, run->id);
      g_ptr_array_add (labels, run_label (run, now));
      g_ptr_array_add (beside, g_strdup (g_ptr_array_index (labels, i)));
      if (run->id == self->shown_run)
        shown = i;
      if (run->id == self->beside_run)
        other = i + 1;
    }
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (beside, NULL);
  self->filling_runs = TRUE;
  sl_string_list_set (self->run_names, (const char * const *) labels->pdata);
  sl_string_list_set (self->beside_names, (const char * const *) beside->pdata);
  gtk_drop_down_set_selected (self->run_dropdown, shown);
  gtk_drop_down_set_selected (self->beside_dropdown, other);
  self->filling_runs = FALSE;
  sl_experiments_view_update_actions (self);
}

void
sl_experiments_view_show_run (SlExperimentsView *self,
                              guint              id)
{
  self->shown_run = id;
  if (self->beside_run == id)
    self->beside_run = 0;
  refresh_runs (self);
  refresh_chart (self);
}

static void
run_chosen_cb (SlExperimentsView *self)
{
  guint i = gtk_drop_down_get_selected (self->run_dropdown);

  if (self->filling_runs || self->run != NULL || i >= self->run_ids->len)
    return;
  sl_experiments_view_show_run (self, g_array_index (self->run_ids, guint, i));
}

static void
beside_chosen_cb (SlExperimentsView *self)
{
  guint i = gtk_drop_down_get_selected (self->beside_dropdown);

  if (self->filling_runs || self->run != NULL)
    return;
  self->beside_run = i > 0 && i - 1 < self->run_ids->len ? g_array_index (self->run_ids, guint, i - 1) : 0;
  if (self->beside_run == self->shown_run)
    self->beside_run = 0;
  refresh_chart (self);
}

/* ---- the chart and the table ---- */

SlExperiment *
sl_experiments_view_dup_shown (SlExperimentsView *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  SlExperiment *shown;
  g_auto(GStrv) pythons = NULL;

  if (self->experiment == NULL)
    return NULL;
  /* During a run: none of the kept runs, only the points coming in. */
  if (self->run == NULL && self->shown_run != 0)
    g_array_append_val (ids, self->shown_run);
  /* After a run on every interpreter: its runs together, one per version
   * (sl-experiments-everywhere.c). */
  if (self->run == NULL && self->everywhere_ids != NULL && self->shown_run != 0)
    for (guint i = 0; i < self->everywhere_ids->len; i++)
      if (g_array_index (self->everywhere_ids, guint, i) == self->shown_run)
        {
          g_array_set_size (ids, 0);
          g_array_append_vals (ids, self->everywhere_ids->data, self->everywhere_ids->len);
          break;
        }
  if (self->run == NULL && self->beside_run != 0)
    g_array_append_val (ids, self->beside_run);
  shown = sl_experiment_copy_with_runs (self->experiment, (const guint *) ids->data, ids->len);
  pythons = sl_experiment_dup_pythons_for (self->experiment,
                                           self->session ? sl_session_get_python (self->session) : NULL);
  sl_experiment_set_pythons (shown, (const char * const *) pythons);
  return shown;
}

static void
refresh_version_label (SlExperimentsView *self)
{
  g_autofree char *text = NULL;

  if (self->experiment == NULL || self->session == NULL)
    text = g_strdup ("");
  else if (sl_experiment_compares_versions (self->experiment))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) sl_experiment_get_pythons (self->experiment));

      text = g_strdup_printf (_("Compares Python %s"), list);
    }
  else
    text = g_strdup_printf (_("Python %s"), sl_session_get_python (self->session));
  gtk_label_set_text (self->version_label, text);
}

/* No run to show: the points a run would measure, pending — what Run
 * will fill in.  It also lays the rows out now, not in the frame that
 * starts a live run: that run's plan then takes them in place
 * (sl_experiments_view_run, issue 13). */
static void
show_plan (SlExperimentsView *self)
{
  g_autoptr(SlExperiment) shown = sl_experiments_view_dup_shown (self);
  g_autoptr(SlExperimentRun) would = NULL;
  g_autoptr(GPtrArray) plan = NULL;

  if (shown == NULL || self->session == NULL)
    {
      sl_results_table_set_points (self->results_table, NULL);
      return;
    }
  would = sl_experiment_run_new (shown, sl_session_get_chain (self->session),
                                 sl_session_get_python (self->session));
  sl_experiment_run_set_interpreter (would, sl_experiment_form_get_interpreter (self->form));
  plan = sl_experiment_run_dup_plan (would);
  sl_results_table_expect_points (self->results_table, plan);
}

static void
refresh_table (SlExperimentsView *self)
{
  g_autofree char *text = NULL;
  guint n;

  if (self->run != NULL)
    return;    /* filled point by point (point_cb) */
  if (self->experiment == NULL)
    sl_results_table_set_points (self->results_table, NULL);
  else if (self->shown_run == 0)
    show_plan (self);
  else
    {
      g_autoptr(GPtrArray) points = sl_experiment_dup_run_points (self->experiment, self->shown_run);

      if (self->beside_run != 0)
        {
          g_autoptr(GPtrArray) more = sl_experiment_dup_run_points (self->experiment, self->beside_run);

          for (guint i = 0; i < more->len; i++)
            g_ptr_array_add (points, sl_result_point_copy (g_ptr_array_index (more, i)));
        }
      sl_results_table_set_points (self->results_table, points);
    }
  n = sl_results_table_get_n_rows (self->results_table);
  if (self->beside_run != 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point of runs #%u and #%u", "%u points of runs #%u and #%u", n),
                            n, self->shown_run, self->beside_run);
  else if (self->shown_run != 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point of run #%u", "%u points of run #%u", n),
                            n, self->shown_run);
  else if (n > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point to measure: press Run (Ctrl+R)",
                                         "%u points to measure: press Run (Ctrl+R)", n), n);
  else
    text = g_strdup ("");
  gtk_inscription_set_text (self->points_label, text);
  /* Where a live run's figures came from. */
  if (self->shown_run != 0 && n > 0)
    sl_tooltip_set_text (GTK_WIDGET (self->points_label),
                                 sl_results_table_get_point (self->results_table, 0)->interpreter);
}

static void
refresh_chart (SlExperimentsView *self)
{
  SlChart *chart = sl_chart_view_get_chart (self->chart_view);
  g_autoptr(SlExperiment) shown = sl_experiments_view_dup_shown (self);

  sl_chart_set_experiment (chart, shown,
                           self->session ? sl_session_get_chain (self->session) : NULL,
                           self->session ? sl_session_get_python (self->session) : NULL);
  sl_chart_set_kind (chart, gtk_drop_down_get_selected (self->chart_dropdown));
  sl_chart_set_linear (chart, gtk_check_button_get_active (self->linear_check));
  if (self->run == NULL)
    sl_chart_set_extra_points (chart, NULL);
  sl_chart_view_queue_draw (self->chart_view);
  refresh_version_label (self);
  refresh_table (self);
}

static void
chart_options_cb (SlExperimentsView *self)
{
  refresh_chart (self);
}

/* ---- running ---- */

gboolean
sl_experiments_view_is_running (SlExperimentsView *self)
{
  return self->run != NULL || self->everywhere != NULL;
}

const char *
sl_experiments_view_get_status (SlExperimentsView *self)
{
  return self->status;
}

guint
sl_experiments_view_get_n_interpreters (SlExperimentsView *self)
{
  return sl_experiment_form_get_n_interpreters (self->form);
}

GtkWidget *
sl_experiments_view_get_chart_view (SlExperimentsView *self)
{
  return GTK_WIDGET (self->chart_view);
}

SlResultsTable *
sl_experiments_view_get_results_table (SlExperimentsView *self)
{
  return self->results_table;
}

guint
sl_experiments_view_get_shown_run (SlExperimentsView *self)
{
  return self->run ? 0 : self->shown_run;
}

const char *
sl_experiments_view_get_version_text (SlExperimentsView *self)
{
  return gtk_label_get_text (self->version_label);
}

double
sl_experiments_view_get_progress (SlExperimentsView *self)
{
  return sl_run_progress_get_fraction (self->progress_bar);
}

/* A locked widget takes no new focus, but one that has it keeps it: keys
 * would still move the list's selection or type into the form, and the
 * form ignores edits while a run goes on — so what was typed would show
 * and be lost.  Focus goes to Cancel, the one thing a run lets you do. */
static void
move_focus_out_of_locked (SlExperimentsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL)
    return;
  if (focus == GTK_WIDGET (self->experiment_list)
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->experiment_list))
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form)))
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

void
sl_experiments_view_update_actions (SlExperimentsView *self)
{
  gboolean running = self->run != NULL || self->everywhere != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.run", !running && self->experiment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.run-everywhere", !running && self->experiment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.export", self->experiment != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.copy", self->experiment != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.remove-run", !running && self->shown_run != 0);
  /* Insensitive, not hidden: the buttons beside it stay where they are. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), !running);
  if (running)
    move_focus_out_of_locked (self);
  /* Locked rather than insensitive, as the form is: greying the whole
   * list repaints it in the frame after Run (issue 13). */
  gtk_widget_set_can_target (GTK_WIDGET (self->experiment_list), !running);
  gtk_widget_set_can_focus (GTK_WIDGET (self->experiment_list), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_dropdown), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->beside_dropdown), !running);
  sl_experiment_form_set_running (self->form, running);
  /* The run's interpreters give way to the window; so do the chart's
   * renders of what they measure. */
  sl_chart_view_set_background (self->chart_view, running);
}

static void
point_cb (SlExperimentRun     *run,
          const SlResultPoint *point,
          SlExperimentsView   *self)
{
  g_autofree char *text = NULL;
  guint n;

  sl_chart_add_extra_point (sl_chart_view_get_chart (self->chart_view), point);
  sl_chart_view_queue_draw (self->chart_view);
  sl_results_table_add_point (self->results_table, point);
  n = sl_results_table_get_n_points (self->results_table);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point so far", "%u points so far", n), n);
  gtk_inscription_set_text (self->points_label, text);
}

/* "16 %", and why a run crawls when its interpreters wait for the CPU
 * (they give way to every other program: sl_experiment_run_set_background). */
static void
show_progress (SlExperimentsView *self,
               SlExperimentRun   *run)
{
  double percent = sl_run_progress_get_fraction (self->progress_bar) * 100;
  g_autofree char *text = sl_experiment_run_is_waiting_for_cpu (run)
    ? g_strdup_printf (_("%.0f %% · waiting while other programs use the processors"), percent)
    : g_strdup_printf ("%.0f %%", percent);

  sl_run_progress_set_text (self->progress_bar, text);
}

static void
progress_cb (SlExperimentRun   *run,
             double             fraction,
             SlExperimentsView *self)
{
  sl_run_progress_set_fraction (self->progress_bar, fraction);
  show_progress (self, run);
}

static void
waiting_for_cpu_cb (SlExperimentRun   *run,
                    GParamSpec        *pspec,
                    SlExperimentsView *self)
{
  show_progress (self, run);
}

/* The newest run that finished, or 0. */
static guint
newest_complete_run (SlExperiment *experiment)
{
  g_autoptr(GPtrArray) runs = sl_experiment_dup_runs (experiment);

  for (guint i = runs->len; i > 0; i--)
    if (!((SlRunInfo *) g_ptr_array_index (runs, i - 1))->partial)
      return ((SlRunInfo *) g_ptr_array_index (runs, i - 1))->id;
  return 0;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SlExperimentsView *self = user_data;
  g_autoptr(SlExperimentRun) run = SL_EXPERIMENT_RUN (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlExperiment) target = g_object_ref (g_object_get_data (object, "experiment"));
  const char * const *refusals;
  g_autoptr(GString) status = g_string_new (NULL);
  guint kept, complete;
  gboolean cancelled;

  sl_experiment_run_run_finish (run, result, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  complete = newest_complete_run (target);
  if (self->run == run)
    g_clear_object (&self->run);
  g_clear_object (&self->cancellable);

  /* Kept beside the earlier runs, complete or not. */
  kept = sl_experiment_run_store_results (run, target);
  if (self->session == NULL)
    {
      /* The view was disposed while the run ended: nothing left to show. */
      g_object_unref (self);
      return;
    }
  /* Until the first point it said "Waiting for the first point…". */
  sl_results_table_set_placeholder (self->results_table, _("No results yet: press Run (Ctrl+R)."));
  refusals = sl_experiment_run_get_refusals (run);
  for (guint i = 0; refusals[i]; i++)
    g_string_append_printf (status, "%sCPython refuses %s", status->len ? "\n" : "", refusals[i]);
  if (error != NULL)
    {
      g_string_prepend (status, "\n");
      g_string_prepend (status, cancelled ? _("The run was cancelled: every interpreter process was ended.")
                                          : error->message);
      if (kept != 0 && !g_error_matches (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_OVER_LIMIT))
        {
          guint n = sl_experiment_run_get_points (run)->len;
          g_autofree char *partial = n == 1
            ? g_strdup_printf (_("\nThe point measured before is kept as run #%u, marked partial."), kept)
            : g_strdup_printf (_("\nThe %u points measured before are kept as run #%u, marked partial."), n, kept);

          g_string_append (status, partial);
        }
      sl_experiments_view_toast (self, cancelled ? _("Run cancelled") : _("The run failed"));
      /* A complete run stays the one shown: what was cancelled or failed
       * is in the list of runs, not in its place. */
      sl_run_progress_set_fraction (self->progress_bar, 0);
      sl_run_progress_set_text (self->progress_bar, cancelled ? _("Cancelled") : _("Failed"));
      self->shown_run = complete ? complete : kept;
    }
  else
    {
      g_autofree char *done = g_strdup_printf (_("%u points"), sl_experiment_run_get_points (run)->len);

      g_string_prepend (status, status->len ? "\n" : "");
      g_string_prepend (status, done);
      sl_run_progress_set_fraction (self->progress_bar, 1);
      sl_run_progress_set_text (self->progress_bar, _("Done"));
      self->shown_run = kept;
    }
  self->beside_run = 0;
  sl_experiments_view_set_status (self, status->str);
  sl_experiments_view_update_actions (self);
  if (target == self->experiment)
    {
      refresh_runs (self);
      refresh_chart (self);
    }
  g_object_unref (self);
}

void
sl_experiments_view_run (SlExperimentsView *self)
{
  g_autoptr(SlExperimentRun) run = NULL;
  g_autoptr(SlExperiment) shown = NULL;
  SlInterpreter *interp;
  gboolean live;

  if (self->run != NULL || self->everywhere != NULL || self->experiment == NULL || self->session == NULL)
    return;
  /* The window's version (or the versions compared), never a stale one. */
  shown = sl_experiments_view_dup_shown (self);
  sl_experiment_clear_results (shown);
  run = sl_experiment_run_new (shown, sl_session_get_chain (self->session),
                               sl_session_get_python (self->session));
  interp = sl_experiment_form_get_interpreter (self->form);
  sl_experiment_run_set_interpreter (run, interp);
  sl_experiment_run_set_background (run, TRUE);   /* the window keeps its frames */
  g_object_set_data_full (G_OBJECT (run), "experiment", g_object_ref (self->experiment), g_object_unref);
  g_signal_connect (run, "point", G_CALLBACK (point_cb), self);
  g_signal_connect (run, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect (run, "notify::waiting-for-cpu", G_CALLBACK (waiting_for_cpu_cb), self);
  self->run = g_object_ref (run);
  self->cancellable = g_cancellable_new ();
  self->beside_run = 0;

  /* From here on, progress, table and chart describe this run. */
  sl_run_progress_set_fraction (self->progress_bar, 0);
  sl_run_progress_set_text (self->progress_bar, _("Running…"));
  /* A live run's table is its plan, laid out once run_async has made it
   * (below); the model's points all come within run_async. */
  live = sl_experiment_run_get_backend (run) == SL_BACKEND_LIVE;
  if (!live)
    sl_results_table_set_points (self->results_table, NULL);
  sl_results_table_set_placeholder (self->results_table, _("Waiting for the first point…"));
  gtk_inscription_set_text (self->points_label, _("Waiting for the first point…"));
  refresh_chart (self);
  sl_chart_set_extra_points (sl_chart_view_get_chart (self->chart_view), NULL);
  sl_experiments_view_set_status (self, live && interp ? sl_interpreter_get_path (interp) : "");
  sl_experiments_view_update_actions (self);
  sl_experiment_run_run_async (run, self->cancellable, run_done_cb, g_object_ref (self));
  /* Every row now, filled in point by point (point_cb): no row is added
   * while points stream in, so no point relayouts the window (issue 13).
   * The rows shown before (the plan, or a run with as many points) are
   * kept, their cells changed in place. */
  if (live)
    sl_results_table_expect_points (self->results_table, sl_experiment_run_get_planned_points (run));
  g_steal_pointer (&run);   /* the callback owns it */
}

void
sl_experiments_view_cancel (SlExperimentsView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- the widget ---- */

static void
add_experiment_cb (SlExperimentsView *self)
{
  SlChain *chain;
  g_autoptr(SlExperiment) experiment = NULL;
  g_autofree char *name = NULL;
  const char *pythons[] = { NULL, NULL };
  static const SlStrategy strategies[] = { SL_STRATEGY_AS_DECLARED, SL_STRATEGY_DICT, SL_STRATEGY_SLOTS };

  if (self->session == NULL || self->run != NULL)
    return;
  chain = sl_session_get_chain (self->session);
  name = g_strdup_printf (_("Experiment %u"),
                          g_list_model_get_n_items (sl_session_get_experiments (self->session)) + 1);
  experiment = sl_experiment_new (name, sl_chain_get_n_classes (chain)
                                          ? sl_class_get_name (sl_chain_get_class (chain, sl_chain_get_n_classes (chain) - 1))
                                          : "");
  pythons[0] = sl_session_get_python (self->session);
  sl_experiment_set_pythons (experiment, pythons);
  sl_experiment_set_strategies (experiment, strategies, G_N_ELEMENTS (strategies));
  sl_document_add_experiment (self->document, experiment);
  sl_experiments_view_select (self, g_list_model_get_n_items (sl_session_get_experiments (self->session)) - 1);
}

static void
remove_experiment_cb (SlExperimentsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->experiment_list);

  if (row == NULL || self->session == NULL || self->run != NULL)
    return;
  select_experiment (self, NULL);
  sl_document_remove_experiment (self->document, gtk_list_box_row_get_index (row));
}

/* Leaving the window (closing it, quitting) ends the run: the run's own
 * callback keeps this view alive, so dispose alone would come too late. */
static void
sl_experiments_view_unroot (GtkWidget *widget)
{
  sl_experiments_view_cancel (SL_EXPERIMENTS_VIEW (widget));
  GTK_WIDGET_CLASS (sl_experiments_view_parent_class)->unroot (widget);
}

static void
sl_experiments_view_dispose (GObject *object)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (object);

  sl_experiments_view_cancel (self);
  if (self->session && self->items_id)
    g_signal_handler_disconnect (sl_session_get_experiments (self->session), self->items_id);
  if (self->session && self->session_id)
    g_signal_handler_disconnect (self->session, self->session_id);
  self->items_id = self->session_id = 0;
  if (self->experiment && self->changed_id)
    g_signal_handler_disconnect (self->experiment, self->changed_id);
  self->changed_id = 0;
  g_clear_object (&self->experiment);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->run_ids, g_array_unref);
  g_clear_pointer (&self->everywhere_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_EXPERIMENTS_VIEW);
  {
    GtkWidget *child;

    /* The template's root is no bound child: it goes here. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sl_experiments_view_parent_class)->dispose (object);
}

static void
sl_experiments_view_class_init (SlExperimentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_experiments_view_dispose;
  widget_class->unroot = sl_experiments_view_unroot;

  g_type_ensure (SL_TYPE_CHART_VIEW);
  g_type_ensure (SL_TYPE_EXPERIMENT_FORM);
  g_type_ensure (SL_TYPE_RESULTS_TABLE);
  g_type_ensure (SL_TYPE_RUN_PROGRESS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/slotlab/SlotLab/ui/sl-experiments-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, experiment_list);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, form);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, version_label);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, linear_check);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, chart_view);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, run_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, beside_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, run_names);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, beside_names);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, points_label);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, results_table);

  sl_experiments_view_class_install_actions (widget_class);
}

static void
sl_experiments_view_init (SlExperimentsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->run_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (self->experiment_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_experiment_cb), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_experiment_cb), self);
  g_signal_connect_swapped (self->chart_dropdown, "notify::selected", G_CALLBACK (chart_options_cb), self);
  g_signal_connect_swapped (self->linear_check, "toggled", G_CALLBACK (chart_options_cb), self);
  g_signal_connect_swapped (self->run_dropdown, "notify::selected", G_CALLBACK (run_chosen_cb), self);
  g_signal_connect_swapped (self->beside_dropdown, "notify::selected", G_CALLBACK (beside_chosen_cb), self);
  g_signal_connect_swapped (self->form, "message", G_CALLBACK (form_message_cb), self);
  /* The plan shown before a run names the interpreter's version. */
  g_signal_connect_swapped (self->form, "interpreter-changed", G_CALLBACK (refresh_table), self);
  sl_experiments_view_set_status (self, "");
  sl_experiments_view_update_actions (self);
}
