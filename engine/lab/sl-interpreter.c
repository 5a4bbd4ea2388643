/* sl-interpreter.c: finding Python interpreters and asking each its version.
 *
 * Each candidate runs the probe script once in "hello" mode, with the
 * script passed as `-c` data from the engine's GResource and `-I -S` so
 * that no environment variable, user site or .pth file of that machine
 * changes what it runs.  Its one line of answer is read by the strict probe
 * protocol parser.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "sl-interpreter-private.h"
#include "sl-warden.h"
#include "sl-probe-protocol.h"
#include "sl-profile.h"

#define PROBE_RESOURCE "/io/github/slotlab/SlotLab/engine/slotlab-probe.py"
#define HELLO_TIMEOUT_MS 20000
/* Discovery asks at most this many interpreters at once: on a loaded
 * machine, starting every candidate together made each wait for the
 * others, and the slowest missed their deadline and went unlisted. */
#define DISCOVER_IN_FLIGHT 2
/* A hello that missed its deadline is asked once more, with this many
 * times the time: a slow interpreter is still an interpreter. */
#define RETRY_FACTOR 3

static guint hello_timeout_ms = HELLO_TIMEOUT_MS;

void
sl_interpreter_set_hello_timeout_ms (guint ms)
{
  hello_timeout_ms = ms > 0 ? ms : HELLO_TIMEOUT_MS;
}

struct _SlInterpreter
{
  GObject   parent_instance;
  char     *path;
  char     *executable;
  char     *release;
  char     *version;
  char     *profile_id;
  gboolean  free_threaded;
};

G_DEFINE_FINAL_TYPE (SlInterpreter, sl_interpreter, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-interpreter-error-quark, sl_interpreter_error)

static void
sl_interpreter_finalize (GObject *object)
{
  SlInterpreter *self = SL_INTERPRETER (object);

  g_free (self->path);
  g_free (self->executable);
  g_free (self->release);
  g_free (self->version);
  g_free (self->profile_id);
  G_OBJECT_CLASS (sl_interpreter_parent_class)->finalize (object);
}

static void
sl_interpreter_class_init (SlInterpreterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_interpreter_finalize;
}

static void
sl_interpreter_init (SlInterpreter *self)
{
}

GBytes *
sl_interpreter_dup_probe_source (void)
{
  GBytes *bytes = g_resources_lookup_data (PROBE_RESOURCE, 0, NULL);

  g_assert (bytes != NULL);   /* compiled into the engine */
  return bytes;
}

const char *sl_interpreter_get_path (SlInterpreter *self) { return self->path; }
const char *sl_interpreter_get_executable (SlInterpreter *self) { return self->executable; }
const char *sl_interpreter_get_release (SlInterpreter *self) { return self->release; }
gboolean sl_interpreter_is_free_threaded (SlInterpreter *self) { return self->free_threaded; }
const char *sl_interpreter_get_version (SlInterpreter *self) { return self->version; }
const char *sl_interpreter_get_profile_id (SlInterpreter *self) { return self->profile_id; }

char *
sl_interpreter_dup_label (SlInterpreter *self)
{
  g_return_val_if_fail (SL_IS_INTERPRETER (self), NULL);

  if (self->profile_id != NULL)
    return g_strdup_printf ("CPython %s%s — %s (profile %s)", self->release,
                            self->free_threaded ? " free-threaded" : "", self->path,
                            self->profile_id);
  return g_strdup_printf ("CPython %s%s — %s (no profile covers it)", self->release,
                          self->free_threaded ? " free-threaded" : "", self->path);
}

/* The argv of a probe run; shared with the live backend. */
char **
sl_interpreter_build_argv (const char *path)
{
  g_autoptr(GBytes) source = sl_interpreter_dup_probe_source ();
  GStrvBuilder *builder = g_strv_builder_new ();
  char **argv;

  /* The probe's input goes down a pipe that the child may close unread (it
   * is not Python, or it exited at once): that must be EPIPE, an error the
   * run reports, not SIGPIPE ending this program.  GSocket ignores SIGPIPE
   * process-wide for the same reason. */
  signal (SIGPIPE, SIG_IGN);
  g_strv_builder_add (builder, path);
  g_strv_builder_add (builder, "-I");
  g_strv_builder_add (builder, "-S");
  g_strv_builder_add (builder, "-c");
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (source, NULL), g_bytes_get_size (source));

    g_strv_builder_add (builder, text);
  }
  argv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return argv;
}

/* ---- every descendant ends with its run ----
 *
 * The spawned process is a warden, not the interpreter (engine/lab/
 * sl-warden.c): the slotlab-warden program, or, where that program is
 * missing, a fork of this one between GLib's fork and exec. */

typedef struct {
  pid_t app;         /* this program, as the warden's parent */
  int   niceness;
} SpawnSetup;

static void
spawn_setup (gpointer user_data)
{
  const SpawnSetup *setup = user_data;

  sl_warden_become (setup->app, setup->niceness);   /* returns in the interpreter's process */
}

/* The warden as a program of its own (engine/lab/slotlab-warden.c):
 * $SLOTLAB_WARDEN, else installed, else in the build tree; NULL when none
 * is there to run. */
static const char *
warden_program (void)
{
  static const char *found;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *candidates[] = { g_getenv ("SLOTLAB_WARDEN"), SLOTLAB_WARDEN_INSTALLED,
                                   SLOTLAB_WARDEN_BUILT };

      for (guint i = 0; i < G_N_ELEMENTS (candidates) && found == NULL; i++)
        if (candidates[i] != NULL && *candidates[i] && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
          found = g_strdup (candidates[i]);
      g_once_init_leave (&once, 1);
    }
  return found;
}

GSubprocess *
sl_interpreter_spawn (const char * const  *argv,
                      GSubprocessFlags     flags,
                      int                  niceness,
                      GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  SpawnSetup setup = { getpid (), niceness };
  const char *warden = warden_program ();

  if (warden != NULL)
    {
      /* Nothing of this process runs in the child but exec: no fork that
       * outlives the spawn, so no copy-on-write of the window's pages. */
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_autofree char *app = g_strdup_printf ("%d", (int) setup.app);
      g_autofree char *nice_text = g_strdup_printf ("%d", niceness);
      g_auto(GStrv) warden_argv = NULL;

      g_strv_builder_add_many (builder, warden, app, nice_text, NULL);
      g_strv_builder_addv (builder, (const char **) argv);
      warden_argv = g_strv_builder_end (builder);
      /* Descriptors left open is what lets GLib posix_spawn() (vfork):
       * the warden closes all but 0, 1 and 2 before anything else. */
      g_subprocess_launcher_set_flags (launcher, flags | G_SUBPROCESS_FLAGS_INHERIT_FDS);
      return g_subprocess_launcher_spawnv (launcher, (const char * const *) warden_argv, error);
    }

  /* No warden program (an uninstalled copy moved away from its build):
   * the warden is a fork of this process.  The setup is read in the
   * forked child, before this frame returns. */
  g_subprocess_launcher_set_child_setup (launcher, spawn_setup, &setup, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

/* The warden ends the interpreter and everything under it, then exits. */
void
sl_interpreter_kill_group (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
}

static SlInterpreter *
interpreter_from_output (const char  *path,
                         const char  *output,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SlInterpreter) self = NULL;
  g_autoptr(SlProfile) profile = NULL;
  SlProbeLine line;
  const char *end = output ? strchr (output, '\n') : NULL;

  gboolean parsed = output != NULL && end != NULL &&
                    sl_probe_parse_line (output, end - output, &line, &local_error);

  if (!parsed || line.kind != SL_PROBE_LINE_HELLO)
    {
      if (parsed)
        sl_probe_line_clear (&line);
      g_set_error (error, SL_INTERPRETER_ERROR, SL_INTERPRETER_ERROR_NOT_PYTHON,
                   "%s did not answer as Python 3.8 or newer running slotlab-probe does%s%s",
                   path, local_error ? ": " : "", local_error ? local_error->message : "");
      return NULL;
    }
  self = g_object_new (SL_TYPE_INTERPRETER, NULL);
  self->path = g_strdup (path);
  self->executable = g_steal_pointer (&line.executable);
  self->release = g_steal_pointer (&line.python);
  self->free_threaded = line.free_threaded;
  self->version = g_strconcat (self->release, self->free_threaded ? "t" : "", NULL);
  if ((profile = sl_profile_lookup (self->version, NULL)) != NULL)
    self->profile_id = g_strdup (sl_profile_get_id (profile));
  sl_probe_line_clear (&line);
  return g_steal_pointer (&self);
}

typedef struct {
  char         *path;
  GSubprocess  *process;
  guint         timeout;
  guint         timeout_ms;
  gboolean      timed_out;
  GError       *error;
  gsize         length;
  char          output[SL_PROBE_MAX_LINE + 2];   /* one line, its newline, a NUL */
} ProbeData;

static void
probe_data_free (ProbeData *data)
{
  g_clear_handle_id (&data->timeout, g_source_remove);
  g_clear_object (&data->process);
  g_clear_error (&data->error);
  g_free (data->path);
  g_free (data);
}

static gboolean
probe_timeout_cb (gpointer user_data)
{
  ProbeData *data = user_data;

  data->timeout = 0;
  data->timed_out = TRUE;
  sl_interpreter_kill_group (data->process);
  return G_SOURCE_REMOVE;
}

static void
probe_wait_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ProbeData *data = g_task_get_task_data (task);
  const char *output = data->output;
  g_autoptr(GError) error = NULL;
  SlInterpreter *self;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  if (data->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }
  if (data->timed_out)
    {
      g_task_return_new_error (task, SL_INTERPRETER_ERROR, SL_INTERPRETER_ERROR_TIMED_OUT,
                               "%s did not answer within %.1f seconds", data->path,
                               data->timeout_ms / 1000.0);
      return;
    }
  if (!(self = interpreter_from_output (data->path, output, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/* The answer is one line: read at most that much, then end the program, so
 * that one printing without end cannot fill this process's memory. */
static void
probe_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  ProbeData *data = g_task_get_task_data (task);

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &data->length, &data->error))
    data->length = 0;
  data->output[data->length] = '\0';
  sl_interpreter_kill_group (data->process);
  g_subprocess_wait_async (data->process, NULL, probe_wait_cb, task);
}

static GSubprocess *
spawn_hello (const char  *path,
             GError     **error)
{
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) local_error = NULL;
  GSubprocess *process;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, SL_INTERPRETER_ERROR, SL_INTERPRETER_ERROR_NOT_FOUND,
                   "There is no interpreter at %s (no such executable file)", path ? path : "(none)");
      return NULL;
    }
  argv = sl_interpreter_build_argv (path);
  process = sl_interpreter_spawn ((const char * const *) argv,
                                  G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                  G_SUBPROCESS_FLAGS_STDERR_SILENCE, 0, &local_error);
  if (process == NULL)
    g_set_error (error, SL_INTERPRETER_ERROR, SL_INTERPRETER_ERROR_NOT_FOUND,
                 "Cannot run %s: %s", path, local_error->message);
  return process;
}

static void
probe_with_deadline_async (const char          *path,
                           guint                timeout_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  ProbeData *data;
  GSubprocess *process;

  g_task_set_source_tag (task, sl_interpreter_probe_async);
  if (!(process = spawn_hello (path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_new0 (ProbeData, 1);
  data->path = g_strdup (path);
  data->process = process;
  data->timeout_ms = timeout_ms;
  data->timeout = g_timeout_add (timeout_ms, probe_timeout_cb, data);
  g_task_set_task_data (task, data, (GDestroyNotify) probe_data_free);
  /* A few bytes: they fit in the pipe, and EPIPE is ignored (see above). */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (process), "{\"mode\": \"hello\"}", 17,
                             NULL, NULL, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  g_input_stream_read_all_async (g_subprocess_get_stdout_pipe (process), data->output,
                                 sizeof data->output - 1, G_PRIORITY_DEFAULT, cancellable,
                                 probe_read_cb, g_steal_pointer (&task));
}

void
sl_interpreter_probe_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  probe_with_deadline_async (path, hello_timeout_ms, cancellable, callback, user_data);
}

SlInterpreter *
sl_interpreter_probe_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sync_probe_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

SlInterpreter *
sl_interpreter_probe (const char    *path,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_main_context_push_thread_default (context);
  sl_interpreter_probe_async (path, cancellable, sync_probe_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return sl_interpreter_probe_finish (result, error);
}

static int compare_names (gconstpointer a, gconstpointer b);

/* The pyenv root a shim lives in (ROOT/shims/NAME, with ROOT/versions), or
 * NULL when `path` is not a pyenv shim. */
static char *
pyenv_shim_root (const char *path)
{
  g_autofree char *resolved = realpath (path, NULL);
  g_autofree char *dir = resolved ? g_path_get_dirname (resolved) : NULL;
  g_autofree char *root = dir ? g_path_get_dirname (dir) : NULL;
  g_autofree char *versions = root ? g_build_filename (root, "versions", NULL) : NULL;

  if (dir == NULL || !g_str_has_suffix (dir, G_DIR_SEPARATOR_S "shims") ||
      !g_file_test (versions, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&root);
}

/* The interpreters a pyenv shim could run: every ROOT/versions/X/bin/NAME.
 * Found by looking, not by running the shim: the shim is a shell script
 * that starts pyenv (slow, and slower still on a loaded machine), and which
 * one it runs depends on the directory it runs in. */
static GPtrArray *
pyenv_shim_targets (const char *root,
                    const char *name)
{
  g_autofree char *versions = g_build_filename (root, "versions", NULL);
  g_autoptr(GDir) dir = g_dir_open (versions, 0, NULL);
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_free);
  const char *version;

  while (dir && (version = g_dir_read_name (dir)))
    {
      g_autofree char *target = g_build_filename (versions, version, "bin", name, NULL);

      if (g_file_test (target, G_FILE_TEST_IS_EXECUTABLE) && !g_file_test (target, G_FILE_TEST_IS_DIR))
        g_ptr_array_add (targets, g_steal_pointer (&target));
    }
  g_ptr_array_sort (targets, compare_names);
  return targets;
}

static void add_candidate (GPtrArray *paths, GHashTable *seen, const char *path);

static void
add_real_candidate (GPtrArray  *paths,
                    GHashTable *seen,
                    const char *path)
{
  g_autofree char *resolved = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE) ||
      g_file_test (path, G_FILE_TEST_IS_DIR))
    return;
  resolved = realpath (path, NULL);
  if (resolved == NULL || !g_hash_table_add (seen, g_steal_pointer (&resolved)))
    return;
  g_ptr_array_add (paths, g_strdup (path));
}

static void
add_candidate (GPtrArray  *paths,
               GHashTable *seen,
               const char *path)
{
  g_autofree char *root = path ? pyenv_shim_root (path) : NULL;
  g_autofree char *name = root ? g_path_get_basename (path) : NULL;
  g_autoptr(GPtrArray) targets = root ? pyenv_shim_targets (root, name) : NULL;

  /* A shim none of whose versions has the command (pyenv's "system") is
   * still asked, through the shim. */
  if (targets == NULL || targets->len == 0)
    {
      add_real_candidate (paths, seen, path);
      return;
    }
  for (guint i = 0; i < targets->len; i++)
    add_real_candidate (paths, seen, g_ptr_array_index (targets, i));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_sorted_dir (GPtrArray  *paths,
                GHashTable *seen,
                const char *dir_path,
                const char *prefix,
                const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), suffix, NULL);

      add_candidate (paths, seen, path);
    }
}

GStrv
sl_interpreter_list_candidates (void)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pyenv = g_build_filename (g_get_home_dir (), ".pyenv", "versions", NULL);
  const char *extra = g_getenv ("SLOTLAB_PYTHONS_DIR");
  g_autofree char *extra_bin = g_build_filename (extra && *extra ? extra : "/opt/slotlab-pythons",
                                                 "bin", NULL);

  {
    g_autofree char *on_path = g_find_program_in_path ("python3");
    add_candidate (paths, seen, on_path);
  }
  for (guint minor = 6; minor <= 30; minor++)
    {
      g_autofree char *name = g_strdup_printf ("python3.%u", minor);
      g_autofree char *path = g_find_program_in_path (name);

      add_candidate (paths, seen, path);
    }
  add_sorted_dir (paths, seen, pyenv, "3.", "bin/python3");
  add_sorted_dir (paths, seen, extra_bin, "python3.", NULL);
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_steal (paths, NULL);
}

static gboolean
path_names_version (const char *path,
                    const char *version)
{
  g_auto(GStrv) parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  g_autofree char *file = g_strconcat ("python", version, NULL);
  g_autofree char *folder = g_strconcat (version, ".", NULL);

  for (guint i = 0; parts[i]; i++)
    if (strcmp (parts[i], file) == 0 || strcmp (parts[i], version) == 0 ||
        g_str_has_prefix (parts[i], folder))
      return TRUE;
  return FALSE;
}

static gboolean
is_pyenv_shim (const char *path)
{
  g_autofree char *resolved = realpath (path, NULL);
  g_autofree char *dir = resolved ? g_path_get_dirname (resolved) : NULL;

  return dir == NULL || g_str_has_suffix (dir, G_DIR_SEPARATOR_S "shims");
}

GStrv
sl_interpreter_list_candidates_for (const char *version)
{
  g_auto(GStrv) all = sl_interpreter_list_candidates ();
  g_autoptr(GStrvBuilder) first = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) rest = g_strv_builder_new ();
  g_auto(GStrv) tail = NULL;

  for (guint i = 0; all[i]; i++)
    {
      if (version != NULL && path_names_version (all[i], version) && !is_pyenv_shim (all[i]))
        g_strv_builder_add (first, all[i]);
      else
        g_strv_builder_add (rest, all[i]);
    }
  tail = g_strv_builder_end (rest);
  g_strv_builder_addv (first, (const char **) tail);
  return g_strv_builder_end (first);
}

typedef struct {
  GStrv       paths;
  GPtrArray  *found;      /* SlInterpreter, per path index, NULL where none */
  guint       pending;    /* probes started and not yet finished */
  guint       next;       /* the first path not yet asked */
  gboolean    finished;
} DiscoverData;

/* One probe of discovery: which path, and whether it is the second try. */
typedef struct {
  GTask  *task;
  guint   index;
  gboolean retried;
} DiscoverProbe;

static void
unref0 (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
discover_data_free (DiscoverData *data)
{
  g_strfreev (data->paths);
  g_ptr_array_unref (data->found);
  g_free (data);
}

/* A launcher (a pyenv shim: a shell script that execs the interpreter of
 * the version pyenv selects) is replaced by the interpreter it ran, which
 * sys.executable names: the same figures, without the launcher's choice
 * changing under the user's feet, and one entry per interpreter. */
static void
resolve_launcher (SlInterpreter *self)
{
  g_autofree char *path = realpath (self->path, NULL);
  g_autofree char *executable = realpath (self->executable, NULL);

  if (path != NULL && executable != NULL && strcmp (path, executable) != 0 &&
      g_file_test (self->executable, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_free (self->path);
      self->path = g_strdup (self->executable);
    }
}

SlInterpreter *
sl_interpreter_choose (GPtrArray  *interpreters,
                       const char *version,
                       const char *preferred_path)
{
  g_autoptr(SlProfile) profile = NULL;
  gboolean release = version != NULL && strchr (version, '.') != strrchr (version, '.');
  SlInterpreter *chosen = NULL;

  g_return_val_if_fail (interpreters != NULL, NULL);

  if (version == NULL || (profile = sl_profile_lookup (version, NULL)) == NULL)
    return NULL;
  for (guint i = 0; i < interpreters->len; i++)
    {
      SlInterpreter *it = g_ptr_array_index (interpreters, i);
      gboolean exact = release ? g_strcmp0 (it->version, version) == 0
                               : g_strcmp0 (it->profile_id, sl_profile_get_id (profile)) == 0;

      if (!exact)
        continue;
      if (preferred_path != NULL && g_strcmp0 (it->path, preferred_path) == 0)
        return it;
      if (chosen == NULL)
        chosen = it;
    }
  return chosen;
}

static void discover_probe_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
discover_start (GTask    *task,
                guint     index,
                gboolean  retried)
{
  DiscoverData *data = g_task_get_task_data (task);
  DiscoverProbe *probe = g_new0 (DiscoverProbe, 1);

  probe->task = g_object_ref (task);
  probe->index = index;
  probe->retried = retried;
  data->pending++;
  probe_with_deadline_async (data->paths[index], retried ? hello_timeout_ms * RETRY_FACTOR : hello_timeout_ms,
                             g_task_get_cancellable (task), discover_probe_cb, probe);
}

/* Starts probes until DISCOVER_IN_FLIGHT run, or returns the list once
 * every path has been asked and answered. */
static void
discover_fill (GTask *task)
{
  DiscoverData *data = g_task_get_task_data (task);

  while (data->pending < DISCOVER_IN_FLIGHT && data->paths[data->next] != NULL)
    discover_start (task, data->next++, FALSE);
  if (data->pending == 0 && data->paths[data->next] == NULL && !data->finished)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      data->finished = TRUE;
      for (guint i = 0; i < data->found->len; i++)
        {
          SlInterpreter *it = g_ptr_array_index (data->found, i);
          char *key;

          if (it == NULL)
            continue;
          /* A pyenv shim and the binary it runs are one interpreter, known
           * by the binary: listed once, by the file that really runs. */
          resolve_launcher (it);
          key = realpath (it->executable, NULL);
          if (key == NULL)
            key = g_strdup (it->executable);
          g_ptr_array_add (keys, key);
          if (g_hash_table_add (seen, key))
            g_ptr_array_add (list, g_object_ref (it));
        }
      g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify) g_ptr_array_unref);
    }
}

static void
discover_probe_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  DiscoverProbe *probe = user_data;
  g_autoptr(GTask) task = probe->task;
  DiscoverData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlInterpreter) interp = sl_interpreter_probe_finish (result, &error);
  guint index = probe->index;
  gboolean retried = probe->retried;

  g_free (probe);
  data->pending--;
  if (interp != NULL)
    g_ptr_array_index (data->found, index) = g_steal_pointer (&interp);
  else if (!retried && g_error_matches (error, SL_INTERPRETER_ERROR, SL_INTERPRETER_ERROR_TIMED_OUT) &&
           !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      discover_start (task, index, TRUE);
      return;
    }
  discover_fill (task);
}

void
sl_interpreter_discover_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  DiscoverData *data = g_new0 (DiscoverData, 1);

  g_task_set_source_tag (task, sl_interpreter_discover_async);
  data->paths = sl_interpreter_list_candidates ();
  data->found = g_ptr_array_new_with_free_func (unref0);
  g_ptr_array_set_size (data->found, g_strv_length (data->paths));
  g_task_set_task_data (task, data, (GDestroyNotify) discover_data_free);
  discover_fill (task);
}

GPtrArray *
sl_interpreter_discover_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
