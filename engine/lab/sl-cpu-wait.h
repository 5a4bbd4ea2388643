/* sl-cpu-wait.h: how long a warded program has waited for a CPU (see
 * sl-cpu-wait.c). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gint64 sl_cpu_wait_of_warded (GSubprocess *warden);

G_END_DECLS
