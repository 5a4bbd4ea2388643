/* sl-chart-per-instance.c: bytes per instance, one bar per strategy (per
 * version), from zero, each bar labelled with its figure: 88 against 56
 * bytes looks like what it is, and equal figures are equal bars, each
 * named under its own bar.
 */

#include <math.h>
#include <string.h>

#include "sl-chart-private.h"

static guint
version_index (GPtrArray  *versions,
               const char *python)
{
  guint i;

  if (!g_ptr_array_find_with_equal_func (versions, python, g_str_equal, &i))
    {
      g_ptr_array_add (versions, (gpointer) python);
      i = versions->len - 1;
    }
  return i;
}

void
sl_chart_draw_per_instance (SlChart      *self,
                            SlChartFrame *frame)
{
  GArray *strategies = sl_experiment_get_strategies (self->experiment);
  g_autoptr(GPtrArray) versions = g_ptr_array_new ();
  g_autofree const char **categories = NULL;
  g_autofree char *caption = NULL;
  SlAxisLabels labels = { NULL, 0, FALSE, 1 };
  guint n_versions = 0, n_strategies = MIN (strategies->len, SL_N_STRATEGIES);
  double ymax = 0, top, unit = 1;
  const char *unit_name = "bytes";
  gboolean several;
  g_autofree char *y_title = NULL;

  for (guint i = 0; i < self->lines->len; i++)
    version_index (versions, ((SlModelLine *) g_ptr_array_index (self->lines, i))->python);
  caption = sl_chart_versions_caption (self, &n_versions);
  several = n_versions > 1;

  frame->title = g_strdup (sl_experiment_get_name (self->experiment));
  frame->subtitle = g_strdup_printf ("Bytes per %s instance · %s · %s",
                                     sl_experiment_get_class_name (self->experiment), caption,
                                     sl_chart_metric_caption (sl_experiment_get_metric (self->experiment)));
  frame->legend_place = SL_LEGEND_TOP_RIGHT;
  frame->message = g_strdup (self->message);
  if (several)
    for (guint k = 0; k < n_strategies; k++)
      {
        SlStrategy strategy = g_array_index (strategies, SlStrategy, k);
        SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_BOX,
                                                          g_strdup (sl_strategy_get_label (strategy)));

        sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, strategy));
      }
  if (frame->cr == NULL)
    return;

  categories = g_new0 (const char *, MAX (n_versions, n_strategies) + 1);
  if (several)
    for (guint v = 0; v < versions->len; v++)
      categories[v] = g_ptr_array_index (versions, v);
  else
    for (guint k = 0; k < n_strategies; k++)
      categories[k] = sl_strategy_get_label (g_array_index (strategies, SlStrategy, k));
  labels.categories = categories;
  labels.n_categories = several ? versions->len : n_strategies;

  for (guint i = 0; i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);

      if (!sl_chart_line_skipped (line))
        ymax = MAX (ymax, line->per_instance);
    }
  if (ymax >= 8192)
    unit = sl_chart_choose_unit (ymax, &unit_name);
  y_title = g_strdup_printf ("%s per instance", unit_name);

  sl_chart_frame_layout (frame, TRUE);
  /* Room above the tallest bar for its label, and for the legend. */
  top = MAX (ymax, 8) / unit * 1.16 / MAX (0.3, 1 - sl_chart_frame_legend_fraction (frame));
  sl_chart_frame_axes (frame, -0.6, labels.n_categories - 0.4, 0, top, FALSE, FALSE, &labels,
                       several ? "Python" : "strategy", y_title);

  for (guint i = 0; i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);
      guint v = version_index (versions, line->python);
      guint k = 0;
      double centre, half, value;
      char text[64];

      while (k < n_strategies && g_array_index (strategies, SlStrategy, k) != line->strategy)
        k++;
      if (several)
        {
          double w = 0.84 / n_strategies;

          centre = v - 0.42 + w * (k + 0.5);
          half = w * 0.42;
        }
      else
        centre = k, half = 0.3;
      if (sl_chart_line_skipped (line))
        {
          sl_chart_frame_text_above (frame, centre, top * 0.02, several ? "–" : "refused", 0.8, FALSE);
          continue;
        }
      value = line->per_instance;
      sl_chart_frame_bar (frame, centre - half, centre + half, 0, value / unit,
                          sl_chart_strategy_colour (frame->style, line->strategy));
      if (unit > 1)
        g_snprintf (text, sizeof text, "%.3g %s", value / unit, unit_name);
      else if (fabs (value - round (value)) < 0.05)
        g_snprintf (text, sizeof text, several ? "%.0f" : "%.0f B", value);
      else
        g_snprintf (text, sizeof text, several ? "%.1f" : "%.1f B", value);
      sl_chart_frame_text_above (frame, centre, value / unit, text,
                                 several ? CLAMP (16.0 / (versions->len * n_strategies), 0.72, 1.0) : 1.25,
                                 !several);
    }
}
