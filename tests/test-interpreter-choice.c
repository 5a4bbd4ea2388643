/* test-interpreter-choice.c: interpreters are listed once each, by the
 * file that really runs (a pyenv shim resolved), and a live run of a
 * version gets an interpreter of exactly that version. */

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "live-helpers.h"
#include "sl-interpreter.h"

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

/* Whatever this machine has (PATH with pyenv's shims first, ~/.pyenv,
 * $SLOTLAB_PYTHONS_DIR): each binary once, and never a launcher. */
static void
test_discovered_once_each_by_real_file (void)
{
  GPtrArray *found = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  sl_interpreter_discover_async (NULL, discover_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (found->len == 0)
    {
      g_ptr_array_unref (found);
      g_test_skip ("no interpreter on this machine");
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      SlInterpreter *it = g_ptr_array_index (found, i);
      char *binary = realpath (sl_interpreter_get_executable (it), NULL);
      g_autofree char *path = realpath (sl_interpreter_get_path (it), NULL);

      g_test_message ("%s → %s (%s)", sl_interpreter_get_path (it), binary, sl_interpreter_get_version (it));
      g_assert_nonnull (binary);
      /* What runs is the interpreter itself, not a script in front of it. */
      g_assert_cmpstr (path, ==, binary);
      g_assert_null (strstr (sl_interpreter_get_path (it), "/shims/"));
      g_assert_true (g_hash_table_add (seen, binary));
    }
  g_ptr_array_unref (found);
}

static void
test_choose_exactly_the_version (void)
{
  g_autofree char *dir = g_dir_make_tmp ("slotlab-choice-XXXXXX", NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  SlInterpreter *a, *b;

  /* Two stand-ins that answer as CPython 3.12.1 does. */
  a = sl_test_stand_in (dir, "a", "exit 0");
  b = sl_test_stand_in (dir, "b", "exit 0");
  g_ptr_array_add (list, a);
  g_ptr_array_add (list, b);

  g_assert_true (sl_interpreter_choose (list, "3.12", NULL) == a);
  g_assert_true (sl_interpreter_choose (list, "3.12", sl_interpreter_get_path (b)) == b);
  g_assert_true (sl_interpreter_choose (list, "3.12.1", NULL) == a);
  /* No interpreter of another version stands in for the one asked. */
  g_assert_null (sl_interpreter_choose (list, "3.11", NULL));
  g_assert_null (sl_interpreter_choose (list, "3.13t", sl_interpreter_get_path (a)));
  g_assert_null (sl_interpreter_choose (list, "3.12.2", NULL));
  g_assert_null (sl_interpreter_choose (list, "no version", NULL));

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (dir, i ? "b" : "a", NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interpreter/discover/once-each-by-the-file-that-runs", test_discovered_once_each_by_real_file);
  g_test_add_func ("/interpreter/choose/exactly-the-experiments-version", test_choose_exactly_the_version);

  return g_test_run ();
}
