/* bench-experiments.c: what experiments cost (meson benchmark, not a test).
 *
 * 1. A live run of Lecture 17's Example 17.3 experiment (4 strategies,
 *    1,000 to 1,000,000 instances, 7 counts, traced) against the lecture's
 *    own workflow on the same classes, counts and interpreter: for each
 *    strategy and count, tracemalloc snapshots before and after allocating
 *    the instances, statistics('lineno') summed.  Goal: >= 4x faster.
 * 2. The longest main-loop stall while a live run streams points, with the
 *    memory chart redrawn (900 x 560, on the main thread) at every point,
 *    as the window does.  Goal: <= 16 ms.
 * 3. SVG and PDF export of each chart.  Goal: < 200 ms.
 *
 * The interpreter is $SLOTLAB_BENCH_PYTHON or python3 on PATH.
 */

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "sl-chart.h"
#include "sl-experiment-run.h"
#include "sl-python-source.h"
#include "sl-session.h"

#define WORKFLOW \
  "\nimport gc, sys, tracemalloc\n" \
  "counts = [%s]\n" \
  "for count in counts:\n" \
  "    gc.collect()\n" \
  "    tracemalloc.start()\n" \
  "    before = tracemalloc.take_snapshot()\n" \
  "    objs = [%s() for _ in range(count)]\n" \
  "    after = tracemalloc.take_snapshot()\n" \
  "    total = sum(s.size for s in after.statistics('lineno')) - sum(s.size for s in before.statistics('lineno'))\n" \
  "    print(count, total, flush=True)\n" \
  "    del objs, before, after\n" \
  "    tracemalloc.stop()\n"

typedef struct {
  GMainLoop *loop;
  GError    *error;
  SlChart   *chart;
  gint64     last_tick;
  gint64     max_stall;
  guint      points;
} Bench;

static gboolean
tick_cb (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();

  if (bench->last_tick && now - bench->last_tick > bench->max_stall)
    bench->max_stall = now - bench->last_tick;
  if (bench->last_tick && now - bench->last_tick > 12000 && g_getenv ("SLOTLAB_BENCH_VERBOSE"))
    g_print ("  stall of %.1f ms after %u points\n", (now - bench->last_tick) / 1000.0, bench->points);
  bench->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
point_cb (SlExperimentRun     *run,
          const SlResultPoint *point,
          Bench               *bench)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  bench->points++;
  if (bench->chart == NULL)
    return;
  /* What the window does on a point: add it and redraw the chart. */
  sl_chart_add_extra_point (bench->chart, point);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 560);
  cr = cairo_create (surface);
  sl_chart_draw (bench->chart, cr, 900, 560, SL_CHART_STYLE_LIGHT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Bench *bench = data;

  sl_experiment_run_run_finish (SL_EXPERIMENT_RUN (object), result, &bench->error);
  g_main_loop_quit (bench->loop);
}

/* CPU seconds used by finished children so far. */
static double
children_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
live_run (SlSession     *session,
          SlExperiment  *experiment,
          SlInterpreter *interp,
          gboolean       with_chart,
          gint64        *max_stall)
{
  g_autoptr(SlExperimentRun) run = sl_experiment_run_new (experiment, sl_session_get_chain (session), "3.12");
  g_autoptr(SlChart) chart = NULL;
  Bench bench = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0, 0 };
  gint64 start;
  guint tick;

  if (with_chart)
    {
      chart = sl_chart_new ();
      sl_chart_set_experiment (chart, experiment, sl_session_get_chain (session), "3.12");
      bench.chart = chart;
      /* The window has drawn the chart once before a run: fonts are loaded. */
      point_cb (NULL, &(SlResultPoint) { .python = (char *) "3.12", .count = 1, .bytes = 1 }, &bench);
      bench.points = 0;
    }
  sl_experiment_run_set_backend (run, SL_BACKEND_LIVE);
  sl_experiment_run_set_interpreter (run, interp);
  g_signal_connect (run, "point", G_CALLBACK (point_cb), &bench);
  tick = g_timeout_add (1, tick_cb, &bench);
  start = g_get_monotonic_time ();
  sl_experiment_run_run_async (run, NULL, done_cb, &bench);
  g_main_loop_run (bench.loop);
  g_source_remove (tick);
  g_main_loop_unref (bench.loop);
  if (bench.error)
    g_error ("live run: %s", bench.error->message);
  if (max_stall)
    *max_stall = bench.max_stall;
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
workflow_run (SlSession     *session,
              SlExperiment  *experiment,
              SlInterpreter *interp)
{
  g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);
  GArray *strategies = sl_experiment_get_strategies (experiment);
  g_autoptr(GString) list = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < counts->len; i++)
    g_string_append_printf (list, "%s%" G_GUINT64_FORMAT, i ? ", " : "", g_array_index (counts, guint64, i));
  /* One strategy after another, as a script does it: one process, one pass per count. */
  for (guint s = 0; s < strategies->len; s++)
    {
      g_autoptr(SlChain) applied = sl_strategy_apply (sl_session_get_chain (session),
                                                      sl_experiment_get_class_name (experiment),
                                                      g_array_index (strategies, SlStrategy, s));
      g_autofree char *classes = sl_chain_to_python (applied);
      g_autofree char *source = g_strdup_printf ("%s" WORKFLOW, classes, list->str,
                                                 sl_experiment_get_class_name (experiment));
      const char *argv[] = { sl_interpreter_get_path (interp), "-I", "-S", "-c", source, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
        g_error ("workflow: %s", error->message);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlExperiment *experiment = sl_session_lookup_experiment (session, "Example 17.3: bulk allocation");
  const char *python = g_getenv ("SLOTLAB_BENCH_PYTHON");
  g_autofree char *path = python ? g_strdup (python) : g_find_program_in_path ("python3");
  g_autoptr(SlInterpreter) interp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-bench-XXXXXX", NULL);
  double live, workflow;
  gint64 stall = 0;

  if (path == NULL || !(interp = sl_interpreter_probe (path, NULL, &error)))
    {
      g_printerr ("no interpreter: %s\n", error ? error->message : "python3 is not on PATH");
      return 77;
    }
  g_print ("interpreter: %s (%s), %u processors\n", sl_interpreter_get_path (interp),
           sl_interpreter_get_version (interp), g_get_num_processors ());

  /* 1. Live run against the lecture's workflow. */
  if (g_getenv ("SLOTLAB_BENCH_SKIP_WORKFLOW") == NULL)
    {
      double cpu0 = children_cpu (), cpu1, cpu2;
      double load[3] = { 0, };

      live = live_run (session, experiment, interp, FALSE, NULL);
      cpu1 = children_cpu ();
      workflow = workflow_run (session, experiment, interp);
      cpu2 = children_cpu ();
      getloadavg (load, 3);
      g_print ("live run (4 strategies x 7 counts to 10^6, traced): %.2f s wall, %.2f s CPU in the interpreters\n",
               live, cpu1 - cpu0);
      g_print ("Example 17.3 workflow (snapshots + statistics per count): %.2f s wall, %.2f s CPU\n",
               workflow, cpu2 - cpu1);
      g_print ("machine load average %.1f on %u processors\n", load[0], g_get_num_processors ());
      g_print ("speed-up: %.1fx (goal >= 4x) %s\n", workflow / live, workflow / live >= 4 ? "PASS" : "MISS");
    }

  /* 2. Main-loop stalls while points stream in, chart redrawn per point. */
  live_run (session, experiment, interp, TRUE, &stall);
  g_print ("longest main-loop stall while streaming (chart redrawn per point): %.1f ms (goal <= 16 ms) %s\n",
           stall / 1000.0, stall <= 16000 ? "PASS" : "MISS");

  /* 3. Export of each chart. */
  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    for (SlChartFormat format = SL_CHART_FORMAT_SVG; format <= SL_CHART_FORMAT_PDF; format++)
      {
        g_autoptr(SlChart) chart = sl_chart_new ();
        g_autofree char *file = g_strdup_printf ("%s/%s.%s", dir, sl_chart_kind_to_string (kind),
                                                 format == SL_CHART_FORMAT_SVG ? "svg" : "pdf");
        gint64 start;
        double ms;

        sl_chart_set_experiment (chart, experiment, sl_session_get_chain (session), "3.12");
        sl_chart_set_kind (chart, kind);
        start = g_get_monotonic_time ();
        if (!sl_chart_export (chart, file, format, 720, 450, 96, &error))
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_print ("export %s %s: %.1f ms (goal < 200 ms) %s\n", sl_chart_kind_to_string (kind),
                 format == SL_CHART_FORMAT_SVG ? "SVG" : "PDF", ms, ms < 200 ? "PASS" : "MISS");
        g_unlink (file);
      }
  g_rmdir (dir);
  return 0;
}
