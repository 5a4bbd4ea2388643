#pragma once

#include <gtk/gtk.h>

#include "sl-layout.h"

G_BEGIN_DECLS

#define SL_TYPE_BYTE_MAP (sl_byte_map_get_type ())
G_DECLARE_FINAL_TYPE (SlByteMap, sl_byte_map, SL, BYTE_MAP, GtkDrawingArea)

/* One instance, byte by byte: a cell per field of the object (GC head and
 * pre-header before the object start), and the separate dict, keys and
 * values blocks beside it, with arrows from the pointers that reach them.
 * Every number is the engine's. */
GtkWidget *sl_byte_map_new        (void);
void       sl_byte_map_set_layout (SlByteMap *self,
                                   SlLayout  *layout);
SlLayout  *sl_byte_map_get_layout (SlByteMap *self);
/* The tooltip text at a point of the map, or NULL (for tests). */
char      *sl_byte_map_dup_tooltip_at (SlByteMap *self,
                                       double     x,
                                       double     y);

G_END_DECLS
