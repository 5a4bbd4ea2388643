/* test-advice.c: the decision card (sl-advice.c, `slotlab-cli advise`).
 *
 * Totals must be N × per-instance + fixed.  The per-instance figure the
 * test expects is what a real interpreter measured (the public vectors of
 * tests/vectors/, shared/oracle's results); the fixed part is the model's
 * layout figure.  Neither comes from sl_advice_compute().
 */

#include <math.h>
#include <string.h>

#include "sl-advice.h"
#include "sl-layout.h"
#include "sl-profile.h"

static const guint64 counts[] = { 1, 1000, 10000000, G_GUINT64_CONSTANT (1000000000000) };

static SlChain *
chain_from_case (JsonObject *c)
{
  SlChain *chain = sl_chain_new ();
  JsonArray *classes = json_object_get_array_member (c, "classes");

  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      JsonObject *k = json_array_get_object_element (classes, i);
      g_autoptr(SlClass) klass = sl_class_new (json_object_get_string_member (k, "name"));
      g_autoptr(GStrvBuilder) bases = g_strv_builder_new (), init = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) slots = g_strv_builder_new ();
      g_auto(GStrv) bases_v = NULL, init_v = NULL, slots_v = NULL;
      JsonArray *a;

      a = json_object_has_member (k, "bases") ? json_object_get_array_member (k, "bases") : NULL;
      for (guint j = 0; a && j < json_array_get_length (a); j++)
        g_strv_builder_add (bases, json_array_get_string_element (a, j));
      a = json_object_has_member (k, "init") ? json_object_get_array_member (k, "init") : NULL;
      for (guint j = 0; a && j < json_array_get_length (a); j++)
        g_strv_builder_add (init, json_array_get_string_element (a, j));
      bases_v = g_strv_builder_end (bases);
      init_v = g_strv_builder_end (init);
      sl_class_set_bases (klass, (const char * const *) bases_v);
      sl_class_set_init (klass, (const char * const *) init_v);
      if (json_object_has_member (k, "slots") && !json_object_get_null_member (k, "slots"))
        {
          a = json_object_get_array_member (k, "slots");
          for (guint j = 0; j < json_array_get_length (a); j++)
            {
              JsonNode *item = json_array_get_element (a, j);

              if (json_node_get_value_type (item) != G_TYPE_STRING)
                {
                  g_object_unref (chain);
                  return NULL;   /* not this test's business */
                }
              g_strv_builder_add (slots, json_node_get_string (item));
            }
          slots_v = g_strv_builder_end (slots);
          sl_class_set_slots (klass, (const char * const *) slots_v);
        }
      /* shared/oracle/measure.py builds every class with type(). */
      sl_class_set_created_by (klass, SL_CREATED_BY_TYPE);
      if (!sl_chain_append (chain, klass, NULL))
        {
          g_object_unref (chain);
          return NULL;
        }
    }
  return chain;
}

static void
check_identities (SlAdvice *advice)
{
  const SlAdviceRow *declared = &advice->rows[SL_STRATEGY_AS_DECLARED];

  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      const SlAdviceRow *row = &advice->rows[s];

      if (row->error)
        continue;
      /* The break-down adds up to the whole; the overhead is RAM − requested. */
      g_assert_cmpfloat (row->instances + row->dicts + row->value_objects + row->fixed, ==, row->requested);
      g_assert_cmpfloat (fabs (row->resident - row->requested - row->overhead), <, 1e-6 * row->resident + 1);
      g_assert_cmpfloat (row->resident_per_instance, >=, row->per_instance);
      if (!declared->error)
        g_assert_cmpfloat (row->saving, ==, declared->requested - row->requested);
    }
}

static void
test_totals_from_real_vectors (void)
{
  static const char * const releases[] = { "3.8.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0", "3.14.10",
                                           "3.15.2", "3.13.15t", "3.14.7t" };
  g_autofree char *corpus_path = g_test_build_filename (G_TEST_DIST, "vectors", "public.json", NULL);
  g_autoptr(JsonParser) corpus = json_parser_new ();
  g_autoptr(GHashTable) cases = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *all;
  guint checked = 0;

  g_assert_true (json_parser_load_from_file (corpus, corpus_path, NULL));
  all = json_node_get_array (json_parser_get_root (corpus));
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *c = json_array_get_object_element (all, i);

      g_hash_table_insert (cases, (gpointer) json_object_get_string_member (c, "id"), c);
    }

  for (guint r = 0; r < G_N_ELEMENTS (releases); r++)
    {
      g_autofree char *name = g_strdup_printf ("public-%s.jsonl", releases[r]);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "vectors", name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(SlProfile) profile = sl_profile_lookup (releases[r], NULL);

      g_assert_nonnull (profile);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l] && lines[l][0]; l++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(SlChain) chain = NULL;
          g_autoptr(SlLayout) layout = NULL;
          JsonObject *v, *c;
          const char *instance;
          gint64 measured;

          g_assert_true (json_parser_load_from_data (parser, lines[l], -1, NULL));
          v = json_node_get_object (json_parser_get_root (parser));
          c = g_hash_table_lookup (cases, json_object_get_string_member (v, "id"));
          if (c == NULL || json_object_has_member (v, "error") || !(chain = chain_from_case (c)))
            continue;
          instance = json_object_get_string_member (c, "instance");
          measured = llround (json_object_get_double_member (v, "traced_per_instance"));
          layout = sl_layout_compute (chain, instance, profile, NULL);
          g_assert_nonnull (layout);
          if (sl_layout_get_error (layout))
            continue;

          for (guint n = 0; n < G_N_ELEMENTS (counts); n++)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(SlAdvice) advice = sl_advice_compute (chain, instance, profile, counts[n], &error);
              double want = (double) counts[n] * (double) measured + sl_layout_get_fixed (layout, SL_METRIC_TRACED);

              g_assert_no_error (error);
              if (advice->rows[SL_STRATEGY_AS_DECLARED].requested != want)
                g_error ("%s on %s, N = %" G_GUINT64_FORMAT ": advice %.0f, measured per instance %" G_GINT64_FORMAT
                         " gives %.0f", json_object_get_string_member (v, "id"), releases[r], counts[n],
                         advice->rows[SL_STRATEGY_AS_DECLARED].requested, measured, want);
              check_identities (advice);
              checked++;
            }
        }
    }
  g_test_message ("%u totals checked against the measured per-instance figures", checked);
  g_assert_cmpuint (checked, >, 100);
}

/* "My ten million SensorRecords hold an int, a float, two short strings."
 * Measured on 3.12.1 through the probe: 241 bytes per instance as declared
 * (no __slots__), 209 with __slots__ (the 145 bytes of values stay). */
static void
test_values_included (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  g_autoptr(SlClass) klass = sl_class_new ("SensorRecord");
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.12.1", NULL);
  g_autoptr(SlAdvice) advice = NULL;
  g_autoptr(SlLayout) layout = NULL;
  const char *names[] = { "reading_id", "value", "sensor", "unit", NULL };
  const char *values[] = { "int", "float", "str:8", "str:3", NULL };
  const guint64 n = 10000000;
  double fixed;

  sl_class_set_init_full (klass, names, values);
  g_assert_true (sl_chain_append (chain, klass, NULL));
  layout = sl_layout_compute (chain, "SensorRecord", profile, NULL);
  fixed = sl_layout_get_fixed (layout, SL_METRIC_TRACED);
  advice = sl_advice_compute (chain, "SensorRecord", profile, n, NULL);
  g_assert_nonnull (advice);
  g_assert_cmpfloat (advice->rows[SL_STRATEGY_AS_DECLARED].requested, ==, n * 241.0 + fixed);
  g_assert_cmpfloat (advice->rows[SL_STRATEGY_SLOTS].requested, ==, n * 209.0);
  /* int 28 + float 24 + str:8 (40 + 9) + str:3 (40 + 4) */
  g_assert_cmpfloat (advice->rows[SL_STRATEGY_SLOTS].value_objects, ==, n * 145.0);
  g_assert_cmpfloat (advice->rows[SL_STRATEGY_AS_DECLARED].value_objects, ==, n * 145.0);
  g_assert_cmpfloat (advice->rows[SL_STRATEGY_SLOTS].saving, ==, n * 32.0 + fixed);
  check_identities (advice);
}

static void
test_bad_input (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  g_autoptr(SlClass) klass = sl_class_new ("C");
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.12", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_chain_append (chain, klass, NULL));
  g_assert_null (sl_advice_compute (chain, "D", profile, 10, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS);
  g_clear_error (&error);
  g_assert_null (sl_advice_compute (chain, "C", profile, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (sl_advice_compute (chain, "C", profile, SL_ADVICE_MAX_COUNT + 1, &error));
  g_assert_nonnull (error);
}

/* The CLI prints the engine's numbers: lecture 17's SensorRecordNoSlots on
 * 3.12 is 104 bytes per instance (PRODUCT.md, measured on 3.12.1). */
static void
test_cli_json (void)
{
  const char *cli = g_getenv ("SLOTLAB_CLI");
  g_autofree char *session = g_test_build_filename (G_TEST_DIST, "..", "data", "lecture-17.slotlab", NULL);
  g_autofree char *out = NULL, *err = NULL, *layout_out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) layout_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *declared;
  double fixed;
  int status = -1;

  if (cli == NULL)
    {
      g_test_skip ("SLOTLAB_CLI is not set");
      return;
    }
  {
    const char *argv[] = { cli, "layout", session, "--class", "SensorRecordNoSlots", "--python", "3.12.1", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &layout_out, NULL, &status, &error));
    g_assert_true (json_parser_load_from_data (layout_parser, layout_out, -1, NULL));
    fixed = json_object_get_int_member (json_node_get_object (json_parser_get_root (layout_parser)), "traced_fixed");
  }
  {
    const char *argv[] = { cli, "advise", session, "--class", "SensorRecordNoSlots", "--count", "1e7",
                           "--python", "3.12.1", "--json", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "count"), ==, 10000000);
  g_assert_cmpstr (json_object_get_string_member (root, "profile"), ==, "3.12");
  declared = json_array_get_object_element (json_object_get_array_member (root, "strategies"), 0);
  g_assert_cmpstr (json_object_get_string_member (declared, "strategy"), ==, "as-declared");
  g_assert_cmpint (json_object_get_int_member (declared, "requested"), ==, 10000000 * 104 + (gint64) fixed);
  g_assert_true (json_object_has_member (root, "slots_saves"));

  /* A bad count is a usage error. */
  {
    const char *argv[] = { cli, "advise", session, "--class", "SensorRecordNoSlots", "--count", "0", NULL };
    g_autofree char *o = NULL, *e = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &o, &e, &status, NULL));
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
    g_assert_nonnull (strstr (e, "--count"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/advice/totals/n-times-measured-per-instance-plus-fixed", test_totals_from_real_vectors);
  g_test_add_func ("/advice/totals/values-included", test_values_included);
  g_test_add_func ("/advice/bad-input", test_bad_input);
  g_test_add_func ("/advice/cli/json-is-the-engine's", test_cli_json);
  return g_test_run ();
}
