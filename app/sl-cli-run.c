/* sl-cli-run.c: `slotlab-cli run` — run a session's experiments.
 *
 *   slotlab-cli run SESSION [--experiment NAME] [--backend model|live]
 *                   [--interpreter PATH | --all-interpreters] [--export FILE] [--save]
 *
 * Results go into the session (written back with --save), the CSV of
 * PRODUCT.md goes to stdout unless --export names a file (.csv, .svg, .pdf,
 * .png).  The interpreter of a live run comes from --interpreter or from
 * discovery on this machine, never from the session.  Progress goes to
 * stderr when it is a terminal.  Exit status: 0 done; 1 CPython refuses a
 * strategy; 2 bad input or usage; 3 an experiment failed.
 */

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include "sl-document.h"
#include "sl-cli-output.h"
#include "sl-cli-run-everywhere.h"
#include "sl-experiment-run.h"
#include "sl-file.h"
#include "sl-interpreter.h"
#include "sl-results-csv.h"
#include "sl-session.h"
#include "sl-session-load-any.h"
#ifdef SL_HAVE_CHART
#include "sl-chart.h"
#endif

int sl_cli_run (int argc, char **argv);

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_BAD_INPUT = 2, EXIT_FAILED = 3 };

typedef struct {
  GMainLoop       *loop;
  GCancellable    *cancellable;
  SlExperimentRun *run;
  GError          *error;
  const char      *name;
  gboolean         tty;
} RunState;

static void
progress_cb (SlExperimentRun *run,
             double           fraction,
             RunState        *state)
{
  /* Straight to stderr: the carriage return is ours, the name is not. */
  if (state->tty)
    {
      g_autofree char *name = sl_cli_escape (state->name);

      fprintf (stderr, "\r%s: %3.0f%%", name, fraction * 100);
      fflush (stderr);
    }
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  sl_experiment_run_run_finish (SL_EXPERIMENT_RUN (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

/* --interpreter, or the first discovered interpreter of exactly the
 * experiment's version: the window's rule (sl_interpreter_is_version()),
 * never another version in its place. */
static SlInterpreter *
choose_interpreter (const char   *path,
                    const char   *wanted_python,
                    GError      **error)
{
  g_auto(GStrv) candidates = NULL;

  if (path != NULL)
    return sl_interpreter_probe (path, NULL, error);

  candidates = sl_interpreter_list_candidates_for (wanted_python);
  for (guint i = 0; candidates[i]; i++)
    {
      g_autoptr(SlInterpreter) it = sl_interpreter_probe (candidates[i], NULL, NULL);

      if (it != NULL && sl_interpreter_is_version (it, wanted_python))
        return g_steal_pointer (&it);
    }
  g_set_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
               "No Python interpreter found for Python %s on PATH, in ~/.pyenv/versions or in "
               "$SLOTLAB_PYTHONS_DIR; name one with --interpreter", wanted_python);
  return NULL;
}

/* sl-cli-import.c */
void sl_cli_print_notes (const char *path, GPtrArray *notes);

int
sl_cli_run (int    argc,
            char **argv)
{
  g_autofree char *experiment_name = NULL;
  g_autofree char *backend_text = NULL;
  g_autofree char *interpreter_path = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *chart_text = NULL;
  gboolean save = FALSE, all_interpreters = FALSE;
  double timeout = 0;
  const GOptionEntry entries[] = {
    { "experiment", 'e', 0, G_OPTION_ARG_STRING, &experiment_name, "Run only this experiment", "NAME" },
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &backend_text, "model or live (default: each experiment's own)", "BACKEND" },
    { "interpreter", 'i', 0, G_OPTION_ARG_FILENAME, &interpreter_path, "The Python of a live run", "PATH" },
    { "all-interpreters", 0, 0, G_OPTION_ARG_NONE, &all_interpreters, "Run live on every interpreter found here, one per profile", NULL },
    { "export", 'o', 0, G_OPTION_ARG_FILENAME, &export_path, "Write the results: .csv, .svg, .pdf or .png", "FILE" },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart_text, "Chart to export: memory (linear axes), memory-log, per-instance, parts or versions", "CHART" },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &timeout, "Seconds a live run may wait for a point (default 300)", "S" },
    { "save", 's', 0, G_OPTION_ARG_NONE, &save, "Store the results in SESSION", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("SESSION — run experiments, print their results as CSV");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlInterpreter) interpreter = NULL;
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);
  /* What this command ran: each experiment with only the run just made
   * (the session keeps the earlier ones; they are not printed again). */
  g_autoptr(GPtrArray) ran = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GListModel *experiments;
  SlBackend backend = SL_BACKEND_MODEL;
  gboolean backend_given = FALSE, any_live = FALSE, refused = FALSE, failed = FALSE;
  guint sigint, sigterm;
#ifdef SL_HAVE_CHART
  SlChartKind chart_kind = SL_CHART_MEMORY;
  gboolean chart_linear = TRUE;
#endif

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sl_cli_printerr ("%s", error->message);
      return EXIT_BAD_INPUT;
    }
  if (argc != 3)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }
  if (backend_text != NULL)
    {
      if (!sl_backend_from_string (backend_text, &backend))
        {
          sl_cli_printerr ("--backend “%s” is not model or live", backend_text);
          return EXIT_BAD_INPUT;
        }
      backend_given = TRUE;
    }
  if (all_interpreters && ((backend_given && backend != SL_BACKEND_LIVE) || interpreter_path != NULL))
    {
      sl_cli_printerr ("--all-interpreters runs live on the interpreters found here: "
                       "it takes neither --backend model nor --interpreter");
      return EXIT_BAD_INPUT;
    }
  if (export_path != NULL && !g_str_has_suffix (export_path, ".csv")
#ifdef SL_HAVE_CHART
      && !sl_chart_format_from_path (export_path, &(SlChartFormat) { 0 })
#endif
      )
    {
      g_printerr ("slotlab-cli: --export %s: the file name must end in .csv"
#ifdef SL_HAVE_CHART
                  ", .svg, .pdf or .png"
#endif
                  "\n", export_path);
      return EXIT_BAD_INPUT;
    }
#ifdef SL_HAVE_CHART
  if (chart_text != NULL && !sl_chart_view_from_string (chart_text, &chart_kind, &chart_linear))
    {
      sl_cli_printerr ("--chart “%s” is not memory, memory-linear, memory-log, per-instance, "
                       "parts or versions", chart_text);
      return EXIT_BAD_INPUT;
    }
#endif

  /* a session file or Python source (sl-session-load-any.h) */
  file = g_file_new_for_commandline_arg (argv[2]);
  {
    g_autoptr(GPtrArray) notes = NULL;

    session = sl_session_load_any_file (file, &notes, NULL, &error);
    if (session == NULL)
      {
        sl_cli_printerr ("%s: %s", argv[2], error->message);
        return EXIT_BAD_INPUT;
      }
    sl_cli_print_notes (argv[2], notes);
    /* --save would write JSON over the Python source */
    if (save && sl_python_source_looks_like (argv[2], NULL, 0))
      {
        g_printerr ("slotlab-cli: %s: --save writes a session; import the source first "
                    "(slotlab-cli import %s --output SESSION)\n", argv[2], argv[2]);
        return EXIT_BAD_INPUT;
      }
  }
  /* A file --save cannot replace is refused before the run, not after. */
  if (save && g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);

      if (!sl_file_check_replaceable (path, &error))
        {
          sl_cli_printerr ("%s: --save: %s", argv[2], error->message);
          return EXIT_BAD_INPUT;
        }
    }
  experiments = sl_session_get_experiments (session);
  for (guint i = 0; i < g_list_model_get_n_items (experiments); i++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (experiments, i);

      if (experiment_name == NULL || strcmp (sl_experiment_get_name (experiment), experiment_name) == 0)
        {
          any_live |= (backend_given ? backend : sl_experiment_get_backend (experiment)) == SL_BACKEND_LIVE;
          g_ptr_array_add (selected, g_steal_pointer (&experiment));
        }
    }
  if (selected->len == 0)
    {
      if (experiment_name != NULL)
        sl_cli_printerr ("%s: there is no experiment “%s”", argv[2], experiment_name);
      else
        sl_cli_printerr ("%s: the session has no experiment", argv[2]);
      return EXIT_BAD_INPUT;
    }

  if (all_interpreters)
    {
      int status = sl_cli_run_everywhere (session, selected, timeout, export_path, chart_text);

      if (save && !sl_session_save_to_file (session, file, NULL, &error))
        {
          sl_cli_printerr ("%s: %s", argv[2], error->message);
          return EXIT_BAD_INPUT;
        }
      return status;
    }

  if (any_live)
    {
      g_autoptr(SlDocument) document = sl_document_new_for_session (session, NULL);
      const char *wanted = sl_document_get_experiment_python (document, g_ptr_array_index (selected, 0));

      if (!(interpreter = choose_interpreter (interpreter_path, wanted, &error)))
        {
          sl_cli_printerr ("%s", error->message);
          return EXIT_FAILED;
        }
      if (isatty (STDERR_FILENO))
        {
          g_autofree char *label = sl_interpreter_dup_label (interpreter);
          g_printerr ("Live runs on %s\n", label);
        }
    }

  sigint = g_unix_signal_add (SIGINT, interrupt_cb, cancellable);
  sigterm = g_unix_signal_add (SIGTERM, interrupt_cb, cancellable);

  for (guint i = 0; i < selected->len; i++)
    {
      SlExperiment *experiment = g_ptr_array_index (selected, i);
      g_autoptr(SlExperimentRun) run = sl_experiment_run_new (experiment, sl_session_get_chain (session),
                                                              sl_session_get_python (session));
      RunState state = { 0, };
      const char * const *refusals;

      if (backend_given)
        sl_experiment_run_set_backend (run, backend);
      sl_experiment_run_set_interpreter (run, interpreter);
      if (timeout > 0)
        sl_experiment_run_set_timeout (run, timeout);
      state.loop = g_main_loop_new (NULL, FALSE);
      state.name = sl_experiment_get_name (experiment);
      state.tty = isatty (STDERR_FILENO);
      g_signal_connect (run, "progress", G_CALLBACK (progress_cb), &state);
      sl_experiment_run_run_async (run, cancellable, run_done_cb, &state);
      g_main_loop_run (state.loop);
      g_main_loop_unref (state.loop);
      if (state.tty)
        {
          fputs ("\r\033[K", stderr);   /* erase the progress line: ours, not escaped */
          fflush (stderr);
        }

      {
        guint id = sl_experiment_run_store_results (run, experiment);

        g_ptr_array_add (ran, sl_experiment_copy_with_runs (experiment, &id, id ? 1 : 0));
      }
      refusals = sl_experiment_run_get_refusals (run);
      for (guint r = 0; refusals[r]; r++)
        {
          sl_cli_printerr ("%s: CPython refuses %s", state.name, refusals[r]);
          refused = TRUE;
        }
      if (state.error != NULL)
        {
          sl_cli_printerr ("%s%s", state.error->message,
                      sl_experiment_run_get_points (run)->len &&
                      !g_error_matches (state.error, SL_EXPERIMENT_RUN_ERROR,
                                        SL_EXPERIMENT_RUN_ERROR_OVER_LIMIT)
                        ? " (the points measured before are kept, marked partial)" : "");
          g_clear_error (&state.error);
          failed = TRUE;
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (export_path == NULL || g_str_has_suffix (export_path, ".csv"))
    {
      g_autofree char *csv = sl_results_csv_build (ran);

      if (export_path == NULL)
        fputs (csv, stdout);
      else if (!sl_file_replace_contents (export_path, csv, strlen (csv), &error))
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
      gboolean png;

      sl_chart_format_from_path (export_path, &format);
      png = format == SL_CHART_FORMAT_PNG;
      sl_chart_set_experiment (chart, ran->len ? g_ptr_array_index (ran, 0) : g_ptr_array_index (selected, 0),
                               sl_session_get_chain (session),
                               sl_session_get_python (session));
      sl_chart_set_kind (chart, chart_kind);
      sl_chart_set_linear (chart, chart_linear);
      if (!sl_chart_export (chart, export_path, format, png ? 1600 : 720, png ? 1000 : 450,
                            png ? 192 : 96, &error))
        {
          sl_cli_printerr ("%s", error->message);
          return EXIT_BAD_INPUT;
        }
    }
#endif

  if (save && !sl_session_save_to_file (session, file, NULL, &error))
    {
      sl_cli_printerr ("%s: %s", argv[2], error->message);
      return EXIT_BAD_INPUT;
    }
  return failed ? EXIT_FAILED : refused ? EXIT_REFUSED : EXIT_DONE;
}
