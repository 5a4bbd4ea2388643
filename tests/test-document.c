/* test-document.c: SlDocument — history, load and save, autosave and
 * recovery — and the questions views ask it (sl-document-queries.c).
 *
 * Expected values are written here from the session text or from what
 * CPython does (quoted where it matters), never read back from the code
 * under test. */

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>

#include "sl-document-private.h"
#include "sl-python-reader.h"

static char *state_dir;   /* XDG_STATE_HOME for this run */

static SlSession *
session_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  SlSession *session = sl_session_load_from_data (text, -1, &error);

  g_assert_no_error (error);
  return session;
}

static SlDocument *
lecture_document (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();

  return sl_document_new_for_session (session, NULL);
}

static const char *
class_name_at (SlDocument *doc,
               guint       i)
{
  return sl_class_get_name (sl_chain_get_class (sl_document_get_chain (doc), i));
}

/* ---------------------------------------------------------------------- */
/* History                                                                */

static void
test_undo_class_edit (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(SlChain) original = sl_chain_copy (sl_document_get_chain (doc));
  g_autoptr(SlClass) edited = sl_class_copy (sl_chain_get_class (sl_document_get_chain (doc), 0));
  g_autoptr(GError) error = NULL;
  const char * const init[] = { "x", "y", "z", "w", NULL };
  int index = -2;

  gt_signal_logger_connect (logger, doc, "notify::can-undo");
  gt_signal_logger_connect (logger, doc, "notify::can-redo");
  gt_signal_logger_connect (logger, doc, "notify::modified");

  g_assert_false (sl_document_can_undo (doc));
  g_assert_false (sl_document_get_modified (doc));

  sl_class_set_init (edited, init);
  g_assert_true (sl_document_set_class (doc, 0, edited, &error));
  g_assert_no_error (error);
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "modified");
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "can-undo");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (sl_document_get_modified (doc));
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Edit PointWithDict");
  g_assert_cmpuint (sl_class_get_n_init (sl_chain_get_class (sl_document_get_chain (doc), 0)), ==, 4);

  /* Undo returns to the state as loaded: unmodified again. */
  g_assert_true (sl_document_undo (doc, &index));
  g_assert_cmpint (index, ==, 0);
  g_assert_true (sl_chain_equal (sl_document_get_chain (doc), original));
  g_assert_false (sl_document_get_modified (doc));
  g_assert_false (sl_document_can_undo (doc));
  g_assert_true (sl_document_can_redo (doc));
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "modified");
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "can-undo");
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "can-redo");
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_true (sl_document_redo (doc, NULL));
  g_assert_cmpuint (sl_class_get_n_init (sl_chain_get_class (sl_document_get_chain (doc), 0)), ==, 4);
  g_assert_true (sl_document_get_modified (doc));
  g_assert_false (sl_document_redo (doc, NULL));
}

static void
test_undo_rename_with_dependents (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  SlChain *chain = sl_document_get_chain (doc);

  /* BaseRecord (index 2) is the base of SensorRecord and SensorRecordNoSlots. */
  g_assert_true (sl_document_rename_class (doc, 2, "Record", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (class_name_at (doc, 2), ==, "Record");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (chain, 3))[0], ==, "Record");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (chain, 4))[0], ==, "Record");
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Rename BaseRecord to Record");

  /* One step undoes the rename and both bases. */
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (class_name_at (doc, 2), ==, "BaseRecord");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (chain, 3))[0], ==, "BaseRecord");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (chain, 4))[0], ==, "BaseRecord");
  g_assert_false (sl_document_can_undo (doc));

  /* A name that is not an identifier is refused and leaves no step. */
  g_assert_false (sl_document_rename_class (doc, 2, "not a name", &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME);
  g_assert_false (sl_document_can_undo (doc));
  g_assert_cmpstr (class_name_at (doc, 2), ==, "BaseRecord");
}

static void
test_undo_typing_is_one_step (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  const char *typed[] = { "P", "Po", "Poi", "Point" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    g_assert_true (sl_document_rename_class (doc, 0, typed[i], NULL));
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (class_name_at (doc, 0), ==, "PointWithDict");
  g_assert_false (sl_document_can_undo (doc));

  /* After a seal (another class selected, say) the next edit is its own step. */
  g_assert_true (sl_document_redo (doc, NULL));
  sl_document_seal_history (doc);
  g_assert_true (sl_document_rename_class (doc, 0, "Points", NULL));
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (class_name_at (doc, 0), ==, "Point");
}

static void
test_undo_remove_insert_move (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlClass) added = sl_class_new ("Extra");
  SlChain *chain = sl_document_get_chain (doc);
  int index;

  /* BaseRecord is a base of later classes: the chain refuses, no step. */
  g_assert_false (sl_document_remove_class (doc, 2, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (sl_document_can_undo (doc));

  g_assert_true (sl_document_remove_class (doc, 7, &error));
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, 7);
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Remove RecordMixed");
  g_assert_true (sl_document_undo (doc, &index));
  g_assert_cmpint (index, ==, 7);
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, 8);
  g_assert_cmpstr (class_name_at (doc, 7), ==, "RecordMixed");
  g_assert_true (sl_class_slots_contain (sl_chain_get_class (chain, 7), "__dict__"));

  g_assert_true (sl_document_insert_class (doc, 1, added, &error));
  g_assert_cmpstr (class_name_at (doc, 1), ==, "Extra");
  g_assert_cmpstr (class_name_at (doc, 2), ==, "PointWithSlots");
  g_assert_true (sl_document_move_class (doc, 1, 0, &error));
  g_assert_cmpstr (class_name_at (doc, 0), ==, "Extra");
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (class_name_at (doc, 1), ==, "Extra");
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, 8);
  g_assert_null (sl_chain_lookup (chain, "Extra"));

  /* SensorRecord cannot move above its base. */
  g_assert_false (sl_document_move_class (doc, 3, 0, &error));
  g_assert_nonnull (error);
}

static void
test_undo_direct_edit_is_recorded (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  SlClass *klass = sl_chain_get_class (sl_document_get_chain (doc), 1);
  const char * const init[] = { "x", NULL };

  /* A view that edits the class itself, not through the document. */
  sl_class_set_init (klass, init);
  g_assert_true (sl_document_can_undo (doc));
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpuint (sl_class_get_n_init (sl_chain_get_class (sl_document_get_chain (doc), 1)), ==, 3);
  g_assert_false (sl_document_get_modified (doc));
}

static void
test_undo_experiments (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  GListModel *experiments = sl_session_get_experiments (sl_document_get_session (doc));
  g_autoptr(SlExperiment) first = g_list_model_get_item (experiments, 0);
  g_autoptr(SlExperiment) settings = sl_experiment_copy (first);
  guint n = g_list_model_get_n_items (experiments);
  const SlResultPoint point = { (char *) "3.12", SL_STRATEGY_DICT, SL_BACKEND_MODEL, SL_METRIC_TRACED,
                                1000, 88000, FALSE, NULL };

  sl_experiment_set_name (settings, "Renamed");
  sl_experiment_set_backend (settings, SL_BACKEND_LIVE);
  sl_document_set_experiment (doc, 0, settings);
  g_assert_cmpstr (sl_experiment_get_name (first), ==, "Renamed");

  /* A run's results are not an edit: undo keeps them, and the document
   * stays unsaved (they are not in the file). */
  sl_experiment_add_result (first, &point);
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (sl_experiment_get_name (first), ==, "Example 17.3: bulk allocation");
  g_assert_cmpint (sl_experiment_get_backend (first), ==, SL_BACKEND_MODEL);
  g_assert_cmpuint (sl_experiment_get_results (first)->len, ==, 1);
  g_assert_true (sl_document_get_modified (doc));

  /* Removing one and undoing puts the same object back, in its place. */
  sl_document_remove_experiment (doc, 0);
  g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, n - 1);
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, n);
  {
    g_autoptr(SlExperiment) back = g_list_model_get_item (experiments, 0);
    g_assert_true (back == first);
  }
  /* And edits of it after that are still recorded. */
  sl_experiment_set_metric (first, SL_METRIC_PYMALLOC);
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpint (sl_experiment_get_metric (first), ==, SL_METRIC_TRACED);
}

static void
test_undo_title (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autofree char *title = NULL;

  gt_signal_logger_connect (logger, doc, "notify::title");
  sl_document_set_title (doc, "Lecture 18");
  title = sl_document_dup_title (doc);
  g_assert_cmpstr (title, ==, "Lecture 18");
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "title");  /* modified */
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "title");  /* the title */
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (sl_session_get_title (sl_document_get_session (doc)), ==, "Lecture 17");
}

/* ---------------------------------------------------------------------- */
/* Load and save                                                          */

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  sl_document_save_finish (SL_DOCUMENT (source), result, error);
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  sl_document_load_finish (SL_DOCUMENT (source), result, error);
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static void
wait_done (SlDocument *doc)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_object_get_data (G_OBJECT (doc), "done") == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_object_set_data (G_OBJECT (doc), "done", NULL);
}

static void
test_save_clears_modified_and_autosave (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) autosave = NULL;
  g_autoptr(SlSession) back = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  sl_document_set_title (doc, "Saved once");
  g_assert_true (sl_document_autosave_now (doc, &error));
  g_assert_no_error (error);
  autosave = sl_document_get_autosave_file (doc);
  g_assert_true (g_file_query_exists (autosave, NULL));

  gt_signal_logger_connect (logger, doc, "notify::file");
  sl_document_save_async (doc, file, NULL, save_done, &error);
  g_assert_true (sl_document_get_busy (doc));
  wait_done (doc);
  g_assert_no_error (error);
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "file");
  g_assert_false (sl_document_get_modified (doc));
  g_assert_false (sl_document_get_busy (doc));
  g_assert_true (g_file_equal (sl_document_get_file (doc), file));
  g_assert_false (g_file_query_exists (autosave, NULL));

  back = sl_session_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_session_get_title (back), ==, "Saved once");

  /* Undo after the save: unsaved again; redo: back at the saved state. */
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_true (sl_document_get_modified (doc));
  g_assert_true (sl_document_redo (doc, NULL));
  g_assert_false (sl_document_get_modified (doc));

  /* No file given and none known: an error, not a crash. */
  {
    g_autoptr(SlDocument) fresh = sl_document_new ();

    sl_document_save_async (fresh, NULL, NULL, save_done, &error);
    wait_done (fresh);
    g_assert_error (error, SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_NO_FILE);
    g_clear_error (&error);
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_edit_during_save_stays_modified (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlSession) back = NULL;

  sl_document_set_title (doc, "First");
  sl_document_save_async (doc, file, NULL, save_done, &error);
  sl_document_set_title (doc, "Second");
  wait_done (doc);
  g_assert_no_error (error);
  /* The file has the snapshot; the edit made meanwhile is still unsaved. */
  back = sl_session_load_from_file (file, NULL, &error);
  g_assert_cmpstr (sl_session_get_title (back), ==, "First");
  g_assert_true (sl_document_get_modified (doc));
  g_unlink (path);
  sl_document_discard_autosave (doc);
  g_rmdir (dir);
}

/* A read-only file is refused (the writer's rule) and the work stays
 * unsaved, the file as it was. */
static void
test_save_read_only_refused (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "read-only.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "kept", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  sl_document_set_title (doc, "Not written");
  sl_document_save_async (doc, file, NULL, save_done, &error);
  wait_done (doc);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_true (sl_document_get_modified (doc));
  g_assert_null (sl_document_get_file (doc));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "kept");
  g_chmod (path, 0644);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_load_failure_leaves_document (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/slotlab/missing.slotlab");
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-session", "minimal.slotlab", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (fixture);
  SlSession *before = sl_document_get_session (doc);

  sl_document_set_title (doc, "Edited");
  sl_document_load_async (doc, missing, NULL, load_done, &error);
  wait_done (doc);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
  g_clear_error (&error);
  g_assert_true (sl_document_get_session (doc) == before);
  g_assert_true (sl_document_can_undo (doc));
  g_assert_null (sl_document_get_file (doc));

  sl_document_load_async (doc, good, NULL, load_done, &error);
  wait_done (doc);
  g_assert_no_error (error);
  g_assert_false (sl_document_get_session (doc) == before);
  g_assert_false (sl_document_can_undo (doc));
  g_assert_false (sl_document_get_modified (doc));
  g_assert_true (g_file_equal (sl_document_get_file (doc), good));
}

/* ---------------------------------------------------------------------- */
/* Autosave and recovery                                                  */

static char *
sidecar_path (SlDocument *doc)
{
  g_autofree char *dir = sl_document_get_autosave_dir ();
  g_autofree char *name = g_strconcat (sl_document_get_uuid (doc), ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

/* A pid that no process has now: a child that has exited and been reaped. */
static pid_t
dead_pid (void)
{
  pid_t pid = fork ();

  if (pid == 0)
    _exit (0);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  return pid;
}

/* What a crash leaves: the autosave and a sidecar whose owner is gone. */
static void
orphan (SlDocument *doc)
{
  g_autofree char *path = sidecar_path (doc);
  g_autofree char *text = NULL;
  g_autofree char *pid = g_strdup_printf ("\"pid\" : %d", (int) getpid ());
  g_autofree char *dead = g_strdup_printf ("\"pid\" : %d", (int) dead_pid ());
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpuint (g_string_replace (edited, pid, dead, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
}

static gboolean
list_has (GPtrArray  *files,
          SlDocument *doc)
{
  g_autoptr(GFile) mine = sl_document_get_autosave_file (doc);

  for (guint i = 0; i < files->len; i++)
    if (g_file_equal (g_ptr_array_index (files, i), mine))
      return TRUE;
  return FALSE;
}

/* Until the autosaves started on `doc` have been written.  Polled: the
 * write ends on its thread, and nothing of it needs this thread's loop. */
static void
wait_autosaves_ended (SlDocument *doc)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sl_document_autosave_is_writing (doc))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static char *
autosaved_title (SlDocument *doc)
{
  g_autoptr(GFile) file = sl_document_get_autosave_file (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) back = sl_session_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (sl_session_get_title (back));
}

/* The timer's autosave is written by a thread (an fsync on the main loop
 * stalled the window mid-run, issue 13): the newest request wins, and a
 * removal after a save is not undone by a write that was under way. */
static void
test_autosave_off_the_main_thread_in_order (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GFile) file = sl_document_get_autosave_file (doc);
  g_autofree char *title = NULL;

  sl_document_set_title (doc, "First");
  sl_document_autosave_cb (doc);
  wait_autosaves_ended (doc);
  title = autosaved_title (doc);
  g_assert_cmpstr (title, ==, "First");

  /* Two writes under way at once: the later edit is what stays. */
  sl_document_set_title (doc, "Second");
  sl_document_autosave_cb (doc);
  sl_document_set_title (doc, "Third");
  sl_document_autosave_cb (doc);
  wait_autosaves_ended (doc);
  g_clear_pointer (&title, g_free);
  title = autosaved_title (doc);
  g_assert_cmpstr (title, ==, "Third");

  /* A write started, then removed (what a save does): removed it stays. */
  sl_document_set_title (doc, "Fourth");
  sl_document_autosave_cb (doc);
  sl_document_discard_autosave (doc);
  wait_autosaves_ended (doc);
  g_assert_false (g_file_query_exists (file, NULL));

  /* The synchronous write after one under way: the synchronous one stays. */
  sl_document_set_title (doc, "Fifth");
  sl_document_autosave_cb (doc);
  sl_document_set_title (doc, "Sixth");
  g_assert_true (sl_document_autosave_now (doc, NULL));
  wait_autosaves_ended (doc);
  g_clear_pointer (&title, g_free);
  title = autosaved_title (doc);
  g_assert_cmpstr (title, ==, "Sixth");
  sl_document_discard_autosave (doc);
}

static void
test_autosave_per_document (void)
{
  g_autoptr(SlDocument) a = lecture_document ();
  g_autoptr(SlDocument) b = lecture_document ();
  g_autoptr(GFile) file_a = sl_document_get_autosave_file (a);
  g_autoptr(GFile) file_b = sl_document_get_autosave_file (b);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  g_assert_cmpstr (sl_document_get_uuid (a), !=, sl_document_get_uuid (b));
  sl_document_set_autosave (a, TRUE);
  sl_document_set_autosave (b, TRUE);
  sl_document_set_title (a, "Window A");
  sl_document_set_title (b, "Window B");

  /* The timer writes each one's own file a moment after the edit. */
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!written)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
        written = g_file_query_exists (file_a, NULL) && g_file_query_exists (file_b, NULL);
      }
  }

  /* Both owned by this running process: nothing to recover. */
  listed = sl_document_list_recoverable ();
  g_assert_false (list_has (listed, a));
  g_assert_false (list_has (listed, b));

  /* Closing one window removes its autosave only. */
  sl_document_discard_autosave (a);
  g_assert_false (g_file_query_exists (file_a, NULL));
  g_assert_true (g_file_query_exists (file_b, NULL));
  sl_document_discard_autosave (b);
}

static void
test_recovery_after_crash (void)
{
  g_autoptr(SlDocument) a = NULL;
  g_autoptr(SlDocument) b = lecture_document ();
  g_autoptr(SlDocument) ra = sl_document_new ();
  g_autoptr(SlDocument) rb = sl_document_new ();
  g_autoptr(SlDocument) later = lecture_document ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) origin = g_file_new_for_path ("/tmp/slotlab-origin.slotlab");
  g_autoptr(SlSession) lecture = sl_session_new_lecture_17 ();

  a = sl_document_new_for_session (lecture, origin);
  sl_document_set_title (a, "Work of window A");
  sl_document_set_title (b, "Work of window B");
  g_assert_true (sl_document_autosave_now (a, &error));
  g_assert_true (sl_document_autosave_now (b, &error));
  orphan (a);
  orphan (b);

  listed = sl_document_list_recoverable ();
  g_assert_true (list_has (listed, a));
  g_assert_true (list_has (listed, b));

  /* Each recovered into its own document: the work, unsaved, the file it
   * came from, and the autosave's uuid. */
  {
    g_autoptr(GFile) fa = sl_document_get_autosave_file (a);
    g_autoptr(GFile) fb = sl_document_get_autosave_file (b);

    g_assert_true (sl_document_recover (ra, fa, &error));
    g_assert_no_error (error);
    g_assert_true (sl_document_recover (rb, fb, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (sl_session_get_title (sl_document_get_session (ra)), ==, "Work of window A");
  g_assert_cmpstr (sl_session_get_title (sl_document_get_session (rb)), ==, "Work of window B");
  g_assert_true (sl_document_get_modified (ra));
  g_assert_true (g_file_equal (sl_document_get_file (ra), origin));
  g_assert_null (sl_document_get_file (rb));
  g_assert_cmpstr (sl_document_get_uuid (ra), ==, sl_document_get_uuid (a));

  /* Claimed: a second start now does not offer them again. */
  again = sl_document_list_recoverable ();
  g_assert_false (list_has (again, a));
  g_assert_false (list_has (again, b));

  /* New work autosaves to a file of its own: the recovered work, still
   * unresolved, is not written over. */
  sl_document_set_title (later, "Newer work");
  g_assert_true (sl_document_autosave_now (later, &error));
  {
    g_autoptr(GFile) fa = sl_document_get_autosave_file (ra);
    g_autoptr(SlSession) kept = sl_session_load_from_file (fa, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (sl_session_get_title (kept), ==, "Work of window A");
  }

  /* A file that is not an autosave is refused by name. */
  {
    g_autoptr(GFile) stray = g_file_new_for_path ("/tmp/not-an-autosave.slotlab");
    g_autoptr(SlDocument) other = sl_document_new ();

    g_assert_false (sl_document_recover (other, stray, &error));
    g_assert_error (error, SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_NOT_RECOVERABLE);
    g_clear_error (&error);
  }

  sl_document_discard_autosave (ra);
  sl_document_discard_autosave (rb);
  sl_document_discard_autosave (later);
}

/* ---------------------------------------------------------------------- */
/* Questions                                                              */

static void
test_profile_lookup_version (void)
{
  g_autoptr(SlProfile) none = sl_profile_lookup_version (NULL, NULL);
  g_autoptr(SlProfile) empty = sl_profile_lookup_version ("", NULL);
  g_autoptr(SlProfile) ft = sl_profile_lookup_version ("3.13.15t", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlProfile) of_doc = NULL;

  /* PRODUCT.md: "python" defaults to "3.12". */
  g_assert_cmpstr (sl_profile_get_id (none), ==, "3.12");
  g_assert_cmpstr (sl_profile_get_id (empty), ==, "3.12");
  g_assert_cmpstr (sl_profile_get_id (ft), ==, "3.13t");
  g_assert_null (sl_profile_lookup_version ("3.7", &error));
  g_assert_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_UNKNOWN);

  sl_document_set_python (doc, "3.14");
  of_doc = sl_document_dup_profile (doc, NULL);
  g_assert_cmpstr (sl_profile_get_id (of_doc), ==, "3.14");
}

static void
test_layout_counts_chain_up_to_class (void)
{
  /* class A: __slots__ = ('a',); class B: __slots__ = ('b',);
   * class C(A, B): pass raises "TypeError: multiple bases have instance
   * lay-out conflict" -- after A exists: A's instances are fine. */
  g_autoptr(SlSession) session = session_from_text (
    "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
    "{\"name\": \"A\", \"slots\": [\"a\"], \"init\": [\"a\"]},"
    "{\"name\": \"B\", \"slots\": [\"b\"], \"init\": [\"b\"]},"
    "{\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"init\": []}]}");
  g_autoptr(SlDocument) doc = sl_document_new_for_session (session, NULL);
  g_autoptr(SlProfile) profile = sl_profile_lookup_version ("3.12", NULL);
  g_autoptr(SlLayout) a = sl_document_dup_layout (doc, "A", SL_STRATEGY_AS_DECLARED, profile, NULL);
  g_autoptr(SlLayout) c = sl_document_dup_layout (doc, "C", SL_STRATEGY_AS_DECLARED, profile, NULL);
  g_autoptr(GPtrArray) rows = sl_document_dup_cost_rows (doc, "A", profile);
  g_autoptr(GError) error = NULL;

  g_assert_null (sl_layout_get_error (a));
  /* One slot, no GC, no dict on 3.12: 16-byte header + 8 = basicsize 24. */
  g_assert_cmpint (sl_layout_get_figures (a)->basicsize, ==, 24);
  g_assert_cmpstr (sl_layout_get_error (c), ==, "TypeError: multiple bases have instance lay-out conflict");

  g_assert_cmpuint (rows->len, ==, SL_N_STRATEGIES);
  for (guint s = 0; s < rows->len; s++)
    {
      SlCostRow *row = g_ptr_array_index (rows, s);

      g_assert_cmpint (row->strategy, ==, s);
      g_assert_nonnull (row->layout);
    }
  /* As declared and slots are the same class here: both cheapest. */
  g_assert_true (((SlCostRow *) g_ptr_array_index (rows, SL_STRATEGY_AS_DECLARED))->cheapest[SL_METRIC_TRACED]);
  g_assert_true (((SlCostRow *) g_ptr_array_index (rows, SL_STRATEGY_SLOTS))->cheapest[SL_METRIC_TRACED]);
  g_assert_false (((SlCostRow *) g_ptr_array_index (rows, SL_STRATEGY_DICT))->cheapest[SL_METRIC_TRACED]);

  g_assert_null (sl_document_dup_layout (doc, "Nope", SL_STRATEGY_AS_DECLARED, profile, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS);
}

static void
test_pitfalls (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlProfile) profile = sl_profile_lookup_version ("3.12", NULL);
  g_autoptr(GPtrArray) pitfalls = sl_document_dup_pitfalls (doc, profile);
  gboolean seen_slide7 = FALSE, seen_mixed = FALSE;

  /* Lecture 17: SensorRecordNoSlots (no __slots__, under the slotted
   * BaseRecord) is slide 7; RecordMixed lists '__dict__' though __init__
   * stores only x, y, z, all slots.  SensorRecord is slotted throughout,
   * PointWithDict and RecordDict have no slotted base. */
  for (guint i = 0; i < pitfalls->len; i++)
    {
      SlPitfall *p = g_ptr_array_index (pitfalls, i);

      if (p->kind == SL_PITFALL_DICT_UNDER_SLOTS)
        {
          g_assert_cmpstr (p->class_name, ==, "SensorRecordNoSlots");
          g_assert_cmpfloat (p->extra_traced, >, 0);
          seen_slide7 = TRUE;
        }
      else
        {
          g_assert_cmpstr (p->class_name, ==, "RecordMixed");
          g_assert_cmpfloat (p->extra_traced, >, 0);
          seen_mixed = TRUE;
        }
    }
  g_assert_true (seen_slide7);
  g_assert_true (seen_mixed);
  g_assert_cmpuint (pitfalls->len, ==, 2);
}

static void
test_chain_renamed (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlChain *chain = sl_session_get_chain (session);
  g_autoptr(SlChain) renamed = sl_chain_renamed (chain, 2, "Rec", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (renamed, 2)), ==, "Rec");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (renamed, 4))[0], ==, "Rec");
  /* The session's own chain is untouched. */
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, 2)), ==, "BaseRecord");
  /* A name another class has. */
  g_assert_null (sl_chain_renamed (chain, 2, "RecordDict", &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_DUPLICATE_CLASS);
}

static void
test_parse_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = sl_parse_count_list ("1000, 2000 5000", &error);
  g_auto(GStrv) versions = sl_parse_version_list ("3.12, 3.13t", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 3);
  g_assert_cmpuint (g_array_index (counts, guint64, 2), ==, 5000);
  g_assert_cmpstrv (versions, ((const char * const[]) { "3.12", "3.13t", NULL }));

  g_assert_null (sl_parse_count_list ("10, 0", &error));
  g_assert_nonnull (strstr (error->message, "count 2"));
  g_clear_error (&error);
  g_assert_null (sl_parse_count_list ("1000000000001", &error));
  g_clear_error (&error);
  g_assert_null (sl_parse_count_list (" , ", &error));
  g_clear_error (&error);
  g_assert_null (sl_parse_version_list ("3.12 3.7", &error));
  g_assert_nonnull (strstr (error->message, "version 2"));
}

static void
test_experiment_python (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlExperiment) e = sl_experiment_new ("E", "RecordDict");

  sl_document_set_python (doc, "3.13");
  g_assert_cmpstr (sl_document_get_experiment_python (doc, e), ==, "3.13");
  sl_experiment_set_pythons (e, (const char * const[]) { "3.11", "3.12", NULL });
  g_assert_cmpstr (sl_document_get_experiment_python (doc, e), ==, "3.11");
}

/* A real interpreter when this machine has one (skipped otherwise). */
static void
test_interpreter_is_version (void)
{
  g_autofree char *path = g_build_filename (g_get_home_dir (), ".pyenv", "versions", "3.12.1",
                                            "bin", "python3", NULL);
  g_autoptr(SlInterpreter) interp = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlExperiment) e = sl_experiment_new ("E", "RecordDict");

  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) || !(interp = sl_interpreter_probe (path, NULL, NULL)))
    {
      g_test_skip ("no ~/.pyenv/versions/3.12.1");
      return;
    }
  g_assert_true (sl_interpreter_is_version (interp, "3.12"));
  g_assert_true (sl_interpreter_is_version (interp, "3.12.1"));
  g_assert_false (sl_interpreter_is_version (interp, "3.12.0"));
  g_assert_false (sl_interpreter_is_version (interp, "3.11"));
  g_assert_false (sl_interpreter_is_version (interp, "3.13t"));

  list = g_ptr_array_new ();
  g_ptr_array_add (list, interp);
  sl_experiment_set_pythons (e, (const char * const[]) { "3.12", NULL });
  g_assert_true (sl_document_pick_interpreter (doc, e, list) == interp);
  /* Never another version in its place. */
  sl_experiment_set_pythons (e, (const char * const[]) { "3.11", NULL });
  g_assert_null (sl_document_pick_interpreter (doc, e, list));
}


/* ---------------------------------------------------------------------- */
/* Python source as an edit                                               */

static void
test_replace_chain_is_one_step (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlChain) original = sl_chain_copy (sl_document_get_chain (doc));
  g_autoptr(SlChain) two = sl_chain_new ();
  g_autoptr(SlChain) three = NULL;
  g_autoptr(SlClass) a = sl_class_new ("A");
  g_autoptr(SlClass) b = sl_class_new ("B");
  g_autoptr(GError) error = NULL;
  SlChain *live = sl_document_get_chain (doc);
  const char * const base_a[] = { "A", NULL };

  g_assert_true (sl_chain_append (two, a, NULL));
  sl_class_set_bases (b, base_a);
  three = sl_chain_copy (two);
  g_assert_true (sl_chain_append (three, b, NULL));

  /* Two replacements in a row with the same label are one step (typing);
   * the live chain object stays, holding the new classes. */
  g_assert_true (sl_document_replace_chain (doc, two, "Edit Python source", &error));
  g_assert_no_error (error);
  g_assert_true (sl_document_replace_chain (doc, three, "Edit Python source", &error));
  g_assert_true (sl_document_get_chain (doc) == live);
  g_assert_cmpuint (sl_chain_get_n_classes (live), ==, 2);
  g_assert_cmpstr (class_name_at (doc, 1), ==, "B");
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Edit Python source");
  g_assert_true (sl_document_get_modified (doc));

  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_true (sl_chain_equal (live, original));
  g_assert_false (sl_document_can_undo (doc));
  g_assert_false (sl_document_get_modified (doc));
  g_assert_true (sl_document_redo (doc, NULL));
  g_assert_true (sl_chain_equal (live, three));

  /* The same classes again change nothing and leave no step. */
  sl_document_seal_history (doc);
  g_assert_true (sl_document_replace_chain (doc, three, "Edit Python source", &error));
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_true (sl_chain_equal (live, original));
}

/* Example 17.2 as a lecturer types it. */
static const char example_17_2[] =
  "class BaseRecord:\n"
  "    __slots__ = ('recordId', 'timestamp')\n"
  "\n"
  "    def __init__(self, recordId, timestamp):\n"
  "        self.recordId = recordId\n"
  "        self.timestamp = timestamp\n"
  "\n"
  "\n"
  "class SensorRecord(BaseRecord):\n"
  "    __slots__ = ('sensorId', 'value', 'unit')\n"
  "\n"
  "    def __init__(self, recordId, timestamp, sensorId, value, unit):\n"
  "        super().__init__(recordId, timestamp)\n"
  "        self.sensorId = sensorId\n"
  "        self.value = value\n"
  "        self.unit = unit\n";

static void
test_python_source_replaces_chain (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlChain) original = sl_chain_copy (sl_document_get_chain (doc));
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  SlChain *live = sl_document_get_chain (doc);
  SlClass *sensor;
  guint at = 99;
  const char * const sensor_slots[] = { "sensorId", "value", "unit", NULL };

  g_assert_true (sl_document_set_python_source (doc, example_17_2, -1, &notes, &error));
  g_assert_no_error (error);
  g_assert_nonnull (notes);
  g_assert_cmpuint (sl_chain_get_n_classes (live), ==, 2);
  sensor = sl_chain_get_class (live, 1);
  g_assert_cmpstr (sl_class_get_name (sensor), ==, "SensorRecord");
  g_assert_cmpstr (sl_class_get_bases (sensor)[0], ==, "BaseRecord");
  g_assert_true (g_strv_equal (sl_class_get_slots (sensor), sensor_slots));
  /* super().__init__(…) before the class's own three stores. */
  g_assert_cmpint (sl_class_get_base_init (sensor, &at), ==, SL_BASE_INIT_SUPER);
  g_assert_cmpuint (at, ==, 0);
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Edit Python source");

  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_true (sl_chain_equal (live, original));
}

static void
test_python_source_error_changes_nothing (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlChain) original = sl_chain_copy (sl_document_get_chain (doc));
  g_autoptr(GError) error = NULL;
  guint line = 0, column = 0;
  const char *rest = NULL;
  /* Line 4 is indented deeper than line 3 with no block opening:
   * python3.12 compile() says "IndentationError: unexpected indent",
   * lineno 4. */
  const char *bad =
    "class P:\n"
    "    def __init__(self):\n"
    "        self.x = 0\n"
    "            self.y = 0\n";

  g_assert_false (sl_document_set_python_source (doc, bad, -1, NULL, &error));
  g_assert_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_SYNTAX);
  g_assert_true (sl_python_error_get_location (error, &line, &column, &rest));
  g_assert_cmpuint (line, ==, 4);
  g_assert_true (g_str_has_prefix (rest, "IndentationError"));
  g_assert_true (sl_chain_equal (sl_document_get_chain (doc), original));
  g_assert_false (sl_document_can_undo (doc));
  g_assert_false (sl_document_get_modified (doc));
}

static void
test_error_location (void)
{
  g_autoptr(GError) ok = g_error_new (SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_UNSUPPORTED,
                                      "line 12, column 5: a metaclass");
  g_autoptr(GError) other = g_error_new (SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_BUSY,
                                         "line 12, column 5: a metaclass");
  g_autoptr(GError) garbled = g_error_new (SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_UNSUPPORTED,
                                           "line 12 column 5: a metaclass");
  guint line = 0, column = 0;
  const char *rest = NULL;

  g_assert_true (sl_python_error_get_location (ok, &line, &column, &rest));
  g_assert_cmpuint (line, ==, 12);
  g_assert_cmpuint (column, ==, 5);
  g_assert_cmpstr (rest, ==, "a metaclass");
  g_assert_false (sl_python_error_get_location (other, &line, &column, &rest));
  g_assert_false (sl_python_error_get_location (garbled, &line, &column, &rest));
}

static void
test_paste_python_source (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(SlChain) original = sl_chain_copy (sl_document_get_chain (doc));
  g_autoptr(GError) error = NULL;
  SlChain *live = sl_document_get_chain (doc);
  guint n = sl_chain_get_n_classes (live);
  guint line = 0, column = 0;
  /* A subclass of one of the document's classes, and one of its own. */
  const char *pasted =
    "class Tagged(BaseRecord):\n"
    "    __slots__ = ('tag',)\n"
    "\n"
    "    def __init__(self):\n"
    "        BaseRecord.__init__(self)\n"
    "        self.tag = 0\n"
    "\n"
    "class Free:\n"
    "    pass\n";
  /* python3.12 compile() of this alone: "SyntaxError: unterminated
   * string literal (detected at line 2)", lineno 2, offset 18 (1-based). */
  const char *bad =
    "class Broken:\n"
    "    __slots__ = ('a\n";

  g_assert_cmpuint (sl_document_paste_python_source (doc, pasted, -1, NULL, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (sl_chain_get_n_classes (live), ==, n + 2);
  g_assert_cmpstr (class_name_at (doc, n), ==, "Tagged");
  g_assert_cmpstr (sl_class_get_bases (sl_chain_get_class (live, n))[0], ==, "BaseRecord");
  g_assert_cmpstr (class_name_at (doc, n + 1), ==, "Free");
  /* The document's own classes are untouched. */
  for (guint i = 0; i < n; i++)
    g_assert_true (sl_class_equal (sl_chain_get_class (live, i), sl_chain_get_class (original, i)));
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Paste 2 classes");

  /* An error names the line of the pasted text, not of the whole module. */
  g_assert_cmpuint (sl_document_paste_python_source (doc, bad, -1, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_SYNTAX);
  g_assert_true (sl_python_error_get_location (error, &line, &column, NULL));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 18);
  g_assert_cmpuint (sl_chain_get_n_classes (live), ==, n + 2);
  g_clear_error (&error);

  /* Pasting a class twice in one text is the reader's refusal. */
  g_assert_cmpuint (sl_document_paste_python_source (doc, "class Twice:\n    pass\n\nclass Twice:\n    pass\n",
                                                     -1, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_UNSUPPORTED);
  g_assert_cmpuint (sl_chain_get_n_classes (live), ==, n + 2);
  g_clear_error (&error);

  /* One step undoes the paste. */
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_true (sl_chain_equal (live, original));
}

/* Lecture 17's examples pasted onto the Lecture 17 session: a class named
 * as one of the session's replaces it (a later class statement rebinds
 * the name), in the place the chain's order allows. */
static void
test_paste_replaces_same_names (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  SlChain *live = sl_document_get_chain (doc);
  guint first = 99, replaced = 99;
  guint at = 99;
  /* Lecture 17: PointWithDict, PointWithSlots, BaseRecord, SensorRecord,
   * SensorRecordNoSlots, RecordDict, RecordSlot, RecordMixed. */
  const char *pasted =
    "class BaseRecord:\n"
    "    __slots__ = ('recordId', 'timestamp')\n"
    "\n"
    "    def __init__(self, recordId, timestamp):\n"
    "        self.recordId = recordId\n"
    "        self.timestamp = timestamp\n"
    "\n"
    "\n"
    "class SensorRecord(BaseRecord):\n"
    "    __slots__ = ('sensorId', 'value', 'unit')\n"
    "\n"
    "    def __init__(self, recordId, timestamp, sensorId, value, unit):\n"
    "        self.sensorId = sensorId\n"
    "        self.value = value\n"
    "        self.unit = unit\n"
    "        super().__init__(recordId, timestamp)\n";
  const char *order[] = { "PointWithDict", "PointWithSlots", "BaseRecord", "SensorRecord",
                          "SensorRecordNoSlots", "RecordDict", "RecordSlot", "RecordMixed" };

  g_assert_cmpuint (sl_document_paste_python_source (doc, pasted, -1, &first, &replaced, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (replaced, ==, 2);
  g_assert_cmpuint (sl_chain_get_n_classes (live), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (class_name_at (doc, i), ==, order[i]);
  /* SensorRecord is the pasted one: super() last, after its three stores. */
  g_assert_cmpint (sl_class_get_base_init (sl_chain_get_class (live, 3), &at), ==, SL_BASE_INIT_SUPER);
  g_assert_cmpuint (at, ==, 3);
  g_assert_cmpstr (sl_document_get_undo_label (doc), ==, "Paste 2 classes");
}


/* The class form offers a class-statement field only when the options
 * query allows it; every combination the query allows must be one a
 * session holds (the session reader loads it), and every one it refuses
 * must be one the reader refuses: the query and the file's rules are one
 * rule.  B(A) with __init__ storing one name, through every combination. */
static void
test_class_options_match_session_rules (void)
{
  const char *created_by[] = { "class", "type" };
  const char *base_init[] = { "explicit", "super", "none" };
  const char *slots[] = { "null", "[\"s\"]", "[\"s\", \"t\"]" };
  const char *spelling[] = { "tuple", "str", "list" };
  const char *dataclass[] = { NULL, "{\"slots\": false}", "{\"slots\": true}" };
  guint checked = 0, refused = 0;

  for (guint c = 0; c < G_N_ELEMENTS (created_by); c++)
    for (guint b = 0; b < G_N_ELEMENTS (base_init); b++)
      for (guint at = 0; at < 2; at++)
        for (guint sl = 0; sl < G_N_ELEMENTS (slots); sl++)
          for (guint sp = 0; sp < G_N_ELEMENTS (spelling); sp++)
            for (guint e = 0; e < 2; e++)
              for (guint d = 0; d < G_N_ELEMENTS (dataclass); d++)
                {
                  g_autoptr(GString) json = g_string_new (NULL);
                  g_autoptr(SlClass) klass = sl_class_new ("B");
                  g_autoptr(SlChain) chain = sl_chain_new ();
                  g_autoptr(SlClass) a = sl_class_new ("A");
                  g_autoptr(SlSession) session = NULL;
                  g_autoptr(GError) error = NULL;
                  const char * const bases[] = { "A", NULL };
                  const char * const init[] = { "x", NULL };
                  const char * const one[] = { "s", NULL };
                  const char * const two[] = { "s", "t", NULL };
                  const char * const elsewhere[] = { "e", NULL };
                  SlClassOptions options;
                  gboolean allowed = TRUE;

                  g_string_append (json, "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
                                         "{\"name\": \"A\", \"bases\": [], \"slots\": null, \"init\": []},"
                                         "{\"name\": \"B\", \"bases\": [\"A\"], \"init\": [\"x\"]");
                  g_string_append_printf (json, ", \"slots\": %s", slots[sl]);
                  if (c > 0)
                    g_string_append_printf (json, ", \"created_by\": \"%s\"", created_by[c]);
                  if (b > 0)
                    g_string_append_printf (json, ", \"base_init\": \"%s\"", base_init[b]);
                  if (at > 0)
                    g_string_append (json, ", \"base_init_at\": 1");
                  if (sp > 0)
                    g_string_append_printf (json, ", \"slots_spelling\": \"%s\"", spelling[sp]);
                  if (e > 0)
                    g_string_append (json, ", \"elsewhere\": [\"e\"]");
                  if (dataclass[d])
                    g_string_append_printf (json, ", \"dataclass\": %s", dataclass[d]);
                  g_string_append (json, "}]}");

                  /* The same class through the API, and what the query says of it. */
                  g_assert_true (sl_chain_append (chain, a, NULL));
                  sl_class_set_bases (klass, bases);
                  sl_class_set_init (klass, init);
                  sl_class_set_slots (klass, sl == 0 ? NULL : sl == 1 ? one : two);
                  sl_class_set_created_by (klass, c);
                  sl_class_set_base_init (klass, b, at);
                  sl_class_set_slots_spelling (klass, sp == 0 ? SL_SLOTS_TUPLE : sp == 1 ? SL_SLOTS_STR : SL_SLOTS_LIST);
                  sl_class_set_elsewhere (klass, e ? elsewhere : NULL);
                  sl_class_set_dataclass (klass, d == 0 ? SL_DATACLASS_NONE
                                                 : d == 1 ? SL_DATACLASS : SL_DATACLASS | SL_DATACLASS_SLOTS);
                  sl_class_get_options (klass, chain, &options);

                  if (c == SL_CREATED_BY_TYPE && !options.created_by_type)
                    allowed = FALSE;
                  if (b > 0 && !options.base_init)
                    allowed = FALSE;
                  if (at > 0 && !options.base_init_at)
                    allowed = FALSE;
                  if (sp > 0 && !options.slots_spelling)
                    allowed = FALSE;
                  if (sp == 1 && !options.slots_str)
                    allowed = FALSE;
                  if (e > 0 && !options.elsewhere)
                    allowed = FALSE;
                  if (d > 0 && !options.dataclass)
                    allowed = FALSE;
                  if (d == 2 && !options.dataclass_slots)
                    allowed = FALSE;
                  if (sl > 0 && !options.own_slots)
                    allowed = FALSE;

                  session = sl_session_load_from_data (json->str, -1, &error);
                  if (allowed != (session != NULL))
                    g_error ("%s: the options query says %s, the session reader %s",
                             json->str, allowed ? "allowed" : "refused",
                             error ? error->message : "loads it");
                  refused += !allowed;
                  checked++;

                  /* Dropping what does not apply always gives a class a
                   * session holds. */
                  if (!allowed)
                    {
                      sl_class_drop_inapplicable_options (klass, chain);
                      sl_class_get_options (klass, chain, &options);
                      g_assert_true (sl_class_get_slots_spelling (klass) != SL_SLOTS_STR || options.slots_str);
                      g_assert_true (options.slots_spelling || sl_class_get_slots_spelling (klass) == SL_SLOTS_TUPLE);
                      {
                        guint placed = 0;

                        if (sl_class_get_base_init (klass, &placed) == SL_BASE_INIT_NONE)
                          g_assert_cmpuint (placed, ==, 0);
                      }
                    }
                }
  g_assert_cmpuint (checked, ==, 2 * 3 * 2 * 3 * 3 * 2 * 3);
  g_assert_cmpuint (refused, >, 0);
  g_assert_cmpuint (refused, <, checked);
}


static void
test_loaded_source_while_chain_unchanged (void)
{
  g_autoptr(SlDocument) doc = lecture_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("slotlab-source-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "points.py", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *written = "# Example 17.1\nclass Point:\n    __slots__ = 'x'\n\n"
                        "    def __init__(self, x):\n        self.x = x  # a parameter\n";

  /* A session has no source text of its own. */
  g_assert_null (sl_document_get_loaded_source (doc));
  g_assert_true (g_file_set_contents (path, written, -1, NULL));
  sl_document_load_async (doc, file, NULL, load_done, &error);
  wait_done (doc);
  g_assert_no_error (error);
  g_assert_cmpstr (sl_document_get_loaded_source (doc), ==, written);

  /* An edit of the chain: the text no longer says what the chain is. */
  g_assert_true (sl_document_rename_class (doc, 0, "Pt", NULL));
  g_assert_null (sl_document_get_loaded_source (doc));
  g_assert_true (sl_document_undo (doc, NULL));
  g_assert_cmpstr (sl_document_get_loaded_source (doc), ==, written);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Autosaves go to a folder of this run, never the user's. */
  state_dir = g_dir_make_tmp ("slotlab-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/undo/class-edit-and-back-to-unmodified", test_undo_class_edit);
  g_test_add_func ("/document/undo/rename-with-dependents-is-one-step", test_undo_rename_with_dependents);
  g_test_add_func ("/document/undo/typing-a-name-is-one-step", test_undo_typing_is_one_step);
  g_test_add_func ("/document/undo/remove-insert-move", test_undo_remove_insert_move);
  g_test_add_func ("/document/undo/direct-edit-is-recorded", test_undo_direct_edit_is_recorded);
  g_test_add_func ("/document/undo/experiments-keep-results", test_undo_experiments);
  g_test_add_func ("/document/undo/title", test_undo_title);
  g_test_add_func ("/document/save/clears-modified-and-autosave", test_save_clears_modified_and_autosave);
  g_test_add_func ("/document/save/edit-during-save-stays-unsaved", test_save_edit_during_save_stays_modified);
  g_test_add_func ("/document/save/read-only-refused", test_save_read_only_refused);
  g_test_add_func ("/document/load/failure-leaves-document", test_load_failure_leaves_document);
  g_test_add_func ("/document/autosave/one-file-per-document", test_autosave_per_document);
  g_test_add_func ("/document/autosave/off-the-main-thread-in-order", test_autosave_off_the_main_thread_in_order);
  g_test_add_func ("/document/recovery/every-document-after-a-crash", test_recovery_after_crash);
  g_test_add_func ("/document/queries/profile-lookup-version", test_profile_lookup_version);
  g_test_add_func ("/document/queries/layout-counts-chain-up-to-class", test_layout_counts_chain_up_to_class);
  g_test_add_func ("/document/queries/pitfalls", test_pitfalls);
  g_test_add_func ("/document/queries/chain-renamed", test_chain_renamed);
  g_test_add_func ("/document/queries/parse-lists", test_parse_lists);
  g_test_add_func ("/document/queries/experiment-python", test_experiment_python);
  g_test_add_func ("/document/queries/interpreter-is-version", test_interpreter_is_version);
  g_test_add_func ("/document/source/replace-chain-is-one-step", test_replace_chain_is_one_step);
  g_test_add_func ("/document/source/python-source-replaces-chain", test_python_source_replaces_chain);
  g_test_add_func ("/document/source/error-changes-nothing", test_python_source_error_changes_nothing);
  g_test_add_func ("/document/source/error-location", test_error_location);
  g_test_add_func ("/document/source/paste-adds-classes", test_paste_python_source);
  g_test_add_func ("/document/source/paste-replaces-same-names", test_paste_replaces_same_names);
  g_test_add_func ("/document/source/loaded-source-while-chain-unchanged", test_loaded_source_while_chain_unchanged);
  g_test_add_func ("/document/queries/class-options-match-session-rules", test_class_options_match_session_rules);

  return g_test_run ();
}
