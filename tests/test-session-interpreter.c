/* test-session-interpreter.c: a session never chooses what runs.
 *
 * The interpreter of a live run comes from the user on this machine
 * (discovery, settings, --interpreter), never from the session file.  Here
 * an executable script that would leave a marker file (and then run the real
 * python3, so that it would work if it ran) is named in every place a
 * session could name it: a top-level "interpreter", "python" as a path, an
 * experiment's "interpreter" and "python" list, a result's provenance, and
 * members this version does not know.  Each session either is refused at
 * load, or loads and, run live with no interpreter chosen, fails with
 * NO_INTERPRETER and a message that says how to choose one; slotlab-cli
 * without --interpreter on a machine with no Python says the same, and on
 * this machine runs the python3 that discovery finds.  The marker never
 * appears — until the user names the script with --interpreter, which shows
 * that the test would see it if it ran. */

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-experiment-run.h"
#include "sl-interpreter.h"
#include "sl-session.h"

#include "live-helpers.h"

static char *tmp_dir;
static char *marker;
static char *script;        /* touches the marker, then execs python3 */
static char *python_path;   /* python3 on PATH, or NULL */
static char *profile_id;    /* its profile, or "3.12" */

typedef enum {
  PLACE_INTERPRETER,              /* "interpreter": SCRIPT */
  PLACE_PYTHON,                   /* "python": SCRIPT */
  PLACE_EXPERIMENT_INTERPRETER,   /* experiments[0].interpreter */
  PLACE_EXPERIMENT_PYTHON,        /* experiments[0].python: [SCRIPT] */
  PLACE_RESULT_INTERPRETER,       /* experiments[0].results[0].interpreter: provenance */
  PLACE_UNKNOWN_MEMBERS,          /* "interpreters", "executable", "command", "settings" */
  PLACE_ALL_THAT_LOAD,            /* every place above that a session may hold */
  N_PLACES
} Place;

static const char * const place_names[N_PLACES] = {
  "interpreter", "python", "experiments[0].interpreter", "experiments[0].python[0]",
  "experiments[0].results[0].interpreter", "unknown members", "all that load",
};

static void
member (JsonBuilder *b,
        const char  *name,
        const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
unknown_members (JsonBuilder *b)
{
  json_builder_set_member_name (b, "interpreters");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, script);
  json_builder_end_array (b);
  member (b, "executable", script);
  json_builder_set_member_name (b, "command");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, script);
  json_builder_add_string_value (b, "-c");
  json_builder_add_string_value (b, "import os");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "settings");
  json_builder_begin_object (b);
  member (b, "interpreter", script);
  json_builder_end_object (b);
}

static char *
session_naming_script (Place place)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean all = place == PLACE_ALL_THAT_LOAD;

  json_builder_begin_object (b);
  member (b, "format", "slotlab-session");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  member (b, "title", "Names a program");
  member (b, "python", place == PLACE_PYTHON ? script : profile_id);
  if (place == PLACE_INTERPRETER || all)
    member (b, "interpreter", script);
  if (place == PLACE_UNKNOWN_MEMBERS || all)
    unknown_members (b);

  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "name", "Point");
  json_builder_set_member_name (b, "slots");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "x");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "init");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "x");
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "experiments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "name", "Live");
  member (b, "class", "Point");
  if (place == PLACE_EXPERIMENT_INTERPRETER || all)
    member (b, "interpreter", script);
  if (place == PLACE_UNKNOWN_MEMBERS || all)
    unknown_members (b);
  json_builder_set_member_name (b, "strategies");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "as-declared");
  json_builder_end_array (b);
  member (b, "metric", "traced");
  json_builder_set_member_name (b, "python");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, place == PLACE_EXPERIMENT_PYTHON ? script : profile_id);
  json_builder_end_array (b);
  member (b, "backend", "live");
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_int_value (b, 100);
  json_builder_set_member_name (b, "to");
  json_builder_add_int_value (b, 200);
  json_builder_set_member_name (b, "points");
  json_builder_add_int_value (b, 2);
  member (b, "scale", "linear");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  if (place == PLACE_RESULT_INTERPRETER || all)
    {
      json_builder_begin_object (b);
      member (b, "python", "3.12.1");
      member (b, "strategy", "as-declared");
      member (b, "backend", "live");
      member (b, "metric", "traced");
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, 100);
      json_builder_set_member_name (b, "bytes");
      json_builder_add_int_value (b, 5600);
      member (b, "interpreter", script);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
write_session (Place place)
{
  g_autofree char *text = session_naming_script (place);
  g_autofree char *name = g_strdup_printf ("place-%d.slotlab", place);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
assert_no_marker (const char *what)
{
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    g_error ("%s: the marker %s exists: the session's program ran", what, marker);
}

/* ---- the engine ---- */

static void
test_engine_runs_nothing_the_session_names (void)
{
  guint refused = 0, loaded = 0;

  for (Place place = 0; place < N_PLACES; place++)
    {
      g_autofree char *path = write_session (place);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlSession) session = sl_session_load_from_file (file, NULL, &error);
      GListModel *experiments;

      assert_no_marker (place_names[place]);
      if (session == NULL)
        {
          /* A path where a version belongs: refused, naming where. */
          g_test_message ("%s: refused: %s", place_names[place], error->message);
          g_assert_true (place == PLACE_PYTHON || place == PLACE_EXPERIMENT_PYTHON);
          g_assert_nonnull (strstr (error->message, place_names[place]));
          refused++;
          continue;
        }
      loaded++;
      experiments = sl_session_get_experiments (session);
      g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, 1);
      for (guint i = 0; i < g_list_model_get_n_items (experiments); i++)
        {
          g_autoptr(SlExperiment) experiment = g_list_model_get_item (experiments, i);
          g_autoptr(SlExperimentRun) run = sl_experiment_run_new (experiment,
                                                                  sl_session_get_chain (session),
                                                                  sl_session_get_python (session));
          g_autoptr(GError) run_error = NULL;

          g_assert_cmpint (sl_experiment_get_backend (experiment), ==, SL_BACKEND_LIVE);
          sl_experiment_run_set_backend (run, SL_BACKEND_LIVE);
          run_error = sl_test_run_to_end (run, NULL, FALSE, NULL);
          g_test_message ("%s: %s", place_names[place], run_error->message);
          g_assert_error (run_error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER);
          /* It says how to choose one. */
          g_assert_nonnull (strstr (run_error->message, "no Python interpreter was chosen"));
          g_assert_nonnull (strstr (run_error->message, "--interpreter"));
          g_assert_cmpuint (sl_experiment_run_get_points (run)->len, ==, 0);
        }
      /* A result's interpreter stays what it is: provenance, shown. */
      if (place == PLACE_RESULT_INTERPRETER)
        {
          g_autoptr(SlExperiment) experiment = g_list_model_get_item (experiments, 0);
          const SlResultPoint *point = g_ptr_array_index (sl_experiment_get_results (experiment), 0);

          g_assert_cmpstr (point->interpreter, ==, script);
        }
      assert_no_marker (place_names[place]);
    }
  g_assert_cmpuint (refused, ==, 2);
  g_assert_cmpuint (loaded, ==, N_PLACES - 2);
}

/* ---- slotlab-cli ---- */

static int
run_cli (const char  *session_path,
         char       **envp,
         const char  *interpreter,
         char       **out,
         char       **err)
{
  const char *args[] = { "run", session_path, "--backend", "live",
                         interpreter ? "--interpreter" : NULL, interpreter, NULL };

  return sl_test_run_cli (tmp_dir, envp, args, out, err);
}

/* No Python anywhere discovery looks: nothing runs, and the message says
 * how to name one. */
static void
test_cli_without_interpreter_on_a_machine_without_python (void)
{
  g_autofree char *empty = g_build_filename (tmp_dir, "empty", NULL);
  g_auto(GStrv) envp = g_get_environ ();

  if (g_getenv ("SLOTLAB_CLI") == NULL)
    {
      g_test_skip ("SLOTLAB_CLI is not set");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  envp = g_environ_setenv (envp, "PATH", empty, TRUE);
  envp = g_environ_setenv (envp, "HOME", empty, TRUE);
  envp = g_environ_setenv (envp, "SLOTLAB_PYTHONS_DIR", empty, TRUE);
  for (Place place = 0; place < N_PLACES; place++)
    {
      g_autofree char *path = write_session (place);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = run_cli (path, envp, NULL, &out, &err);

      g_test_message ("%s: exit %d: %s", place_names[place], status, err);
      assert_no_marker (place_names[place]);
      if (place == PLACE_PYTHON || place == PLACE_EXPERIMENT_PYTHON)
        {
          g_assert_cmpint (status, ==, 2);
          g_assert_nonnull (strstr (err, place_names[place]));
        }
      else
        {
          g_assert_cmpint (status, ==, 3);
          g_assert_nonnull (strstr (err, "No Python interpreter found"));
          g_assert_nonnull (strstr (err, "--interpreter"));
        }
    }
}

/* On this machine discovery finds python3: it runs, not the script. */
static void
test_cli_without_interpreter_runs_what_discovery_finds (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("SLOTLAB_CLI") == NULL || python_path == NULL)
    {
      g_test_skip (python_path == NULL ? "no python3" : "SLOTLAB_CLI is not set");
      return;
    }
  path = write_session (PLACE_ALL_THAT_LOAD);
  status = run_cli (path, NULL, NULL, &out, &err);
  g_test_message ("exit %d: %s%s", status, err, out);
  assert_no_marker ("discovery");
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "\nLive,"));
}

/* The user names the script: now it runs, and the marker appears.  This
 * is what every check above would have seen. */
static void
test_cli_runs_the_script_the_user_names (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("SLOTLAB_CLI") == NULL || python_path == NULL)
    {
      g_test_skip (python_path == NULL ? "no python3" : "SLOTLAB_CLI is not set");
      return;
    }
  assert_no_marker ("before the positive control");
  path = write_session (PLACE_INTERPRETER);
  status = run_cli (path, NULL, script, &out, &err);
  g_test_message ("exit %d: %s%s", status, err, out);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (out, "\nLive,"));
  g_assert_cmpint (g_unlink (marker), ==, 0);

  /* And so does the engine when the user picks it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SlInterpreter) chosen = sl_interpreter_probe (script, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sl_interpreter_get_path (chosen), ==, script);
    g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_unlink (marker), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-session-interpreter-XXXXXX", NULL);
  marker = g_build_filename (tmp_dir, "MARKER", NULL);
  script = g_build_filename (tmp_dir, "python3-that-leaves-a-marker", NULL);
  python_path = g_find_program_in_path ("python3");
  {
    g_autoptr(SlInterpreter) interp = python_path ? sl_interpreter_probe (python_path, NULL, NULL) : NULL;
    g_autofree char *quoted_marker = g_shell_quote (marker);
    g_autofree char *quoted_python = g_shell_quote (interp ? sl_interpreter_get_executable (interp)
                                                           : "/nonexistent/python3");
    g_autofree char *text = g_strdup_printf ("#!/bin/sh\ntouch %s\nexec %s \"$@\"\n",
                                             quoted_marker, quoted_python);

    profile_id = g_strdup (interp && sl_interpreter_get_profile_id (interp)
                           ? sl_interpreter_get_profile_id (interp) : "3.12");
    if (interp == NULL)
      g_clear_pointer (&python_path, g_free);
    g_assert_true (g_file_set_contents (script, text, -1, NULL));
    g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  }

  g_test_add_func ("/session-interpreter/engine-runs-nothing-the-session-names",
                   test_engine_runs_nothing_the_session_names);
  g_test_add_func ("/session-interpreter/cli-without-interpreter-on-a-machine-without-python",
                   test_cli_without_interpreter_on_a_machine_without_python);
  g_test_add_func ("/session-interpreter/cli-without-interpreter-runs-what-discovery-finds",
                   test_cli_without_interpreter_runs_what_discovery_finds);
  g_test_add_func ("/session-interpreter/cli-runs-the-script-the-user-names",
                   test_cli_runs_the_script_the_user_names);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (marker);
  g_free (script);
  g_free (python_path);
  g_free (profile_id);
  return status;
}
