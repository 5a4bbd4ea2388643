#pragma once

#include <cairo.h>
#include <glib.h>

#include "sl-chart.h"
#include "sl-drawing-export.h"
#include "sl-layout.h"

G_BEGIN_DECLS

/* One instance, byte by byte, as a picture: a cell per field of the object
 * (GC head and pre-header above the object start), the separate dict,
 * keys and values blocks beside it with arrows from what points at them,
 * a legend of the colours, and the why under it.  Cairo and Pango only:
 * the window's SlByteMap shows it, `slotlab-cli map` exports it. */

typedef struct {
  double  x, y, width, height;
  char   *tooltip;               /* Pango markup */
} SlByteMapArea;

typedef struct _SlByteMapDrawing SlByteMapDrawing;

SlByteMapDrawing    *sl_byte_map_drawing_new        (SlLayout            *layout);
void                 sl_byte_map_drawing_free       (SlByteMapDrawing    *self);
SlLayout            *sl_byte_map_drawing_get_layout (SlByteMapDrawing    *self);
/* Short paragraphs drawn under the map (the mechanisms at work); NULL
 * for none.  Copied. */
void                 sl_byte_map_drawing_set_notes  (SlByteMapDrawing    *self,
                                                     const char * const  *notes);
void                 sl_byte_map_drawing_set_style  (SlByteMapDrawing    *self,
                                                     SlChartStyle         style);
/* The area drawn highlighted, or -1. */
void                 sl_byte_map_drawing_set_hover  (SlByteMapDrawing    *self,
                                                     int                  area);
/* The size the picture takes, in user units (pixels on the screen). */
void                 sl_byte_map_drawing_get_size   (SlByteMapDrawing    *self,
                                                     double              *width,
                                                     double              *height);
void                 sl_byte_map_drawing_draw       (SlByteMapDrawing    *self,
                                                     cairo_t             *cr);
/* The cells and blocks with their tooltips, as last laid out. */
const SlByteMapArea *sl_byte_map_drawing_get_areas  (SlByteMapDrawing    *self,
                                                     guint               *n_areas);
int                  sl_byte_map_drawing_area_at    (SlByteMapDrawing    *self,
                                                     double               x,
                                                     double               y);
/* SVG, PDF (its own size in points) or PNG (dpi / 96 times its size in
 * pixels), in print style, written atomically. */
gboolean             sl_byte_map_drawing_export     (SlByteMapDrawing    *self,
                                                     const char          *path,
                                                     SlDrawingFormat      format,
                                                     double               dpi,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlByteMapDrawing, sl_byte_map_drawing_free)

G_END_DECLS
