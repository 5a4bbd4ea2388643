/* live-helpers.c: see live-helpers.h. */

#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "live-helpers.h"

static cpu_set_t affinity_before_spinner;

/* Every thread of this process on `cpus`: a live run's processes are
 * started by a thread of their own (engine/lab/sl-spawner.c) and take
 * its affinity, not the main thread's. */
static gboolean
set_process_affinity (const cpu_set_t *cpus)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;
  gboolean all = dir != NULL;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    all &= sched_setaffinity ((pid_t) atoi (tid), sizeof *cpus, cpus) == 0;
  return all;
}

pid_t
sl_test_spinner_start (void)
{
  cpu_set_t one;
  pid_t pid;

  g_assert_cmpint (sched_getaffinity (0, sizeof affinity_before_spinner, &affinity_before_spinner), ==, 0);
  CPU_ZERO (&one);
  CPU_SET (sched_getcpu (), &one);
  if (!set_process_affinity (&one))
    {
      set_process_affinity (&affinity_before_spinner);
      return -1;
    }
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
      for (volatile unsigned long i = 0;; i++)
        ;
    }
  return pid;
}

void
sl_test_spinner_stop (pid_t spinner)
{
  kill (spinner, SIGKILL);
  g_assert_cmpint (waitpid (spinner, NULL, 0), ==, spinner);
  g_assert_true (set_process_affinity (&affinity_before_spinner));
}

typedef struct {
  GMainLoop    *loop;
  GError       *error;
  gboolean      done;
  guint         n_points;
  double        progress;
  GCancellable *cancel_after_first;
} Wait;

static void
on_point (SlExperimentRun *run,
          SlResultPoint   *point,
          Wait            *wait)
{
  wait->n_points++;
  if (wait->cancel_after_first)
    g_cancellable_cancel (wait->cancel_after_first);
}

static void
on_progress (SlExperimentRun *run,
             double           fraction,
             Wait            *wait)
{
  g_assert_cmpfloat (fraction, >=, wait->progress - 1e-9);
  g_assert_cmpfloat (fraction, <=, 1.0);
  wait->progress = fraction;
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  sl_experiment_run_run_finish (SL_EXPERIMENT_RUN (object), result, &wait->error);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

GError *
sl_test_run_to_end (SlExperimentRun *run,
                    GCancellable    *cancellable,
                    gboolean         cancel_after_first,
                    guint           *n_points)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL, FALSE, 0, 0, NULL };

  if (cancel_after_first)
    wait.cancel_after_first = cancellable;
  g_signal_connect (run, "point", G_CALLBACK (on_point), &wait);
  g_signal_connect (run, "progress", G_CALLBACK (on_progress), &wait);
  sl_experiment_run_run_async (run, cancellable, run_done, &wait);
  if (!wait.done)
    g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_signal_handlers_disconnect_by_data (run, &wait);
  g_assert_false (sl_experiment_run_is_running (run));
  if (n_points)
    *n_points = wait.n_points;
  if (wait.error)
    g_test_message ("%s", wait.error->message);
  return wait.error;
}

guint
sl_test_count_live_children (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *text = NULL;
      const char *close;
      char state = 0;
      int ppid = 0;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      if (!(close = strrchr (text, ')')) || sscanf (close + 2, "%c %d", &state, &ppid) != 2 ||
          ppid != getpid ())
        continue;
      if (state == 'Z')
        waitpid (atoi (name), NULL, WNOHANG);   /* an orphan the run never knew */
      else
        {
          g_test_message ("child %s still runs: %.*s", name, (int) (close - text + 1), text);
          n++;
        }
    }
  return n;
}

void
sl_test_assert_no_child_left (void)
{
  guint n = 0;

  for (guint i = 0; i < 40 && (n = sl_test_count_live_children ()) > 0; i++)
    g_usleep (50000);
  g_assert_cmpuint (n, ==, 0);
}

char *
sl_test_write_script (const char *dir,
                      const char *name,
                      const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
}

SlInterpreter *
sl_test_stand_in (const char *dir,
                  const char *name,
                  const char *then)
{
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n"
                                             "input=$(cat)\n"
                                             "echo '" SL_TEST_HELLO_3_12 "'\n"
                                             "case \"$input\" in *hello*) exit 0;; esac\n"
                                             "%s\n", then);
  g_autofree char *path = sl_test_write_script (dir, name, script);
  g_autoptr(GError) error = NULL;
  SlInterpreter *interp = sl_interpreter_probe (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (sl_interpreter_get_profile_id (interp), ==, "3.12");
  return interp;
}

SlInterpreter *
sl_test_find_python3 (char **executable)
{
  g_autofree char *path = g_find_program_in_path ("python3");
  g_autoptr(GError) error = NULL;
  SlInterpreter *interp;

  if (executable)
    *executable = NULL;
  if (path == NULL)
    return NULL;
  interp = sl_interpreter_probe (path, NULL, &error);
  if (interp == NULL)
    {
      g_test_message ("python3 on PATH is not usable: %s", error->message);
      return NULL;
    }
  if (executable)
    *executable = g_strdup (sl_interpreter_get_executable (interp));
  return interp;
}

int
sl_test_run_cli (const char         *cwd,
                 char              **envp,
                 const char * const *args,
                 char              **out,
                 char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("SLOTLAB_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

void
sl_test_remove_tree (const char *dir)
{
  g_autofree char *quoted = g_shell_quote (dir);
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);

  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", dir);
}
