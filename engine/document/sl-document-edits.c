/* sl-document-edits.c: the sl_document_* edits: each one step of
 * the history, named, a compound edit (a rename and the bases that follow
 * it) one step.
 *
 * Part of SlDocument (sl-document.c). */

#include <string.h>

#include "sl-document-private.h"

/* ---------------------------------------------------------------------- */
/* Edits                                                                  */

static gboolean
slots_equal (SlClass *a,
             SlClass *b)
{
  if (sl_class_has_slots (a) != sl_class_has_slots (b))
    return FALSE;
  if (!sl_class_has_slots (a))
    return TRUE;
  if (!g_strv_equal (sl_class_get_slots (a), sl_class_get_slots (b)))
    return FALSE;
  for (guint i = 0; i < sl_class_get_n_slots (a); i++)
    if (g_strcmp0 (sl_class_get_slot_type (a, i), sl_class_get_slot_type (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
copy_slots (SlClass *to,
            SlClass *from)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new ();

  if (!sl_class_has_slots (from))
    {
      sl_class_set_slots (to, NULL);
      return;
    }
  for (guint i = 0; i < sl_class_get_n_slots (from); i++)
    g_ptr_array_add (types, (gpointer) sl_class_get_slot_type (from, i));
  sl_class_set_slots_full (to, sl_class_get_slots (from), (const char * const *) types->pdata);
}

gboolean
sl_document_set_class (SlDocument  *self,
                       guint        index,
                       SlClass     *klass,
                       GError     **error)
{
  SlChain *chain;
  SlClass *live;
  g_autoptr(SlChain) trial = NULL;
  g_autoptr(SlClass) edited = NULL;
  g_autofree char *label = NULL;
  g_autofree char *key = NULL;
  const char *field = NULL;
  guint changed = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SL_IS_CLASS (klass), FALSE);

  chain = sl_session_get_chain (self->session);
  if (index >= sl_chain_get_n_classes (chain))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class at position %u", index + 1);
      return FALSE;
    }
  live = sl_chain_get_class (chain, index);
  if (sl_class_equal (live, klass))
    return TRUE;

  /* Checked on a copy first: the edit applies whole or not at all. */
  trial = sl_chain_renamed (chain, index, sl_class_get_name (klass), error);
  if (trial == NULL)
    return FALSE;
  edited = sl_class_copy (klass);
  if (!sl_chain_replace (trial, index, edited, error))
    return FALSE;

  if (g_strcmp0 (sl_class_get_name (live), sl_class_get_name (klass)) != 0)
    changed++, field = "name";
  if (!g_strv_equal (sl_class_get_bases (live), sl_class_get_bases (klass)))
    changed++, field = "bases";
  if (!slots_equal (live, klass))
    changed++, field = "slots";
  if (!g_strv_equal (sl_class_get_init (live), sl_class_get_init (klass)))
    changed++, field = "init";
  if (changed != 1)
    field = "fields";
  if (g_strcmp0 (field, "name") == 0)
    label = g_strdup_printf ("Rename %s to %s", sl_class_get_name (live), sl_class_get_name (klass));
  else
    label = g_strdup_printf ("Edit %s", sl_class_get_name (klass));
  key = g_strdup_printf ("class:%u:%s", index, field);

  sl_document_begin_edit (self, label, key, index);
  /* In place, so that a view showing the class keeps it (and the cursor
   * of the entry being typed into). */
  if (g_strcmp0 (sl_class_get_name (live), sl_class_get_name (klass)) != 0)
    sl_class_set_name (live, sl_class_get_name (klass));
  if (!g_strv_equal (sl_class_get_bases (live), sl_class_get_bases (klass)))
    sl_class_set_bases (live, sl_class_get_bases (klass));
  if (!slots_equal (live, klass))
    copy_slots (live, klass);
  if (!g_strv_equal (sl_class_get_init (live), sl_class_get_init (klass)))
    sl_class_set_init (live, sl_class_get_init (klass));
  for (guint i = index + 1; i < sl_chain_get_n_classes (chain); i++)
    {
      SlClass *later = sl_chain_get_class (chain, i);
      const char * const *bases = sl_class_get_bases (sl_chain_get_class (trial, i));

      if (!g_strv_equal (sl_class_get_bases (later), bases))
        sl_class_set_bases (later, bases);
    }
  /* How the class statement is written (the form's second group), in
   * place too, so that typing the names assigned elsewhere keeps the row. */
  {
    guint at_live, at_new;
    SlBaseInit how_live = sl_class_get_base_init (live, &at_live);
    SlBaseInit how_new = sl_class_get_base_init (klass, &at_new);

    if (how_live != how_new || at_live != at_new)
      sl_class_set_base_init (live, how_new, at_new);
  }
  sl_class_set_created_by (live, sl_class_get_created_by (klass));
  if (!g_strv_equal (sl_class_get_elsewhere (live), sl_class_get_elsewhere (klass)))
    sl_class_set_elsewhere (live, sl_class_get_elsewhere (klass));
  sl_class_set_slots_spelling (live, sl_class_get_slots_spelling (klass));
  sl_class_set_dataclass (live, sl_class_get_dataclass (klass));
  /* What the fields above do not cover (set by other editors). */
  if (!sl_class_equal (live, klass))
    sl_chain_assign (chain, trial);
  sl_document_end_edit (self);
  return TRUE;
}

gboolean
sl_document_rename_class (SlDocument  *self,
                          guint        index,
                          const char  *name,
                          GError     **error)
{
  SlChain *chain = sl_session_get_chain (self->session);
  g_autoptr(SlClass) klass = NULL;

  if (index >= sl_chain_get_n_classes (chain))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class at position %u", index + 1);
      return FALSE;
    }
  klass = sl_class_copy (sl_chain_get_class (chain, index));
  sl_class_set_name (klass, name);
  return sl_document_set_class (self, index, klass, error);
}

gboolean
sl_document_insert_class (SlDocument  *self,
                          guint        position,
                          SlClass     *klass,
                          GError     **error)
{
  SlChain *chain = sl_session_get_chain (self->session);
  g_autoptr(SlChain) trial = sl_chain_copy (chain);
  g_autofree char *label = g_strdup_printf ("Add %s", sl_class_get_name (klass));
  guint last;

  position = MIN (position, sl_chain_get_n_classes (chain));
  if (!sl_chain_append (trial, klass, error))
    return FALSE;
  last = sl_chain_get_n_classes (trial) - 1;
  if (position != last && !sl_chain_move (trial, last, position, error))
    return FALSE;

  sl_document_begin_edit (self, label, NULL, position);
  sl_chain_append (chain, klass, NULL);
  if (position != last)
    sl_chain_move (chain, last, position, NULL);
  sl_document_end_edit (self);
  return TRUE;
}

gboolean
sl_document_remove_class (SlDocument  *self,
                          guint        index,
                          GError     **error)
{
  SlChain *chain = sl_session_get_chain (self->session);
  g_autofree char *label = NULL;
  gboolean ok;

  if (index >= sl_chain_get_n_classes (chain))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class at position %u", index + 1);
      return FALSE;
    }
  label = g_strdup_printf ("Remove %s", sl_class_get_name (sl_chain_get_class (chain, index)));
  sl_document_begin_edit (self, label, NULL, index);
  ok = sl_chain_remove (chain, index, error);
  sl_document_end_edit (self);
  return ok;
}

gboolean
sl_document_move_class (SlDocument  *self,
                        guint        from,
                        guint        to,
                        GError     **error)
{
  SlChain *chain = sl_session_get_chain (self->session);
  g_autofree char *label = NULL;
  gboolean ok;

  if (from >= sl_chain_get_n_classes (chain) || to >= sl_chain_get_n_classes (chain))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class at position %u", MAX (from, to) + 1);
      return FALSE;
    }
  label = g_strdup_printf ("Move %s", sl_class_get_name (sl_chain_get_class (chain, from)));
  sl_document_begin_edit (self, label, NULL, to);
  ok = sl_chain_move (chain, from, to, error);
  sl_document_end_edit (self);
  return ok;
}

gboolean
sl_document_replace_chain (SlDocument  *self,
                           SlChain     *chain,
                           const char  *label,
                           GError     **error)
{
  SlChain *live;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (SL_IS_CHAIN (chain), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  live = sl_session_get_chain (self->session);
  if (sl_chain_get_n_classes (chain) > SL_CHAIN_MAX_CLASSES)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "%u classes; a chain holds at most %d", sl_chain_get_n_classes (chain),
                   SL_CHAIN_MAX_CLASSES);
      return FALSE;
    }
  if (sl_chain_equal (live, chain))
    return TRUE;
  /* The label is the merge key too: replacements in a row (typing in the
   * Python tab) are one step until the history is sealed. */
  sl_document_begin_edit (self, label, label, -1);
  sl_chain_assign (live, chain);
  sl_document_end_edit (self);
  return TRUE;
}

void
sl_document_set_experiment (SlDocument   *self,
                            guint         index,
                            SlExperiment *settings)
{
  g_autofree char *label = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (SL_IS_DOCUMENT (self));
  g_return_if_fail (index < self->experiments->len);

  label = g_strdup_printf ("Edit experiment “%s”", sl_experiment_get_name (settings));
  key = g_strdup_printf ("experiment:%u", index);
  sl_document_begin_edit (self, label, key, index);
  sl_experiment_assign_settings (g_ptr_array_index (self->experiments, index), settings);
  sl_document_end_edit (self);
}

void
sl_document_add_experiment (SlDocument   *self,
                            SlExperiment *experiment)
{
  g_autofree char *label = g_strdup_printf ("Add experiment “%s”", sl_experiment_get_name (experiment));

  sl_document_begin_edit (self, label, NULL, -1);
  sl_session_add_experiment (self->session, experiment);
  sl_document_end_edit (self);
}

void
sl_document_remove_experiment (SlDocument *self,
                               guint       index)
{
  g_return_if_fail (index < self->experiments->len);
  sl_session_remove_experiment (self->session, index);
}

void
sl_document_set_title (SlDocument *self,
                       const char *title)
{
  sl_document_begin_edit (self, "Edit title", "title", -1);
  sl_session_set_title (self->session, title);
  sl_document_end_edit (self);
}

void
sl_document_set_notes (SlDocument *self,
                       const char *notes)
{
  sl_document_begin_edit (self, "Edit notes", "notes", -1);
  sl_session_set_notes (self->session, notes);
  sl_document_end_edit (self);
}

void
sl_document_set_python (SlDocument *self,
                        const char *python)
{
  sl_document_begin_edit (self, "Change Python version", NULL, -1);
  sl_session_set_python (self->session, python);
  sl_document_end_edit (self);
}

const char *
sl_document_get_loaded_source (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  if (self->loaded_source == NULL
      || !sl_chain_equal (self->loaded_chain, sl_session_get_chain (self->session)))
    return NULL;
  return self->loaded_source;
}
