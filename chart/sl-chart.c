/* sl-chart.c: an experiment's chart — its state, which chart to draw,
 * what it will say, and its export.  One file per chart draws it
 * (sl-chart-memory.c, -per-instance.c, -parts.c, -versions.c) with what
 * sl-chart-frame.c shares.
 *
 * Every draw makes a fresh PLplot stream for the axes (plmkstrm), points
 * it at the caller's cairo context with the extcairo device, and ends it
 * (plend1): no PLplot state survives between draws, so the screen, an
 * export and a clipboard copy never see each other's settings.  PLplot
 * keeps global state: main thread only.
 *
 * The numbers come from the engine (model lines: fixed + N × per-instance,
 * traced bytes by part, every profile); the chart only places them.
 */

#include <math.h>
#include <string.h>

#include "sl-chart-private.h"
#include "sl-drawing-export.h"

G_DEFINE_FINAL_TYPE (SlChart, sl_chart, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-chart-error-quark, sl_chart_error)

static const char * const kind_names[] = { "memory", "parts", "versions", "per-instance" };

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
  /* Linear axes by default: they show 88 against 56 bytes as it is. */
  self->linear = TRUE;
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
SlExperiment *sl_chart_get_experiment (SlChart *self) { return self->experiment; }
SlChain *sl_chart_get_chain (SlChart *self) { return self->chain; }
const char *sl_chart_get_fallback_python (SlChart *self) { return self->fallback_python; }
GPtrArray *sl_chart_get_extra_points (SlChart *self) { return self->extra; }


gboolean
sl_chart_view_from_string (const char  *text,
                           SlChartKind *kind,
                           gboolean    *linear)
{
  if (g_strcmp0 (text, "memory-linear") == 0 || g_strcmp0 (text, "memory-log") == 0)
    {
      *kind = SL_CHART_MEMORY;
      *linear = strcmp (text, "memory-linear") == 0;
      return TRUE;
    }
  if (!sl_chart_kind_from_string (text, kind))
    return FALSE;
  *linear = TRUE;
  return TRUE;
}

const char *
sl_chart_get_view_name (SlChart *self)
{
  if (self->kind == SL_CHART_MEMORY && !self->linear)
    return "memory-log";
  return sl_chart_kind_to_string (self->kind);
}

/* ---- drawing ---- */

static void
draw_kind (SlChart      *self,
           SlChartFrame *frame)
{
  switch (self->kind)
    {
    case SL_CHART_MEMORY:
      sl_chart_draw_memory (self, frame);
      break;
    case SL_CHART_PARTS:
      sl_chart_draw_parts (self, frame);
      break;
    case SL_CHART_PER_INSTANCE:
      sl_chart_draw_per_instance (self, frame);
      break;
    case SL_CHART_VERSIONS:
    default:
      sl_chart_draw_versions (self, frame);
      break;
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

void
sl_chart_draw (SlChart      *self,
               cairo_t      *cr,
               double        width,
               double        height,
               SlChartStyle  style)
{
  SlChartFrame frame;

  g_return_if_fail (SL_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width < 16 || height < 16)
    return;
  paint_background (cr, width, height, style);
  sl_chart_frame_init (&frame, cr, width, height, style);
  if (self->experiment == NULL || self->lines == NULL)
    {
      frame.title = g_strdup (self->message ? self->message : "No experiment");
      sl_chart_frame_finish (&frame);
    }
  else
    {
      draw_kind (self, &frame);
      sl_chart_frame_finish (&frame);
    }
  sl_chart_frame_clear (&frame);
}

GArray *
sl_chart_dup_label_boxes (SlChart *self,
                          double   width,
                          double   height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  SlChartFrame frame;
  GArray *boxes;

  g_return_val_if_fail (SL_IS_CHART (self), NULL);
  sl_chart_frame_init (&frame, cr, width, height, SL_CHART_STYLE_PRINT);
  if (self->experiment != NULL && self->lines != NULL)
    draw_kind (self, &frame);
  boxes = g_array_ref (frame.label_boxes);
  sl_chart_frame_clear (&frame);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return boxes;
}

/* The frame's texts, filled without drawing. */
static void
describe (SlChart      *self,
          SlChartFrame *frame)
{
  sl_chart_frame_init (frame, NULL, 640, 400, SL_CHART_STYLE_PRINT);
  if (self->experiment == NULL || self->lines == NULL)
    frame->title = g_strdup (self->message ? self->message : "No experiment");
  else
    draw_kind (self, frame);
}

char *
sl_chart_dup_title (SlChart *self)
{
  SlChartFrame frame;
  char *title;

  g_return_val_if_fail (SL_IS_CHART (self), NULL);
  describe (self, &frame);
  title = g_steal_pointer (&frame.title);
  sl_chart_frame_clear (&frame);
  return title;
}

char *
sl_chart_dup_subtitle (SlChart *self)
{
  SlChartFrame frame;
  char *subtitle;

  g_return_val_if_fail (SL_IS_CHART (self), NULL);
  describe (self, &frame);
  subtitle = g_steal_pointer (&frame.subtitle);
  sl_chart_frame_clear (&frame);
  return subtitle;
}

GStrv
sl_chart_dup_legend (SlChart *self)
{
  SlChartFrame frame;
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv legend;

  g_return_val_if_fail (SL_IS_CHART (self), NULL);
  describe (self, &frame);
  for (guint i = 0; i < frame.legend->len; i++)
    g_strv_builder_add (builder, ((SlLegendEntry *) g_ptr_array_index (frame.legend, i))->label);
  legend = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  sl_chart_frame_clear (&frame);
  return legend;
}

char *
sl_chart_dup_message (SlChart *self)
{
  SlChartFrame frame;
  char *message;

  g_return_val_if_fail (SL_IS_CHART (self), NULL);
  describe (self, &frame);
  message = g_strdup (frame.message);
  sl_chart_frame_clear (&frame);
  return message;
}

/* "Example 17.3: bulk allocation" → "example-17.3-bulk-allocation": lower
 * case, a dash for every run of other characters, dots kept between
 * digits. */
static void
append_slug (GString    *out,
             const char *text)
{
  gboolean dash = FALSE;

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) ||
          (c == '.' && p > text && g_ascii_isdigit (p[-1]) && g_ascii_isdigit (p[1])))
        {
          if (dash && out->len > 0 && out->str[out->len - 1] != '-')
            g_string_append_c (out, '-');
          dash = FALSE;
          g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else
        dash = TRUE;
    }
}

char *
sl_chart_dup_export_name (SlChart    *self,
                          const char *extension)
{
  GString *name = g_string_new (NULL);

  g_return_val_if_fail (SL_IS_CHART (self), NULL);
  if (self->experiment != NULL)
    append_slug (name, sl_experiment_get_name (self->experiment));
  if (name->len == 0)
    g_string_append (name, "chart");
  /* Results are the same whichever chart shows them. */
  if (g_ascii_strcasecmp (extension, "csv") == 0)
    g_string_append_printf (name, ".%s", extension);
  else
    g_string_append_printf (name, "-%s.%s", sl_chart_get_view_name (self), extension);
  return g_string_free (name, FALSE);
}

/* ---- export ---- */

gboolean
sl_chart_format_from_path (const char    *path,
                           SlChartFormat *format)
{
  SlDrawingFormat drawing;

  if (!sl_drawing_format_from_path (path, &drawing))
    return FALSE;
  *format = drawing == SL_DRAWING_SVG ? SL_CHART_FORMAT_SVG
          : drawing == SL_DRAWING_PDF ? SL_CHART_FORMAT_PDF : SL_CHART_FORMAT_PNG;
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

typedef struct {
  SlChart      *chart;
  SlChartStyle  style;
} DrawData;

static void
draw_func (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  DrawData *data = user_data;

  sl_chart_draw (data->chart, cr, width, height, data->style);
}

GBytes *
sl_chart_render_png (SlChart       *self,
                     int            width,
                     int            height,
                     double         dpi,
                     SlChartStyle   style,
                     GError       **error)
{
  DrawData data = { self, style };
  g_autoptr(GError) local = NULL;
  GBytes *bytes;

  if (!check_size (width, height, dpi, error))
    return NULL;
  if (!(bytes = sl_drawing_render_png (width, height, dpi, draw_func, &data, &local)))
    g_set_error_literal (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE, local->message);
  return bytes;
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
  DrawData data = { self, SL_CHART_STYLE_PRINT };
  g_autoptr(GError) local = NULL;
  SlDrawingFormat drawing = format == SL_CHART_FORMAT_SVG ? SL_DRAWING_SVG
                          : format == SL_CHART_FORMAT_PDF ? SL_DRAWING_PDF : SL_DRAWING_PNG;

  g_return_val_if_fail (SL_IS_CHART (self), FALSE);

  if (!check_size (width, height, format == SL_CHART_FORMAT_PNG ? dpi : 96, error))
    return FALSE;
  if (!sl_drawing_export (path, drawing, width, height, dpi, draw_func, &data, &local))
    {
      g_set_error_literal (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE, local->message);
      return FALSE;
    }
  return TRUE;
}
