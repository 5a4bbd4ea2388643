/* test-session.c: the session file, the session object and experiments. */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "sl-profile.h"
#include "sl-session-private.h"

#define MINIMAL_SESSION \
  "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": [" \
  "  {\"name\": \"Point\", \"bases\": [], \"slots\": null, \"init\": [\"x\", \"y\"]}]}"

static SlSession *
load_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  SlSession *session = sl_session_load_from_data (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("slotlab-test-session-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
test_lecture_17_loads_from_resource (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = NULL;
  g_autoptr(GArray) counts = NULL;
  static const guint64 expected[] = { 1000, 3162, 10000, 31623, 100000, 316228, 1000000 };
  SlChain *chain = sl_session_get_chain (session);

  g_assert_cmpstr (sl_session_get_title (session), ==, "Lecture 17");
  g_assert_cmpstr (sl_session_get_python (session), ==, "3.12");
  g_assert_false (sl_session_get_modified (session));
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, 8);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, 3)), ==, "SensorRecord");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (chain, 3))[0], ==, "BaseRecord");
  g_assert_false (sl_class_has_slots (sl_chain_get_class (chain, 4)));
  g_assert_true (sl_class_slots_contain (sl_chain_get_class (chain, 7), "__dict__"));

  g_assert_cmpuint (g_list_model_get_n_items (sl_session_get_experiments (session)), ==, 3);
  experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);
  g_assert_cmpstr (sl_experiment_get_class_name (experiment), ==, "RecordDict");
  g_assert_cmpuint (sl_experiment_get_strategies (experiment)->len, ==, 4);
  g_assert_cmpint (sl_experiment_get_metric (experiment), ==, SL_METRIC_TRACED);
  g_assert_cmpint (sl_experiment_get_backend (experiment), ==, SL_BACKEND_MODEL);
  counts = sl_experiment_dup_counts (experiment);
  g_assert_cmpmem (counts->data, counts->len * sizeof (guint64), expected, sizeof expected);

  g_assert_true (sl_session_lookup_experiment (session, "Slide 7: a subclass without __slots__") != NULL);
  /* Every profile, free-threaded ones included, for the per-version chart. */
  g_object_unref (experiment);
  experiment = g_list_model_get_item (sl_session_get_experiments (session), 2);
  g_assert_cmpuint (g_strv_length ((char **) sl_experiment_get_pythons (experiment)), ==, sl_profile_list ()->len);
  g_assert_null (sl_session_lookup_experiment (session, "nope"));
}

static void
assert_round_trip (SlSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length, length_again;

  text = sl_session_to_data (session, &length);
  g_assert_cmpuint (strlen (text), ==, length);
  again = sl_session_load_from_data (text, length, &error);
  g_assert_no_error (error);
  g_assert_true (sl_session_equal (session, again));
  /* A second save writes the same bytes: the key order is stable. */
  text_again = sl_session_to_data (again, &length_again);
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_round_trip_lecture_17 (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlSession) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "lecture.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = sl_session_to_data (session, NULL);
  const char *keys[] = { "\"format\"", "\"version\"", "\"title\"", "\"notes\"", "\"python\"",
                         "\"classes\"", "\"experiments\"" };
  const char *previous = text;

  assert_round_trip (session);

  /* Members in the order PRODUCT.md gives them. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *at = strstr (text, keys[i]);

      g_assert_nonnull (at);
      g_assert_true (at >= previous);
      previous = at;
    }

  g_assert_true (sl_session_save_to_file (session, file, NULL, &error));
  g_assert_no_error (error);
  loaded = sl_session_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sl_session_equal (session, loaded));
  /* Only the file itself: no temporary file is left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_tree (dir);
}

static void
test_round_trip_unusual_values (void)
{
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlExperiment) experiment = NULL;
  const char *text =
    "{\"format\": \"slotlab-session\", \"version\": 1,"
    " \"title\": \"T\\u00e9st \\ud83d\\ude00 \\t\\\"q\\\" \\u2028\", \"notes\": \"a\\nb\\\\c\","
    " \"python\": \"3.12.4\","
    " \"classes\": ["
    "  {\"name\": \"A\", \"bases\": [], \"slots\": [\"x\", 1, 1.5, true, false, null, [1, \"a'b\", [], {}],"
    "    {\"k\": 2, \"j\": [null]}, -0.0, 1e16, 0.1, 1e308, 5e-324, 1E+2, \"__dict__\", \"not an identifier\"], \"init\": [\"x\"]},"
    "  {\"name\": \"B\", \"bases\": [\"A\", \"A\"], \"slots\": [], \"init\": [\"\\u00e9t\\u00e9\"]}],"
    " \"experiments\": ["
    "  {\"name\": \"\\u2028 \\u00e9\", \"class\": \"B\", \"strategies\": [\"mixed\", \"as-declared\"], \"metric\": \"resident\","
    "   \"python\": [], \"backend\": \"live\", \"counts\": {\"list\": [5, 1, 5, 1000000000000]},"
    "   \"results\": [{\"python\": \"3.16.1\", \"strategy\": \"mixed\", \"backend\": \"live\","
    "     \"metric\": \"resident\", \"count\": 5, \"bytes\": 0, \"partial\": true,"
    "     \"interpreter\": \"/opt/python/bin/python3.16\"},"
    "    {\"python\": \"3.12\", \"strategy\": \"as-declared\", \"backend\": \"model\","
    "     \"metric\": \"getsizeof\", \"count\": 1000000000000, \"bytes\": 9223372036854775807,"
    "     \"partial\": false, \"interpreter\": null}]},"
    "  {\"name\": \"linear\", \"class\": \"A\", \"strategies\": [\"dict\"], \"metric\": \"pymalloc\","
    "   \"python\": [\"3.8\", \"3.11\"], \"backend\": \"model\","
    "   \"counts\": {\"from\": 1, \"to\": 1, \"points\": 1000, \"scale\": \"linear\"}}]}";

  session = load_ok (text);
  assert_round_trip (session);

  experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);
  g_assert_cmpint (sl_experiment_get_scale (experiment), ==, SL_SCALE_LIST);
  g_assert_cmpuint (sl_experiment_get_results (experiment)->len, ==, 2);
  g_assert_true (((SlResultPoint *) g_ptr_array_index (sl_experiment_get_results (experiment), 0))->partial);
  g_assert_cmpstr (((SlResultPoint *) g_ptr_array_index (sl_experiment_get_results (experiment), 0))->interpreter,
                   ==, "/opt/python/bin/python3.16");
  g_assert_null (((SlResultPoint *) g_ptr_array_index (sl_experiment_get_results (experiment), 1))->interpreter);
}

/* Issue 10: how each class statement is written.  The file below is in
 * the writer's own layout, so saving it must give back the same bytes;
 * a file without the new members saves without them (test above). */
static void
test_class_statement_members (void)
{
  const char *text =
    "{\n"
    "  \"format\": \"slotlab-session\",\n"
    "  \"version\": 1,\n"
    "  \"title\": \"\",\n"
    "  \"notes\": \"\",\n"
    "  \"python\": \"3.14\",\n"
    "  \"classes\": [\n"
    "    {\n"
    "      \"name\": \"A\",\n"
    "      \"bases\": [],\n"
    "      \"slots\": [\"__p\"],\n"
    "      \"init\": [\"__p\"],\n"
    "      \"slots_spelling\": \"str\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"B\",\n"
    "      \"bases\": [\"A\"],\n"
    "      \"slots\": null,\n"
    "      \"init\": [\"x\", \"y\"],\n"
    "      \"base_init\": \"super\",\n"
    "      \"base_init_at\": 1,\n"
    "      \"elsewhere\": [\"z\", \"__q\"]\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"T\",\n"
    "      \"bases\": [],\n"
    "      \"slots\": [\"a\"],\n"
    "      \"init\": [\"a\"],\n"
    "      \"created_by\": \"type\",\n"
    "      \"slots_spelling\": \"dict\",\n"
    "      \"base_init\": \"none\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"D\",\n"
    "      \"bases\": [],\n"
    "      \"slots\": null,\n"
    "      \"init\": [\"f\"],\n"
    "      \"dataclass\": {\"slots\": true, \"frozen\": false, \"weakref_slot\": true}\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"E\",\n"
    "      \"bases\": [\"D\"],\n"
    "      \"slots\": null,\n"
    "      \"init\": [],\n"
    "      \"dataclass\": {\"slots\": false, \"frozen\": true, \"weakref_slot\": false}\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"P\",\n"
    "      \"bases\": [\"ABC\", \"Generic\"],\n"
    "      \"slots\": null,\n"
    "      \"init\": [\"x\"]\n"
    "    }\n"
    "  ],\n"
    "  \"experiments\": []\n"
    "}\n";
  g_autoptr(SlSession) session = load_ok (text);
  g_autofree char *saved = sl_session_to_data (session, NULL);
  SlChain *chain = sl_session_get_chain (session);
  SlClass *a = sl_chain_lookup (chain, "A"), *b = sl_chain_lookup (chain, "B");
  SlClass *t = sl_chain_lookup (chain, "T"), *d = sl_chain_lookup (chain, "D");
  SlClass *e = sl_chain_lookup (chain, "E"), *p = sl_chain_lookup (chain, "P");
  const char *elsewhere[] = { "z", "__q", NULL };
  g_autoptr(SlClass) copy = NULL;
  guint at = 99;

  g_assert_cmpstr (saved, ==, text);
  assert_round_trip (session);

  g_assert_cmpint (sl_class_get_slots_spelling (a), ==, SL_SLOTS_STR);
  g_assert_cmpint (sl_class_get_created_by (a), ==, SL_CREATED_BY_CLASS);
  g_assert_cmpint (sl_class_get_base_init (a, &at), ==, SL_BASE_INIT_EXPLICIT);
  g_assert_cmpuint (at, ==, 0);
  g_assert_cmpint (sl_class_get_base_init (b, &at), ==, SL_BASE_INIT_SUPER);
  g_assert_cmpuint (at, ==, 1);
  g_assert_true (g_strv_equal (sl_class_get_elsewhere (b), elsewhere));
  g_assert_cmpint (sl_class_get_created_by (t), ==, SL_CREATED_BY_TYPE);
  g_assert_cmpint (sl_class_get_slots_spelling (t), ==, SL_SLOTS_DICT);
  g_assert_cmpint (sl_class_get_base_init (t, NULL), ==, SL_BASE_INIT_NONE);
  g_assert_cmpint (sl_class_get_dataclass (d), ==,
                   SL_DATACLASS | SL_DATACLASS_SLOTS | SL_DATACLASS_WEAKREF_SLOT);
  g_assert_cmpint (sl_class_get_dataclass (e), ==, SL_DATACLASS | SL_DATACLASS_FROZEN);
  /* abc.ABC and typing.Generic[T]: bases no earlier class defines. */
  g_assert_cmpuint (sl_class_get_n_bases (p), ==, 2);
  /* Defaults: a class of a file written before issue 10. */
  g_assert_cmpint (sl_class_get_created_by (p), ==, SL_CREATED_BY_CLASS);
  g_assert_cmpint (sl_class_get_base_init (p, NULL), ==, SL_BASE_INIT_EXPLICIT);
  g_assert_cmpint (sl_class_get_slots_spelling (p), ==, SL_SLOTS_TUPLE);
  g_assert_cmpint (sl_class_get_dataclass (p), ==, SL_DATACLASS_NONE);
  g_assert_cmpuint (g_strv_length ((char **) sl_class_get_elsewhere (p)), ==, 0);

  /* copy and equal see every member. */
  copy = sl_class_copy (b);
  g_assert_true (sl_class_equal (copy, b));
  sl_class_set_base_init (copy, SL_BASE_INIT_SUPER, 2);
  g_assert_false (sl_class_equal (copy, b));
  sl_class_set_base_init (copy, SL_BASE_INIT_SUPER, 1);
  sl_class_set_elsewhere (copy, NULL);
  g_assert_false (sl_class_equal (copy, b));
  g_clear_object (&copy);
  copy = sl_class_copy (d);
  g_assert_true (sl_class_equal (copy, d));
  sl_class_set_dataclass (copy, SL_DATACLASS_SLOTS);
  g_assert_cmpint (sl_class_get_dataclass (copy), ==, SL_DATACLASS | SL_DATACLASS_SLOTS);
  g_assert_false (sl_class_equal (copy, d));
  g_clear_object (&copy);
  copy = sl_class_copy (t);
  sl_class_set_created_by (copy, SL_CREATED_BY_CLASS);
  g_assert_false (sl_class_equal (copy, t));
  sl_class_set_created_by (copy, SL_CREATED_BY_TYPE);
  sl_class_set_slots_spelling (copy, SL_SLOTS_LIST);
  g_assert_false (sl_class_equal (copy, t));
}

static void
test_class_statement_members_refused (void)
{
  static const struct { const char *klass; const char *message; } cases[] = {
    { "{\"name\": \"A\", \"created_by\": \"exec\"}",
      "classes[0].created_by: \"exec\" is not how the class is made (class or type)" },
    { "{\"name\": \"A\", \"base_init\": 1}",
      "classes[0].base_init: expected a string, found an integer" },
    { "{\"name\": \"A\", \"base_init\": \"first\"}",
      "classes[0].base_init: \"first\" is not how __init__ calls the bases' __init__ "
      "(explicit, super or none)" },
    { "{\"name\": \"A\", \"base_init\": \"none\", \"base_init_at\": 2}",
      "classes[0].base_init_at: given, but base_init is \"none\": there is no call to place" },
    { "{\"name\": \"A\", \"base_init_at\": -1}",
      "classes[0].base_init_at: -1 is smaller than 0" },
    { "{\"name\": \"A\", \"slots_spelling\": \"list\"}",
      "classes[0].slots_spelling: given, but the class has no __slots__ (slots is null)" },
    { "{\"name\": \"A\", \"slots\": [\"a\", \"b\"], \"slots_spelling\": \"str\"}",
      "classes[0].slots_spelling: \"str\" (__slots__ = 'name') holds exactly one name, "
      "but slots has 2 items" },
    { "{\"name\": \"A\", \"slots\": [], \"slots_spelling\": \"set\"}",
      "classes[0].slots_spelling: \"set\" is not a spelling of __slots__ (tuple, list, str or dict)" },
    { "{\"name\": \"A\", \"elsewhere\": [\"ok\", \"not ok\"]}",
      "classes[0].elsewhere[1]: the attribute name \"not ok\" is not a Python identifier" },
    { "{\"name\": \"A\", \"dataclass\": true}",
      "classes[0].dataclass: expected an object, found a boolean" },
    { "{\"name\": \"A\", \"dataclass\": {\"slot\": true}}",
      "classes[0].dataclass: \"slot\" is not an option of the session's dataclass "
      "(slots, frozen or weakref_slot)" },
    { "{\"name\": \"A\", \"dataclass\": {\"frozen\": 1}}",
      "classes[0].dataclass.frozen: expected true or false, found an integer" },
    { "{\"name\": \"A\", \"dataclass\": {\"weakref_slot\": true}}",
      "classes[0].dataclass: weakref_slot is true but slots is not; dataclass() refuses that" },
    { "{\"name\": \"A\", \"slots\": [\"f\"], \"dataclass\": {\"slots\": true}}",
      "classes[0].slots: given, but dataclass slots is true: dataclass() makes __slots__ from "
      "the fields (init) and refuses a class that already specifies __slots__" },
    { "{\"name\": \"A\", \"created_by\": \"type\", \"dataclass\": {}}",
      "classes[0].dataclass: a dataclass is made by a class statement, but created_by is \"type\"" },
    { "{\"name\": \"A\", \"created_by\": \"type\", \"elsewhere\": [\"z\"]}",
      "classes[0].elsewhere: given, but created_by is \"type\": only a class statement's "
      "compiler sees stores outside __init__" },
    { "{\"name\": \"A\", \"bases\": [\"Generic\"], \"created_by\": \"type\"}",
      "classes[0].created_by: \"type\", but a base is typing.Generic[T], which only a class "
      "statement can name (type() takes no subscripted generic)" },
    { "{\"name\": \"A\", \"bases\": [\"Abc\"]}",
      "classes[0].bases[0]: \"Abc\" is not a class defined before \"A\"" },
    { "{\"name\": \"A\", \"dataclass\": {}, \"base_init\": \"super\"}",
      "classes[0].base_init: given, but the class is a dataclass: its generated __init__ "
      "never calls a base's __init__" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlSession) session = NULL;
      g_autofree char *text =
        g_strdup_printf ("{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": [%s]}",
                         cases[i].klass);

      session = sl_session_load_from_data (text, -1, &error);
      g_assert_null (session);
      g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* A file written before issue 10 gains no member when saved. */
static void
test_old_file_saves_unchanged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/slotlab/SlotLab/engine/lecture-17.slotlab",
                                                     0, &error);
  g_autoptr(SlSession) session = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  const char *new_members[] = { "\"created_by\"", "\"base_init\"", "\"base_init_at\"",
                                "\"slots_spelling\"", "\"elsewhere\"", "\"dataclass\"" };

  g_assert_no_error (error);
  session = load_ok (g_bytes_get_data (bytes, NULL));
  saved = sl_session_to_data (session, NULL);
  /* The writer lays the hand-written file out its own way, but adds none
   * of the new members and saves its own text unchanged. */
  for (guint i = 0; i < G_N_ELEMENTS (new_members); i++)
    g_assert_null (strstr (saved, new_members[i]));
  g_clear_object (&session);
  session = load_ok (saved);
  again = sl_session_to_data (session, NULL);
  g_assert_cmpstr (again, ==, saved);
}

static void
test_non_string_slots_keep_type_and_repr (void)
{
  static const struct { const char *repr; const char *type; } expected[] = {
    { "x", NULL }, { "1", "int" }, { "1.5", "float" }, { "True", "bool" }, { "False", "bool" },
    { "None", "NoneType" }, { "[1, \"a'b\", [], {}]", "list" }, { "{'k': 2, 'j': [None]}", "dict" },
    { "-0.0", "float" }, { "1e+16", "float" }, { "0.1", "float" }, { "1e-05", "float" },
    { "100.0", "float" }, { "123456789.125", "float" }, { "-9223372036854775808", "int" },
    { "['\\n\\x01\\\\']", "list" },
  };
  const char *text =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
    "  {\"name\": \"A\", \"slots\": [\"x\", 1, 1.5, true, false, null, [1, \"a'b\", [], {}],"
    "    {\"k\": 2, \"j\": [null]}, -0.0, 1e16, 0.1, 0.00001, 1e2, 123456789.125,"
    "    -9223372036854775808, [\"\\n\\u0001\\\\\"]]}]}";
  g_autoptr(SlSession) session = load_ok (text);
  SlClass *klass = sl_chain_get_class (sl_session_get_chain (session), 0);

  g_assert_cmpuint (sl_class_get_n_slots (klass), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *repr = sl_class_get_slots (klass)[i];

      g_assert_cmpstr (repr, ==, expected[i].repr);
      g_assert_cmpstr (sl_class_get_slot_type (klass, i), ==, expected[i].type);
    }
  assert_round_trip (session);
}

static void
test_bom_is_skipped (void)
{
  g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", MINIMAL_SESSION, NULL);
  g_autoptr(SlSession) session = load_ok (text);

  g_assert_cmpuint (sl_chain_get_n_classes (sl_session_get_chain (session)), ==, 1);
  g_assert_cmpstr (sl_session_get_python (session), ==, "3.12");
  g_assert_cmpstr (sl_session_get_title (session), ==, "");
}

/* A session never names a program to run: "interpreter" outside results
 * is ignored, and not written back. */
static void
test_interpreter_is_provenance_only (void)
{
  const char *text =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"interpreter\": \"/bin/sh\","
    " \"future-member\": {\"anything\": [1, 2]},"
    " \"classes\": [{\"name\": \"P\", \"bases\": [], \"slots\": null, \"init\": [], \"color\": \"red\"}],"
    " \"experiments\": [{\"name\": \"e\", \"class\": \"P\", \"interpreter\": \"/bin/rm\","
    "   \"strategies\": [\"dict\"], \"metric\": \"traced\", \"python\": [\"3.12\"],"
    "   \"backend\": \"live\", \"counts\": {\"from\": 1, \"to\": 10, \"points\": 2, \"scale\": \"log\"}}]}";
  g_autoptr(SlSession) session = load_ok (text);
  g_autofree char *saved = sl_session_to_data (session, NULL);

  g_assert_null (strstr (saved, "interpreter"));
  g_assert_null (strstr (saved, "/bin/"));
  g_assert_null (strstr (saved, "future-member"));
}

static void
test_load_error_is_one_error_naming_the_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = NULL;
  const char *text =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
    " {\"name\": \"BaseRecord\"}, {\"name\": \"X\"},"
    " {\"name\": \"SensorRecord\", \"bases\": [\"Recrod\"]}]}";

  session = sl_session_load_from_data (text, -1, &error);
  g_assert_null (session);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "classes[2].bases[0]: \"Recrod\" is not a class defined before \"SensorRecord\"");
}

static void
test_load_file_over_the_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  FILE *f = fopen (path, "w");

  /* A sparse file: refused by its size, before a byte is read. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, SL_SESSION_MAX_FILE_SIZE, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('}', f), ==, '}');
  fclose (f);
  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT);
  g_clear_error (&error);

  /* A device that never ends is not read at all: only a regular file is
   * a session (test-file-safety.c has the FIFO that would hang). */
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      session = sl_session_load_from_file (zero, NULL, &error);
      g_assert_null (session);
      g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "a device"));
      g_clear_error (&error);
    }

  /* A folder, and a file that is not there. */
  g_clear_object (&file);
  file = g_file_new_for_path (dir);
  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
  g_clear_error (&error);
  g_clear_object (&file);
  file = g_file_new_build_filename (dir, "missing.slotlab", NULL);
  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);

  remove_tree (dir);
}

static void
assert_bytes_equal_file (const char *path,
                         GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
test_failed_save_leaves_old_file_whole (void)
{
  g_autoptr(SlSession) old_session = load_ok (MINIMAL_SESSION);
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.slotlab", NULL);
  g_autofree char *sub = g_build_filename (dir, "a-folder.slotlab", NULL);
  g_autofree char *ro_dir = g_build_filename (dir, "read-only", NULL);
  g_autofree char *ro_path = g_build_filename (ro_dir, "old.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(SlExperiment) stray = sl_experiment_new ("stray", "NoSuchClass");
  g_autofree char *old_text = NULL;
  gsize old_length;

  g_assert_true (sl_session_save_to_file (old_session, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &old_text, &old_length, NULL));
  old_bytes = g_bytes_new (old_text, old_length);

  /* Into a folder that does not exist. */
  target = g_file_new_build_filename (dir, "no-such-folder", "x.slotlab", NULL);
  sl_session_set_title (session, "unsaved");
  g_assert_false (sl_session_save_to_file (session, target, NULL, &error));
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
  g_assert_true (sl_session_get_modified (session));
  g_clear_error (&error);
  g_clear_object (&target);

  /* Over a folder. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  target = g_file_new_for_path (sub);
  g_assert_false (sl_session_save_to_file (session, target, NULL, &error));
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
  g_assert_true (g_file_test (sub, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);
  g_clear_object (&target);

  /* A session the format refuses is not written at all. */
  sl_session_add_experiment (session, stray);
  g_assert_false (sl_session_save_to_file (session, file, NULL, &error));
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "experiments[3].class: \"NoSuchClass\""));
  g_clear_error (&error);
  assert_bytes_equal_file (path, old_bytes);
  sl_session_remove_experiment (session, 3);

  /* Into a folder we may not write to (root may write anywhere). */
  g_assert_cmpint (g_mkdir (ro_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (ro_path, old_text, old_length, NULL));
  g_assert_cmpint (g_chmod (ro_path, 0400), ==, 0);
  g_assert_cmpint (g_chmod (ro_dir, 0500), ==, 0);
  if (geteuid () != 0)
    {
      target = g_file_new_for_path (ro_path);
      g_assert_false (sl_session_save_to_file (session, target, NULL, &error));
      g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
      g_clear_error (&error);
      assert_bytes_equal_file (ro_path, old_bytes);
      g_assert_cmpuint (count_entries (ro_dir), ==, 1);
    }
  g_chmod (ro_dir, 0700);

  /* The old file is whole and no temporary file is left behind. */
  assert_bytes_equal_file (path, old_bytes);
  g_assert_cmpuint (count_entries (dir), ==, 3);

  remove_tree (dir);
}

static void
test_modified_flag (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (session), 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "m.slotlab", NULL);
  g_autoptr(SlClass) klass = sl_class_new ("Extra");

  g_assert_false (sl_session_get_modified (session));
  sl_session_set_title (session, sl_session_get_title (session));
  g_assert_false (sl_session_get_modified (session));

  sl_session_set_notes (session, "new notes");
  g_assert_true (sl_session_get_modified (session));
  g_assert_true (sl_session_save_to_file (session, file, NULL, &error));
  g_assert_false (sl_session_get_modified (session));

  sl_class_set_init (sl_chain_get_class (sl_session_get_chain (session), 0),
                     (const char * const[]) { "x", NULL });
  g_assert_true (sl_session_get_modified (session));
  sl_session_set_modified (session, FALSE);

  g_assert_true (sl_chain_append (sl_session_get_chain (session), klass, &error));
  g_assert_true (sl_session_get_modified (session));
  sl_session_set_modified (session, FALSE);

  sl_experiment_set_metric (experiment, SL_METRIC_PYMALLOC);
  g_assert_true (sl_session_get_modified (session));

  remove_tree (dir);
}

/* Pops one emission of `signal` (no parameters, or a notify's pspec). */
#define assert_changed_pop(logger, object) \
  gt_signal_logger_assert_emission_pop (logger, object, "changed", NULL)
#define assert_notify_pop(logger, object, property) \
  G_STMT_START { \
    GParamSpec *pspec = NULL; \
    gt_signal_logger_assert_emission_pop (logger, object, "notify::" property, &pspec); \
    g_assert_cmpstr (pspec->name, ==, property); \
    g_param_spec_unref (pspec); \
  } G_STMT_END

static void
test_signals (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("new", "RecordSlot");
  g_autoptr(SlExperiment) first = g_list_model_get_item (sl_session_get_experiments (session), 0);
  g_autoptr(SlClass) klass = sl_class_new ("Extra");
  g_autoptr(GError) error = NULL;
  const SlResultPoint point = { "3.12", SL_STRATEGY_DICT, SL_BACKEND_MODEL, SL_METRIC_TRACED,
                                1000, 152000, FALSE, NULL };

  gt_signal_logger_connect (logger, session, "changed");
  gt_signal_logger_connect (logger, session, "notify::modified");
  gt_signal_logger_connect (logger, session, "notify::title");

  /* The first edit: the property, then modified, then changed. */
  sl_session_set_title (session, "Lecture 18");
  assert_notify_pop (logger, session, "title");
  assert_notify_pop (logger, session, "modified");
  assert_changed_pop (logger, session);
  gt_signal_logger_assert_no_emissions (logger);

  /* Setting what it already holds is no edit. */
  sl_session_set_title (session, "Lecture 18");
  gt_signal_logger_assert_no_emissions (logger);

  /* Later edits: changed only, modified is already set. */
  sl_session_set_python (session, "3.13");
  assert_changed_pop (logger, session);
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_true (sl_chain_append (sl_session_get_chain (session), klass, &error));
  assert_changed_pop (logger, session);
  gt_signal_logger_assert_no_emissions (logger);

  sl_class_set_slots (klass, (const char * const[]) { "a", NULL });
  assert_changed_pop (logger, session);
  gt_signal_logger_assert_no_emissions (logger);

  sl_experiment_add_result (first, &point);
  assert_changed_pop (logger, session);
  sl_experiment_clear_results (first);
  assert_changed_pop (logger, session);
  sl_experiment_clear_results (first);
  gt_signal_logger_assert_no_emissions (logger);

  sl_session_add_experiment (session, experiment);
  assert_changed_pop (logger, session);
  sl_experiment_set_range (experiment, 10, 100, 3, SL_SCALE_LINEAR);
  assert_changed_pop (logger, session);
  gt_signal_logger_assert_no_emissions (logger);

  sl_session_set_modified (session, FALSE);
  assert_notify_pop (logger, session, "modified");

  sl_session_remove_experiment (session, 3);
  assert_notify_pop (logger, session, "modified");
  assert_changed_pop (logger, session);
  gt_signal_logger_assert_no_emissions (logger);

  /* A removed experiment is no longer the session's business. */
  sl_experiment_set_name (experiment, "gone");
  gt_signal_logger_assert_no_emissions (logger);
}

static void
test_experiment_signals (void)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("e", "C");
  static const SlStrategy strategies[] = { SL_STRATEGY_SLOTS, SL_STRATEGY_DICT };
  static const guint64 counts[] = { 3, 1, 2 };

  gt_signal_logger_connect (logger, experiment, "changed");

  sl_experiment_set_name (experiment, "e");
  sl_experiment_set_metric (experiment, sl_experiment_get_metric (experiment));
  gt_signal_logger_assert_no_emissions (logger);

  sl_experiment_set_class_name (experiment, "D");
  assert_changed_pop (logger, experiment);
  sl_experiment_set_strategies (experiment, strategies, 2);
  assert_changed_pop (logger, experiment);
  sl_experiment_set_strategies (experiment, strategies, 2);
  sl_experiment_set_pythons (experiment, (const char * const[]) { "3.12", NULL });
  assert_changed_pop (logger, experiment);
  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  assert_changed_pop (logger, experiment);
  sl_experiment_set_count_list (experiment, counts, 3);
  assert_changed_pop (logger, experiment);
  sl_experiment_set_count_list (experiment, (const guint64[]) { 1, 2, 3, 3 }, 4);
  gt_signal_logger_assert_no_emissions (logger);
}

static void
assert_counts (SlExperiment  *experiment,
               const guint64 *expected,
               guint          n)
{
  g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);

  g_assert_cmpmem (counts->data, counts->len * sizeof (guint64), expected, n * sizeof (guint64));
}

static void
test_experiment_counts (void)
{
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("e", "C");
  g_autoptr(GArray) dense = NULL;
  g_autoptr(GArray) big = NULL;

  sl_experiment_set_range (experiment, 1000, 10000000, 5, SL_SCALE_LOG);
  assert_counts (experiment, (const guint64[]) { 1000, 10000, 100000, 1000000, 10000000 }, 5);

  sl_experiment_set_range (experiment, 0, 100, 5, SL_SCALE_LINEAR);   /* from is at least 1 */
  assert_counts (experiment, (const guint64[]) { 1, 26, 51, 75, 100 }, 5);

  sl_experiment_set_range (experiment, 7, 7, 50, SL_SCALE_LOG);
  assert_counts (experiment, (const guint64[]) { 7 }, 1);

  sl_experiment_set_range (experiment, 7, 900, 1, SL_SCALE_LINEAR);
  assert_counts (experiment, (const guint64[]) { 7 }, 1);

  /* Rounding makes repeats; they go. */
  sl_experiment_set_range (experiment, 1, 10, 100, SL_SCALE_LOG);
  assert_counts (experiment, (const guint64[]) { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 10);

  sl_experiment_set_range (experiment, 1, SL_EXPERIMENT_MAX_COUNT, SL_EXPERIMENT_MAX_POINTS,
                           SL_SCALE_LINEAR);
  big = sl_experiment_dup_counts (experiment);
  g_assert_cmpuint (big->len, ==, SL_EXPERIMENT_MAX_POINTS);
  g_assert_cmpuint (g_array_index (big, guint64, big->len - 1), ==, SL_EXPERIMENT_MAX_COUNT);

  sl_experiment_set_range (experiment, 1, SL_EXPERIMENT_MAX_COUNT, SL_EXPERIMENT_MAX_POINTS,
                           SL_SCALE_LOG);
  dense = sl_experiment_dup_counts (experiment);
  for (guint i = 1; i < dense->len; i++)
    g_assert_cmpuint (g_array_index (dense, guint64, i - 1), <, g_array_index (dense, guint64, i));
  g_assert_cmpuint (g_array_index (dense, guint64, 0), ==, 1);
  g_assert_cmpuint (g_array_index (dense, guint64, dense->len - 1), ==, SL_EXPERIMENT_MAX_COUNT);

  sl_experiment_set_count_list (experiment, (const guint64[]) { 50, 5, 50, 500 }, 4);
  g_assert_cmpint (sl_experiment_get_scale (experiment), ==, SL_SCALE_LIST);
  assert_counts (experiment, (const guint64[]) { 5, 50, 500 }, 3);
}

static void
test_experiment_copy_and_equal (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);
  g_autoptr(SlExperiment) copy = sl_experiment_copy (experiment);
  const SlResultPoint point = { "3.12", SL_STRATEGY_DICT, SL_BACKEND_LIVE, SL_METRIC_TRACED,
                                1000, 152000, TRUE, "/usr/bin/python3" };

  g_assert_true (sl_experiment_equal (experiment, copy));
  sl_experiment_add_result (copy, &point);
  g_assert_false (sl_experiment_equal (experiment, copy));
  sl_experiment_add_result (experiment, &point);
  g_assert_true (sl_experiment_equal (experiment, copy));
  sl_experiment_set_backend (copy, SL_BACKEND_LIVE);
  g_assert_false (sl_experiment_equal (experiment, copy));

  g_assert_cmpstr (sl_backend_to_string (SL_BACKEND_LIVE), ==, "live");
  g_assert_false (sl_backend_from_string ("Live", NULL));
}

static void
test_python_repr_reads_back (void)
{
  const char *reprs[][2] = {
    { "[1, 'a', None, True, {'k': [1.5]}]", "list" },
    { "{'a\"b': \"it's\", 'c': '\\x7f\\u2028'}", "dict" },
    { "1e+300", "float" },
  };
  const char *not_reprs[][2] = {
    { "[1, 2", "list" }, { "[1,2]", "list" }, { "{'a': 1, 'a': 2}", "dict" }, { "1", "float" },
    { "import os", "list" }, { "'\\x00'", "list" }, { "[" , "list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reprs); i++)
    {
      g_autoptr(JsonNode) node = sl_python_repr_to_json (reprs[i][0], reprs[i][1]);
      g_autofree char *again = NULL;
      const char *type;

      g_assert_nonnull (node);
      again = sl_python_repr_from_json (node, &type);
      g_assert_cmpstr (again, ==, reprs[i][0]);
      g_assert_cmpstr (type, ==, reprs[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_reprs); i++)
    g_assert_null (sl_python_repr_to_json (not_reprs[i][0], not_reprs[i][1]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/lecture-17/loads-from-the-resource", test_lecture_17_loads_from_resource);
  g_test_add_func ("/session/save-load/lecture-17-round-trips", test_round_trip_lecture_17);
  g_test_add_func ("/session/save-load/unusual-values-round-trip", test_round_trip_unusual_values);
  g_test_add_func ("/session/load/non-string-slots-keep-type-and-repr", test_non_string_slots_keep_type_and_repr);
  g_test_add_func ("/session/load/utf8-bom-is-skipped", test_bom_is_skipped);
  g_test_add_func ("/session/class-statement/members-load-save-copy-equal", test_class_statement_members);
  g_test_add_func ("/session/class-statement/bad-members-refused", test_class_statement_members_refused);
  g_test_add_func ("/session/class-statement/old-file-saves-unchanged", test_old_file_saves_unchanged);
  g_test_add_func ("/session/load/interpreter-is-provenance-only", test_interpreter_is_provenance_only);
  g_test_add_func ("/session/load/one-error-naming-the-path", test_load_error_is_one_error_naming_the_path);
  g_test_add_func ("/session/load/file-over-the-limit-is-not-read", test_load_file_over_the_limit);
  g_test_add_func ("/session/save/failure-leaves-old-file-whole", test_failed_save_leaves_old_file_whole);
  g_test_add_func ("/session/modified/set-by-edits-cleared-by-save", test_modified_flag);
  g_test_add_func ("/session/signals/changed-on-every-edit", test_signals);
  g_test_add_func ("/session/repr/reads-back-what-it-writes", test_python_repr_reads_back);
  g_test_add_func ("/experiment/signals/changed-on-every-edit", test_experiment_signals);
  g_test_add_func ("/experiment/counts/spaced-rounded-unique", test_experiment_counts);
  g_test_add_func ("/experiment/copy-and-equal", test_experiment_copy_and_equal);

  return g_test_run ();
}
