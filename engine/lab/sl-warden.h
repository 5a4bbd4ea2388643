/* sl-warden.h: the warden of one live-run process (see sl-warden.c). */
#pragma once

#include <sys/types.h>

/* As a niceness: the program gets only CPU time nothing else wants
 * (SCHED_IDLE, at niceness 19).  A normal thread that wakes takes the CPU
 * from it at once, where a niceness of 10 may still hold a core for a
 * whole tick (4 ms at HZ=250) against a window's frame. */
#define SL_WARDEN_IDLE 20

/* Makes the calling process the warden of a program still to be exec'd.
 * Returns in the program's own process, which the caller then execs;
 * in the warden it never returns (it exits as the program did).  libc
 * and async-signal-safe calls only: it runs between fork and exec. */
void sl_warden_become (pid_t app,
                       int   niceness);
