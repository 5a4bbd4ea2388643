/* sl-cpu-wait.h: how long a warded program has waited for a CPU (see
 * sl-cpu-wait.c). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gint64 sl_cpu_wait_of_warded (GSubprocess *warden);

/* Whether a run's interpreters mostly wait for a CPU (other programs have
 * the processors), from samples of their summed wait. */
typedef struct {
  gint64   at;        /* µs, monotonic, of the last sample; 0: none yet */
  gint64   waited;    /* µs, summed wait then */
  double   share;     /* of their time spent waiting, smoothed */
  gboolean starved;
} SlCpuWaitTracker;

gboolean sl_cpu_wait_tracker_sample (SlCpuWaitTracker *tracker,
                                     gint64            now,
                                     gint64            waited,
                                     guint             n_processes);

G_END_DECLS
