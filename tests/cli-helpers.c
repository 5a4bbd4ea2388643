/* cli-helpers.c: slotlab-cli run from a test with its arguments in line
 * (test-cli, test-cli-costs). */

#include "cli-helpers.h"
#include "live-helpers.h"

void
sl_test_cli_run_clear (SlTestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
sl_test_cli_run (SlTestCliRun *run,
                 ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list list;

  va_start (list, run);
  for (const char *arg = va_arg (list, const char *); arg; arg = va_arg (list, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, NULL);
  run->status = sl_test_run_cli (NULL, NULL, (const char * const *) args->pdata,
                                 &run->out, &run->err);
}

char *
sl_test_lecture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "lecture-17.slotlab", NULL);
}
