#pragma once

#include "sl-interpreter.h"

G_BEGIN_DECLS

/* `path -I -S -c <probe source>`: how every probe run starts. */
char **sl_interpreter_build_argv (const char *path);

G_END_DECLS
