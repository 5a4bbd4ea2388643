/* sl-document-autosave.c: autosave and recovery: each document's own
 * file under $XDG_STATE_HOME/slotlab/autosave/ with a sidecar naming its
 * owner, and the leftovers of a crash offered back (see DESIGN.md).
 *
 * Part of SlDocument (sl-document.c). */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-document-private.h"

/* ---------------------------------------------------------------------- */
/* Autosave                                                               */

char *
sl_document_get_autosave_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "slotlab", "autosave", NULL);
}

static char *
autosave_path (const char *uuid,
               const char *suffix)
{
  g_autofree char *dir = sl_document_get_autosave_dir ();
  g_autofree char *name = g_strconcat (uuid, suffix, NULL);

  return g_build_filename (dir, name, NULL);
}

GFile *
sl_document_get_autosave_file (SlDocument *self)
{
  g_autofree char *path = autosave_path (self->uuid, ".slotlab");

  return g_file_new_for_path (path);
}

/* When a process started, in clock ticks since boot (/proc/PID/stat, field
 * 22): with the pid, it tells a process from a later one given the same
 * pid.  0 if unknown. */
static guint64
process_start_time (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 0);
  /* fields[0] is field 3 (state), so field 22 is fields[19]. */
  if (g_strv_length (fields) < 20)
    return 0;
  return g_ascii_strtoull (fields[19], NULL, 10);
}

static gboolean
owner_is_running (gint64  pid,
                  guint64 start)
{
  guint64 now;

  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  now = process_start_time ((pid_t) pid);
  return now != 0 && (start == 0 || now == start);
}

/* The sidecar's text: which file the autosave belongs to, and its owner
 * (this process, told from a later one with the same pid). */
static char *
dup_sidecar_text (SlDocument *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = sl_document_dup_title (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "slotlab-autosave");
  json_builder_set_member_name (builder, "file");
  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);

      json_builder_add_string_value (builder, uri);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, (gint64) process_start_time (getpid ()));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

/* ---------------------------------------------------------------------- */
/* Writing, off the main thread                                           */
/*
 * Writing an autosave syncs two files to disk: tens of milliseconds, and
 * far more on a busy disk — on the main thread that stalled the window in
 * the middle of a live run (issue 13).  So the timer takes a copy of the
 * session's text and a thread writes it.  Each request (a write, or the
 * removal after a save) takes the next number; a write goes ahead only
 * while its number is still the latest, under a lock that also covers the
 * removal, so an older autosave never lands after a newer one or after
 * the files were removed. */

struct _SlAutosaveState
{
  GMutex lock;         /* held while the files are written or removed */
  guint  latest;       /* the newest request; atomic */
  gint   writing;      /* writes handed to a thread and not yet ended; atomic */
};

SlAutosaveState *
sl_autosave_state_new (void)
{
  SlAutosaveState *state = g_atomic_rc_box_new0 (SlAutosaveState);

  g_mutex_init (&state->lock);
  return state;
}

static void
autosave_state_clear (SlAutosaveState *state)
{
  g_mutex_clear (&state->lock);
}

void
sl_autosave_state_unref (SlAutosaveState *state)
{
  g_atomic_rc_box_release_full (state, (GDestroyNotify) autosave_state_clear);
}

typedef struct {
  SlAutosaveState *state;
  guint            request;
  char            *data_path;
  char            *sidecar_path;
  char            *sidecar;
  char            *data;
  gsize            length;
} AutosaveWrite;

static void
autosave_write_free (AutosaveWrite *write)
{
  sl_autosave_state_unref (write->state);
  g_free (write->data_path);
  g_free (write->sidecar_path);
  g_free (write->sidecar);
  g_free (write->data);
  g_free (write);
}

/* What an autosave of `self` now would write, as the newest request. */
static AutosaveWrite *
autosave_write_new (SlDocument *self)
{
  AutosaveWrite *write = g_new0 (AutosaveWrite, 1);

  write->state = g_atomic_rc_box_acquire (self->autosave_state);
  write->request = (guint) g_atomic_int_add (&self->autosave_state->latest, 1) + 1;
  write->data_path = autosave_path (self->uuid, ".slotlab");
  write->sidecar_path = autosave_path (self->uuid, ".json");
  write->sidecar = dup_sidecar_text (self);
  write->data = sl_session_to_data (self->session, &write->length);
  return write;
}

static gboolean
autosave_write_run (AutosaveWrite  *write,
                    GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (write->data_path);
  gboolean ok = TRUE;

  g_mutex_lock (&write->state->lock);
  if ((guint) g_atomic_int_get (&write->state->latest) != write->request)
    ;                                    /* a newer request came: it decides */
  else if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create %s to keep unsaved work: %s", dir, g_strerror (saved));
      ok = FALSE;
    }
  else
    /* The sidecar first: an autosave without one would not be offered. */
    ok = g_file_set_contents_full (write->sidecar_path, write->sidecar, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error)
         && g_file_set_contents_full (write->data_path, write->data, write->length,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  g_mutex_unlock (&write->state->lock);
  return ok;
}

static void
autosave_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AutosaveWrite *write = task_data;
  GError *error = NULL;
  gboolean ok = autosave_write_run (write, &error);

  g_atomic_int_dec_and_test (&write->state->writing);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
autosave_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not keep unsaved work: %s", error->message);
}

gboolean
sl_document_autosave_now (SlDocument  *self,
                          GError     **error)
{
  AutosaveWrite *write;
  gboolean ok;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!sl_session_get_modified (self->session))
    {
      sl_document_discard_autosave (self);
      return TRUE;
    }
  write = autosave_write_new (self);
  ok = autosave_write_run (write, error);
  autosave_write_free (write);
  return ok;
}

gboolean
sl_document_autosave_cb (gpointer user_data)
{
  SlDocument *self = user_data;
  g_autoptr(GTask) task = NULL;

  self->autosave_source = 0;
  if (!sl_session_get_modified (self->session))
    {
      sl_document_discard_autosave (self);
      return G_SOURCE_REMOVE;
    }
  /* No source object: the thread holds no reference to the document, so
   * the document is never freed on it when its window closes meanwhile. */
  task = g_task_new (NULL, NULL, autosave_written_cb, NULL);
  g_task_set_source_tag (task, sl_document_autosave_cb);
  g_task_set_task_data (task, autosave_write_new (self), (GDestroyNotify) autosave_write_free);
  g_atomic_int_inc (&self->autosave_state->writing);
  g_task_run_in_thread (task, autosave_thread);
  return G_SOURCE_REMOVE;
}

gboolean
sl_document_autosave_is_writing (SlDocument *self)
{
  return g_atomic_int_get (&self->autosave_state->writing) > 0;
}

void
sl_document_set_autosave (SlDocument *self,
                          gboolean    enabled)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));

  self->autosave_enabled = enabled;
  if (!enabled)
    g_clear_handle_id (&self->autosave_source, g_source_remove);
  else if (sl_session_get_modified (self->session) && self->autosave_source == 0)
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, sl_document_autosave_cb, self);
}

void
sl_document_discard_autosave (SlDocument *self)
{
  g_autofree char *data = autosave_path (self->uuid, ".slotlab");
  g_autofree char *sidecar = autosave_path (self->uuid, ".json");

  g_return_if_fail (SL_IS_DOCUMENT (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  /* Newer than any write under way, which then does not write. */
  g_atomic_int_inc (&self->autosave_state->latest);
  g_mutex_lock (&self->autosave_state->lock);
  /* The data first: a sidecar without data is never offered. */
  g_unlink (data);
  g_unlink (sidecar);
  g_mutex_unlock (&self->autosave_state->lock);
}

typedef struct {
  GFile  *file;
  gint64  mtime;
} Found;

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  const Found *fa = *(const Found **) a;
  const Found *fb = *(const Found **) b;

  return fa->mtime < fb->mtime ? -1 : fa->mtime > fb->mtime;
}

static void
found_free (Found *found)
{
  g_object_unref (found->file);
  g_free (found);
}

/* The sidecar of an autosave: file (nullable), owner. */
static gboolean
read_sidecar (const char  *path,
              char       **file_uri,
              gint64      *pid,
              guint64     *start)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_file (parser, path, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""), "slotlab-autosave") != 0)
    return FALSE;
  if (file_uri)
    *file_uri = json_object_has_member (object, "file") && !json_object_get_null_member (object, "file")
                ? g_strdup (json_object_get_string_member_with_default (object, "file", NULL)) : NULL;
  if (pid)
    *pid = json_object_get_int_member_with_default (object, "pid", 0);
  if (start)
    *start = (guint64) json_object_get_int_member_with_default (object, "start", 0);
  return TRUE;
}

GPtrArray *
sl_document_list_recoverable (void)
{
  g_autofree char *dir_path = sl_document_get_autosave_dir ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) found_free);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *uuid = NULL;
      g_autofree char *sidecar = NULL;
      g_autofree char *data = NULL;
      gint64 pid = 0;
      guint64 start = 0;
      GStatBuf st;
      Found *item;

      if (!g_str_has_suffix (name, ".slotlab"))
        continue;
      uuid = g_strndup (name, strlen (name) - strlen (".slotlab"));
      if (!g_uuid_string_is_valid (uuid))
        continue;
      sidecar = autosave_path (uuid, ".json");
      data = g_build_filename (dir_path, name, NULL);
      /* Work of a window that is still open (here or in another running
       * Slot Lab) is not left behind. */
      if (!read_sidecar (sidecar, NULL, &pid, &start) || owner_is_running (pid, start)
          || g_lstat (data, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      item = g_new0 (Found, 1);
      item->file = g_file_new_for_path (data);
      item->mtime = st.st_mtime;
      g_ptr_array_add (found, item);
    }
  g_ptr_array_sort (found, compare_found);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (files, g_object_ref (((Found *) g_ptr_array_index (found, i))->file));
  return files;
}

gboolean
sl_document_recover (SlDocument  *self,
                     GFile       *autosave,
                     GError     **error)
{
  g_autofree char *basename = g_file_get_basename (autosave);
  g_autofree char *uuid = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *file_uri = NULL;
  g_autoptr(SlSession) session = NULL;
  gint64 pid = 0;
  guint64 start = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);

  if (!g_str_has_suffix (basename, ".slotlab"))
    goto not_recoverable;
  uuid = g_strndup (basename, strlen (basename) - strlen (".slotlab"));
  sidecar = autosave_path (uuid, ".json");
  if (!g_uuid_string_is_valid (uuid) || !read_sidecar (sidecar, &file_uri, &pid, &start))
    goto not_recoverable;
  if (owner_is_running (pid, start) && pid != getpid ())
    {
      g_set_error (error, SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_NOT_RECOVERABLE,
                   "%s is the unsaved work of a window that is still open", basename);
      return FALSE;
    }
  if (!(session = sl_session_load_from_file (autosave, NULL, error)))
    return FALSE;

  /* This document's own autosave (if any) is replaced by the recovered one. */
  sl_document_discard_autosave (self);
  g_free (self->uuid);
  self->uuid = g_steal_pointer (&uuid);
  g_clear_object (&self->file);
  if (file_uri != NULL)
    self->file = g_file_new_for_uri (file_uri);
  sl_document_bind_session (self, session);
  sl_session_set_modified (session, TRUE);
  self->history->clean = -1;
  g_object_notify (G_OBJECT (self), "file");
  g_object_notify (G_OBJECT (self), "title");
  g_object_notify (G_OBJECT (self), "session");
  /* Claimed at once: another Slot Lab starting now does not offer it too. */
  return sl_document_autosave_now (self, error);

not_recoverable:
  g_set_error (error, SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_NOT_RECOVERABLE,
               "%s is not an autosave of Slot Lab", basename);
  return FALSE;
}
