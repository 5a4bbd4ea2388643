/* test-save-kill.c: a save that is killed cannot tear the file.
 *
 * A child process saves session A and session B to the same path, over
 * and over; the parent kills it with SIGKILL at a random moment, then
 * loads the file.  Whatever the moment, the file must load and be A or B
 * whole.  The seed is printed; SLOTLAB_SEED=N replays a run, and
 * SLOTLAB_KILL_TRIALS=N changes the number of trials (default 250).
 */

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-session.h"

/* Two sessions of about the same size, large enough (some 80 KB)
 * that a save takes long enough to be cut in the middle. */
static SlSession *
make_session (const char *title,
              guint       salt)
{
  SlSession *session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);

  sl_session_set_title (session, title);
  for (guint i = 0; i < 400; i++)
    {
      SlResultPoint point = { "3.12", (i + salt) % SL_N_STRATEGIES, SL_BACKEND_MODEL,
                              SL_METRIC_TRACED, 1000 + i, (152 + salt) * (1000 + i),
                              i % 7 == salt, NULL };

      sl_experiment_add_result (experiment, &point);
    }
  return session;
}

static G_GNUC_NORETURN void
run_saver (SlSession  *a,
           SlSession  *b,
           GFile      *file,
           guint       first)
{
  for (guint64 n = first;; n++)
    {
      g_autoptr(GError) error = NULL;

      if (!sl_session_save_to_file (n % 2 ? b : a, file, NULL, &error))
        {
          g_printerr ("save failed: %s\n", error->message);
          _exit (3);
        }
    }
}

static guint
remove_leftovers (const char *dir,
                  const char *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)))
    if (strcmp (name, keep) != 0)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
        n++;
      }
  return n;
}

static void
test_killed_save_never_tears (void)
{
  g_autoptr(SlSession) a = make_session ("Session A", 0);
  g_autoptr(SlSession) b = make_session ("Session B", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-save-kill-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "session.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GRand) rand = NULL;
  const char *seed_env = g_getenv ("SLOTLAB_SEED");
  const char *trials_env = g_getenv ("SLOTLAB_KILL_TRIALS");
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  guint trials = trials_env ? (guint) g_ascii_strtoull (trials_env, NULL, 10) : 250;
  guint seen_a = 0, seen_b = 0, leftovers = 0;
  gint64 deadline = g_get_monotonic_time () + 25 * G_USEC_PER_SEC;
  gint64 start, window;

  g_assert_no_error (error);
  g_test_message ("seed %u (replay with SLOTLAB_SEED=%u), %u trials", seed, seed, trials);
  g_printerr ("# seed %u\n", seed);
  rand = g_rand_new_with_seed (seed);

  /* How long a save takes here (much longer under a sanitizer or
   * valgrind): the kills spread over about three saves. */
  start = g_get_monotonic_time ();
  g_assert_true (sl_session_save_to_file (b, file, NULL, &error));
  g_assert_true (sl_session_save_to_file (a, file, NULL, &error));
  g_assert_no_error (error);
  window = MAX (3 * (g_get_monotonic_time () - start) / 2, 10000) + 30000;
  g_test_message ("kills within %" G_GINT64_FORMAT " us of the start", window);

  for (guint trial = 0; trial < trials; trial++)
    {
      g_autoptr(SlSession) loaded = NULL;
      int status = 0;
      pid_t pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        run_saver (a, b, file, trial % 2);

      /* Anywhere in the first few saves, often in the middle of one (the
       * first in a new process is the slowest: its pages are copied). */
      g_usleep (g_rand_int_range (rand, 0, (gint32) window));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("trial %u: the saver ended by itself (status %d)", trial, status);

      loaded = sl_session_load_from_file (file, NULL, &error);
      if (loaded == NULL)
        g_error ("trial %u (seed %u): the file does not load after a kill: %s",
                 trial, seed, error->message);
      if (sl_session_equal (loaded, a))
        seen_a++;
      else if (sl_session_equal (loaded, b))
        seen_b++;
      else
        g_error ("trial %u (seed %u): the file is neither A nor B", trial, seed);

      /* A kill between creating the temporary file and renaming it leaves
       * that temporary file behind; never the target half-written. */
      leftovers += remove_leftovers (dir, "session.slotlab");

      if (g_get_monotonic_time () > deadline && trial >= 200)
        {
          trials = trial + 1;
          break;
        }
    }

  g_test_message ("%u trials: A %u times, B %u times, %u temporary files cut short",
                  trials, seen_a, seen_b, leftovers);
  g_printerr ("# %u trials: A %u, B %u, %u saves killed mid-write\n", trials, seen_a, seen_b, leftovers);
  g_assert_cmpuint (seen_a + seen_b, ==, trials);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/save/killed-save-never-tears", test_killed_save_never_tears);

  return g_test_run ();
}
