/* test-hostile.c: hostile session files get one clear error and stay as they were.
 *
 * tests/hostile/expected.txt lists every file of tests/hostile/ with the
 * pieces its error message must hold (the JSON path, the line and column,
 * the problem).  Each must fail to load with SL_SESSION_ERROR, and its
 * bytes must be the same after the attempt.  With SLOTLAB_CLI set, the
 * command line tool must exit 2 with one line on stderr for each.
 */

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sl-session.h"

typedef struct
{
  char  *name;
  char  *path;
  GStrv  pieces;
} HostileCase;

static GPtrArray *cases;

static void
hostile_case_free (HostileCase *c)
{
  g_free (c->name);
  g_free (c->path);
  g_strfreev (c->pieces);
  g_free (c);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_load_fails (const char         *path,
                   const char * const *pieces)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autofree char *before = checksum_of (path);
  g_autofree char *after = NULL;

  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_null (session);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SL_SESSION_ERROR);
  g_assert_nonnull (strchr (error->message, ':'));
  g_assert_null (strchr (error->message, '\n'));
  g_test_message ("%s: %s", path, error->message);
  for (guint i = 0; pieces[i]; i++)
    if (strstr (error->message, pieces[i]) == NULL)
      g_error ("%s: the message \"%s\" does not say \"%s\"", path, error->message, pieces[i]);

  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_hostile_file (gconstpointer data)
{
  const HostileCase *c = data;

  assert_load_fails (c->path, (const char * const *) c->pieces);
}

/* Every file in tests/hostile/ is listed, so none is silently skipped. */
static void
test_every_file_is_listed (void)
{
  g_autofree char *hostile_dir = g_test_build_filename (G_TEST_DIST, "hostile", NULL);
  g_autoptr(GDir) hostile = g_dir_open (hostile_dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (hostile);
  while ((name = g_dir_read_name (hostile)))
    {
      gboolean listed = FALSE;

      if (!g_str_has_suffix (name, ".slotlab"))
        continue;
      for (guint i = 0; i < cases->len && !listed; i++)
        listed = strcmp (((HostileCase *) g_ptr_array_index (cases, i))->name, name) == 0;
      if (!listed)
        g_error ("hostile/%s is not in hostile/expected.txt", name);
      n++;
    }
  g_assert_cmpuint (n, ==, cases->len);
  g_assert_cmpuint (n, >=, 40);
}

/* Too large to keep in git: made here, in a temporary folder. */
static void
test_file_over_the_size_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-hostile-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "too-large.slotlab", NULL);
  g_autoptr(GString) text = g_string_new ("{\"format\": \"slotlab-session\", \"version\": 1, \"notes\": \"");
  const char * const pieces[] = { "more than the limit of 8388608 bytes", NULL };

  g_assert_no_error (error);
  while (text->len <= SL_SESSION_MAX_FILE_SIZE)
    g_string_append (text, "0123456789abcdef");
  g_string_append (text, "\", \"classes\": []}");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  assert_load_fails (path, pieces);

  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_cli_exits_2 (void)
{
  const char *cli = g_getenv ("SLOTLAB_CLI");

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("SLOTLAB_CLI is not set, or slotlab-cli is not built");
      return;
    }

  for (guint i = 0; i < cases->len; i++)
    {
      const HostileCase *c = g_ptr_array_index (cases, i);
      const char *layout[] = { cli, "layout", c->path, "--class", "X", NULL };
      const char *python[] = { cli, "python", c->path, NULL };
      const char * const *commands[] = { layout, python };

      for (guint j = 0; j < G_N_ELEMENTS (commands); j++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          g_autofree char *prefix = g_strdup_printf ("slotlab-cli: %s: ", c->path);
          int status;

          g_spawn_sync (NULL, (char **) commands[j], NULL, G_SPAWN_DEFAULT, NULL, NULL,
                        &out, &err, &status, &error);
          g_assert_no_error (error);
          if (!WIFEXITED (status) || WEXITSTATUS (status) != 2)
            g_error ("%s %s %s: status %d, stderr: %s", cli, commands[j][1], c->path, status, err);
          g_assert_true (g_str_has_prefix (err, prefix));
          g_assert_true (g_str_has_suffix (err, "\n"));
          g_assert_cmpuint (count_lines (err), ==, 1);
          g_assert_cmpstr (out, ==, "");
        }
    }
}

static void
load_cases (void)
{
  g_autofree char *list_path = g_test_build_filename (G_TEST_DIST, "hostile", "expected.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (list_path, &contents, NULL, &error);
  g_assert_no_error (error);
  cases = g_ptr_array_new_with_free_func ((GDestroyNotify) hostile_case_free);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = NULL;
      HostileCase *c;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);

      c = g_new0 (HostileCase, 1);
      c->name = g_strdup (fields[0]);
      c->path = g_test_build_filename (G_TEST_DIST, "hostile", fields[0], NULL);
      c->pieces = g_strdupv (fields + 1);
      g_ptr_array_add (cases, c);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_cases ();

  for (guint i = 0; i < cases->len; i++)
    {
      HostileCase *c = g_ptr_array_index (cases, i);
      g_autofree char *test_path = g_strdup_printf ("/hostile/%s", c->name);

      g_test_add_data_func (test_path, c, test_hostile_file);
    }
  g_test_add_func ("/hostile/every-file-is-listed", test_every_file_is_listed);
  g_test_add_func ("/hostile/generated/file-over-the-size-limit", test_file_over_the_size_limit);
  g_test_add_func ("/hostile/cli/exits-2-with-one-line", test_cli_exits_2);

  status = g_test_run ();
  g_ptr_array_unref (cases);
  return status;
}
