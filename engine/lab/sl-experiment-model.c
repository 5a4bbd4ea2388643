/* sl-experiment-model.c: the model backend of an experiment.
 *
 * A layout gives, per metric, what one instance costs in the steady state
 * and what the class costs once (shared keys, the growth of the first
 * instances).  memory(N) = fixed + N × per-instance is then exact for the
 * traced and pymalloc metrics at any N, and computed in doubles with a
 * 53-bit mantissa: N ≤ 10^12 times a per-instance cost below 9,000 bytes
 * stays exact, larger products are rounded to the nearest representable
 * byte count and saturate rather than wrap.
 */

#include <math.h>
#include <string.h>

#include "sl-experiment-model.h"

void
sl_model_line_free (SlModelLine *line)
{
  if (line == NULL)
    return;
  g_free (line->python);
  g_free (line->refusal);
  g_free (line->unavailable);
  g_free (line);
}

guint64
sl_experiment_model_bytes (double  fixed,
                           double  per_instance,
                           guint64 count)
{
  long double total = (long double) fixed + (long double) count * (long double) per_instance;

  if (!(total > 0))
    return 0;
  if (total >= (long double) G_MAXUINT64)
    return G_MAXUINT64;
  return (guint64) llroundl (total);
}

SlModelLine *
sl_experiment_model_line (SlChain     *chain,
                          const char  *class_name,
                          SlProfile   *profile,
                          SlStrategy   strategy,
                          SlMetric     metric,
                          GError     **error)
{
  g_autoptr(SlChain) applied = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GError) local_error = NULL;
  SlModelLine *line;

  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);
  g_return_val_if_fail (SL_IS_PROFILE (profile), NULL);

  applied = sl_strategy_apply (chain, class_name, strategy);
  line = g_new0 (SlModelLine, 1);
  line->python = g_strdup (sl_profile_get_id (profile));
  line->strategy = strategy;
  line->metric = metric;
  if (!(layout = sl_layout_compute (applied, class_name, profile, &local_error)))
    {
      /* The chain as declared passed the same limits when it was loaded:
       * what a strategy added (a '__dict__' slot, slots for every init
       * name) made this one too big for Slot Lab, not for CPython. */
      if (strategy == SL_STRATEGY_AS_DECLARED ||
          !g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          sl_model_line_free (line);
          return NULL;
        }
      line->over_limit = TRUE;
      line->unavailable = g_strdup_printf ("Slot Lab cannot lay out the %s strategy's chain: %s",
                                           sl_strategy_to_string (strategy), local_error->message);
      return line;
    }
  if (sl_layout_get_error (layout) != NULL)
    {
      line->refusal = g_strdup (sl_layout_get_error (layout));
      return line;
    }
  line->fixed = sl_layout_get_fixed (layout, metric);
  line->per_instance = sl_layout_get_per_instance (layout, metric);
  if (line->per_instance < 0)
    line->unavailable = g_strdup_printf ("the %s metric does not apply to CPython %s "
                                         "(it has no pymalloc)", sl_metric_to_string (metric),
                                         sl_profile_get_id (profile));
  memcpy (line->by_part, sl_layout_get_figures (layout)->traced_by_part, sizeof line->by_part);
  sl_layout_get_blocks (layout, &line->n_blocks);
  return line;
}

GPtrArray *
sl_experiment_model_lines (SlExperiment *experiment,
                           SlChain      *chain,
                           const char   *fallback_python,
                           GError      **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_model_line_free);
  const char * const *pythons = sl_experiment_get_pythons (experiment);
  const char * const fallback[] = { fallback_python ? fallback_python : SL_PROFILE_DEFAULT_VERSION, NULL };
  GArray *strategies = sl_experiment_get_strategies (experiment);
  const char *class_name = sl_experiment_get_class_name (experiment);

  if (pythons == NULL || pythons[0] == NULL)
    pythons = fallback;
  if (sl_chain_lookup (chain, class_name) == NULL)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "Experiment “%s”: there is no class “%s” in the session",
                   sl_experiment_get_name (experiment), class_name);
      return NULL;
    }

  for (guint p = 0; pythons[p] != NULL; p++)
    {
      g_autoptr(SlProfile) profile = sl_profile_lookup_version (pythons[p], error);

      if (profile == NULL)
        return NULL;
      for (guint s = 0; s < strategies->len; s++)
        {
          SlModelLine *line = sl_experiment_model_line (chain, class_name, profile,
                                                        g_array_index (strategies, SlStrategy, s),
                                                        sl_experiment_get_metric (experiment),
                                                        error);
          if (line == NULL)
            return NULL;
          g_ptr_array_add (lines, line);
        }
    }
  return g_steal_pointer (&lines);
}

GPtrArray *
sl_experiment_model_points (SlExperiment *experiment,
                            SlChain      *chain,
                            const char   *fallback_python,
                            GError      **error)
{
  g_autoptr(GPtrArray) lines = sl_experiment_model_lines (experiment, chain, fallback_python, error);
  g_autoptr(GArray) counts = NULL;
  GPtrArray *points;

  if (lines == NULL)
    return NULL;
  counts = sl_experiment_dup_counts (experiment);
  points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  for (guint l = 0; l < lines->len; l++)
    {
      SlModelLine *line = g_ptr_array_index (lines, l);

      if (line->refusal != NULL || line->unavailable != NULL)
        continue;
      for (guint c = 0; c < counts->len; c++)
        {
          SlResultPoint point = { 0, };

          point.python = line->python;
          point.strategy = line->strategy;
          point.backend = SL_BACKEND_MODEL;
          point.metric = line->metric;
          point.count = g_array_index (counts, guint64, c);
          point.bytes = sl_experiment_model_bytes (line->fixed, line->per_instance, point.count);
          g_ptr_array_add (points, sl_result_point_copy (&point));
        }
    }
  return points;
}
