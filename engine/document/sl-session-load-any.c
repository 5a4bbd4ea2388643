/* sl-session-load-any.c: a session file or Python source, whichever a user gives. */

#include <string.h>

#include "sl-session-load-any.h"
#include "sl-session-private.h"

SlSession *
sl_session_new_from_python (const char  *source,
                            gssize       length,
                            const char  *title,
                            GPtrArray  **notes,
                            GError     **error)
{
  g_autoptr(SlChain) chain = NULL;
  g_autoptr(SlSession) session = NULL;
  SlChain *target;

  if (!(chain = sl_python_read (source, length, notes, error)))
    return NULL;
  session = sl_session_new ();
  target = sl_session_get_chain (session);
  for (guint i = 0; i < sl_chain_get_n_classes (chain); i++)
    {
      g_autoptr(SlClass) copy = sl_class_copy (sl_chain_get_class (chain, i));

      if (!sl_chain_append (target, copy, error))
        return NULL;
    }
  if (title)
    sl_session_set_title (session, title);
  sl_session_set_modified (session, FALSE);
  return g_steal_pointer (&session);
}

/* The file's bytes by the session's own rules (sl_session_read_file():
 * a regular file only, never a pipe that hangs, at most 8 MiB, which is
 * the Python reader's limit too), NUL-terminated. */
static char *
read_bounded (GFile         *file,
              gsize         *length,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GBytes) bytes = sl_session_read_file (file, cancellable, error);
  gsize size;
  const char *data;
  char *copy;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  copy = g_malloc (size + 1);
  if (size)
    memcpy (copy, data, size);
  copy[size] = '\0';
  *length = size;
  return copy;
}

static SlSession *
python_from_data (GFile       *file,
                  const char  *data,
                  gsize        length,
                  GPtrArray  **notes,
                  GError     **error)
{
  g_autofree char *title = g_file_get_basename (file);
  char *dot = title ? strrchr (title, '.') : NULL;

  if (length > SL_SESSION_MAX_FILE_SIZE)
    {
      g_set_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_LIMIT,
                   "line 1, column 1: the file is more than %d MiB; Slot Lab reads Python source of at most %d MiB",
                   SL_SESSION_MAX_FILE_SIZE / (1024 * 1024), SL_SESSION_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (dot && dot != title)
    *dot = '\0';
  return sl_session_new_from_python (data, length, title, notes, error);
}

SlSession *
sl_session_load_python_file (GFile         *file,
                             GPtrArray    **notes,
                             GCancellable  *cancellable,
                             GError       **error)
{
  return sl_session_load_python_file_full (file, NULL, notes, cancellable, error);
}

SlSession *
sl_session_load_python_file_full (GFile         *file,
                                  char         **source,
                                  GPtrArray    **notes,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  SlSession *session;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (notes)
    *notes = NULL;
  if (source)
    *source = NULL;
  if (!(data = read_bounded (file, &length, cancellable, error)))
    return NULL;
  session = python_from_data (file, data, length, notes, error);
  /* The text as read (it read, so it is UTF-8 without NUL). */
  if (session && source)
    *source = g_steal_pointer (&data);
  return session;
}

SlSession *
sl_session_load_any_file (GFile         *file,
                          GPtrArray    **notes,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (notes)
    *notes = NULL;
  if (basename && (g_str_has_suffix (basename, ".slotlab") || g_str_has_suffix (basename, ".json")))
    {
      SlSession *session = sl_session_load_from_file (file, cancellable, error);

      if (session && notes)
        *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_python_note_free);
      return session;
    }

  if (!(data = read_bounded (file, &length, cancellable, error)))
    return NULL;
  if (!sl_python_source_looks_like (basename, data, length))
    {
      SlSession *session;

      if (length > SL_SESSION_MAX_FILE_SIZE)
        {
          g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                       "$: the file is more than the limit of %d bytes", SL_SESSION_MAX_FILE_SIZE);
          return NULL;
        }
      session = sl_session_load_from_data (data, length, error);
      if (session && notes)
        *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_python_note_free);
      return session;
    }
  return python_from_data (file, data, length, notes, error);
}

SlSession *
sl_session_load_any (const char  *path,
                     GPtrArray  **notes,
                     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return sl_session_load_any_file (file, notes, NULL, error);
}
