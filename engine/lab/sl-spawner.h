/* sl-spawner.h: starting a probe run's process off the caller's thread
 * (see sl-spawner.c). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* sl_interpreter_spawn(), on the spawner thread; the callback runs in the
 * caller's thread-default main context. */
void         sl_spawner_spawn_async  (const char * const  *argv,
                                      GSubprocessFlags     flags,
                                      int                  niceness,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GSubprocess *sl_spawner_spawn_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
