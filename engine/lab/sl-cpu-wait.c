/* sl-cpu-wait.c: how long the program a warden runs has spent ready to
 * run but waiting for a CPU.
 *
 * Why: a run's watchdog stops an interpreter that says nothing for the
 * timeout.  An interpreter that is ready but given no CPU — at niceness
 * 10, or SCHED_IDLE under the window, while a build holds every core — is
 * slow, not hung: the time it spent on a run queue is not silence.  The
 * kernel keeps that time per thread, in nanoseconds, as the second figure
 * of /proc/PID/schedstat (CONFIG_SCHED_INFO: Debian's kernels and most
 * others). */

#include <stdlib.h>

#include "sl-cpu-wait.h"

/* The run-queue wait of one process's main thread in µs, 0 if unknown. */
static gint64
process_wait_us (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/schedstat", pid);
  g_autofree char *text = NULL;
  char *end;
  guint64 waited;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  g_ascii_strtoull (text, &end, 10);                   /* time on a CPU */
  waited = g_ascii_strtoull (end, NULL, 10);
  return (gint64) (waited / 1000);
}

/* In µs, summed over the warden's children (the program; after a wrapper
 * script's exec, the interpreter); 0 once they have ended or where the
 * kernel does not say.  The figure only grows while the program lives. */
gint64
sl_cpu_wait_of_warded (GSubprocess *warden)
{
  const char *pid = g_subprocess_get_identifier (warden);   /* NULL once reaped */
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) children = NULL;
  gint64 total = 0;

  if (pid == NULL)
    return 0;
  path = g_strdup_printf ("/proc/%s/task/%s/children", pid, pid);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  children = g_strsplit (g_strstrip (text), " ", -1);
  for (guint i = 0; children[i] != NULL; i++)
    if (*children[i] != '\0')
      total += process_wait_us (children[i]);
  return total;
}

/* One sample: `waited` is the processes' summed wait for a CPU (µs) at
 * `now`, over `n_processes` that ran since the last sample (a process
 * that started or ended in between makes the share a little off for one
 * sample).  The share is smoothed over about a second of 250 ms samples,
 * and the answer has hysteresis, so that a status shown from it does not
 * flicker: starved from over half of their time waiting, no longer below
 * a quarter.  Returns whether `starved` changed. */
gboolean
sl_cpu_wait_tracker_sample (SlCpuWaitTracker *tracker,
                            gint64            now,
                            gint64            waited,
                            guint             n_processes)
{
  gboolean was = tracker->starved;

  if (tracker->at != 0 && now > tracker->at && n_processes > 0)
    {
      double share = (double) MAX (waited - tracker->waited, 0) / ((now - tracker->at) * (double) n_processes);

      tracker->share = 0.7 * tracker->share + 0.3 * CLAMP (share, 0.0, 1.0);
      if (tracker->share > 0.5)
        tracker->starved = TRUE;
      else if (tracker->share < 0.25)
        tracker->starved = FALSE;
    }
  tracker->at = now;
  tracker->waited = waited;
  return tracker->starved != was;
}
