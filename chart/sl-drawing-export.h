#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Any picture drawn with cairo, written as SVG, PDF or PNG the safe way
 * (sl_export_file_write_picture(): whole or not there), or rendered as
 * PNG bytes for the clipboard. */

typedef void (*SlDrawingFunc) (cairo_t  *cr,
                               double    width,
                               double    height,
                               gpointer  user_data);

typedef enum {
  SL_DRAWING_SVG,
  SL_DRAWING_PDF,
  SL_DRAWING_PNG,
} SlDrawingFormat;

gboolean  sl_drawing_format_from_path (const char      *path,
                                       SlDrawingFormat *format);
/* SVG and PDF: width and height in points.  PNG: in pixels, the drawing
 * laid out at width × 96 / dpi units. */
gboolean  sl_drawing_export           (const char      *path,
                                       SlDrawingFormat  format,
                                       double           width,
                                       double           height,
                                       double           dpi,
                                       SlDrawingFunc    draw,
                                       gpointer         user_data,
                                       GError         **error);
GBytes   *sl_drawing_render_png       (int              width,
                                       int              height,
                                       double           dpi,
                                       SlDrawingFunc    draw,
                                       gpointer         user_data,
                                       GError         **error);

G_END_DECLS
