/* test-injection.c: no code injection through a session file.
 *
 * Every name field of a session (class names, bases, slot items, init
 * names, the experiment's name and class, title, notes, the Python version
 * fields, strategies, metric) and every "interpreter" member a malicious
 * session might carry gets each of the injection strings below, whose
 * payload would create a marker file in a fresh temporary folder.  Each
 * session is loaded with sl_session_load_from_data(); one that loads runs
 * its experiment live on the python3 of this machine.  Either the load is
 * refused with a message naming where, or the run is refused with a message
 * (slot items are data for type(), so CPython's own refusal comes back), or
 * the string was plain data (a title, a harmless identifier) and the run
 * measured it as such.  After every attempt the marker must not exist.
 * slotlab-cli gets a few of the same files. */

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-experiment-run.h"
#include "sl-interpreter.h"
#include "sl-session.h"

#include "live-helpers.h"

#define NUL_STAND_IN "\x01"   /* written as \u0000 in the file */

static char *tmp_dir;
static char *marker;          /* must never exist */
static char *evil_script;     /* a Python file that would create the marker */
static SlInterpreter *python; /* NULL: live runs skipped */

typedef enum {
  FIELD_CLASS_NAME_BASE,   /* classes[0].name, renamed everywhere it is used */
  FIELD_CLASS_NAME_LEAF,   /* classes[1].name and the experiment's class */
  FIELD_BASE,
  FIELD_SLOT_BASE,
  FIELD_SLOT_LEAF,
  FIELD_INIT_BASE,
  FIELD_INIT_LEAF,
  FIELD_EXPERIMENT_NAME,
  FIELD_EXPERIMENT_CLASS,
  FIELD_TITLE,
  FIELD_NOTES,
  FIELD_PYTHON,
  FIELD_EXPERIMENT_PYTHON,
  FIELD_STRATEGY,
  FIELD_METRIC,
  FIELD_INTERPRETER,
  FIELD_EXPERIMENT_INTERPRETER,
  FIELD_RESULT_INTERPRETER,
  N_FIELDS
} Field;

static const char * const field_paths[N_FIELDS] = {
  "classes[0].name", "classes[1].name", "classes[1].bases[0]", "classes[0].slots[0]",
  "classes[1].slots[1]", "classes[0].init[0]", "classes[1].init[1]", "experiments[0].name",
  "experiments[0].class", "title", "notes", "python", "experiments[0].python[0]",
  "experiments[0].strategies[0]", "experiments[0].metric", "interpreter",
  "experiments[0].interpreter", "experiments[0].results[0].interpreter",
};

/* Fields whose text only ever is text: shown, saved, never run. */
static gboolean
field_is_text (Field field)
{
  return field == FIELD_TITLE || field == FIELD_NOTES || field == FIELD_EXPERIMENT_NAME ||
         field == FIELD_INTERPRETER || field == FIELD_EXPERIMENT_INTERPRETER ||
         field == FIELD_RESULT_INTERPRETER;
}

/* ---- the strings ---- */

static GPtrArray *
injection_strings (void)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *touch = g_strdup_printf ("touch %s", marker);
  GString *long_code = g_string_new (NULL);
  GString *long_name = g_string_new (NULL);

  g_ptr_array_add (strings, g_strdup_printf ("__import__('os').system('%s')", touch));
  g_ptr_array_add (strings, g_strdup_printf ("x; import os; os.system(\"%s\")", touch));
  g_ptr_array_add (strings, g_strdup_printf ("a\nimport os\nos.system('%s')", touch));
  g_ptr_array_add (strings, g_strdup_printf ("exec(open('%s').read())", evil_script));
  g_ptr_array_add (strings, g_strdup_printf ("\" + __import__('os').popen('%s').read() + \"", touch));
  g_ptr_array_add (strings, g_strdup_printf ("' + __import__('os').popen('%s').read() + '", touch));
  g_ptr_array_add (strings, g_strdup ("{0.__class__}"));
  g_ptr_array_add (strings, g_strdup_printf ("${%s}", touch));
  g_ptr_array_add (strings, g_strdup_printf ("$(%s)", touch));
  g_ptr_array_add (strings, g_strdup_printf ("`%s`", touch));
  g_ptr_array_add (strings, g_strdup_printf ("a' ; %s ; '", touch));
  g_ptr_array_add (strings, g_strdup_printf ("a\" ; %s ; \"", touch));
  g_ptr_array_add (strings, g_strdup ("__builtins__"));
  g_ptr_array_add (strings, g_strdup ("__init__"));
  g_ptr_array_add (strings, g_strdup ("import"));
  g_ptr_array_add (strings, g_strdup_printf ("lambda: __import__('os').system('%s')", touch));
  g_ptr_array_add (strings, g_strdup_printf ("x = 0\n    __import__('os').system('%s')\n    y", touch));
  g_ptr_array_add (strings, g_strdup ("%s%n%x"));
  g_ptr_array_add (strings, g_strdup ("../../../../../bin/sh"));
  /* Fullwidth letters: NFKC makes them "import" and "__import__". */
  g_ptr_array_add (strings, g_strdup ("\xef\xbd\x89\xef\xbd\x8d\xef\xbd\x90\xef\xbd\x8f\xef\xbd\x92\xef\xbd\x94"));
  g_ptr_array_add (strings, g_strdup ("__\xef\xbd\x89\xef\xbd\x8d\xef\xbd\x90\xef\xbd\x8f\xef\xbd\x92\xef\xbd\x94__"));
  /* A right-to-left override hiding the call. */
  g_ptr_array_add (strings, g_strdup_printf ("safe\xe2\x80\xae)'%s'(metsys.)'so'(__tropmi__", touch));
  /* A Cyrillic а that looks like a Latin a. */
  g_ptr_array_add (strings, g_strdup ("\xd0\xb0"));
  /* NUL: the C side of a name ends there, the JSON side does not. */
  g_ptr_array_add (strings, g_strdup_printf ("x" NUL_STAND_IN "__import__('os').system('%s')", touch));
  /* Very long: an identifier of 100 000 letters, and code padded past every limit. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (long_name, 'a' + i % 26);
  g_ptr_array_add (strings, g_string_free (long_name, FALSE));
  g_string_append_printf (long_code, "__import__('os').system('%s')#", touch);
  while (long_code->len < 70000)
    g_string_append (long_code, "xxxxxxxxxxxxxxxx");
  g_ptr_array_add (strings, g_string_free (long_code, FALSE));
  return strings;
}

/* Whether `text` could be code, not a name: anything but letters, digits
 * and underscores. */
static gboolean
looks_like_code (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && !(*p & 0x80))
      return TRUE;
  return FALSE;
}

/* ---- the session ---- */

static void
add_strings (JsonBuilder        *builder,
             const char * const *items)
{
  json_builder_begin_array (builder);
  for (guint i = 0; items[i]; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
}

static void
member (JsonBuilder *builder,
        const char  *name,
        const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* The session with `s` in `field`, as file text. */
static char *
build_session (Field       field,
               const char *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *base = field == FIELD_CLASS_NAME_BASE ? s : "Base";
  const char *leaf = field == FIELD_CLASS_NAME_LEAF ? s : "Leaf";
  const char *base_slots[] = { field == FIELD_SLOT_BASE ? s : "a", "b", NULL };
  const char *leaf_slots[] = { "c", field == FIELD_SLOT_LEAF ? s : "d", NULL };
  const char *base_init[] = { field == FIELD_INIT_BASE ? s : "a", "b", NULL };
  const char *leaf_init[] = { "c", field == FIELD_INIT_LEAF ? s : "d", NULL };
  const char *bases[] = { field == FIELD_BASE ? s : base, NULL };
  const char *pythons[] = { field == FIELD_EXPERIMENT_PYTHON ? s : "3.12", NULL };
  const char *strategies[] = { field == FIELD_STRATEGY ? s : "as-declared", NULL };
  char *text, *at;

  json_builder_begin_object (b);
  member (b, "format", "slotlab-session");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, 1);
  member (b, "title", field == FIELD_TITLE ? s : "Injection");
  member (b, "notes", field == FIELD_NOTES ? s : "");
  member (b, "python", field == FIELD_PYTHON ? s : "3.12");
  if (field == FIELD_INTERPRETER)
    member (b, "interpreter", s);

  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "name", base);
  json_builder_set_member_name (b, "bases");
  add_strings (b, (const char * const []) { NULL });
  json_builder_set_member_name (b, "slots");
  add_strings (b, base_slots);
  json_builder_set_member_name (b, "init");
  add_strings (b, base_init);
  json_builder_end_object (b);
  json_builder_begin_object (b);
  member (b, "name", leaf);
  json_builder_set_member_name (b, "bases");
  add_strings (b, bases);
  json_builder_set_member_name (b, "slots");
  add_strings (b, leaf_slots);
  json_builder_set_member_name (b, "init");
  add_strings (b, leaf_init);
  json_builder_end_object (b);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "experiments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  member (b, "name", field == FIELD_EXPERIMENT_NAME ? s : "Injection");
  member (b, "class", field == FIELD_EXPERIMENT_CLASS ? s : leaf);
  if (field == FIELD_EXPERIMENT_INTERPRETER)
    member (b, "interpreter", s);
  json_builder_set_member_name (b, "strategies");
  add_strings (b, strategies);
  member (b, "metric", field == FIELD_METRIC ? s : "traced");
  json_builder_set_member_name (b, "python");
  add_strings (b, pythons);
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
  if (field == FIELD_RESULT_INTERPRETER)
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
      member (b, "interpreter", s);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  while ((at = strstr (text, "\\u0001")))
    at[5] = '0';
  return text;
}

/* ---- running ---- */

/* One attempt: a string in a field, loaded, and run if it loads. */
typedef struct {
  Field            field;
  const char      *s;
  guint            index;
  char            *what;
  SlSession       *session;
  SlExperimentRun *run;
  GError          *error;
  gboolean         done;
} Attempt;

typedef enum {
  REFUSED_AT_LOAD,
  REFUSED_AT_RUN,        /* the run failed with a message (the probe refused its input) */
  REFUSED_BY_CPYTHON,    /* a strategy refused, with CPython's message */
  MEASURED_AS_DATA,      /* ran to the end: the string was only text or a name */
  NOT_RUN,               /* loaded; no python3 to run it on */
  N_OUTCOMES
} Outcome;

static const char * const outcome_names[N_OUTCOMES] = {
  "refused at load", "refused at run", "refused by CPython", "measured as data", "not run",
};

#define MAX_RUNS_AT_ONCE 4

static void
attempt_free (Attempt *a)
{
  g_free (a->what);
  g_clear_object (&a->session);
  g_clear_object (&a->run);
  g_clear_error (&a->error);
  g_free (a);
}

static void
assert_no_marker (const char *what)
{
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    g_error ("%s: the marker %s exists", what, marker);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Attempt *a = user_data;

  sl_experiment_run_run_finish (SL_EXPERIMENT_RUN (object), result, &a->error);
  a->done = TRUE;
}

/* Loads the session; starts its run (and returns TRUE) if it loads. */
static gboolean
attempt_start (Attempt *a,
               Outcome *outcome)
{
  g_autofree char *text = build_session (a->field, a->s);
  g_autoptr(GError) error = NULL;
  SlExperiment *experiment;

  a->what = g_strdup_printf ("string %u in %s", a->index, field_paths[a->field]);
  a->session = sl_session_load_from_data (text, -1, &error);
  assert_no_marker (a->what);
  if (a->session == NULL)
    {
      g_assert_error (error, SL_SESSION_ERROR, error->code);
      /* Where: the member's JSON path, or the line and column of the text. */
      if (strstr (error->message, field_paths[a->field]) == NULL &&
          strstr (error->message, "line ") == NULL)
        g_error ("%s: “%s” does not say where", a->what, error->message);
      *outcome = REFUSED_AT_LOAD;
      return FALSE;
    }
  /* Names that would be code never load. */
  if (!field_is_text (a->field) && a->field != FIELD_SLOT_BASE && a->field != FIELD_SLOT_LEAF &&
      looks_like_code (a->s))
    g_error ("%s: loaded", a->what);
  if (a->field == FIELD_TITLE)
    g_assert_cmpstr (sl_session_get_title (a->session), ==, a->s);
  if (a->field == FIELD_NOTES)
    g_assert_cmpstr (sl_session_get_notes (a->session), ==, a->s);
  experiment = g_list_model_get_item (sl_session_get_experiments (a->session), 0);
  g_object_unref (experiment);   /* the session keeps it */
  if (a->field == FIELD_EXPERIMENT_NAME)
    g_assert_cmpstr (sl_experiment_get_name (experiment), ==, a->s);
  if (python == NULL)
    {
      *outcome = NOT_RUN;
      return FALSE;
    }

  a->run = sl_experiment_run_new (experiment, sl_session_get_chain (a->session),
                                  sl_session_get_python (a->session));
  sl_experiment_run_set_backend (a->run, SL_BACKEND_LIVE);
  sl_experiment_run_set_interpreter (a->run, python);
  sl_experiment_run_set_timeout (a->run, 30);
  sl_experiment_run_run_async (a->run, NULL, run_done, a);
  return TRUE;
}

static Outcome
attempt_finish (Attempt *a)
{
  const char * const *refusals = sl_experiment_run_get_refusals (a->run);

  assert_no_marker (a->what);
  if (a->error != NULL)
    {
      g_assert_true (a->error->domain == SL_EXPERIMENT_RUN_ERROR);
      g_assert_cmpstr (a->error->message, !=, "");
      g_test_message ("%s: %.200s", a->what, a->error->message);
      return REFUSED_AT_RUN;
    }
  if (refusals[0] != NULL)
    {
      g_test_message ("%s: %.200s", a->what, refusals[0]);
      g_assert_nonnull (strstr (refusals[0], "Error: "));
      if ((a->field == FIELD_SLOT_BASE || a->field == FIELD_SLOT_LEAF) && looks_like_code (a->s) &&
          !strstr (a->s, NUL_STAND_IN))
        g_assert_nonnull (strstr (refusals[0], "__slots__ must be identifiers"));
      return REFUSED_BY_CPYTHON;
    }
  {
    GPtrArray *points = sl_experiment_run_get_points (a->run);

    g_assert_cmpuint (points->len, ==, 2);
    for (guint i = 0; i < points->len; i++)
      {
        const SlResultPoint *point = g_ptr_array_index (points, i);

        /* Measured on the interpreter chosen here, whatever the file said. */
        g_assert_cmpstr (point->interpreter, ==, sl_interpreter_get_path (python));
        g_assert_cmpuint (point->bytes, >=, point->count * 40);
      }
  }
  return MEASURED_AS_DATA;
}

static void
test_every_string_in_every_field (void)
{
  g_autoptr(GPtrArray) strings = injection_strings ();
  g_autoptr(GPtrArray) running = g_ptr_array_new_with_free_func ((GDestroyNotify) attempt_free);
  guint counts[N_FIELDS][N_OUTCOMES] = { { 0, } };
  guint total[N_OUTCOMES] = { 0, };

  g_assert_cmpuint (strings->len, >=, 10);
  for (guint n = 0; n < N_FIELDS * strings->len || running->len > 0; )
    {
      /* Start attempts until MAX_RUNS_AT_ONCE run, then finish those done. */
      while (n < N_FIELDS * strings->len && running->len < MAX_RUNS_AT_ONCE)
        {
          Attempt *a = g_new0 (Attempt, 1);
          Outcome outcome;

          a->field = n / strings->len;
          a->index = n % strings->len;
          a->s = g_ptr_array_index (strings, a->index);
          n++;
          if (attempt_start (a, &outcome))
            g_ptr_array_add (running, a);
          else
            {
              counts[a->field][outcome]++;
              attempt_free (a);
            }
        }
      if (running->len > 0)
        g_main_context_iteration (NULL, TRUE);
      for (guint r = running->len; r-- > 0; )
        {
          Attempt *a = g_ptr_array_index (running, r);

          if (a->done)
            {
              counts[a->field][attempt_finish (a)]++;
              g_ptr_array_remove_index_fast (running, r);
            }
        }
    }
  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_test_message ("%-40s load %2u, run %2u, CPython %2u, data %2u, not run %2u",
                      field_paths[f], counts[f][REFUSED_AT_LOAD], counts[f][REFUSED_AT_RUN],
                      counts[f][REFUSED_BY_CPYTHON], counts[f][MEASURED_AS_DATA], counts[f][NOT_RUN]);
      for (guint o = 0; o < N_OUTCOMES; o++)
        total[o] += counts[f][o];
    }
  for (guint o = 0; o < N_OUTCOMES; o++)
    g_test_message ("%u strings x %u fields: %u %s", strings->len, N_FIELDS, total[o], outcome_names[o]);
  /* The slot items reached CPython, which refused them. */
  if (python != NULL)
    g_assert_cmpuint (counts[FIELD_SLOT_BASE][REFUSED_BY_CPYTHON], >=, 10);
  else
    g_test_skip ("no python3: sessions loaded but not run live");
  assert_no_marker ("the end");
}

/* ---- slotlab-cli ---- */

static void
test_cli_refuses_with_a_message (void)
{
  static const struct {
    Field    field;
    guint    string;
    int      exit_status;
  } cases[] = {
    { FIELD_CLASS_NAME_LEAF, 0, 2 },
    { FIELD_BASE, 8, 2 },
    { FIELD_INIT_BASE, 2, 2 },
    { FIELD_PYTHON, 9, 2 },
    { FIELD_SLOT_BASE, 0, 1 },
    { FIELD_SLOT_LEAF, 10, 1 },
    { FIELD_CLASS_NAME_BASE, 19, 2 },   /* fullwidth "import" */
    { FIELD_TITLE, 8, 0 },
    { FIELD_INTERPRETER, 3, 0 },
  };
  g_autoptr(GPtrArray) strings = injection_strings ();
  const char *cli = g_getenv ("SLOTLAB_CLI");

  if (cli == NULL || python == NULL)
    {
      g_test_skip (cli == NULL ? "SLOTLAB_CLI is not set" : "no python3");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = build_session (cases[i].field, g_ptr_array_index (strings, cases[i].string));
      g_autofree char *path = g_build_filename (tmp_dir, "injection.slotlab", NULL);
      const char *args[] = { "run", path, "--backend", "live", "--interpreter",
                             sl_interpreter_get_path (python), NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      status = sl_test_run_cli (tmp_dir, NULL, args, &out, &err);
      g_test_message ("%s ← string %u: exit %d, %s%.200s", field_paths[cases[i].field], cases[i].string,
                      status, err, out);
      assert_no_marker (field_paths[cases[i].field]);
      g_assert_cmpint (status, ==, cases[i].exit_status);
      if (cases[i].exit_status != 0)
        g_assert_nonnull (strstr (err, "slotlab-cli: "));
      else
        g_assert_nonnull (strstr (out, "\nInjection,"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *on_path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-injection-XXXXXX", NULL);
  marker = g_build_filename (tmp_dir, "MARKER", NULL);
  evil_script = g_build_filename (tmp_dir, "evil.py", NULL);
  {
    g_autofree char *code = g_strdup_printf ("open('%s', 'w').close()\n", marker);

    g_assert_true (g_file_set_contents (evil_script, code, -1, NULL));
  }
  /* The interpreter as discovery finds it: python3 on PATH, run as its
   * sys.executable (past any pyenv shim). */
  if ((on_path = g_find_program_in_path ("python3")))
    {
      g_autoptr(SlInterpreter) found = sl_interpreter_probe (on_path, NULL, NULL);

      if (found != NULL)
        python = sl_interpreter_probe (sl_interpreter_get_executable (found), NULL, NULL);
    }

  g_test_add_func ("/injection/every-string-in-every-field", test_every_string_in_every_field);
  g_test_add_func ("/injection/cli-refuses-with-a-message", test_cli_refuses_with_a_message);
  status = g_test_run ();

  {
    g_autofree char *session = g_build_filename (tmp_dir, "injection.slotlab", NULL);

    g_unlink (session);
    g_unlink (evil_script);
    if (g_rmdir (tmp_dir) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_clear_object (&python);
  g_free (marker);
  g_free (evil_script);
  g_free (tmp_dir);
  return status;
}
