/* Every figure of every public vector (tests/vectors/, copied from
 * shared/oracle/) for every release a profile covers, exact. */

#include <math.h>
#include <string.h>

#include "sl-layout.h"
#include "sl-profile.h"

static SlChain *
chain_from_case (JsonObject *c)
{
  SlChain *chain = sl_chain_new ();
  JsonArray *classes = json_object_get_array_member (c, "classes");

  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      JsonObject *k = json_array_get_object_element (classes, i);
      g_autoptr(SlClass) klass = sl_class_new (json_object_get_string_member (k, "name"));
      g_autoptr(GStrvBuilder) bases = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) init = g_strv_builder_new ();
      g_auto(GStrv) bases_v = NULL, init_v = NULL;
      g_autoptr(GError) error = NULL;

      if (json_object_has_member (k, "bases"))
        {
          JsonArray *a = json_object_get_array_member (k, "bases");

          for (guint j = 0; j < json_array_get_length (a); j++)
            g_strv_builder_add (bases, json_array_get_string_element (a, j));
        }
      if (json_object_has_member (k, "init"))
        {
          JsonArray *a = json_object_get_array_member (k, "init");

          for (guint j = 0; j < json_array_get_length (a); j++)
            g_strv_builder_add (init, json_array_get_string_element (a, j));
        }
      if (json_object_has_member (k, "slots") && !json_object_get_null_member (k, "slots"))
        {
          JsonArray *a = json_object_get_array_member (k, "slots");
          g_autoptr(GStrvBuilder) slots = g_strv_builder_new ();
          g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
          g_auto(GStrv) slots_v = NULL, types_v = NULL;

          /* A non-string item keeps its Python type: CPython refuses it. */
          for (guint j = 0; j < json_array_get_length (a); j++)
            {
              JsonNode *item = json_array_get_element (a, j);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  g_strv_builder_add (slots, json_node_get_string (item));
                  g_strv_builder_add (types, "");
                }
              else
                {
                  g_strv_builder_add (slots, "0");
                  g_strv_builder_add (types, json_node_get_value_type (item) == G_TYPE_BOOLEAN ? "bool" :
                                             json_node_get_value_type (item) == G_TYPE_DOUBLE ? "float" : "int");
                }
            }
          slots_v = g_strv_builder_end (slots);
          types_v = g_strv_builder_end (types);
          sl_class_set_slots_full (klass, (const char * const *) slots_v, (const char * const *) types_v);
        }
      bases_v = g_strv_builder_end (bases);
      init_v = g_strv_builder_end (init);
      sl_class_set_bases (klass, (const char * const *) bases_v);
      sl_class_set_init (klass, (const char * const *) init_v);
      /* shared/oracle/measure.py builds every class with type() and an
       * __init__ exec'd outside any class body. */
      sl_class_set_created_by (klass, SL_CREATED_BY_TYPE);
      g_assert_true (sl_chain_append (chain, klass, &error));
      g_assert_no_error (error);
    }
  return chain;
}

static JsonNode *
load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
check_int (const char *id,
           const char *release,
           const char *key,
           JsonObject *expected,
           gint64      actual,
           guint      *failures)
{
  gint64 want;

  if (!json_object_has_member (expected, key) || json_object_get_null_member (expected, key))
    return;
  want = (gint64) llround (json_object_get_double_member (expected, key));
  if (want != actual)
    {
      g_test_message ("%s on %s: %s is %" G_GINT64_FORMAT ", CPython says %" G_GINT64_FORMAT,
                      id, release, key, actual, want);
      (*failures)++;
    }
}

static void
test_vectors_release (gconstpointer data)
{
  const char *release = data;
  g_autofree char *corpus_path = g_test_build_filename (G_TEST_DIST, "vectors", "public.json", NULL);
  g_autofree char *results_name = g_strdup_printf ("public-%s.jsonl", release);
  g_autofree char *results_path = g_test_build_filename (G_TEST_DIST, "vectors", results_name, NULL);
  g_autoptr(JsonNode) corpus = load_json (corpus_path);
  g_autofree char *results = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProfile) profile = sl_profile_lookup (release, &error);
  JsonArray *cases = json_node_get_array (corpus);
  guint failures = 0, checked = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (results_path, &results, NULL, &error));
  lines = g_strsplit (results, "\n", -1);

  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *expected, *c = NULL;
      g_autoptr(SlChain) chain = NULL;
      g_autoptr(SlLayout) layout = NULL;
      const SlFigures *f;
      const char *id;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      expected = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (expected, "id");
      for (guint j = 0; j < json_array_get_length (cases); j++)
        if (strcmp (json_object_get_string_member (json_array_get_object_element (cases, j), "id"), id) == 0)
          c = json_array_get_object_element (cases, j);
      g_assert_nonnull (c);

      chain = chain_from_case (c);
      layout = sl_layout_compute (chain, json_object_get_string_member (c, "instance"), profile, &error);
      g_assert_no_error (error);
      checked++;

      if (json_object_has_member (expected, "error"))
        {
          if (g_strcmp0 (sl_layout_get_error (layout), json_object_get_string_member (expected, "error")) != 0)
            {
              g_test_message ("%s on %s: error is \"%s\", CPython says \"%s\"", id, release,
                              sl_layout_get_error (layout), json_object_get_string_member (expected, "error"));
              failures++;
            }
          continue;
        }
      if (sl_layout_get_error (layout))
        {
          g_test_message ("%s on %s: refused with \"%s\"", id, release, sl_layout_get_error (layout));
          failures++;
          continue;
        }

      f = sl_layout_get_figures (layout);
      check_int (id, release, "basicsize", expected, f->basicsize, &failures);
      check_int (id, release, "itemsize", expected, f->itemsize, &failures);
      check_int (id, release, "dictoffset", expected, f->dictoffset, &failures);
      check_int (id, release, "weakrefoffset", expected, f->weakrefoffset, &failures);
      if (json_object_get_boolean_member (expected, "gc") != f->gc ||
          json_object_get_boolean_member (expected, "has_dict") != f->has_dict)
        {
          g_test_message ("%s on %s: gc/has_dict differ", id, release);
          failures++;
        }
      check_int (id, release, "getsizeof", expected, f->getsizeof, &failures);
      check_int (id, release, "getsizeof_dict", expected, f->getsizeof_dict, &failures);
      check_int (id, release, "getsizeof_after_touch", expected, f->getsizeof_after_touch, &failures);
      check_int (id, release, "traced_per_instance", expected, f->traced_per_instance, &failures);
      check_int (id, release, "traced_per_instance_touched", expected, f->traced_per_instance_touched, &failures);
      check_int (id, release, "pymalloc_per_instance", expected, f->pymalloc_per_instance, &failures);
      if (json_object_get_null_member (expected, "pymalloc_per_instance") != (f->pymalloc_per_instance < 0))
        {
          g_test_message ("%s on %s: pymalloc figure present on one side only", id, release);
          failures++;
        }
    }

  g_test_message ("%s: %u cases, %u figures wrong", release, checked, failures);
  g_assert_cmpuint (checked, >, 0);
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *vectors = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  vectors = g_test_build_filename (G_TEST_DIST, "vectors", NULL);
  dir = g_dir_open (vectors, 0, NULL);
  g_assert_nonnull (dir);

  /* One test per results file whose release a profile covers. */
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, "public-") && g_str_has_suffix (name, ".jsonl"))
      {
        g_autofree char *release = g_strndup (name + 7, strlen (name) - 7 - 6);
        g_autoptr(SlProfile) profile = sl_profile_lookup (release, NULL);
        g_autofree char *path = g_strdup_printf ("/layout/vectors/%s", release);

        if (profile != NULL)
          g_test_add_data_func_full (path, g_steal_pointer (&release), test_vectors_release, g_free);
      }
  return g_test_run ();
}
