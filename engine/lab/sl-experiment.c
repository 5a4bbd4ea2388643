/* sl-experiment.c: an allocation experiment, as the session file states it.
 *
 * This is the data model only: which class, which strategies, which counts,
 * which metric, which Python versions, which backend, and the points
 * measured so far.  Every edit emits SlExperiment::changed once, so that a
 * session (or a view) can follow it; setting a value it already holds is
 * not an edit and emits nothing.
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sl-enums.h"
#include "sl-experiment.h"

struct _SlExperiment
{
  GObject       parent_instance;

  char         *name;
  char         *class_name;
  GArray       *strategies;   /* SlStrategy */
  SlMetric      metric;
  GStrv         pythons;
  SlBackend     backend;

  SlCountScale  scale;
  guint64       from;
  guint64       to;
  guint         points;
  GArray       *count_list;   /* guint64, as given, for SL_SCALE_LIST */

  GPtrArray    *results;      /* SlResultPoint */
  GArray       *run_times;    /* RunTime: the time of each run that has one */
};

typedef struct {
  guint  id;
  gint64 time;
} RunTime;

G_DEFINE_FINAL_TYPE (SlExperiment, sl_experiment, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, PROP_CLASS_NAME, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


SlResultPoint *
sl_result_point_copy (const SlResultPoint *point)
{
  SlResultPoint *copy;

  g_return_val_if_fail (point != NULL, NULL);

  copy = g_new (SlResultPoint, 1);
  *copy = *point;
  copy->python = g_strdup (point->python);
  copy->interpreter = g_strdup (point->interpreter);
  return copy;
}

void
sl_result_point_free (SlResultPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->python);
  g_free (point->interpreter);
  g_free (point);
}

static gboolean run_is_legacy (SlExperiment *self,
                               guint         id);

gboolean
sl_result_point_equal (const SlResultPoint *a,
                       const SlResultPoint *b)
{
  return g_strcmp0 (a->python, b->python) == 0 &&
         a->strategy == b->strategy &&
         a->backend == b->backend &&
         a->metric == b->metric &&
         a->count == b->count &&
         a->bytes == b->bytes &&
         !a->partial == !b->partial &&
         g_strcmp0 (a->interpreter, b->interpreter) == 0 &&
         a->run == b->run;
}

void
sl_run_info_free (SlRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->interpreter);
  g_free (info->python);
  g_free (info);
}

const char *
sl_backend_to_string (SlBackend backend)
{
  return sl_enum_to_nick (SL_TYPE_BACKEND, backend);
}

gboolean
sl_backend_from_string (const char *text,
                        SlBackend  *backend)
{
  return sl_enum_from_nick (SL_TYPE_BACKEND, text, (int *) backend);
}

static void
emit_changed (SlExperiment *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sl_experiment_finalize (GObject *object)
{
  SlExperiment *self = SL_EXPERIMENT (object);

  g_free (self->name);
  g_free (self->class_name);
  g_clear_pointer (&self->strategies, g_array_unref);
  g_strfreev (self->pythons);
  g_clear_pointer (&self->count_list, g_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->run_times, g_array_unref);

  G_OBJECT_CLASS (sl_experiment_parent_class)->finalize (object);
}

static void
sl_experiment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SlExperiment *self = SL_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CLASS_NAME:
      g_value_set_string (value, self->class_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_experiment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SlExperiment *self = SL_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      sl_experiment_set_name (self, g_value_get_string (value));
      break;
    case PROP_CLASS_NAME:
      sl_experiment_set_class_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_experiment_class_init (SlExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_experiment_finalize;
  object_class->get_property = sl_experiment_get_property;
  object_class->set_property = sl_experiment_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLASS_NAME] =
    g_param_spec_string ("class-name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once per edit of anything the experiment holds, results included. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_experiment_init (SlExperiment *self)
{
  static const SlStrategy default_strategies[] = { SL_STRATEGY_AS_DECLARED };

  self->name = g_strdup ("");
  self->class_name = g_strdup ("");
  self->strategies = g_array_new (FALSE, FALSE, sizeof (SlStrategy));
  g_array_append_vals (self->strategies, default_strategies, G_N_ELEMENTS (default_strategies));
  self->metric = SL_METRIC_TRACED;
  self->pythons = g_new0 (char *, 1);
  self->backend = SL_BACKEND_MODEL;
  self->scale = SL_SCALE_LOG;
  self->from = 1000;
  self->to = 1000000;
  self->points = 7;
  self->count_list = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  self->run_times = g_array_new (FALSE, FALSE, sizeof (RunTime));
}

SlExperiment *
sl_experiment_new (const char *name,
                   const char *class_name)
{
  return g_object_new (SL_TYPE_EXPERIMENT,
                       "name", name,
                       "class-name", class_name,
                       NULL);
}

SlExperiment *
sl_experiment_copy (SlExperiment *self)
{
  SlExperiment *copy;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);

  copy = sl_experiment_new (self->name, self->class_name);
  g_array_set_size (copy->strategies, 0);
  g_array_append_vals (copy->strategies, self->strategies->data, self->strategies->len);
  copy->metric = self->metric;
  g_strfreev (copy->pythons);
  copy->pythons = g_strdupv (self->pythons);
  copy->backend = self->backend;
  copy->scale = self->scale;
  copy->from = self->from;
  copy->to = self->to;
  copy->points = self->points;
  g_array_append_vals (copy->count_list, self->count_list->data, self->count_list->len);
  for (guint i = 0; i < self->results->len; i++)
    g_ptr_array_add (copy->results, sl_result_point_copy (g_ptr_array_index (self->results, i)));
  g_array_append_vals (copy->run_times, self->run_times->data, self->run_times->len);
  return copy;
}

static gboolean
arrays_equal (GArray *a,
              GArray *b)
{
  return a->len == b->len &&
         g_array_get_element_size (a) == g_array_get_element_size (b) &&
         memcmp (a->data, b->data, (gsize) a->len * g_array_get_element_size (a)) == 0;
}

gboolean
sl_experiment_equal (SlExperiment *a,
                     SlExperiment *b)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (a), FALSE);
  g_return_val_if_fail (SL_IS_EXPERIMENT (b), FALSE);

  if (g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->class_name, b->class_name) != 0 ||
      !arrays_equal (a->strategies, b->strategies) ||
      a->metric != b->metric ||
      !g_strv_equal ((const char * const *) a->pythons, (const char * const *) b->pythons) ||
      a->backend != b->backend ||
      a->scale != b->scale)
    return FALSE;

  if (a->scale == SL_SCALE_LIST)
    {
      if (!arrays_equal (a->count_list, b->count_list))
        return FALSE;
    }
  else if (a->from != b->from || a->to != b->to || a->points != b->points)
    return FALSE;

  if (a->results->len != b->results->len || a->run_times->len != b->run_times->len)
    return FALSE;
  for (guint i = 0; i < a->run_times->len; i++)
    if (g_array_index (a->run_times, RunTime, i).id != g_array_index (b->run_times, RunTime, i).id ||
        g_array_index (a->run_times, RunTime, i).time != g_array_index (b->run_times, RunTime, i).time)
      return FALSE;
  for (guint i = 0; i < a->results->len; i++)
    if (!sl_result_point_equal (g_ptr_array_index (a->results, i), g_ptr_array_index (b->results, i)))
      return FALSE;
  return TRUE;
}

const char *
sl_experiment_get_name (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);
  return self->name;
}

void
sl_experiment_set_name (SlExperiment *self,
                        const char   *name)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

const char *
sl_experiment_get_class_name (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);
  return self->class_name;
}

void
sl_experiment_set_class_name (SlExperiment *self,
                              const char   *class_name)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));

  if (class_name == NULL)
    class_name = "";
  if (g_strcmp0 (self->class_name, class_name) == 0)
    return;
  g_free (self->class_name);
  self->class_name = g_strdup (class_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLASS_NAME]);
  emit_changed (self);
}

GArray *
sl_experiment_get_strategies (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);
  return self->strategies;
}

void
sl_experiment_set_strategies (SlExperiment     *self,
                              const SlStrategy *strategies,
                              guint             n)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail (strategies != NULL || n == 0);

  if (self->strategies->len == n &&
      (n == 0 || memcmp (self->strategies->data, strategies, n * sizeof (SlStrategy)) == 0))
    return;
  g_array_set_size (self->strategies, 0);
  g_array_append_vals (self->strategies, strategies, n);
  emit_changed (self);
}

SlMetric
sl_experiment_get_metric (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), SL_METRIC_TRACED);
  return self->metric;
}

void
sl_experiment_set_metric (SlExperiment *self,
                          SlMetric      metric)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail ((guint) metric < SL_N_METRICS);

  if (self->metric == metric)
    return;
  self->metric = metric;
  emit_changed (self);
}

const char * const *
sl_experiment_get_pythons (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);
  return (const char * const *) self->pythons;
}

void
sl_experiment_set_pythons (SlExperiment       *self,
                           const char * const *pythons)
{
  static const char * const empty[] = { NULL };

  g_return_if_fail (SL_IS_EXPERIMENT (self));

  if (pythons == NULL)
    pythons = empty;
  if (g_strv_equal (pythons, (const char * const *) self->pythons))
    return;
  g_strfreev (self->pythons);
  self->pythons = g_strdupv ((char **) pythons);
  emit_changed (self);
}

SlBackend
sl_experiment_get_backend (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), SL_BACKEND_MODEL);
  return self->backend;
}

void
sl_experiment_set_backend (SlExperiment *self,
                           SlBackend     backend)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail (sl_backend_to_string (backend) != NULL);

  if (self->backend == backend)
    return;
  self->backend = backend;
  emit_changed (self);
}

SlCountScale
sl_experiment_get_scale (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), SL_SCALE_LOG);
  return self->scale;
}

/* A range outside the limits is clamped into them: the session loader
 * refuses such files before they get here, and the UI's spin buttons
 * carry the same limits. */
void
sl_experiment_set_range (SlExperiment *self,
                         guint64       from,
                         guint64       to,
                         guint         points,
                         SlCountScale  scale)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail (scale == SL_SCALE_LOG || scale == SL_SCALE_LINEAR);

  from = CLAMP (from, 1, SL_EXPERIMENT_MAX_COUNT);
  to = CLAMP (to, from, SL_EXPERIMENT_MAX_COUNT);
  points = CLAMP (points, 1, SL_EXPERIMENT_MAX_POINTS);

  if (self->scale == scale && self->from == from && self->to == to && self->points == points)
    return;
  self->scale = scale;
  self->from = from;
  self->to = to;
  self->points = points;
  g_array_set_size (self->count_list, 0);
  emit_changed (self);
}

void
sl_experiment_get_range (SlExperiment *self,
                         guint64      *from,
                         guint64      *to,
                         guint        *points)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));

  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;
  if (points != NULL)
    *points = self->points;
}

/* The list is kept sorted and without repeats, as the sweep runs it, so
 * that a saved list reads back equal. */
static void sort_unique (GArray *counts);

void
sl_experiment_set_count_list (SlExperiment  *self,
                              const guint64 *counts,
                              guint          n)
{
  g_autoptr(GArray) list = NULL;

  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail (counts != NULL || n == 0);

  list = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  for (guint i = 0; i < n; i++)
    {
      guint64 count = CLAMP (counts[i], 1, SL_EXPERIMENT_MAX_COUNT);

      g_array_append_val (list, count);
    }
  sort_unique (list);

  if (self->scale == SL_SCALE_LIST && arrays_equal (self->count_list, list))
    return;
  self->scale = SL_SCALE_LIST;
  g_array_unref (self->count_list);
  self->count_list = g_steal_pointer (&list);
  emit_changed (self);
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique (GArray *counts)
{
  guint kept = 0;

  g_array_sort (counts, compare_guint64);
  for (guint i = 0; i < counts->len; i++)
    if (kept == 0 || g_array_index (counts, guint64, i) != g_array_index (counts, guint64, kept - 1))
      g_array_index (counts, guint64, kept++) = g_array_index (counts, guint64, i);
  g_array_set_size (counts, kept);
}

/* points counts from `from` to `to`, both included, evenly spaced on the
 * scale and rounded to whole instances; one point is `from` alone.  Where
 * rounding makes two points equal (1 to 10 in 100 log steps) the repeats go,
 * so the result may hold fewer than `points` counts. */
GArray *
sl_experiment_dup_counts (SlExperiment *self)
{
  GArray *counts;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);

  counts = g_array_new (FALSE, FALSE, sizeof (guint64));

  if (self->scale == SL_SCALE_LIST)
    {
      g_array_append_vals (counts, self->count_list->data, self->count_list->len);
    }
  else if (self->points <= 1 || self->from == self->to)
    {
      g_array_append_val (counts, self->from);
    }
  else
    {
      guint steps = self->points - 1;

      for (guint i = 0; i <= steps; i++)
        {
          guint64 count;

          if (i == 0)
            count = self->from;
          else if (i == steps)
            count = self->to;
          else if (self->scale == SL_SCALE_LINEAR)
            /* Exact in integers: (to - from) * i is below 10^12 * 1000. */
            count = self->from + ((self->to - self->from) * i + steps / 2) / steps;
          else
            {
              double lf = log ((double) self->from);
              double lt = log ((double) self->to);

              count = (guint64) llround (exp (lf + (lt - lf) * i / steps));
              count = CLAMP (count, self->from, self->to);
            }
          g_array_append_val (counts, count);
        }
    }

  sort_unique (counts);
  return counts;
}

/* A point from before runs were kept joins the run of its backend,
 * interpreter and partial flag (what store_results used to replace as one),
 * the newest such, or a new one. */
static guint
legacy_run_for (SlExperiment        *self,
                const SlResultPoint *point)
{
  guint max = 0;

  for (guint i = self->results->len; i > 0; i--)
    {
      const SlResultPoint *p = g_ptr_array_index (self->results, i - 1);

      max = MAX (max, p->run);
      if (p->backend == point->backend && !p->partial == !point->partial &&
          g_strcmp0 (p->interpreter, point->interpreter) == 0 && run_is_legacy (self, p->run))
        return p->run;
    }
  for (guint i = 0; i < self->run_times->len; i++)
    max = MAX (max, g_array_index (self->run_times, RunTime, i).id);
  return max + 1;
}

GPtrArray *
sl_experiment_get_results (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);
  return self->results;
}

void
sl_experiment_add_result (SlExperiment        *self,
                          const SlResultPoint *point)
{
  SlResultPoint *copy;

  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail (point != NULL);

  copy = sl_result_point_copy (point);
  if (copy->run == 0)
    copy->run = legacy_run_for (self, copy);
  g_ptr_array_add (self->results, copy);
  emit_changed (self);
}

void
sl_experiment_clear_results (SlExperiment *self)
{
  g_return_if_fail (SL_IS_EXPERIMENT (self));

  if (self->results->len == 0 && self->run_times->len == 0)
    return;
  g_ptr_array_set_size (self->results, 0);
  g_array_set_size (self->run_times, 0);
  emit_changed (self);
}

static gboolean
run_is_legacy (SlExperiment *self,
               guint         id)
{
  for (guint i = 0; i < self->run_times->len; i++)
    if (g_array_index (self->run_times, RunTime, i).id == id)
      return FALSE;
  return TRUE;
}

static guint
next_run_id (SlExperiment *self)
{
  guint max = 0;

  for (guint i = 0; i < self->results->len; i++)
    max = MAX (max, ((SlResultPoint *) g_ptr_array_index (self->results, i))->run);
  for (guint i = 0; i < self->run_times->len; i++)
    max = MAX (max, g_array_index (self->run_times, RunTime, i).id);
  return max + 1;
}

guint
sl_experiment_add_run (SlExperiment *self,
                       GPtrArray    *points,
                       gint64        time)
{
  RunTime run_time;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), 0);

  if (points == NULL || points->len == 0)
    return 0;
  run_time.id = next_run_id (self);
  run_time.time = time;
  g_array_append_val (self->run_times, run_time);
  for (guint i = 0; i < points->len; i++)
    {
      SlResultPoint *copy = sl_result_point_copy (g_ptr_array_index (points, i));

      copy->run = run_time.id;
      g_ptr_array_add (self->results, copy);
    }
  emit_changed (self);
  return run_time.id;
}

void
sl_experiment_set_run_time (SlExperiment *self,
                            guint         id,
                            gint64        time)
{
  RunTime run_time = { id, time };

  g_return_if_fail (SL_IS_EXPERIMENT (self));
  g_return_if_fail (id > 0);

  for (guint i = 0; i < self->run_times->len; i++)
    if (g_array_index (self->run_times, RunTime, i).id == id)
      {
        if (g_array_index (self->run_times, RunTime, i).time == time)
          return;
        g_array_index (self->run_times, RunTime, i).time = time;
        emit_changed (self);
        return;
      }
  g_array_append_val (self->run_times, run_time);
  emit_changed (self);
}

gboolean
sl_experiment_remove_run (SlExperiment *self,
                          guint         id)
{
  gboolean removed = FALSE;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), FALSE);

  for (guint i = self->results->len; i > 0; i--)
    if (((SlResultPoint *) g_ptr_array_index (self->results, i - 1))->run == id)
      {
        g_ptr_array_remove_index (self->results, i - 1);
        removed = TRUE;
      }
  for (guint i = self->run_times->len; i > 0; i--)
    if (g_array_index (self->run_times, RunTime, i - 1).id == id)
      {
        g_array_remove_index (self->run_times, i - 1);
        removed = TRUE;
      }
  if (removed)
    emit_changed (self);
  return removed;
}

static gint64
run_time_of (SlExperiment *self,
             guint         id)
{
  for (guint i = 0; i < self->run_times->len; i++)
    if (g_array_index (self->run_times, RunTime, i).id == id)
      return g_array_index (self->run_times, RunTime, i).time;
  return 0;
}

static int
compare_run_info (gconstpointer a,
                  gconstpointer b)
{
  const SlRunInfo *x = *(SlRunInfo * const *) a;
  const SlRunInfo *y = *(SlRunInfo * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
sl_experiment_dup_runs (SlExperiment *self)
{
  GPtrArray *runs;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_run_info_free);
  for (guint i = 0; i < self->results->len; i++)
    {
      const SlResultPoint *p = g_ptr_array_index (self->results, i);
      SlRunInfo *info = NULL;

      for (guint j = 0; j < runs->len && info == NULL; j++)
        if (((SlRunInfo *) g_ptr_array_index (runs, j))->id == p->run)
          info = g_ptr_array_index (runs, j);
      if (info == NULL)
        {
          info = g_new0 (SlRunInfo, 1);
          info->id = p->run;
          info->time = run_time_of (self, p->run);
          info->backend = p->backend;
          info->interpreter = g_strdup (p->interpreter);
          info->python = g_strdup (p->python ? p->python : "");
          g_ptr_array_add (runs, info);
        }
      else if (p->python != NULL)
        {
          g_auto(GStrv) seen = g_strsplit (info->python, ", ", -1);

          if (!g_strv_contains ((const char * const *) seen, p->python))
            {
              char *joined = g_strdup_printf ("%s, %s", info->python, p->python);

              g_free (info->python);
              info->python = joined;
            }
        }
      info->partial |= p->partial;
      info->n_points++;
    }
  g_ptr_array_sort (runs, compare_run_info);
  return runs;
}

guint
sl_experiment_get_last_run (SlExperiment *self)
{
  guint last = 0;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), 0);

  for (guint i = 0; i < self->results->len; i++)
    last = MAX (last, ((SlResultPoint *) g_ptr_array_index (self->results, i))->run);
  return last;
}

/* "3.9" < "3.10" < "3.13" < "3.13t": compared number by number. */
static int
compare_versions (const char *a,
                  const char *b)
{
  while (a && b && *a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          char *ea, *eb;
          guint64 x = g_ascii_strtoull (a, &ea, 10);
          guint64 y = g_ascii_strtoull (b, &eb, 10);

          if (x != y)
            return x < y ? -1 : 1;
          a = ea;
          b = eb;
        }
      else if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      else
        a++, b++;
    }
  return g_strcmp0 (a, b);
}

int
sl_result_point_compare (const SlResultPoint *x,
                         const SlResultPoint *y)
{
  int by_version;

  if (x->strategy != y->strategy)
    return x->strategy < y->strategy ? -1 : 1;
  if (x->count != y->count)
    return x->count < y->count ? -1 : 1;
  if ((by_version = compare_versions (x->python, y->python)) != 0)
    return by_version;
  return x->run < y->run ? -1 : x->run > y->run;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  return sl_result_point_compare (*(SlResultPoint * const *) a, *(SlResultPoint * const *) b);
}

GPtrArray *
sl_experiment_dup_run_points (SlExperiment *self,
                              guint         id)
{
  GPtrArray *points;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);

  points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  for (guint i = 0; i < self->results->len; i++)
    if (((SlResultPoint *) g_ptr_array_index (self->results, i))->run == id)
      g_ptr_array_add (points, sl_result_point_copy (g_ptr_array_index (self->results, i)));
  g_ptr_array_sort (points, compare_points);
  return points;
}

SlExperiment *
sl_experiment_copy_with_runs (SlExperiment *self,
                              const guint  *ids,
                              guint         n_ids)
{
  SlExperiment *copy;

  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  copy = sl_experiment_copy (self);
  for (guint i = copy->results->len; i > 0; i--)
    {
      guint run = ((SlResultPoint *) g_ptr_array_index (copy->results, i - 1))->run;
      gboolean wanted = FALSE;

      for (guint j = 0; j < n_ids; j++)
        wanted |= ids[j] == run;
      if (!wanted)
        g_ptr_array_remove_index (copy->results, i - 1);
    }
  return copy;
}

gboolean
sl_experiment_compares_versions (SlExperiment *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), FALSE);
  return g_strv_length (self->pythons) > 1;
}

gboolean
sl_experiment_follow_python (SlExperiment *self,
                             const char   *python)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), FALSE);

  if (python == NULL || sl_experiment_compares_versions (self) ||
      g_strv_equal ((const char * const *) self->pythons, (const char * const *) (char *[]) { (char *) python, NULL }))
    return FALSE;
  sl_experiment_set_pythons (self, (const char * const *) (char *[]) { (char *) python, NULL });
  return TRUE;
}

GStrv
sl_experiment_dup_pythons_for (SlExperiment *self,
                               const char   *session_python)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT (self), NULL);

  if (sl_experiment_compares_versions (self) || session_python == NULL)
    return g_strdupv (self->pythons);
  return g_strdupv ((char *[]) { (char *) session_python, NULL });
}
