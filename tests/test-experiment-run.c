/* test-experiment-run.c: running experiments — the model at once, a real
 * interpreter against the model, and interpreters that go wrong (stand-in
 * shell scripts written at test time): missing, crashing, hanging, printing
 * garbage.  Each must end the run with its message, keep the points before
 * it marked partial, and leave no child process behind. */

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-cpu-wait.h"
#include "sl-experiment-model.h"
#include "sl-experiment-run.h"
#include "sl-probe-protocol.h"
#include "sl-profile.h"
#include "sl-session.h"

#include "live-helpers.h"

static char *tmp_dir;

static SlInterpreter *
python3 (void)
{
  return sl_test_find_python3 (NULL);
}

static SlExperiment *
lecture_experiment (SlSession *session)
{
  SlExperiment *experiment = sl_experiment_copy (sl_session_lookup_experiment (session,
                                                 "Example 17.3: bulk allocation"));
  g_assert_nonnull (experiment);
  return experiment;
}

static int
compare_point_ptrs (gconstpointer a,
                    gconstpointer b)
{
  return sl_result_point_compare (*(SlResultPoint * const *) a, *(SlResultPoint * const *) b);
}

/* The run's plan names exactly the points that came, in table order, with
 * no figures: a window can show them before they come and fill each in.
 * @preview, the plan asked before the run started, is the same plan. */
static void
assert_plan_is_points (SlExperimentRun *run,
                       GPtrArray       *preview)
{
  GPtrArray *planned = sl_experiment_run_get_planned_points (run);
  GPtrArray *points = sl_experiment_run_get_points (run);
  g_autoptr(GPtrArray) came = g_ptr_array_new ();   /* borrowed: no free function */

  for (guint i = 0; i < points->len; i++)
    g_ptr_array_add (came, g_ptr_array_index (points, i));
  g_ptr_array_sort (came, compare_point_ptrs);
  g_assert_cmpuint (planned->len, >, 0);
  g_assert_cmpuint (planned->len, ==, came->len);
  for (guint i = 0; i < planned->len; i++)
    {
      const SlResultPoint *p = g_ptr_array_index (planned, i);
      const SlResultPoint *c = g_ptr_array_index (came, i);

      g_assert_cmpint (sl_result_point_compare (p, c), ==, 0);
      g_assert_cmpint (p->strategy, ==, c->strategy);
      g_assert_cmpuint (p->count, ==, c->count);
      g_assert_cmpstr (p->python, ==, c->python);
      g_assert_cmpint (p->backend, ==, c->backend);
      g_assert_cmpint (p->metric, ==, c->metric);
      g_assert_cmpuint (p->bytes, ==, 0);
      g_assert_cmpuint (c->bytes, >, 0);
      if (i > 0)
        g_assert_cmpint (sl_result_point_compare (g_ptr_array_index (planned, i - 1), p), <, 0);
    }
  g_assert_cmpuint (preview->len, ==, planned->len);
  for (guint i = 0; i < preview->len; i++)
    {
      const SlResultPoint *before = g_ptr_array_index (preview, i);

      g_assert_cmpint (sl_result_point_compare (before, g_ptr_array_index (planned, i)), ==, 0);
      g_assert_cmpuint (before->bytes, ==, 0);
    }
}

static void
test_model_run_gives_every_point_at_once (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = lecture_experiment (session);
  g_autoptr(SlExperimentRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  guint n = 0;

  sl_experiment_set_range (experiment, 1000, SL_EXPERIMENT_MAX_COUNT, 10, SL_SCALE_LOG);
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), "3.12");
  preview = sl_experiment_run_dup_plan (run);
  error = sl_test_run_to_end (run, NULL, FALSE, &n);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4 * 10);
  g_assert_cmpuint (sl_experiment_run_get_points (run)->len, ==, 40);
  assert_plan_is_points (run, preview);
  sl_experiment_run_store_results (run, experiment);
  g_assert_cmpuint (sl_experiment_get_results (experiment)->len, ==, 40);
}

static void
test_live_agrees_with_model (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = lecture_experiment (session);
  g_autoptr(SlInterpreter) interp = python3 ();
  g_autoptr(SlExperimentRun) run = NULL;
  g_autoptr(GPtrArray) model = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GError) error = NULL;
  const guint64 counts[] = { 1000, 10000, 30000, 100000, 300000 };
  const char *pythons[2] = { NULL, NULL };
  GPtrArray *live;
  guint compared = 0;

  if (interp == NULL || sl_interpreter_get_profile_id (interp) == NULL)
    {
      g_test_skip ("no python3 that a profile covers");
      return;
    }
  pythons[0] = sl_interpreter_get_profile_id (interp);
  sl_experiment_set_pythons (experiment, pythons);
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
  sl_experiment_run_set_interpreter (run, interp);
  g_assert_cmpuint (sl_experiment_run_get_planned_points (run)->len, ==, 0);
  preview = sl_experiment_run_dup_plan (run);
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  g_assert_no_error (error);
  assert_plan_is_points (run, preview);

  model = sl_experiment_model_points (experiment, sl_session_get_chain (session), NULL, &error);
  g_assert_no_error (error);
  live = sl_experiment_run_get_points (run);
  g_assert_cmpuint (live->len, ==, model->len);
  for (guint i = 0; i < live->len; i++)
    {
      const SlResultPoint *l = g_ptr_array_index (live, i);

      g_assert_false (l->partial);
      g_assert_cmpint (l->backend, ==, SL_BACKEND_LIVE);
      g_assert_cmpstr (l->python, ==, sl_interpreter_get_version (interp));
      g_assert_cmpstr (l->interpreter, ==, sl_interpreter_get_path (interp));
      for (guint j = 0; j < model->len; j++)
        {
          const SlResultPoint *m = g_ptr_array_index (model, j);

          if (m->strategy == l->strategy && m->count == l->count && l->count >= 10000)
            {
              double ratio = (double) l->bytes / (double) m->bytes;

              if (ratio < 0.995 || ratio > 1.005)
                g_error ("%s at %" G_GUINT64_FORMAT ": live %" G_GUINT64_FORMAT
                         " bytes, model %" G_GUINT64_FORMAT " (%.3f%%)",
                         sl_strategy_to_string (l->strategy), l->count, l->bytes, m->bytes,
                         (ratio - 1) * 100);
              compared++;
            }
        }
    }
  g_assert_cmpuint (compared, ==, 4 * 4);
}

static void
test_live_cancel_leaves_no_child (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = lecture_experiment (session);
  g_autoptr(SlInterpreter) interp = python3 ();
  g_autoptr(SlExperimentRun) run = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const guint64 counts[] = { 1000, 3000000, 6000000 };
  GPtrArray *points;

  if (interp == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
  sl_experiment_run_set_backend (run, SL_BACKEND_LIVE);
  sl_experiment_run_set_interpreter (run, interp);
  error = sl_test_run_to_end (run, cancellable, TRUE, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sl_test_assert_no_child_left ();
  points = sl_experiment_run_get_points (run);
  g_assert_cmpuint (points->len, >=, 1);
  for (guint i = 0; i < points->len; i++)
    g_assert_true (((SlResultPoint *) g_ptr_array_index (points, i))->partial);
}

typedef struct {
  gboolean  done;
  GError   *error;
  guint     children_at_end;
} CancelledAtOnce;

static void
cancelled_at_once_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CancelledAtOnce *end = user_data;

  sl_experiment_run_run_finish (SL_EXPERIMENT_RUN (object), result, &end->error);
  end->children_at_end = sl_test_count_live_children ();
  end->done = TRUE;
}

/* Cancelled before its processes were even there (they are spawned on a
 * thread of their own, sl-spawner.c): the run ends only once they are
 * ended, and none starts later. */
static void
test_live_cancel_at_once_leaves_no_child (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = lecture_experiment (session);
  g_autoptr(SlInterpreter) interp = python3 ();
  const guint64 counts[] = { 1000, 3000000, 6000000 };

  if (interp == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(SlExperimentRun) run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      CancelledAtOnce end = { FALSE, NULL, G_MAXUINT };
      gint64 settle;

      sl_experiment_run_set_backend (run, SL_BACKEND_LIVE);
      sl_experiment_run_set_interpreter (run, interp);
      sl_experiment_run_run_async (run, cancellable, cancelled_at_once_cb, &end);
      /* Planned as it starts, before any process has: 4 strategies × 3 counts. */
      g_assert_cmpuint (sl_experiment_run_get_planned_points (run)->len, ==, 4 * 3);
      g_cancellable_cancel (cancellable);
      while (!end.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (end.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&end.error);
      g_assert_false (sl_experiment_run_is_running (run));
      g_assert_cmpuint (end.children_at_end, ==, 0);
      /* A process spawned after the end would be running by now. */
      for (settle = g_get_monotonic_time () + 300 * 1000; g_get_monotonic_time () < settle;)
        g_main_context_iteration (NULL, FALSE) || (g_usleep (10 * 1000), TRUE);
      g_assert_cmpuint (sl_test_count_live_children (), ==, 0);
    }
}

static void
test_live_refuses_what_does_not_fit (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = lecture_experiment (session);
  g_autoptr(SlInterpreter) interp = python3 ();
  g_autoptr(SlExperimentRun) run = NULL;
  g_autoptr(GError) error = NULL;
  guint64 need = 0;

  if (interp == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  sl_experiment_set_range (experiment, 1000, 100000000, 5, SL_SCALE_LOG);
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
  sl_experiment_run_set_backend (run, SL_BACKEND_LIVE);
  sl_experiment_run_set_interpreter (run, interp);
  sl_experiment_run_set_memory_available (run, 512 * 1024 * 1024);
  g_assert_true (sl_experiment_run_predict_peak (run, &need, NULL));
  /* 10^8 instances: at least the instances and the list of them. */
  g_assert_cmpuint (need, >, G_GUINT64_CONSTANT (100000000) * (56 + 8));
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_TOO_BIG);
  g_assert_nonnull (strstr (error->message, "GiB"));
  sl_test_assert_no_child_left ();
}

/* ---- stand-in interpreters ---- */

#define HELLO SL_TEST_HELLO_3_12
#define POINT SL_TEST_POINT_10

static SlInterpreter *
stand_in (const char *name,
          const char *then)
{
  return sl_test_stand_in (tmp_dir, name, then);
}

static GError *
run_stand_in (SlInterpreter *interp,
              GPtrArray    **points)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("stand-in", "RecordSlot");
  const SlStrategy strategies[] = { SL_STRATEGY_SLOTS };
  const guint64 counts[] = { 10, 20 };
  g_autoptr(SlExperimentRun) run = NULL;
  GError *error;

  sl_experiment_set_strategies (experiment, strategies, 1);
  sl_experiment_set_count_list (experiment, counts, 2);
  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), "3.12");
  sl_experiment_run_set_interpreter (run, interp);
  sl_experiment_run_set_timeout (run, 1.5);
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  *points = g_ptr_array_ref (sl_experiment_run_get_points (run));
  sl_test_assert_no_child_left ();
  return error;
}

static void
assert_one_partial_point (GPtrArray *points)
{
  g_assert_cmpuint (points->len, ==, 1);
  g_assert_true (((SlResultPoint *) g_ptr_array_index (points, 0))->partial);
  g_assert_cmpuint (((SlResultPoint *) g_ptr_array_index (points, 0))->bytes, ==, 560);
}

static void
test_stand_in_missing (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("missing", "exit 0");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (sl_interpreter_get_path (interp));
  error = run_stand_in (interp, &points);
  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_NO_INTERPRETER);
  g_assert_nonnull (strstr (error->message, "There is no interpreter at"));
  g_assert_cmpuint (points->len, ==, 0);
}

static void
test_stand_in_crash (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("crash", "echo '" POINT "'; kill -SEGV $$");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_stand_in (interp, &points);

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_CRASHED);
  g_assert_nonnull (strstr (error->message, "crashed (signal 11"));
  assert_one_partial_point (points);
}

static void
test_stand_in_hang (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("hang", "echo '" POINT "'; exec sleep 600");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_stand_in (interp, &points);

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "waiting for count 20"));
  assert_one_partial_point (points);
}

static void
test_stand_in_garbage (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("garbage", "echo '" POINT "'; echo 'Traceback (most recent call last):'");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_stand_in (interp, &points);

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "output line 3 is not what slotlab-probe prints"));
  assert_one_partial_point (points);
}

static void
test_stand_in_endless_line (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("endless", "echo '" POINT "'; exec yes | tr -d '\\n'");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_stand_in (interp, &points);

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "longer than"));
  assert_one_partial_point (points);
}

static void
test_stand_in_wrong_count (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("wrong-count", "echo '" POINT "'; echo '" POINT "'");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_stand_in (interp, &points);

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "not the count asked next"));
  assert_one_partial_point (points);
}

/* ---- the line parser ---- */

/* ---- a strategy over Slot Lab's own limits; the probe's own faults ---- */

/* 256 init names are within the limit; the mixed strategy adds '__dict__'
 * to the slots: 257 items, over Slot Lab's limit of 256 (CPython has none). */
static SlSession *
wide_session (const char *backend)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"slotlab-session\", \"version\": 1, "
                                          "\"python\": \"3.12\", \"classes\": [{\"name\": \"Wide\", "
                                          "\"bases\": [], \"slots\": null, \"init\": [");
  g_autoptr(GError) error = NULL;
  SlSession *session;

  for (guint i = 0; i < 256; i++)
    g_string_append_printf (text, "%s\"a%u\"", i ? ", " : "", i);
  g_string_append_printf (text, "]}], \"experiments\": [{\"name\": \"Very wide\", \"class\": \"Wide\", "
                          "\"strategies\": [\"as-declared\", \"dict\", \"slots\", \"mixed\"], "
                          "\"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"%s\", "
                          "\"counts\": {\"from\": 10, \"to\": 100, \"points\": 2, \"scale\": \"log\"}, "
                          "\"results\": []}]}", backend);
  session = sl_session_load_from_data (text->str, -1, &error);
  g_assert_no_error (error);
  return session;
}

static void
assert_only_mixed_failed (SlExperimentRun *run,
                          GError          *error)
{
  GPtrArray *points = sl_experiment_run_get_points (run);
  guint per_strategy[SL_N_STRATEGIES] = { 0, };

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_OVER_LIMIT);
  /* It names the experiment, the strategy and the limit, and only that. */
  g_assert_nonnull (strstr (error->message, "Experiment “Very wide”, strategy mixed:"));
  g_assert_nonnull (strstr (error->message, "more than 256 __slots__ items"));
  g_assert_null (strstr (error->message, "strategy slots"));
  for (guint i = 0; i < points->len; i++)
    {
      SlResultPoint *point = g_ptr_array_index (points, i);

      g_assert_false (point->partial);
      per_strategy[point->strategy]++;
    }
  g_assert_cmpuint (per_strategy[SL_STRATEGY_AS_DECLARED], ==, 2);
  g_assert_cmpuint (per_strategy[SL_STRATEGY_DICT], ==, 2);
  g_assert_cmpuint (per_strategy[SL_STRATEGY_SLOTS], ==, 2);
  g_assert_cmpuint (per_strategy[SL_STRATEGY_MIXED], ==, 0);
}

static void
test_model_strategy_over_limit_fails_alone (void)
{
  g_autoptr(SlSession) session = wide_session ("model");
  SlExperiment *experiment = sl_session_lookup_experiment (session, "Very wide");
  g_autoptr(SlExperimentRun) run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
  g_autoptr(GError) error = sl_test_run_to_end (run, NULL, FALSE, NULL);

  assert_only_mixed_failed (run, error);
}

static void
test_live_strategy_over_limit_fails_alone (void)
{
  g_autoptr(SlSession) session = wide_session ("live");
  SlExperiment *experiment = sl_session_lookup_experiment (session, "Very wide");
  g_autoptr(SlInterpreter) interp = python3 ();
  g_autoptr(SlExperimentRun) run = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;

  if (interp == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
  sl_experiment_run_set_interpreter (run, interp);
  preview = sl_experiment_run_dup_plan (run);
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  assert_only_mixed_failed (run, error);
  /* The plan leaves out what Slot Lab will not lay out, as the run does. */
  assert_plan_is_points (run, preview);
  sl_test_assert_no_child_left ();
}

/* A slot named __getattribute__ makes every attribute lookup on an instance
 * call the slot's value (type.__getattribute__ is replaced by the member):
 * CPython creates the class and runs __init__, but the lecture's
 * `hasattr(o, '__dict__')` raises TypeError.  The probe must measure it
 * anyway, and a fault of its own must never read as CPython refusing. */
static void
test_live_slot_named_getattribute_is_measured (void)
{
  const char *text =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
    "{\"name\": \"Odd\", \"bases\": [], \"slots\": [\"__getattribute__\", \"x\"], "
    "\"init\": [\"__getattribute__\", \"x\"]}], \"experiments\": [{\"name\": \"Odd one\", "
    "\"class\": \"Odd\", \"strategies\": [\"as-declared\", \"mixed\"], \"metric\": \"traced\", \"python\": [\"3.12\"], "
    "\"backend\": \"live\", \"counts\": {\"from\": 1000, \"to\": 10000, \"points\": 2, \"scale\": \"log\"}, "
    "\"results\": []}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (text, -1, &error);
  g_autoptr(SlInterpreter) interp = python3 ();
  g_autoptr(SlExperimentRun) run = NULL;

  g_assert_no_error (error);
  if (interp == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  run = sl_experiment_run_new (sl_session_lookup_experiment (session, "Odd one"),
                               sl_session_get_chain (session), NULL);
  sl_experiment_run_set_interpreter (run, interp);
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  g_assert_no_error (error);
  g_assert_null (sl_experiment_run_get_refusals (run)[0]);
  g_assert_cmpuint (sl_experiment_run_get_points (run)->len, ==, 4);
}

/* A fault inside the probe (here a stand-in that prints the probe's own
 * failure line and exit status) is reported as the probe's, not CPython's. */
static void
test_stand_in_probe_failure_is_not_a_refusal (void)
{
  g_autoptr(SlInterpreter) interp = stand_in ("probe-fails",
                                              "echo '{\"error\": \"slotlab-probe failed: TypeError: boom\"}'; exit 4");
  g_autoptr(GPtrArray) points = NULL;
  g_autoptr(GError) error = run_stand_in (interp, &points);

  g_assert_error (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_PROBE_FAILED);
  g_assert_nonnull (strstr (error->message, "slotlab-probe failed: TypeError: boom"));
  g_assert_nonnull (strstr (error->message, "not a refusal"));
  g_assert_null (strstr (error->message, "CPython refuses"));
}

/* One process sweeps every strategy in turn (one processor's lane, the
 * probe's "then"): CPython refusing three of them (two slotted bases: a
 * lay-out conflict, in the declared chain, with slots and with mixed) is
 * reported for each, and the lane goes on to the dict strategy's points,
 * which equal the model's per instance. */
static void
test_live_lane_carries_refusals (void)
{
  const char *text =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
    "{\"name\": \"A\", \"bases\": [], \"slots\": [\"a\"], \"init\": [\"a\"]},"
    "{\"name\": \"B\", \"bases\": [], \"slots\": [\"b\"], \"init\": [\"b\"]},"
    "{\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"slots\": null, \"init\": [\"c\"]}],"
    "\"experiments\": [{\"name\": \"Conflict\", \"class\": \"C\", "
    "\"strategies\": [\"as-declared\", \"slots\", \"dict\", \"mixed\"], \"metric\": \"traced\", "
    "\"python\": [\"3.12\"], \"backend\": \"live\", "
    "\"counts\": {\"from\": 1000, \"to\": 100000, \"points\": 3, \"scale\": \"log\"}, \"results\": []}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (text, -1, &error);
  g_autoptr(SlInterpreter) interp = python3 ();
  g_autoptr(SlExperimentRun) run = NULL;
  const char * const *refusals;
  GPtrArray *points;

  g_assert_no_error (error);
  if (interp == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  run = sl_experiment_run_new (sl_session_lookup_experiment (session, "Conflict"),
                               sl_session_get_chain (session), NULL);
  sl_experiment_run_set_interpreter (run, interp);
  sl_experiment_run_set_max_parallel (run, 1);
  error = sl_test_run_to_end (run, NULL, FALSE, NULL);
  g_assert_no_error (error);
  refusals = sl_experiment_run_get_refusals (run);
  g_assert_cmpuint (g_strv_length ((char **) refusals), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (strstr (refusals[i], "lay-out conflict"));
  g_assert_true (g_str_has_prefix (refusals[0], "as-declared: "));
  g_assert_true (g_str_has_prefix (refusals[1], "slots: ") || g_str_has_prefix (refusals[1], "mixed: "));
  points = sl_experiment_run_get_points (run);
  g_assert_cmpuint (points->len, ==, 3);
  for (guint i = 0; i < points->len; i++)
    {
      SlResultPoint *point = g_ptr_array_index (points, i);

      g_assert_cmpint (point->strategy, ==, SL_STRATEGY_DICT);
      g_assert_false (point->partial);
    }
  /* Per instance between the first and last count, as the model says:
   * a dict instance of three attributes on this interpreter. */
  {
    g_autoptr(SlProfile) profile = sl_profile_lookup (sl_interpreter_get_version (interp), NULL);
    SlResultPoint *first = g_ptr_array_index (points, 0), *last = g_ptr_array_index (points, 2);
    SlModelLine *line;

    if (profile == NULL)
      return;
    line = sl_experiment_model_line (sl_session_get_chain (session), "C", profile,
                                     SL_STRATEGY_DICT, SL_METRIC_TRACED, NULL);
    g_assert_nonnull (line);
    g_assert_cmpfloat_with_epsilon ((double) (last->bytes - first->bytes) / (last->count - first->count),
                                    line->per_instance, 0.5);
    sl_model_line_free (line);
  }
}

static void
test_probe_parse_lines (void)
{
  static const char * const bad[] = {
    "", "null", "[]", "{}", "{\"hello\": \"other\"}", "garbage",
    "{\"strategy\": \"slots\", \"count\": 0, \"pymalloc\": null, \"getsizeof\": 1, \"seconds\": 0}",
    "{\"strategy\": \"slots\", \"count\": 1, \"pymalloc\": null, \"getsizeof\": 1, \"seconds\": 0, \"x\": 1}",
    "{\"strategy\": \"slots\", \"count\": 1.5, \"pymalloc\": null, \"getsizeof\": 1, \"seconds\": 0}",
    "{\"strategy\": \"slots\", \"count\": 1, \"count\": 2, \"pymalloc\": null, \"getsizeof\": 1, \"seconds\": 0}",
    "{\"done\": false, \"peak_traced\": null}",
    "{\"error\": 3}",
    "{\"fatal\": \"x\", \"error\": \"y\"}",
  };
  SlProbeLine line;
  g_autoptr(GError) error = NULL;

  g_assert_true (sl_probe_parse_line (HELLO "\n", -1, &line, &error));
  g_assert_no_error (error);
  g_assert_cmpint (line.kind, ==, SL_PROBE_LINE_HELLO);
  g_assert_cmpstr (line.python, ==, "3.12.1");
  sl_probe_line_clear (&line);

  g_assert_true (sl_probe_parse_line (POINT, -1, &line, &error));
  g_assert_cmpint (line.kind, ==, SL_PROBE_LINE_POINT);
  g_assert_cmpuint (line.count, ==, 10);
  g_assert_cmpint (line.traced, ==, 560);
  g_assert_cmpint (line.pymalloc, ==, -1);
  sl_probe_line_clear (&line);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;

      if (sl_probe_parse_line (bad[i], -1, &line, &bad_error))
        g_error ("accepted %s", bad[i]);
      g_assert_error (bad_error, SL_PROBE_ERROR, SL_PROBE_ERROR_MALFORMED);
    }
}

/* Whether a run's interpreters mostly wait for a CPU, from 250 ms samples
 * of their summed wait: two processes that wait all the time are starved
 * within a second; waiting 40 % of the time, between the two thresholds,
 * changes nothing either way; running freely, they are no longer starved
 * within a second and a half. */
static void
test_cpu_wait_tracker (void)
{
  SlCpuWaitTracker tracker = { 0 };
  gint64 now = 1000000, waited = 0;
  guint changes = 0;

  g_assert_false (sl_cpu_wait_tracker_sample (&tracker, now, waited, 2));   /* the first sample */
  for (guint i = 0; i < 4; i++)
    {
      now += 250000;
      waited += 2 * 250000;
      changes += sl_cpu_wait_tracker_sample (&tracker, now, waited, 2);
    }
  g_assert_true (tracker.starved);
  g_assert_cmpuint (changes, ==, 1);

  for (guint i = 0; i < 20; i++)
    {
      now += 250000;
      waited += 2 * 100000;
      g_assert_false (sl_cpu_wait_tracker_sample (&tracker, now, waited, 2));
    }
  g_assert_true (tracker.starved);

  changes = 0;
  for (guint i = 0; i < 6; i++)
    {
      now += 250000;
      changes += sl_cpu_wait_tracker_sample (&tracker, now, waited, 2);
    }
  g_assert_false (tracker.starved);
  g_assert_cmpuint (changes, ==, 1);

  /* And 40 % does not make them starved again. */
  for (guint i = 0; i < 20; i++)
    {
      now += 250000;
      waited += 2 * 100000;
      g_assert_false (sl_cpu_wait_tracker_sample (&tracker, now, waited, 2));
    }
  g_assert_false (tracker.starved);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-run-XXXXXX", NULL);
  g_test_add_func ("/experiment-run/model/gives-every-point-at-once", test_model_run_gives_every_point_at_once);
  g_test_add_func ("/experiment-run/cpu-wait-tracker", test_cpu_wait_tracker);
  g_test_add_func ("/experiment-run/live/agrees-with-the-model", test_live_agrees_with_model);
  g_test_add_func ("/experiment-run/live/cancel-leaves-no-child", test_live_cancel_leaves_no_child);
  g_test_add_func ("/experiment-run/live/cancel-at-once-leaves-no-child", test_live_cancel_at_once_leaves_no_child);
  g_test_add_func ("/experiment-run/live/refuses-what-does-not-fit", test_live_refuses_what_does_not_fit);
  g_test_add_func ("/experiment-run/stand-in/missing", test_stand_in_missing);
  g_test_add_func ("/experiment-run/stand-in/crash", test_stand_in_crash);
  g_test_add_func ("/experiment-run/stand-in/hang", test_stand_in_hang);
  g_test_add_func ("/experiment-run/stand-in/garbage", test_stand_in_garbage);
  g_test_add_func ("/experiment-run/stand-in/endless-line", test_stand_in_endless_line);
  g_test_add_func ("/experiment-run/stand-in/wrong-count", test_stand_in_wrong_count);
  g_test_add_func ("/experiment-run/model/strategy-over-limit-fails-alone", test_model_strategy_over_limit_fails_alone);
  g_test_add_func ("/experiment-run/live/strategy-over-limit-fails-alone", test_live_strategy_over_limit_fails_alone);
  g_test_add_func ("/experiment-run/live/slot-named-getattribute-is-measured", test_live_slot_named_getattribute_is_measured);
  g_test_add_func ("/experiment-run/stand-in/probe-failure-is-not-a-refusal", test_stand_in_probe_failure_is_not_a_refusal);
  g_test_add_func ("/experiment-run/live/lane-carries-refusals", test_live_lane_carries_refusals);
  g_test_add_func ("/probe/parse-lines", test_probe_parse_lines);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
