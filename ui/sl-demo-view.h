#pragma once

#include <gtk/gtk.h>

#include "sl-chain.h"
#include "sl-profile.h"

G_BEGIN_DECLS

#define SL_TYPE_DEMO_VIEW (sl_demo_view_get_type ())
G_DECLARE_FINAL_TYPE (SlDemoView, sl_demo_view, SL, DEMO_VIEW, GtkWidget)

/* Slide 5's demonstrations for one class on every version: what
 * `hasattr(obj, '__dict__')` answers and what `obj.undeclared = 1` does
 * (stored, or CPython's exception text), versions with the same answers
 * on one row, the header's version in bold.  The answers are the
 * engine's (sl_explain_demonstrate()). */
GtkWidget  *sl_demo_view_new     (void);
void        sl_demo_view_update  (SlDemoView *self,
                                  SlChain    *chain,
                                  const char *class_name,
                                  SlProfile  *current);
/* The rows as text, one per line: "3.8–3.12\tFalse\tAttributeError: …". */
char       *sl_demo_view_dup_text (SlDemoView *self);

G_END_DECLS
