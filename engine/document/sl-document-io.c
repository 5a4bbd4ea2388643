/* sl-document-io.c: loading and saving off the main loop, on GTask,
 * through the session reader and writer (sl-file.c's rules for every file).
 *
 * Part of SlDocument (sl-document.c). */

#include <string.h>

#include "sl-document-private.h"
#include "sl-session-load-any.h"

/* ---------------------------------------------------------------------- */
/* Loading and saving, off the main loop                                  */

typedef struct {
  GFile     *file;
  SlSession *snapshot;
  guint64    generation;
  gboolean   from_python;   /* loaded from Python source: saved elsewhere */
  char      *source;        /* that source's text */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->snapshot);
  g_free (job->source);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  g_autofree char *basename = g_file_get_basename (job->file);
  SlSession *session;

  /* Python source (a .py file): its class statements, read without
   * running anything; what the reader ignored goes into the session's
   * notes, where the window shows it. */
  job->from_python = sl_python_source_looks_like (basename, NULL, 0);
  if (job->from_python)
    {
      g_autoptr(GPtrArray) notes = NULL;

      session = sl_session_load_python_file_full (job->file, &job->source, &notes, cancellable, &error);
      if (session && notes && notes->len > 0)
        {
          GString *text = g_string_new (NULL);

          g_string_append_printf (text, "Read from %s (nothing ran):\n", basename);
          for (guint i = 0; i < notes->len && text->len < SL_SESSION_MAX_TEXT / 2; i++)
            {
              g_autofree char *line = sl_python_note_to_string (g_ptr_array_index (notes, i));

              g_string_append_printf (text, "%s\n", line);
            }
          sl_session_set_notes (session, text->str);
          g_string_free (text, TRUE);
        }
    }
  else
    session = sl_session_load_from_file (job->file, cancellable, &error);

  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, g_object_unref);
}

void
sl_document_load_async (SlDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_document_load_async);
  job = g_new0 (Job, 1);
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  sl_document_set_busy (self, TRUE);
  g_task_run_in_thread (task, load_thread);
}

gboolean
sl_document_load_finish (SlDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  Job *job;
  g_autoptr(SlSession) session = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  sl_document_set_busy (self, FALSE);
  job = g_task_get_task_data (G_TASK (result));
  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session == NULL)
    return FALSE;

  sl_document_discard_autosave (self);
  g_clear_pointer (&self->loaded_source, g_free);
  g_clear_object (&self->loaded_chain);
  if (job->from_python)
    {
      self->loaded_source = g_steal_pointer (&job->source);
      self->loaded_chain = sl_chain_copy (sl_session_get_chain (session));
      /* Never saved over the source: a new session, not saved yet. */
      g_clear_object (&self->file);
      sl_session_set_modified (session, TRUE);
    }
  else
    {
      g_set_object (&self->file, job->file);
      sl_session_set_modified (session, FALSE);
    }
  sl_document_bind_session (self, session);
  g_object_notify (G_OBJECT (self), "file");
  g_object_notify (G_OBJECT (self), "session");
  g_object_notify (G_OBJECT (self), "title");
  g_object_notify (G_OBJECT (self), "modified");
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (!sl_session_save_to_file (job->snapshot, job->file, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
sl_document_save_async (SlDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  Job *job;

  g_return_if_fail (SL_IS_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_document_save_async);
  if (file == NULL)
    file = self->file;
  if (file == NULL)
    {
      g_task_return_new_error (task, SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_NO_FILE,
                               "The session has no file yet: choose where to save it");
      return;
    }

  /* The thread writes a snapshot, so edits may go on meanwhile. */
  job = g_new0 (Job, 1);
  job->file = g_object_ref (file);
  job->generation = self->generation;
  data = sl_session_to_data (self->session, &length);
  job->snapshot = sl_session_load_from_data (data, length, &error);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  if (job->snapshot == NULL)
    {
      g_task_return_new_error (task, SL_SESSION_ERROR, error->code,
                               "the session cannot be saved as it is: %s", error->message);
      return;
    }
  sl_document_set_busy (self, TRUE);
  g_task_run_in_thread (task, save_thread);
}

gboolean
sl_document_save_finish (SlDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (job == NULL || job->snapshot == NULL)
    return g_task_propagate_boolean (G_TASK (result), error);
  sl_document_set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (self->file == NULL || !g_file_equal (self->file, job->file))
    {
      g_set_object (&self->file, job->file);
      g_object_notify (G_OBJECT (self), "file");
      g_object_notify (G_OBJECT (self), "title");
    }
  if (job->generation == self->generation)
    {
      sl_session_set_modified (self->session, FALSE);
      self->history->clean = self->history->position;
      self->history->sealed = TRUE;
      sl_document_discard_autosave (self);
    }
  else if (self->autosave_enabled)
    /* Edited while saving: the autosave keeps what the file does not have. */
    sl_document_autosave_now (self, NULL);
  return TRUE;
}
