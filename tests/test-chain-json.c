/* test-chain-json.c: a chain is written to JSON by one function
 * (engine/cpython/sl-chain-json.c) for two readers, and neither may see a
 * byte change: the session file (PRODUCT.md's format, read back by every
 * earlier Slot Lab) and the probe's stdin (data/slotlab-probe.py).
 *
 * The expected files in tests/chain-json/ were written by the two
 * functions this one replaced (the session writer's class writer and
 * sl-experiment-run.c's chain_to_json), from classes.slotlab, whose
 * classes use every member a class can have: non-string __slots__ items,
 * value kinds, created_by, base_init and base_init_at, slots_spelling,
 * elsewhere, dataclass flags, non-ASCII names.  One more class, added here,
 * has base_init "none" with a position: the session leaves the position
 * out, the probe has always been sent it.
 *
 * SLOTLAB_WRITE_CHAIN_JSON=1 writes the files instead of comparing: only
 * for a deliberate change of either contract. */

#include <json-glib/json-glib.h>

#include "sl-experiment-run-private.h"
#include "sl-session.h"

static SlSession *
load_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "chain-json", "classes.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlClass) none_at = sl_class_new ("Z");
  const char *bases[] = { "A", NULL };
  const char *init[] = { "p", "q", NULL };
  SlSession *session = sl_session_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  sl_class_set_bases (none_at, bases);
  sl_class_set_init (none_at, init);
  sl_class_set_base_init (none_at, SL_BASE_INIT_NONE, 1);
  g_assert_true (sl_chain_append (sl_session_get_chain (session), none_at, &error));
  g_assert_no_error (error);
  return session;
}

static void
assert_same_as_file (const char *text,
                     const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "chain-json", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("SLOTLAB_WRITE_CHAIN_JSON") != NULL)
    {
      g_assert_true (g_file_set_contents (path, text, -1, &error));
      g_assert_no_error (error);
      return;
    }
  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_session_text (void)
{
  g_autoptr(SlSession) session = load_fixture ();
  g_autofree char *text = sl_session_to_data (session, NULL);

  assert_same_as_file (text, "classes.saved.slotlab");
}

static void
test_probe_input (void)
{
  g_autoptr(SlSession) session = load_fixture ();
  SlExperiment *experiment = sl_session_lookup_experiment (session, "sweep");
  g_autoptr(SlExperimentRun) run = NULL;
  const SlStrategy lane[] = { SL_STRATEGY_AS_DECLARED, SL_STRATEGY_MIXED };
  const SlStrategy alone[] = { SL_STRATEGY_SLOTS };
  g_autofree char *input = NULL;
  g_autofree char *input_alone = NULL;

  g_assert_nonnull (experiment);
  /* The last class: the probe is sent the chain up to it, all of it. */
  sl_experiment_set_class_name (experiment, "Z");
  run = sl_experiment_run_new (experiment, sl_session_get_chain (session), NULL);
  sl_experiment_run_set_timeout (run, 30);
  input = sl_experiment_run_dup_probe_input (run, lane, G_N_ELEMENTS (lane));
  input_alone = sl_experiment_run_dup_probe_input (run, alone, G_N_ELEMENTS (alone));
  assert_same_as_file (input, "probe-as-declared-then-mixed.json");
  assert_same_as_file (input_alone, "probe-slots.json");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chain-json/session-text-is-unchanged", test_session_text);
  g_test_add_func ("/chain-json/probe-input-is-unchanged", test_probe_input);
  return g_test_run ();
}
