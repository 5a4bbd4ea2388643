/* test-experiment-runs.c: an experiment keeps every run (model and live,
 * complete or partial) until it is removed; files written before runs
 * were kept still load, their points grouped the way they were stored;
 * one version follows the session's, several are kept. */

#include <string.h>

#include "live-helpers.h"
#include "sl-experiment-run.h"
#include "sl-session.h"

/* An experiment written before runs: two model points, two of a complete
 * live run, one of a partial live run on another interpreter. */
static const char old_file[] =
  "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\",\n"
  " \"classes\": [{\"name\": \"P\", \"bases\": [], \"slots\": null, \"init\": [\"x\"]}],\n"
  " \"experiments\": [{\"name\": \"E\", \"class\": \"P\", \"strategies\": [\"dict\", \"slots\"],\n"
  "   \"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"live\",\n"
  "   \"counts\": {\"from\": 10, \"to\": 100, \"points\": 2, \"scale\": \"log\"},\n"
  "   \"results\": [\n"
  "    {\"python\": \"3.12\", \"strategy\": \"dict\", \"backend\": \"model\", \"metric\": \"traced\", \"count\": 10, \"bytes\": 880},\n"
  "    {\"python\": \"3.12\", \"strategy\": \"slots\", \"backend\": \"model\", \"metric\": \"traced\", \"count\": 10, \"bytes\": 480},\n"
  "    {\"python\": \"3.12\", \"strategy\": \"dict\", \"backend\": \"live\", \"metric\": \"traced\", \"count\": 10, \"bytes\": 881, \"interpreter\": \"/usr/bin/python3.12\"},\n"
  "    {\"python\": \"3.12\", \"strategy\": \"slots\", \"backend\": \"live\", \"metric\": \"traced\", \"count\": 10, \"bytes\": 481, \"interpreter\": \"/usr/bin/python3.12\"},\n"
  "    {\"python\": \"3.12\", \"strategy\": \"dict\", \"backend\": \"live\", \"metric\": \"traced\", \"count\": 10, \"bytes\": 882, \"partial\": true, \"interpreter\": \"/opt/py/bin/python3.12\"}\n"
  "   ]}]}\n";

static SlExperiment *
first_experiment (SlSession *session)
{
  SlExperiment *experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);

  g_assert_nonnull (experiment);
  g_object_unref (experiment);      /* the session keeps it */
  return experiment;
}

static SlResultPoint *
point_new (SlStrategy  strategy,
           guint64     count,
           guint64     bytes,
           const char *python)
{
  SlResultPoint *p = g_new0 (SlResultPoint, 1);

  p->python = g_strdup (python);
  p->strategy = strategy;
  p->backend = SL_BACKEND_LIVE;
  p->metric = SL_METRIC_TRACED;
  p->count = count;
  p->bytes = bytes;
  p->interpreter = g_strdup ("/usr/bin/python3");
  return p;
}

static void
test_old_file_groups_points_into_runs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (old_file, -1, &error);
  g_autoptr(SlSession) again = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *saved = NULL;
  SlRunInfo *run;

  g_assert_no_error (error);
  runs = sl_experiment_dup_runs (first_experiment (session));
  /* As the old store_results kept them: one run per backend, a partial
   * one (another interpreter) apart. */
  g_assert_cmpuint (runs->len, ==, 3);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->backend, ==, SL_BACKEND_MODEL);
  g_assert_cmpuint (run->n_points, ==, 2);
  g_assert_false (run->partial);
  g_assert_cmpint (run->time, ==, 0);
  run = g_ptr_array_index (runs, 1);
  g_assert_cmpint (run->backend, ==, SL_BACKEND_LIVE);
  g_assert_cmpuint (run->n_points, ==, 2);
  g_assert_false (run->partial);
  g_assert_cmpstr (run->interpreter, ==, "/usr/bin/python3.12");
  g_assert_cmpstr (run->python, ==, "3.12");
  run = g_ptr_array_index (runs, 2);
  g_assert_cmpuint (run->n_points, ==, 1);
  g_assert_true (run->partial);
  g_assert_cmpstr (run->interpreter, ==, "/opt/py/bin/python3.12");

  /* Saved, each point names its run; no time is invented. */
  saved = sl_session_to_data (session, NULL);
  g_assert_nonnull (strstr (saved, "\"run\": 3"));
  g_assert_null (strstr (saved, "\"runs\""));
  again = sl_session_load_from_data (saved, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sl_experiment_equal (first_experiment (session), first_experiment (again)));
}

static void
test_new_run_never_replaces (void)
{
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("E", "P");
  g_autoptr(GPtrArray) complete = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  g_autoptr(GPtrArray) partial = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) first = NULL;
  SlResultPoint *p;

  g_ptr_array_add (complete, point_new (SL_STRATEGY_DICT, 10, 880, "3.12"));
  g_ptr_array_add (complete, point_new (SL_STRATEGY_DICT, 100, 8800, "3.12"));
  p = point_new (SL_STRATEGY_DICT, 10, 900, "3.12");
  p->partial = TRUE;
  g_ptr_array_add (partial, p);

  g_assert_cmpuint (sl_experiment_add_run (experiment, complete, 1000000000), ==, 1);
  /* Run again, cancelled after one point: kept beside the first. */
  g_assert_cmpuint (sl_experiment_add_run (experiment, partial, 1000000060), ==, 2);
  /* Cancelled before any point: nothing to keep. */
  g_assert_cmpuint (sl_experiment_add_run (experiment, empty, 1000000120), ==, 0);
  g_assert_cmpuint (sl_experiment_get_last_run (experiment), ==, 2);

  runs = sl_experiment_dup_runs (experiment);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_false (((SlRunInfo *) g_ptr_array_index (runs, 0))->partial);
  g_assert_true (((SlRunInfo *) g_ptr_array_index (runs, 1))->partial);
  first = sl_experiment_dup_run_points (experiment, 1);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (((SlResultPoint *) g_ptr_array_index (first, 1))->bytes, ==, 8800);

  g_assert_true (sl_experiment_remove_run (experiment, 1));
  g_assert_false (sl_experiment_remove_run (experiment, 1));
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sl_experiment_dup_runs (experiment);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpuint (((SlRunInfo *) g_ptr_array_index (runs, 0))->id, ==, 2);
  /* An id is not reused while a run holding it is kept. */
  g_assert_cmpuint (sl_experiment_add_run (experiment, complete, 1000000180), ==, 3);
}

static void
test_times_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (old_file, -1, &error);
  g_autoptr(SlSession) again = NULL;
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *saved = NULL;

  g_assert_no_error (error);
  g_ptr_array_add (points, point_new (SL_STRATEGY_SLOTS, 100, 4800, "3.12"));
  /* 10^9 s after the epoch is 2001-09-09 01:46:40 UTC. */
  g_assert_cmpuint (sl_experiment_add_run (first_experiment (session), points, 1000000000), ==, 4);
  saved = sl_session_to_data (session, NULL);
  g_assert_nonnull (strstr (saved, "2001-09-09T01:46:40Z"));
  again = sl_session_load_from_data (saved, -1, &error);
  g_assert_no_error (error);
  runs = sl_experiment_dup_runs (first_experiment (again));
  g_assert_cmpuint (runs->len, ==, 4);
  g_assert_cmpint (((SlRunInfo *) g_ptr_array_index (runs, 3))->time, ==, 1000000000);
  g_assert_true (sl_experiment_equal (first_experiment (session), first_experiment (again)));
}

static void
test_bad_runs_refused (void)
{
  static const char * const bad[] = {
    "\"runs\": [{\"id\": 0, \"time\": \"2001-09-09T01:46:40Z\"}]",
    "\"runs\": [{\"id\": 1, \"time\": \"yesterday\"}]",
    "\"runs\": {\"id\": 1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) text = g_string_new (old_file);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlSession) session = NULL;

      g_string_replace (text, "   ]}]}", "   ], RUNS}]}", 1);
      g_string_replace (text, "RUNS", bad[i], 1);
      session = sl_session_load_from_data (text->str, -1, &error);
      g_assert_null (session);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "experiments[0].runs"));
    }
}

static void
test_run_points_sorted (void)
{
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("E", "P");
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  g_autoptr(GPtrArray) sorted = NULL;
  /* As a live run delivers them: by completion, strategies interleaved. */
  g_ptr_array_add (points, point_new (SL_STRATEGY_SLOTS, 1000, 1, "3.12"));
  g_ptr_array_add (points, point_new (SL_STRATEGY_DICT, 100000, 2, "3.12"));
  g_ptr_array_add (points, point_new (SL_STRATEGY_AS_DECLARED, 1000, 3, "3.12"));
  g_ptr_array_add (points, point_new (SL_STRATEGY_DICT, 1000, 4, "3.10"));
  g_ptr_array_add (points, point_new (SL_STRATEGY_DICT, 1000, 5, "3.9"));
  g_ptr_array_add (points, point_new (SL_STRATEGY_SLOTS, 10, 6, "3.12"));

  sl_experiment_add_run (experiment, points, 1);
  sorted = sl_experiment_dup_run_points (experiment, 1);
  /* as-declared, dict, slots, mixed (the order of the form); counts up;
   * 3.9 before 3.10. */
  {
    static const guint64 expected[] = { 3, 5, 4, 2, 6, 1 };

    g_assert_cmpuint (sorted->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < sorted->len; i++)
      g_assert_cmpuint (((SlResultPoint *) g_ptr_array_index (sorted, i))->bytes, ==, expected[i]);
  }
}

static void
test_copy_with_runs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (old_file, -1, &error);
  const guint ids[] = { 2, 3 };
  g_autoptr(SlExperiment) copy = NULL;

  g_assert_no_error (error);
  copy = sl_experiment_copy_with_runs (first_experiment (session), ids, G_N_ELEMENTS (ids));
  g_assert_cmpuint (sl_experiment_get_results (copy)->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (((SlResultPoint *) g_ptr_array_index (sl_experiment_get_results (copy), i))->backend,
                     ==, SL_BACKEND_LIVE);
}

static void
test_one_version_follows_the_session (void)
{
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("E", "P");
  const char *one[] = { "3.12", NULL };
  const char *two[] = { "3.12", "3.13", NULL };
  g_auto(GStrv) none_shown = NULL, one_shown = NULL, two_shown = NULL;

  none_shown = sl_experiment_dup_pythons_for (experiment, "3.14");
  g_assert_cmpstrv (none_shown, ((const char *[]) { "3.14", NULL }));
  sl_experiment_set_pythons (experiment, one);
  g_assert_false (sl_experiment_compares_versions (experiment));
  one_shown = sl_experiment_dup_pythons_for (experiment, "3.13");
  g_assert_cmpstrv (one_shown, ((const char *[]) { "3.13", NULL }));
  sl_experiment_set_pythons (experiment, two);
  g_assert_true (sl_experiment_compares_versions (experiment));
  two_shown = sl_experiment_dup_pythons_for (experiment, "3.14");
  g_assert_cmpstrv (two_shown, two);
}

/* The header switched to 3.13: the lecture's experiment of one version
 * (3.12) follows; one that compares versions keeps its list. */
static void
test_session_version_is_followed (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlExperiment *one = sl_session_lookup_experiment (session, "Example 17.3: bulk allocation");
  g_autoptr(SlExperiment) several = sl_experiment_new ("Across", "SensorRecord");
  const char *two[] = { "3.12", "3.14", NULL };

  g_assert_cmpstrv (sl_experiment_get_pythons (one), ((const char *[]) { "3.12", NULL }));
  sl_experiment_set_pythons (several, two);
  sl_session_add_experiment (session, several);
  sl_session_set_python (session, "3.13");
  g_assert_cmpstrv (sl_experiment_get_pythons (one), ((const char *[]) { "3.13", NULL }));
  g_assert_cmpstrv (sl_experiment_get_pythons (several), two);
}

/* Two model runs of Example 17.3 stored one after the other: both kept. */
static void
test_store_results_keeps_both_runs (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlExperiment *experiment = sl_session_lookup_experiment (session, "Example 17.3: bulk allocation");
  guint n_counts;

  g_assert_nonnull (experiment);
  {
    g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);
    n_counts = counts->len;
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SlExperimentRun) run = sl_experiment_run_new (experiment, sl_session_get_chain (session), "3.12");
      g_autoptr(GError) error = sl_test_run_to_end (run, NULL, FALSE, NULL);

      g_assert_no_error (error);
      g_assert_cmpuint (sl_experiment_run_store_results (run, experiment), ==, i + 1);
    }
  {
    g_autoptr(GPtrArray) runs = sl_experiment_dup_runs (experiment);

    g_assert_cmpuint (runs->len, ==, 2);
    g_assert_cmpuint (((SlRunInfo *) g_ptr_array_index (runs, 0))->n_points, ==,
                      sl_experiment_get_strategies (experiment)->len * n_counts);
    g_assert_cmpuint (sl_experiment_get_results (experiment)->len, ==,
                      2 * sl_experiment_get_strategies (experiment)->len * n_counts);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/experiment/runs/old-file-groups-points-into-runs", test_old_file_groups_points_into_runs);
  g_test_add_func ("/experiment/runs/a-new-run-never-replaces-another", test_new_run_never_replaces);
  g_test_add_func ("/experiment/runs/times-round-trip", test_times_round_trip);
  g_test_add_func ("/experiment/runs/bad-runs-refused-naming-the-path", test_bad_runs_refused);
  g_test_add_func ("/experiment/runs/points-sorted-by-strategy-count-version", test_run_points_sorted);
  g_test_add_func ("/experiment/runs/copy-with-some-runs", test_copy_with_runs);
  g_test_add_func ("/experiment/runs/store-results-keeps-both-runs", test_store_results_keeps_both_runs);
  g_test_add_func ("/experiment/pythons/one-version-follows-the-session", test_one_version_follows_the_session);
  g_test_add_func ("/experiment/pythons/session-switch-is-followed", test_session_version_is_followed);

  return g_test_run ();
}
