#pragma once

#include "sl-interpreter.h"
#include "sl-warden.h"

G_BEGIN_DECLS

/* `path -I -S -c <probe source>`: how every probe run starts. */
char **sl_interpreter_build_argv (const char *path);

/* Spawns a probe run under a warden (see sl-interpreter.c): the process
 * returned exits as the interpreter did, once every process the
 * interpreter started has ended too — also when this program is killed.
 * The interpreter runs at `niceness`, or SL_WARDEN_IDLE. */
GSubprocess *sl_interpreter_spawn      (const char * const *argv,
                                        GSubprocessFlags    flags,
                                        int                 niceness,
                                        GError            **error);
/* Asks the warden to end the interpreter and everything under it; wait
 * for the process afterwards. */
void         sl_interpreter_kill_group (GSubprocess        *process);

/* The "hello" deadline in milliseconds (0: the default, 20 s); for tests
 * that need a short one.  Discovery asks a hello that missed it once more,
 * with three times as long. */
void         sl_interpreter_set_hello_timeout_ms (guint ms);

G_END_DECLS
