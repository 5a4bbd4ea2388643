/* test-explain.c: the why beside the figure, and slide 5's demonstrations.
 *
 * Which mechanisms apply is reasoned from CPython's history (README's
 * Accuracy section and the profiles' notes): issue 135385 on 3.13 only,
 * its fix from 3.14, key-sharing split dicts before 3.11, lazy dicts from
 * 3.11, the managed weakref from 3.12, mimalloc on free-threaded builds.
 * The demonstrations are compared with every real interpreter found on
 * the machine (hasattr(obj, '__dict__') and the text of the exception of
 * obj.undeclared = 1); they skip cleanly when none is found. */

#include <string.h>

#include "sl-explain.h"
#include "sl-python-source.h"
#include "sl-session.h"

static SlLayout *
lecture_layout (const char *klass,
                const char *python)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlProfile) profile = sl_profile_lookup (python, NULL);

  g_assert_nonnull (profile);
  return sl_layout_compute (sl_session_get_chain (session), klass, profile, NULL);
}

static gboolean
has_id (GPtrArray  *list,
        const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (((SlExplanation *) g_ptr_array_index (list, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_explain_issue_135385_on_313_only (void)
{
  static const struct { const char *python; gboolean issue, fixed; } cases[] = {
    { "3.12", FALSE, FALSE }, { "3.13", TRUE, FALSE }, { "3.13t", TRUE, FALSE },
    { "3.14", FALSE, TRUE }, { "3.15", FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SlLayout) layout = lecture_layout ("SensorRecordNoSlots", cases[i].python);
      g_autoptr(GPtrArray) why = sl_explain_layout (layout);

      g_test_message ("%s", cases[i].python);
      g_assert_cmpint (has_id (why, "issue-135385"), ==, cases[i].issue);
      g_assert_cmpint (has_id (why, "fixed-314"), ==, cases[i].fixed);
    }
  {
    /* The figure of slide 7 on 3.13, and where it comes from. */
    g_autoptr(SlLayout) layout = lecture_layout ("SensorRecordNoSlots", "3.13");
    g_autoptr(GPtrArray) why = sl_explain_layout (layout);

    for (guint i = 0; i < why->len; i++)
      {
        SlExplanation *e = g_ptr_array_index (why, i);

        if (strcmp (e->id, "issue-135385") == 0)
          {
            g_assert_nonnull (strstr (e->text, "408 B per instance"));
            g_assert_nonnull (strstr (e->text, "2 slots"));
            g_assert_nonnull (strstr (e->change, "135385"));
          }
      }
  }
}

static void
test_explain_eras (void)
{
  g_autoptr(SlLayout) l38 = lecture_layout ("PointWithDict", "3.8");
  g_autoptr(SlLayout) l311 = lecture_layout ("PointWithDict", "3.11");
  g_autoptr(SlLayout) l312 = lecture_layout ("PointWithDict", "3.12");
  g_autoptr(SlLayout) l313t = lecture_layout ("PointWithDict", "3.13t");
  g_autoptr(SlLayout) slots = lecture_layout ("PointWithSlots", "3.12");
  g_autoptr(GPtrArray) w38 = sl_explain_layout (l38);
  g_autoptr(GPtrArray) w311 = sl_explain_layout (l311);
  g_autoptr(GPtrArray) w312 = sl_explain_layout (l312);
  g_autoptr(GPtrArray) w313t = sl_explain_layout (l313t);
  g_autoptr(GPtrArray) wslots = sl_explain_layout (slots);

  g_assert_true (has_id (w38, "split-dict"));
  g_assert_false (has_id (w38, "lazy-dict"));
  g_assert_false (has_id (w38, "managed-weakref"));
  g_assert_true (has_id (w311, "lazy-dict"));
  g_assert_true (has_id (w311, "managed-dict"));
  g_assert_false (has_id (w311, "managed-weakref"));
  g_assert_true (has_id (w312, "managed-weakref"));
  g_assert_false (has_id (w312, "inline-values"));
  g_assert_true (has_id (w313t, "free-threaded"));
  g_assert_true (has_id (w313t, "mimalloc"));
  g_assert_true (has_id (w313t, "inline-values"));
  g_assert_true (has_id (wslots, "slots-only"));
  g_assert_false (has_id (wslots, "managed-dict"));
}

static void
test_explain_compare_312_313 (void)
{
  g_autoptr(SlLayout) a = lecture_layout ("SensorRecordNoSlots", "3.12");
  g_autoptr(SlLayout) b = lecture_layout ("SensorRecordNoSlots", "3.13");
  g_autoptr(SlLayout) c = lecture_layout ("SensorRecordNoSlots", "3.13.18");
  g_auto(GStrv) changes = sl_explain_compare (a, b);
  g_auto(GStrv) none = sl_explain_compare (b, c);

  /* Slide 7's figures (PRODUCT.md): 104 B on 3.12, 408 B on 3.13. */
  g_assert_cmpstr (changes[0], ==, "traced per instance: 104 B → 408 B (+304 B)");
  g_assert_true (g_strv_contains ((const char * const *) changes,
                                  "new on 3.13: 3.13: slots and a __dict__ cost a 30-entry values array "
                                  "(CPython issue 135385, in every 3.13 release; fixed in 3.14)"));
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

/* ---- demonstrations against real interpreters ---- */

static GPtrArray *
find_interpreters (void)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pyenv = g_build_filename (g_get_home_dir (), ".pyenv", "versions", NULL);
  const char *extra = g_getenv ("SLOTLAB_PYTHONS_DIR");
  g_autoptr(GDir) dir = g_dir_open (pyenv, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      char *path = g_build_filename (pyenv, name, "bin", "python3", NULL);

      if (g_str_has_prefix (name, "3.") && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        g_ptr_array_add (found, path);
      else
        g_free (path);
    }
  for (guint i = 0; extra && i < 4; i++)
    {
      static const char * const names[] = { "python3.13", "python3.13t", "python3.14", "python3.15" };
      char *path = g_build_filename (extra, "bin", names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        g_ptr_array_add (found, path);
      else
        g_free (path);
    }
  return found;
}

static void
test_explain_demonstrations_match_cpython (void)
{
  static const char * const classes[] = { "PointWithDict", "PointWithSlots", "SensorRecord",
                                          "SensorRecordNoSlots", "RecordMixed" };
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autofree char *source = sl_chain_to_python (sl_session_get_chain (session));
  g_autoptr(GPtrArray) pythons = find_interpreters ();
  guint compared = 0;

  for (guint p = 0; p < pythons->len; p++)
    {
      const char *python = g_ptr_array_index (pythons, p);
      g_autoptr(GString) script = g_string_new (source);
      g_autofree char *out = NULL;
      g_autofree char *version = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(SlProfile) profile = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { python, "-I", "-S", "-c", NULL, NULL };
      int status;

      g_string_append (script, "\nimport sys\n"
                               "v = sys.version_info\n"
                               "ft = '' if getattr(sys, '_is_gil_enabled', lambda: True)() else 't'\n"
                               "print('%d.%d.%d%s' % (v[0], v[1], v[2], ft))\n");
      for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
        g_string_append_printf (script,
                                "o = %s()\n"
                                "print(hasattr(o, '__dict__'))\n"
                                "try:\n"
                                "    o.undeclared = 1\n"
                                "    print('ok')\n"
                                "except Exception as e:\n"
                                "    print('%%s: %%s' %% (type(e).__name__, e))\n", classes[c]);
      argv[4] = script->str;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                         &out, NULL, &status, &error) || !g_spawn_check_wait_status (status, NULL))
        continue;
      lines = g_strsplit (out, "\n", -1);
      profile = sl_profile_lookup (lines[0], NULL);
      if (profile == NULL)
        continue;
      for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
        {
          g_autoptr(SlDemonstration) demo = sl_explain_demonstrate (sl_session_get_chain (session), classes[c],
                                                                    profile, NULL, &error);
          const char *hasattr = lines[1 + 2 * c], *store = lines[2 + 2 * c];

          g_assert_no_error (error);
          g_test_message ("%s %s: %s / %s", lines[0], classes[c], hasattr, store);
          g_assert_cmpstr (demo->has_dict ? "True" : "False", ==, hasattr);
          if (strcmp (store, "ok") == 0)
            g_assert_true (demo->store_ok);
          else
            {
              g_assert_false (demo->store_ok);
              g_assert_cmpstr (demo->store_result, ==, store);
            }
          compared++;
        }
    }
  if (compared == 0)
    g_test_skip ("no CPython found on this machine");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/explain/issue-135385-on-3.13-only", test_explain_issue_135385_on_313_only);
  g_test_add_func ("/explain/eras", test_explain_eras);
  g_test_add_func ("/explain/compare-3.12-3.13", test_explain_compare_312_313);
  g_test_add_func ("/explain/demonstrations-match-cpython", test_explain_demonstrations_match_cpython);
  return g_test_run ();
}
