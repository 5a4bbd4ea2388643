/* test-cli-run.c: `slotlab-cli run` — PRODUCT.md's contract: CSV columns,
 * --save, --export, and the exit status (2 bad input, 3 a failed run). */

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sl-session.h"

#include "live-helpers.h"

static char *tmp_dir;

static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "run");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return sl_test_run_cli (NULL, NULL, (const char * const *) argv->pdata, out, err);
}

static char *
lecture_copy (const char *name)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (sl_session_save_to_file (session, file, NULL, NULL));
  return path;
}

static void
test_cli_run_model_prints_csv (void)
{
  g_autofree char *path = lecture_copy ("model.slotlab");
  const char *args[] = { path, "--experiment", "Example 17.3: bulk allocation", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  lines = g_strsplit (out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "experiment,python,strategy,backend,metric,count,bytes");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 * 7 + 1);
  g_assert_cmpstr (lines[1], ==, "Example 17.3: bulk allocation,3.12,as-declared,model,traced,1000,91792");
}

static void
test_cli_run_save_keeps_results (void)
{
  g_autofree char *path = lecture_copy ("save.slotlab");
  const char *args[] = { path, "--save", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_experiment_get_results (sl_session_lookup_experiment (session,
                    "Example 17.3: bulk allocation"))->len, ==, 28);
}

static void
test_cli_run_exports_svg (void)
{
  g_autofree char *path = lecture_copy ("export.slotlab");
  g_autofree char *svg = g_build_filename (tmp_dir, "chart.svg", NULL);
  const char *args[] = { path, "--export", svg, "--chart", "versions", NULL };
  g_autofree char *out = NULL, *err = NULL, *text = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
}

static void
test_cli_run_missing_interpreter_exits_3 (void)
{
  g_autofree char *path = lecture_copy ("missing.slotlab");
  const char *args[] = { path, "--backend", "live", "--interpreter", "/nonexistent/python3", NULL };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "There is no interpreter at /nonexistent/python3"));
}

/* Classes A, B and C(A, B): C is a lay-out conflict, but CPython has
 * created A before it reaches C, so an experiment on A runs every strategy
 * (the probe gets the chain up to A) and C's refusal is not A's. */
static const char abc_session[] =
  "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
  " {\"name\": \"A\", \"bases\": [], \"slots\": [\"a\"], \"init\": [\"a\"]},"
  " {\"name\": \"B\", \"bases\": [], \"slots\": [\"b\"], \"init\": [\"b\"]},"
  " {\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"slots\": [], \"init\": []}],"
  " \"experiments\": [{\"name\": \"e\", \"class\": \"A\","
  "  \"strategies\": [\"as-declared\", \"dict\", \"slots\", \"mixed\"], \"metric\": \"traced\","
  "  \"python\": [\"%s\"], \"backend\": \"model\","
  "  \"counts\": {\"from\": 1000, \"to\": 2000, \"points\": 2, \"scale\": \"linear\"}, \"results\": []}]}";

static void
assert_every_strategy_ran (const char *out,
                           const char *backend)
{
  const char *strategies[] = { "as-declared", "dict", "slots", "mixed" };

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      g_autofree char *row = g_strdup_printf (",%s,%s,traced,2000,", strategies[i], backend);

      if (strstr (out, row) == NULL)
        g_error ("no %s row in:\n%s", row, out);
    }
}

static void
test_cli_run_class_before_a_refused_one (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "abc.slotlab", NULL);
  g_autofree char *text = g_strdup_printf (abc_session, "3.12");
  const char *model[] = { path, NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *python = NULL;
  g_autoptr(SlInterpreter) interp = sl_test_find_python3 (&python);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_cmpint (run_cli (model, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* sys.getsizeof(A()) is 40 on 3.12 (24 bytes and the GC head), all traced. */
  g_assert_nonnull (strstr (out, "\r\ne,3.12,as-declared,model,traced,1000,40000\r\n"));
  assert_every_strategy_ran (out, "model");

  if (interp == NULL)
    {
      g_test_skip ("no python3 on PATH for the live run");
      return;
    }
  {
    g_autofree char *live_text = g_strdup_printf (abc_session, sl_interpreter_get_profile_id (interp));
    const char *live[] = { path, "--backend", "live", "--interpreter", python, NULL };
    g_autofree char *live_out = NULL, *live_err = NULL;

    g_assert_true (g_file_set_contents (path, live_text, -1, NULL));
    g_assert_cmpint (run_cli (live, &live_out, &live_err), ==, 0);
    g_assert_null (strstr (live_err, "refuses"));
    assert_every_strategy_ran (live_out, "live");
  }
}

static void
test_cli_run_bad_input_exits_2 (void)
{
  g_autofree char *path = lecture_copy ("bad.slotlab");
  const char *unknown[] = { path, "--experiment", "No such", NULL };
  const char *backend[] = { path, "--backend", "remote", NULL };
  const char *format[] = { path, "--export", "chart.gif", NULL };
  const char * const *cases[] = { unknown, backend, format };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli (cases[i], &out, &err), ==, 2);
      g_assert_true (g_str_has_prefix (err, "slotlab-cli: "));
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-cli-run-XXXXXX", NULL);
  g_test_add_func ("/cli/run/model-prints-the-csv", test_cli_run_model_prints_csv);
  g_test_add_func ("/cli/run/save-keeps-the-results", test_cli_run_save_keeps_results);
  g_test_add_func ("/cli/run/exports-a-chart", test_cli_run_exports_svg);
  g_test_add_func ("/cli/run/missing-interpreter-exits-3", test_cli_run_missing_interpreter_exits_3);
  g_test_add_func ("/cli/run/class-before-a-refused-one", test_cli_run_class_before_a_refused_one);
  g_test_add_func ("/cli/run/bad-input-exits-2", test_cli_run_bad_input_exits_2);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
