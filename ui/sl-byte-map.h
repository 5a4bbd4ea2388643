#pragma once

#include <gtk/gtk.h>

#include "sl-layout.h"

G_BEGIN_DECLS

#define SL_TYPE_BYTE_MAP (sl_byte_map_get_type ())
G_DECLARE_FINAL_TYPE (SlByteMap, sl_byte_map, SL, BYTE_MAP, GtkWidget)

/* One instance, byte by byte (chart/sl-byte-map-drawing.c draws it; this
 * widget measures it, snapshots it, and shows the tooltip of the cell or
 * block under the pointer).  Every number is the engine's. */
GtkWidget *sl_byte_map_new        (void);
void       sl_byte_map_set_layout (SlByteMap          *self,
                                   SlLayout           *layout);
SlLayout  *sl_byte_map_get_layout (SlByteMap          *self);
/* Short explanations drawn under the map (sl_explain_layout()). */
void       sl_byte_map_set_notes  (SlByteMap          *self,
                                   const char * const *notes);
/* The tooltip text at a point of the map, or NULL (for tests). */
char      *sl_byte_map_dup_tooltip_at (SlByteMap  *self,
                                       double      x,
                                       double      y);
/* Where the i-th cell or block is drawn (for tests). */
gboolean   sl_byte_map_get_area   (SlByteMap          *self,
                                   guint               i,
                                   graphene_rect_t    *rect);
/* Asks where, then writes the picture (the format from the name); says
 * what went wrong in a dialog.  The suggested name is
 * "SensorRecord-3.13-byte-map.svg". */
void       sl_byte_map_export_with_dialog (SlByteMap   *self,
                                           GtkWindow   *parent);
char      *sl_byte_map_dup_export_name    (SlByteMap   *self);
/* The picture as a file: .svg, .pdf or .png, in print style. */
gboolean   sl_byte_map_export     (SlByteMap          *self,
                                   const char         *path,
                                   GError            **error);

G_END_DECLS
