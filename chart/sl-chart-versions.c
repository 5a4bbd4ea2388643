/* sl-chart-versions.c: bytes per instance for each strategy on every
 * CPython profile — "it depends on your Python" in one picture.
 *
 * Where strategies coincide between two versions, that stretch of line is
 * drawn in interleaved dashes of their colours, and coinciding points as
 * one marker split into their colours, so that no strategy hides another;
 * strategies equal on every version share one legend entry.  The
 * experiment's own versions are shaded.
 */

#include <math.h>
#include <string.h>

#include "sl-chart-private.h"
#include "sl-profile.h"

static void
ensure_versions (SlChart *self)
{
  GPtrArray *profiles = sl_profile_list ();
  GArray *strategies = sl_experiment_get_strategies (self->experiment);

  if (self->versions != NULL)
    return;
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_model_line_free);
  for (guint p = 0; p < profiles->len; p++)
    for (guint s = 0; s < strategies->len; s++)
      g_ptr_array_add (self->versions,   /* NULL where the class is unknown */
                       sl_experiment_model_line (self->chain,
                                                 sl_experiment_get_class_name (self->experiment),
                                                 g_ptr_array_index (profiles, p),
                                                 g_array_index (strategies, SlStrategy, s),
                                                 sl_experiment_get_metric (self->experiment), NULL));
}

static SlModelLine *
line_at (SlChart *self,
         guint    profile,
         guint    strategy)
{
  GArray *strategies = sl_experiment_get_strategies (self->experiment);
  SlModelLine *line = g_ptr_array_index (self->versions, profile * strategies->len + strategy);

  return sl_chart_line_skipped (line) ? NULL : line;
}

static gboolean
same_value (SlModelLine *a,
            SlModelLine *b)
{
  return a != NULL && b != NULL && fabs (a->per_instance - b->per_instance) < 0.005;
}

static SlRgb
shade_colour (SlChartStyle style)
{
  return style == SL_CHART_STYLE_DARK ? (SlRgb) { 0.24, 0.25, 0.30 } : (SlRgb) { 0.90, 0.92, 0.97 };
}

void
sl_chart_draw_versions (SlChart      *self,
                        SlChartFrame *frame)
{
  GPtrArray *profiles = sl_profile_list ();
  GArray *strategies = sl_experiment_get_strategies (self->experiment);
  guint n_strategies = MIN (strategies->len, SL_N_STRATEGIES);
  g_autofree const char **categories = g_new0 (const char *, profiles->len + 1);
  SlAxisLabels labels = { categories, profiles->len, FALSE, 1 };
  gboolean joined[SL_N_STRATEGIES] = { FALSE, };
  double ymax = 0, top;

  ensure_versions (self);
  for (guint p = 0; p < profiles->len; p++)
    categories[p] = sl_profile_get_id (g_ptr_array_index (profiles, p));

  frame->title = g_strdup (sl_experiment_get_name (self->experiment));
  frame->subtitle = g_strdup_printf ("Bytes per %s instance on every CPython version, %s to %s · %s",
                                     sl_experiment_get_class_name (self->experiment),
                                     categories[0], categories[profiles->len - 1],
                                     sl_chart_metric_caption (sl_experiment_get_metric (self->experiment)));
  frame->legend_place = SL_LEGEND_TOP_LEFT;
  frame->message = g_strdup (self->message);

  /* Strategies equal on every version: one entry. */
  for (guint a = 0; a < n_strategies; a++)
    {
      SlStrategy group[SL_N_STRATEGIES];
      SlLegendEntry *entry;
      g_autofree char *names = NULL;
      guint n = 0;

      if (joined[a])
        continue;
      group[n++] = g_array_index (strategies, SlStrategy, a);
      for (guint b = a + 1; b < n_strategies; b++)
        {
          gboolean equal = TRUE, any = FALSE;

          for (guint p = 0; p < profiles->len && equal; p++)
            {
              SlModelLine *la = line_at (self, p, a), *lb = line_at (self, p, b);

              equal = (la == NULL && lb == NULL) || same_value (la, lb);
              any |= la != NULL;
            }
          if (equal && any)
            {
              joined[b] = TRUE;
              group[n++] = g_array_index (strategies, SlStrategy, b);
            }
        }
      names = sl_chart_join_strategies (group, n);
      entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_LINE, g_steal_pointer (&names));
      for (guint k = 0; k < n; k++)
        sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, group[k]));
    }
  {
    g_autofree char *mine = sl_chart_versions_caption (self, NULL);
    SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_BOX,
                                                      g_strdup_printf ("the experiment's: %s", mine));

    sl_legend_entry_add_colour (entry, shade_colour (frame->style));
  }
  if (frame->cr == NULL)
    return;

  for (guint i = 0; i < self->versions->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->versions, i);

      if (!sl_chart_line_skipped (line))
        ymax = MAX (ymax, line->per_instance);
    }

  sl_chart_frame_layout (frame, TRUE);
  top = MAX (ymax, 8) * 1.08 / MAX (0.3, 1 - sl_chart_frame_legend_fraction (frame));
  sl_chart_frame_axes (frame, -0.5, profiles->len - 0.5, 0, top, FALSE, FALSE, &labels,
                       "CPython", "bytes per instance");

  /* The experiment's versions, shaded behind the lines. */
  for (guint i = 0; self->lines && i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);

      for (guint p = 0; p < profiles->len; p++)
        if (strcmp (categories[p], line->python) == 0)
          {
            SlRgb shade = shade_colour (frame->style);
            double x0, y0, x1, y1;

            sl_chart_frame_map (frame, p - 0.42, top, &x0, &y0);
            sl_chart_frame_map (frame, p + 0.42, 0, &x1, &y1);
            cairo_rectangle (frame->cr, x0, y0 + 1, x1 - x0, y1 - y0 - 2);
            cairo_set_source_rgb (frame->cr, shade.r, shade.g, shade.b);
            cairo_fill (frame->cr);
          }
    }

  /* Segment by segment, so that coinciding stretches interleave. */
  for (guint p = 0; p + 1 < profiles->len; p++)
    {
      gboolean done[SL_N_STRATEGIES] = { FALSE, };

      for (guint a = 0; a < n_strategies; a++)
        {
          SlModelLine *a0 = line_at (self, p, a), *a1 = line_at (self, p + 1, a);
          SlRgb colours[SL_N_STRATEGIES];
          guint n = 0;
          double x[2] = { p, p + 1 }, y[2];

          if (done[a] || a0 == NULL || a1 == NULL)
            continue;
          for (guint b = a; b < n_strategies; b++)
            if (!done[b] && same_value (a0, line_at (self, p, b)) && same_value (a1, line_at (self, p + 1, b)))
              {
                done[b] = TRUE;
                colours[n++] = sl_chart_strategy_colour (frame->style, g_array_index (strategies, SlStrategy, b));
              }
          y[0] = a0->per_instance;
          y[1] = a1->per_instance;
          sl_chart_frame_line (frame, 2, x, y, colours, n, 1.0);
        }
    }
  for (guint p = 0; p < profiles->len; p++)
    {
      gboolean done[SL_N_STRATEGIES] = { FALSE, };

      for (guint a = 0; a < n_strategies; a++)
        {
          SlModelLine *la = line_at (self, p, a);
          SlRgb colours[SL_N_STRATEGIES];
          guint n = 0;

          if (done[a] || la == NULL)
            continue;
          for (guint b = a; b < n_strategies; b++)
            if (!done[b] && same_value (la, line_at (self, p, b)))
              {
                done[b] = TRUE;
                colours[n++] = sl_chart_strategy_colour (frame->style, g_array_index (strategies, SlStrategy, b));
              }
          sl_chart_frame_marker (frame, p, la->per_instance, colours, n, FALSE);
          /* The figure where it changes from the version before. */
          if (p == 0 || !same_value (la, line_at (self, p - 1, a)))
            {
              char text[32];

              g_snprintf (text, sizeof text, "%.0f", la->per_instance);
              sl_chart_frame_text_above (frame, p, la->per_instance + top * 0.025, text, 0.85, FALSE);
            }
        }
    }
}
