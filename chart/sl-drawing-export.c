/* sl-drawing-export.c: a cairo drawing to a file, atomically. */

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sl-drawing-export.h"

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

typedef struct {
  int  fd;
  int  saved_errno;
} Sink;

static cairo_status_t
write_fd (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          sink->saved_errno = n < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
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
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  Sink sink = { -1, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  mode_t mask;

  sink.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (sink.fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot write %s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  /* mkstemp makes 0600; a new picture gets the usual 0666 less umask. */
  mask = umask (0);
  umask (mask);
  fchmod (sink.fd, 0666 & ~mask);

  if (format == SL_DRAWING_PNG)
    {
      surface = render_image ((int) width, (int) height, dpi, draw, user_data);
      status = cairo_surface_write_to_png_stream (surface, write_fd, &sink);
      cairo_surface_destroy (surface);
    }
  else
    {
      cairo_t *cr;

      surface = format == SL_DRAWING_SVG
                ? cairo_svg_surface_create_for_stream (write_fd, &sink, width, height)
                : cairo_pdf_surface_create_for_stream (write_fd, &sink, width, height);
      cr = cairo_create (surface);
      draw (cr, width, height, user_data);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }
  if (status == CAIRO_STATUS_SUCCESS && fsync (sink.fd) != 0 && errno != EINVAL)
    sink.saved_errno = errno, status = CAIRO_STATUS_WRITE_ERROR;
  if (close (sink.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    sink.saved_errno = errno, status = CAIRO_STATUS_WRITE_ERROR;
  if (status == CAIRO_STATUS_SUCCESS && g_rename (tmp, path) != 0)
    sink.saved_errno = errno, status = CAIRO_STATUS_WRITE_ERROR;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR,
                   sink.saved_errno ? g_io_error_from_errno (sink.saved_errno) : G_IO_ERROR_FAILED,
                   "Cannot write %s: %s", path,
                   sink.saved_errno ? g_strerror (sink.saved_errno) : cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
