/* sl-document.c: the session a user edits — file, unsaved state, history,
 * autosave and recovery (see sl-document.h).
 *
 * The history watches the session rather than trusting every caller to
 * go through this object: after each edit (SlSession::changed) the chain,
 * each experiment's settings, the title, the notes and the version are
 * compared with the copies taken after the previous edit, and what differs
 * becomes a step.  The sl_document_* edit functions name the step and make
 * a compound edit (a rename and the bases that follow it) one step; an edit
 * made straight on the session by a view is still recorded.  Results of a
 * run are not an edit: they are not undone, and after them no earlier
 * position of the history counts as saved. */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-document-private.h"
#include "sl-session-load-any.h"

#define AUTOSAVE_DELAY_MS 1500
#define UNTITLED "Untitled session"

struct _SlDocument
{
  GObject       parent_instance;

  SlSession    *session;
  GFile        *file;
  char         *uuid;
  SlHistory    *history;

  /* The session after the last recorded edit, for the history to compare. */
  SlChain      *chain_snapshot;
  GPtrArray    *experiments;          /* SlExperiment, the live ones, in order */
  GPtrArray    *experiment_settings;  /* SlExperiment copies, parallel */
  char         *title_snapshot;
  char         *notes_snapshot;
  char         *python_snapshot;

  /* The Python source the document was loaded from, and the chain it read
   * to: the Python tab shows that text while the chain is still this one. */
  char         *loaded_source;
  SlChain      *loaded_chain;

  guint         applying;      /* undo or redo under way: record nothing */
  guint         grouping;      /* an sl_document_* edit under way: record at its end */
  gboolean      list_recorded; /* items-changed recorded the edit being signalled */
  gboolean      could_undo;    /* as last notified */
  gboolean      could_redo;
  char         *pending_label;
  char         *pending_key;
  int           pending_index;

  guint64       generation;    /* counts edits, to tell whether a save is still current */
  guint         busy;
  gboolean      autosave_enabled;
  guint         autosave_source;
};

G_DEFINE_FINAL_TYPE (SlDocument, sl_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-document-error-quark, sl_document_error)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_BUSY,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void bind_session (SlDocument *self, SlSession *session);

/* ---------------------------------------------------------------------- */
/* The history                                                            */

/* can-undo and can-redo are notified when they change, not at every step. */
static void
notify_history (SlDocument *self)
{
  gboolean can_undo = sl_history_peek_undo (self->history) != NULL;
  gboolean can_redo = sl_history_peek_redo (self->history) != NULL;

  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

static SlStep *
step_new (SlDocument *self,
          SlStepKind  kind,
          const char *label,
          const char *key,
          int         index)
{
  SlStep *step = g_new0 (SlStep, 1);

  step->kind = kind;
  step->label = g_strdup (self->pending_label ? self->pending_label : label);
  step->merge_key = self->pending_label ? g_strdup (self->pending_key) : g_strdup (key);
  step->index = self->pending_label && self->pending_index >= 0 ? self->pending_index : index;
  return step;
}

static gboolean
record_text (SlDocument  *self,
             SlStepKind   kind,
             char       **snapshot,
             const char  *now,
             const char  *label,
             const char  *key)
{
  SlStep *step;

  if (g_strcmp0 (*snapshot, now) == 0)
    return FALSE;
  step = step_new (self, kind, label, key, -1);
  step->text_before = g_steal_pointer (snapshot);
  step->text_after = g_strdup (now);
  *snapshot = g_strdup (now);
  sl_history_push (self->history, step);
  return TRUE;
}

/* Compares the session with the snapshots and records what differs. */
static gboolean
record_differences (SlDocument *self)
{
  SlChain *chain = sl_session_get_chain (self->session);
  gboolean recorded = FALSE;

  if (!sl_chain_equal (self->chain_snapshot, chain))
    {
      SlStep *step = step_new (self, SL_STEP_CHAIN, "Edit classes", "chain", -1);

      step->chain_before = g_steal_pointer (&self->chain_snapshot);
      step->chain_after = sl_chain_copy (chain);
      self->chain_snapshot = g_object_ref (step->chain_after);
      sl_history_push (self->history, step);
      recorded = TRUE;
    }

  for (guint i = 0; i < self->experiments->len; i++)
    {
      SlExperiment *live = g_ptr_array_index (self->experiments, i);
      SlExperiment *before = g_ptr_array_index (self->experiment_settings, i);

      if (!sl_experiment_settings_equal (before, live))
        {
          g_autofree char *label = g_strdup_printf ("Edit experiment “%s”", sl_experiment_get_name (live));
          g_autofree char *key = g_strdup_printf ("experiment:%u", i);
          SlStep *step = step_new (self, SL_STEP_EXPERIMENT, label, key, i);

          step->experiment_before = g_object_ref (before);
          step->experiment_after = sl_experiment_copy (live);
          g_ptr_array_index (self->experiment_settings, i) = g_object_ref (step->experiment_after);
          g_object_unref (before);
          sl_history_push (self->history, step);
          recorded = TRUE;
        }
    }

  recorded |= record_text (self, SL_STEP_TITLE, &self->title_snapshot,
                           sl_session_get_title (self->session), "Edit title", "title");
  recorded |= record_text (self, SL_STEP_NOTES, &self->notes_snapshot,
                           sl_session_get_notes (self->session), "Edit notes", "notes");
  recorded |= record_text (self, SL_STEP_PYTHON, &self->python_snapshot,
                           sl_session_get_python (self->session), "Change Python version", "python");
  return recorded;
}

static void
take_snapshots (SlDocument *self)
{
  GListModel *experiments = sl_session_get_experiments (self->session);
  guint n = g_list_model_get_n_items (experiments);

  g_clear_object (&self->chain_snapshot);
  self->chain_snapshot = sl_chain_copy (sl_session_get_chain (self->session));
  g_ptr_array_set_size (self->experiments, 0);
  g_ptr_array_set_size (self->experiment_settings, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (experiments, i);

      g_ptr_array_add (self->experiments, g_object_ref (experiment));
      g_ptr_array_add (self->experiment_settings, sl_experiment_copy (experiment));
    }
  g_free (self->title_snapshot);
  self->title_snapshot = g_strdup (sl_session_get_title (self->session));
  g_free (self->notes_snapshot);
  self->notes_snapshot = g_strdup (sl_session_get_notes (self->session));
  g_free (self->python_snapshot);
  self->python_snapshot = g_strdup (sl_session_get_python (self->session));
}

static void
on_experiments_changed (SlDocument *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  for (guint i = 0; i < removed; i++)
    {
      SlExperiment *item = g_ptr_array_index (self->experiments, position);

      if (!self->applying)
        {
          g_autofree char *label = g_strdup_printf ("Remove experiment “%s”", sl_experiment_get_name (item));
          SlStep *step = step_new (self, SL_STEP_EXPERIMENT_REMOVE, label, NULL, position);

          step->item = g_object_ref (item);
          sl_history_push (self->history, step);
          self->list_recorded = TRUE;
        }
      g_ptr_array_remove_index (self->experiments, position);
      g_ptr_array_remove_index (self->experiment_settings, position);
    }
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(SlExperiment) item = g_list_model_get_item (model, position + i);

      g_ptr_array_insert (self->experiments, position + i, g_object_ref (item));
      g_ptr_array_insert (self->experiment_settings, position + i, sl_experiment_copy (item));
      if (!self->applying)
        {
          g_autofree char *label = g_strdup_printf ("Add experiment “%s”", sl_experiment_get_name (item));
          SlStep *step = step_new (self, SL_STEP_EXPERIMENT_ADD, label, NULL, position + i);

          step->item = g_object_ref (item);
          sl_history_push (self->history, step);
          self->list_recorded = TRUE;
        }
    }
  if (!self->applying)
    notify_history (self);
}

/* Starts an edit made through this object: one step, with this name. */
static void
begin_edit (SlDocument *self,
            const char *label,
            const char *key,
            int         index)
{
  self->grouping++;
  g_free (self->pending_label);
  self->pending_label = g_strdup (label);
  g_free (self->pending_key);
  self->pending_key = g_strdup (key);
  self->pending_index = index;
}

static void
end_edit (SlDocument *self)
{
  g_assert (self->grouping > 0);
  if (--self->grouping > 0)
    return;
  if (record_differences (self))
    notify_history (self);
  g_clear_pointer (&self->pending_label, g_free);
  g_clear_pointer (&self->pending_key, g_free);
  self->pending_index = -1;
}

/* Puts the part of the session the step touched as it was before (undo)
 * or after (redo). */
static void
apply_step (SlDocument *self,
            SlStep     *step,
            gboolean    undo)
{
  SlSession *session = self->session;

  self->applying++;
  switch (step->kind)
    {
    case SL_STEP_CHAIN:
      {
        SlChain *target = undo ? step->chain_before : step->chain_after;

        sl_chain_assign (sl_session_get_chain (session), target);
        g_set_object (&self->chain_snapshot, target);
      }
      break;
    case SL_STEP_EXPERIMENT:
      {
        SlExperiment *target = undo ? step->experiment_before : step->experiment_after;

        sl_experiment_assign_settings (g_ptr_array_index (self->experiments, step->index), target);
        g_object_unref (g_ptr_array_index (self->experiment_settings, step->index));
        g_ptr_array_index (self->experiment_settings, step->index) = g_object_ref (target);
      }
      break;
    case SL_STEP_EXPERIMENT_ADD:
    case SL_STEP_EXPERIMENT_REMOVE:
      if ((step->kind == SL_STEP_EXPERIMENT_ADD) == undo)
        sl_session_remove_experiment (session, step->index);
      else
        sl_session_insert_experiment (session, step->index, step->item);
      break;
    case SL_STEP_TITLE:
      g_free (self->title_snapshot);
      self->title_snapshot = g_strdup (undo ? step->text_before : step->text_after);
      sl_session_set_title (session, self->title_snapshot);
      break;
    case SL_STEP_NOTES:
      g_free (self->notes_snapshot);
      self->notes_snapshot = g_strdup (undo ? step->text_before : step->text_after);
      sl_session_set_notes (session, self->notes_snapshot);
      break;
    case SL_STEP_PYTHON:
      g_free (self->python_snapshot);
      self->python_snapshot = g_strdup (undo ? step->text_before : step->text_after);
      sl_session_set_python (session, self->python_snapshot);
      break;
    default:
      g_assert_not_reached ();
    }
  self->applying--;

  if (undo)
    self->history->position--;
  else
    self->history->position++;
  self->history->sealed = TRUE;
  sl_session_set_modified (session, (int) self->history->position != self->history->clean);
  notify_history (self);
}

gboolean
sl_document_can_undo (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);
  return sl_history_peek_undo (self->history) != NULL;
}

gboolean
sl_document_can_redo (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);
  return sl_history_peek_redo (self->history) != NULL;
}

const char *
sl_document_get_undo_label (SlDocument *self)
{
  SlStep *step = sl_history_peek_undo (self->history);

  return step ? step->label : NULL;
}

const char *
sl_document_get_redo_label (SlDocument *self)
{
  SlStep *step = sl_history_peek_redo (self->history);

  return step ? step->label : NULL;
}

static int
step_class_index (SlStep  *step,
                  gboolean undo)
{
  if (step->kind != SL_STEP_CHAIN)
    return -1;
  if (step->index >= 0)
    return MIN (step->index, (int) sl_chain_get_n_classes (undo ? step->chain_before : step->chain_after) - 1);
  return -1;
}

gboolean
sl_document_undo (SlDocument *self,
                  int        *index)
{
  SlStep *step;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);

  if (index)
    *index = -1;
  if ((step = sl_history_peek_undo (self->history)) == NULL)
    return FALSE;
  apply_step (self, step, TRUE);
  if (index)
    *index = step_class_index (step, TRUE);
  return TRUE;
}

gboolean
sl_document_redo (SlDocument *self,
                  int        *index)
{
  SlStep *step;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);

  if (index)
    *index = -1;
  if ((step = sl_history_peek_redo (self->history)) == NULL)
    return FALSE;
  apply_step (self, step, FALSE);
  if (index)
    *index = step_class_index (step, FALSE);
  return TRUE;
}

void
sl_document_seal_history (SlDocument *self)
{
  g_return_if_fail (SL_IS_DOCUMENT (self));
  self->history->sealed = TRUE;
}

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

  begin_edit (self, label, key, index);
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
  end_edit (self);
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

  begin_edit (self, label, NULL, position);
  sl_chain_append (chain, klass, NULL);
  if (position != last)
    sl_chain_move (chain, last, position, NULL);
  end_edit (self);
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
  begin_edit (self, label, NULL, index);
  ok = sl_chain_remove (chain, index, error);
  end_edit (self);
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
  begin_edit (self, label, NULL, to);
  ok = sl_chain_move (chain, from, to, error);
  end_edit (self);
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
  begin_edit (self, label, label, -1);
  sl_chain_assign (live, chain);
  end_edit (self);
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
  begin_edit (self, label, key, index);
  sl_experiment_assign_settings (g_ptr_array_index (self->experiments, index), settings);
  end_edit (self);
}

void
sl_document_add_experiment (SlDocument   *self,
                            SlExperiment *experiment)
{
  g_autofree char *label = g_strdup_printf ("Add experiment “%s”", sl_experiment_get_name (experiment));

  begin_edit (self, label, NULL, -1);
  sl_session_add_experiment (self->session, experiment);
  end_edit (self);
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
  begin_edit (self, "Edit title", "title", -1);
  sl_session_set_title (self->session, title);
  end_edit (self);
}

void
sl_document_set_notes (SlDocument *self,
                       const char *notes)
{
  begin_edit (self, "Edit notes", "notes", -1);
  sl_session_set_notes (self->session, notes);
  end_edit (self);
}

void
sl_document_set_python (SlDocument *self,
                        const char *python)
{
  begin_edit (self, "Change Python version", NULL, -1);
  sl_session_set_python (self->session, python);
  end_edit (self);
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

static gboolean
write_sidecar (SlDocument  *self,
               GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = autosave_path (self->uuid, ".json");
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
  text = json_to_string (root, TRUE);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
sl_document_autosave_now (SlDocument  *self,
                          GError     **error)
{
  g_autofree char *dir = sl_document_get_autosave_dir ();
  g_autofree char *path = autosave_path (self->uuid, ".slotlab");
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!sl_session_get_modified (self->session))
    {
      sl_document_discard_autosave (self);
      return TRUE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Could not create %s to keep unsaved work: %s", dir, g_strerror (saved));
      return FALSE;
    }
  data = sl_session_to_data (self->session, &length);
  /* The sidecar first: an autosave without one would not be offered. */
  return write_sidecar (self, error)
         && g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
autosave_cb (gpointer user_data)
{
  SlDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_source = 0;
  if (!sl_document_autosave_now (self, &error))
    g_warning ("Could not keep unsaved work: %s", error->message);
  return G_SOURCE_REMOVE;
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
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

void
sl_document_discard_autosave (SlDocument *self)
{
  g_autofree char *data = autosave_path (self->uuid, ".slotlab");
  g_autofree char *sidecar = autosave_path (self->uuid, ".json");

  g_return_if_fail (SL_IS_DOCUMENT (self));

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  /* The data first: a sidecar without data is never offered. */
  g_unlink (data);
  g_unlink (sidecar);
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
  bind_session (self, session);
  sl_session_set_modified (session, TRUE);
  self->history->clean = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  /* Claimed at once: another Slot Lab starting now does not offer it too. */
  return sl_document_autosave_now (self, error);

not_recoverable:
  g_set_error (error, SL_DOCUMENT_ERROR, SL_DOCUMENT_ERROR_NOT_RECOVERABLE,
               "%s is not an autosave of Slot Lab", basename);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* The session                                                            */

static void
on_session_changed (SlDocument *self)
{
  self->generation++;
  if (!self->applying && !self->grouping)
    {
      gboolean recorded = record_differences (self) || self->list_recorded;

      /* A change the history does not hold (a run's results): no earlier
       * position is the saved file any more. */
      if (!recorded)
        self->history->clean = -1;
      else
        notify_history (self);
    }
  self->list_recorded = FALSE;
  if (self->autosave_enabled && sl_session_get_modified (self->session) && self->autosave_source == 0)
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
on_session_modified (SlDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
bind_session (SlDocument *self,
              SlSession  *session)
{
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (sl_session_get_experiments (self->session), self);
    }
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::modified", G_CALLBACK (on_session_modified), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::title", G_CALLBACK (on_session_modified), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sl_session_get_experiments (session), "items-changed",
                           G_CALLBACK (on_experiments_changed), self, G_CONNECT_SWAPPED);

  g_ptr_array_set_size (self->history->steps, 0);
  self->history->position = 0;
  self->history->clean = sl_session_get_modified (session) ? -1 : 0;
  self->history->sealed = TRUE;
  take_snapshots (self);
  notify_history (self);
}

SlSession *
sl_document_get_session (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return self->session;
}

SlChain *
sl_document_get_chain (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return sl_session_get_chain (self->session);
}

GFile *
sl_document_get_file (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return self->file;
}

char *
sl_document_dup_title (SlDocument *self)
{
  const char *title;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);

  title = sl_session_get_title (self->session);
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (UNTITLED);
}

gboolean
sl_document_get_modified (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);
  return sl_session_get_modified (self->session);
}

const char *
sl_document_get_uuid (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return self->uuid;
}

gboolean
sl_document_get_busy (SlDocument *self)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), FALSE);
  return self->busy > 0;
}

static void
set_busy (SlDocument *self,
          gboolean    busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

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
  set_busy (self, TRUE);
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

  set_busy (self, FALSE);
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
  bind_session (self, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
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
  set_busy (self, TRUE);
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
  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (self->file == NULL || !g_file_equal (self->file, job->file))
    {
      g_set_object (&self->file, job->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
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

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
sl_document_dispose (GObject *object)
{
  SlDocument *self = SL_DOCUMENT (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (sl_session_get_experiments (self->session), self);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->chain_snapshot);
  g_clear_pointer (&self->experiments, g_ptr_array_unref);
  g_clear_pointer (&self->experiment_settings, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_document_parent_class)->dispose (object);
}

static void
sl_document_finalize (GObject *object)
{
  SlDocument *self = SL_DOCUMENT (object);

  sl_history_free (self->history);
  g_free (self->uuid);
  g_free (self->title_snapshot);
  g_free (self->notes_snapshot);
  g_free (self->python_snapshot);
  g_free (self->pending_label);
  g_free (self->pending_key);
  g_free (self->loaded_source);
  g_clear_object (&self->loaded_chain);

  G_OBJECT_CLASS (sl_document_parent_class)->finalize (object);
}

static void
sl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SlDocument *self = SL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_take_string (value, sl_document_dup_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, sl_document_get_modified (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sl_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, sl_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_document_class_init (SlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_document_dispose;
  object_class->finalize = sl_document_finalize;
  object_class->get_property = sl_document_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SL_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sl_document_init (SlDocument *self)
{
  self->uuid = g_uuid_string_random ();
  self->history = sl_history_new ();
  self->experiments = g_ptr_array_new_with_free_func (g_object_unref);
  self->experiment_settings = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_index = -1;
}

SlDocument *
sl_document_new_for_session (SlSession *session,
                             GFile     *file)
{
  SlDocument *self;

  g_return_val_if_fail (SL_IS_SESSION (session), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (SL_TYPE_DOCUMENT, NULL);
  if (file != NULL)
    self->file = g_object_ref (file);
  bind_session (self, session);
  return self;
}

SlDocument *
sl_document_new (void)
{
  g_autoptr(SlSession) session = sl_session_new ();

  sl_session_set_title (session, UNTITLED);
  sl_session_set_modified (session, FALSE);
  return sl_document_new_for_session (session, NULL);
}
