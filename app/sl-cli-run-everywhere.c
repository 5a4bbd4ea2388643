/* sl-cli-run-everywhere.c: `slotlab-cli run … --backend live
 * --all-interpreters` — each selected experiment live on every interpreter
 * of this machine, one per profile (engine/lab/sl-run-everywhere.c does the
 * work; this prints).
 *
 * stdout: the CSV of PRODUCT.md with three more columns at the end,
 * `interpreter,profile,model_bytes` (where each point came from, and the
 * model's total at that count on that profile), unless --export names a
 * file.  stderr: progress on a terminal, and always one line per
 * interpreter when it ends — its exact version, path, and bytes per
 * instance measured against the model's for each strategy.
 */

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-cli-output.h"
#include "sl-cli-run-everywhere.h"
#include "sl-experiment-model.h"
#include "sl-file.h"
#include "sl-profile.h"
#include "sl-run-everywhere.h"
#ifdef SL_HAVE_CHART
#include "sl-chart.h"
#endif

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_BAD_INPUT = 2, EXIT_FAILED = 3 };

typedef struct {
  GMainLoop       *loop;
  SlRunEverywhere *everywhere;
  SlChain         *chain;
  SlExperiment    *experiment;
  GError          *error;
  gboolean         tty;
  gboolean         failed;
  gboolean         refused;
} State;

static void
progress_cb (SlRunEverywhere *everywhere,
             double           fraction,
             State           *state)
{
  guint running = 0, n = sl_run_everywhere_get_n_runs (everywhere);
  g_autofree char *name = NULL;

  if (!state->tty)
    return;
  for (guint i = 0; i < n; i++)
    running += sl_run_everywhere_get_run_started (everywhere, i) &&
               sl_experiment_run_is_running (sl_run_everywhere_get_run (everywhere, i));
  name = sl_cli_escape (sl_experiment_get_name (state->experiment));
  /* Straight to stderr: the carriage return and erase are ours. */
  fprintf (stderr, "\r\033[K%s: %3.0f%% on %u interpreters (%u running)", name,
           fraction * 100, n, running);
  fflush (stderr);
}

/* "as-declared 104 B (model 104), slots 56 B (model 56)" */
static char *
describe_figures (State         *state,
                  SlInterpreter *interpreter,
                  GPtrArray     *points)
{
  GArray *strategies = sl_experiment_get_strategies (state->experiment);
  SlMetric metric = sl_experiment_get_metric (state->experiment);
  g_autoptr(SlProfile) profile = sl_profile_lookup (sl_interpreter_get_profile_id (interpreter), NULL);
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < strategies->len; s++)
    {
      SlStrategy strategy = g_array_index (strategies, SlStrategy, s);
      double measured;
      g_autoptr(GError) error = NULL;
      SlModelLine *line;

      if (!sl_result_points_per_instance (points, sl_interpreter_get_version (interpreter),
                                          strategy, metric, &measured))
        continue;
      line = profile ? sl_experiment_model_line (state->chain,
                                                 sl_experiment_get_class_name (state->experiment),
                                                 profile, strategy, metric, &error) : NULL;
      g_string_append_printf (text, "%s%s %.0f B", text->len ? ", " : "",
                              sl_strategy_to_string (strategy), measured);
      if (line != NULL && line->refusal == NULL && line->unavailable == NULL)
        g_string_append_printf (text, " (model %.0f)", line->per_instance);
      g_clear_pointer (&line, sl_model_line_free);
    }
  return g_string_free (text, FALSE);
}

static void
run_finished_cb (SlRunEverywhere *everywhere,
                 guint            index,
                 State           *state)
{
  SlInterpreter *interpreter = sl_run_everywhere_get_interpreter (everywhere, index);
  SlExperimentRun *run = sl_run_everywhere_get_run (everywhere, index);
  const GError *error = sl_run_everywhere_get_run_error (everywhere, index);
  const char * const *refusals = sl_experiment_run_get_refusals (run);
  g_autofree char *figures = describe_figures (state, interpreter, sl_experiment_run_get_points (run));

  if (state->tty)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }
  /* The provenance of this version's result set: exact release and path. */
  sl_cli_printerr ("Python %s (%s, profile %s): %s%s%s%s",
                   sl_interpreter_get_version (interpreter),
                   sl_interpreter_get_path (interpreter),
                   sl_interpreter_get_profile_id (interpreter),
                   error ? "failed: " : "bytes per instance measured ",
                   error ? error->message : figures,
                   error && *figures ? "; measured before: " : "",
                   error && *figures ? figures : "");
  for (guint r = 0; refusals[r]; r++)
    {
      sl_cli_printerr ("Python %s: CPython refuses %s", sl_interpreter_get_version (interpreter), refusals[r]);
      state->refused = TRUE;
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state->failed = TRUE;
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  State *state = user_data;

  sl_run_everywhere_run_finish (SL_RUN_EVERYWHERE (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

int
sl_cli_run_everywhere (SlSession  *session,
                       GPtrArray  *selected,
                       double      timeout,
                       const char *export_path,
                       const char *chart_text)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) ran = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean failed = FALSE, refused = FALSE, cancelled = FALSE;
  guint sigint, sigterm;

  sigint = g_unix_signal_add (SIGINT, interrupt_cb, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, cancellable);

  for (guint i = 0; i < selected->len && !cancelled; i++)
    {
      SlExperiment *experiment = g_ptr_array_index (selected, i);
      g_autoptr(SlRunEverywhere) everywhere = sl_run_everywhere_new (experiment, sl_session_get_chain (session),
                                                                     sl_session_get_python (session));
      g_autoptr(GArray) ids = NULL;
      g_autofree char *rows = NULL;
      State state = { 0, };

      if (timeout > 0)
        sl_run_everywhere_set_timeout (everywhere, timeout);
      state.loop = g_main_loop_new (NULL, FALSE);
      state.everywhere = everywhere;
      state.chain = sl_session_get_chain (session);
      state.experiment = experiment;
      state.tty = isatty (STDERR_FILENO);
      g_signal_connect (everywhere, "progress", G_CALLBACK (progress_cb), &state);
      g_signal_connect (everywhere, "run-finished", G_CALLBACK (run_finished_cb), &state);
      sl_run_everywhere_run_async (everywhere, cancellable, done_cb, &state);
      g_main_loop_run (state.loop);
      g_main_loop_unref (state.loop);
      if (state.tty)
        {
          fputs ("\r\033[K", stderr);   /* erase the progress line: ours, not escaped */
          fflush (stderr);
        }

      ids = sl_run_everywhere_store_results (everywhere, experiment);
      g_ptr_array_add (ran, sl_experiment_copy_with_runs (experiment, (const guint *) ids->data, ids->len));
      rows = sl_run_everywhere_build_csv (everywhere);
      /* One header for every experiment. */
      g_string_append (csv, csv->len ? strchr (rows, '\n') + 1 : rows);

      failed |= state.failed;
      refused |= state.refused;
      if (state.error != NULL)
        {
          cancelled = g_error_matches (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          sl_cli_printerr ("%s%s", state.error->message,
                           cancelled && ids->len ? " (the points measured before are kept, marked partial)" : "");
          g_clear_error (&state.error);
          failed = TRUE;
        }
    }
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (export_path == NULL)
    fputs (csv->str, stdout);
  else if (g_str_has_suffix (export_path, ".csv"))
    {
      if (!sl_file_replace_contents (export_path, csv->str, csv->len, &error))
        {
          sl_cli_printerr ("%s", error->message);
          return EXIT_BAD_INPUT;
        }
    }
#ifdef SL_HAVE_CHART
  else
    {
      g_autoptr(SlChart) chart = sl_chart_new ();
      SlChartFormat format = SL_CHART_FORMAT_SVG;
      SlChartKind kind = SL_CHART_VERSIONS;   /* the across-versions chart, unless asked */
      gboolean linear = TRUE, png;

      if (chart_text != NULL)
        sl_chart_view_from_string (chart_text, &kind, &linear);
      sl_chart_format_from_path (export_path, &format);
      png = format == SL_CHART_FORMAT_PNG;
      sl_chart_set_experiment (chart, ran->len ? g_ptr_array_index (ran, 0) : g_ptr_array_index (selected, 0),
                               sl_session_get_chain (session), sl_session_get_python (session));
      sl_chart_set_kind (chart, kind);
      sl_chart_set_linear (chart, linear);
      if (!sl_chart_export (chart, export_path, format, png ? 1600 : 720, png ? 1000 : 450,
                            png ? 192 : 96, &error))
        {
          sl_cli_printerr ("%s", error->message);
          return EXIT_BAD_INPUT;
        }
    }
#endif
  return failed ? EXIT_FAILED : refused ? EXIT_REFUSED : EXIT_DONE;
}
