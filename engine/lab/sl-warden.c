/* sl-warden.c: the warden of one live-run process — every descendant
 * ends with its run.
 *
 * The process the application spawns is a warden, not the interpreter:
 * it takes a process group of its own and the niceness, makes itself a
 * child subreaper that ends with the application (SIGHUP on the parent's
 * death), forks the program into a group of its own, and waits.  When
 * the program exits, when the application asks (SIGTERM: the run was
 * cancelled, timed out or failed) or when the application dies (a
 * `kill -9` of the CLI too), the warden kills the program's group and
 * then every process left under it — a child that called setsid() has
 * left the group, but an orphan is reparented to the subreaper, where the
 * warden finds it in /proc/self/task/<tid>/children — until none is left,
 * and exits as the program did (status or signal).  So the run sees the
 * program's end only once nothing it started still runs: on success too.
 *
 * One body for both ways it runs: slotlab-warden (a program of its own,
 * spawned with posix_spawn) and, where that program is missing, a fork of
 * the application between GLib's fork and exec (sl-interpreter.c).  So:
 * libc only, async-signal-safe calls only, no printf. */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sl-warden.h"

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
  char path[64] = "/proc/self/task/", buf[4096];
  char digits[16];
  int n = 0, len = 0, fd, in_number = 0;
  ssize_t got;
  pid_t value = 0;
  size_t at = strlen (path);

  /* "/proc/self/task/<pid>/children" without printf */
  for (pid_t v = getpid (); v > 0 && len < (int) sizeof digits; v /= 10)
    digits[len++] = '0' + v % 10;
  while (len > 0)
    path[at++] = digits[--len];
  memcpy (path + at, "/children", sizeof "/children");

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

/* The program inherits it: policy and niceness survive fork and exec. */
static void
set_priority (int niceness)
{
  if (niceness == SL_WARDEN_IDLE)
    {
      struct sched_param param = { 0 };

      setpriority (PRIO_PROCESS, 0, 19);
      sched_setscheduler (0, SCHED_IDLE, &param);
    }
  else
    setpriority (PRIO_PROCESS, 0, niceness);
}

void
sl_warden_become (pid_t app,
                  int   niceness)
{
  struct sigaction action;
  struct rlimit no_core = { 0, 0 };
  sigset_t mask;
  pid_t warden = getpid (), program;
  int status = 0;

  setpgid (0, 0);
  set_priority (niceness);
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
    _exit (127);

  program = fork ();
  if (program < 0)
    _exit (127);
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
      return;                             /* the caller execs the program */
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
