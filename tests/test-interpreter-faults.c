/* test-interpreter-faults.c: interpreters that go wrong in ways that
 * test-experiment-run.c's stand-ins do not: a program that is not Python at
 * all, a Python too old for the probe, a real CPython that crashes, hangs or
 * runs out of memory after real points, output without end, and output that
 * is malformed in the ways a parser gets wrong (bytes that are not UTF-8, a
 * NUL, a last line without its newline, nesting without end, numbers out of
 * range).  Each must end the probe or the run with its own message, keep the
 * points measured before the fault (marked partial) and leave no process
 * behind: this test makes itself a child subreaper, so a grandchild that a
 * killed wrapper script leaves behind becomes its child and is counted too.
 *
 * The faulty interpreters are small scripts written at test time into a
 * temporary folder; those that need a real CPython wrap the python3 found on
 * PATH (its sys.executable, so that no pyenv shim sits in between).  Without
 * python3 those tests are skipped. */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-experiment-run.h"
#include "sl-interpreter.h"
#include "sl-probe-protocol.h"
#include "sl-session.h"

#include "live-helpers.h"

static char *tmp_dir;
static char *real_python;   /* sys.executable of python3 on PATH, or NULL */

#define HELLO_3_12 SL_TEST_HELLO_3_12
#define POINT_10   SL_TEST_POINT_10

/* ---- processes ---- */

static gsize
vm_hwm_kib (void)
{
  g_autofree char *text = NULL;
  const char *at;
  gsize kib = 0;

  if (g_file_get_contents ("/proc/self/status", &text, NULL, NULL) &&
      (at = strstr (text, "VmHWM:")))
    sscanf (at, "VmHWM: %zu", &kib);
  return kib;
}

/* ---- scripts ---- */

static char *
write_script (const char *name,
              const char *text)
{
  return sl_test_write_script (tmp_dir, name, text);
}

/* A script that answers "hello" as the probe does, then does `then`. */
static SlInterpreter *
stand_in (const char *name,
          const char *then)
{
  return sl_test_stand_in (tmp_dir, name, then);
}

/* The real CPython running the probe, with `hook` (Python source) run
 * first: it may replace sys.stdout to act after the probe's n-th point. */
static SlInterpreter *
wrapped_python (const char *name,
                const char *shell_prefix,
                const char *hook)
{
  g_autofree char *quoted_python = g_shell_quote (real_python);
  g_autofree char *wrapper = g_strdup_printf (
    "import sys\n"
    "%s\n"
    "probe = sys.argv[1]\n"
    "sys.argv = ['-c']\n"
    "exec(compile(probe, '<slotlab-probe>', 'exec'), {'__name__': '__main__'})\n", hook);
  g_autofree char *quoted_wrapper = g_shell_quote (wrapper);
  /* Called as `script -I -S -c PROBE`: $4 is the probe. */
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n%s\nexec %s -I -S -c %s \"$4\"\n",
                                             shell_prefix, quoted_python, quoted_wrapper);
  g_autofree char *path = write_script (name, script);
  g_autoptr(GError) error = NULL;
  SlInterpreter *interp = sl_interpreter_probe (path, NULL, &error);

  g_assert_no_error (error);
  return interp;
}

/* Python source: after the probe's n-th point line, run `action`. */
static char *
after_points_hook (guint       n,
                   const char *action)
{
  return g_strdup_printf (
    "class AfterPoints:\n"
    "    def __init__(self, out):\n"
    "        self.out, self.points = out, 0\n"
    "    def write(self, text):\n"
    "        r = self.out.write(text)\n"
    "        if '\"count\"' in text:\n"
    "            self.points += 1\n"
    "            if self.points == %u:\n"
    "                self.out.flush()\n"
    "                %s\n"
    "        return r\n"
    "    def flush(self):\n"
    "        self.out.flush()\n"
    "sys.stdout = AfterPoints(sys.stdout)\n", n, action);
}

/* ---- runs ---- */

/* Whether a run said that its interpreters were waiting for a CPU. */
static gboolean saw_waiting_for_cpu;

static void
waiting_for_cpu_cb (SlExperimentRun *run)
{
  saw_waiting_for_cpu |= sl_experiment_run_is_waiting_for_cpu (run);
}

/* Runs `class_name` (a class of Lecture 17) live on `interp`, strategy
 * slots, at `counts`; returns the run's error and its points. */
static GError *
run_live_only (SlInterpreter *interp,
               const char    *class_name,
               const guint64 *counts,
               guint          n_counts,
               double         timeout,
               GPtrArray    **points)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("faulty", class_name);
  const SlStrategy strategies[] = { SL_STRATEGY_SLOTS };
  g_autoptr(SlExperimentRun) run = NULL;
  GError *error;

  sl_experiment_set_strategies (experiment, strategies, 1);
  sl_experiment_set_count_list (experiment, counts, n_counts);
  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), "3.12");
  sl_experiment_run_set_interpreter (run, interp);
  sl_experiment_run_set_timeout (run, timeout);
  saw_waiting_for_cpu = FALSE;
  g_signal_connect (run, "notify::waiting-for-cpu", G_CALLBACK (waiting_for_cpu_cb), NULL);
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  *points = g_ptr_array_ref (sl_experiment_run_get_points (run));
  return error;
}

/* The same, and then no process is left behind. */
static GError *
run_live (SlInterpreter *interp,
          const char    *class_name,
          const guint64 *counts,
          guint          n_counts,
          double         timeout,
          GPtrArray    **points)
{
  GError *error = run_live_only (interp, class_name, counts, n_counts, timeout, points);

  sl_test_assert_no_child_left ();
  return error;
}

static void
assert_partial_points (GPtrArray *points,
                       guint      n,
                       guint64    min_bytes_per_instance)
{
  g_assert_cmpuint (points->len, ==, n);
  for (guint i = 0; i < points->len; i++)
    {
      const SlResultPoint *point = g_ptr_array_index (points, i);

      g_assert_true (point->partial);
      g_assert_cmpuint (point->bytes, >=, point->count * min_bytes_per_instance);
    }
}

static void
assert_message (const GError *error,
                const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static gboolean
need_python (void)
{
  if (real_python == NULL)
    g_test_skip ("no python3 on PATH");
  return real_python != NULL;
}

/* ---- not Python at all ---- */

static void
assert_probe_refuses (const char *path,
                      int         code,
                      const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlInterpreter) interp = sl_interpreter_probe (path, NULL, &error);

  g_assert_null (interp);
  g_assert_error (error, SL_INTERPRETER_ERROR, code);
  g_test_message ("%s", error->message);
  assert_message (error, path);
  assert_message (error, part);
  sl_test_assert_no_child_left ();
}

static void
test_not_python_is_refused_by_the_probe (void)
{
  g_autofree char *hello = write_script ("says-hello", "#!/bin/sh\necho hello\n");
  g_autofree char *silent = write_script ("reads-and-exits", "#!/bin/sh\ncat >/dev/null\nexit 0\n");
  g_autofree char *no_newline = write_script ("no-newline",
                                              "#!/bin/sh\nprintf '%s' '" HELLO_3_12 "'\n");

  assert_probe_refuses ("/bin/true", SL_INTERPRETER_ERROR_NOT_PYTHON,
                        "did not answer as Python 3.8 or newer");
  assert_probe_refuses (hello, SL_INTERPRETER_ERROR_NOT_PYTHON, "not JSON");
  assert_probe_refuses (silent, SL_INTERPRETER_ERROR_NOT_PYTHON, "did not answer as Python");
  assert_probe_refuses (no_newline, SL_INTERPRETER_ERROR_NOT_PYTHON, "did not answer as Python");
  assert_probe_refuses ("/etc/passwd", SL_INTERPRETER_ERROR_NOT_FOUND, "no such executable file");
  assert_probe_refuses (tmp_dir, SL_INTERPRETER_ERROR_NOT_FOUND, "no such executable file");
}

/* The interpreter was a Python when it was chosen, and is something else
 * when the run starts (replaced by an upgrade, say). */
static void
test_not_python_when_the_run_starts (void)
{
  static const struct {
    const char *script;
    int         code;
    const char *message;
  } cases[] = {
    { "#!/bin/sh\nexit 0\n", SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
      "exited with status 0 without the probe's hello line: it is not a Python that runs slotlab-probe" },
    { "#!/bin/sh\necho hello\n", SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
      "output line 1 is not what slotlab-probe prints" },
    { "#!/bin/sh\nexit 42\n", SL_EXPERIMENT_RUN_ERROR_PROTOCOL, "exited with status 42" },
    { "#!/bin/sh\nexec /nonexistent/python3 \"$@\"\n", SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
      "could not be started (exit status 127)" },
    /* Closes its input unread while the run still writes it. */
    { "#!/bin/sh\nexec 0<&-\nexec sleep 0.3\n", SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
      "exited with status 0 without the probe's hello line" },
  };
  const guint64 counts[] = { 10, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("replaced-%u", i);
      g_autoptr(SlInterpreter) interp = stand_in (name, "exit 0");
      g_autoptr(GPtrArray) points = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      path = write_script (name, cases[i].script);
      g_assert_cmpstr (path, ==, sl_interpreter_get_path (interp));
      error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 10, &points);
      g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, cases[i].code);
      assert_message (error, cases[i].message);
      assert_message (error, path);
      g_assert_cmpuint (points->len, ==, 0);
    }
}

/* ---- too old ---- */

static void
test_too_old_is_refused (void)
{
  g_autofree char *pyenv27 = g_build_filename (g_get_home_dir (), ".pyenv", "versions", "2.7.18",
                                               "bin", "python", NULL);
  g_autofree char *pyenv36 = g_build_filename (g_get_home_dir (), ".pyenv", "versions", "3.6.15",
                                               "bin", "python3", NULL);
  g_autofree char *says27 = write_script ("says-2.7", "#!/bin/sh\ncat >/dev/null\necho '"
    "{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"2.7.18\", "
    "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"/x\"}'\n");
  g_autofree char *says37 = write_script ("says-3.7", "#!/bin/sh\ncat >/dev/null\necho '"
    "{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"3.7.16\", "
    "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"/x\"}'\n");
  g_autofree char *says38 = write_script ("says-3.8", "#!/bin/sh\ncat >/dev/null\necho '"
    "{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"3.8.0\", "
    "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"/x\"}'\n");
  g_autoptr(SlInterpreter) oldest = NULL;
  g_autoptr(GError) error = NULL;

  assert_probe_refuses (says27, SL_INTERPRETER_ERROR_NOT_PYTHON, "2.7.18, older than 3.8");
  assert_probe_refuses (says37, SL_INTERPRETER_ERROR_NOT_PYTHON, "3.7.16, older than 3.8");
  /* 3.8.0 is the oldest the probe runs on. */
  oldest = sl_interpreter_probe (says38, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_interpreter_get_release (oldest), ==, "3.8.0");

  /* Real ones, where this machine has them: 2.7 has no -I; 3.6 runs the
   * hello mode but is older than the probe supports. */
  if (g_file_test (pyenv27, G_FILE_TEST_IS_EXECUTABLE))
    assert_probe_refuses (pyenv27, SL_INTERPRETER_ERROR_NOT_PYTHON, "did not answer as Python 3.8 or newer");
  else
    g_test_message ("no %s", pyenv27);
  if (g_file_test (pyenv36, G_FILE_TEST_IS_EXECUTABLE))
    assert_probe_refuses (pyenv36, SL_INTERPRETER_ERROR_NOT_PYTHON, "3.6.15, older than 3.8");
  else
    g_test_message ("no %s", pyenv36);
}

/* Chosen as 3.12, it says 2.7 when the run starts. */
static void
test_too_old_when_the_run_starts (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("turns-2.7", "echo '"
    "{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"2.7.18\", "
    "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"/x\"}'");
  const guint64 counts[] = { 10, 20 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_live (interp, "RecordSlot", counts, 2, 10, &points);

  /* The stand-in printed a 3.12 hello, then a 2.7 one: the second line. */
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
  assert_message (error, "is not what slotlab-probe prints");
  assert_message (error, "2.7.18, older than 3.8");
  g_assert_cmpuint (points->len, ==, 0);
}

/* ---- a real CPython that crashes, hangs or runs out of memory ---- */

static void
test_real_python_crashes_after_two_points (void)
{
  g_autofree char *hook = NULL;
  g_autoptr(SlInterpreter) interp = NULL;
  const guint64 counts[] = { 1000, 2000, 3000, 4000 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_python ())
    return;
  /* A real segmentation fault in the interpreter: it reads address 0. */
  hook = after_points_hook (2, "import ctypes; ctypes.string_at(0)");
  interp = wrapped_python ("segfaults", "", hook);
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 30, &points);
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_CRASHED);
  assert_message (error, "crashed (signal 11, ");
  assert_message (error, "after 2 of 4 counts");
  /* Real figures: a slotted instance with three slots is at least 40 bytes. */
  assert_partial_points (points, 2, 40);
}

static void
test_real_python_exits_after_two_points (void)
{
  g_autofree char *hook = NULL;
  g_autoptr(SlInterpreter) interp = NULL;
  const guint64 counts[] = { 1000, 2000, 3000 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_python ())
    return;
  hook = after_points_hook (2, "import os; os._exit(70)");
  interp = wrapped_python ("exits-70", "", hook);
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 30, &points);
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_CRASHED);
  assert_message (error, "exited with status 70 after 2 of 3 counts");
  assert_partial_points (points, 2, 40);
}

/* What the kernel's out-of-memory killer does: SIGKILL, no last word. */
static void
test_real_python_is_killed_after_two_points (void)
{
  g_autofree char *hook = NULL;
  g_autoptr(SlInterpreter) interp = NULL;
  const guint64 counts[] = { 1000, 2000, 3000 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_python ())
    return;
  hook = after_points_hook (2, "import os, signal; os.kill(os.getpid(), signal.SIGKILL)");
  interp = wrapped_python ("killed", "", hook);
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 30, &points);
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_CRASHED);
  assert_message (error, "crashed (signal 9, ");
  assert_message (error, "after 2 of 3 counts; the system kills a process this way when memory runs out");
  assert_partial_points (points, 2, 40);
}

static void
test_real_python_hangs_after_two_points (void)
{
  g_autofree char *hook = NULL;
  g_autoptr(SlInterpreter) interp = NULL;
  const guint64 counts[] = { 1000, 2000, 3000 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (!need_python ())
    return;
  hook = after_points_hook (2, "import time; time.sleep(1000)");
  interp = wrapped_python ("hangs", "", hook);
  start = g_get_monotonic_time ();
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 2, &points);
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_TIMED_OUT);
  assert_message (error, "no answer for 2 s (waiting for count 3000)");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  assert_partial_points (points, 2, 40);
}

/* An interpreter kept from the CPU is slow, not hung: the watchdog counts
 * the time it could run, not the time it waited for a core.  Pinned to one
 * CPU beside a process that spins there at niceness 0, the interpreter (at
 * niceness 10) gets about a tenth of it; after its first point it then
 * computes for 0.3 s of CPU time, about 3 s on the clock — three times the
 * run's timeout of 1 s.  Meanwhile the run reports that its interpreter
 * is waiting for a CPU. */
static void
test_real_python_starved_is_not_hung (void)
{
  g_autofree char *hook = NULL;
  g_autoptr(SlInterpreter) interp = NULL;
  const guint64 counts[] = { 1000, 2000 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;
  pid_t spinner;
  gint64 start, took;

  if (!need_python ())
    return;
  hook = after_points_hook (1, "import time\n"
                               "                t = time.process_time()\n"
                               "                while time.process_time() - t < 0.3: pass");
  interp = wrapped_python ("starved", "", hook);
  if ((spinner = sl_test_spinner_start ()) < 0)
    {
      g_test_skip ("cannot pin this thread to one CPU");
      return;
    }
  start = g_get_monotonic_time ();
  error = run_live_only (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 1, &points);
  took = g_get_monotonic_time () - start;
  sl_test_spinner_stop (spinner);
  sl_test_assert_no_child_left ();

  g_test_message ("the run took %.1f s", took / 1e6);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  /* It was starved: else this test proves nothing.  And the run said so
   * (a window shows it beside the progress). */
  g_assert_cmpint (took, >, 1500 * 1000);
  g_assert_true (saw_waiting_for_cpu);
}

/* A wrapper script that runs the interpreter as its child, not by exec:
 * killing the script must not leave the interpreter running. */
static void
test_wrapper_grandchild_is_not_left_behind (void)
{
  g_autofree char *quoted_python = NULL;
  g_autofree char *script = NULL;
  g_autofree char *path = NULL;
  g_autoptr(SlInterpreter) interp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = NULL;
  const guint64 counts[] = { 1000, 2000, 3000 };

  if (!need_python ())
    return;
  quoted_python = g_shell_quote (real_python);
  /* No exec: sh waits for python3, which hangs after its first point. */
  script = g_strdup_printf ("#!/bin/sh\n"
                            "input=$(cat)\n"
                            "case \"$input\" in *hello*) printf '%%s' \"$input\" | %s \"$@\"; exit $?;; esac\n"
                            "printf '%%s' \"$input\" | %s \"$@\"\n"
                            "sleep 1000\n",
                            quoted_python, quoted_python);
  path = write_script ("wrapper-no-exec", script);
  interp = sl_interpreter_probe (path, NULL, &error);
  g_assert_no_error (error);
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 2, &points);
  /* Every point and "done" arrive; then the wrapper sleeps with the
   * output open, and the run gives up waiting for its end. */
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_TIMED_OUT);
  assert_message (error, "no answer for 2 s (waiting for its end after the last count)");
  g_assert_cmpuint (points->len, ==, 3);
}

static void
test_real_python_runs_out_of_memory (void)
{
  g_autoptr(SlInterpreter) interp = NULL;
  const guint64 counts[] = { 1000, 10000, 5000000 };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_python ())
    return;
  /* 300 MB of address space: room to start, not for 5 million traced
   * instances (about 800 MB with tracemalloc's records). */
  interp = wrapped_python ("ulimit-v", "ulimit -v 300000 || exit 99", "");
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 60, &points);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_OUT_OF_MEMORY) ||
                 g_error_matches (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_CRASHED));
  if (error->code == SL_EXPERIMENT_RUN_ERROR_OUT_OF_MEMORY)
    assert_message (error, "MemoryError");
  assert_partial_points (points, 2, 40);
}

/* ---- every descendant ends with the run (issue 9, defect 5) ---- */

/* Shell lines that start three processes that outlive the script unless
 * someone ends them, and append their pids to `pids`: one in the script's
 * process group, one that called setsid() (a group and session of its own),
 * and one that did so under a subshell that exits at once (an orphan). */
static char *
escapees (const char *pids)
{
  g_autofree char *quoted = g_shell_quote (pids);

  return g_strdup_printf ("sleep 300 & echo $! >> %s\n"
                          "setsid sleep 300 & echo $! >> %s\n"
                          "( setsid sleep 300 & echo $! >> %s )\n",
                          quoted, quoted, quoted);
}

static gboolean
process_is_gone (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  const char *close;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return TRUE;
  /* A zombie has ended; it waits for its parent (maybe this test) to reap it. */
  return (close = strrchr (text, ')')) != NULL && close[2] == 'Z';
}

/* Every pid listed in `pids` is gone within three seconds; then the file is
 * removed.  Returns how many were listed. */
static guint
assert_listed_processes_gone (const char *pids)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (pids, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      int pid = atoi (lines[i]);
      guint waited = 0;

      if (pid <= 1)
        continue;
      n++;
      while (!process_is_gone (pid) && waited++ < 60)
        g_usleep (50000);
      if (!process_is_gone (pid))
        {
          kill (pid, SIGKILL);   /* do not leave it to the next test */
          g_error ("process %d, started by the interpreter, outlived the run", pid);
        }
    }
  sl_test_count_live_children ();   /* reaps the zombies that came to this test */
  g_unlink (pids);
  return n;
}

static void
test_wrapper_descendants_end_with_a_successful_run (void)
{
  g_autofree char *pids = g_build_filename (tmp_dir, "success.pids", NULL);
  g_autofree char *prefix = escapees (pids);
  g_autoptr(SlInterpreter) interp = NULL;
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 counts[] = { 1000, 2000 };

  if (!need_python ())
    return;
  interp = wrapped_python ("wrapper-setsid", prefix, "");
  /* The probe's hello started three too: ended with it. */
  g_assert_cmpuint (assert_listed_processes_gone (pids), ==, 3);
  error = run_live (interp, "RecordSlot", counts, G_N_ELEMENTS (counts), 30, &points);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  g_assert_cmpuint (assert_listed_processes_gone (pids), ==, 3);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (; *text; text++)
    n += *text == '\n';
  return n;
}

static void
test_cli_killed_ends_every_descendant (void)
{
  g_autofree char *pids = g_build_filename (tmp_dir, "kill9.pids", NULL);
  g_autofree char *quoted = g_shell_quote (pids);
  g_autofree char *prefix = escapees (pids);
  /* Answers hello; in the run, says hello, starts the three, and hangs as
   * an interpreter (its own pid listed too). */
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n"
                                             "input=$(cat)\n"
                                             "echo '" HELLO_3_12 "'\n"
                                             "case \"$input\" in *hello*) exit 0;; esac\n"
                                             "%s"
                                             "echo $$ >> %s\n"
                                             "exec sleep 300\n", prefix, quoted);
  g_autofree char *stand_in = write_script ("hangs-with-escapees", script);
  g_autofree char *session = g_build_filename (tmp_dir, "kill9.slotlab", NULL);
  const char *cli = g_getenv ("SLOTLAB_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint waited = 0;

  if (cli == NULL)
    {
      g_test_skip ("SLOTLAB_CLI is not set");
      return;
    }
  g_assert_true (g_file_set_contents (session,
    "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
    "{\"name\": \"P\", \"bases\": [], \"slots\": [\"x\"], \"init\": [\"x\"]}], \"experiments\": ["
    "{\"name\": \"Hangs\", \"class\": \"P\", \"strategies\": [\"slots\"], \"metric\": \"traced\", "
    "\"python\": [\"3.12\"], \"backend\": \"live\", \"counts\": {\"from\": 10, \"to\": 100, "
    "\"points\": 2, \"scale\": \"log\"}, \"results\": []}]}", -1, NULL));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, cli, "run", session, "--interpreter", stand_in, NULL);
  g_assert_no_error (error);
  /* Four pids: the run has started everything. */
  while ((!g_file_get_contents (pids, &text, NULL, NULL) || count_lines (text) < 4) &&
         waited++ < 400)
    {
      g_clear_pointer (&text, g_free);
      g_usleep (25000);
    }
  g_assert_cmpuint (waited, <, 400);
  g_subprocess_force_exit (process);       /* kill -9 */
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpuint (assert_listed_processes_gone (pids), ==, 4);
  sl_test_assert_no_child_left ();
}

/* ---- output without end ---- */

static void
test_endless_output_at_hello_is_bounded (void)
{
  g_autofree char *lines = write_script ("endless-lines", "#!/bin/sh\nexec yes '{\"x\":1}'\n");
  g_autofree char *hellos = write_script ("endless-hellos", "#!/bin/sh\nexec yes '" HELLO_3_12 "'\n");
  g_autofree char *one_line = write_script ("endless-line", "#!/bin/sh\nyes | tr -d '\\n'\n");
  gsize before = vm_hwm_kib ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlInterpreter) interp = NULL;

  assert_probe_refuses (lines, SL_INTERPRETER_ERROR_NOT_PYTHON, "not a line slotlab-probe prints");
  assert_probe_refuses (one_line, SL_INTERPRETER_ERROR_NOT_PYTHON, "did not answer as Python");
  /* Its first line is a good hello: taken, the rest never read. */
  interp = sl_interpreter_probe (hellos, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_interpreter_get_release (interp), ==, "3.12.1");
  sl_test_assert_no_child_left ();
  g_assert_cmpint (g_get_monotonic_time () - start, <, 15 * G_USEC_PER_SEC);
  g_test_message ("VmHWM %zu → %zu KiB", before, vm_hwm_kib ());
  g_assert_cmpuint (vm_hwm_kib (), <, before + 64 * 1024);
}

static void
test_endless_output_in_a_run_is_bounded (void)
{
  static const struct {
    const char *then;
    const char *message;
  } cases[] = {
    { "exec yes '{\"x\":1}'", "output line 3 is not what slotlab-probe prints: not a line slotlab-probe prints" },
    { "exec yes ''", "output line 3 is not what slotlab-probe prints: an empty line" },
    { "exec yes '" HELLO_3_12 "'", "output line 3 is a second hello" },
    { "exec yes '" POINT_10 "'", "output line 3 reports count 10 of strategy “slots”, not the count asked next" },
    { "yes '{\"done\": true, \"peak_traced\": null}'", "the probe said done after 1 of 2 counts" },
  };
  const guint64 counts[] = { 10, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("endless-run-%u", i);
      g_autofree char *then = g_strdup_printf ("echo '" POINT_10 "'; %s", cases[i].then);
      g_autoptr(SlInterpreter) interp = stand_in (name, then);
      g_autoptr(GPtrArray) points = NULL;
      gsize before = vm_hwm_kib ();
      g_autoptr(GError) error = run_live (interp, "RecordSlot", counts, 2, 10, &points);

      g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
      assert_message (error, cases[i].message);
      assert_partial_points (points, 1, 56);
      g_assert_cmpuint (vm_hwm_kib (), <, before + 64 * 1024);
    }
}

/* ---- malformed output ---- */

static void
test_malformed_output (void)
{
  static const struct {
    const char *printf_text;   /* printf(1) format: \ooo escapes */
    const char *message;
  } cases[] = {
    { "\\377\\376\\n", "output line 3 is not what slotlab-probe prints: not JSON" },
    { "{\"error\": \"a\\000b\"}\\n", "output line 3 is not what slotlab-probe prints: not JSON" },
    { "{\"strategy\": \"slots\", \"count\": 20", "its output ends inside a line" },
    { "{\"strategy\": \"slots\", \"count\": 20, \"count\": 20, \"traced\": 1, \"pymalloc\": null, "
      "\"getsizeof\": 1, \"seconds\": 0}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{\"strategy\": \"slots\", \"count\": 100000000000000000000000000000, \"traced\": 1, "
      "\"pymalloc\": null, \"getsizeof\": 1, \"seconds\": 0}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{\"strategy\": \"slots\", \"count\": -20, \"traced\": 1, \"pymalloc\": null, "
      "\"getsizeof\": 1, \"seconds\": 0}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{\"strategy\": \"slots\", \"count\": 20, \"traced\": 1e400, \"pymalloc\": null, "
      "\"getsizeof\": 1, \"seconds\": 0}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{\"strategy\": \"slots\", \"count\": 20, \"traced\": -9000000000000, \"pymalloc\": null, "
      "\"getsizeof\": 1, \"seconds\": 0}\\n", "far below zero" },
    { "{\"strategy\": \"slots\", \"count\": 20, \"traced\": 1, \"pymalloc\": null, "
      "\"getsizeof\": 1, \"seconds\": NaN}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{\"strategy\": \"dict\", \"count\": 20, \"traced\": 1, \"pymalloc\": null, "
      "\"getsizeof\": 1, \"seconds\": 0}\\n", "of strategy “dict”, not the count asked next" },
    { "{\"done\": true, \"peak_traced\": null} {}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{'done': True}\\n", "output line 3 is not what slotlab-probe prints" },
    { "{\"fatal\": \"classes: you lose\"}\\n", "slotlab-probe refused its input: classes: you lose" },
    { "{\"error\": \"MemoryError: x\"}\\n{\"error\": \"x\"}\\n", "output line 4 comes after the last line" },
    { "\\033[31m{\"done\": true}\\033[0m\\n", "output line 3 is not what slotlab-probe prints" },
  };
  const guint64 counts[] = { 10, 20 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("malformed-%u", i);
      g_autofree char *then = g_strdup_printf ("echo '" POINT_10 "'; printf '%s'", cases[i].printf_text);
      g_autoptr(SlInterpreter) interp = stand_in (name, then);
      g_autoptr(GPtrArray) points = NULL;
      g_autoptr(GError) error = run_live (interp, "RecordSlot", counts, 2, 10, &points);

      g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
      assert_message (error, cases[i].message);
      assert_partial_points (points, 1, 56);
    }

  /* Nesting without end inside one line: refused without recursing. */
  {
    g_autoptr(SlInterpreter) interp = stand_in ("malformed-deep",
      "echo '" POINT_10 "'; i=0; s=''; while [ $i -lt 4000 ]; do s=\"$s[\"; i=$((i+1)); done; echo \"$s\"");
    g_autoptr(GPtrArray) points = NULL;
    g_autoptr(GError) error = run_live (interp, "RecordSlot", counts, 2, 10, &points);

    g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
    assert_message (error, "output line 3 is not what slotlab-probe prints");
    assert_partial_points (points, 1, 56);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SlInterpreter) on_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Orphaned descendants become this test's children, where it sees them. */
  if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
    g_printerr ("PR_SET_CHILD_SUBREAPER: %s\n", g_strerror (errno));
  tmp_dir = g_dir_make_tmp ("slotlab-test-faults-XXXXXX", NULL);
  on_path = sl_test_find_python3 (&real_python);   /* its sys.executable */

  g_test_add_func ("/interpreter-faults/not-python/is-refused-by-the-probe", test_not_python_is_refused_by_the_probe);
  g_test_add_func ("/interpreter-faults/not-python/when-the-run-starts", test_not_python_when_the_run_starts);
  g_test_add_func ("/interpreter-faults/too-old/is-refused", test_too_old_is_refused);
  g_test_add_func ("/interpreter-faults/too-old/when-the-run-starts", test_too_old_when_the_run_starts);
  g_test_add_func ("/interpreter-faults/real-python/crashes-after-two-points", test_real_python_crashes_after_two_points);
  g_test_add_func ("/interpreter-faults/real-python/exits-after-two-points", test_real_python_exits_after_two_points);
  g_test_add_func ("/interpreter-faults/real-python/is-killed-after-two-points", test_real_python_is_killed_after_two_points);
  g_test_add_func ("/interpreter-faults/real-python/hangs-after-two-points", test_real_python_hangs_after_two_points);
  g_test_add_func ("/interpreter-faults/real-python/starved-is-not-hung", test_real_python_starved_is_not_hung);
  g_test_add_func ("/interpreter-faults/real-python/runs-out-of-memory", test_real_python_runs_out_of_memory);
  g_test_add_func ("/interpreter-faults/wrapper/grandchild-is-not-left-behind", test_wrapper_grandchild_is_not_left_behind);
  g_test_add_func ("/interpreter-faults/wrapper/descendants-end-with-a-successful-run", test_wrapper_descendants_end_with_a_successful_run);
  g_test_add_func ("/interpreter-faults/cli/killed-ends-every-descendant", test_cli_killed_ends_every_descendant);
  g_test_add_func ("/interpreter-faults/endless-output/at-hello-is-bounded", test_endless_output_at_hello_is_bounded);
  g_test_add_func ("/interpreter-faults/endless-output/in-a-run-is-bounded", test_endless_output_in_a_run_is_bounded);
  g_test_add_func ("/interpreter-faults/malformed-output", test_malformed_output);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (real_python);
  return status;
}
