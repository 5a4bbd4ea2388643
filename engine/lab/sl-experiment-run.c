/* sl-experiment-run.c: running an experiment, with the model or live.
 *
 * Live: one `python -I -S -c <slotlab-probe.py>` per strategy, fed the
 * strategy's chain as JSON on stdin (data, never code: the probe builds the
 * classes with type() from checked identifiers), reading its stdout in
 * chunks and splitting lines ourselves so that a child printing without
 * newlines cannot make us buffer more than SL_PROBE_MAX_LINE.  Each line
 * goes through sl_probe_parse_line() and must come in the order the probe
 * prints: hello, one point per count in ascending order, done, end of file,
 * exit status 0.  Anything else ends the run: every other child is killed
 * and waited for, the points so far are kept and marked partial.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <json-glib/json-glib.h>

#include "sl-chain-json.h"
#include "sl-cpu-wait.h"
#include "sl-experiment-model.h"
#include "sl-experiment-run-private.h"
#include "sl-interpreter-private.h"
#include "sl-probe-protocol.h"
#include "sl-spawner.h"

#define DEFAULT_TIMEOUT_S 300.0
#define CHUNK 4096
#define CHILD_NICENESS 10

/* STARTING: its process is being spawned on the spawner thread
 * (sl-spawner.c), and is not there yet. */
typedef enum { CHILD_PENDING, CHILD_STARTING, CHILD_RUNNING, CHILD_DONE } ChildState;

typedef struct {
  SlExperimentRun *run;          /* unowned */
  SlStrategy       strategy;     /* the one being swept now */
  GArray          *lane;         /* SlStrategy: what this process sweeps, in order */
  guint            lane_index;   /* of `strategy` in `lane` */
  char            *input;
  GSubprocess     *process;
  GInputStream    *out;
  GString         *buffer;
  char             chunk[CHUNK];
  ChildState       state;
  guint            next;         /* index of the next count expected */
  guint            n_lines;
  gboolean         hello_seen;
  gboolean         done_seen;
  char            *refusal;      /* an {"error"} line: kept until the exit status says what it was */
  gint64           last_activity;
  gint64           cpu_wait_at_activity;   /* sl_cpu_wait_of_warded () then */
  guint64          reached;      /* instances allocated so far */
} Child;

struct _SlExperimentRun
{
  GObject         parent_instance;

  SlExperiment   *experiment;
  SlChain        *chain;
  char           *fallback_python;
  SlBackend       backend;
  SlInterpreter  *interpreter;
  double          timeout;
  gboolean        background;
  guint           max_parallel;
  guint64         memory_available;

  GArray         *counts;        /* guint64 */
  GPtrArray      *points;        /* SlResultPoint */
  GPtrArray      *planned;       /* SlResultPoint, no figures: what the run will measure */
  GPtrArray      *refusals;      /* char *, NULL-terminated view */
  GString        *over_limit;    /* strategies Slot Lab's own limits refused, or empty */
  GPtrArray      *children;      /* Child */
  GTask          *task;
  GTask          *ending;        /* the run's task, ended but not returned: see run_complete */
  GError         *ending_error;
  guint           n_starting;    /* spawns under way: not the children in CHILD_STARTING,
                                  * since kill_children() marks those done before
                                  * their spawns come back */
  GCancellable   *cancellable;
  gulong          cancelled_id;
  guint           watchdog;
  SlCpuWaitTracker cpu_wait;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (SlExperimentRun, sl_experiment_run, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-experiment-run-error-quark, sl_experiment_run_error)

enum { POINT, PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_WAITING_FOR_CPU, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void child_start   (Child *child);
static void run_return    (SlExperimentRun *self, GTask *task, GError *error);
static void run_fail      (SlExperimentRun *self, GError *error);

static void
child_free (Child *child)
{
  g_free (child->input);
  g_clear_pointer (&child->lane, g_array_unref);
  g_clear_object (&child->process);
  g_clear_object (&child->out);
  if (child->buffer)
    g_string_free (child->buffer, TRUE);
  g_free (child->refusal);
  g_free (child);
}

static void
sl_experiment_run_finalize (GObject *object)
{
  SlExperimentRun *self = SL_EXPERIMENT_RUN (object);

  g_clear_object (&self->experiment);
  g_clear_object (&self->chain);
  g_free (self->fallback_python);
  g_clear_object (&self->interpreter);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->points, g_ptr_array_unref);
  g_clear_pointer (&self->planned, g_ptr_array_unref);
  g_clear_pointer (&self->refusals, g_ptr_array_unref);
  if (self->over_limit)
    g_string_free (self->over_limit, TRUE);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_handle_id (&self->watchdog, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->ending);       /* only a spawn under way holds it, and a reference to this */
  g_clear_error (&self->ending_error);
  G_OBJECT_CLASS (sl_experiment_run_parent_class)->finalize (object);
}

static void
sl_experiment_run_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SlExperimentRun *self = SL_EXPERIMENT_RUN (object);

  switch (prop_id)
    {
    case PROP_WAITING_FOR_CPU:
      g_value_set_boolean (value, sl_experiment_run_is_waiting_for_cpu (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_experiment_run_class_init (SlExperimentRunClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_experiment_run_finalize;
  G_OBJECT_CLASS (klass)->get_property = sl_experiment_run_get_property;

  /* The interpreters mostly wait for a CPU that other programs have (a
   * background run yields them every one): a run that crawls says why. */
  properties[PROP_WAITING_FOR_CPU] =
    g_param_spec_boolean ("waiting-for-cpu", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  signals[POINT] = g_signal_new ("point", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 G_TYPE_POINTER);
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
sl_experiment_run_init (SlExperimentRun *self)
{
  self->timeout = DEFAULT_TIMEOUT_S;
  self->max_parallel = MAX (1, g_get_num_processors ());
  self->points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  self->planned = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  self->refusals = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->refusals, NULL);
  self->over_limit = g_string_new (NULL);
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_free);
}

SlExperimentRun *
sl_experiment_run_new (SlExperiment *experiment,
                       SlChain      *chain,
                       const char   *fallback_python)
{
  SlExperimentRun *self;

  g_return_val_if_fail (SL_IS_EXPERIMENT (experiment), NULL);
  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);

  self = g_object_new (SL_TYPE_EXPERIMENT_RUN, NULL);
  self->experiment = sl_experiment_copy (experiment);
  self->chain = sl_chain_copy (chain);
  self->fallback_python = g_strdup (fallback_python);
  self->backend = sl_experiment_get_backend (experiment);
  self->counts = sl_experiment_dup_counts (experiment);
  return self;
}

void
sl_experiment_run_set_backend (SlExperimentRun *self,
                               SlBackend        backend)
{
  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  self->backend = backend;
}

SlBackend
sl_experiment_run_get_backend (SlExperimentRun *self)
{
  return self->backend;
}

void
sl_experiment_run_set_interpreter (SlExperimentRun *self,
                                   SlInterpreter   *interpreter)
{
  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  g_set_object (&self->interpreter, interpreter);
}

void
sl_experiment_run_set_timeout (SlExperimentRun *self,
                               double           seconds)
{
  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  self->timeout = seconds > 0 ? seconds : DEFAULT_TIMEOUT_S;
}

void
sl_experiment_run_set_background (SlExperimentRun *self,
                                  gboolean         background)
{
  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  self->background = !!background;
}

void
sl_experiment_run_set_max_parallel (SlExperimentRun *self,
                                    guint            n)
{
  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  self->max_parallel = MAX (n, 1);
}

void
sl_experiment_run_set_memory_available (SlExperimentRun *self,
                                        guint64          bytes)
{
  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  self->memory_available = bytes;
}

gboolean
sl_experiment_run_is_waiting_for_cpu (SlExperimentRun *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_RUN (self), FALSE);
  return self->running && self->cpu_wait.starved;
}

GPtrArray *
sl_experiment_run_get_points (SlExperimentRun *self)
{
  return self->points;
}

GPtrArray *
sl_experiment_run_get_planned_points (SlExperimentRun *self)
{
  return self->planned;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  return sl_result_point_compare (*(SlResultPoint * const *) a, *(SlResultPoint * const *) b);
}

static SlProfile *prediction_profile (SlExperimentRun *self);

/* @points as a plan: copies without figures, in table order. */
static void
plan_add_points (GPtrArray *planned,
                 GPtrArray *points)
{
  for (guint i = 0; points && i < points->len; i++)
    {
      SlResultPoint *point = sl_result_point_copy (g_ptr_array_index (points, i));

      point->bytes = 0;
      g_ptr_array_add (planned, point);
    }
  g_ptr_array_sort (planned, compare_points);
}

/* A live run's plan: its interpreter's version, each strategy but those
 * over Slot Lab's own limits (as make_lanes() leaves them out), each
 * count — what child_handle_line() fills in. */
static void
plan_live_points (SlExperimentRun *self,
                  GPtrArray       *planned)
{
  g_autoptr(SlProfile) profile = prediction_profile (self);
  GArray *strategies = sl_experiment_get_strategies (self->experiment);

  for (guint s = 0; s < strategies->len; s++)
    {
      SlStrategy strategy = g_array_index (strategies, SlStrategy, s);
      SlModelLine *line = sl_experiment_model_line (self->chain,
                                                    sl_experiment_get_class_name (self->experiment),
                                                    profile, strategy, SL_METRIC_TRACED, NULL);
      gboolean over_limit = line != NULL && line->over_limit;

      sl_model_line_free (line);
      for (guint i = 0; i < self->counts->len && !over_limit; i++)
        {
          SlResultPoint point = { 0 };

          point.python = self->interpreter ? (char *) sl_interpreter_get_version (self->interpreter) : NULL;
          point.strategy = strategy;
          point.backend = SL_BACKEND_LIVE;
          point.metric = sl_experiment_get_metric (self->experiment);
          point.count = g_array_index (self->counts, guint64, i);
          point.interpreter = self->interpreter ? (char *) sl_interpreter_get_path (self->interpreter) : NULL;
          g_ptr_array_add (planned, sl_result_point_copy (&point));
        }
    }
  g_ptr_array_sort (planned, compare_points);
}

/* What the run sets out to measure, figures zero, in table order: the
 * model's points, or a live run's (plan_live_points()). */
static GPtrArray *
plan_points (SlExperimentRun *self)
{
  GPtrArray *planned = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);

  if (self->backend == SL_BACKEND_MODEL)
    {
      g_autoptr(GPtrArray) points = sl_experiment_model_points (self->experiment, self->chain,
                                                                self->fallback_python, NULL);

      plan_add_points (planned, points);
    }
  else
    plan_live_points (self, planned);
  return planned;
}

GPtrArray *
sl_experiment_run_dup_plan (SlExperimentRun *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_RUN (self), NULL);

  return plan_points (self);
}

const char * const *
sl_experiment_run_get_refusals (SlExperimentRun *self)
{
  return (const char * const *) self->refusals->pdata;
}

gboolean
sl_experiment_run_is_running (SlExperimentRun *self)
{
  return self->running;
}

guint64
sl_memory_available (void)
{
  g_autofree char *text = NULL;
  const char *at;
  guint64 kib;

  if (!g_file_get_contents ("/proc/meminfo", &text, NULL, NULL) ||
      !(at = strstr (text, "MemAvailable:")) ||
      sscanf (at, "MemAvailable: %" G_GUINT64_FORMAT " kB", &kib) != 1)
    return G_MAXUINT64;
  return kib * 1024;
}

static void
add_refusal (SlExperimentRun *self,
             SlStrategy       strategy,
             const char      *message)
{
  g_ptr_array_insert (self->refusals, self->refusals->len - 1,
                      g_strdup_printf ("%s: %s", sl_strategy_to_string (strategy), message));
}

/* A strategy whose chain Slot Lab cannot hold fails alone: the run goes on
 * with the others and ends with an error that names each such strategy. */
static void
add_over_limit (SlExperimentRun *self,
                SlStrategy       strategy,
                const char      *message)
{
  g_string_append_printf (self->over_limit,
                          "%sExperiment “%s”, strategy %s: %s (a limit of Slot Lab's, not of "
                          "CPython; the other strategies ran)",
                          self->over_limit->len ? "\n" : "",
                          sl_experiment_get_name (self->experiment),
                          sl_strategy_to_string (strategy), message);
}

static void
add_point (SlExperimentRun     *self,
           const SlResultPoint *point)
{
  g_ptr_array_add (self->points, sl_result_point_copy (point));
  g_signal_emit (self, signals[POINT], 0, point);
}

/* The profile of a live run's interpreter, or the experiment's first. */
static SlProfile *
prediction_profile (SlExperimentRun *self)
{
  const char * const *pythons = sl_experiment_get_pythons (self->experiment);
  SlProfile *profile = NULL;

  if (self->interpreter != NULL && sl_interpreter_get_profile_id (self->interpreter) != NULL)
    profile = sl_profile_lookup (sl_interpreter_get_profile_id (self->interpreter), NULL);
  if (profile == NULL && pythons != NULL && pythons[0] != NULL)
    profile = sl_profile_lookup_version (pythons[0], NULL);
  if (profile == NULL)
    profile = sl_profile_lookup_version (self->fallback_python, NULL);
  return profile;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

gboolean
sl_experiment_run_predict_peak (SlExperimentRun  *self,
                                guint64          *bytes,
                                GError          **error)
{
  g_autoptr(SlProfile) profile = prediction_profile (self);
  g_autoptr(GArray) each = g_array_new (FALSE, FALSE, sizeof (guint64));
  GArray *strategies = sl_experiment_get_strategies (self->experiment);
  const char *class_name = sl_experiment_get_class_name (self->experiment);
  guint64 largest = g_array_index (self->counts, guint64, self->counts->len - 1);
  long double total = 0;

  if (profile == NULL)
    {
      g_set_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_INVALID,
                   "No profile to predict the memory of this run with");
      return FALSE;
    }
  for (guint s = 0; s < strategies->len; s++)
    {
      g_autoptr(GError) local_error = NULL;
      SlModelLine *line = sl_experiment_model_line (self->chain, class_name, profile,
                                                    g_array_index (strategies, SlStrategy, s),
                                                    SL_METRIC_RESIDENT, &local_error);
      long double need;
      guint64 need64;

      if (line == NULL)
        {
          g_set_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_INVALID,
                       "%s", local_error->message);
          return FALSE;
        }
      /* The list of instances, the instances as the allocator holds them,
       * and tracemalloc's record of every block. */
      need = SL_INTERPRETER_BASE_BYTES + 8.0L * largest;
      if (line->over_limit)
        need = 0;                /* never started */
      else if (line->refusal == NULL)
        {
          double per = line->per_instance;

          /* No pymalloc figures (free-threaded): the traced bytes, rounded up. */
          if (per < 0)
            {
              per = 0;
              for (guint p = 0; p < SL_N_PARTS; p++)
                per += MAX (line->by_part[p], 0) * 1.25;
            }
          need += (long double) largest * per;
          if (sl_experiment_get_metric (self->experiment) == SL_METRIC_TRACED)
            need += (long double) largest * line->n_blocks * SL_TRACEMALLOC_BYTES_PER_BLOCK;
        }
      need64 = need >= (long double) G_MAXUINT64 ? G_MAXUINT64 : (guint64) need;
      g_array_append_val (each, need64);
      sl_model_line_free (line);
    }
  /* The processes that run at once: the largest ones, at worst. */
  g_array_sort (each, compare_desc);
  for (guint i = 0; i < each->len && i < self->max_parallel; i++)
    total += g_array_index (each, guint64, i);
  *bytes = total >= (long double) G_MAXUINT64 ? G_MAXUINT64 : (guint64) total;
  return TRUE;
}

/* ---- the end of a run ---- */

static void
kill_children (SlExperimentRun *self)
{
  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);

      if (child->process != NULL && child->state == CHILD_RUNNING)
        {
          sl_interpreter_kill_group (child->process);
          g_subprocess_wait (child->process, NULL, NULL);
        }
      child->state = CHILD_DONE;
    }
}

static void
run_complete (SlExperimentRun *self,
              GError          *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  self->running = FALSE;
  g_clear_handle_id (&self->watchdog, g_source_remove);
  if (self->cancelled_id != 0)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_id);
      self->cancelled_id = 0;
    }
  if (error != NULL)
    {
      kill_children (self);
      for (guint i = 0; i < self->points->len; i++)
        ((SlResultPoint *) g_ptr_array_index (self->points, i))->partial = TRUE;
    }
  /* A process still being spawned is ended as it arrives (child_spawned_cb):
   * the run returns after that, so that its end means no process is left. */
  if (self->n_starting > 0)
    {
      self->ending = g_steal_pointer (&task);
      self->ending_error = error;
      return;
    }
  run_return (self, g_steal_pointer (&task), error);
}

/* The end of run_complete(): the task returns, with @error if any. */
static void
run_return (SlExperimentRun *self,
            GTask           *task_in,
            GError          *error)
{
  g_autoptr(GTask) task = task_in;

  if (error != NULL)
    {
      if (self->over_limit->len > 0 && error->domain == SL_EXPERIMENT_RUN_ERROR)
        {
          g_autofree char *message = g_strdup_printf ("%s\n%s", error->message, self->over_limit->str);

          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
      g_task_return_error (task, error);
    }
  else if (self->over_limit->len > 0)
    {
      /* The other strategies' points are whole: not marked partial. */
      g_signal_emit (self, signals[PROGRESS], 0, 1.0);
      g_task_return_new_error (task, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_OVER_LIMIT,
                               "%s", self->over_limit->str);
    }
  else
    {
      g_signal_emit (self, signals[PROGRESS], 0, 1.0);
      g_task_return_boolean (task, TRUE);
    }
}

static void
run_fail (SlExperimentRun *self,
          GError          *error)
{
  run_complete (self, error);
}

static void
emit_progress (SlExperimentRun *self)
{
  guint64 largest = g_array_index (self->counts, guint64, self->counts->len - 1);
  double sum = 0;
  guint total = 0;

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);

      total += child->lane->len;
      sum += child->state == CHILD_DONE ? child->lane->len
                                        : child->lane_index + (double) child->reached / largest;
    }
  g_signal_emit (self, signals[PROGRESS], 0, sum / MAX (total, 1));
}

static void
start_pending (SlExperimentRun *self)
{
  guint running = 0;
  gboolean all_done = TRUE;

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);

      running += child->state == CHILD_STARTING || child->state == CHILD_RUNNING;
      all_done &= child->state == CHILD_DONE;
    }
  if (all_done)
    {
      run_complete (self, NULL);
      return;
    }
  for (guint i = 0; i < self->children->len && running < self->max_parallel && self->task; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);

      if (child->state == CHILD_PENDING)
        {
          child_start (child);
          running++;
        }
    }
}

/* ---- one child ---- */

static const char *
interpreter_name (SlExperimentRun *self)
{
  return sl_interpreter_get_path (self->interpreter);
}

static GError *
child_error (Child      *child,
             int         code,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static GError *
child_error (Child      *child,
             int         code,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return g_error_new (SL_EXPERIMENT_RUN_ERROR, code, "%s (strategy %s, interpreter %s): %s",
                      sl_experiment_get_name (child->run->experiment),
                      sl_strategy_to_string (child->strategy),
                      interpreter_name (child->run), message);
}

/* The parser leaves -1 for an absent member; the probe's traced figure
 * counts from a baseline and can dip below zero by a few freed blocks, but
 * never to exactly -1 with nothing allocated in between. */
static gboolean
json_line_has_traced (const SlProbeLine *line)
{
  return line->traced != -1;
}

static gboolean
child_handle_line (Child       *child,
                   const char  *text,
                   gsize        length,
                   GError     **error)
{
  SlExperimentRun *self = child->run;
  g_autoptr(GError) parse_error = NULL;
  SlProbeLine line;
  gboolean ok = TRUE;

  child->n_lines++;
  child->last_activity = g_get_monotonic_time ();
  child->cpu_wait_at_activity = sl_cpu_wait_of_warded (child->process);
  if (!sl_probe_parse_line (text, length, &line, &parse_error))
    {
      *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                            "output line %u is not what slotlab-probe prints: %s",
                            child->n_lines, parse_error->message);
      return FALSE;
    }

  /* In a lane, CPython refusing a strategy is its error line, then a
   * done line, and the next strategy follows. */
  if (child->done_seen ||
      (child->refusal != NULL &&
       !(child->lane->len > 1 && line.kind == SL_PROBE_LINE_DONE && child->next == 0)))
    {
      *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                            "output line %u comes after the last line slotlab-probe prints",
                            child->n_lines);
      ok = FALSE;
    }
  else if (!child->hello_seen && line.kind != SL_PROBE_LINE_HELLO && line.kind != SL_PROBE_LINE_FATAL)
    {
      *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                            "output line %u comes before the probe's hello line", child->n_lines);
      ok = FALSE;
    }
  else switch (line.kind)
    {
    case SL_PROBE_LINE_HELLO:
      if (child->hello_seen)
        {
          *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                                "output line %u is a second hello", child->n_lines);
          ok = FALSE;
        }
      child->hello_seen = TRUE;
      break;

    case SL_PROBE_LINE_POINT:
      {
        SlMetric metric = sl_experiment_get_metric (self->experiment);
        SlResultPoint point = { 0, };
        gint64 bytes;

        if (child->next >= self->counts->len ||
            line.count != g_array_index (self->counts, guint64, child->next) ||
            g_strcmp0 (line.strategy, sl_strategy_to_string (child->strategy)) != 0)
          {
            *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                                  "output line %u reports count %" G_GUINT64_FORMAT
                                  " of strategy “%.64s”, not the count asked next",
                                  child->n_lines, line.count, line.strategy);
            ok = FALSE;
            break;
          }
        bytes = metric == SL_METRIC_TRACED ? line.traced :
                metric == SL_METRIC_PYMALLOC ? line.pymalloc :
                metric == SL_METRIC_RESIDENT ? line.resident : line.getsizeof;
        if (bytes < 0 && (metric == SL_METRIC_PYMALLOC || metric == SL_METRIC_RESIDENT))
          {
            *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_UNMEASURABLE,
                                  "this interpreter has no pymalloc statistics "
                                  "(a free-threaded build uses mimalloc), so the %s metric "
                                  "cannot be measured on it",
                                  sl_metric_to_string (metric));
            ok = FALSE;
            break;
          }
        if (metric == SL_METRIC_TRACED && !json_line_has_traced (&line))
          {
            *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                                  "output line %u has no traced bytes", child->n_lines);
            ok = FALSE;
            break;
          }
        child->next++;
        child->reached = line.count;
        point.python = (char *) sl_interpreter_get_version (self->interpreter);
        point.strategy = child->strategy;
        point.backend = SL_BACKEND_LIVE;
        point.metric = metric;
        point.count = line.count;
        point.bytes = (guint64) MAX (bytes, 0);
        point.interpreter = (char *) sl_interpreter_get_path (self->interpreter);
        add_point (self, &point);
        emit_progress (self);
      }
      break;

    case SL_PROBE_LINE_DONE:
      if (child->refusal != NULL)
        {
          add_refusal (self, child->strategy, child->refusal);
          g_clear_pointer (&child->refusal, g_free);
        }
      else if (child->next != self->counts->len)
        {
          *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                                "the probe said done after %u of %u counts",
                                child->next, self->counts->len);
          ok = FALSE;
        }
      if (ok && child->lane_index + 1 < child->lane->len)
        {
          child->strategy = g_array_index (child->lane, SlStrategy, ++child->lane_index);
          child->next = 0;
          child->reached = 0;
        }
      else
        child->done_seen = TRUE;
      break;

    case SL_PROBE_LINE_ERROR:
      child->refusal = g_strdup (line.message);
      break;

    case SL_PROBE_LINE_FATAL:
      *error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                            "slotlab-probe refused its input: %s", line.message);
      ok = FALSE;
      break;
    }
  sl_probe_line_clear (&line);
  return ok;
}

static void
child_wait_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Child *child = user_data;
  SlExperimentRun *self = child->run;
  GSubprocess *process = G_SUBPROCESS (object);
  GError *error = NULL;

  if (!g_subprocess_wait_finish (process, result, NULL) || self->task == NULL ||
      child->state != CHILD_RUNNING)
    {
      g_object_unref (self);
      return;
    }

  if (g_subprocess_get_if_signaled (process))
    error = child_error (child, SL_EXPERIMENT_RUN_ERROR_CRASHED,
                         "the interpreter crashed (signal %d, %s) after %u of %u counts%s",
                         g_subprocess_get_term_sig (process),
                         g_strsignal (g_subprocess_get_term_sig (process)),
                         child->next, self->counts->len,
                         g_subprocess_get_term_sig (process) == 9   /* SIGKILL, from outside */
                           ? "; the system kills a process this way when memory runs out" : "");
  else
    {
      int status = g_subprocess_get_exit_status (process);

      if (status == 0 && child->done_seen)
        ;
      else if (status == 1 && child->refusal != NULL && child->next == 0)
        add_refusal (self, child->strategy, child->refusal);
      else if (status == 4 && child->refusal != NULL)
        error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROBE_FAILED,
                             "%s (CPython accepted the class: a fault of Slot Lab's probe, "
                             "not a refusal)", child->refusal);
      else if (status == 3 && child->refusal != NULL)
        error = child_error (child,
                             g_str_has_prefix (child->refusal, "TimeoutError")
                               ? SL_EXPERIMENT_RUN_ERROR_TIMED_OUT
                               : SL_EXPERIMENT_RUN_ERROR_OUT_OF_MEMORY,
                             "%s", child->refusal);
      else if (!child->hello_seen && status == 127)
        error = child_error (child, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
                             "the interpreter could not be started (exit status 127)");
      else if (!child->hello_seen)
        error = child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                             "the program exited with status %d without the probe's hello line: "
                             "it is not a Python that runs slotlab-probe", status);
      else
        error = child_error (child, SL_EXPERIMENT_RUN_ERROR_CRASHED,
                             "the interpreter exited with status %d after %u of %u counts",
                             status, child->next, self->counts->len);
    }

  if (error != NULL)
    run_fail (self, error);
  else
    {
      child->state = CHILD_DONE;
      emit_progress (self);
      start_pending (self);
    }
  g_object_unref (self);
}

static void
child_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Child *child = user_data;
  SlExperimentRun *self = child->run;
  g_autoptr(GError) io_error = NULL;
  GError *error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &io_error);
  char *start, *newline;

  if (self->task == NULL || child->state != CHILD_RUNNING)
    {
      g_object_unref (self);
      return;
    }
  if (n < 0)
    {
      run_fail (self, child_error (child, SL_EXPERIMENT_RUN_ERROR_CRASHED,
                                   "reading its output failed: %s", io_error->message));
      g_object_unref (self);
      return;
    }
  if (n == 0)
    {
      if (child->buffer->len > 0)
        run_fail (self, child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                                     "its output ends inside a line"));
      else
        {
          g_object_ref (self);
          g_subprocess_wait_async (child->process, NULL, child_wait_cb, child);
        }
      g_object_unref (self);
      return;
    }

  g_string_append_len (child->buffer, child->chunk, n);
  start = child->buffer->str;
  while ((newline = memchr (start, '\n', child->buffer->str + child->buffer->len - start)))
    {
      if (!child_handle_line (child, start, newline - start, &error))
        {
          run_fail (self, error);
          g_object_unref (self);
          return;
        }
      start = newline + 1;
    }
  g_string_erase (child->buffer, 0, start - child->buffer->str);
  if (child->buffer->len > SL_PROBE_MAX_LINE)
    {
      run_fail (self, child_error (child, SL_EXPERIMENT_RUN_ERROR_PROTOCOL,
                                   "output line %u is longer than %d bytes: "
                                   "not what slotlab-probe prints",
                                   child->n_lines + 1, SL_PROBE_MAX_LINE));
      g_object_unref (self);
      return;
    }
  g_input_stream_read_async (child->out, child->chunk, CHUNK, G_PRIORITY_DEFAULT, NULL,
                             child_read_cb, child);
  /* the reference travels on with the read */
}

static void
child_write_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* A child that exits before reading its input is reported by its exit. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_output_stream_close (G_OUTPUT_STREAM (object), NULL, NULL);
  g_object_unref (user_data);
}

/* The child's process is there (on the main thread again): its input
 * goes in, its output is read line by line.  A reference to the run
 * travels with the spawn. */
static void
child_spawned_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Child *child = user_data;
  SlExperimentRun *self = child->run;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GSubprocess) process = sl_spawner_spawn_finish (result, &local_error);
  GOutputStream *in;

  self->n_starting--;
  if (child->state != CHILD_STARTING)
    {
      /* The run ended while it was spawned (cancelled, or another child
       * failed): ended at once, and waited for as kill_children() does. */
      if (process != NULL)
        {
          sl_interpreter_kill_group (process);
          g_subprocess_wait (process, NULL, NULL);
        }
      if (self->n_starting == 0 && self->ending != NULL)
        run_return (self, g_steal_pointer (&self->ending), g_steal_pointer (&self->ending_error));
      g_object_unref (self);
      return;
    }
  if (process == NULL)
    {
      child->state = CHILD_DONE;
      run_fail (self, child_error (child, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
                                   "cannot run it: %s", local_error->message));
      g_object_unref (self);
      return;
    }
  child->process = g_steal_pointer (&process);
  child->state = CHILD_RUNNING;
  child->last_activity = g_get_monotonic_time ();
  child->cpu_wait_at_activity = 0;   /* a new process has waited for nothing */
  in = g_subprocess_get_stdin_pipe (child->process);
  g_output_stream_write_all_async (in, child->input, strlen (child->input), G_PRIORITY_DEFAULT,
                                   NULL, child_write_cb, g_object_ref (self));
  child->out = g_object_ref (g_subprocess_get_stdout_pipe (child->process));
  /* The run's reference passes to the reads: dropped by the read
   * callback that ends them. */
  g_input_stream_read_async (child->out, child->chunk, CHUNK, G_PRIORITY_DEFAULT, NULL,
                             child_read_cb, child);
}

static void
child_start (Child *child)
{
  SlExperimentRun *self = child->run;
  g_auto(GStrv) argv = sl_interpreter_build_argv (interpreter_name (self));

  child->state = CHILD_STARTING;
  child->buffer = g_string_sized_new (CHUNK);
  self->n_starting++;
  g_object_ref (self);   /* dropped by child_spawned_cb, or passed on to the reads */
  /* Measuring takes whole cores (CHILD_NICENESS, set in the child): other
   * work must still get its share; under a window (background), the
   * window gets a core the moment it wants one.  Niceness changes when a
   * point arrives, never what it measures. */
  sl_spawner_spawn_async ((const char * const *) argv,
                          G_SUBPROCESS_FLAGS_STDIN_PIPE |
                          G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                          G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                          self->background ? SL_WARDEN_IDLE : CHILD_NICENESS,
                          child_spawned_cb, child);
}

/* µs the child has been silent while it could run, given its wait for a
 * CPU so far (`waited`): the part since its last line is not silence
 * (sl-cpu-wait.c). */
static gint64
child_silence_us (Child  *child,
                  gint64  now,
                  gint64  waited)
{
  return now - child->last_activity - MAX (waited - child->cpu_wait_at_activity, 0);
}

/* Every 250 ms: a child silent past the timeout ends the run; the
 * children's wait for a CPU, read once each, also tells whether they are
 * mostly waiting ("waiting-for-cpu"). */
static gboolean
watchdog_cb (gpointer user_data)
{
  SlExperimentRun *self = user_data;
  gint64 now = g_get_monotonic_time (), total_waited = 0;
  guint n_running = 0;

  for (guint i = 0; i < self->children->len; i++)
    {
      Child *child = g_ptr_array_index (self->children, i);
      gint64 waited;

      if (child->state != CHILD_RUNNING)
        continue;
      waited = sl_cpu_wait_of_warded (child->process);
      total_waited += waited;
      n_running++;
      if (child_silence_us (child, now, waited) / (double) G_USEC_PER_SEC > self->timeout)
        {
          guint64 next = child->next < self->counts->len
                           ? g_array_index (self->counts, guint64, child->next) : 0;
          /* After its last count it still has to end (a wrapper may linger). */
          g_autofree char *waiting = next == 0
            ? g_strdup ("its end after the last count")
            : g_strdup_printf ("%scount %" G_GUINT64_FORMAT,
                               child->hello_seen ? "" : "its start, ", next);

          self->watchdog = 0;
          run_fail (self, child_error (child, SL_EXPERIMENT_RUN_ERROR_TIMED_OUT,
                                       "no answer for %g s (waiting for %s); the run was stopped",
                                       self->timeout, waiting));
          return G_SOURCE_REMOVE;
        }
    }
  if (sl_cpu_wait_tracker_sample (&self->cpu_wait, now, total_waited, n_running))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_FOR_CPU]);
  return G_SOURCE_CONTINUE;
}

/* The probe's input for a lane: the first strategy as the sweep, the
 * others under "then". */
static char *
sweep_input (SlExperimentRun *self,
             GArray          *lane)
{
  SlStrategy strategy = g_array_index (lane, SlStrategy, 0);
  g_autoptr(SlChain) applied = sl_strategy_apply (self->chain,
                                                  sl_experiment_get_class_name (self->experiment),
                                                  strategy);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, "sweep");
  json_builder_set_member_name (builder, "classes");
  json_builder_add_value (builder, sl_chain_to_json (applied, SL_CHAIN_JSON_PROBE));
  json_builder_set_member_name (builder, "instance");
  json_builder_add_string_value (builder, sl_experiment_get_class_name (self->experiment));
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->counts->len; i++)
    json_builder_add_int_value (builder, (gint64) g_array_index (self->counts, guint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, sl_metric_to_string (sl_experiment_get_metric (self->experiment)));
  json_builder_set_member_name (builder, "strategy");
  json_builder_add_string_value (builder, sl_strategy_to_string (strategy));
  json_builder_set_member_name (builder, "timeout_per_point");
  json_builder_add_double_value (builder, self->timeout);
  if (lane->len > 1)
    {
      json_builder_set_member_name (builder, "then");
      json_builder_begin_array (builder);
      for (guint i = 1; i < lane->len; i++)
        {
          SlStrategy next = g_array_index (lane, SlStrategy, i);
          g_autoptr(SlChain) next_applied = sl_strategy_apply (self->chain,
                                                               sl_experiment_get_class_name (self->experiment),
                                                               next);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "classes");
          json_builder_add_value (builder, sl_chain_to_json (next_applied, SL_CHAIN_JSON_PROBE));
          json_builder_set_member_name (builder, "instance");
          json_builder_add_string_value (builder, sl_experiment_get_class_name (self->experiment));
          json_builder_set_member_name (builder, "strategy");
          json_builder_add_string_value (builder, sl_strategy_to_string (next));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
sl_experiment_run_dup_probe_input (SlExperimentRun  *self,
                                   const SlStrategy *strategies,
                                   guint             n_strategies)
{
  g_autoptr(GArray) lane = g_array_new (FALSE, FALSE, sizeof (SlStrategy));

  g_return_val_if_fail (SL_IS_EXPERIMENT_RUN (self), NULL);
  g_return_val_if_fail (n_strategies > 0, NULL);
  g_array_append_vals (lane, strategies, n_strategies);
  return sweep_input (self, lane);
}

typedef struct {
  SlStrategy strategy;
  double     cost;
} Planned;

static int
compare_cost_desc (gconstpointer a,
                   gconstpointer b)
{
  double x = ((const Planned *) a)->cost, y = ((const Planned *) b)->cost;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* One child per lane.  With no more strategies than processors, each has a
 * process of its own.  With more, as many processes as processors, and
 * each sweeps its share in sequence (the probe's "then"): an interpreter
 * start and a fresh heap are paid once per processor, not once per
 * strategy — what the floor does.  Shares by longest expected first onto
 * the least loaded lane; the expected time of a strategy is its traced
 * bytes per instance (allocation and tracemalloc's work grow with them). */
static void
make_lanes (SlExperimentRun *self,
            GArray          *strategies)
{
  g_autoptr(SlProfile) profile = prediction_profile (self);
  g_autoptr(GArray) planned = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree double *load = NULL;
  guint n_lanes;

  for (guint s = 0; s < strategies->len; s++)
    {
      Planned plan = { g_array_index (strategies, SlStrategy, s), 0 };
      SlModelLine *line = sl_experiment_model_line (self->chain,
                                                    sl_experiment_get_class_name (self->experiment),
                                                    profile, plan.strategy, SL_METRIC_TRACED, NULL);

      if (line != NULL && line->over_limit)
        {
          add_over_limit (self, plan.strategy, line->unavailable);
          sl_model_line_free (line);
          continue;
        }
      if (line != NULL && line->refusal == NULL)
        plan.cost = MAX (line->per_instance, 1);
      sl_model_line_free (line);
      g_array_append_val (planned, plan);
    }
  if (planned->len == 0)
    return;

  n_lanes = MIN (planned->len, self->max_parallel);
  if (n_lanes < planned->len)
    g_array_sort (planned, compare_cost_desc);
  load = g_new0 (double, n_lanes);
  for (guint l = 0; l < n_lanes; l++)
    g_ptr_array_add (lanes, g_array_new (FALSE, FALSE, sizeof (SlStrategy)));
  for (guint i = 0; i < planned->len; i++)
    {
      Planned *plan = &g_array_index (planned, Planned, i);
      guint least = 0;

      for (guint l = 1; l < n_lanes; l++)
        if (load[l] < load[least])
          least = l;
      /* One per lane while lanes are empty, in the experiment's order. */
      if (n_lanes == planned->len)
        least = i;
      load[least] += plan->cost;
      g_array_append_val (g_ptr_array_index (lanes, least), plan->strategy);
    }
  for (guint l = 0; l < n_lanes; l++)
    {
      Child *child = g_new0 (Child, 1);

      child->run = self;
      child->lane = g_array_ref (g_ptr_array_index (lanes, l));
      child->strategy = g_array_index (child->lane, SlStrategy, 0);
      child->input = sweep_input (self, child->lane);
      g_ptr_array_add (self->children, child);
    }
}

static void
run_model (SlExperimentRun *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) points = NULL;

  if (!(lines = sl_experiment_model_lines (self->experiment, self->chain,
                                           self->fallback_python, &error)) ||
      !(points = sl_experiment_model_points (self->experiment, self->chain,
                                             self->fallback_python, &error)))
    {
      run_fail (self, g_error_new (SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_INVALID,
                                   "%s", error->message));
      return;
    }
  for (guint i = 0; i < lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (lines, i);
      g_autofree char *message = NULL;

      if (line->refusal != NULL)
        {
          message = g_strdup_printf ("%s (Python %s)", line->refusal, line->python);
          add_refusal (self, line->strategy, message);
        }
      else if (line->over_limit && !strstr (self->over_limit->str, line->unavailable))
        add_over_limit (self, line->strategy, line->unavailable);
    }
  plan_add_points (self->planned, points);   /* what plan_points() computes, once */
  for (guint i = 0; i < points->len; i++)
    add_point (self, g_ptr_array_index (points, i));
  run_complete (self, NULL);
}

static void
on_cancelled_idle (SlExperimentRun *self)
{
  if (self->task != NULL)
    run_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The run was cancelled"));
}

static gboolean
cancelled_idle_cb (gpointer user_data)
{
  on_cancelled_idle (user_data);
  return G_SOURCE_REMOVE;
}

static void
cancellable_cb (GCancellable *cancellable,
                gpointer      user_data)
{
  SlExperimentRun *self = user_data;
  GMainContext *context = self->task ? g_task_get_context (self->task) : NULL;

  /* Always through an idle: ::cancelled may be emitted in this very
   * context, and completing there would disconnect this handler from
   * inside its own emission (a deadlock in GCancellable). */
  if (context != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_HIGH);
      g_source_set_callback (source, cancelled_idle_cb, g_object_ref (self), g_object_unref);
      g_source_attach (source, context);
      g_source_unref (source);
    }
}

void
sl_experiment_run_run_async (SlExperimentRun     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GArray *strategies;
  guint64 need, available;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SL_IS_EXPERIMENT_RUN (self));
  g_return_if_fail (self->task == NULL && !self->running);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, sl_experiment_run_run_async);
  self->running = TRUE;
  g_set_object (&self->cancellable, cancellable);
  strategies = sl_experiment_get_strategies (self->experiment);

  if (strategies->len == 0 || self->counts->len == 0)
    {
      run_fail (self, g_error_new (SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_INVALID,
                                   "Experiment “%s” has no strategy or no count to run",
                                   sl_experiment_get_name (self->experiment)));
      return;
    }
  if (sl_chain_lookup (self->chain, sl_experiment_get_class_name (self->experiment)) == NULL)
    {
      run_fail (self, g_error_new (SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_INVALID,
                                   "Experiment “%s”: there is no class “%s” in the session",
                                   sl_experiment_get_name (self->experiment),
                                   sl_experiment_get_class_name (self->experiment)));
      return;
    }

  if (self->backend == SL_BACKEND_MODEL)
    {
      run_model (self);
      return;
    }

  if (self->interpreter == NULL)
    {
      run_fail (self, g_error_new (SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
                                   "Experiment “%s” runs live, but no Python interpreter was chosen: pick one found on "
                                   "this machine, or give its path (slotlab-cli run --interpreter PATH)",
                                   sl_experiment_get_name (self->experiment)));
      return;
    }
  if (!g_file_test (interpreter_name (self), G_FILE_TEST_IS_EXECUTABLE))
    {
      run_fail (self, g_error_new (SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
                                   "There is no interpreter at %s (it was removed or is not executable)",
                                   interpreter_name (self)));
      return;
    }
  if (!sl_experiment_run_predict_peak (self, &need, &error))
    {
      run_fail (self, g_steal_pointer (&error));
      return;
    }
  available = self->memory_available ? self->memory_available : sl_memory_available ();
  if (need > available)
    {
      g_autofree char *need_text = g_format_size_full (need, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *have_text = g_format_size_full (available, G_FORMAT_SIZE_IEC_UNITS);
      guint64 largest = g_array_index (self->counts, guint64, self->counts->len - 1);

      run_fail (self, g_error_new (SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_TOO_BIG,
                                   "Experiment “%s” would need about %s at its largest count "
                                   "(%" G_GUINT64_FORMAT " instances, tracemalloc's traces included), "
                                   "but only %s is available: lower the largest count or use the model",
                                   sl_experiment_get_name (self->experiment), need_text,
                                   largest, have_text));
      return;
    }

  make_lanes (self, strategies);
  g_ptr_array_unref (self->planned);
  self->planned = plan_points (self);
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancellable_cb), self, NULL);
  if (g_cancellable_is_cancelled (cancellable))
    {
      run_fail (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The run was cancelled"));
      return;
    }
  self->watchdog = g_timeout_add (250, watchdog_cb, self);
  g_signal_emit (self, signals[PROGRESS], 0, 0.0);
  start_pending (self);
}

gboolean
sl_experiment_run_run_finish (SlExperimentRun  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
sl_experiment_run_store_results (SlExperimentRun *self,
                                 SlExperiment    *experiment)
{
  /* Kept beside the earlier runs, never over them (sl-experiment.c). */
  return sl_experiment_add_run (experiment, self->points, g_get_real_time () / G_USEC_PER_SEC);
}
