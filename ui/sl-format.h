#pragma once

#include <glib.h>

#include "sl-class.h"
#include "sl-layout.h"

G_BEGIN_DECLS

/* How the window writes a figure the engine computed: "104 B", "105.3 B".
 * Tests format the engine's numbers with the same function. */
char       *sl_format_bytes          (double     bytes);
/* "dict", "slots", "slots + __dict__" */
const char *sl_format_storage_badge  (SlStorage  storage);
/* Registers the window's GResource once; every widget calls it. */
void        sl_ui_ensure_resources   (void);

G_END_DECLS

G_BEGIN_DECLS

/* The chain as far as a class (that class and every class before it): what
 * exists when that class's instances are made.  A class defined later that
 * CPython refuses does not refuse this one in the window.  (transfer full) */
SlChain    *sl_ui_chain_up_to        (SlChain     *chain,
                                      const char  *class_name);
/* sl_layout_compute() on sl_ui_chain_up_to(). */
SlLayout   *sl_ui_layout_compute     (SlChain     *chain,
                                      const char  *class_name,
                                      SlProfile   *profile,
                                      GError     **error);

G_END_DECLS
