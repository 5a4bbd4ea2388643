/* sl-chart-parts.c: traced bytes per instance split by part (the object
 * with its headers and inline values, the dict, its keys, a separate
 * values array), one stacked bar per strategy, on the experiment's first
 * version.  Only the parts some bar has are in the legend.
 */

#include <math.h>
#include <string.h>

#include "sl-chart-private.h"

static const char * const part_labels[SL_N_PARTS] = {
  "object, headers, inline values", "dict object", "keys table", "values array",
  "value objects" };

void
sl_chart_draw_parts (SlChart      *self,
                     SlChartFrame *frame)
{
  const char *categories[SL_N_STRATEGIES + 1] = { NULL, };
  SlModelLine *shown[SL_N_STRATEGIES];
  SlAxisLabels labels = { categories, 0, FALSE, 1 };
  const char *python = NULL;
  gboolean present[SL_N_PARTS] = { FALSE, };
  guint n = 0, n_versions = 0;
  double ymax = 0, top;
  g_autofree char *all = sl_chart_versions_caption (self, &n_versions);

  for (guint i = 0; i < self->lines->len && n < SL_N_STRATEGIES; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);
      double total = 0;

      if (python == NULL)
        python = line->python;
      if (strcmp (line->python, python) != 0)
        break;
      shown[n] = line;
      categories[n] = sl_strategy_get_label (line->strategy);
      for (guint p = 0; p < SL_N_PARTS; p++)
        {
          total += MAX (line->by_part[p], 0);
          present[p] |= !sl_chart_line_skipped (line) && line->by_part[p] > 0;
        }
      ymax = MAX (ymax, total);
      n++;
    }
  labels.n_categories = n;

  frame->title = g_strdup (sl_experiment_get_name (self->experiment));
  frame->subtitle = g_strdup_printf ("Traced bytes per %s instance, by part · CPython %s%s",
                                     sl_experiment_get_class_name (self->experiment),
                                     python ? python : "?",
                                     n_versions > 1 ? " (the experiment's first version)" : "");
  frame->legend_place = SL_LEGEND_TOP_RIGHT;
  frame->message = g_strdup (self->message);
  for (guint p = 0; p < SL_N_PARTS; p++)
    if (present[p])
      {
        SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_BOX, g_strdup (part_labels[p]));

        sl_legend_entry_add_colour (entry, sl_chart_part_colour (frame->style, p));
      }
  if (frame->cr == NULL)
    return;

  sl_chart_frame_layout (frame, TRUE);
  top = MAX (ymax, 8) * 1.14 / MAX (0.3, 1 - sl_chart_frame_legend_fraction (frame));
  sl_chart_frame_axes (frame, -0.6, n - 0.4, 0, top, FALSE, FALSE, &labels, "strategy",
                       "bytes per instance");

  for (guint s = 0; s < n; s++)
    {
      double base = 0;
      char total[64];

      if (sl_chart_line_skipped (shown[s]))
        {
          sl_chart_frame_text_above (frame, s, top * 0.02, "refused by CPython", 0.8, FALSE);
          continue;
        }
      for (guint p = 0; p < SL_N_PARTS; p++)
        {
          double h = MAX (shown[s]->by_part[p], 0);

          if (h <= 0)
            continue;
          sl_chart_frame_bar (frame, s - 0.3, s + 0.3, base, base + h, sl_chart_part_colour (frame->style, p));
          base += h;
        }
      g_snprintf (total, sizeof total, "%.0f B", base);
      sl_chart_frame_text_above (frame, s, base, total, 1.25, TRUE);
    }
}
