/* live-helpers.h: what the tests of live runs share — waiting for a run,
 * counting the processes a run leaves behind, writing stand-in interpreters
 * (shell scripts that answer as the probe does), finding the python3 on
 * PATH, and running slotlab-cli. */
#pragma once

#include <sys/types.h>

#include <glib.h>

#include "sl-experiment-run.h"
#include "sl-interpreter.h"

G_BEGIN_DECLS

/* What the probe says first, as CPython 3.12.1, and one point of 10
 * instances of 56 bytes: the lines a stand-in prints. */
#define SL_TEST_HELLO_3_12 "{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"3.12.1\", " \
                           "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"/x\"}"
#define SL_TEST_POINT_10   "{\"strategy\": \"slots\", \"count\": 10, \"traced\": 560, \"pymalloc\": null, " \
                           "\"getsizeof\": 560, \"seconds\": 0.01}"

/* Runs `run` to its end in a main loop of its own and returns its error (or
 * NULL).  Progress must only grow and stay within [0, 1].  With
 * `cancel_after_first`, `cancellable` is cancelled at the first point.
 * `n_points` (may be NULL) receives how many "point" signals came. */
GError        *sl_test_run_to_end            (SlExperimentRun *run,
                                              GCancellable    *cancellable,
                                              gboolean         cancel_after_first,
                                              guint           *n_points);

/* Live children of this process, from /proc; zombies are reaped, not
 * counted.  In a process that made itself a child subreaper
 * (PR_SET_CHILD_SUBREAPER) this includes every orphaned descendant. */
guint          sl_test_count_live_children   (void);
/* Fails unless every child is gone within two seconds (a killed process
 * takes a moment to leave /proc; a leftover one does not). */
void           sl_test_assert_no_child_left  (void);

/* A process spinning at niceness 0 on the one CPU this process is pinned
 * to (every thread of it): what it starts meanwhile shares that CPU with
 * it, so an interpreter of a run gets a tenth of it (niceness 10) or next
 * to nothing (SCHED_IDLE).  One at a time.  Start returns its pid, or -1
 * where the process cannot be pinned (the caller skips); stop kills and
 * reaps it and unpins the process. */
pid_t          sl_test_spinner_start         (void);
void           sl_test_spinner_stop          (pid_t spinner);

/* Writes `text` as the executable file `dir`/`name`; returns its path. */
char          *sl_test_write_script          (const char *dir,
                                              const char *name,
                                              const char *text);
/* A script in `dir` that answers "hello" as the probe of CPython 3.12.1
 * does, then runs the shell commands `then`; probed. */
SlInterpreter *sl_test_stand_in              (const char *dir,
                                              const char *name,
                                              const char *then);

/* The python3 on PATH, probed (NULL without one); `executable` (may be
 * NULL) receives its sys.executable, so that no pyenv shim sits between. */
SlInterpreter *sl_test_find_python3          (char **executable);

/* Runs $SLOTLAB_CLI with `args` (NULL-terminated) in `cwd` (NULL: here)
 * with `envp` (NULL: this environment); returns its exit status and what
 * it printed.  A death by signal fails the test. */
int            sl_test_run_cli               (const char         *cwd,
                                              char              **envp,
                                              const char * const *args,
                                              char              **out,
                                              char              **err);

/* rm -rf of a test's temporary folder. */
void           sl_test_remove_tree           (const char *dir);

G_END_DECLS
