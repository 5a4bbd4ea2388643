/* test-run-everywhere.c: one experiment live on every interpreter here.
 *
 * - which interpreters: one per profile, the same whatever order they
 *   were found in (stand-ins answering as given releases);
 * - live: every interpreter of this machine that a profile covers (at
 *   least two, else skipped) measures a chain whose attributes hold a
 *   float and a 12-character str; each version's bytes per instance, from
 *   its own points, equal the engine's model for that profile, and every
 *   point names the exact release and path it came from;
 * - cancel: stand-ins that hang; cancelling ends every process of every
 *   run, never starts the runs still waiting, and no more run at once
 *   than the budget;
 * - slotlab-cli run --all-interpreters killed with SIGTERM mid-run leaves
 *   no process and exits 3.
 */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "live-helpers.h"
#include "sl-experiment-model.h"
#include "sl-profile.h"
#include "sl-run-everywhere.h"
#include "sl-session.h"

static char *tmp_dir;

/* A stand-in that answers "hello" as CPython `release` (its sys.executable
 * itself: discovery keeps one interpreter per executable) and then runs the
 * shell commands `then` (absolute paths: the CLI test empties PATH). */
static char *
write_stand_in (const char *dir,
                const char *name,
                const char *release,
                const char *then)
{
  g_autofree char *script = g_strdup_printf (
    "#!/bin/sh\n"
    "input=$(/bin/cat)\n"
    "echo '{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"%s\", "
    "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"'\"$0\"'\"}'\n"
    "case \"$input\" in *hello*) exit 0;; esac\n"
    "%s\n", release, then);

  return sl_test_write_script (dir, name, script);
}

static SlInterpreter *
stand_in (const char *name,
          const char *release,
          const char *then)
{
  g_autofree char *path = write_stand_in (tmp_dir, name, release, then);
  g_autoptr(GError) error = NULL;
  SlInterpreter *it = sl_interpreter_probe (path, NULL, &error);

  g_assert_no_error (error);
  return it;
}

static void
test_pick_one_per_profile (void)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) a = NULL, b = NULL;

  g_ptr_array_add (found, stand_in ("b-3.12.1", "3.12.1", "exit 0"));
  g_ptr_array_add (found, stand_in ("a-3.12.1", "3.12.1", "exit 0"));
  g_ptr_array_add (found, stand_in ("z-3.12.10", "3.12.10", "exit 0"));
  g_ptr_array_add (found, stand_in ("only-3.11.7", "3.11.7", "exit 0"));
  g_ptr_array_add (found, stand_in ("new-3.16.0", "3.16.0", "exit 0"));   /* no profile covers it */
  for (guint i = found->len; i > 0; i--)
    g_ptr_array_add (reversed, g_object_ref (g_ptr_array_index (found, i - 1)));

  a = sl_run_everywhere_pick_interpreters (found);
  b = sl_run_everywhere_pick_interpreters (reversed);
  /* Profiles oldest first; in 3.12, the newest release (3.12.10 > 3.12.1
   * as numbers, not as text). */
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpstr (sl_interpreter_get_release (g_ptr_array_index (a, 0)), ==, "3.11.7");
  g_assert_cmpstr (sl_interpreter_get_release (g_ptr_array_index (a, 1)), ==, "3.12.10");
  g_assert_cmpuint (b->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (g_ptr_array_index (a, i) == g_ptr_array_index (b, i));

  /* Equal releases: the first path in byte order, whatever came first. */
  g_ptr_array_remove_index (found, 2);
  g_ptr_array_remove_index (reversed, 2);
  g_clear_pointer (&a, g_ptr_array_unref);
  g_clear_pointer (&b, g_ptr_array_unref);
  a = sl_run_everywhere_pick_interpreters (found);
  b = sl_run_everywhere_pick_interpreters (reversed);
  g_assert_true (g_str_has_suffix (sl_interpreter_get_path (g_ptr_array_index (a, 1)), "/a-3.12.1"));
  g_assert_true (g_str_has_suffix (sl_interpreter_get_path (g_ptr_array_index (b, 1)), "/a-3.12.1"));
}

static void
test_per_instance_from_points (void)
{
  /* 56 B per instance over a fixed 100 B; the smallest count is not used
   * when there are two larger (it carries the list's first growth). */
  SlResultPoint points[] = {
    { (char *) "3.12.1", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED, 10, 9999, FALSE, NULL, 0 },
    { (char *) "3.12.1", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED, 4000, 224100, FALSE, NULL, 0 },
    { (char *) "3.12.1", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED, 2000, 112100, FALSE, NULL, 0 },
    { (char *) "3.13.0", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED, 8000, 1, FALSE, NULL, 0 },
    { (char *) "3.12.1", SL_STRATEGY_DICT, SL_BACKEND_LIVE, SL_METRIC_TRACED, 1000, 88000, FALSE, NULL, 0 },
  };
  g_autoptr(GPtrArray) array = g_ptr_array_new ();
  double value = 0;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    g_ptr_array_add (array, &points[i]);
  g_assert_true (sl_result_points_per_instance (array, "3.12.1", SL_STRATEGY_SLOTS, SL_METRIC_TRACED, &value));
  g_assert_cmpfloat (value, ==, 56.0);
  /* One count: bytes / count. */
  g_assert_true (sl_result_points_per_instance (array, "3.12.1", SL_STRATEGY_DICT, SL_METRIC_TRACED, &value));
  g_assert_cmpfloat (value, ==, 88.0);
  g_assert_false (sl_result_points_per_instance (array, "3.12.1", SL_STRATEGY_MIXED, SL_METRIC_TRACED, &value));
  g_assert_false (sl_result_points_per_instance (array, "3.11.7", SL_STRATEGY_SLOTS, SL_METRIC_TRACED, &value));
}

/* ---- the whole run, waited for in a main loop of its own ---- */

typedef struct {
  GMainLoop    *loop;
  GError       *error;
  gboolean      done;
  double        last_progress;
  guint         max_parallel;
  guint         started;
  guint         finished;
  GCancellable *cancel_when_started;  /* cancelled once `cancel_after` pids are written */
  const char   *pids;
  guint         cancel_after;
} Wait;

static void
on_progress (SlRunEverywhere *everywhere,
             double           fraction,
             Wait            *wait)
{
  g_assert_cmpfloat (fraction, >=, wait->last_progress - 1e-9);
  g_assert_cmpfloat (fraction, <=, 1.0);
  wait->last_progress = fraction;
}

static void
on_started (SlRunEverywhere *everywhere,
            guint            index,
            Wait            *wait)
{
  guint running = 0;

  wait->started++;
  for (guint i = 0; i < sl_run_everywhere_get_n_runs (everywhere); i++)
    running += sl_run_everywhere_get_run_started (everywhere, i) &&
               (i == index || sl_experiment_run_is_running (sl_run_everywhere_get_run (everywhere, i)));
  /* Never more runs at once than processes allowed. */
  g_assert_cmpuint (running, <=, wait->max_parallel);
}

static void
on_finished (SlRunEverywhere *everywhere,
             guint            index,
             Wait            *wait)
{
  wait->finished++;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  sl_run_everywhere_run_finish (SL_RUN_EVERYWHERE (object), result, &wait->error);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

static guint
count_lines_of (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static gboolean
cancel_when_pids_cb (gpointer user_data)
{
  Wait *wait = user_data;

  if (count_lines_of (wait->pids) < wait->cancel_after)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (wait->cancel_when_started);
  return G_SOURCE_REMOVE;
}

static GError *
run_everywhere (SlRunEverywhere *everywhere,
                guint            max_parallel,
                Wait            *wait)
{
  guint poll = 0;

  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->max_parallel = max_parallel;
  sl_run_everywhere_set_max_parallel (everywhere, max_parallel);
  g_signal_connect (everywhere, "progress", G_CALLBACK (on_progress), wait);
  g_signal_connect (everywhere, "run-started", G_CALLBACK (on_started), wait);
  g_signal_connect (everywhere, "run-finished", G_CALLBACK (on_finished), wait);
  if (wait->cancel_when_started != NULL)
    poll = g_timeout_add (20, cancel_when_pids_cb, wait);
  sl_run_everywhere_run_async (everywhere, wait->cancel_when_started, on_done, wait);
  if (!wait->done)
    g_main_loop_run (wait->loop);
  if (poll != 0 && !g_cancellable_is_cancelled (wait->cancel_when_started))
    g_source_remove (poll);
  g_main_loop_unref (wait->loop);
  g_signal_handlers_disconnect_by_data (everywhere, wait);
  g_assert_false (sl_run_everywhere_is_running (everywhere));
  return g_steal_pointer (&wait->error);
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **found = user_data;
  g_autoptr(GError) error = NULL;

  *found = sl_interpreter_discover_finish (result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
discover (void)
{
  GPtrArray *found = NULL;

  sl_interpreter_discover_async (NULL, discovered_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  return found;
}

/* Bytes per instance of (python, strategy) from the points, worked out
 * here and not by the code under test: growth from the second largest to
 * the largest count over their difference, as the oracle's
 * traced_per_instance is (one-off costs cancel). */
static double
slope_of (GPtrArray  *points,
          const char *python,
          SlStrategy  strategy)
{
  const SlResultPoint *at[2] = { NULL, NULL };   /* 2000, 4000 */

  for (guint i = 0; i < points->len; i++)
    {
      const SlResultPoint *p = g_ptr_array_index (points, i);

      if (p->strategy != strategy || g_strcmp0 (p->python, python) != 0)
        continue;
      if (p->count == 2000)
        at[0] = p;
      else if (p->count == 4000)
        at[1] = p;
    }
  g_assert_nonnull (at[0]);
  g_assert_nonnull (at[1]);
  return ((double) at[1]->bytes - (double) at[0]->bytes) / 2000.0;
}

static void
test_live_every_version_matches_its_model (void)
{
  g_autoptr(GPtrArray) found = discover ();
  g_autoptr(GPtrArray) picked = sl_run_everywhere_pick_interpreters (found);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (
    "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
    "{\"name\": \"Base\", \"bases\": [], \"slots\": [\"id\"], \"init\": [\"id\"]},"
    "{\"name\": \"Reading\", \"bases\": [\"Base\"], \"slots\": null, \"init\": ["
    "{\"name\": \"value\", \"value\": \"float\"}, {\"name\": \"unit\", \"value\": \"str:12\"}, \"flag\"]}],"
    "\"experiments\": [{\"name\": \"Everywhere\", \"class\": \"Reading\", "
    "\"strategies\": [\"as-declared\", \"slots\", \"dict\"], \"metric\": \"traced\", \"python\": [\"3.12\"], "
    "\"backend\": \"model\", \"counts\": {\"from\": 1000, \"to\": 4000, \"points\": 3, \"scale\": \"log\"}, "
    "\"results\": []}]}", -1, &error);
  g_autoptr(SlExperiment) experiment = NULL;
  g_autoptr(SlRunEverywhere) everywhere = NULL;
  g_autoptr(GArray) ids = NULL;
  const guint64 counts[] = { 1000, 2000, 4000 };
  Wait wait = { 0, };
  guint compared = 0;

  g_assert_no_error (error);
  if (picked->len < 2)
    {
      g_test_skip ("fewer than two interpreters that a profile covers");
      return;
    }
  experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  everywhere = sl_run_everywhere_new (experiment, sl_session_get_chain (session), "3.12");
  sl_run_everywhere_set_interpreters (everywhere, found);
  error = run_everywhere (everywhere, MAX (2, g_get_num_processors ()), &wait);
  g_assert_no_error (error);
  g_assert_cmpfloat (wait.last_progress, ==, 1.0);
  g_assert_cmpuint (sl_run_everywhere_get_n_runs (everywhere), ==, picked->len);
  g_assert_cmpuint (wait.started, ==, picked->len);
  g_assert_cmpuint (wait.finished, ==, picked->len);

  for (guint i = 0; i < picked->len; i++)
    {
      SlInterpreter *it = sl_run_everywhere_get_interpreter (everywhere, i);
      GPtrArray *points = sl_experiment_run_get_points (sl_run_everywhere_get_run (everywhere, i));
      g_autoptr(SlProfile) profile = sl_profile_lookup (sl_interpreter_get_profile_id (it), NULL);

      g_assert_true (it == g_ptr_array_index (picked, i));
      g_assert_null (sl_run_everywhere_get_run_error (everywhere, i));
      /* Three strategies × three counts, each naming where it came from. */
      g_assert_cmpuint (points->len, ==, 9);
      for (guint k = 0; k < points->len; k++)
        {
          const SlResultPoint *p = g_ptr_array_index (points, k);

          g_assert_cmpint (p->backend, ==, SL_BACKEND_LIVE);
          g_assert_false (p->partial);
          g_assert_cmpstr (p->python, ==, sl_interpreter_get_version (it));
          g_assert_cmpstr (p->interpreter, ==, sl_interpreter_get_path (it));
        }
      static const SlStrategy strategies[] = { SL_STRATEGY_AS_DECLARED, SL_STRATEGY_SLOTS, SL_STRATEGY_DICT };

      for (guint k = 0; k < G_N_ELEMENTS (strategies); k++)
        {
          SlStrategy s = strategies[k];
          g_autoptr(GError) model_error = NULL;
          SlModelLine *line = sl_experiment_model_line (sl_session_get_chain (session), "Reading", profile, s,
                                                        SL_METRIC_TRACED, &model_error);
          double measured = slope_of (points, sl_interpreter_get_version (it), s);
          double engine_measured = 0;

          g_assert_no_error (model_error);
          g_assert_null (line->refusal);
          g_test_message ("%s %s: measured %.2f, model %.2f B per instance",
                          sl_interpreter_get_version (it), sl_strategy_to_string (s),
                          measured, line->per_instance);
          if ((gint64) (measured + 0.5) != (gint64) (line->per_instance + 0.5))
            g_error ("Python %s (%s), %s: measured %.2f bytes per instance, the model says %.2f",
                     sl_interpreter_get_version (it), sl_interpreter_get_path (it),
                     sl_strategy_to_string (s), measured, line->per_instance);
          /* What the chart and the CLI show is the same slope. */
          g_assert_true (sl_result_points_per_instance (points, sl_interpreter_get_version (it), s,
                                                        SL_METRIC_TRACED, &engine_measured));
          g_assert_cmpfloat_with_epsilon (engine_measured, measured, 1e-9);
          sl_model_line_free (line);
          compared++;
        }
    }
  g_assert_cmpuint (compared, ==, 3 * picked->len);

  /* Kept as one run per interpreter, each with its interpreter. */
  ids = sl_run_everywhere_store_results (everywhere, experiment);
  g_assert_cmpuint (ids->len, ==, picked->len);
  {
    g_autoptr(GPtrArray) runs = sl_experiment_dup_runs (experiment);

    g_assert_cmpuint (runs->len, ==, picked->len);
    for (guint i = 0; i < runs->len; i++)
      {
        SlRunInfo *info = g_ptr_array_index (runs, i);

        g_assert_cmpstr (info->interpreter, ==,
                         sl_interpreter_get_path (sl_run_everywhere_get_interpreter (everywhere, i)));
        g_assert_cmpint (info->time, >, 0);
      }
  }
}

static void
test_cancel_ends_every_run (void)
{
  g_autofree char *pids = g_build_filename (tmp_dir, "cancel.pids", NULL);
  g_autofree char *quoted = g_shell_quote (pids);
  /* In the run: its own pid and an escapee's listed, then it hangs. */
  g_autofree char *then = g_strdup_printf ("/bin/sleep 300 & echo $! >> %s\necho $$ >> %s\nexec /bin/sleep 300",
                                           quoted, quoted);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);
  g_autoptr(SlRunEverywhere) everywhere = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const guint64 counts[] = { 10, 20 };
  GArray *strategies;
  Wait wait = { 0, };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_ptr_array_add (found, stand_in ("hang-3.11", "3.11.7", then));
  g_ptr_array_add (found, stand_in ("hang-3.12", "3.12.1", then));
  g_ptr_array_add (found, stand_in ("hang-3.13", "3.13.0", then));
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  /* One strategy: one process per run, so two processes = two runs. */
  strategies = sl_experiment_get_strategies (experiment);
  g_array_set_size (strategies, 1);
  everywhere = sl_run_everywhere_new (experiment, sl_session_get_chain (session), NULL);
  sl_run_everywhere_set_interpreters (everywhere, found);
  sl_run_everywhere_set_timeout (everywhere, 120);
  wait.cancel_when_started = cancellable;
  wait.pids = pids;
  wait.cancel_after = 4;   /* two runs, two pids each */
  error = run_everywhere (everywhere, 2, &wait);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpuint (sl_run_everywhere_get_n_runs (everywhere), ==, 3);
  g_assert_true (sl_run_everywhere_get_run_started (everywhere, 0));
  g_assert_true (sl_run_everywhere_get_run_started (everywhere, 1));
  /* The third waited for a place and never started. */
  g_assert_false (sl_run_everywhere_get_run_started (everywhere, 2));
  g_assert_cmpuint (wait.started, ==, 2);
  g_assert_error (sl_run_everywhere_get_run_error (everywhere, 0), G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Every process any run started is gone, escapees included. */
  g_assert_true (g_file_get_contents (pids, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      int pid = atoi (lines[i]);
      g_autofree char *stat = g_strdup_printf ("/proc/%d/stat", pid);
      guint waited = 0;

      if (pid <= 1)
        continue;
      while (g_file_test (stat, G_FILE_TEST_EXISTS) && waited++ < 60)
        {
          sl_test_count_live_children ();   /* reaps what came to this test */
          g_usleep (50000);
        }
      if (g_file_test (stat, G_FILE_TEST_EXISTS))
        {
          kill (pid, SIGKILL);
          g_error ("process %d of a cancelled run outlived it", pid);
        }
    }
  sl_test_assert_no_child_left ();
}

static void
test_cli_sigterm_ends_every_interpreter (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "cli", NULL);
  g_autofree char *bin = g_build_filename (dir, "pythons", "bin", NULL);
  g_autofree char *pythons = g_build_filename (dir, "pythons", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autofree char *pids = g_build_filename (dir, "cli.pids", NULL);
  g_autofree char *quoted = g_shell_quote (pids);
  g_autofree char *then = g_strdup_printf ("/bin/sleep 300 & echo $! >> %s\necho $$ >> %s\nexec /bin/sleep 300",
                                           quoted, quoted);
  g_autofree char *a = NULL, *b = NULL, *session = NULL, *text = NULL;
  g_autofree char *env_dir = g_strdup_printf ("SLOTLAB_PYTHONS_DIR=%s", pythons);
  g_autofree char *env_path = g_strdup_printf ("PATH=%s", empty);
  g_autofree char *env_home = g_strdup_printf ("HOME=%s", dir);
  const char *cli = g_getenv ("SLOTLAB_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint want = MIN (2, MAX (1, g_get_num_processors ())) * 2, waited = 0;

  if (cli == NULL)
    {
      g_test_skip ("SLOTLAB_CLI is not set");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  /* Found by discovery as $SLOTLAB_PYTHONS_DIR/bin/python3.*; nothing else
   * is (PATH empty, no ~/.pyenv in this HOME). */
  a = write_stand_in (bin, "python3.12", "3.12.1", then);
  b = write_stand_in (bin, "python3.13", "3.13.0", then);
  session = g_build_filename (dir, "s.slotlab", NULL);
  g_assert_true (g_file_set_contents (session,
    "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
    "{\"name\": \"P\", \"bases\": [], \"slots\": [\"x\"], \"init\": [\"x\"]}], \"experiments\": ["
    "{\"name\": \"Hangs\", \"class\": \"P\", \"strategies\": [\"slots\"], \"metric\": \"traced\", "
    "\"python\": [\"3.12\"], \"backend\": \"model\", \"counts\": {\"from\": 10, \"to\": 100, "
    "\"points\": 2, \"scale\": \"log\"}, \"results\": []}]}", -1, NULL));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "SLOTLAB_PYTHONS_DIR", pythons, TRUE);
  g_subprocess_launcher_setenv (launcher, "PATH", empty, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli, "run", session,
                                         "--backend", "live", "--all-interpreters", NULL);
  g_assert_no_error (error);
  /* Both runs (or one, on one processor) are in their interpreters. */
  while (count_lines_of (pids) < want && waited++ < 400)
    g_usleep (25000);
  g_assert_cmpuint (waited, <, 400);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  /* Cancelled: it ends on its own, as an experiment that failed. */
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 3);

  g_assert_true (g_file_get_contents (pids, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      int pid = atoi (lines[i]);
      g_autofree char *stat = g_strdup_printf ("/proc/%d/stat", pid);
      guint n = 0;

      if (pid <= 1)
        continue;
      while (g_file_test (stat, G_FILE_TEST_EXISTS) && n++ < 60)
        {
          sl_test_count_live_children ();
          g_usleep (50000);
        }
      if (g_file_test (stat, G_FILE_TEST_EXISTS))
        {
          kill (pid, SIGKILL);
          g_error ("process %d outlived slotlab-cli's SIGTERM", pid);
        }
    }
  sl_test_assert_no_child_left ();
}

/* slotlab-cli run --all-interpreters on this machine: PRODUCT.md's seven
 * columns first, then where each point came from and the model's figure;
 * --save keeps one run per interpreter. */
static void
test_cli_prints_provenance_and_model (void)
{
  g_autoptr(GPtrArray) found = discover ();
  g_autoptr(GPtrArray) picked = sl_run_everywhere_pick_interpreters (found);
  g_autofree char *session = g_build_filename (tmp_dir, "cli-live.slotlab", NULL);
  g_autofree char *out = NULL, *err = NULL, *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) reloaded = NULL;
  g_autoptr(SlExperiment) experiment = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  const char *args[] = { "run", session, "--backend", "live", "--all-interpreters", "--save", NULL };
  guint compared = 0;
  int status;

  if (g_getenv ("SLOTLAB_CLI") == NULL || picked->len < 2)
    {
      g_test_skip ("no slotlab-cli, or fewer than two interpreters that a profile covers");
      return;
    }
  g_assert_true (g_file_set_contents (session,
    "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
    "{\"name\": \"P\", \"bases\": [], \"slots\": null, \"init\": [\"x\", {\"name\": \"y\", \"value\": \"float\"}]}], "
    "\"experiments\": [{\"name\": \"E\", \"class\": \"P\", \"strategies\": [\"as-declared\", \"slots\"], "
    "\"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"model\", "
    "\"counts\": {\"from\": 2000, \"to\": 8000, \"points\": 3, \"scale\": \"log\"}, \"results\": []}]}", -1, NULL));
  status = sl_test_run_cli (NULL, NULL, args, &out, &err);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "experiment,python,strategy,backend,metric,count,bytes,interpreter,profile,model_bytes");
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      g_autoptr(SlProfile) profile = NULL;
      double bytes, model;

      g_assert_cmpuint (g_strv_length (cells), ==, 10);
      g_assert_cmpstr (cells[3], ==, "live");
      /* The profile column is the engine's profile of that exact release. */
      profile = sl_profile_lookup (cells[1], NULL);
      g_assert_nonnull (profile);
      g_assert_cmpstr (cells[8], ==, sl_profile_get_id (profile));
      g_assert_true (g_path_is_absolute (cells[7]));
      g_hash_table_insert (versions, g_strdup (cells[1]), NULL);
      /* At the largest count the total agrees with the model within 0.5 %
       * (the fixed part is a one-off estimate; the slope is exact). */
      bytes = g_ascii_strtod (cells[6], NULL);
      model = g_ascii_strtod (cells[9], NULL);
      if (strcmp (cells[5], "8000") == 0)
        {
          if (bytes / model < 0.995 || bytes / model > 1.005)
            g_error ("%s %s at 8000: live %s, model %s", cells[1], cells[2], cells[6], cells[9]);
          compared++;
        }
    }
  g_assert_cmpuint (g_hash_table_size (versions), ==, picked->len);
  g_assert_cmpuint (compared, ==, 2 * picked->len);
  /* Stderr names each version's exact release and path. */
  for (guint i = 0; i < picked->len; i++)
    {
      SlInterpreter *it = g_ptr_array_index (picked, i);
      g_autofree char *line = g_strdup_printf ("Python %s (%s, profile %s): ", sl_interpreter_get_version (it),
                                               sl_interpreter_get_path (it), sl_interpreter_get_profile_id (it));

      g_assert_nonnull (strstr (err, line));
    }
  /* --save: one run per interpreter, beside nothing else. */
  g_assert_true (g_file_get_contents (session, &saved, NULL, NULL));
  reloaded = sl_session_load_from_data (saved, -1, &error);
  g_assert_no_error (error);
  experiment = g_list_model_get_item (sl_session_get_experiments (reloaded), 0);
  runs = sl_experiment_dup_runs (experiment);
  g_assert_cmpuint (runs->len, ==, picked->len);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Orphaned descendants become this test's children, where it sees them. */
  if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
    g_printerr ("PR_SET_CHILD_SUBREAPER: %s\n", g_strerror (errno));
  tmp_dir = g_dir_make_tmp ("slotlab-test-everywhere-XXXXXX", NULL);
  g_test_add_func ("/run-everywhere/pick/one-per-profile-whatever-the-order", test_pick_one_per_profile);
  g_test_add_func ("/run-everywhere/per-instance/from-the-two-largest-counts", test_per_instance_from_points);
  g_test_add_func ("/run-everywhere/live/every-version-matches-its-model", test_live_every_version_matches_its_model);
  g_test_add_func ("/run-everywhere/cancel/ends-every-run-and-starts-no-other", test_cancel_ends_every_run);
  g_test_add_func ("/run-everywhere/cli/prints-provenance-and-model", test_cli_prints_provenance_and_model);
  g_test_add_func ("/run-everywhere/cli/sigterm-ends-every-interpreter", test_cli_sigterm_ends_every_interpreter);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
