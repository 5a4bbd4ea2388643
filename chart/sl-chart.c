/* sl-chart.c: the experiment charts, PLplot on a cairo context.
 *
 * Every draw makes a fresh PLplot stream (plmkstrm), points it at the
 * caller's cairo context with the extcairo device, draws and ends it
 * (plend1): no PLplot state survives between draws, so the screen, an
 * export and a clipboard copy never see each other's settings.  PLplot
 * keeps global state: main thread only.
 *
 * The numbers come from the engine (model lines: fixed + N × per-instance,
 * traced bytes by part, every profile); the chart only places them.
 */

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <plplot.h>

#include "sl-chart.h"
#include "sl-experiment-model.h"
#include "sl-profile.h"

#define MODEL_SAMPLES 96

struct _SlChart
{
  GObject       parent_instance;

  SlExperiment *experiment;
  SlChain      *chain;
  char         *fallback_python;
  GPtrArray    *lines;       /* SlModelLine, or NULL with message */
  GPtrArray    *versions;    /* SlModelLine for every profile × strategy, lazily */
  GPtrArray    *extra;       /* SlResultPoint */
  char         *message;
  SlChartKind   kind;
  gboolean      linear;
};

G_DEFINE_FINAL_TYPE (SlChart, sl_chart, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-chart-error-quark, sl_chart_error)

static const char * const kind_names[] = { "memory", "parts", "versions" };

/* Colour map 0 as we use it. */
enum {
  COL_BG, COL_FG, COL_GRID, COL_STRATEGY0,
  COL_PART0 = COL_STRATEGY0 + SL_N_STRATEGIES,
  COL_N = COL_PART0 + SL_N_PARTS
};

typedef struct { guint8 r, g, b; } Rgb;

static const Rgb strategy_light[SL_N_STRATEGIES] = {
  { 0x1c, 0x71, 0xd8 }, { 0xe0, 0x1b, 0x24 }, { 0x26, 0xa2, 0x69 }, { 0x91, 0x41, 0xac } };
static const Rgb strategy_dark[SL_N_STRATEGIES] = {
  { 0x62, 0xa0, 0xea }, { 0xf6, 0x61, 0x51 }, { 0x57, 0xe3, 0x89 }, { 0xdc, 0x8a, 0xdd } };
static const Rgb part_light[SL_N_PARTS] = {
  { 0x35, 0x84, 0xe4 }, { 0xe6, 0x61, 0x00 }, { 0xf5, 0xc2, 0x11 }, { 0x98, 0x6a, 0x44 },
  { 0x9a, 0x99, 0x96 } };
static const Rgb part_dark[SL_N_PARTS] = {
  { 0x62, 0xa0, 0xea }, { 0xff, 0xa3, 0x48 }, { 0xf9, 0xf0, 0x6b }, { 0xcd, 0xab, 0x8f },
  { 0xc0, 0xbf, 0xbc } };
static const char * const part_labels[SL_N_PARTS] = {
  "object and headers", "dict", "keys", "values", "value objects" };

static void
sl_chart_finalize (GObject *object)
{
  SlChart *self = SL_CHART (object);

  g_clear_object (&self->experiment);
  g_clear_object (&self->chain);
  g_free (self->fallback_python);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  g_free (self->message);
  G_OBJECT_CLASS (sl_chart_parent_class)->finalize (object);
}

static void
sl_chart_class_init (SlChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_chart_finalize;
}

static void
sl_chart_init (SlChart *self)
{
  self->extra = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
}

SlChart *
sl_chart_new (void)
{
  return g_object_new (SL_TYPE_CHART, NULL);
}

const char *
sl_chart_kind_to_string (SlChartKind kind)
{
  return kind < SL_N_CHART_KINDS ? kind_names[kind] : NULL;
}

gboolean
sl_chart_kind_from_string (const char  *text,
                           SlChartKind *kind)
{
  for (guint i = 0; i < SL_N_CHART_KINDS; i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

void
sl_chart_set_experiment (SlChart      *self,
                         SlExperiment *experiment,
                         SlChain      *chain,
                         const char   *fallback_python)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SL_IS_CHART (self));

  g_clear_object (&self->experiment);
  g_clear_object (&self->chain);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);
  g_free (self->fallback_python);
  self->fallback_python = g_strdup (fallback_python);
  if (experiment == NULL || chain == NULL)
    return;
  self->experiment = sl_experiment_copy (experiment);
  self->chain = sl_chain_copy (chain);
  self->lines = sl_experiment_model_lines (self->experiment, self->chain, fallback_python, &error);
  if (self->lines == NULL)
    self->message = g_strdup (error->message);
  else
    {
      GString *refused = g_string_new (NULL);

      for (guint i = 0; i < self->lines->len; i++)
        {
          SlModelLine *line = g_ptr_array_index (self->lines, i);

          if (line->refusal != NULL || line->unavailable != NULL)
            g_string_append_printf (refused, "%s%s on %s: %s", refused->len ? "; " : "",
                                    sl_strategy_to_string (line->strategy), line->python,
                                    line->refusal ? line->refusal : line->unavailable);
        }
      self->message = refused->len ? g_string_free (refused, FALSE) : (g_string_free (refused, TRUE), NULL);
    }
}

void
sl_chart_set_extra_points (SlChart   *self,
                           GPtrArray *points)
{
  g_ptr_array_set_size (self->extra, 0);
  for (guint i = 0; points != NULL && i < points->len; i++)
    g_ptr_array_add (self->extra, sl_result_point_copy (g_ptr_array_index (points, i)));
}

void
sl_chart_add_extra_point (SlChart             *self,
                          const SlResultPoint *point)
{
  g_ptr_array_add (self->extra, sl_result_point_copy (point));
}

void sl_chart_set_kind (SlChart *self, SlChartKind kind) { self->kind = kind; }
SlChartKind sl_chart_get_kind (SlChart *self) { return self->kind; }
void sl_chart_set_linear (SlChart *self, gboolean linear) { self->linear = !!linear; }
gboolean sl_chart_get_linear (SlChart *self) { return self->linear; }
const char *sl_chart_get_message (SlChart *self) { return self->message; }

/* ---- drawing helpers ---- */

static gboolean
line_skipped (const SlModelLine *line)
{
  return line->refusal != NULL || line->unavailable != NULL;
}

typedef struct {
  SlChartStyle style;
  double       unit;        /* bytes per y unit */
  const char  *unit_name;
  gboolean     log_x, log_y;
  const char * const *categories;   /* x labels for bar charts */
  guint        n_categories;
} Axes;

static void
set_colours (SlChartStyle style)
{
  gboolean dark = style == SL_CHART_STYLE_DARK;

  plscmap0n (COL_N);
  if (dark)
    {
      plscol0a (COL_BG, 0x24, 0x24, 0x24, 1.0);
      plscol0a (COL_FG, 0xee, 0xee, 0xee, 1.0);
      plscol0a (COL_GRID, 0x48, 0x48, 0x48, 1.0);
    }
  else
    {
      plscol0a (COL_BG, 0xff, 0xff, 0xff, 1.0);
      plscol0a (COL_FG, 0x00, 0x00, 0x00, 1.0);
      plscol0a (COL_GRID, 0xd8, 0xd8, 0xd8, 1.0);
    }
  for (guint i = 0; i < SL_N_STRATEGIES; i++)
    {
      const Rgb *c = dark ? &strategy_dark[i] : &strategy_light[i];
      plscol0a (COL_STRATEGY0 + i, c->r, c->g, c->b, 1.0);
    }
  for (guint i = 0; i < SL_N_PARTS; i++)
    {
      const Rgb *c = dark ? &part_dark[i] : &part_light[i];
      plscol0a (COL_PART0 + i, c->r, c->g, c->b, 1.0);
    }
}

static void
paint_background (cairo_t      *cr,
                  double        width,
                  double        height,
                  SlChartStyle  style)
{
  cairo_save (cr);
  if (style == SL_CHART_STYLE_DARK)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
format_count (double  value,
              char   *buf,
              int     len)
{
  static const char * const prefixes[] = { "", "k", "M", "G", "T" };
  guint p = 0;

  while (fabs (value) >= 1000 && p + 1 < G_N_ELEMENTS (prefixes))
    value /= 1000, p++;
  g_snprintf (buf, len, "%g%s", round (value * 1000) / 1000, prefixes[p]);
}

static void
label_cb (PLINT     axis,
          PLFLT     value,
          char     *buf,
          PLINT     len,
          PLPointer data)
{
  const Axes *axes = data;

  if (axis == PL_X_AXIS)
    {
      if (axes->categories != NULL)
        {
          int i = (int) lround (value);

          if (fabs (value - i) < 1e-6 && i >= 0 && (guint) i < axes->n_categories)
            g_strlcpy (buf, axes->categories[i], len);
          else
            buf[0] = '\0';
          return;
        }
      format_count (axes->log_x ? pow (10, value) : value, buf, len);
    }
  else
    {
      double v = axes->log_y ? pow (10, value) : value;

      g_snprintf (buf, len, "%g", fabs (v) < 1e-9 ? 0 : round (v * 1e6) / 1e6);
    }
}

static void
choose_unit (double  max_bytes,
             Axes   *axes)
{
  if (max_bytes >= 1024.0 * 1024 * 1024 * 1024)
    axes->unit = 1024.0 * 1024 * 1024 * 1024, axes->unit_name = "TiB";
  else if (max_bytes >= 1024.0 * 1024 * 1024)
    axes->unit = 1024.0 * 1024 * 1024, axes->unit_name = "GiB";
  else if (max_bytes >= 1024.0 * 1024)
    axes->unit = 1024.0 * 1024, axes->unit_name = "MiB";
  else if (max_bytes >= 1024.0)
    axes->unit = 1024.0, axes->unit_name = "KiB";
  else
    axes->unit = 1, axes->unit_name = "bytes";
}

static const char *
metric_caption (SlMetric metric)
{
  switch (metric)
    {
    case SL_METRIC_TRACED: return "traced (tracemalloc)";
    case SL_METRIC_GETSIZEOF: return "getsizeof (Example 17.1's method)";
    case SL_METRIC_PYMALLOC: return "pymalloc blocks";
    case SL_METRIC_RESIDENT: return "resident (blocks, pools, arenas)";
    default: return "?";
    }
}

static char *
pythons_caption (SlChart *self)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; self->lines && i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);

      if (g_hash_table_add (seen, line->python))
        g_string_append_printf (text, "%s%s", text->len ? ", " : "", line->python);
    }
  return g_string_free (text, FALSE);
}

/* The caption above the box, smaller when it is long. */
static void
draw_caption (const char *caption)
{
  gsize len = g_utf8_strlen (caption, -1);

  plcol0 (COL_FG);
  plschr (0, len > 110 ? 0.6 : len > 90 ? 0.7 : 0.85);
  plmtex ("t", 1.2, 0.5, 0.5, caption);
}

static void
draw_text_message (const char *text)
{
  plcol0 (COL_FG);
  plschr (0, 0.8);
  plmtex ("b", 5.2, 0.0, 0.0, text);
}

static void
draw_legend (guint                n,
             const char * const  *labels,
             const PLINT         *colours,
             gboolean             boxes,
             const PLINT         *symbols_on,
             const PLINT         *line_styles_in,
             const PLFLT         *line_widths_in,
             PLINT                position)
{
  PLINT opt_array[16], line_styles[16], box_patterns[16], symbol_numbers[16], text_colours[16];
  PLFLT line_widths[16], box_scales[16], box_widths[16], symbol_scales[16];
  const char *symbols[16];
  PLFLT w, h;

  n = MIN (n, 16);
  for (guint i = 0; i < n; i++)
    {
      opt_array[i] = boxes ? PL_LEGEND_COLOR_BOX
                           : PL_LEGEND_LINE | (symbols_on && symbols_on[i] ? PL_LEGEND_SYMBOL : 0);
      if (!boxes && line_widths_in && line_widths_in[i] == 0)
        opt_array[i] = PL_LEGEND_SYMBOL;
      line_styles[i] = line_styles_in ? line_styles_in[i] : 1;
      line_widths[i] = line_widths_in ? line_widths_in[i] : 2.0;
      box_patterns[i] = 0;
      box_scales[i] = 0.8;
      box_widths[i] = 1.0;
      symbol_numbers[i] = 1;
      symbol_scales[i] = 1.0;
      symbols[i] = "●";
      text_colours[i] = COL_FG;
    }
  plschr (0, 0.75);
  pllegend (&w, &h, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX, position,
            0.02, 0.02, 0.06, COL_BG, COL_GRID, 1, 0, 0, (PLINT) n, opt_array,
            1.0, 1.0, 1.8, 0.0, text_colours, labels, colours, box_patterns, box_scales,
            box_widths, colours, line_styles, line_widths, colours, symbol_scales,
            symbol_numbers, symbols);
}

/* Strategies often coincide (as declared is one of the others): as
 * declared is a wide line underneath, dict and mixed are dashed on top, so
 * that every line stays visible where they overlap. */
static PLINT
strategy_style (SlStrategy strategy)
{
  return strategy == SL_STRATEGY_DICT ? 3 : strategy == SL_STRATEGY_MIXED ? 2 : 1;
}

static PLFLT
strategy_width (SlStrategy strategy)
{
  return strategy == SL_STRATEGY_AS_DECLARED ? 6.0 : 2.0;
}

/* ---- chart 1: memory against instance count ---- */

static gboolean
point_matches (SlChart             *self,
               const SlResultPoint *point)
{
  return point->backend == SL_BACKEND_LIVE &&
         point->metric == sl_experiment_get_metric (self->experiment);
}

/* Model lines for the profiles of live points that the experiment's own
 * versions do not cover (a live run on 3.11 of an experiment about 3.12). */
static GPtrArray *
live_profile_lines (SlChart   *self,
                    GPtrArray *sets[2])
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_model_line_free);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->lines->len; i++)
    g_hash_table_add (done, g_strdup (((SlModelLine *) g_ptr_array_index (self->lines, i))->python));
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < sets[s]->len; i++)
      {
        SlResultPoint *p = g_ptr_array_index (sets[s], i);
        g_autoptr(SlProfile) profile = NULL;
        GArray *strategies = sl_experiment_get_strategies (self->experiment);

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

            if (line != NULL && !line_skipped (line))
              g_ptr_array_add (lines, line);
            else
              sl_model_line_free (line);
          }
      }
  return lines;
}

static void
draw_memory (SlChart      *self,
             SlChartStyle  style)
{
  g_autoptr(GArray) counts = sl_experiment_dup_counts (self->experiment);
  GPtrArray *results = sl_experiment_get_results (self->experiment);
  GPtrArray *sets[2] = { results, self->extra };
  Axes axes = { style, 1, "bytes", !self->linear, !self->linear, NULL, 0 };
  double xmin = g_array_index (counts, guint64, 0);
  double xmax = g_array_index (counts, guint64, counts->len - 1);
  double ymin = G_MAXDOUBLE, ymax = 0;
  const char *labels[16];
  g_autoptr(GPtrArray) label_texts = g_ptr_array_new_with_free_func (g_free);
  PLINT colours[16], with_symbols[16], styles[16];
  PLFLT widths[16];
  guint n_legend = 0;
  g_autofree char *caption = NULL;
  g_autofree char *versions = pythons_caption (self);
  g_autofree char *ylabel = NULL;
  gboolean several = FALSE;
  g_autoptr(GPtrArray) interpreter_lines = NULL;

  if (xmin == xmax)
    xmin = MAX (1, xmin / 2), xmax = xmax * 2;

  /* The y range: every model line at both ends, every live point. */
  for (guint i = 0; i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);

      if (line_skipped (line))
        continue;
      ymin = MIN (ymin, line->fixed + xmin * line->per_instance);
      ymax = MAX (ymax, line->fixed + xmax * line->per_instance);
      several |= i > 0 && strcmp (line->python, ((SlModelLine *) g_ptr_array_index (self->lines, 0))->python) != 0;
    }
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < sets[s]->len; i++)
      {
        SlResultPoint *p = g_ptr_array_index (sets[s], i);

        if (point_matches (self, p))
          {
            ymin = MIN (ymin, MAX (p->bytes, 1));
            ymax = MAX (ymax, p->bytes);
            xmin = MIN (xmin, p->count);
            xmax = MAX (xmax, p->count);
          }
      }
  if (ymax <= 0)
    ymin = 1, ymax = 1024;
  ymin = MAX (ymin, 1);
  choose_unit (ymax, &axes);
  interpreter_lines = live_profile_lines (self, sets);

  plcol0 (COL_FG);
  plschr (0, 0.85);
  plvpor (0.11, 0.97, 0.16, 0.9);
  if (axes.log_x)
    {
      double y0 = floor (log10 (ymin / axes.unit)), y1 = ceil (log10 (ymax / axes.unit));

      if (y1 <= y0)
        y1 = y0 + 1;
      plwind (floor (log10 (xmin)), ceil (log10 (xmax)) == floor (log10 (xmin)) ? floor (log10 (xmin)) + 1 : ceil (log10 (xmax)), y0, y1);
    }
  else
    plwind (0, xmax * 1.02, 0, ymax / axes.unit * 1.05);
  plslabelfunc (label_cb, &axes);
  plcol0 (COL_GRID);
  plbox (axes.log_x ? "gl" : "g", 0, 0, axes.log_y ? "gl" : "g", 0, 0);
  plcol0 (COL_FG);
  plbox (axes.log_x ? "bcnstlo" : "bcnsto", 0, 0, axes.log_y ? "bcnstvlo" : "bcnstvo", 0, 0);

  /* One line per strategy (per version) from the model. */
  for (guint i = 0; i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);
      PLFLT x[MODEL_SAMPLES], y[MODEL_SAMPLES];

      if (line_skipped (line))
        continue;
      for (guint k = 0; k < MODEL_SAMPLES; k++)
        {
          double t = (double) k / (MODEL_SAMPLES - 1);
          double n = axes.log_x ? xmin * pow (xmax / xmin, t) : xmin + (xmax - xmin) * t;
          double bytes = line->fixed + n * line->per_instance;

          x[k] = axes.log_x ? log10 (n) : n;
          y[k] = axes.log_y ? log10 (MAX (bytes, 1) / axes.unit) : bytes / axes.unit;
        }
      plcol0 (COL_STRATEGY0 + line->strategy);
      plwidth (strategy_width (line->strategy));
      pllsty (several ? (PLINT) (1 + (i / MAX (1, sl_experiment_get_strategies (self->experiment)->len)) % 8)
                      : strategy_style (line->strategy));
      plline (MODEL_SAMPLES, x, y);
      pllsty (1);
      plwidth (1.0);
      if (n_legend < 16)
        {
          char *text = several ? g_strdup_printf ("%s, %s", sl_strategy_get_label (line->strategy), line->python)
                               : g_strdup_printf ("%s (%.0f B each)", sl_strategy_get_label (line->strategy),
                                                  line->per_instance);
          g_ptr_array_add (label_texts, text);
          labels[n_legend] = text;
          colours[n_legend] = COL_STRATEGY0 + line->strategy;
          styles[n_legend] = several ? 1 : strategy_style (line->strategy);
          widths[n_legend] = strategy_width (line->strategy);
          with_symbols[n_legend] = FALSE;
          n_legend++;
        }
    }

  /* The model for the live interpreter's own version, where the
   * experiment does not show it: thin dotted lines under its markers. */
  for (guint i = 0; i < interpreter_lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (interpreter_lines, i);
      PLFLT x[MODEL_SAMPLES], y[MODEL_SAMPLES];

      for (guint k = 0; k < MODEL_SAMPLES; k++)
        {
          double t = (double) k / (MODEL_SAMPLES - 1);
          double n = axes.log_x ? xmin * pow (xmax / xmin, t) : xmin + (xmax - xmin) * t;
          double bytes = line->fixed + n * line->per_instance;

          x[k] = axes.log_x ? log10 (n) : n;
          y[k] = axes.log_y ? log10 (MAX (bytes, 1) / axes.unit) : bytes / axes.unit;
        }
      plcol0 (COL_STRATEGY0 + line->strategy);
      plwidth (1.0);
      pllsty (4);
      plline (MODEL_SAMPLES, x, y);
      pllsty (1);
      if (i == 0 && n_legend < 16)
        {
          char *text = g_strdup_printf ("model for the interpreter's Python %s", line->python);

          g_ptr_array_add (label_texts, text);
          labels[n_legend] = text;
          colours[n_legend] = COL_FG;
          styles[n_legend] = 4;
          widths[n_legend] = 1.0;
          with_symbols[n_legend] = FALSE;
          n_legend++;
        }
    }

  /* Markers for live points: filled when complete, hollow when partial. */
  {
    gboolean any_live = FALSE;

    for (guint s = 0; s < 2; s++)
      for (guint i = 0; i < sets[s]->len; i++)
        {
          SlResultPoint *p = g_ptr_array_index (sets[s], i);
          PLFLT x, y;

          if (!point_matches (self, p))
            continue;
          any_live = TRUE;
          x = axes.log_x ? log10 (MAX (p->count, 1)) : p->count;
          y = axes.log_y ? log10 (MAX (p->bytes, 1) / axes.unit) : p->bytes / axes.unit;
          plcol0 (COL_STRATEGY0 + p->strategy);
          plschr (0, 1.0);
          plstring (1, &x, &y, p->partial ? "○" : "●");
        }
    if (any_live && n_legend < 16)
      {
        labels[n_legend] = "measured (hollow: partial run)";
        colours[n_legend] = COL_FG;
        styles[n_legend] = 1;
        widths[n_legend] = 0;
        with_symbols[n_legend] = TRUE;
        n_legend++;
      }
  }

  ylabel = g_strdup_printf ("memory (%s)", axes.unit_name);
  caption = g_strdup_printf ("%s: %s instances, Python %s, %s%s",
                             sl_experiment_get_name (self->experiment),
                             sl_experiment_get_class_name (self->experiment),
                             versions, metric_caption (sl_experiment_get_metric (self->experiment)),
                             axes.log_x ? ", log-log" : "");
  plcol0 (COL_FG);
  plschr (0, 0.9);
  pllab ("instances", ylabel, "");
  draw_caption (caption);
  draw_legend (n_legend, labels, colours, FALSE, with_symbols, styles, widths,
               PL_POSITION_INSIDE | PL_POSITION_TOP | PL_POSITION_LEFT);
  if (self->message)
    draw_text_message (self->message);
}

/* ---- chart 2: bytes per instance by part ---- */

static void
draw_parts (SlChart      *self,
            SlChartStyle  style)
{
  GArray *strategies = sl_experiment_get_strategies (self->experiment);
  const char *categories[SL_N_STRATEGIES + 1];
  Axes axes = { style, 1, "bytes", FALSE, FALSE, categories, 0 };
  const char *python = NULL;
  double ymax = 0;
  guint n = 0;
  SlModelLine *shown[SL_N_STRATEGIES];
  PLINT colours[SL_N_PARTS];
  g_autofree char *caption = NULL;

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
        total += MAX (line->by_part[p], 0);
      ymax = MAX (ymax, total);
      n++;
    }
  axes.n_categories = n;
  (void) strategies;

  plcol0 (COL_FG);
  plschr (0, 0.85);
  plvpor (0.11, 0.97, 0.16, 0.9);
  plwind (-0.6, n - 0.4, 0, MAX (ymax, 8) * 1.45);
  plslabelfunc (label_cb, &axes);
  plcol0 (COL_GRID);
  plbox ("", 0, 0, "g", 0, 0);
  plcol0 (COL_FG);
  plbox ("bcnot", 1.0, 1, "bcnstvo", 0, 0);

  for (guint s = 0; s < n; s++)
    {
      double base = 0;
      char total_text[64];

      if (line_skipped (shown[s]))
        {
          PLFLT x = s, y = MAX (ymax, 8) * 0.05;

          plcol0 (COL_FG);
          plschr (0, 0.6);
          plptex (x, y, 0, 1, 0.5, "refused by CPython");
          continue;
        }
      for (guint p = 0; p < SL_N_PARTS; p++)
        {
          double h = MAX (shown[s]->by_part[p], 0);
          PLFLT x[4] = { s - 0.3, s + 0.3, s + 0.3, s - 0.3 };
          PLFLT y[4] = { base, base, base + h, base + h };

          if (h <= 0)
            continue;
          plcol0 (COL_PART0 + p);
          plfill (4, x, y);
          plcol0 (COL_BG);
          plline (4, x, y);
          base += h;
        }
      g_snprintf (total_text, sizeof total_text, "%.0f B", base);
      plcol0 (COL_FG);
      plschr (0, 0.75);
      plptex (s, base + MAX (ymax, 8) * 0.03, 1, 0, 0.5, total_text);
    }

  for (guint p = 0; p < SL_N_PARTS; p++)
    colours[p] = COL_PART0 + p;
  caption = g_strdup_printf ("%s: bytes per %s instance by part, Python %s, traced",
                             sl_experiment_get_name (self->experiment),
                             sl_experiment_get_class_name (self->experiment), python ? python : "?");
  plcol0 (COL_FG);
  plschr (0, 0.9);
  pllab ("strategy", "bytes per instance", "");
  draw_caption (caption);
  draw_legend (SL_N_PARTS, part_labels, colours, TRUE, NULL, NULL, NULL,
               PL_POSITION_INSIDE | PL_POSITION_TOP | PL_POSITION_RIGHT);
}

/* ---- chart 3: bytes per instance across every Python version ---- */

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
      {
        SlModelLine *line = sl_experiment_model_line (self->chain,
                                                      sl_experiment_get_class_name (self->experiment),
                                                      g_ptr_array_index (profiles, p),
                                                      g_array_index (strategies, SlStrategy, s),
                                                      sl_experiment_get_metric (self->experiment),
                                                      NULL);
        g_ptr_array_add (self->versions, line);   /* NULL where the class is unknown */
      }
}

static void
draw_versions (SlChart      *self,
               SlChartStyle  style)
{
  GPtrArray *profiles = sl_profile_list ();
  GArray *strategies = sl_experiment_get_strategies (self->experiment);
  g_autofree const char **categories = g_new0 (const char *, profiles->len + 1);
  Axes axes = { style, 1, "bytes", FALSE, FALSE, categories, profiles->len };
  const char *labels[SL_N_STRATEGIES];
  PLINT colours[SL_N_STRATEGIES], with_symbols[SL_N_STRATEGIES], styles[SL_N_STRATEGIES];
  PLFLT widths[SL_N_STRATEGIES];
  double ymax = 0;
  g_autofree char *caption = NULL;

  ensure_versions (self);
  for (guint p = 0; p < profiles->len; p++)
    categories[p] = sl_profile_get_id (g_ptr_array_index (profiles, p));
  for (guint i = 0; i < self->versions->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->versions, i);

      if (line && !line_skipped (line))
        ymax = MAX (ymax, line->per_instance);
    }

  plcol0 (COL_FG);
  plschr (0, 0.85);
  plvpor (0.11, 0.97, 0.16, 0.9);
  plwind (-0.5, profiles->len - 0.5, 0, MAX (ymax, 8) * 1.3);
  plslabelfunc (label_cb, &axes);
  plcol0 (COL_GRID);
  plbox ("", 0, 0, "g", 0, 0);
  plcol0 (COL_FG);
  plschr (0, 0.7);
  plbox ("bcnot", 1.0, 1, "", 0, 0);
  plschr (0, 0.85);
  plbox ("", 0, 0, "bcnstvo", 0, 0);

  for (guint s = 0; s < strategies->len && s < SL_N_STRATEGIES; s++)
    {
      SlStrategy strategy = g_array_index (strategies, SlStrategy, s);
      g_autofree PLFLT *x = g_new (PLFLT, profiles->len);
      g_autofree PLFLT *y = g_new (PLFLT, profiles->len);
      guint run = 0;

      plcol0 (COL_STRATEGY0 + strategy);
      plwidth (strategy_width (strategy));
      pllsty (strategy_style (strategy));
      for (guint p = 0; p <= profiles->len; p++)
        {
          SlModelLine *line = p < profiles->len
            ? g_ptr_array_index (self->versions, p * strategies->len + s) : NULL;

          if (line && !line_skipped (line))
            {
              x[run] = p;
              y[run] = line->per_instance;
              run++;
            }
          else if (run > 0)
            {
              /* A gap where CPython refuses the strategy. */
              plline (run, x, y);
              plschr (0, 1.0);
              plstring (run, x, y, "●");
              run = 0;
            }
        }
      plwidth (1.0);
      pllsty (1);
      labels[s] = sl_strategy_get_label (strategy);
      colours[s] = COL_STRATEGY0 + strategy;
      styles[s] = strategy_style (strategy);
      widths[s] = strategy_width (strategy);
      with_symbols[s] = TRUE;
    }

  caption = g_strdup_printf ("%s: bytes per %s instance, every CPython profile, %s",
                             sl_experiment_get_name (self->experiment),
                             sl_experiment_get_class_name (self->experiment),
                             metric_caption (sl_experiment_get_metric (self->experiment)));
  plcol0 (COL_FG);
  plschr (0, 0.9);
  pllab ("CPython", "bytes per instance", "");
  draw_caption (caption);
  draw_legend (MIN (strategies->len, SL_N_STRATEGIES), labels, colours, FALSE, with_symbols,
               styles, widths,
               PL_POSITION_INSIDE | PL_POSITION_TOP | PL_POSITION_LEFT);
}

void
sl_chart_draw (SlChart      *self,
               cairo_t      *cr,
               double        width,
               double        height,
               SlChartStyle  style)
{
  PLINT stream, previous;

  g_return_if_fail (SL_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width < 16 || height < 16)
    return;
  paint_background (cr, width, height, style);

  plgstrm (&previous);
  plmkstrm (&stream);
  if (stream < 0)
    return;
  plsstrm (stream);
  plsdev ("extcairo");
  plspage (0, 0, (PLINT) width, (PLINT) height, 0, 0);
  set_colours (style);
  plinit ();
  pl_cmd (PLESC_DEVINIT, cr);
  pladv (0);
  /* Text scales with the smaller side of 600 × 400, never below 0.8 of it. */
  plschr (CLAMP (MIN (width / 600.0, height / 400.0), 0.8, 3.0) * 3.2, 1.0);

  if (self->experiment == NULL || self->lines == NULL)
    {
      plvpor (0.1, 0.9, 0.1, 0.9);
      plwind (0, 1, 0, 1);
      plcol0 (COL_FG);
      plptex (0.5, 0.5, 1, 0, 0.5, self->message ? self->message : "No experiment");
    }
  else
    switch (self->kind)
      {
      case SL_CHART_MEMORY:
        draw_memory (self, style);
        break;
      case SL_CHART_PARTS:
        draw_parts (self, style);
        break;
      case SL_CHART_VERSIONS:
      default:
        draw_versions (self, style);
        break;
      }
  plslabelfunc (NULL, NULL);
  plend1 ();
  plsstrm (previous);
}

gboolean
sl_chart_format_from_path (const char    *path,
                           SlChartFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".svg"))
    *format = SL_CHART_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = SL_CHART_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *format = SL_CHART_FORMAT_PNG;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_size (double   width,
            double   height,
            double   dpi,
            GError **error)
{
  if (!(width >= 64 && width <= 20000 && height >= 64 && height <= 20000))
    {
      g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_SIZE,
                   "A chart of %g × %g is outside 64 to 20,000 on each side", width, height);
      return FALSE;
    }
  if (!(dpi >= 36 && dpi <= 1200))
    {
      g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_SIZE,
                   "%g DPI is outside 36 to 1,200", dpi);
      return FALSE;
    }
  return TRUE;
}

static cairo_surface_t *
render_image (SlChart      *self,
              int           width,
              int           height,
              double        dpi,
              SlChartStyle  style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  double scale = dpi / 96.0;

  cairo_scale (cr, scale, scale);
  sl_chart_draw (self, cr, width / scale, height / scale, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
sl_chart_render_png (SlChart       *self,
                     int            width,
                     int            height,
                     double         dpi,
                     SlChartStyle   style,
                     GError       **error)
{
  cairo_surface_t *surface;
  GByteArray *bytes;
  cairo_status_t status;

  if (!check_size (width, height, dpi, error))
    return NULL;
  surface = render_image (self, width, height, dpi, style);
  bytes = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (bytes);
      g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE, "Cannot make a PNG: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
sl_chart_export (SlChart        *self,
                 const char     *path,
                 SlChartFormat   format,
                 double          width,
                 double          height,
                 double          dpi,
                 GError        **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SL_IS_CHART (self), FALSE);

  if (!check_size (width, height, format == SL_CHART_FORMAT_PNG ? dpi : 96, error))
    return FALSE;

  if (format == SL_CHART_FORMAT_PNG)
    {
      surface = render_image (self, (int) width, (int) height, dpi, SL_CHART_STYLE_PRINT);
      status = cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
    }
  else
    {
      if (format == SL_CHART_FORMAT_SVG)
        surface = cairo_svg_surface_create (path, width, height);
      else
        surface = cairo_pdf_surface_create (path, width, height);
      cr = cairo_create (surface);
      sl_chart_draw (self, cr, width, height, SL_CHART_STYLE_PRINT);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE, "Cannot write %s: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
