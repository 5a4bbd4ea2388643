/* sl-warden.h: the warden of one live-run process (see sl-warden.c). */
#pragma once

#include <sys/types.h>

/* Makes the calling process the warden of a program still to be exec'd.
 * Returns in the program's own process, which the caller then execs;
 * in the warden it never returns (it exits as the program did).  libc
 * and async-signal-safe calls only: it runs between fork and exec. */
void sl_warden_become (pid_t app,
                       int   niceness);
