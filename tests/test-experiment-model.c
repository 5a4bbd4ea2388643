/* test-experiment-model.c: the model backend against what real CPython
 * reported for the public vectors, and its arithmetic at the limits. */

#include <string.h>

#include <math.h>

#include "sl-experiment-model.h"
#include "sl-profile.h"
#include "sl-session.h"

#include "vector-helpers.h"

/* Every case of the public vectors, on every release measured there, run
 * as an experiment of the model backend: its points must follow what that
 * CPython reported (tests/vectors/public-RELEASE.jsonl), worked out here
 * from the interpreter's figures, not from the engine's:
 *  - traced: each 1,000 more instances cost 1,000 × traced_per_instance
 *    (rounded to whole bytes) more; the one-off costs cancel;
 *  - getsizeof (Example 17.1's method): N × (sys.getsizeof(o) +
 *    sys.getsizeof(o.__dict__) where it has one), exactly;
 *  - pymalloc: as traced, with pymalloc_per_instance; no points at all on
 *    a free-threaded build (null: no pymalloc);
 *  - a class CPython refused: no points, and CPython's message. */
static const guint64 counts[] = { 1000, 2000, 1000000 };

static const SlResultPoint *
point_at (GPtrArray *points,
          guint64    count)
{
  for (guint i = 0; i < points->len; i++)
    if (((SlResultPoint *) g_ptr_array_index (points, i))->count == count)
      return g_ptr_array_index (points, i);
  return NULL;
}

static GPtrArray *
model_points (SlChain      *chain,
              const char   *class_name,
              const char   *release,
              SlMetric      metric,
              char        **refusal)
{
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("vector", class_name);
  const char *pythons[] = { release, NULL };
  const SlStrategy strategies[] = { SL_STRATEGY_AS_DECLARED };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GPtrArray *points;

  sl_experiment_set_pythons (experiment, pythons);
  sl_experiment_set_strategies (experiment, strategies, 1);
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  sl_experiment_set_metric (experiment, metric);
  points = sl_experiment_model_points (experiment, chain, NULL, &error);
  g_assert_no_error (error);
  lines = sl_experiment_model_lines (experiment, chain, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  *refusal = g_strdup (((SlModelLine *) g_ptr_array_index (lines, 0))->refusal);
  return points;
}

static void
test_model_points_follow_cpython (gconstpointer data)
{
  const char *release = data;
  g_autofree char *corpus_path = g_test_build_filename (G_TEST_DIST, "vectors", "public.json", NULL);
  g_autofree char *results_name = g_strdup_printf ("public-%s.jsonl", release);
  g_autofree char *results_path = g_test_build_filename (G_TEST_DIST, "vectors", results_name, NULL);
  g_autoptr(JsonNode) corpus = sl_test_load_json (corpus_path);
  g_autofree char *results = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0, failures = 0;

  g_assert_true (g_file_get_contents (results_path, &results, NULL, NULL));
  lines = g_strsplit (results, "\n", -1);
  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *cases = json_node_get_array (corpus);
      JsonObject *measured, *c = NULL;
      g_autoptr(SlChain) chain = NULL;
      const char *id, *instance;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      measured = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (measured, "id");
      for (guint j = 0; j < json_array_get_length (cases); j++)
        if (strcmp (json_object_get_string_member (json_array_get_object_element (cases, j), "id"), id) == 0)
          c = json_array_get_object_element (cases, j);
      g_assert_nonnull (c);
      chain = sl_test_vector_chain (c);
      instance = json_object_get_string_member (c, "instance");

      for (SlMetric metric = 0; metric < SL_N_METRICS; metric++)
        {
          g_autofree char *refusal = NULL;
          g_autoptr(GPtrArray) points = NULL;
          const char *per_key = metric == SL_METRIC_TRACED ? "traced_per_instance"
                              : metric == SL_METRIC_PYMALLOC ? "pymalloc_per_instance" : NULL;

          if (metric == SL_METRIC_RESIDENT)
            continue;   /* a model: no interpreter reports it */
          points = model_points (chain, instance, release, metric, &refusal);
          if (json_object_has_member (measured, "error"))
            {
              if (points->len != 0 || g_strcmp0 (refusal, json_object_get_string_member (measured, "error")) != 0)
                {
                  g_test_message ("%s on %s: %u points, refusal “%s”; CPython: %s", id, release, points->len,
                                  refusal, json_object_get_string_member (measured, "error"));
                  failures++;
                }
              continue;
            }
          if (per_key && json_object_get_null_member (measured, per_key))
            {
              if (points->len != 0)
                {
                  g_test_message ("%s on %s: %u %s points where the build has no such figure", id, release,
                                  points->len, sl_metric_to_string (metric));
                  failures++;
                }
              continue;
            }
          if (points->len != G_N_ELEMENTS (counts))
            {
              g_test_message ("%s on %s: %u points of %s (refusal “%s”)", id, release, points->len,
                              sl_metric_to_string (metric), refusal);
              failures++;
              continue;
            }
          for (guint k = 0; k < points->len; k++)
            {
              const SlResultPoint *point = g_ptr_array_index (points, k);

              g_assert_cmpint (point->backend, ==, SL_BACKEND_MODEL);
              g_assert_cmpint (point->strategy, ==, SL_STRATEGY_AS_DECLARED);
              g_assert_false (point->partial);
            }
          if (metric == SL_METRIC_GETSIZEOF)
            {
              gint64 per = json_object_get_int_member (measured, "getsizeof") +
                           (json_object_get_boolean_member (measured, "has_dict")
                              ? json_object_get_int_member (measured, "getsizeof_dict") : 0);

              for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
                if (point_at (points, counts[k])->bytes != counts[k] * (guint64) per)
                  {
                    g_test_message ("%s on %s: getsizeof at %" G_GUINT64_FORMAT " is %" G_GUINT64_FORMAT
                                    ", CPython's figures give %" G_GUINT64_FORMAT, id, release, counts[k],
                                    point_at (points, counts[k])->bytes, counts[k] * (guint64) per);
                    failures++;
                  }
            }
          else
            {
              gint64 per = llround (json_object_get_double_member (measured, per_key));
              gint64 base = (gint64) point_at (points, 1000)->bytes;

              for (guint k = 1; k < G_N_ELEMENTS (counts); k++)
                {
                  gint64 grown = (gint64) point_at (points, counts[k])->bytes - base;
                  gint64 want = (gint64) (counts[k] - 1000) * per;

                  if (grown != want)
                    {
                      g_test_message ("%s on %s: %s grows by %" G_GINT64_FORMAT " from 1000 to %" G_GUINT64_FORMAT
                                      " instances, CPython's %s gives %" G_GINT64_FORMAT, id, release,
                                      sl_metric_to_string (metric), grown, counts[k], per_key, want);
                      failures++;
                    }
                }
            }
          checked++;
        }
    }
  g_test_message ("%s: %u lines checked, %u wrong", release, checked, failures);
  g_assert_cmpuint (checked, >, 20);
  g_assert_cmpuint (failures, ==, 0);
}

static void
test_model_counts_up_to_10_12_are_exact (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("big", "SensorRecordNoSlots");
  const char *pythons[] = { "3.13", NULL };
  const SlStrategy strategies[] = { SL_STRATEGY_AS_DECLARED, SL_STRATEGY_SLOTS };
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;
  const SlResultPoint *last;

  sl_experiment_set_pythons (experiment, pythons);
  sl_experiment_set_strategies (experiment, strategies, G_N_ELEMENTS (strategies));
  sl_experiment_set_range (experiment, 1, SL_EXPERIMENT_MAX_COUNT, 13, SL_SCALE_LOG);
  points = sl_experiment_model_points (experiment, sl_session_get_chain (session), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 26);
  last = g_ptr_array_index (points, 12);
  g_assert_cmpuint (last->count, ==, SL_EXPERIMENT_MAX_COUNT);
  /* 408 bytes an instance on 3.13 (CPython issue 135385): 408 × 10^12 plus the fixed cost. */
  g_assert_cmpuint (last->bytes / G_GUINT64_CONSTANT (1000000000000), ==, 408);
  g_assert_cmpuint (last->bytes % G_GUINT64_CONSTANT (1000000000000), <, 100000);
}

static void
test_model_bytes_saturate (void)
{
  g_assert_cmpuint (sl_experiment_model_bytes (0, 1e9, G_GUINT64_CONSTANT (1000000000000)), ==, G_MAXUINT64);
  g_assert_cmpuint (sl_experiment_model_bytes (100, 56, 1000), ==, 56100);
  g_assert_cmpuint (sl_experiment_model_bytes (-500, 1, 10), ==, 0);
}

static void
test_model_unknown_class_is_an_error (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("x", "NoSuchClass");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) points = sl_experiment_model_points (experiment, sl_session_get_chain (session),
                                                            "3.12", &error);

  g_assert_null (points);
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS);
  g_assert_nonnull (strstr (error->message, "NoSuchClass"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  {
    g_autofree char *vectors = g_test_build_filename (G_TEST_DIST, "vectors", NULL);
    g_autoptr(GDir) dir = g_dir_open (vectors, 0, NULL);
    const char *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)))
      if (g_str_has_prefix (name, "public-") && g_str_has_suffix (name, ".jsonl"))
        {
          g_autofree char *release = g_strndup (name + 7, strlen (name) - 7 - 6);
          g_autoptr(SlProfile) profile = sl_profile_lookup (release, NULL);
          g_autofree char *path = g_strdup_printf ("/experiment-model/points-follow-cpython/%s", release);

          if (profile != NULL)
            g_test_add_data_func_full (path, g_steal_pointer (&release), test_model_points_follow_cpython, g_free);
        }
  }
  g_test_add_func ("/experiment-model/counts-up-to-10^12-are-exact", test_model_counts_up_to_10_12_are_exact);
  g_test_add_func ("/experiment-model/bytes-saturate-instead-of-wrapping", test_model_bytes_saturate);
  g_test_add_func ("/experiment-model/unknown-class-is-an-error", test_model_unknown_class_is_an_error);
  return g_test_run ();
}
