#pragma once

#include "sl-interpreter.h"

G_BEGIN_DECLS

/* `path -I -S -c <probe source>`: how every probe run starts. */
char **sl_interpreter_build_argv (const char *path);

/* Spawns a probe run in a process group of its own, so that
 * sl_interpreter_kill_group() also ends what a wrapper script started. */
GSubprocess *sl_interpreter_spawn      (const char * const *argv,
                                        GSubprocessFlags    flags,
                                        GError            **error);
void         sl_interpreter_kill_group (GSubprocess        *process);

G_END_DECLS
