#pragma once

#include <gtk/gtk.h>

#include "sl-class.h"
#include "sl-layout.h"

G_BEGIN_DECLS

#define SL_TYPE_CLASS_ROW (sl_class_row_get_type ())
G_DECLARE_FINAL_TYPE (SlClassRow, sl_class_row, SL, CLASS_ROW, GtkListBoxRow)

/* One class of the sidebar: its name, a storage badge, and what one
 * instance costs (traced) for the chosen Python version. */
GtkWidget *sl_class_row_new        (SlClass   *klass);
SlClass   *sl_class_row_get_class  (SlClassRow *self);
/* layout may be NULL (no profile yet); a refused class shows "refused". */
void       sl_class_row_set_layout (SlClassRow *self,
                                    SlLayout   *layout);
const char *sl_class_row_get_bytes_text (SlClassRow *self);

G_END_DECLS
