/* sl-chart-frame.c: what every chart shares — colours, text sizes, the
 * title block, the legend, the axes (PLplot) and the data marks (cairo).
 *
 * Text is sized from one base size that grows with the picture, so an
 * export reads the same on a projector and on paper: the title is larger
 * than everything else, the legend as large as the axis labels, and legend
 * rows are spaced by the text's full height plus a gap, so that the
 * underscores of `__slots__` never touch the next row.
 */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>
#include <plplot.h>

#include "sl-chart-private.h"

#define TITLE_SCALE    1.55
#define SUBTITLE_SCALE 1.0
#define LEGEND_SCALE   1.0
#define SAMPLE_WIDTH   2.8     /* legend sample, in font sizes */
#define FONT_FAMILY    "Cantarell, DejaVu Sans, sans-serif"

/* PLplot's colour map 0 as the axes use it. */
enum { COL_BG, COL_FG, COL_GRID, COL_N };

static GMutex plplot_lock;

static const SlRgb strategy_light[SL_N_STRATEGIES] = {
  { 0x1c / 255., 0x71 / 255., 0xd8 / 255. }, { 0xe0 / 255., 0x1b / 255., 0x24 / 255. },
  { 0x26 / 255., 0xa2 / 255., 0x69 / 255. }, { 0x91 / 255., 0x41 / 255., 0xac / 255. } };
static const SlRgb strategy_dark[SL_N_STRATEGIES] = {
  { 0x62 / 255., 0xa0 / 255., 0xea / 255. }, { 0xf6 / 255., 0x61 / 255., 0x51 / 255. },
  { 0x57 / 255., 0xe3 / 255., 0x89 / 255. }, { 0xdc / 255., 0x8a / 255., 0xdd / 255. } };
static const SlRgb part_light[SL_N_PARTS] = {
  { 0x35 / 255., 0x84 / 255., 0xe4 / 255. }, { 0xe6 / 255., 0x61 / 255., 0x00 / 255. },
  { 0xf5 / 255., 0xc2 / 255., 0x11 / 255. }, { 0x98 / 255., 0x6a / 255., 0x44 / 255. },
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. } };
static const SlRgb part_dark[SL_N_PARTS] = {
  { 0x62 / 255., 0xa0 / 255., 0xea / 255. }, { 0xff / 255., 0xa3 / 255., 0x48 / 255. },
  { 0xf9 / 255., 0xf0 / 255., 0x6b / 255. }, { 0xcd / 255., 0xab / 255., 0x8f / 255. },
  { 0xc0 / 255., 0xbf / 255., 0xbc / 255. } };

static gboolean
is_dark (SlChartStyle style)
{
  return style == SL_CHART_STYLE_DARK;
}

SlRgb
sl_chart_strategy_colour (SlChartStyle style,
                          SlStrategy   strategy)
{
  return (is_dark (style) ? strategy_dark : strategy_light)[strategy % SL_N_STRATEGIES];
}

SlRgb
sl_chart_part_colour (SlChartStyle style,
                      SlPart       part)
{
  return (is_dark (style) ? part_dark : part_light)[part % SL_N_PARTS];
}

SlRgb
sl_chart_fg_colour (SlChartStyle style)
{
  return is_dark (style) ? (SlRgb) { 0.93, 0.93, 0.93 } : (SlRgb) { 0, 0, 0 };
}

static SlRgb
bg_colour (SlChartStyle style)
{
  return is_dark (style) ? (SlRgb) { 0x24 / 255., 0x24 / 255., 0x24 / 255. } : (SlRgb) { 1, 1, 1 };
}

static void
set_source (cairo_t *cr,
            SlRgb    c,
            double   alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static void
legend_entry_free (gpointer data)
{
  SlLegendEntry *entry = data;

  g_free (entry->label);
  g_free (entry);
}

void
sl_chart_frame_init (SlChartFrame *frame,
                     cairo_t      *cr,
                     double        width,
                     double        height,
                     SlChartStyle  style)
{
  memset (frame, 0, sizeof *frame);
  frame->cr = cr;
  frame->width = width;
  frame->height = height;
  frame->style = style;
  /* 12 units on a 640 × 400 picture, growing with the smaller side. */
  frame->font = 12.0 * CLAMP (MIN (width / 640.0, height / 400.0), 1.0, 3.0);
  frame->legend = g_ptr_array_new_with_free_func (legend_entry_free);
  frame->label_boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
}

void
sl_chart_frame_clear (SlChartFrame *frame)
{
  g_clear_pointer (&frame->title, g_free);
  g_clear_pointer (&frame->subtitle, g_free);
  g_clear_pointer (&frame->message, g_free);
  g_clear_pointer (&frame->legend, g_ptr_array_unref);
  g_clear_pointer (&frame->label_boxes, g_array_unref);
}

SlLegendEntry *
sl_chart_frame_add_legend (SlChartFrame *frame,
                           SlSampleKind  sample,
                           char         *label)
{
  SlLegendEntry *entry = g_new0 (SlLegendEntry, 1);

  entry->label = label;
  entry->sample = sample;
  g_ptr_array_add (frame->legend, entry);
  return entry;
}

void
sl_legend_entry_add_colour (SlLegendEntry *entry,
                            SlRgb          colour)
{
  if (entry->n_colours < G_N_ELEMENTS (entry->colours))
    entry->colours[entry->n_colours++] = colour;
}

/* ---- text ---- */

static PangoLayout *
text_layout (SlChartFrame *frame,
             const char   *text,
             double        scale,
             gboolean      bold,
             double        wrap_width)
{
  PangoLayout *layout = pango_cairo_create_layout (frame->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics that do not depend on the surface's resolution: the same
   * layout on the screen, in a PDF and in a PNG. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, frame->font * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

static void
show_text (SlChartFrame *frame,
           PangoLayout  *layout,
           double        x,
           double        y,
           SlRgb         colour,
           double        alpha)
{
  set_source (frame->cr, colour, alpha);
  cairo_move_to (frame->cr, x, y);
  pango_cairo_show_layout (frame->cr, layout);
}

/* ---- layout ---- */

static double
title_block_height (SlChartFrame *frame,
                    double        pad)
{
  double w, h, total = pad;
  g_autoptr(PangoLayout) title = text_layout (frame, frame->title ? frame->title : "", TITLE_SCALE, TRUE,
                                              frame->width - 2 * pad);

  text_size (title, &w, &h);
  total += h;
  if (frame->subtitle != NULL)
    {
      g_autoptr(PangoLayout) sub = text_layout (frame, frame->subtitle, SUBTITLE_SCALE, FALSE,
                                                frame->width - 2 * pad);

      text_size (sub, &w, &h);
      total += 0.25 * frame->font + h;
    }
  return total + 0.9 * frame->font;
}

static double
row_pitch (SlChartFrame *frame,
           double        text_height)
{
  /* The full logical height (descenders included) plus a gap. */
  return text_height + 0.4 * frame->font;
}

/* An entry's width in a legend under the plot: sample, gap, text. */
static double
entry_width (SlChartFrame  *frame,
             SlLegendEntry *entry,
             double        *text_height)
{
  g_autoptr(PangoLayout) layout = text_layout (frame, entry->label, LEGEND_SCALE, FALSE, -1);
  double w, h;

  text_size (layout, &w, &h);
  if (text_height)
    *text_height = h;
  return (SAMPLE_WIDTH + 0.7) * frame->font + w;
}

/* Under the plot, entries run left to right and wrap at `width`; fills the
 * offsets of each entry (xs, ys: may be NULL) and returns the height. */
static double
flow_legend (SlChartFrame *frame,
             double        width,
             double       *xs,
             double       *ys)
{
  double x = 0, y = 0, row = 0, gap = 1.6 * frame->font;

  for (guint i = 0; i < frame->legend->len; i++)
    {
      double h, w = entry_width (frame, g_ptr_array_index (frame->legend, i), &h);

      if (x > 0 && x + w > width)
        {
          x = 0;
          y += row;
          row = 0;
        }
      if (xs)
        xs[i] = x;
      if (ys)
        ys[i] = y;
      x += w + gap;
      row = MAX (row, row_pitch (frame, h));
    }
  return y + row;
}

static void
measure_legend (SlChartFrame *frame)
{
  double width = 0, height = 0;

  for (guint i = 0; i < frame->legend->len; i++)
    {
      SlLegendEntry *entry = g_ptr_array_index (frame->legend, i);
      g_autoptr(PangoLayout) layout = text_layout (frame, entry->label, LEGEND_SCALE, FALSE, -1);
      double w, h;

      text_size (layout, &w, &h);
      width = MAX (width, w);
      height += row_pitch (frame, h);
    }
  if (frame->legend->len == 0)
    {
      frame->legend_size[0] = frame->legend_size[1] = 0;
      return;
    }
  frame->legend_size[0] = width + (SAMPLE_WIDTH + 0.7 + 1.4) * frame->font;
  frame->legend_size[1] = height - 0.4 * frame->font + 1.2 * frame->font;
  if (frame->legend_place == SL_LEGEND_BELOW)
    {
      frame->legend_size[0] = frame->width - 2 * 0.9 * frame->font;
      frame->legend_size[1] = flow_legend (frame, frame->legend_size[0], NULL, NULL);
    }
}

void
sl_chart_frame_layout (SlChartFrame *frame,
                       gboolean      categories)
{
  double pad = 0.9 * frame->font;
  double top = title_block_height (frame, pad);
  double bottom = pad + 3.4 * frame->font;
  double left = pad + 6.2 * frame->font;

  if (frame->message != NULL)
    {
      g_autoptr(PangoLayout) layout = text_layout (frame, frame->message, 0.9, FALSE,
                                                   frame->width - 2 * pad);
      double w, h;

      text_size (layout, &w, &h);
      bottom += h + 0.5 * frame->font;
    }
  (void) categories;
  measure_legend (frame);
  if (frame->legend_place == SL_LEGEND_BELOW && frame->legend->len > 0)
    bottom += frame->legend_size[1] + 0.3 * frame->font;
  frame->box[0] = left;
  frame->box[1] = top;
  frame->box[2] = frame->width - 1.6 * pad;
  frame->box[3] = frame->height - bottom;
  if (frame->box[3] - frame->box[1] < 4 * frame->font)
    frame->box[3] = frame->box[1] + 4 * frame->font;
}

double
sl_chart_frame_legend_fraction (SlChartFrame *frame)
{
  double h = frame->box[3] - frame->box[1];

  if (frame->legend_place == SL_LEGEND_BELOW)
    return 0;   /* not on the plot: the data need no room for it */
  return h > 0 && frame->legend_size[1] > 0 ? (frame->legend_size[1] + 1.2 * frame->font) / h : 0;
}

/* ---- axes, with PLplot ---- */

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

typedef struct {
  const SlAxisLabels *labels;
  gboolean            log_x, log_y;
} LabelData;

static void
label_cb (PLINT     axis,
          PLFLT     value,
          char     *buf,
          PLINT     len,
          PLPointer data)
{
  const LabelData *d = data;

  if (axis == PL_X_AXIS)
    {
      if (d->labels->categories != NULL)
        {
          int i = (int) lround (value);

          if (fabs (value - i) < 1e-6 && i >= 0 && (guint) i < d->labels->n_categories)
            g_strlcpy (buf, d->labels->categories[i], len);
          else
            buf[0] = '\0';
          return;
        }
      if (d->labels->count_x)
        format_count (d->log_x ? pow (10, value) : value, buf, len);
      else
        g_snprintf (buf, len, "%g", value);
    }
  else
    {
      double v = d->log_y ? pow (10, value) : value;

      g_snprintf (buf, len, "%g", fabs (v) < 1e-9 ? 0 : round (v * 1e6) / 1e6);
    }
}

static void
set_plplot_colours (SlChartStyle style)
{
  SlRgb fg = sl_chart_fg_colour (style), bg = bg_colour (style);

  plscmap0n (COL_N);
  plscol0a (COL_BG, (PLINT) (bg.r * 255), (PLINT) (bg.g * 255), (PLINT) (bg.b * 255), 1.0);
  plscol0a (COL_FG, (PLINT) (fg.r * 255), (PLINT) (fg.g * 255), (PLINT) (fg.b * 255), 1.0);
  if (is_dark (style))
    plscol0a (COL_GRID, 0x48, 0x48, 0x48, 1.0);
  else
    plscol0a (COL_GRID, 0xdc, 0xdc, 0xdc, 1.0);
}

/* A tick step that gives about five to eight labels. */
static double
nice_step (double range)
{
  double raw = range / 6, mag = pow (10, floor (log10 (raw))), f = raw / mag;

  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

void
sl_chart_frame_axes (SlChartFrame       *frame,
                     double              x0,
                     double              x1,
                     double              y0,
                     double              y1,
                     gboolean            log_x,
                     gboolean            log_y,
                     const SlAxisLabels *labels,
                     const char         *x_title,
                     const char         *y_title)
{
  LabelData data = { labels, log_x, log_y };
  PLINT stream, previous;
  /* PLplot's character height is in millimetres of a 72 DPI page. */
  double mm = 25.4 / 72.0;
  g_autofree char *xopt = NULL, *yopt = NULL;

  frame->log_x = log_x;
  frame->log_y = log_y;
  frame->world[0] = log_x ? log10 (x0) : x0;
  frame->world[1] = log_x ? log10 (x1) : x1;
  frame->world[2] = log_y ? log10 (y0) : y0;
  frame->world[3] = log_y ? log10 (y1) : y1;

  /* PLplot keeps its streams in globals: one chart at a time draws with
   * it, whichever thread (the window draws on a worker, exports on the
   * main thread). */
  g_mutex_lock (&plplot_lock);
  cairo_save (frame->cr);
  plgstrm (&previous);
  plmkstrm (&stream);
  if (stream < 0)
    {
      cairo_restore (frame->cr);
      g_mutex_unlock (&plplot_lock);
      return;
    }
  plsstrm (stream);
  plsdev ("extcairo");
  plspage (0, 0, (PLINT) frame->width, (PLINT) frame->height, 0, 0);
  set_plplot_colours (frame->style);
  plinit ();
  pl_cmd (PLESC_DEVINIT, frame->cr);
  pladv (0);
  plschr (frame->font * 0.62 * mm, 1.0);
  plvpor (frame->box[0] / frame->width, frame->box[2] / frame->width,
          1 - frame->box[3] / frame->height, 1 - frame->box[1] / frame->height);
  plwind (frame->world[0], frame->world[1], frame->world[2], frame->world[3]);
  plslabelfunc (label_cb, &data);

  xopt = g_strdup_printf ("bc%s%s", labels->categories ? "nt" : "nst", log_x ? "lo" : "o");
  yopt = g_strdup_printf ("bcnstv%s", log_y ? "lo" : "o");
  plcol0 (COL_GRID);
  plwidth (0.6);
  plbox (labels->categories ? "" : log_x ? "gl" : "g", log_x || labels->categories ? 0 : nice_step (x1 - x0), 0,
         log_y ? "gl" : "g", log_y ? 0 : nice_step (y1 - y0), 0);
  plwidth (1.0);
  plcol0 (COL_FG);
  plbox (xopt, labels->categories ? 1.0 : log_x ? 0 : nice_step (x1 - x0), labels->categories ? 1 : 0,
         yopt, log_y ? 0 : nice_step (y1 - y0), 0);
  plschr (0, 1.15);
  plmtex ("b", 3.0, 0.5, 0.5, x_title);
  plmtex ("l", 4.6, 0.5, 0.5, y_title);
  plslabelfunc (NULL, NULL);
  plend1 ();
  plsstrm (previous);
  cairo_restore (frame->cr);
  g_mutex_unlock (&plplot_lock);
}

void
sl_chart_frame_map (SlChartFrame *frame,
                    double        x,
                    double        y,
                    double       *px,
                    double       *py)
{
  double wx = frame->log_x ? log10 (MAX (x, 1e-300)) : x;
  double wy = frame->log_y ? log10 (MAX (y, 1e-300)) : y;

  *px = frame->box[0] + (wx - frame->world[0]) / (frame->world[1] - frame->world[0]) * (frame->box[2] - frame->box[0]);
  *py = frame->box[3] - (wy - frame->world[2]) / (frame->world[3] - frame->world[2]) * (frame->box[3] - frame->box[1]);
}

/* ---- data marks, with cairo ---- */

static double
line_width (SlChartFrame *frame)
{
  return MAX (1.5, frame->font * 0.24);
}

/* Several colours on one path: interleaved dashes, one colour after the
 * other, so that strategies with equal figures are all visible. */
static void
stroke_colours (SlChartFrame *frame,
                const SlRgb  *colours,
                guint         n_colours,
                double        width,
                double        dash)
{
  cairo_t *cr = frame->cr;

  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (n_colours <= 1)
    {
      set_source (cr, colours[0], 1);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      return;
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < n_colours; i++)
    {
      double pattern[2] = { dash, dash * (n_colours - 1) };

      cairo_set_dash (cr, pattern, 2, -dash * i);
      set_source (cr, colours[i], 1);
      if (i + 1 < n_colours)
        cairo_stroke_preserve (cr);
      else
        cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

void
sl_chart_frame_line (SlChartFrame *frame,
                     guint         n,
                     const double *x,
                     const double *y,
                     const SlRgb  *colours,
                     guint         n_colours,
                     double        width)
{
  cairo_t *cr = frame->cr;

  if (n < 2 || n_colours == 0)
    return;
  cairo_save (cr);
  for (guint i = 0; i < n; i++)
    {
      double px, py;

      sl_chart_frame_map (frame, x[i], y[i], &px, &py);
      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  stroke_colours (frame, colours, n_colours, line_width (frame) * width, 1.6 * frame->font);
  cairo_restore (cr);
}

/* One marker, split into as many slices as colours: coinciding points of
 * several strategies show every one of them. */
static void
marker_at (SlChartFrame *frame,
           double        px,
           double        py,
           double        r,
           const SlRgb  *colours,
           guint         n_colours,
           gboolean      hollow)
{
  cairo_t *cr = frame->cr;

  cairo_save (cr);
  for (guint i = 0; i < n_colours; i++)
    {
      double a0 = -G_PI / 2 + 2 * G_PI * i / n_colours, a1 = -G_PI / 2 + 2 * G_PI * (i + 1) / n_colours;

      cairo_new_path (cr);
      if (hollow)
        {
          cairo_arc (cr, px, py, r * 0.8, a0, a1);
          cairo_set_line_width (cr, r * 0.4);
          set_source (cr, colours[i], 1);
          cairo_stroke (cr);
        }
      else
        {
          if (n_colours > 1)
            cairo_move_to (cr, px, py);
          cairo_arc (cr, px, py, r, a0, a1);
          cairo_close_path (cr);
          set_source (cr, colours[i], 1);
          cairo_fill (cr);
        }
    }
  if (!hollow)
    {
      /* A thin ring in the background colour parts it from the lines. */
      cairo_arc (cr, px, py, r, 0, 2 * G_PI);
      set_source (cr, bg_colour (frame->style), 1);
      cairo_set_line_width (cr, MAX (0.8, r * 0.22));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
sl_chart_frame_marker (SlChartFrame *frame,
                       double        x,
                       double        y,
                       const SlRgb  *colours,
                       guint         n_colours,
                       gboolean      hollow)
{
  double px, py;

  sl_chart_frame_map (frame, x, y, &px, &py);
  marker_at (frame, px, py, 0.42 * frame->font, colours, n_colours, hollow);
}

void
sl_chart_frame_bar (SlChartFrame *frame,
                    double        x0,
                    double        x1,
                    double        y0,
                    double        y1,
                    SlRgb         colour)
{
  double ax, ay, bx, by;

  sl_chart_frame_map (frame, x0, y0, &ax, &ay);
  sl_chart_frame_map (frame, x1, y1, &bx, &by);
  cairo_save (frame->cr);
  cairo_rectangle (frame->cr, ax, by, bx - ax, ay - by);
  set_source (frame->cr, colour, 1);
  cairo_fill (frame->cr);
  /* A hairline in the background colour on top parts stacked bars. */
  if (y0 > frame->world[2])
    {
      cairo_move_to (frame->cr, ax, ay);
      cairo_line_to (frame->cr, bx, ay);
      set_source (frame->cr, bg_colour (frame->style), 1);
      cairo_set_line_width (frame->cr, MAX (0.8, frame->font * 0.1));
      cairo_stroke (frame->cr);
    }
  cairo_restore (frame->cr);
}

void
sl_chart_frame_text_above (SlChartFrame *frame,
                           double        x,
                           double        y,
                           const char   *text,
                           double        scale,
                           gboolean      bold)
{
  g_autoptr(PangoLayout) layout = text_layout (frame, text, scale, bold, -1);
  double px, py, w, h;

  sl_chart_frame_map (frame, x, y, &px, &py);
  text_size (layout, &w, &h);
  show_text (frame, layout, px - w / 2, py - h - 0.15 * frame->font, sl_chart_fg_colour (frame->style), 1);
}

static gboolean
boxes_meet (const cairo_rectangle_t *a,
            const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether `box` meets a label already placed or one of the n marks. */
static const cairo_rectangle_t *
label_obstacle (SlChartFrame            *frame,
                const cairo_rectangle_t *box,
                const cairo_rectangle_t *marks,
                guint                    n_marks)
{
  for (guint i = 0; i < frame->label_boxes->len; i++)
    if (boxes_meet (box, &g_array_index (frame->label_boxes, cairo_rectangle_t, i)))
      return &g_array_index (frame->label_boxes, cairo_rectangle_t, i);
  for (guint i = 0; i < n_marks; i++)
    if (boxes_meet (box, &marks[i]))
      return &marks[i];
  return NULL;
}

void
sl_chart_frame_labels_above (SlChartFrame       *frame,
                             double              x,
                             guint               n,
                             const double       *values,
                             const char * const *texts,
                             double              scale,
                             guint               n_dots,
                             const double       *dots)
{
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree cairo_rectangle_t *marks = g_new (cairo_rectangle_t, MAX (n_dots, 1));
  double r = 0.42 * frame->font, gap = 0.12 * frame->font;

  /* The dots themselves are obstacles too: a figure over another
   * strategy's dot reads as that dot's. */
  for (guint i = 0; i < n_dots; i++)
    {
      double px, py;

      sl_chart_frame_map (frame, x, dots[i], &px, &py);
      marks[i] = (cairo_rectangle_t) { px - r, py - r, 2 * r, 2 * r };
    }
  for (guint i = 0; i < n; i++)
    order[i] = i;
  /* Highest value first: it takes the place above its dot; a lower one
   * whose place above is taken goes under its own dot, and only when
   * that is taken too climbs above what is in its way. */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[order[j]] > values[order[j - 1]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(PangoLayout) layout = text_layout (frame, texts[order[k]], scale, FALSE, -1);
      const cairo_rectangle_t *in_way;
      double px, py, w, h;
      cairo_rectangle_t box;

      sl_chart_frame_map (frame, x, values[order[k]], &px, &py);
      text_size (layout, &w, &h);
      box = (cairo_rectangle_t) { px - w / 2, py - r - gap - h, w, h };
      if (label_obstacle (frame, &box, marks, n_dots) != NULL)
        {
          cairo_rectangle_t under = { px - w / 2, py + r + gap, w, h };

          if (under.y + h <= frame->box[3] && label_obstacle (frame, &under, marks, n_dots) == NULL)
            box = under;
          else
            for (guint tries = 0; tries < 64 && (in_way = label_obstacle (frame, &box, marks, n_dots)); tries++)
              box.y = in_way->y - gap - h;
        }
      show_text (frame, layout, box.x, box.y, sl_chart_fg_colour (frame->style), 1);
      g_array_append_val (frame->label_boxes, box);
    }
}

void
sl_chart_frame_text_right_of (SlChartFrame *frame,
                              double        x,
                              double        y,
                              const char   *text,
                              SlRgb         colour,
                              double        scale)
{
  g_autoptr(PangoLayout) layout = text_layout (frame, text, scale, FALSE, -1);
  double px, py, w, h;

  sl_chart_frame_map (frame, x, y, &px, &py);
  text_size (layout, &w, &h);
  show_text (frame, layout, px + 0.4 * frame->font, py - h / 2, colour, 1);
}

double
sl_chart_frame_text_width (SlChartFrame *frame,
                           const char   *text,
                           double        scale)
{
  g_autoptr(PangoLayout) layout = text_layout (frame, text, scale, FALSE, -1);
  double w, h;

  text_size (layout, &w, &h);
  return w;
}

void
sl_chart_frame_text_at (SlChartFrame *frame,
                        double        px,
                        double        py,
                        const char   *text,
                        SlRgb         colour,
                        double        scale)
{
  g_autoptr(PangoLayout) layout = text_layout (frame, text, scale, FALSE, -1);
  double w, h;

  text_size (layout, &w, &h);
  show_text (frame, layout, px, py - h / 2, colour, 1);
}

/* ---- title, legend, message ---- */

static void draw_legend_entry (SlChartFrame *frame, SlLegendEntry *entry, double x, double y);

static void
draw_legend_below (SlChartFrame *frame)
{
  guint n = frame->legend->len;
  g_autofree double *xs = g_new0 (double, MAX (n, 1));
  g_autofree double *ys = g_new0 (double, MAX (n, 1));
  double x0 = 0.9 * frame->font, y0 = frame->box[3] + 3.4 * frame->font;
  double width = flow_legend (frame, frame->legend_size[0], xs, ys);

  (void) width;
  for (guint i = 0; i < n; i++)
    draw_legend_entry (frame, g_ptr_array_index (frame->legend, i), x0 + xs[i], y0 + ys[i]);
}

static void
draw_legend (SlChartFrame *frame)
{
  cairo_t *cr = frame->cr;
  double inset = 0.7 * frame->font, pad = 0.6 * frame->font;
  double w = frame->legend_size[0], h = frame->legend_size[1];
  double x = frame->legend_place == SL_LEGEND_TOP_RIGHT ? frame->box[2] - inset - w : frame->box[0] + inset;
  double y = frame->box[1] + inset;
  SlRgb fg = sl_chart_fg_colour (frame->style);

  if (frame->legend->len == 0)
    return;
  if (frame->legend_place == SL_LEGEND_BELOW)
    {
      draw_legend_below (frame);
      return;
    }
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  set_source (cr, bg_colour (frame->style), 0.92);
  cairo_fill_preserve (cr);
  set_source (cr, fg, 0.3);
  cairo_set_line_width (cr, MAX (0.6, frame->font * 0.06));
  cairo_stroke (cr);

  y += pad;
  for (guint i = 0; i < frame->legend->len; i++)
    {
      SlLegendEntry *entry = g_ptr_array_index (frame->legend, i);
      double th;

      entry_width (frame, entry, &th);
      draw_legend_entry (frame, entry, x + pad, y);
      y += row_pitch (frame, th);
    }
  cairo_restore (cr);
}

/* One entry, its sample's left edge at x and its text's top at y. */
static void
draw_legend_entry (SlChartFrame  *frame,
                   SlLegendEntry *entry,
                   double         x,
                   double         y)
{
  cairo_t *cr = frame->cr;
  g_autoptr(PangoLayout) layout = text_layout (frame, entry->label, LEGEND_SCALE, FALSE, -1);
  double sx = x, sw = SAMPLE_WIDTH * frame->font, mid;
  SlRgb fg = sl_chart_fg_colour (frame->style);

  cairo_save (cr);
  /* The sample at the middle of the lower-case letters. */
  mid = y + pango_layout_get_baseline (layout) / (double) PANGO_SCALE - 0.3 * frame->font * LEGEND_SCALE;
  switch (entry->sample)
    {
    case SL_SAMPLE_LINE:
      cairo_move_to (cr, sx, mid);
      cairo_line_to (cr, sx + sw, mid);
      if (entry->n_colours > 0)
        stroke_colours (frame, entry->colours, entry->n_colours, line_width (frame),
                        sw / entry->n_colours);
      break;
    case SL_SAMPLE_BOX:
      cairo_rectangle (cr, sx + sw * 0.2, mid - 0.45 * frame->font, sw * 0.6, 0.9 * frame->font);
      set_source (cr, entry->colours[0], 1);
      cairo_fill (cr);
      break;
    case SL_SAMPLE_DOTS:
    case SL_SAMPLE_RINGS:
      for (guint c = 0; c < entry->n_colours; c++)
        marker_at (frame, sx + sw * (c + 0.5) / MAX (entry->n_colours, 1), mid,
                   MIN (0.38 * frame->font, sw / MAX (entry->n_colours, 1) / 2.2),
                   &entry->colours[c], 1, entry->sample == SL_SAMPLE_RINGS);
      break;
    default:
      break;
    }
  show_text (frame, layout, sx + sw + 0.7 * frame->font, y, fg, 1);
  cairo_restore (cr);
}

void
sl_chart_frame_finish (SlChartFrame *frame)
{
  double pad = 0.9 * frame->font, w, h, y = pad;
  SlRgb fg = sl_chart_fg_colour (frame->style);

  if (frame->cr == NULL)
    return;
  draw_legend (frame);
  if (frame->title != NULL)
    {
      g_autoptr(PangoLayout) title = text_layout (frame, frame->title, TITLE_SCALE, TRUE, frame->width - 2 * pad);

      text_size (title, &w, &h);
      show_text (frame, title, pad, y, fg, 1);
      y += h + 0.25 * frame->font;
    }
  if (frame->subtitle != NULL)
    {
      g_autoptr(PangoLayout) sub = text_layout (frame, frame->subtitle, SUBTITLE_SCALE, FALSE, frame->width - 2 * pad);

      show_text (frame, sub, pad, y, fg, 0.75);
    }
  if (frame->message != NULL)
    {
      g_autoptr(PangoLayout) message = text_layout (frame, frame->message, 0.9, FALSE, frame->width - 2 * pad);

      text_size (message, &w, &h);
      show_text (frame, message, pad, frame->height - pad - h, fg, 0.8);
    }
}

/* ---- captions ---- */

const char *
sl_chart_metric_caption (SlMetric metric)
{
  switch (metric)
    {
    case SL_METRIC_TRACED: return "traced by tracemalloc";
    case SL_METRIC_GETSIZEOF: return "getsizeof, Example 17.1's method";
    case SL_METRIC_PYMALLOC: return "pymalloc blocks";
    case SL_METRIC_RESIDENT: return "resident: blocks, pools and arenas";
    default: return "?";
    }
}

/* "CPython 3.12", "CPython 3.8, 3.9 and 3.10" (n_versions set). */
char *
sl_chart_versions_caption (SlChart *self,
                           guint   *n_versions)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *text = g_string_new ("CPython ");

  for (guint i = 0; self->lines && i < self->lines->len; i++)
    {
      SlModelLine *line = g_ptr_array_index (self->lines, i);

      if (!g_ptr_array_find_with_equal_func (seen, line->python, g_str_equal, NULL))
        g_ptr_array_add (seen, line->python);
    }
  if (seen->len > 3)
    g_string_printf (text, "%u CPython versions, %s to %s", seen->len, (char *) g_ptr_array_index (seen, 0),
                     (char *) g_ptr_array_index (seen, seen->len - 1));
  else
    for (guint i = 0; i < seen->len; i++)
      g_string_append_printf (text, "%s%s", i == 0 ? "" : i + 1 == seen->len ? " and " : ", ",
                              (char *) g_ptr_array_index (seen, i));
  if (n_versions)
    *n_versions = seen->len;
  return g_string_free (text, FALSE);
}

/* "As declared = __dict__ only" */
char *
sl_chart_join_strategies (const SlStrategy *strategies,
                          guint             n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i ? " = " : "", sl_strategy_get_label (strategies[i]));
  return g_string_free (text, FALSE);
}

gboolean
sl_chart_line_skipped (const SlModelLine *line)
{
  return line == NULL || line->refusal != NULL || line->unavailable != NULL;
}

double
sl_chart_choose_unit (double       max_bytes,
                      const char **name)
{
  static const struct { double unit; const char *name; } units[] = {
    { 1024.0 * 1024 * 1024 * 1024, "TiB" }, { 1024.0 * 1024 * 1024, "GiB" },
    { 1024.0 * 1024, "MiB" }, { 1024.0, "KiB" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (max_bytes >= units[i].unit)
      {
        *name = units[i].name;
        return units[i].unit;
      }
  *name = "bytes";
  return 1;
}
