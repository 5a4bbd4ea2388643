/* sl-drawing-export.c: any cairo drawing as a file or PNG bytes; the
 * writing itself is sl-export-file.c's (whole or not there). */

#include <gio/gio.h>

#include "sl-chart.h"
#include "sl-drawing-export.h"
#include "sl-export-file.h"

gboolean
sl_drawing_format_from_path (const char      *path,
                             SlDrawingFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".svg"))
    *format = SL_DRAWING_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = SL_DRAWING_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *format = SL_DRAWING_PNG;
  else
    return FALSE;
  return TRUE;
}

static cairo_surface_t *
render_image (int           width,
              int           height,
              double        dpi,
              SlDrawingFunc draw,
              gpointer      user_data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  double scale = dpi / 96.0;

  cairo_scale (cr, scale, scale);
  draw (cr, width / scale, height / scale, user_data);
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
sl_drawing_render_png (int            width,
                       int            height,
                       double         dpi,
                       SlDrawingFunc  draw,
                       gpointer       user_data,
                       GError       **error)
{
  cairo_surface_t *surface = render_image (width, height, dpi, draw, user_data);
  GByteArray *bytes = g_byte_array_new ();
  cairo_status_t status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);

  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (bytes);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot make a PNG: %s",
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
sl_drawing_export (const char      *path,
                   SlDrawingFormat  format,
                   double           width,
                   double           height,
                   double           dpi,
                   SlDrawingFunc    draw,
                   gpointer         user_data,
                   GError         **error)
{
  SlChartFormat chart_format = format == SL_DRAWING_SVG ? SL_CHART_FORMAT_SVG
                             : format == SL_DRAWING_PDF ? SL_CHART_FORMAT_PDF : SL_CHART_FORMAT_PNG;

  /* Whole or not there: sl-export-file.c does the writing. */
  return sl_export_file_write_picture (path, chart_format, width, height, dpi, draw, user_data, error);
}
