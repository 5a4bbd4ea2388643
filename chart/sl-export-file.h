#pragma once

#include <cairo.h>
#include <glib.h>

#include "sl-chart.h"

G_BEGIN_DECLS

/* Exports as files that are whole or not there: a picture is drawn into
 * memory, cairo's status is checked after cairo_surface_finish() (where a
 * PDF or SVG surface reports what went wrong), and only then is the file
 * written, through a temporary file in the same folder renamed over it
 * (sl_file_replace_contents(): mode, owner and links kept, a read-only
 * file refused).  A full disk fails with a message; the old file stays
 * whole, and no temporary or empty file is left behind. */

/* Draws a picture of width × height (in points: 1/96 inch on screen). */
typedef void (*SlExportDrawFunc) (cairo_t  *cr,
                                  double    width,
                                  double    height,
                                  gpointer  user_data);

/* The picture as a file of `format`: SVG and PDF at width × height points,
 * PNG at width × height pixels with `dpi` (96 = one pixel a point). */
gboolean sl_export_file_write_picture (const char        *path,
                                       SlChartFormat      format,
                                       double             width,
                                       double             height,
                                       double             dpi,
                                       SlExportDrawFunc   draw,
                                       gpointer           user_data,
                                       GError           **error);

/* Text (CSV) the same way. */
gboolean sl_export_file_write_text    (const char        *path,
                                       const char        *text,
                                       gssize             length,
                                       GError           **error);

G_END_DECLS
