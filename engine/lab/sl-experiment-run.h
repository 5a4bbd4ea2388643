#pragma once

#include <gio/gio.h>

#include "sl-chain.h"
#include "sl-experiment.h"
#include "sl-interpreter.h"

G_BEGIN_DECLS

#define SL_EXPERIMENT_RUN_ERROR (sl_experiment_run_error_quark ())

typedef enum {
  SL_EXPERIMENT_RUN_ERROR_INVALID,        /* no such class or version; no strategy */
  SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER, /* live, and none chosen or it cannot run */
  SL_EXPERIMENT_RUN_ERROR_TOO_BIG,        /* would not fit in available memory */
  SL_EXPERIMENT_RUN_ERROR_CRASHED,        /* the interpreter died or exited early */
  SL_EXPERIMENT_RUN_ERROR_TIMED_OUT,      /* no point within the time-out */
  SL_EXPERIMENT_RUN_ERROR_PROTOCOL,       /* printed something slotlab-probe does not print */
  SL_EXPERIMENT_RUN_ERROR_OUT_OF_MEMORY,  /* the interpreter ran out of memory */
  SL_EXPERIMENT_RUN_ERROR_UNMEASURABLE,   /* the metric does not exist on that interpreter */
  SL_EXPERIMENT_RUN_ERROR_OVER_LIMIT,     /* a strategy's chain passes Slot Lab's own limits:
                                           * that strategy failed alone, the others' points
                                           * are whole (not partial) */
  SL_EXPERIMENT_RUN_ERROR_PROBE_FAILED,   /* slotlab-probe's own code failed on a class
                                           * CPython accepted */
} SlExperimentRunError;

/* Bytes tracemalloc itself keeps per traced block (64-bit): its hash
 * table entry and trace record, and the bucket array at its load factor.
 * Measured with tests/bench-tracemalloc-overhead.py (RSS with and without
 * tracemalloc over 10^6 instances): 96 B per block for one-block instances
 * on CPython 3.11 and 3.12, 56 B per block for two-block ones; the
 * prediction takes the larger plus the table's doubling, 112 B. */
#define SL_TRACEMALLOC_BYTES_PER_BLOCK 112
/* An interpreter with the probe loaded, before any instance: ~10 MiB RSS. */
#define SL_INTERPRETER_BASE_BYTES (16 * 1024 * 1024)

#define SL_TYPE_EXPERIMENT_RUN (sl_experiment_run_get_type ())
G_DECLARE_FINAL_TYPE (SlExperimentRun, sl_experiment_run, SL, EXPERIMENT_RUN, GObject)

/* One run of an experiment.  The run works on copies of the experiment and
 * the chain taken here: editing them while it runs changes nothing.
 *
 * Signals (main loop, in the thread-default context of run_async):
 *   ::point (SlResultPoint *point) — one measured or modelled point
 *   ::progress (double fraction)  — 0 to 1
 *
 * The model backend computes every point at once.  The live backend runs
 * one interpreter process per strategy, as many at once as there are
 * processors, each sweeping up to the largest count in one pass and
 * printing a line per count. */

GQuark           sl_experiment_run_error_quark   (void);

SlExperimentRun *sl_experiment_run_new           (SlExperiment     *experiment,
                                                  SlChain          *chain,
                                                  const char       *fallback_python);
/* Overrides the experiment's backend. */
void             sl_experiment_run_set_backend   (SlExperimentRun  *self,
                                                  SlBackend         backend);
SlBackend        sl_experiment_run_get_backend   (SlExperimentRun  *self);
/* The interpreter of a live run (never taken from a session). */
void             sl_experiment_run_set_interpreter (SlExperimentRun *self,
                                                  SlInterpreter    *interpreter);
/* Seconds without a new point before a live run gives up (default 300);
 * time an interpreter spends waiting for a CPU does not count. */
void             sl_experiment_run_set_timeout   (SlExperimentRun  *self,
                                                  double            seconds);
/* A run a window shows: its interpreters get only CPU time nothing else
 * wants (SCHED_IDLE), so the window's frames never wait for them.  Off:
 * niceness 10, as slotlab-cli runs. */
void             sl_experiment_run_set_background (SlExperimentRun *self,
                                                  gboolean          background);
/* Processes at once (default g_get_num_processors ()). */
void             sl_experiment_run_set_max_parallel (SlExperimentRun *self,
                                                  guint             n);
/* Bytes the machine can give (default: MemAvailable of /proc/meminfo). */
void             sl_experiment_run_set_memory_available (SlExperimentRun *self,
                                                  guint64           bytes);

/* The model's estimate of the peak memory of a live run: the processes
 * that run at once at their largest count, tracemalloc's traces included. */
gboolean         sl_experiment_run_predict_peak  (SlExperimentRun  *self,
                                                  guint64          *bytes,
                                                  GError          **error);

void             sl_experiment_run_run_async     (SlExperimentRun  *self,
                                                  GCancellable     *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer          user_data);
gboolean         sl_experiment_run_run_finish    (SlExperimentRun  *self,
                                                  GAsyncResult     *result,
                                                  GError          **error);

/* While running: whether its interpreters mostly wait for a CPU that
 * other programs have ("waiting-for-cpu", notified as it changes). */
gboolean         sl_experiment_run_is_waiting_for_cpu (SlExperimentRun *self);
/* Every point so far (element-type SlResultPoint), marked partial when the
 * run failed or was cancelled. */
GPtrArray       *sl_experiment_run_get_points    (SlExperimentRun  *self);
/* Once run_async has started it: every point the run sets out to measure,
 * in table order (sl_result_point_compare), with no figures (bytes 0) —
 * what a window shows before they come.  A point that comes is one of
 * these; one may never come (a strategy CPython refuses, a run cut
 * short).  Empty before run_async, or when the run could not start. */
GPtrArray       *sl_experiment_run_get_planned_points (SlExperimentRun *self);
/* The same, before the run starts: what a run with these settings would
 * set out to measure (a window shows it as the table a run will fill). */
GPtrArray       *sl_experiment_run_dup_plan      (SlExperimentRun  *self);
/* "slots: TypeError: …" for each strategy CPython refused (may be empty). */
const char * const *sl_experiment_run_get_refusals (SlExperimentRun *self);
gboolean         sl_experiment_run_is_running    (SlExperimentRun  *self);

/* Keeps this run's points in the experiment's history, as a new run
 * beside the earlier ones; its id, or 0 when no point was measured. */
guint            sl_experiment_run_store_results (SlExperimentRun  *self,
                                                  SlExperiment     *experiment);

/* MemAvailable from /proc/meminfo, in bytes (G_MAXUINT64 if unknown). */
guint64          sl_memory_available             (void);

G_END_DECLS
