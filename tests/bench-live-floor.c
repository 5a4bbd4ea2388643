/* bench-live-floor.c: a live run against the floor (meson benchmark, not
 * a test).
 *
 * The floor is what no live run can beat: tests/bench/onepass_floor.py,
 * the same four classes as tests/bench/bar-session.json ("Fleet": 4
 * strategies × 6 counts from 1,000 to 300,000, traced), one pass per
 * strategy up to the largest count, tracemalloc read at each count, gc off,
 * nothing else, split over two worker processes (strategies 0,2 and 1,3).
 * Against it, `slotlab-cli run bar-session.json --backend live
 * --interpreter PY` as a whole process (its own start, the interpreter's
 * hello, the probes, the CSV), and the same without --interpreter (the
 * CLI chooses).  The three alternate in each of three rounds; the ratio is
 * best live / best floor.  Goal (issue 13): at most 1.3.  Wall times, the
 * CPU seconds of the children and the load average are printed beside.
 *
 * The interpreter is $SLOTLAB_BENCH_PYTHON, else ~/.pyenv/versions/3.12.1,
 * else python3 on PATH.
 */

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <gio/gio.h>

#include "sl-session.h"

#define ROUNDS 3

static double
children_cpu_s (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  *strchr (text, ' ') = '\0';
  return g_steal_pointer (&text);
}

static char *
find_python (void)
{
  const char *env = g_getenv ("SLOTLAB_BENCH_PYTHON");
  g_autofree char *pyenv = g_build_filename (g_get_home_dir (), ".pyenv", "versions", "3.12.1",
                                             "bin", "python3", NULL);

  if (env && *env)
    return g_strdup (env);
  if (g_file_test (pyenv, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&pyenv);
  return g_find_program_in_path ("python3");
}

/* Runs every argv at once and waits for all; returns the wall seconds, or
 * a negative number when one failed. */
static double
run_parallel (GPtrArray *argvs,
              double    *cpu)
{
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  double cpu_before = children_cpu_s ();
  gint64 start = g_get_monotonic_time ();
  gboolean ok = TRUE;

  for (guint i = 0; i < argvs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GSubprocess *process = g_subprocess_newv (g_ptr_array_index (argvs, i),
                                                G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);

      if (process == NULL)
        {
          g_printerr ("%s\n", error->message);
          return -1;
        }
      g_ptr_array_add (processes, process);
    }
  for (guint i = 0; i < processes->len; i++)
    ok &= g_subprocess_wait_check (g_ptr_array_index (processes, i), NULL, NULL);
  *cpu = children_cpu_s () - cpu_before;
  return ok ? (g_get_monotonic_time () - start) / 1e6 : -1;
}

static double
run_one (const char * const *argv,
         double             *cpu)
{
  g_autoptr(GPtrArray) argvs = g_ptr_array_new ();

  g_ptr_array_add (argvs, (gpointer) argv);
  return run_parallel (argvs, cpu);
}

int
main (int    argc,
      char **argv)
{
  const char *cli = g_getenv ("SLOTLAB_CLI");
  const char *source = g_getenv ("SLOTLAB_BENCH_DIR");
  g_autofree char *python = find_python ();
  g_autofree char *bench_dir = g_strdup (source ? source : SL_BENCH_DIR);
  g_autofree char *session_path = g_build_filename (bench_dir, "bar-session.json", NULL);
  g_autofree char *floor_script = g_build_filename (bench_dir, "onepass_floor.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (session_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) floor_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) floor_b = g_ptr_array_new_with_free_func (g_free);
  double best_floor = G_MAXDOUBLE, best_live = G_MAXDOUBLE, best_chosen = G_MAXDOUBLE;
  g_autofree char *load = NULL;

  if (cli == NULL || python == NULL)
    {
      g_print ("SKIP: %s\n", cli == NULL ? "SLOTLAB_CLI is not set" : "no python3");
      return 77;
    }
  if (!(session = sl_session_load_from_file (file, NULL, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  counts = sl_experiment_dup_counts (sl_session_lookup_experiment (session, "Fleet"));

  g_ptr_array_add (floor_a, g_strdup (python));
  g_ptr_array_add (floor_a, g_strdup (floor_script));
  g_ptr_array_add (floor_a, g_strdup ("0,2"));
  g_ptr_array_add (floor_b, g_strdup (python));
  g_ptr_array_add (floor_b, g_strdup (floor_script));
  g_ptr_array_add (floor_b, g_strdup ("1,3"));
  for (guint i = 0; i < counts->len; i++)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (counts, guint64, i));

      g_ptr_array_add (floor_a, g_strdup (count));
      g_ptr_array_add (floor_b, g_strdup (count));
    }
  g_ptr_array_add (floor_a, NULL);
  g_ptr_array_add (floor_b, NULL);

  load = load_average ();
  g_print ("interpreter %s; session %s (Fleet: 4 strategies x %u counts to %" G_GUINT64_FORMAT
           "); %u processors; load %s\n", python, session_path, counts->len,
           g_array_index (counts, guint64, counts->len - 1), g_get_num_processors (), load);
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GPtrArray) floor = g_ptr_array_new ();
      const char *live[] = { cli, "run", session_path, "--backend", "live", "--interpreter", python, NULL };
      const char *chosen[] = { cli, "run", session_path, "--backend", "live", NULL };
      double floor_s, live_s, chosen_s, floor_cpu, live_cpu, chosen_cpu;
      g_autofree char *load_now = NULL;

      g_ptr_array_add (floor, floor_a->pdata);
      g_ptr_array_add (floor, floor_b->pdata);
      floor_s = run_parallel (floor, &floor_cpu);
      live_s = run_one (live, &live_cpu);
      chosen_s = run_one (chosen, &chosen_cpu);
      if (floor_s < 0 || live_s < 0 || chosen_s < 0)
        {
          g_printerr ("a run failed\n");
          return 1;
        }
      load_now = load_average ();
      g_print ("round %u: floor %.3f s (CPU %.2f s), live --interpreter %.3f s (CPU %.2f s) = %.2fx, "
               "live, interpreter chosen by the CLI %.3f s (CPU %.2f s) = %.2fx; load %s\n",
               round + 1, floor_s, floor_cpu, live_s, live_cpu, live_s / floor_s,
               chosen_s, chosen_cpu, chosen_s / floor_s, load_now);
      best_floor = MIN (best_floor, floor_s);
      best_live = MIN (best_live, live_s);
      best_chosen = MIN (best_chosen, chosen_s);
    }
  g_print ("best of %d: floor %.3f s, live %.3f s, ratio %.2f (goal <= 1.30); "
           "interpreter chosen by the CLI %.3f s, ratio %.2f\n",
           ROUNDS, best_floor, best_live, best_live / best_floor, best_chosen, best_chosen / best_floor);
  return 0;
}
