/* sl-chart-versions.c: bytes per instance for each strategy on every
 * CPython profile — "it depends on your Python" in one picture.
 *
 * Where strategies coincide between two versions, that stretch of line is
 * drawn in interleaved dashes of their colours, and coinciding points as
 * one marker split into their colours, so that no strategy hides another;
 * strategies equal on every version share one legend entry.  The
 * experiment's own versions are shaded.
 *
 * Where the experiment kept live runs (one per interpreter after "Run on
 * Every Interpreter", or any live run), each version's measured bytes per
 * instance stand beside the model's dot as a ring of the same colour, its
 * figure written where it differs from the model; the footnote names the
 * exact release and the interpreter's path of every version measured.
 */

#include <math.h>
#include <string.h>

#include "sl-chart-private.h"
#include "sl-profile.h"
#include "sl-run-everywhere.h"

/* The newest live run of one profile. */
typedef struct {
  char      *python;       /* the exact release, "3.12.1" */
  char      *interpreter;  /* its path, or NULL */
  gboolean   partial;
  GPtrArray *points;       /* SlResultPoint */
} Measured;

static void
measured_free (Measured *m)
{
  if (m == NULL)
    return;
  g_free (m->python);
  g_free (m->interpreter);
  g_clear_pointer (&m->points, g_ptr_array_unref);
  g_free (m);
}

/* One entry per profile (NULL where nothing was measured): the newest live
 * run that measured a release of it. */
static GPtrArray *
collect_measured (SlChart   *self,
                  GPtrArray *profiles)
{
  GPtrArray *measured = g_ptr_array_new_with_free_func ((GDestroyNotify) measured_free);
  g_autoptr(GPtrArray) runs = sl_experiment_dup_runs (self->experiment);

  g_ptr_array_set_size (measured, profiles->len);
  for (guint r = 0; r < runs->len; r++)   /* oldest first: the newest wins */
    {
      SlRunInfo *info = g_ptr_array_index (runs, r);
      g_autoptr(GPtrArray) points = NULL;
      g_autoptr(GPtrArray) found = NULL;

      if (info->backend != SL_BACKEND_LIVE)
        continue;
      points = sl_experiment_dup_run_points (self->experiment, info->id);
      found = g_ptr_array_new_with_free_func ((GDestroyNotify) measured_free);
      g_ptr_array_set_size (found, profiles->len);
      for (guint i = 0; i < points->len; i++)
        {
          SlResultPoint *point = g_ptr_array_index (points, i);
          g_autoptr(SlProfile) profile = NULL;

          if (point->backend != SL_BACKEND_LIVE || point->python == NULL ||
              !(profile = sl_profile_lookup (point->python, NULL)))
            continue;
          for (guint p = 0; p < profiles->len; p++)
            if (strcmp (sl_profile_get_id (g_ptr_array_index (profiles, p)), sl_profile_get_id (profile)) == 0)
              {
                Measured *m = g_ptr_array_index (found, p);

                if (m == NULL)
                  {
                    m = g_new0 (Measured, 1);
                    m->python = g_strdup (point->python);
                    m->interpreter = g_strdup (point->interpreter);
                    m->points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
                    g_ptr_array_index (found, p) = m;
                  }
                m->partial |= point->partial;
                g_ptr_array_add (m->points, sl_result_point_copy (point));
              }
        }
      for (guint p = 0; p < profiles->len; p++)
        if (g_ptr_array_index (found, p) != NULL)
          {
            measured_free (g_ptr_array_index (measured, p));
            g_ptr_array_index (measured, p) = g_ptr_array_steal_index (found, p);
            g_ptr_array_insert (found, p, NULL);
          }
    }
  return measured;
}

static gboolean
measured_at (GPtrArray  *measured,
             guint       profile,
             SlStrategy  strategy,
             SlMetric    metric,
             double     *value)
{
  Measured *m = measured ? g_ptr_array_index (measured, profile) : NULL;

  return m != NULL && sl_result_points_per_instance (m->points, m->python, strategy, metric, value);
}

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
  g_autoptr(GPtrArray) measured = collect_measured (self, profiles);
  g_autoptr(GString) provenance = g_string_new (NULL);
  SlMetric metric = sl_experiment_get_metric (self->experiment);
  guint n_measured = 0;
  Measured *only = NULL;

  ensure_versions (self);
  for (guint p = 0; p < profiles->len; p++)
    {
      Measured *m = g_ptr_array_index (measured, p);

      if (m == NULL)
        continue;
      n_measured++;
      only = m;
      g_string_append_printf (provenance, "%s%s", provenance->len ? " · " : "", m->python);
      if (m->interpreter != NULL)
        {
          /* A word joiner after each slash: a path wraps only at the
           * spaces between versions, never inside itself. */
          g_autoptr(GString) path = g_string_new (m->interpreter);

          g_string_replace (path, "/", "/\u2060", 0);
          g_string_replace (path, "-", "-\u2060", 0);
          g_string_append_printf (provenance, " %s", path->str);
        }
      if (m->partial)
        g_string_append (provenance, " (run not finished)");
    }
  for (guint p = 0; p < profiles->len; p++)
    categories[p] = sl_profile_get_id (g_ptr_array_index (profiles, p));

  frame->title = g_strdup (sl_experiment_get_name (self->experiment));
  frame->subtitle = g_strdup_printf ("Bytes per %s instance on every CPython version, %s to %s · %s",
                                     sl_experiment_get_class_name (self->experiment),
                                     categories[0], categories[profiles->len - 1],
                                     sl_chart_metric_caption (sl_experiment_get_metric (self->experiment)));
  /* Under the plot: inside it, the axis had to climb far above the data
   * (1200 for figures near 500) to keep the lines clear of it. */
  frame->legend_place = SL_LEGEND_BELOW;
  if (n_measured > 0)
    /* Provenance: which release and which program measured each version. */
    frame->message = g_strdup_printf ("%s%sMeasured on this machine (bytes per instance: growth between "
                                      "the two largest counts ÷ their difference): %s",
                                      self->message ? self->message : "", self->message ? "\n" : "",
                                      provenance->str);
  else
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
      if (n_measured > 0)
        {
          char *with = g_strdup_printf ("%s — model", names);

          g_free (names);
          names = with;
        }
      entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_LINE, g_steal_pointer (&names));
      for (guint k = 0; k < n; k++)
        sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, group[k]));
    }
  if (n_measured > 0)
    {
      SlLegendEntry *entry;
      g_autofree char *label = NULL;

      if (n_measured == 1)
        label = g_strdup_printf ("measured on Python %s%s%s%s", only->python,
                                 only->interpreter ? " (" : "", only->interpreter ? only->interpreter : "",
                                 only->interpreter ? ")" : "");
      else
        label = g_strdup_printf ("measured on %u interpreters here (ring right of each model dot)", n_measured);
      entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_RINGS, g_steal_pointer (&label));
      for (guint a = 0; a < n_strategies; a++)
        {
          gboolean any = FALSE;

          for (guint p = 0; p < profiles->len && !any; p++)
            any = measured_at (measured, p, g_array_index (strategies, SlStrategy, a), metric, NULL);
          if (any)
            sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style,
                                                                         g_array_index (strategies, SlStrategy, a)));
        }
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
  for (guint p = 0; p < profiles->len; p++)
    for (guint a = 0; a < n_strategies; a++)
      {
        double value;

        if (measured_at (measured, p, g_array_index (strategies, SlStrategy, a), metric, &value))
          ymax = MAX (ymax, value);
      }

  sl_chart_frame_layout (frame, TRUE);
  /* Room above the highest dot for its figure (and a nudged one). */
  top = MAX (ymax, 8) * 1.15 / MAX (0.3, 1 - sl_chart_frame_legend_fraction (frame));
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
      double values[SL_N_STRATEGIES];
      char texts[SL_N_STRATEGIES][32];
      const char *text_of[SL_N_STRATEGIES];
      double dots[SL_N_STRATEGIES];
      guint n_labels = 0, n_dots = 0;

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
          dots[n_dots++] = la->per_instance;
          /* The figure where it changes from the version before. */
          if (p == 0 || !same_value (la, line_at (self, p - 1, a)))
            {
              values[n_labels] = la->per_instance;
              g_snprintf (texts[n_labels], sizeof texts[n_labels], "%.0f", la->per_instance);
              text_of[n_labels] = texts[n_labels];
              n_labels++;
            }
        }
      /* Close figures (249, 233 on 3.8) are set apart, never on top of
       * each other or of another strategy's dot. */
      sl_chart_frame_labels_above (frame, p, n_labels, values, text_of, 0.85, n_dots, dots);
    }

  /* Measured: a ring beside the model's dot, strategies of equal figures
   * in one ring of their colours; the figure where it differs from the
   * model's. */
  for (guint p = 0; p < profiles->len; p++)
    {
      gboolean done[SL_N_STRATEGIES] = { FALSE, };

      for (guint a = 0; a < n_strategies; a++)
        {
          SlStrategy sa = g_array_index (strategies, SlStrategy, a);
          SlModelLine *model = line_at (self, p, a);
          SlRgb colours[SL_N_STRATEGIES];
          double value, other;
          guint n = 0;

          if (done[a] || !measured_at (measured, p, sa, metric, &value))
            continue;
          for (guint b = a; b < n_strategies; b++)
            if (!done[b] && measured_at (measured, p, g_array_index (strategies, SlStrategy, b), metric, &other) &&
                fabs (other - value) < 0.5)
              {
                done[b] = TRUE;
                colours[n++] = sl_chart_strategy_colour (frame->style, g_array_index (strategies, SlStrategy, b));
              }
          sl_chart_frame_marker (frame, p + 0.22, value, colours, n, TRUE);
          if (model == NULL || fabs (model->per_instance - value) >= 0.5)
            {
              char text[32];

              g_snprintf (text, sizeof text, "%.0f", value);
              sl_chart_frame_text_right_of (frame, p + 0.3, value, text, colours[0], 0.8);
            }
        }
    }
}
