/* sl-export-file.c: chart exports that are whole or not there (see
 * sl-export-file.h).
 *
 * cairo's own file surfaces write as they go (fopen() and fwrite() into the
 * file named), so a full disk left a truncated or empty file in place of
 * the old one, and a PDF surface that failed to write could still report
 * success before it was finished.  Here every surface writes into memory
 * through a stream, its status is read after cairo_surface_finish(), and
 * the bytes go to the disk in one step at the end.
 */

#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "sl-chart.h"
#include "sl-export-file.h"
#include "sl-file.h"

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_bytes (const char  *path,
             const void  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (sl_file_replace_contents (path, data, length, &local_error))
    return TRUE;
  g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE, "%s", local_error->message);
  return FALSE;
}

gboolean
sl_export_file_write_picture (const char        *path,
                              SlChartFormat      format,
                              double             width,
                              double             height,
                              double             dpi,
                              SlExportDrawFunc   draw,
                              gpointer           user_data,
                              GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);

  if (format == SL_CHART_FORMAT_PNG)
    {
      double scale = dpi / 96.0;

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      draw (cr, width / scale, height / scale, user_data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  else
    {
      if (format == SL_CHART_FORMAT_SVG)
        surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      else
        surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      cr = cairo_create (surface);
      draw (cr, width, height, user_data);
      cairo_show_page (cr);
      status = cairo_status (cr);
      cairo_destroy (cr);
      /* A PDF or SVG surface writes most of its file here: its status
       * counts only after this. */
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE,
                   "cannot draw %s: %s; nothing was written", display, cairo_status_to_string (status));
      return FALSE;
    }
  if (bytes->len == 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SL_CHART_ERROR, SL_CHART_ERROR_WRITE,
                   "cannot draw %s: the picture came out empty; nothing was written", display);
      return FALSE;
    }
  return write_bytes (path, bytes->data, bytes->len, error);
}

gboolean
sl_export_file_write_text (const char  *path,
                           const char  *text,
                           gssize       length,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return write_bytes (path, text, length < 0 ? strlen (text) : (gsize) length, error);
}
