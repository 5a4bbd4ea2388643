/* test-file-safety.c: what slotlab-cli (and the engine's loader and writer
 * under the window) does to the files it is given.
 *
 *  - `run --save` keeps a 0600 file 0600, its owner (as root: a file given
 *    to nobody stays nobody's), a symbolic link (the target is written
 *    through it) and a hard link (both names see the new text); it refuses
 *    a 0444 file with a message and leaves it byte for byte (root could
 *    write it: the mode decides).
 *  - A named pipe, a folder or a device given as the session is refused at
 *    once, by the CLI and by sl_session_load_from_file() (the window's
 *    loader): before this, open() on a FIFO waited for a writer forever.
 *  - On a full disk (a 64 KiB tmpfs mounted by this test, filled up; the
 *    test skips where mount is not permitted) every export (SVG, PDF, PNG,
 *    CSV) and --save exits 2 with the system's message, the old file stays
 *    whole (a hard-linked one too: it is written in place, so only
 *    fallocate() stands between a full disk and a half-written file), and
 *    nothing else is left in the folder: no temporary file, no empty file.  Before, cairo wrote the file in place: a truncated chart
 *    replaced the good one, and a PDF came out empty with exit 0.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <sched.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sl-session.h"

#include "live-helpers.h"

static char *tmp_dir;

static char *
lecture_copy (const char *name,
              int         mode)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_unlink (path);
  g_assert_true (sl_session_save_to_file (session, file, NULL, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static char *
contents (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static int
run_save (const char  *path,
          char       **err)
{
  const char *args[] = { "run", path, "--save", NULL };
  g_autofree char *out = NULL;

  return sl_test_run_cli (NULL, NULL, args, &out, err);
}

/* The lecture session after `run --save` holds results; before, none. */
static void
assert_saved_with_results (const char *path)
{
  g_autofree char *text = contents (path);

  g_assert_nonnull (strstr (text, "\"backend\": \"model\""));
  g_assert_nonnull (strstr (text, "\"count\": 1000"));
}

static void
assert_no_results (const char *text)
{
  g_assert_null (strstr (text, "\"count\": 1000"));
}

/* ---- --save ---- */

static void
test_save_keeps_mode (void)
{
  g_autofree char *path = lecture_copy ("mode.slotlab", 0600);
  g_autofree char *err = NULL;
  struct stat st;

  g_assert_cmpint (run_save (path, &err), ==, 0);
  assert_saved_with_results (path);
  g_assert_cmpint (g_stat (path, (GStatBuf *) &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
}

static void
test_save_refuses_read_only (void)
{
  g_autofree char *path = lecture_copy ("read-only.slotlab", 0444);
  g_autofree char *before = contents (path);
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpint (run_save (path, &err), ==, 2);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "read-only"));
  g_assert_nonnull (strstr (err, "0444"));
  after = contents (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (g_stat (path, (GStatBuf *) &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0444);

  /* The engine's writer (the window's Save) says so with its own code, so
   * that the window can offer Save As. */
  g_assert_false (sl_session_save_to_file (session, file, NULL, &error));
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_READ_ONLY);
  g_clear_pointer (&after, g_free);
  after = contents (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_save_writes_through_a_symlink (void)
{
  g_autofree char *target = lecture_copy ("target.slotlab", 0640);
  g_autofree char *link = g_build_filename (tmp_dir, "link.slotlab", NULL);
  g_autofree char *err = NULL;
  g_autofree char *points_to = NULL;
  struct stat st;

  g_unlink (link);
  g_assert_cmpint (symlink ("target.slotlab", link), ==, 0);
  g_assert_cmpint (run_save (link, &err), ==, 0);
  g_assert_cmpint (g_lstat (link, (GStatBuf *) &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  points_to = g_file_read_link (link, NULL);
  g_assert_cmpstr (points_to, ==, "target.slotlab");
  assert_saved_with_results (target);
  g_assert_cmpint (g_stat (target, (GStatBuf *) &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
}

static void
test_save_keeps_hard_links (void)
{
  g_autofree char *path = lecture_copy ("linked.slotlab", 0644);
  g_autofree char *other = g_build_filename (tmp_dir, "other-name.slotlab", NULL);
  g_autofree char *err = NULL;
  struct stat before, after, other_st;

  g_unlink (other);
  g_assert_cmpint (link (path, other), ==, 0);
  g_assert_cmpint (g_stat (path, (GStatBuf *) &before), ==, 0);
  g_assert_cmpint (run_save (path, &err), ==, 0);
  g_assert_cmpint (g_stat (path, (GStatBuf *) &after), ==, 0);
  g_assert_cmpint (g_stat (other, (GStatBuf *) &other_st), ==, 0);
  g_assert_cmpuint (after.st_nlink, ==, 2);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (other_st.st_ino, ==, before.st_ino);
  assert_saved_with_results (other);
}

static void
test_save_keeps_owner (void)
{
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  struct stat st;

  if (geteuid () != 0)
    {
      g_test_skip ("giving a file to another owner needs root");
      return;
    }
  path = lecture_copy ("owner.slotlab", 0664);
  g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  g_assert_cmpint (run_save (path, &err), ==, 0);
  assert_saved_with_results (path);
  g_assert_cmpint (g_stat (path, (GStatBuf *) &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, 65534);
  g_assert_cmpuint (st.st_gid, ==, 65534);
  g_assert_cmpint (st.st_mode & 07777, ==, 0664);
}

/* ---- not a regular file ---- */

typedef struct {
  GMainLoop *loop;
  gboolean   timed_out;
} Deadline;

static gboolean
deadline_passed (gpointer user_data)
{
  Deadline *deadline = user_data;

  deadline->timed_out = TRUE;
  g_main_loop_quit (deadline->loop);
  return G_SOURCE_REMOVE;
}

static void
communicated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Deadline *deadline = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  g_main_loop_quit (deadline->loop);
}

/* slotlab-cli with `args`, given five seconds: its exit status, or the
 * test fails (the process is killed first). */
static int
run_cli_within_five_seconds (const char * const *args,
                             char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new_seconds (5);
  Deadline deadline = { g_main_loop_new (context, FALSE), FALSE };
  g_autoptr(GInputStream) stream = NULL;
  char buffer[4096];
  gssize n;

  g_main_context_push_thread_default (context);
  g_ptr_array_add (argv, (char *) g_getenv ("SLOTLAB_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_source_set_callback (timeout, deadline_passed, &deadline, NULL);
  g_source_attach (timeout, context);
  g_subprocess_wait_async (process, NULL, communicated, &deadline);
  g_main_loop_run (deadline.loop);
  g_main_loop_unref (deadline.loop);
  if (deadline.timed_out)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      g_main_context_pop_thread_default (context);
      g_error ("slotlab-cli %s %s still runs after five seconds", args[0], args[1]);
    }
  g_main_context_pop_thread_default (context);
  stream = g_object_ref (g_subprocess_get_stderr_pipe (process));
  n = g_input_stream_read (stream, buffer, sizeof buffer - 1, NULL, NULL);
  buffer[MAX (n, 0)] = '\0';
  *err = g_strdup (buffer);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

typedef struct {
  const char *path;
  GMutex      lock;
  GCond       cond;
  gboolean    done;
} Load;

static gpointer
load_in_thread (gpointer data)
{
  Load *load = data;
  g_autoptr(GFile) file = g_file_new_for_path (load->path);
  g_autoptr(SlSession) session = NULL;
  GError *error = NULL;

  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_null (session);
  g_mutex_lock (&load->lock);
  load->done = TRUE;
  g_cond_signal (&load->cond);
  g_mutex_unlock (&load->lock);
  return error;
}

/* The window's loader: it must return, with an error, well within five
 * seconds (a hung thread cannot be stopped: the test fails instead). */
static void
assert_engine_refuses (const char *path,
                       const char *what)
{
  Load load = { path };
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GThread *thread;
  GError *error;

  g_mutex_init (&load.lock);
  g_cond_init (&load.cond);
  thread = g_thread_new ("load", load_in_thread, &load);
  g_mutex_lock (&load.lock);
  while (!load.done)
    if (!g_cond_wait_until (&load.cond, &load.lock, end))
      g_error ("sl_session_load_from_file (%s) still runs after five seconds", path);
  g_mutex_unlock (&load.lock);
  error = g_thread_join (thread);
  g_mutex_clear (&load.lock);
  g_cond_clear (&load.cond);
  g_test_message ("engine: %s", error->message);
  g_assert_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO);
  g_assert_nonnull (strstr (error->message, what));
  g_error_free (error);
}

static void
test_load_refuses_a_fifo_at_once (void)
{
  g_autofree char *fifo = g_build_filename (tmp_dir, "session.fifo", NULL);
  const char *commands[][5] = {
    { "run", fifo, NULL },
    { "layout", fifo, "--class", "A", NULL },
    { "python", fifo, NULL },
  };

  g_unlink (fifo);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli_within_five_seconds (commands[i], &err), ==, 2);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, "named pipe"));
    }
  assert_engine_refuses (fifo, "named pipe");
}

static void
test_load_refuses_folders_and_devices (void)
{
  const struct { const char *path, *what; } cases[] = {
    { "/dev/null", "a device" },
    { "/dev/zero", "a device" },
    { "/tmp", "a folder" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { "python", cases[i].path, NULL };
      g_autofree char *err = NULL;

      if (!g_file_test (cases[i].path, G_FILE_TEST_EXISTS))
        continue;
      g_assert_cmpint (run_cli_within_five_seconds (args, &err), ==, 2);
      g_test_message ("%s", err);
      g_assert_nonnull (strstr (err, cases[i].what));
      assert_engine_refuses (cases[i].path, cases[i].what);
    }
}

/* ---- a full disk ---- */

/* A 64 KiB tmpfs at `dir`, or FALSE (and the test skipped).  Mounted in
 * a mount namespace of this process's own (slotlab-cli, its child, shares
 * it), so that it goes away with the process however the test ends. */
static gboolean
mount_small_tmpfs (const char *dir)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755") != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs to fill up: %s", g_strerror (errno));

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

/* Writes a file that takes every byte left. */
static void
fill_up (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "filler", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  char block[4096] = { 0 };

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_full_disk_keeps_the_old_files (void)
{
  g_autofree char *disk = g_build_filename (tmp_dir, "full-disk", NULL);
  g_autofree char *session = lecture_copy ("full-disk.slotlab", 0644);
  g_autofree char *saved = g_build_filename (disk, "saved.slotlab", NULL);
  g_autofree char *linked = g_build_filename (disk, "linked.slotlab", NULL);
  g_autofree char *other_name = g_build_filename (disk, "other-name.slotlab", NULL);
  g_autofree char *saved_before = NULL;
  const char *formats[] = { "svg", "pdf", "png", "csv" };
  g_autofree char *listing = NULL;

  if (!mount_small_tmpfs (disk))
    return;

  /* Old exports, a session, then nothing left. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("chart.%s", formats[i]);
      g_autofree char *path = g_build_filename (disk, name, NULL);
      g_autofree char *old = g_strdup_printf ("the old %s export\n", formats[i]);

      g_assert_true (g_file_set_contents (path, old, -1, NULL));
    }
  saved_before = contents (session);
  g_assert_true (g_file_set_contents (saved, saved_before, -1, NULL));
  /* A file with two names: written in place, after fallocate() has found
   * no room. */
  g_assert_true (g_file_set_contents (linked, saved_before, -1, NULL));
  g_assert_cmpint (link (linked, other_name), ==, 0);
  fill_up (disk);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("chart.%s", formats[i]);
      g_autofree char *fresh_name = g_strdup_printf ("new.%s", formats[i]);
      g_autofree char *path = g_build_filename (disk, name, NULL);
      g_autofree char *fresh = g_build_filename (disk, fresh_name, NULL);
      g_autofree char *old = g_strdup_printf ("the old %s export\n", formats[i]);
      const char *over_old[] = { "run", session, "--export", path, NULL };
      const char *new_file[] = { "run", session, "--export", fresh, NULL };
      g_autofree char *out = NULL, *err = NULL, *err2 = NULL, *now = NULL;

      g_assert_cmpint (sl_test_run_cli (NULL, NULL, over_old, &out, &err), ==, 2);
      g_test_message ("%s: %s", formats[i], err);
      g_assert_nonnull (strstr (err, g_strerror (ENOSPC)));
      now = contents (path);
      g_assert_cmpstr (now, ==, old);
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (sl_test_run_cli (NULL, NULL, new_file, &out, &err2), ==, 2);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
    }

  {
    g_autofree char *err = NULL;
    g_autofree char *now = NULL;

    g_assert_cmpint (run_save (saved, &err), ==, 2);
    g_test_message ("--save: %s", err);
    g_assert_nonnull (strstr (err, g_strerror (ENOSPC)));
    now = contents (saved);
    g_assert_cmpstr (now, ==, saved_before);
    assert_no_results (now);
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *now = NULL;
    struct stat st;

    g_assert_cmpint (run_save (linked, &err), ==, 2);
    g_test_message ("--save, hard-linked: %s", err);
    g_assert_nonnull (strstr (err, g_strerror (ENOSPC)));
    now = contents (linked);
    g_assert_cmpstr (now, ==, saved_before);
    g_assert_cmpint (g_stat (linked, (GStatBuf *) &st), ==, 0);
    g_assert_cmpuint (st.st_nlink, ==, 2);
  }

  /* No temporary file, no empty file: only what was there. */
  listing = list_folder (disk);
  g_assert_cmpstr (listing, ==, "chart.csv chart.pdf chart.png chart.svg filler linked.slotlab "
                                "other-name.slotlab saved.slotlab");
  umount2 (disk, MNT_DETACH);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-file-safety-XXXXXX", NULL);
  g_test_add_func ("/file-safety/save/keeps-mode", test_save_keeps_mode);
  g_test_add_func ("/file-safety/save/refuses-read-only", test_save_refuses_read_only);
  g_test_add_func ("/file-safety/save/writes-through-a-symlink", test_save_writes_through_a_symlink);
  g_test_add_func ("/file-safety/save/keeps-hard-links", test_save_keeps_hard_links);
  g_test_add_func ("/file-safety/save/keeps-owner", test_save_keeps_owner);
  g_test_add_func ("/file-safety/load/refuses-a-fifo-at-once", test_load_refuses_a_fifo_at_once);
  g_test_add_func ("/file-safety/load/refuses-folders-and-devices", test_load_refuses_folders_and_devices);
  g_test_add_func ("/file-safety/full-disk/keeps-the-old-files", test_full_disk_keeps_the_old_files);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
