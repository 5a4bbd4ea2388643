#pragma once

#include <gio/gio.h>

#include "sl-chain.h"
#include "sl-experiment.h"
#include "sl-experiment-run.h"
#include "sl-interpreter.h"

G_BEGIN_DECLS

/* One experiment run live on every interpreter of this machine, one per
 * CPython profile: "checked here, on every version".
 *
 * Each interpreter gets an SlExperimentRun of its own (the same warden,
 * the same kill of process groups on cancel).  At most max_parallel
 * interpreter processes run at once, the machine's processors by default:
 * as many runs at once as that allows, and each run's own workers are
 * that budget shared among the runs still to go.  One GCancellable ends
 * every run (those not started never start).
 *
 * Signals (main loop, in the thread-default context of run_async):
 *   ::progress (double fraction)       — the whole, 0 to 1
 *   ::run-started (guint index)        — interpreter `index` starts
 *   ::run-finished (guint index)       — it ended (get_run_error says how)
 */

#define SL_TYPE_RUN_EVERYWHERE (sl_run_everywhere_get_type ())
G_DECLARE_FINAL_TYPE (SlRunEverywhere, sl_run_everywhere, SL, RUN_EVERYWHERE, GObject)

/* One interpreter per profile among `interpreters` (element-type
 * SlInterpreter), in the profiles' order (sl_profile_list ()): for each
 * profile the newest release, and among equal releases the first path in
 * byte order — the same choice whatever order discovery found them in.
 * Interpreters no profile covers are left out.  A new array (refs). */
GPtrArray       *sl_run_everywhere_pick_interpreters (GPtrArray *interpreters);

SlRunEverywhere *sl_run_everywhere_new            (SlExperiment     *experiment,
                                                   SlChain          *chain,
                                                   const char       *fallback_python);
/* The interpreters to choose among (picked with pick_interpreters); not
 * set, run_async discovers those of this machine first. */
void             sl_run_everywhere_set_interpreters (SlRunEverywhere *self,
                                                   GPtrArray        *interpreters);
/* Interpreter processes at once, over all runs (default: processors). */
void             sl_run_everywhere_set_max_parallel (SlRunEverywhere *self,
                                                   guint             n);
void             sl_run_everywhere_set_timeout    (SlRunEverywhere  *self,
                                                   double            seconds);
/* As sl_experiment_run_set_background, for each run. */
void             sl_run_everywhere_set_background (SlRunEverywhere  *self,
                                                   gboolean          background);
/* Bytes the machine can give, shared by the runs at once like the
 * processes (default: MemAvailable). */
void             sl_run_everywhere_set_memory_available (SlRunEverywhere *self,
                                                   guint64           bytes);

/* Fails only when there is nothing to run (no interpreter a profile
 * covers: SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER) or when cancelled
 * (G_IO_ERROR_CANCELLED, once every started run has ended and killed its
 * processes).  A run that failed alone is in get_run_error. */
void             sl_run_everywhere_run_async      (SlRunEverywhere  *self,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean         sl_run_everywhere_run_finish     (SlRunEverywhere  *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);
gboolean         sl_run_everywhere_is_running     (SlRunEverywhere  *self);

/* The runs, one per chosen interpreter, in the profiles' order (known
 * once run-started has been emitted for the first, or after finish). */
guint            sl_run_everywhere_get_n_runs     (SlRunEverywhere  *self);
SlInterpreter   *sl_run_everywhere_get_interpreter (SlRunEverywhere *self,
                                                   guint             index);
SlExperimentRun *sl_run_everywhere_get_run        (SlRunEverywhere  *self,
                                                   guint             index);
/* NULL: finished whole (or not started); else why it failed. */
const GError    *sl_run_everywhere_get_run_error  (SlRunEverywhere  *self,
                                                   guint             index);
gboolean         sl_run_everywhere_get_run_started (SlRunEverywhere *self,
                                                   guint             index);
double           sl_run_everywhere_get_fraction   (SlRunEverywhere  *self);

/* Keeps every run that measured something in `experiment`'s history, one
 * run per interpreter (each with its interpreter and time).  The ids of
 * the runs kept (element-type guint). */
GArray          *sl_run_everywhere_store_results  (SlRunEverywhere  *self,
                                                   SlExperiment     *experiment);

/* CSV with PRODUCT.md's columns and, after them, where each point came
 * from and what the model says there: `interpreter` (the path run),
 * `profile` (the engine's profile of that release) and `model_bytes`
 * (the model's total at that count on that profile; empty where the
 * model has none).  Every point of every run. */
char            *sl_run_everywhere_build_csv      (SlRunEverywhere  *self);

/* Bytes per instance measured by the points of one run (element-type
 * SlResultPoint) of `python`, `strategy` and `metric`: the growth between
 * its two largest counts divided by their difference (one-off costs
 * cancel, as in the oracle's traced_per_instance); with a single count,
 * bytes / count.  FALSE when there is no such point. */
gboolean         sl_result_points_per_instance    (GPtrArray        *points,
                                                   const char       *python,
                                                   SlStrategy        strategy,
                                                   SlMetric          metric,
                                                   double           *per_instance);

G_END_DECLS
