/* test-interpreter-discovery.c: discovery lists every interpreter also
 * when each answers slowly because the others compete with it.
 *
 * Stand-ins in $SLOTLAB_PYTHONS_DIR/bin share one lock (flock) and hold it
 * for 0.4 s before answering: a machine with the CPU for one hello at a
 * time.  Asked all at once, the sixth answers after 2.4 s, beyond the
 * 1.2 s deadline set here, and went unlisted (as 3 of 9 did under load);
 * asked two at a time, each waits at most for one other (0.8 s), and one
 * that is late anyway is asked again with a longer deadline. */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "live-helpers.h"
#include "sl-interpreter-private.h"

#define STAND_INS 6

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **found = user_data;
  g_autoptr(GError) error = NULL;

  *found = sl_interpreter_discover_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_slow_competing_interpreters_all_listed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("slotlab-discovery-XXXXXX", NULL);
  g_autofree char *bin = g_build_filename (dir, "pythons", "bin", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  g_autofree char *pythons = g_build_filename (dir, "pythons", NULL);
  g_autofree char *lock = g_build_filename (dir, "cpu.lock", NULL);
  GPtrArray *found = NULL;

  if (!g_file_test ("/usr/bin/flock", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/flock on this machine");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (bin, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (empty, 0755), ==, 0);
  for (guint i = 0; i < STAND_INS; i++)
    {
      g_autofree char *name = g_strdup_printf ("python3.%u", 8 + i);
      g_autofree char *script = g_strdup_printf (
        "#!/bin/sh\n"
        "input=$(/bin/cat)\n"
        "/usr/bin/flock %s /bin/sleep 0.4\n"
        "echo '{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"3.%u.0\", "
        "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"'\"$0\"'\"}'\n",
        lock, 8 + i);
      g_autofree char *path = sl_test_write_script (bin, name, script);
    }
  /* Nothing but the stand-ins: no PATH, no ~/.pyenv. */
  g_setenv ("SLOTLAB_PYTHONS_DIR", pythons, TRUE);
  g_setenv ("PATH", empty, TRUE);
  sl_interpreter_set_hello_timeout_ms (1200);

  sl_interpreter_discover_async (NULL, discover_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("found %s", sl_interpreter_get_version (g_ptr_array_index (found, i)));
  g_assert_cmpuint (found->len, ==, STAND_INS);
  for (guint i = 0; i < STAND_INS; i++)
    {
      g_autofree char *version = g_strdup_printf ("3.%u.0", 8 + i);
      gboolean listed = FALSE;

      for (guint j = 0; j < found->len; j++)
        listed |= g_strcmp0 (sl_interpreter_get_version (g_ptr_array_index (found, j)), version) == 0;
      g_assert_true (listed);
    }
  g_ptr_array_unref (found);
  sl_interpreter_set_hello_timeout_ms (0);
}

/* A pyenv shim on PATH is replaced by the interpreters it could run,
 * without running it: here the shim fails if it is ever run. */
static void
test_shim_resolved_without_running_it (void)
{
  g_autofree char *dir = g_dir_make_tmp ("slotlab-shim-XXXXXX", NULL);
  g_autofree char *shims = g_build_filename (dir, "pyenv", "shims", NULL);
  g_autofree char *vbin = g_build_filename (dir, "pyenv", "versions", "3.11.7", "bin", NULL);
  g_autofree char *ran = g_build_filename (dir, "shim-ran", NULL);
  g_autofree char *empty = g_build_filename (dir, "nothing", NULL);
  g_autofree char *shim_text = g_strdup_printf ("#!/bin/sh\n/usr/bin/touch %s\nexit 127\n", ran);
  g_autofree char *real_text = g_strdup (
    "#!/bin/sh\n"
    "input=$(/bin/cat)\n"
    "echo '{\"hello\": \"slotlab-probe\", \"protocol\": 1, \"python\": \"3.11.7\", "
    "\"implementation\": \"cpython\", \"free_threaded\": false, \"executable\": \"'\"$0\"'\"}'\n");
  g_autofree char *shim = NULL, *real = NULL;
  g_auto(GStrv) candidates = NULL;

  g_assert_cmpint (g_mkdir_with_parents (shims, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (vbin, 0755), ==, 0);
  shim = sl_test_write_script (shims, "python3.11", shim_text);
  real = sl_test_write_script (vbin, "python3.11", real_text);
  g_setenv ("PATH", shims, TRUE);
  g_setenv ("SLOTLAB_PYTHONS_DIR", empty, TRUE);

  candidates = sl_interpreter_list_candidates ();
  g_assert_cmpuint (g_strv_length (candidates), ==, 1);
  g_assert_cmpstr (candidates[0], ==, real);
  g_assert_false (g_file_test (ran, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("slotlab-home-XXXXXX", NULL);

  /* An empty home: no ~/.pyenv of this machine among the candidates. */
  g_setenv ("HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interpreter/discovery/slow-competing-all-listed", test_slow_competing_interpreters_all_listed);
  g_test_add_func ("/interpreter/discovery/shim-resolved-without-running", test_shim_resolved_without_running_it);
  return g_test_run ();
}
