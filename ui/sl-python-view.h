#pragma once

#include <gtk/gtk.h>

#include "sl-document.h"

G_BEGIN_DECLS

#define SL_TYPE_PYTHON_VIEW (sl_python_view_get_type ())
G_DECLARE_FINAL_TYPE (SlPythonView, sl_python_view, SL, PYTHON_VIEW, GtkWidget)

/* The document's chain as Python source (sl_chain_to_python), in an
 * editor: what the user types becomes the chain a moment later, through
 * the document (one step of its history), or shows the reader's error at
 * its line and column; a change of the chain made elsewhere rewrites the
 * source.  A copy button activates win.copy-python. */
GtkWidget  *sl_python_view_new          (void);
void        sl_python_view_set_document (SlPythonView *self,
                                         SlDocument   *document);
/* (transfer full) the source shown */
char       *sl_python_view_dup_text     (SlPythonView *self);

G_END_DECLS
