/* sl-experiments-everywhere.c: the Experiments tab's "Run on Every
 * Interpreter" — the selected experiment live on every interpreter of this
 * machine, one per profile, through the engine's SlRunEverywhere (the same
 * orchestration as `slotlab-cli run --all-interpreters`): one progress bar
 * and one Cancel for the whole; each interpreter's run is kept like any
 * other (with its interpreter and time), and the across-versions chart
 * shows them together, the model's figure beside the measured one.
 */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-experiment-model.h"
#include "sl-experiments-view-private.h"
#include "sl-profile.h"
#include "sl-tooltip.h"

static void
everywhere_progress_cb (SlRunEverywhere   *everywhere,
                        double             fraction,
                        SlExperimentsView *self)
{
  guint n = sl_run_everywhere_get_n_runs (everywhere), done = 0;
  gboolean waiting = FALSE;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    return;   /* disposed: the run ends on its own */
  for (guint i = 0; i < n; i++)
    {
      SlExperimentRun *run = sl_run_everywhere_get_run (everywhere, i);

      done += sl_run_everywhere_get_run_started (everywhere, i) && !sl_experiment_run_is_running (run);
      waiting |= run != NULL && sl_experiment_run_is_waiting_for_cpu (run);
    }
  /* As a single run's: a crawl that other programs cause says so. */
  if (n == 0)
    text = g_strdup (_("Finding interpreters…"));
  else if (waiting)
    text = g_strdup_printf (_("%.0f %% — %u of %u interpreters done · waiting while other programs use the processors"),
                            fraction * 100, done, n);
  else
    text = g_strdup_printf (_("%.0f %% — %u of %u interpreters done"), fraction * 100, done, n);
  sl_run_progress_set_fraction (self->progress_bar, fraction);
  sl_run_progress_set_text (self->progress_bar, text);
}

static void
everywhere_waiting_cb (SlExperimentRun   *run,
                       GParamSpec        *pspec,
                       SlExperimentsView *self)
{
  if (self->everywhere != NULL)
    everywhere_progress_cb (self->everywhere, sl_run_everywhere_get_fraction (self->everywhere), self);
}

static void
everywhere_started_cb (SlRunEverywhere   *everywhere,
                       guint              index,
                       SlExperimentsView *self)
{
  g_autoptr(GString) text = g_string_new (_("Running on:"));
  guint n = sl_run_everywhere_get_n_runs (everywhere);

  if (self->session == NULL)
    return;
  g_signal_connect_object (sl_run_everywhere_get_run (everywhere, index), "notify::waiting-for-cpu",
                           G_CALLBACK (everywhere_waiting_cb), self, 0);
  /* Which interpreters run now: exact version and path. */
  for (guint i = 0; i < n; i++)
    {
      SlExperimentRun *run = sl_run_everywhere_get_run (everywhere, i);

      if (run != NULL && (i == index || sl_experiment_run_is_running (run)))
        {
          SlInterpreter *it = sl_run_everywhere_get_interpreter (everywhere, i);

          g_string_append_printf (text, "\n%s — %s", sl_interpreter_get_version (it), sl_interpreter_get_path (it));
        }
    }
  sl_experiments_view_set_status (self, text->str);
}

/* "Python 3.12.1 (/usr/bin/python3.12): As declared 104 B per instance
 * (model 104), __slots__ 56 B (model 56)" — figures from the engine. */
static void
append_line (GString         *status,
             SlRunEverywhere *everywhere,
             guint            index,
             SlExperiment    *experiment,
             SlChain         *chain)
{
  SlInterpreter *it = sl_run_everywhere_get_interpreter (everywhere, index);
  SlExperimentRun *run = sl_run_everywhere_get_run (everywhere, index);
  const GError *error = sl_run_everywhere_get_run_error (everywhere, index);
  GArray *strategies = sl_experiment_get_strategies (experiment);
  SlMetric metric = sl_experiment_get_metric (experiment);
  g_autoptr(SlProfile) profile = sl_profile_lookup (sl_interpreter_get_profile_id (it), NULL);
  gboolean first = TRUE;

  g_string_append_printf (status, "%sPython %s (%s): ", status->len ? "\n" : "",
                          sl_interpreter_get_version (it), sl_interpreter_get_path (it));
  if (run == NULL)
    {
      g_string_append (status, _("not started"));
      return;
    }
  if (error != NULL)
    {
      g_string_append (status, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                 ? _("cancelled") : error->message);
      if (sl_experiment_run_get_points (run)->len == 0)
        return;
      g_string_append (status, _("; measured before: "));
    }
  for (guint s = 0; s < strategies->len; s++)
    {
      SlStrategy strategy = g_array_index (strategies, SlStrategy, s);
      SlModelLine *line;
      double measured;

      if (!sl_result_points_per_instance (sl_experiment_run_get_points (run), sl_interpreter_get_version (it),
                                          strategy, metric, &measured))
        continue;
      line = profile ? sl_experiment_model_line (chain, sl_experiment_get_class_name (experiment),
                                                 profile, strategy, metric, NULL) : NULL;
      g_string_append_printf (status, "%s%s %.0f B", first ? "" : ", ", sl_strategy_get_label (strategy), measured);
      if (line != NULL && line->refusal == NULL && line->unavailable == NULL)
        g_string_append_printf (status, _(" (model %.0f)"), line->per_instance);
      g_clear_pointer (&line, sl_model_line_free);
      first = FALSE;
    }
}

static void
everywhere_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SlExperimentsView *self = user_data;
  g_autoptr(SlRunEverywhere) everywhere = SL_RUN_EVERYWHERE (object);
  g_autoptr(SlExperiment) target = g_object_ref (g_object_get_data (object, "experiment"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) status = g_string_new (NULL);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GString) versions = g_string_new (NULL);
  guint failed = 0, n;
  gboolean cancelled;

  sl_run_everywhere_run_finish (everywhere, result, &error);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (self->everywhere == everywhere)
    g_clear_object (&self->everywhere);
  g_clear_object (&self->cancellable);

  /* Each interpreter's run kept beside the earlier ones, complete or not. */
  ids = sl_run_everywhere_store_results (everywhere, target);
  if (self->session == NULL)
    {
      g_object_unref (self);   /* disposed while it ended */
      return;
    }
  n = sl_run_everywhere_get_n_runs (everywhere);
  for (guint i = 0; i < n; i++)
    {
      append_line (details, everywhere, i, target, sl_session_get_chain (self->session));
      if (sl_run_everywhere_get_run_error (everywhere, i) != NULL)
        {
          failed++;
          /* A failure is read at once, not only in the tooltip. */
          if (!cancelled)
            {
              g_autoptr(GString) line = g_string_new (NULL);

              append_line (line, everywhere, i, target, sl_session_get_chain (self->session));
              g_string_append_printf (failures, "\n%s", line->str);
            }
        }
      g_string_append_printf (versions, "%s%s", i ? ", " : "",
                              sl_interpreter_get_version (sl_run_everywhere_get_interpreter (everywhere, i)));
    }
  /* One line for the whole (the chart below shows the figures); each
   * interpreter's path and figures in the tooltip. */
  if (cancelled)
    g_string_append (status, _("The run was cancelled: every interpreter process was ended."));
  else if (error != NULL)
    g_string_append (status, error->message);
  else
    g_string_append_printf (status, g_dngettext (GETTEXT_PACKAGE,
                                                 "Measured on %u interpreter (%s), one run each; hover for paths and figures.",
                                                 "Measured on %u interpreters (%s), one run each; hover for paths and figures.",
                                                 n), n, versions->str);
  g_string_append (status, failures->str);

  sl_run_progress_set_fraction (self->progress_bar, cancelled || error ? 0 : 1);
  sl_run_progress_set_text (self->progress_bar,
                             cancelled ? _("Cancelled") : error || failed ? _("Done, with failures") : _("Done"));
  if (cancelled)
    sl_experiments_view_toast (self, _("Run cancelled"));
  else if (error == NULL)
    {
      g_autofree char *toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Measured on %u interpreter",
                                                             "Measured on %u interpreters", n - failed),
                                                n - failed);

      sl_experiments_view_toast (self, toast);
    }
  sl_experiments_view_set_status (self, status->str);
  sl_tooltip_set_text (GTK_WIDGET (self->status_label), details->len ? details->str : NULL);

  if (target == self->experiment && ids->len > 0)
    {
      /* The runs together on the across-versions chart: model and
       * measured side by side, version by version. */
      g_clear_pointer (&self->everywhere_ids, g_array_unref);
      self->everywhere_ids = g_array_ref (ids);
      self->beside_run = 0;
      gtk_drop_down_set_selected (self->chart_dropdown, SL_CHART_VERSIONS);
      sl_experiments_view_show_run (self, g_array_index (ids, guint, ids->len - 1));
    }
  sl_experiments_view_update_actions (self);
  g_object_unref (self);
}

void
sl_experiments_view_run_everywhere (SlExperimentsView *self)
{
  g_autoptr(SlRunEverywhere) everywhere = NULL;
  g_autoptr(SlExperiment) shown = NULL;

  if (self->run != NULL || self->everywhere != NULL || self->experiment == NULL || self->session == NULL)
    return;
  shown = sl_experiments_view_dup_shown (self);
  sl_experiment_clear_results (shown);
  everywhere = sl_run_everywhere_new (shown, sl_session_get_chain (self->session),
                                      sl_session_get_python (self->session));
  sl_run_everywhere_set_background (everywhere, TRUE);   /* the window keeps its frames */
  g_object_set_data_full (G_OBJECT (everywhere), "experiment", g_object_ref (self->experiment), g_object_unref);
  g_signal_connect (everywhere, "progress", G_CALLBACK (everywhere_progress_cb), self);
  g_signal_connect (everywhere, "run-started", G_CALLBACK (everywhere_started_cb), self);
  self->everywhere = g_object_ref (everywhere);
  self->cancellable = g_cancellable_new ();

  sl_run_progress_set_fraction (self->progress_bar, 0);
  sl_run_progress_set_text (self->progress_bar, _("Finding interpreters…"));
  sl_experiments_view_set_status (self, _("Looking for interpreters on PATH, in ~/.pyenv/versions and in "
                                          "$SLOTLAB_PYTHONS_DIR"));
  sl_experiments_view_update_actions (self);
  /* Discovery and the runs happen in the engine, off this loop's way. */
  sl_run_everywhere_run_async (everywhere, self->cancellable, everywhere_done_cb, g_object_ref (self));
  g_steal_pointer (&everywhere);   /* the callback owns it */
}
