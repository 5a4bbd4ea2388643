/* slotlab-warden: the warden of one live-run process, as a program of its
 * own (what it does: engine/lab/sl-warden.c).
 *
 *   slotlab-warden APP-PID NICENESS PROGRAM [ARG...]
 *
 * (NICENESS 20: SCHED_IDLE, see sl-warden.h.)
 *
 * Started with posix_spawn() by the application, it becomes the warden
 * and execs PROGRAM (found on PATH) in the process it forks.  A program of
 * its own because a fork of the window's large process that stays alive
 * for the whole run makes every page the window then writes a
 * copy-on-write fault: a 100 ms frame at the start of every run.
 *
 * libc only, no GLib: it starts in a millisecond. */

#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>

#include "sl-warden.h"

int
main (int   argc,
      char *argv[])
{
  if (argc < 4)
    return 127;

  /* Started with the application's descriptors left open (so that GLib
   * can use posix_spawn: no copy of the application's page tables), it
   * keeps stdin, stdout and stderr only, before the program inherits
   * anything. */
  if (close_range (3, ~0U, 0) != 0)
    for (int fd = 3; fd < 1024; fd++)
      close (fd);

  sl_warden_become ((pid_t) atol (argv[1]), atoi (argv[2]));
  execvp (argv[3], argv + 3);
  _exit (127);                            /* as GLib's spawn reports a program it cannot run */
}
