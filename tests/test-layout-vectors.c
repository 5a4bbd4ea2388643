/* Every figure of every public vector (tests/vectors/, copied from
 * shared/oracle/) for every release a profile covers, exact. */

#include <math.h>
#include <string.h>

#include "sl-layout.h"
#include "sl-profile.h"

#include "vector-helpers.h"

/* The figures of shared/oracle/README.md that the engine must give exactly
 * where the interpreter gives them, and leave out (or null) exactly where
 * it leaves them out: a figure on one side only is as wrong as a wrong
 * number.  (traced_fixed and arena_bytes_per_instance are "for reference,
 * not exact" there.) */
static const char * const oracle_keys[] = {
  "basicsize", "itemsize", "dictoffset", "weakrefoffset", "gc", "has_dict",
  "getsizeof", "getsizeof_dict", "getsizeof_after_touch",
  "traced_per_instance", "traced_per_instance_touched", "pymalloc_per_instance",
  NULL
};

static void
check_figures (const char *id,
               const char *release,
               JsonObject *expected,
               JsonObject *actual,
               guint      *failures)
{
  for (guint k = 0; oracle_keys[k]; k++)
    {
      const char *key = oracle_keys[k];
      JsonNode *want = json_object_get_member (expected, key);
      JsonNode *got = json_object_get_member (actual, key);
      gboolean want_null = want != NULL && JSON_NODE_HOLDS_NULL (want);
      gboolean got_null = got != NULL && JSON_NODE_HOLDS_NULL (got);

      if ((want == NULL) != (got == NULL) || want_null != got_null)
        {
          g_test_message ("%s on %s: %s is %s in CPython's figures but %s in the engine's", id, release, key,
                          want == NULL ? "absent" : want_null ? "null" : "present",
                          got == NULL ? "absent" : got_null ? "null" : "present");
          (*failures)++;
          continue;
        }
      if (want == NULL || want_null)
        continue;
      if (json_node_get_value_type (want) == G_TYPE_BOOLEAN)
        {
          if (json_node_get_boolean (want) != json_node_get_boolean (got))
            {
              g_test_message ("%s on %s: %s differs", id, release, key);
              (*failures)++;
            }
        }
      else
        {
          /* Per-instance figures carry a small fraction: whole bytes. */
          gint64 w = (gint64) llround (json_node_get_double (want));
          gint64 g = json_node_get_int (got);

          if (w != g)
            {
              g_test_message ("%s on %s: %s is %" G_GINT64_FORMAT ", CPython says %" G_GINT64_FORMAT,
                              id, release, key, g, w);
              (*failures)++;
            }
        }
    }
}

static void
test_vectors_release (gconstpointer data)
{
  const char *release = data;
  g_autofree char *corpus_path = g_test_build_filename (G_TEST_DIST, "vectors", "public.json", NULL);
  g_autofree char *results_name = g_strdup_printf ("public-%s.jsonl", release);
  g_autofree char *results_path = g_test_build_filename (G_TEST_DIST, "vectors", results_name, NULL);
  g_autoptr(JsonNode) corpus = sl_test_load_json (corpus_path);
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
      g_autoptr(JsonNode) json = NULL;
      const char *id;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      expected = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (expected, "id");
      for (guint j = 0; j < json_array_get_length (cases); j++)
        if (strcmp (json_object_get_string_member (json_array_get_object_element (cases, j), "id"), id) == 0)
          c = json_array_get_object_element (cases, j);
      g_assert_nonnull (c);

      chain = sl_test_vector_chain (c);
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

      /* What slotlab-cli layout prints: PRODUCT.md's keys. */
      json = sl_layout_to_json (layout);
      check_figures (id, release, expected, json_node_get_object (json), &failures);
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
