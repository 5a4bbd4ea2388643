/* slotlab-cli as PRODUCT.md states it: JSON out, exit 0/1/2. */

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-helpers.h"

/* One folder for the whole run, removed at the end (each session used to
 * leave a folder of its own in /tmp). */
static char *tmp_dir;

static char *
write_session (const char *classes_json)
{
  static guint n;
  g_autofree char *dir = g_strdup_printf ("%s/%u", tmp_dir, n++);
  char *path = g_build_filename (dir, "chain.slotlab", NULL);
  g_autofree char *text = g_strdup_printf ("{\"format\": \"slotlab-session\", \"version\": 1, "
                                           "\"title\": \"t\", \"notes\": \"\", \"python\": \"3.12\", "
                                           "\"classes\": %s, \"experiments\": []}", classes_json);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_layout_slotted (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  SlTestCliRun run = { 0 };
  JsonObject *o;

  sl_test_cli_run (&run, "layout", path, "--class", "PointWithSlots", "--python", "3.12.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "python"), ==, "3.12.1");
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "PointWithSlots");
  g_assert_cmpint (json_object_get_int_member (o, "basicsize"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (o, "getsizeof"), ==, 56);
  g_assert_cmpint (json_object_get_int_member (o, "traced_per_instance"), ==, 56);
  g_assert_cmpint (json_object_get_int_member (o, "pymalloc_per_instance"), ==, 64);
  g_assert_false (json_object_get_boolean_member (o, "has_dict"));
  /* Figures that do not apply are left out, as measure.py leaves them out. */
  g_assert_false (json_object_has_member (o, "getsizeof_dict"));
  g_assert_false (json_object_has_member (o, "traced_per_instance_touched"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "fields")), ==, 6);
  sl_test_cli_run_clear (&run);
}

static void
test_cli_layout_strategy_and_default_python (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  SlTestCliRun run = { 0 };
  JsonObject *o;

  /* The session says 3.12; PointWithDict made mixed keeps its dict. */
  sl_test_cli_run (&run, "layout", path, "--class", "PointWithDict", "--strategy", "mixed", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "python"), ==, "3.12");
  g_assert_cmpint (json_object_get_int_member (o, "basicsize"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (o, "dictoffset"), ==, -1);
  g_assert_cmpint (json_object_get_int_member (o, "getsizeof_dict"), ==, 296);
  sl_test_cli_run_clear (&run);
}

static void
test_cli_layout_free_threaded_has_no_pymalloc (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  SlTestCliRun run = { 0 };
  JsonObject *o;

  sl_test_cli_run (&run, "layout", path, "--class", "PointWithSlots", "--python", "3.14t", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (o, "basicsize"), ==, 56);
  g_assert_true (json_object_get_null_member (o, "pymalloc_per_instance"));
  sl_test_cli_run_clear (&run);
}

static void
test_cli_layout_refusal_exits_1 (void)
{
  g_autofree char *path = write_session (
    "[{\"name\": \"A\", \"bases\": [], \"slots\": [\"a\"], \"init\": []},"
    " {\"name\": \"B\", \"bases\": [], \"slots\": [\"b\"], \"init\": []},"
    " {\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"slots\": [], \"init\": []}]");
  g_autoptr(JsonParser) parser = json_parser_new ();
  SlTestCliRun run = { 0 };
  JsonObject *o;

  sl_test_cli_run (&run, "layout", path, "--class", "C", "--python", "3.11", NULL);
  g_assert_cmpint (run.status, ==, 1);
  o = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "python"), ==, "3.11");
  g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "C");
  g_assert_cmpstr (json_object_get_string_member (o, "error"), ==,
                   "TypeError: multiple bases have instance lay-out conflict");
  g_assert_false (json_object_has_member (o, "basicsize"));
  sl_test_cli_run_clear (&run);
}

/* The module creates A and B before it reaches C: A is laid out as CPython
 * 3.11 made it (A.__basicsize__ 24, sys.getsizeof(A()) 40, measured), and
 * C's refusal is C's alone. */
static void
test_cli_layout_class_before_a_refused_one (void)
{
  g_autofree char *path = write_session (
    "[{\"name\": \"A\", \"bases\": [], \"slots\": [\"a\"], \"init\": []},"
    " {\"name\": \"B\", \"bases\": [], \"slots\": [\"b\"], \"init\": []},"
    " {\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"slots\": [], \"init\": []}]");
  const char *strategies[] = { "as-declared", "slots", "mixed", "dict" };

  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      SlTestCliRun run = { 0 };
      JsonObject *o;

      sl_test_cli_run (&run, "layout", path, "--class", "A", "--python", "3.11", "--strategy", strategies[i], NULL);
      g_test_message ("%s: %s", strategies[i], run.out);
      g_assert_cmpint (run.status, ==, 0);
      o = parse_object (parser, run.out);
      g_assert_false (json_object_has_member (o, "error"));
      g_assert_cmpstr (json_object_get_string_member (o, "class"), ==, "A");
      if (i == 0)
        {
          g_assert_cmpint (json_object_get_int_member (o, "basicsize"), ==, 24);
          g_assert_cmpint (json_object_get_int_member (o, "getsizeof"), ==, 40);
        }
      sl_test_cli_run_clear (&run);
    }
}

/* Names as CPython's compiler takes them (checked on 3.8, 3.12, 3.13 and
 * 3.14): `class ﬁle` with `self.ﬁle = …` makes the class "file" and
 * stores "file" (NFKC, PEP 3131), while the __slots__ string 'ﬁle' stays
 * as written, so the store misses the slot: "AttributeError: 'file'
 * object has no attribute 'file'".  A slot named '__debug__' is data and
 * type() takes it; the Python export of all this compiles. */
static void
test_cli_names_as_cpython_compiles_them (void)
{
  g_autofree char *path = write_session (
    "[{\"name\": \"\\ufb01le\", \"bases\": [], \"slots\": [\"\\ufb01le\"], \"init\": [\"\\ufb01le\"]},"
    " {\"name\": \"D\", \"bases\": [\"\\ufb01le\"], \"slots\": null, \"init\": [\"\\ufb01le\"]},"
    " {\"name\": \"S\", \"bases\": [], \"slots\": [\"__debug__\"], \"init\": []}]");
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  g_autofree char *python3 = g_find_program_in_path ("python3");
  SlTestCliRun run = { 0 };
  JsonObject *o;

  sl_test_cli_run (&run, "layout", path, "--class", "file", "--python", "3.12", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (parse_object (p1, run.out), "error"), ==,
                   "AttributeError: 'file' object has no attribute 'file'");
  sl_test_cli_run_clear (&run);

  /* D has a __dict__: file.__init__ stores "file" there (3.12: 24 bytes
   * of object, 56 with the GC head and the managed dict's pre-header). */
  sl_test_cli_run (&run, "layout", path, "--class", "D", "--python", "3.12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (p2, run.out);
  g_assert_true (json_object_get_boolean_member (o, "has_dict"));
  g_assert_cmpint (json_object_get_int_member (o, "getsizeof"), ==, 56);
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "layout", path, "--class", "S", "--python", "3.12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (p3, run.out);
  g_assert_cmpint (json_object_get_int_member (o, "basicsize"), ==, 24);
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "python", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "class file:\n    __slots__ = ('\xef\xac\x81le',)\n"));
  g_assert_nonnull (strstr (run.out, "        self.file = 0\n"));
  if (python3 != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *source = g_build_filename (dir, "export.py", NULL);
      const char *argv[] = { python3, "-I", "-c",
                             "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')",
                             source, NULL };
      g_autofree char *err = NULL;
      int status = -1;

      g_assert_true (g_file_set_contents (source, run.out, -1, NULL));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, &err, &status, NULL));
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("the Python export does not compile: %s", err);
    }
  sl_test_cli_run_clear (&run);
}

/* `slotlab-cli python` never writes a SyntaxError: every session that
 * loads (the fuzz seeds, the lecture, and one
 * with awkward names: soft keywords, NFKC spellings, a '__debug__' slot,
 * slot strings with quotes, backslashes, escapes and bidi controls, slots
 * that are not strings) is exported and compiled by a real python3. */
static void
test_cli_python_export_always_compiles (void)
{
  g_autofree char *python3 = g_find_program_in_path ("python3");
  g_autofree char *awkward = write_session (
    "[{\"name\": \"match\", \"bases\": [], \"slots\": [\"case\", \"_\"], \"init\": [\"case\"]},"
    " {\"name\": \"type\", \"bases\": [\"match\"], \"slots\": null, \"init\": [\"print\", \"\\u00b5\", \"\\ufb01le\"]},"
    " {\"name\": \"self\", \"bases\": [], \"slots\": [\"__debug__\", \"a'b\", \"c\\\"d\", \"e\\\\f\","
    "   \"g\\nh\", \"\\u001b[31m\", \"x\\u202ey\", \"\\u0085\", 1, 2.5, true, null, [1, \"z\"]], \"init\": []},"
    " {\"name\": \"_\", \"bases\": [\"self\"], \"slots\": [], \"init\": [\"self\"]}]");
  g_autofree char *out_dir = g_dir_make_tmp ("slotlab-python-export-XXXXXX", NULL);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  /* (The hostile files are all refused at load: test-hostile.c.) */
  const char *folders[] = { "fuzz/corpus-session" };
  guint exported = 0;

  if (python3 == NULL)
    {
      g_test_skip ("no python3 to compile with");
      return;
    }
  g_ptr_array_add (inputs, g_strdup (awkward));
  g_ptr_array_add (inputs, sl_test_lecture_path ());
  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".slotlab"))
          g_ptr_array_add (inputs, g_build_filename (dir_path, name, NULL));
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      const char *input = g_ptr_array_index (inputs, i);
      SlTestCliRun run = { 0 };

      sl_test_cli_run (&run, "python", input, NULL);
      if (run.status == 0)
        {
          g_autofree char *name = g_strdup_printf ("export-%u.py", i);
          g_autofree char *path = g_build_filename (out_dir, name, NULL);

          g_assert_true (g_file_set_contents (path, run.out, -1, NULL));
          exported++;
        }
      else
        g_assert_cmpint (run.status, ==, 2);
      if (i == 0)
        g_assert_cmpint (run.status, ==, 0);   /* the awkward names all load */
      sl_test_cli_run_clear (&run);
    }
  {
    const char *argv[] = { python3, "-I", "-c",
                           "import os, sys\n"
                           "bad = []\n"
                           "for n in sorted(os.listdir(sys.argv[1])):\n"
                           "    p = os.path.join(sys.argv[1], n)\n"
                           "    try:\n"
                           "        compile(open(p, encoding='utf-8').read(), p, 'exec')\n"
                           "    except SyntaxError as e:\n"
                           "        bad.append('%s: %s' % (n, e))\n"
                           "print('\\n'.join(bad))\n"
                           "sys.exit(1 if bad else 0)\n",
                           out_dir, NULL };
    g_autofree char *out = NULL;
    int status = -1;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, NULL, &status, NULL));
    g_test_message ("%u sessions exported", exported);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("exports that do not compile:\n%s", out);
  }
  g_assert_cmpuint (exported, >=, 3);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", out_dir);

    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
test_cli_init_error_text_per_version (void)
{
  g_autofree char *path = write_session (
    "[{\"name\": \"P\", \"bases\": [], \"slots\": [\"x\"], \"init\": [\"x\", \"y\"]}]");
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  SlTestCliRun run = { 0 };

  sl_test_cli_run (&run, "layout", path, "--class", "P", "--python", "3.12", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (parse_object (p1, run.out), "error"), ==,
                   "AttributeError: 'P' object has no attribute 'y'");
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "layout", path, "--class", "P", "--python", "3.13", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (parse_object (p2, run.out), "error"), ==,
                   "AttributeError: 'P' object has no attribute 'y' and no __dict__ for setting new attributes");
  sl_test_cli_run_clear (&run);
}

static void
test_cli_bad_input_exits_2 (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-slotlab-session.slotlab", NULL);
  SlTestCliRun run = { 0 };

  sl_test_cli_run (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "layout", path, "--class", "Nope", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Nope"));
  g_assert_cmpstr (run.out, ==, "");
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "layout", path, "--class", "PointWithDict", "--python", "2.7", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2.7"));
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "layout", path, "--class", "PointWithDict", "--strategy", "fast", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "layout", missing, "--class", "A", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no-such-slotlab-session"));
  sl_test_cli_run_clear (&run);

  sl_test_cli_run (&run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  sl_test_cli_run_clear (&run);
}

static void
test_cli_versions_lists_every_profile (void)
{
  SlTestCliRun run = { 0 };
  const char *ids[] = { "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.13t", "3.14", "3.14t", "3.15" };

  sl_test_cli_run (&run, "versions", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *line = g_strdup_printf ("\n%s ", ids[i]);
      g_autofree char *text = g_strconcat ("\n", run.out, NULL);

      g_assert_nonnull (strstr (text, line));
    }
  g_assert_nonnull (strstr (run.out, "free-threaded"));
  sl_test_cli_run_clear (&run);
}

static void
test_cli_python_prints_the_chain (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  SlTestCliRun run = { 0 };

  sl_test_cli_run (&run, "python", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "class SensorRecord(BaseRecord):\n    __slots__ = ('sensorId', 'value', 'unit')\n"));
  g_assert_nonnull (strstr (run.out, "    __slots__ = ('x', 'y', 'z', '__dict__')\n"));
  sl_test_cli_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/layout/slotted", test_cli_layout_slotted);
  g_test_add_func ("/cli/layout/strategy-and-default-python", test_cli_layout_strategy_and_default_python);
  g_test_add_func ("/cli/layout/free-threaded-has-no-pymalloc", test_cli_layout_free_threaded_has_no_pymalloc);
  g_test_add_func ("/cli/layout/refusal-exits-1", test_cli_layout_refusal_exits_1);
  g_test_add_func ("/cli/layout/class-before-a-refused-one", test_cli_layout_class_before_a_refused_one);
  g_test_add_func ("/cli/layout/names-as-cpython-compiles-them", test_cli_names_as_cpython_compiles_them);
  g_test_add_func ("/cli/layout/init-error-text-per-version", test_cli_init_error_text_per_version);
  g_test_add_func ("/cli/bad-input-exits-2", test_cli_bad_input_exits_2);
  g_test_add_func ("/cli/versions/lists-every-profile", test_cli_versions_lists_every_profile);
  g_test_add_func ("/cli/python/export-always-compiles", test_cli_python_export_always_compiles);
  g_test_add_func ("/cli/python/prints-the-chain", test_cli_python_prints_the_chain);
  tmp_dir = g_dir_make_tmp ("slotlab-test-cli-XXXXXX", NULL);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
