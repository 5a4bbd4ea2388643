/* slotlab-warden: the warden of one live-run process, as a program of its
 * own (see "every descendant ends with its run" in sl-interpreter.c).
 *
 *   slotlab-warden APP-PID NICENESS PROGRAM [ARG...]
 *
 * Started with posix_spawn() by the application, it does what the
 * in-process warden did between fork and exec: its own process group,
 * the niceness, a child subreaper that ends with its parent (SIGHUP on the
 * parent's death), then forks PROGRAM (found on PATH) into a group of its
 * own, waits, ends whatever is left under it, and exits as PROGRAM did.
 * A program of its own because a fork of the window's large process that
 * stays alive for the whole run makes every page the window then writes a
 * copy-on-write fault: a 100 ms frame at the start of every run.
 *
 * libc only, no GLib: it starts in a millisecond. */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t told;

static void
on_signal (int sig)
{
  told = sig;
}

/* The warden's children from /proc; -1 when the file cannot be read. */
static int
read_children (pid_t *pids,
               int    max)
{
  char path[64], buf[4096];
  int n = 0, fd;
  ssize_t got;
  pid_t value = 0;
  int in_number = 0;

  snprintf (path, sizeof path, "/proc/self/task/%d/children", (int) getpid ());
  if ((fd = open (path, O_RDONLY | O_CLOEXEC)) < 0)
    return -1;
  while ((got = read (fd, buf, sizeof buf)) > 0)
    for (ssize_t i = 0; i < got; i++)
      {
        if (buf[i] >= '0' && buf[i] <= '9')
          {
            value = value * 10 + (buf[i] - '0');
            in_number = 1;
          }
        else if (in_number)
          {
            if (n < max)
              pids[n++] = value;
            value = 0;
            in_number = 0;
          }
      }
  if (in_number && n < max)
    pids[n++] = value;
  close (fd);
  return n;
}

/* Kills the program's group and every process reparented to the warden,
 * reaping them, until nothing is left under it. */
static void
end_all (pid_t program)
{
  const struct timespec pause = { 0, 2 * 1000 * 1000 };

  for (int round = 0; round < 2500; round++)
    {
      pid_t pids[256];
      int n;

      kill (-program, SIGKILL);
      kill (program, SIGKILL);
      n = read_children (pids, (int) (sizeof pids / sizeof pids[0]));
      for (int i = 0; i < n; i++)
        {
          kill (-pids[i], SIGKILL);     /* a setsid() child leads a group of its own */
          kill (pids[i], SIGKILL);
        }
      while (waitpid (-1, NULL, WNOHANG) > 0)
        ;
      if (waitpid (-1, NULL, WNOHANG) < 0 && errno == ECHILD)
        {
          /* No child: an orphan still on its way to us is in the group
           * or under a process just killed; one more look settles it. */
          n = read_children (pids, (int) (sizeof pids / sizeof pids[0]));
          if (n <= 0)
            return;
        }
      nanosleep (&pause, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  struct sigaction action;
  struct rlimit no_core = { 0, 0 };
  sigset_t mask;
  pid_t app, warden = getpid (), program;
  int status = 0;

  if (argc < 4)
    return 127;
  app = (pid_t) atol (argv[1]);

  /* Started with the application's descriptors left open (so that GLib
   * can use posix_spawn: no copy of the application's page tables), it
   * keeps stdin, stdout and stderr only, before the program inherits
   * anything. */
  if (close_range (3, ~0U, 0) != 0)
    for (int fd = 3; fd < 1024; fd++)
      close (fd);

  setpgid (0, 0);
  setpriority (PRIO_PROCESS, 0, atoi (argv[2]));
  prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  memset (&action, 0, sizeof action);
  action.sa_handler = on_signal;          /* no SA_RESTART: waitpid returns */
  sigemptyset (&action.sa_mask);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
  sigemptyset (&mask);
  sigaddset (&mask, SIGTERM);
  sigaddset (&mask, SIGHUP);
  sigprocmask (SIG_UNBLOCK, &mask, NULL);
  prctl (PR_SET_PDEATHSIG, SIGHUP, 0, 0, 0);
  if (getppid () != app)                  /* the application died before the line above */
    return 127;

  program = fork ();
  if (program < 0)
    return 127;
  if (program == 0)
    {
      /* The program: its own group, the default dispositions, and an end
       * with the warden if the warden itself is killed. */
      action.sa_handler = SIG_DFL;
      sigaction (SIGTERM, &action, NULL);
      sigaction (SIGHUP, &action, NULL);
      prctl (PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
      setpgid (0, 0);
      prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
      if (getppid () != warden)
        _exit (127);
      execvp (argv[3], argv + 3);
      _exit (127);                        /* as GLib's spawn reports a program it cannot run */
    }

  /* The warden holds no descriptor: the pipes end when the program's side
   * does. */
  for (int fd = 0; fd < 1024; fd++)
    close (fd);
  setpgid (program, program);             /* whichever of the two runs first */
  for (;;)
    {
      pid_t got;

      if (told)                           /* told before or while waiting */
        {
          kill (-program, SIGKILL);
          kill (program, SIGKILL);        /* then reaped: its status is SIGKILL */
        }
      got = waitpid (program, &status, 0);
      if (got == program || (got < 0 && errno != EINTR))
        break;
    }
  end_all (program);
  if (WIFSIGNALED (status))
    {
      setrlimit (RLIMIT_CORE, &no_core);
      action.sa_handler = SIG_DFL;
      sigaction (WTERMSIG (status), &action, NULL);
      kill (warden, WTERMSIG (status));
      _exit (128 + WTERMSIG (status));    /* a signal that cannot end it */
    }
  _exit (WIFEXITED (status) ? WEXITSTATUS (status) : 127);
}
