/* sl-run-everywhere.c: one experiment, live, on every interpreter of this
 * machine — one per CPython profile — under one progress and one cancel.
 *
 * This file only orchestrates: each interpreter's run is an ordinary
 * SlExperimentRun (warden, process groups, time-outs, partial points), so
 * a run here is killed, kept and drawn exactly as a single live run is.
 * What it adds is the choice of interpreters, the budget of processes
 * (the machine's processors, shared fairly between the runs still to go)
 * and the whole's progress.
 */

#include <stdlib.h>
#include <string.h>

#include "sl-experiment-model.h"
#include "sl-profile.h"
#include "sl-results-csv.h"
#include "sl-run-everywhere.h"
#include "sl-text.h"

typedef enum {
  ENTRY_PENDING,
  ENTRY_RUNNING,
  ENTRY_DONE,
} EntryState;

typedef struct {
  SlRunEverywhere *owner;
  SlInterpreter   *interpreter;
  SlExperimentRun *run;
  GError          *error;
  EntryState       state;
  double           fraction;
  guint            index;
  gint64           ended;        /* Unix seconds, when its run ended */
} Entry;

struct _SlRunEverywhere
{
  GObject       parent_instance;

  SlExperiment *experiment;
  SlChain      *chain;
  char         *fallback_python;
  GPtrArray    *candidates;   /* SlInterpreter, or NULL: discover */
  GPtrArray    *entries;      /* Entry */
  guint         max_parallel;
  double        timeout;
  gboolean      background;
  guint64       memory_available;
  GTask        *task;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (SlRunEverywhere, sl_run_everywhere, G_TYPE_OBJECT)

enum { PROGRESS, RUN_STARTED, RUN_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
entry_free (Entry *entry)
{
  if (entry->run != NULL)
    g_signal_handlers_disconnect_by_data (entry->run, entry);
  g_clear_object (&entry->interpreter);
  g_clear_object (&entry->run);
  g_clear_error (&entry->error);
  g_free (entry);
}

static void
sl_run_everywhere_finalize (GObject *object)
{
  SlRunEverywhere *self = SL_RUN_EVERYWHERE (object);

  g_clear_object (&self->experiment);
  g_clear_object (&self->chain);
  g_free (self->fallback_python);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (sl_run_everywhere_parent_class)->finalize (object);
}

static void
sl_run_everywhere_class_init (SlRunEverywhereClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_run_everywhere_finalize;

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[RUN_STARTED] = g_signal_new ("run-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
sl_run_everywhere_init (SlRunEverywhere *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->max_parallel = MAX (1, g_get_num_processors ());
}

/* ---- which interpreters ---- */

/* "3.12.1" against "3.12.10", numerically; a trailing "t" is ignored (the
 * profile already says free-threaded or not). */
static int
compare_releases (const char *a,
                  const char *b)
{
  while (*a && *b)
    {
      char *end_a, *end_b;
      guint64 x = g_ascii_strtoull (a, &end_a, 10), y = g_ascii_strtoull (b, &end_b, 10);

      if (end_a == a || end_b == b)
        return strcmp (a, b);
      if (x != y)
        return x < y ? -1 : 1;
      a = *end_a == '.' ? end_a + 1 : end_a;
      b = *end_b == '.' ? end_b + 1 : end_b;
      if (*end_a != '.' || *end_b != '.')
        break;
    }
  return strcmp (a, b);
}

GPtrArray *
sl_run_everywhere_pick_interpreters (GPtrArray *interpreters)
{
  GPtrArray *profiles = sl_profile_list ();
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (interpreters != NULL, picked);

  for (guint p = 0; p < profiles->len; p++)
    {
      const char *id = sl_profile_get_id (g_ptr_array_index (profiles, p));
      SlInterpreter *best = NULL;

      for (guint i = 0; i < interpreters->len; i++)
        {
          SlInterpreter *it = g_ptr_array_index (interpreters, i);
          const char *its = sl_interpreter_get_profile_id (it);
          int order;

          if (its == NULL || strcmp (its, id) != 0)
            continue;
          if (best == NULL)
            {
              best = it;
              continue;
            }
          order = compare_releases (sl_interpreter_get_release (it), sl_interpreter_get_release (best));
          if (order > 0 || (order == 0 && strcmp (sl_interpreter_get_path (it),
                                                  sl_interpreter_get_path (best)) < 0))
            best = it;
        }
      if (best != NULL)
        g_ptr_array_add (picked, g_object_ref (best));
    }
  return picked;
}

/* ---- set-up ---- */

SlRunEverywhere *
sl_run_everywhere_new (SlExperiment *experiment,
                       SlChain      *chain,
                       const char   *fallback_python)
{
  SlRunEverywhere *self;

  g_return_val_if_fail (SL_IS_EXPERIMENT (experiment), NULL);
  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);

  self = g_object_new (SL_TYPE_RUN_EVERYWHERE, NULL);
  /* Copies: editing the session while it runs changes nothing here. */
  self->experiment = sl_experiment_copy (experiment);
  sl_experiment_set_backend (self->experiment, SL_BACKEND_LIVE);
  self->chain = sl_chain_copy (chain);
  self->fallback_python = g_strdup (fallback_python);
  return self;
}

void
sl_run_everywhere_set_interpreters (SlRunEverywhere *self,
                                    GPtrArray       *interpreters)
{
  g_return_if_fail (SL_IS_RUN_EVERYWHERE (self));

  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  if (interpreters != NULL)
    self->candidates = g_ptr_array_ref (interpreters);
}

void
sl_run_everywhere_set_max_parallel (SlRunEverywhere *self,
                                    guint            n)
{
  g_return_if_fail (SL_IS_RUN_EVERYWHERE (self));
  self->max_parallel = MAX (n, 1);
}

void
sl_run_everywhere_set_timeout (SlRunEverywhere *self,
                               double           seconds)
{
  g_return_if_fail (SL_IS_RUN_EVERYWHERE (self));
  self->timeout = seconds;
}

void
sl_run_everywhere_set_background (SlRunEverywhere *self,
                                  gboolean         background)
{
  g_return_if_fail (SL_IS_RUN_EVERYWHERE (self));
  self->background = !!background;
}

void
sl_run_everywhere_set_memory_available (SlRunEverywhere *self,
                                        guint64          bytes)
{
  g_return_if_fail (SL_IS_RUN_EVERYWHERE (self));
  self->memory_available = bytes;
}

/* ---- running ---- */

double
sl_run_everywhere_get_fraction (SlRunEverywhere *self)
{
  double sum = 0;

  g_return_val_if_fail (SL_IS_RUN_EVERYWHERE (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    sum += ((Entry *) g_ptr_array_index (self->entries, i))->fraction;
  return self->entries->len ? sum / self->entries->len : 0;
}

static void
emit_progress (SlRunEverywhere *self)
{
  g_signal_emit (self, signals[PROGRESS], 0, sl_run_everywhere_get_fraction (self));
}

static void
entry_progress_cb (SlExperimentRun *run,
                   double           fraction,
                   Entry           *entry)
{
  /* Never backwards: a run restarts its fraction per lane in no case,
   * but the whole must only grow. */
  entry->fraction = MAX (entry->fraction, CLAMP (fraction, 0, 1));
  emit_progress (entry->owner);
}

static void start_pending (SlRunEverywhere *self);

static void
complete (SlRunEverywhere *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;
  if (g_cancellable_is_cancelled (self->cancellable))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The run on every interpreter was cancelled");
  else
    {
      emit_progress (self);
      g_task_return_boolean (task, TRUE);
    }
}

static void
entry_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Entry *entry = user_data;
  SlRunEverywhere *self = entry->owner;

  sl_experiment_run_run_finish (SL_EXPERIMENT_RUN (object), result, &entry->error);
  entry->ended = g_get_real_time () / G_USEC_PER_SEC;
  entry->state = ENTRY_DONE;
  entry->fraction = 1;
  g_signal_emit (self, signals[RUN_FINISHED], 0, entry->index);
  emit_progress (self);
  start_pending (self);
  g_object_unref (self);   /* the ref taken when it started */
}

static void
start_pending (SlRunEverywhere *self)
{
  guint running = 0, pending = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      running += entry->state == ENTRY_RUNNING;
      pending += entry->state == ENTRY_PENDING;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    pending = 0;

  for (guint i = 0; i < self->entries->len && pending > 0 && running < self->max_parallel; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      guint share, left;
      guint64 available;

      if (entry->state != ENTRY_PENDING)
        continue;
      /* The budget shared among the runs still to go (running ones
       * included): a run that starts later, when fewer are left, may take
       * more, and the processes at once never pass max_parallel (every
       * earlier run took at most this share). */
      left = MIN (running + pending, self->max_parallel);
      share = MAX (1, self->max_parallel / left);
      available = self->memory_available ? self->memory_available : sl_memory_available ();
      if (available != G_MAXUINT64)
        available = available / self->max_parallel * share;

      entry->run = sl_experiment_run_new (self->experiment, self->chain, self->fallback_python);
      sl_experiment_run_set_backend (entry->run, SL_BACKEND_LIVE);
      sl_experiment_run_set_interpreter (entry->run, entry->interpreter);
      sl_experiment_run_set_max_parallel (entry->run, share);
      if (available != G_MAXUINT64)
        sl_experiment_run_set_memory_available (entry->run, available);
      if (self->timeout > 0)
        sl_experiment_run_set_timeout (entry->run, self->timeout);
      sl_experiment_run_set_background (entry->run, self->background);
      g_signal_connect (entry->run, "progress", G_CALLBACK (entry_progress_cb), entry);
      entry->state = ENTRY_RUNNING;
      running++;
      pending--;
      g_signal_emit (self, signals[RUN_STARTED], 0, entry->index);
      g_object_ref (self);   /* dropped in entry_done_cb */
      sl_experiment_run_run_async (entry->run, self->cancellable, entry_done_cb, entry);
    }
  if (running == 0)
    complete (self);
}

static void
begin (SlRunEverywhere *self,
       GPtrArray       *interpreters)
{
  g_autoptr(GPtrArray) picked = sl_run_everywhere_pick_interpreters (interpreters);

  if (picked->len == 0)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_new_error (task, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER,
                               "Experiment “%s”: no Python interpreter that a profile covers was found "
                               "on PATH, in ~/.pyenv/versions or in $SLOTLAB_PYTHONS_DIR",
                               sl_experiment_get_name (self->experiment));
      return;
    }
  for (guint i = 0; i < picked->len; i++)
    {
      Entry *entry = g_new0 (Entry, 1);

      entry->owner = self;
      entry->interpreter = g_object_ref (g_ptr_array_index (picked, i));
      entry->index = i;
      g_ptr_array_add (self->entries, entry);
    }
  emit_progress (self);
  start_pending (self);
}

static void
discovered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SlRunEverywhere) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  if (!(found = sl_interpreter_discover_finish (result, &error)))
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      complete (self);
      return;
    }
  begin (self, found);
}

void
sl_run_everywhere_run_async (SlRunEverywhere     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SL_IS_RUN_EVERYWHERE (self));
  g_return_if_fail (self->task == NULL && self->entries->len == 0);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, sl_run_everywhere_run_async);
  /* Always a cancellable of our own to ask, chained to the caller's. */
  self->cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();

  if (self->candidates != NULL)
    begin (self, self->candidates);
  else
    sl_interpreter_discover_async (self->cancellable, discovered_cb, g_object_ref (self));
}

gboolean
sl_run_everywhere_run_finish (SlRunEverywhere  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
sl_run_everywhere_is_running (SlRunEverywhere *self)
{
  g_return_val_if_fail (SL_IS_RUN_EVERYWHERE (self), FALSE);
  return self->task != NULL;
}

/* ---- what it did ---- */

static Entry *
entry_at (SlRunEverywhere *self,
          guint            index)
{
  g_return_val_if_fail (SL_IS_RUN_EVERYWHERE (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, index);
}

guint
sl_run_everywhere_get_n_runs (SlRunEverywhere *self)
{
  g_return_val_if_fail (SL_IS_RUN_EVERYWHERE (self), 0);
  return self->entries->len;
}

SlInterpreter *
sl_run_everywhere_get_interpreter (SlRunEverywhere *self,
                                   guint            index)
{
  Entry *entry = entry_at (self, index);

  return entry ? entry->interpreter : NULL;
}

SlExperimentRun *
sl_run_everywhere_get_run (SlRunEverywhere *self,
                           guint            index)
{
  Entry *entry = entry_at (self, index);

  return entry ? entry->run : NULL;
}

const GError *
sl_run_everywhere_get_run_error (SlRunEverywhere *self,
                                 guint            index)
{
  Entry *entry = entry_at (self, index);

  return entry ? entry->error : NULL;
}

gboolean
sl_run_everywhere_get_run_started (SlRunEverywhere *self,
                                   guint            index)
{
  Entry *entry = entry_at (self, index);

  return entry != NULL && entry->state != ENTRY_PENDING;
}

GArray *
sl_run_everywhere_store_results (SlRunEverywhere *self,
                                 SlExperiment    *experiment)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (SL_IS_RUN_EVERYWHERE (self), ids);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      guint id;

      /* Each run with the time it ended, not the time of the whole. */
      if (entry->run != NULL &&
          (id = sl_experiment_add_run (experiment, sl_experiment_run_get_points (entry->run),
                                       entry->ended ? entry->ended : g_get_real_time () / G_USEC_PER_SEC)) != 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

char *
sl_run_everywhere_build_csv (SlRunEverywhere *self)
{
  GString *csv = g_string_new (NULL);
  g_autoptr(GString) header = g_string_new (NULL);

  g_return_val_if_fail (SL_IS_RUN_EVERYWHERE (self), g_string_free (csv, FALSE));

  /* PRODUCT.md's columns first, unchanged, then the extension. */
  sl_results_csv_append_header (header);
  g_string_truncate (header, header->len - 2);   /* "\r\n" */
  g_string_append_printf (csv, "%s,interpreter,profile,model_bytes\r\n", header->str);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      const char *profile_id = sl_interpreter_get_profile_id (entry->interpreter);
      g_autoptr(SlProfile) profile = profile_id ? sl_profile_lookup (profile_id, NULL) : NULL;
      g_autoptr(SlExperiment) one = NULL;
      SlModelLine *lines[SL_N_STRATEGIES] = { NULL, };
      GPtrArray *points;
      g_autoptr(GString) rows = g_string_new (NULL);
      g_auto(GStrv) split = NULL;
      guint row = 0;

      if (entry->run == NULL)
        continue;
      points = sl_experiment_run_get_points (entry->run);
      /* The same cells as `run` writes (sl-results-csv.c), row by row. */
      one = sl_experiment_new (sl_experiment_get_name (self->experiment),
                               sl_experiment_get_class_name (self->experiment));
      for (guint k = 0; k < points->len; k++)
        sl_experiment_add_result (one, g_ptr_array_index (points, k));
      sl_results_csv_append_experiment (rows, one);
      split = g_strsplit (rows->str, "\r\n", -1);

      for (guint k = 0; k < points->len && split[row] && *split[row]; k++, row++)
        {
          const SlResultPoint *point = g_ptr_array_index (sl_experiment_get_results (one), k);
          SlModelLine *line = NULL;
          g_autofree char *path = sl_text_escape_for_terminal (sl_interpreter_get_path (entry->interpreter),
                                                                -1, SL_TEXT_ESCAPE_ALL);
          gboolean quote = strpbrk (path, ",\"") != NULL;

          if (profile != NULL && point->strategy < SL_N_STRATEGIES)
            {
              if (lines[point->strategy] == NULL)
                lines[point->strategy] = sl_experiment_model_line (self->chain,
                                                                   sl_experiment_get_class_name (self->experiment),
                                                                   profile, point->strategy, point->metric, NULL);
              line = lines[point->strategy];
            }
          g_string_append_printf (csv, "%s,", split[row]);
          if (quote)
            {
              g_autoptr(GString) quoted = g_string_new (path);

              g_string_replace (quoted, "\"", "\"\"", 0);
              g_string_append_printf (csv, "\"%s\"", quoted->str);
            }
          else
            g_string_append (csv, path);
          g_string_append_printf (csv, ",%s,", profile_id ? profile_id : "");
          if (line != NULL && line->refusal == NULL && line->unavailable == NULL)
            g_string_append_printf (csv, "%" G_GUINT64_FORMAT,
                                    sl_experiment_model_bytes (line->fixed, line->per_instance, point->count));
          g_string_append (csv, "\r\n");
        }
      for (guint s = 0; s < SL_N_STRATEGIES; s++)
        g_clear_pointer (&lines[s], sl_model_line_free);
    }
  return g_string_free (csv, FALSE);
}

/* ---- measured per instance ---- */

gboolean
sl_result_points_per_instance (GPtrArray  *points,
                               const char *python,
                               SlStrategy  strategy,
                               SlMetric    metric,
                               double     *per_instance)
{
  const SlResultPoint *top = NULL, *next = NULL;

  g_return_val_if_fail (points != NULL && python != NULL, FALSE);

  for (guint i = 0; i < points->len; i++)
    {
      const SlResultPoint *p = g_ptr_array_index (points, i);

      if (p->strategy != strategy || p->metric != metric || p->python == NULL ||
          strcmp (p->python, python) != 0 || p->count == 0)
        continue;
      if (top == NULL || p->count > top->count)
        {
          if (top != NULL && top->count != p->count)
            next = top;
          top = p;
        }
      else if (p->count < top->count && (next == NULL || p->count > next->count))
        next = p;
    }
  if (top == NULL)
    return FALSE;
  if (per_instance != NULL)
    *per_instance = next != NULL
      ? ((double) top->bytes - (double) next->bytes) / ((double) top->count - (double) next->count)
      : (double) top->bytes / (double) top->count;
  return TRUE;
}
