#pragma once

#include <gtk/gtk.h>

#include "sl-chain.h"

G_BEGIN_DECLS

#define SL_TYPE_PYTHON_VIEW (sl_python_view_get_type ())
G_DECLARE_FINAL_TYPE (SlPythonView, sl_python_view, SL, PYTHON_VIEW, GtkWidget)

/* The chain as Python source (sl_chain_to_python), read-only, with a copy
 * button that activates win.copy-python. */
GtkWidget  *sl_python_view_new      (void);
void        sl_python_view_set_chain (SlPythonView *self,
                                      SlChain      *chain);
/* (transfer full) the source shown */
char       *sl_python_view_dup_text (SlPythonView *self);

G_END_DECLS
