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
 * position of the history counts as saved.
 *
 * This file is the object, its session and its history; the edits are in
 * sl-document-edits.c, autosave and recovery in sl-document-autosave.c,
 * loading and saving in sl-document-io.c (what they share:
 * sl-document-private.h). */

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sl-document-private.h"
#include "sl-session-load-any.h"

#define UNTITLED "Untitled session"

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
void
sl_document_begin_edit (SlDocument *self,
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

void
sl_document_end_edit (SlDocument *self)
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
    self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, sl_document_autosave_cb, self);
}

static void
on_session_modified (SlDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
sl_document_bind_session (SlDocument *self,
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

void
sl_document_set_busy (SlDocument *self,
                      gboolean    busy)
{
  if (busy)
    self->busy++;
  else
    self->busy--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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
  sl_autosave_state_unref (self->autosave_state);
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
  self->autosave_state = sl_autosave_state_new ();
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
  sl_document_bind_session (self, session);
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
