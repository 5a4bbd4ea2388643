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
