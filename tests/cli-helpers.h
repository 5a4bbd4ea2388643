#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* slotlab-cli run to its end: what it printed and its exit status. */
typedef struct {
  int    status;
  char  *out;
  char  *err;
} SlTestCliRun;

/* Runs $SLOTLAB_CLI with the arguments (NULL-terminated), through
 * live-helpers.c's sl_test_run_cli() (a death by signal fails the test). */
void  sl_test_cli_run       (SlTestCliRun *run,
                             ...) G_GNUC_NULL_TERMINATED;
void  sl_test_cli_run_clear (SlTestCliRun *run);
/* data/lecture-17.slotlab in the source tree.  (transfer full) */
char *sl_test_lecture_path  (void);

G_END_DECLS
