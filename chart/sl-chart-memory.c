/* sl-chart-memory.c: memory against instance count, one line per strategy
 * (and version), markers for points measured on a real interpreter.
 *
 * Linear axes by default: 88 against 56 bytes per instance are then two
 * lines whose slopes differ by what they differ by; on log–log axes they
 * are two parallel lines a hair apart (the log view is still there, for
 * counts over many decades).  Strategies with the same figures are one
 * line in interleaved dashes of their colours, and one legend entry that
 * names them all.
 */

#include <math.h>
#include <string.h>

#include "sl-chart-private.h"
#include "sl-profile.h"

#define SAMPLES 96

static gboolean
point_matches (SlChart             *self,
               const SlResultPoint *point)
{
  return point->backend == SL_BACKEND_LIVE &&
         point->metric == sl_experiment_get_metric (self->experiment);
}

/* Equal figures per instance, and once-per-class costs that differ by
 * less than a line's width on the chart (the mixed strategy's class has a
 * few hundred bytes more of shared keys than the dict one). */
static gboolean
same_line (const SlModelLine *a,
           const SlModelLine *b,
           double             tolerance)
{
  return fabs (a->fixed - b->fixed) <= tolerance && fabs (a->per_instance - b->per_instance) < 0.005;
}

/* Model lines for the versions of live points that the experiment's own
 * versions do not cover (a live run on 3.11 of an experiment about 3.12). */
static GPtrArray *
interpreter_lines (SlChart   *self,
                   GPtrArray *sets[2])
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_model_line_free);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *strategies = sl_experiment_get_strategies (self->experiment);

  for (guint i = 0; i < self->lines->len; i++)
    g_hash_table_add (done, g_strdup (((SlModelLine *) g_ptr_array_index (self->lines, i))->python));
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < sets[s]->len; i++)
      {
        SlResultPoint *p = g_ptr_array_index (sets[s], i);
        g_autoptr(SlProfile) profile = NULL;

        if (!point_matches (self, p) || p->python == NULL ||
            !(profile = sl_profile_lookup (p->python, NULL)) ||
            !g_hash_table_add (done, g_strdup (sl_profile_get_id (profile))))
          continue;
        for (guint k = 0; k < strategies->len; k++)
          {
            SlModelLine *line = sl_experiment_model_line (self->chain,
                                                          sl_experiment_get_class_name (self->experiment),
                                                          profile, g_array_index (strategies, SlStrategy, k),
                                                          sl_experiment_get_metric (self->experiment), NULL);

            if (!sl_chart_line_skipped (line))
              g_ptr_array_add (lines, line);
            else if (line != NULL)
              sl_model_line_free (line);
          }
      }
  return lines;
}

typedef struct {
  SlModelLine *line;            /* the first of the group */
  SlStrategy   strategies[SL_N_STRATEGIES];
  SlRgb        colours[SL_N_STRATEGIES];
  guint        n;
  GString     *versions;        /* "3.8–3.10, 3.13" */
  guint64      mask;            /* which of the experiment's versions */
} Group;

static void
group_clear (gpointer data)
{
  Group *group = data;

  if (group->versions)
    g_string_free (group->versions, TRUE);
}

static guint
version_slot (GPtrArray  *pythons,
              const char *python)
{
  guint i;

  if (!g_ptr_array_find_with_equal_func (pythons, python, g_str_equal, &i))
    {
      g_ptr_array_add (pythons, (gpointer) python);
      i = pythons->len - 1;
    }
  return MIN (i, 63);
}

/* "3.8–3.10, 3.13", runs in the experiment's order; "every version". */
static GString *
versions_text (GPtrArray *pythons,
               guint64    mask)
{
  GString *text = g_string_new (NULL);

  if (pythons->len > 2 && mask == (pythons->len >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << pythons->len) - 1))
    {
      g_string_append (text, "every version");
      return text;
    }
  for (guint i = 0; i < pythons->len && i < 64; i++)
    {
      guint j = i;

      if (!(mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      while (j + 1 < pythons->len && j + 1 < 64 && (mask & (G_GUINT64_CONSTANT (1) << (j + 1))))
        j++;
      g_string_append_printf (text, "%s%s", text->len ? ", " : "", (char *) g_ptr_array_index (pythons, i));
      if (j > i)
        g_string_append_printf (text, "%s%s", j > i + 1 ? "–" : ", ", (char *) g_ptr_array_index (pythons, j));
      i = j;
    }
  return text;
}

/* Lines with equal figures on the same version, in the experiment's order. */
static GArray *
group_lines (SlChart      *self,
             SlChartFrame *frame)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_autoptr(GArray) counts = (g_array_set_clear_func (groups, group_clear), sl_experiment_dup_counts (self->experiment));
  double xmax = g_array_index (counts, guint64, counts->len - 1), ymax = 0;
  g_autoptr(GPtrArray) pythons = g_ptr_array_new ();

  for (guint i = 0; i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);

      if (!sl_chart_line_skipped (line))
        ymax = MAX (ymax, line->fixed + xmax * line->per_instance);
    }
  for (guint i = 0; i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);
      gboolean joined = FALSE;

      if (sl_chart_line_skipped (line))
        continue;
      for (guint g = 0; g < groups->len && !joined; g++)
        {
          Group *group = &g_array_index (groups, Group, g);

          if (same_line (group->line, line, ymax * 0.002))
            {
              gboolean has = FALSE;

              for (guint k = 0; k < group->n; k++)
                has |= group->strategies[k] == line->strategy;
              if (!has && group->n < SL_N_STRATEGIES)
                {
                  group->strategies[group->n] = line->strategy;
                  group->colours[group->n++] = sl_chart_strategy_colour (frame->style, line->strategy);
                }
              group->mask |= G_GUINT64_CONSTANT (1) << version_slot (pythons, line->python);
              joined = TRUE;
            }
        }
      if (!joined)
        {
          Group group = { line, { line->strategy }, { sl_chart_strategy_colour (frame->style, line->strategy) }, 1,
                          NULL, G_GUINT64_CONSTANT (1) << version_slot (pythons, line->python) };

          g_array_append_val (groups, group);
        }
    }
  for (guint g = 0; g < groups->len; g++)
    g_array_index (groups, Group, g).versions = versions_text (pythons, g_array_index (groups, Group, g).mask);
  return groups;
}

static char *
bytes_each (double per_instance)
{
  return fabs (per_instance - round (per_instance)) < 0.05
         ? g_strdup_printf ("%.0f B each", per_instance)
         : g_strdup_printf ("%.1f B each", per_instance);
}

static void
fill_texts (SlChart      *self,
            SlChartFrame *frame,
            GArray       *groups,
            GPtrArray    *sets[2],
            GPtrArray    *extra_lines,
            guint         n_versions,
            const char   *versions)
{
  gboolean log = !self->linear;
  gboolean measured[SL_N_STRATEGIES] = { FALSE, }, partial[SL_N_STRATEGIES] = { FALSE, };
  gboolean any_measured = FALSE, any_partial = FALSE;
  g_autoptr(GPtrArray) measured_versions = g_ptr_array_new ();

  frame->title = g_strdup (sl_experiment_get_name (self->experiment));
  frame->subtitle = g_strdup_printf ("Memory of %s instances by count · %s%s · %s%s",
                                     sl_experiment_get_class_name (self->experiment), versions,
                                     n_versions > 1 ? ", one line per version" : "",
                                     sl_chart_metric_caption (sl_experiment_get_metric (self->experiment)),
                                     log ? " · log–log axes" : "");
  frame->legend_place = SL_LEGEND_TOP_LEFT;

  if (n_versions <= 1)
    for (guint g = 0; g < groups->len; g++)
      {
        Group *group = &g_array_index (groups, Group, g);
        g_autofree char *names = sl_chart_join_strategies (group->strategies, group->n);
        g_autofree char *each = bytes_each (group->line->per_instance);
        SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_LINE,
                                                          g_strdup_printf ("%s, %s", names, each));

        for (guint k = 0; k < group->n; k++)
          sl_legend_entry_add_colour (entry, group->colours[k]);
      }
  else
    {
      /* Several versions: a colour per strategy; the versions are named
       * at the lines' ends. */
      GArray *strategies = sl_experiment_get_strategies (self->experiment);

      for (guint k = 0; k < strategies->len; k++)
        {
          SlStrategy strategy = g_array_index (strategies, SlStrategy, k);
          SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_LINE,
                                                            g_strdup (sl_strategy_get_label (strategy)));

          sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, strategy));
        }
    }

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < sets[s]->len; i++)
      {
        SlResultPoint *p = g_ptr_array_index (sets[s], i);

        if (!point_matches (self, p) || p->strategy >= SL_N_STRATEGIES)
          continue;
        if (p->partial)
          partial[p->strategy] = any_partial = TRUE;
        else
          measured[p->strategy] = any_measured = TRUE;
        if (p->python && !g_ptr_array_find_with_equal_func (measured_versions, p->python, g_str_equal, NULL))
          g_ptr_array_add (measured_versions, p->python);
      }
  if (any_measured || any_partial)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < measured_versions->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (measured_versions, i));
      if (any_measured)
        {
          SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_DOTS,
                                                            g_strdup_printf ("measured on Python %s", names->str));

          for (guint k = 0; k < SL_N_STRATEGIES; k++)
            if (measured[k])
              sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, k));
        }
      if (any_partial)
        {
          SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_RINGS,
                                                            g_strdup_printf ("measured on Python %s, run not finished",
                                                                             names->str));

          for (guint k = 0; k < SL_N_STRATEGIES; k++)
            if (partial[k])
              sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, k));
        }
      g_string_free (names, TRUE);
    }
  if (extra_lines->len > 0)
    {
      SlModelLine *first = g_ptr_array_index (extra_lines, 0);
      SlLegendEntry *entry = sl_chart_frame_add_legend (frame, SL_SAMPLE_LINE,
                                                        g_strdup_printf ("model for Python %s, the interpreter's (thin)",
                                                                         first->python));
      for (guint i = 0; i < extra_lines->len; i++)
        {
          SlModelLine *line = g_ptr_array_index (extra_lines, i);
          gboolean seen = FALSE;

          for (guint k = 0; k < i; k++)
            seen |= ((SlModelLine *) g_ptr_array_index (extra_lines, k))->strategy == line->strategy;
          if (!seen)
            sl_legend_entry_add_colour (entry, sl_chart_strategy_colour (frame->style, line->strategy));
        }
    }
  frame->message = g_strdup (self->message);
}

static void
line_points (const SlModelLine *line,
             gboolean           log,
             double             xmin,
             double             xmax,
             double             unit,
             double            *x,
             double            *y)
{
  for (guint k = 0; k < SAMPLES; k++)
    {
      double t = (double) k / (SAMPLES - 1);
      double n = log ? xmin * pow (xmax / xmin, t) : xmin + (xmax - xmin) * t;

      x[k] = n;
      y[k] = (line->fixed + n * line->per_instance) / unit;
    }
}

void
sl_chart_draw_memory (SlChart      *self,
                      SlChartFrame *frame)
{
  g_autoptr(GArray) counts = sl_experiment_dup_counts (self->experiment);
  GPtrArray *sets[2] = { sl_experiment_get_results (self->experiment), self->extra };
  gboolean log = !self->linear;
  double xmin = g_array_index (counts, guint64, 0);
  double xmax = g_array_index (counts, guint64, counts->len - 1);
  double ymin = G_MAXDOUBLE, ymax = 0, unit;
  const char *unit_name;
  g_autofree char *y_title = NULL;
  g_autofree char *versions = NULL;
  g_autoptr(GArray) groups = group_lines (self, frame);
  double label_width = 0;
  g_autoptr(GPtrArray) extra_lines = interpreter_lines (self, sets);
  SlAxisLabels labels = { NULL, 0, TRUE, 1 };
  double label_floor = -G_MAXDOUBLE;
  guint n_versions = 0;

  versions = sl_chart_versions_caption (self, &n_versions);
  fill_texts (self, frame, groups, sets, extra_lines, n_versions, versions);
  if (frame->cr == NULL)
    return;

  if (xmin == xmax)
    xmin = MAX (1, xmin / 2), xmax = xmax * 2;
  xmin = MAX (xmin, 1);
  for (guint g = 0; g < groups->len; g++)
    {
      SlModelLine *line = g_array_index (groups, Group, g).line;

      ymin = MIN (ymin, line->fixed + xmin * line->per_instance);
      ymax = MAX (ymax, line->fixed + xmax * line->per_instance);
    }
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < sets[s]->len; i++)
      {
        SlResultPoint *p = g_ptr_array_index (sets[s], i);

        if (!point_matches (self, p))
          continue;
        ymin = MIN (ymin, MAX (p->bytes, 1));
        ymax = MAX (ymax, p->bytes);
        xmin = MIN (xmin, MAX (p->count, 1));
        xmax = MAX (xmax, p->count);
      }
  if (ymax <= 0)
    ymin = 1, ymax = 1024;
  ymin = MAX (ymin, 1);
  unit = sl_chart_choose_unit (ymax, &unit_name);
  labels.y_unit = unit;
  y_title = g_strdup_printf ("memory (%s)", unit_name);

  if (n_versions > 1)
    frame->legend_place = SL_LEGEND_TOP_LEFT;
  sl_chart_frame_layout (frame, FALSE);
  if (n_versions > 1)
    {
      /* Room for the versions at the lines' ends. */
      for (guint g = 0; g < groups->len; g++)
        label_width = MAX (label_width, sl_chart_frame_text_width (frame, g_array_index (groups, Group, g).versions->str, 0.85));
      frame->box[2] -= MIN (label_width + 0.6 * frame->font, frame->width * 0.3);
    }

  /* Padding so that markers at the ends are whole. */
  if (log)
    sl_chart_frame_axes (frame, xmin / pow (10, 0.05), xmax * pow (10, 0.05),
                         ymin / unit / pow (10, 0.08), ymax / unit * pow (10, 0.12), TRUE, TRUE, &labels,
                         "instances", y_title);
  else
    sl_chart_frame_axes (frame, 0, xmax * 1.04, 0, ymax / unit * 1.06, FALSE, FALSE, &labels,
                         "instances", y_title);

  cairo_save (frame->cr);
  for (guint i = 0; i < extra_lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (extra_lines, i);
      double x[SAMPLES], y[SAMPLES];
      SlRgb colour = sl_chart_strategy_colour (frame->style, line->strategy);

      line_points (line, log, xmin, xmax, unit, x, y);
      sl_chart_frame_line (frame, SAMPLES, x, y, &colour, 1, 0.4);
    }
  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = &g_array_index (groups, Group, g);
      double x[SAMPLES], y[SAMPLES];

      line_points (group->line, log, xmin, xmax, unit, x, y);
      sl_chart_frame_line (frame, SAMPLES, x, y, group->colours, group->n, 1.0);
    }

  /* Versions at the lines' ends, top down, skipping any that would
   * overlap the one above. */
  if (n_versions > 1)
    {
      g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint g = 0; g < groups->len; g++)
        g_array_append_val (order, g);
      for (guint a = 0; a < order->len; a++)
        for (guint b = a + 1; b < order->len; b++)
          {
            SlModelLine *la = g_array_index (groups, Group, g_array_index (order, guint, a)).line;
            SlModelLine *lb = g_array_index (groups, Group, g_array_index (order, guint, b)).line;

            if (lb->per_instance > la->per_instance)
              {
                guint t = g_array_index (order, guint, a);
                g_array_index (order, guint, a) = g_array_index (order, guint, b);
                g_array_index (order, guint, b) = t;
              }
          }
      label_floor = -G_MAXDOUBLE;
      for (guint i = 0; i < order->len; i++)
        {
          Group *group = &g_array_index (groups, Group, g_array_index (order, guint, i));
          double bytes = (group->line->fixed + xmax * group->line->per_instance) / unit;
          double px, py;

          sl_chart_frame_map (frame, xmax, bytes, &px, &py);
          if (py < label_floor + 1.2 * frame->font * 0.85)
            py = label_floor + 1.2 * frame->font * 0.85;
          label_floor = py;
          sl_chart_frame_text_at (frame, frame->box[2] + 0.2 * frame->font, py, group->versions->str,
                                  group->colours[0], 0.85);
        }
    }

  /* Measured points: filled when the run finished, hollow when not;
   * points of several strategies at the same place are one marker split
   * into their colours, so that none hides another. */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);

    for (guint s = 0; s < 2; s++)
      for (guint i = 0; i < sets[s]->len; i++)
        if (point_matches (self, g_ptr_array_index (sets[s], i)))
          g_ptr_array_add (all, g_ptr_array_index (sets[s], i));
    for (guint i = 0; i < all->len; i++)
      {
        SlResultPoint *p = g_ptr_array_index (all, i);
        SlRgb colours[SL_N_STRATEGIES];
        gboolean seen[SL_N_STRATEGIES] = { FALSE, };
        guint n = 0;

        if (g_hash_table_contains (done, p))
          continue;
        for (guint j = i; j < all->len; j++)
          {
            SlResultPoint *q = g_ptr_array_index (all, j);

            if (q->count != p->count || q->partial != p->partial || q->strategy >= SL_N_STRATEGIES ||
                fabs ((double) q->bytes - (double) p->bytes) > 0.004 * MAX (p->bytes, 1))
              continue;
            g_hash_table_add (done, q);
            if (!seen[q->strategy])
              {
                seen[q->strategy] = TRUE;
                colours[n++] = sl_chart_strategy_colour (frame->style, q->strategy);
              }
          }
        if (n > 0)
          sl_chart_frame_marker (frame, MAX (p->count, 1), MAX (p->bytes, 1) / unit, colours, n, p->partial);
      }
  }
  cairo_restore (frame->cr);
}
