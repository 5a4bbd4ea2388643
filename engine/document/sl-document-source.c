/* sl-document-source.c: Python source as an edit of the document — the
 * Python tab's editor and pasting class statements onto the class list.
 *
 * Both read the source with the Python reader (nothing runs) and change
 * the chain through sl_document_replace_chain(), so each is one step of
 * the history; source that does not read changes nothing. */

#include <string.h>

#include "sl-document.h"
#include "sl-python-reader.h"
#include "sl-python-source.h"

#define EDIT_SOURCE_LABEL "Edit Python source"

gboolean
sl_document_set_python_source (SlDocument  *self,
                               const char  *source,
                               gssize       length,
                               GPtrArray  **notes,
                               GError     **error)
{
  g_autoptr(SlChain) chain = NULL;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);

  if (!(chain = sl_python_read (source, length, notes, error)))
    return FALSE;
  return sl_document_replace_chain (self, chain, EDIT_SOURCE_LABEL, error);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    n++;
  return n;
}

/* The reader's error on the pasted text alone: its line moved back by
 * offset (the lines of the chain's own source read before it). */
static void
shift_error (GError **error,
             guint    offset)
{
  guint line, column;
  const char *rest;
  g_autofree char *message = NULL;

  if (error == NULL || *error == NULL || offset == 0
      || !sl_python_error_get_location (*error, &line, &column, &rest) || line <= offset)
    return;
  message = g_strdup_printf ("line %u, column %u: %s", line - offset, column, rest);
  g_free ((*error)->message);
  (*error)->message = g_steal_pointer (&message);
}

/* The names of the top-level class statements of source, as written (a
 * first look, only to know which of the document's classes the paste
 * redefines; the reader decides everything else). */
static GHashTable *
top_level_class_names (const char *source)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("^class[ \t]+([A-Za-z_][A-Za-z0-9_]*)", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match (regex, source, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_add (names, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return names;
}

guint
sl_document_paste_python_source (SlDocument  *self,
                                 const char  *source,
                                 gssize       length,
                                 guint       *first,
                                 guint       *replaced,
                                 GPtrArray  **notes,
                                 GError     **error)
{
  SlChain *live;
  g_autoptr(SlChain) before = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *pasted = NULL;
  g_autoptr(GString) whole = NULL;
  g_autoptr(SlChain) read = NULL;
  g_autoptr(SlChain) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *label = NULL;
  guint n_live, n_before, offset, n_pasted, n_replaced = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (source != NULL || length == 0, 0);

  if (replaced)
    *replaced = 0;
  if (first)
    *first = 0;
  live = sl_document_get_chain (self);
  n_live = sl_chain_get_n_classes (live);
  pasted = length < 0 ? g_strdup (source ? source : "") : g_strndup (source ? source : "", length);
  names = top_level_class_names (pasted);

  /* A pasted class named as one of the document's replaces it, as a
   * later class statement rebinds the name in a module: the document's
   * classes before the first one redefined stay first, the pasted ones
   * follow, then the document's others in their order. */
  for (n_before = 0; n_before < n_live; n_before++)
    if (g_hash_table_contains (names, sl_class_get_name (sl_chain_get_class (live, n_before))))
      break;
  before = sl_chain_new ();
  for (guint i = 0; i < n_before; i++)
    if (!sl_chain_append (before, sl_chain_get_class (live, i), error))
      return 0;

  /* Read after those classes' own source, so that a pasted class may
   * name one of them as its base, as it would in a module that holds
   * both. */
  prefix = n_before > 0 ? sl_chain_to_python (before) : g_strdup ("");
  whole = g_string_new (prefix);
  if (whole->len > 0)
    g_string_append (whole, "\n\n");
  offset = count_lines (whole->str);
  g_string_append (whole, pasted);

  read = sl_python_read (whole->str, whole->len, &found, &local_error);
  if (read == NULL && offset > 0)
    {
      guint line = 0, column;
      const char *rest;

      /* Those classes' source does not read back (it cannot happen for a
       * chain the reader made, but a session may hold more): the pasted
       * classes alone, then. */
      if (sl_python_error_get_location (local_error, &line, &column, &rest) && line <= offset)
        {
          g_clear_error (&local_error);
          g_clear_pointer (&found, g_ptr_array_unref);
          offset = 0;
          read = sl_python_read (pasted, -1, &found, &local_error);
        }
    }
  if (read == NULL)
    {
      shift_error (&local_error, offset);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (offset > 0 && sl_chain_get_n_classes (read) <= n_before)
    {
      g_set_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_UNSUPPORTED,
                   "line 1, column 1: the pasted text defines no class at the top level");
      return 0;
    }

  result = sl_chain_copy (before);
  for (guint i = offset > 0 ? n_before : 0; i < sl_chain_get_n_classes (read); i++)
    {
      SlClass *klass = sl_chain_get_class (read, i);

      if (sl_chain_lookup (live, sl_class_get_name (klass)))
        n_replaced++;
      if (!sl_chain_append (result, klass, error))
        return 0;
    }
  n_pasted = sl_chain_get_n_classes (result) - n_before;
  for (guint i = n_before; i < n_live; i++)
    {
      SlClass *klass = sl_chain_get_class (live, i);

      if (sl_chain_lookup (result, sl_class_get_name (klass)))
        continue;
      if (!sl_chain_append (result, klass, error))
        return 0;
    }

  if (n_pasted == 1)
    label = g_strdup_printf ("Paste %s", sl_class_get_name (sl_chain_get_class (result, n_before)));
  else
    label = g_strdup_printf ("Paste %u classes", n_pasted);
  sl_document_seal_history (self);
  if (!sl_document_replace_chain (self, result, label, error))
    return 0;
  sl_document_seal_history (self);

  if (notes)
    {
      /* Only what the reader said about the pasted lines, at their places there. */
      *notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_python_note_free);
      for (guint i = 0; found && i < found->len; i++)
        {
          SlPythonNote *note = g_ptr_array_index (found, i);

          if (note->line <= offset)
            continue;
          note->line -= offset;
          g_ptr_array_add (*notes, g_steal_pointer (&found->pdata[i]));
        }
    }
  if (replaced)
    *replaced = n_replaced;
  if (first)
    *first = n_before;
  return n_pasted;
}
