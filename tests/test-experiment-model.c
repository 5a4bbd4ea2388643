/* test-experiment-model.c: the model backend is the engine's own figures. */

#include <string.h>

#include "sl-experiment-model.h"
#include "sl-session.h"

static void
test_model_points_equal_engine_figures (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlChain *chain = sl_session_get_chain (session);
  GListModel *experiments = sl_session_get_experiments (session);
  GPtrArray *profiles = sl_profile_list ();
  guint checked = 0;

  for (guint e = 0; e < g_list_model_get_n_items (experiments); e++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (experiments, e);
      g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);

      for (guint p = 0; p < profiles->len; p++)
        for (SlMetric metric = 0; metric < SL_N_METRICS; metric++)
          {
            SlProfile *profile = g_ptr_array_index (profiles, p);
            const char *pythons[] = { sl_profile_get_id (profile), NULL };
            g_autoptr(GPtrArray) points = NULL;
            g_autoptr(GError) error = NULL;
            GArray *strategies = sl_experiment_get_strategies (experiment);
            guint i = 0;

            sl_experiment_set_pythons (experiment, pythons);
            sl_experiment_set_metric (experiment, metric);
            points = sl_experiment_model_points (experiment, chain, NULL, &error);
            g_assert_no_error (error);

            for (guint s = 0; s < strategies->len; s++)
              {
                SlStrategy strategy = g_array_index (strategies, SlStrategy, s);
                g_autoptr(SlChain) applied = sl_strategy_apply (chain, sl_experiment_get_class_name (experiment), strategy);
                g_autoptr(SlLayout) layout = sl_layout_compute (applied, sl_experiment_get_class_name (experiment),
                                                                profile, &error);

                g_assert_no_error (error);
                /* Refused by CPython, or a metric the build lacks: no points. */
                if (sl_layout_get_error (layout) != NULL ||
                    sl_layout_get_per_instance (layout, metric) < 0)
                  continue;
                for (guint c = 0; c < counts->len; c++, i++)
                  {
                    const SlResultPoint *point = g_ptr_array_index (points, i);
                    guint64 n = g_array_index (counts, guint64, c);
                    double want = sl_layout_get_fixed (layout, metric) +
                                  (double) n * sl_layout_get_per_instance (layout, metric);

                    g_assert_cmpint (point->strategy, ==, strategy);
                    g_assert_cmpuint (point->count, ==, n);
                    g_assert_cmpint (point->backend, ==, SL_BACKEND_MODEL);
                    g_assert_cmpstr (point->python, ==, sl_profile_get_id (profile));
                    g_assert_cmpfloat_with_epsilon ((double) point->bytes, want, 0.5 + want * 1e-15);
                    if (metric == SL_METRIC_TRACED)
                      g_assert_cmpint ((gint64) point->bytes, ==,
                                       sl_layout_get_figures (layout)->traced_fixed +
                                       (gint64) n * sl_layout_get_figures (layout)->traced_per_instance);
                    checked++;
                  }
              }
            g_assert_cmpuint (i, ==, points->len);
          }
    }
  g_assert_cmpuint (checked, >, 1000);
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
  g_test_add_func ("/experiment-model/points-equal-the-engine-figures", test_model_points_equal_engine_figures);
  g_test_add_func ("/experiment-model/counts-up-to-10^12-are-exact", test_model_counts_up_to_10_12_are_exact);
  g_test_add_func ("/experiment-model/bytes-saturate-instead-of-wrapping", test_model_bytes_saturate);
  g_test_add_func ("/experiment-model/unknown-class-is-an-error", test_model_unknown_class_is_an_error);
  return g_test_run ();
}
