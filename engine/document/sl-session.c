/* sl-session.c: the session file (PRODUCT.md, "slotlab-session" version 1).
 *
 * Loading runs in three steps, and a session exists only if all three pass:
 *
 *  1. The bytes: at most SL_SESSION_MAX_FILE_SIZE, UTF-8 without NUL, and
 *     strict JSON (sl_json_check_text(), engine/lab/sl-json-check.c).  json-glib 1.6 is
 *     lenient in ways a file format must not be (it takes `{} {}`, single
 *     quotes, comments and hex numbers, wraps integers that overflow, lets a
 *     lone \udc00 through as invalid UTF-8, and recurses once per nesting
 *     level), so nothing reaches JsonParser before this check passes.
 *     A UTF-8 byte order mark at the very start is skipped: it is harmless,
 *     some editors still write one, and refusing it would lose a file for
 *     nothing.  A UTF-16 or UTF-32 byte order mark is refused by name.
 *  2. The tree: JsonParser builds it.
 *  3. The meaning: every member is checked for its type and value and the
 *     session is built as it goes; the first problem ends the load with one
 *     GError whose message starts with the JSON path of the member at fault
 *     (`classes[2].bases[0]: ...`, `$` for the whole document) or the line
 *     and column for problems of the text.  Classes go through
 *     sl_chain_append(), so the chain's own structural checks hold for a
 *     loaded chain exactly as for an edited one.
 *
 * Members this version does not know are ignored, so that a newer Slot Lab
 * can add optional members without breaking older ones; "title", "notes",
 * "python", "experiments" and a class's "bases", "slots" and "init" may be
 * left out (they default to "", "", "3.12", [], [], null and []).
 *
 * A session never names a program to run.  An "interpreter" member at the
 * top level or in an experiment is ignored here and is never used to choose
 * what to execute; only a result may carry one, and there it is provenance
 * (which interpreter produced that figure), shown, never run.
 *
 * Saving builds the tree with JsonBuilder and writes it out itself (see
 * write_node() for why not JsonGenerator), members in PRODUCT.md's order,
 * to a temporary file in the same folder, fsync()ed, and renames that over
 * the target, keeping its mode, owner, symbolic link and hard links, and
 * refusing a read-only file (sl_file_replace_contents(), sl-file.c).  A
 * save that fails or is killed leaves the old file whole.  Loading reads
 * only a regular file: a named pipe, a device or a folder is refused at
 * once (sl_file_read_regular()).
 * Before writing, the text is loaded back, so a session the model can hold
 * but the format refuses (an experiment naming a removed class, say) is
 * reported as a failed save instead of being written as a file that would
 * not open again.
 *
 * The parts: engine/lab/sl-json-check.c (step 1), sl-session-reader.c (steps 2 and 3
 * and the loading entry points), sl-session-writer.c (the text and the
 * save), engine/cpython/sl-python-repr.c (Python reprs of __slots__ items
 * that are not strings), engine/cpython/sl-chain-json.c (the classes'
 * JSON); this file is the object, which knows neither reader nor writer.
 */

#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-session-private.h"

struct _SlSession
{
  GObject     parent_instance;

  char       *title;
  char       *notes;
  char       *python;
  SlChain    *chain;
  GListStore *experiments;   /* SlExperiment */
  gboolean    modified;
};

G_DEFINE_FINAL_TYPE (SlSession, sl_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-session-error-quark, sl_session_error)

enum { PROP_0, PROP_TITLE, PROP_NOTES, PROP_PYTHON, PROP_MODIFIED, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* The object ------------------------------------------------------------------- */

static void
mark_edited (SlSession *self)
{
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sl_session_dispose (GObject *object)
{
  SlSession *self = SL_SESSION (object);

  if (self->chain != NULL)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  if (self->experiments != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->experiments));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SlExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), i);

          g_signal_handlers_disconnect_by_data (experiment, self);
        }
    }
  g_clear_object (&self->chain);
  g_clear_object (&self->experiments);

  G_OBJECT_CLASS (sl_session_parent_class)->dispose (object);
}

static void
sl_session_finalize (GObject *object)
{
  SlSession *self = SL_SESSION (object);

  g_free (self->title);
  g_free (self->notes);
  g_free (self->python);

  G_OBJECT_CLASS (sl_session_parent_class)->finalize (object);
}

static void
sl_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SlSession *self = SL_SESSION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_PYTHON:
      g_value_set_string (value, self->python);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SlSession *self = SL_SESSION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sl_session_set_title (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      sl_session_set_notes (self, g_value_get_string (value));
      break;
    case PROP_PYTHON:
      sl_session_set_python (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      sl_session_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_session_class_init (SlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_session_dispose;
  object_class->finalize = sl_session_finalize;
  object_class->get_property = sl_session_get_property;
  object_class->set_property = sl_session_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PYTHON] =
    g_param_spec_string ("python", NULL, NULL, DEFAULT_PYTHON,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once per edit: the title, notes and python, the chain (any class),
   * the list of experiments, or any experiment. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_session_init (SlSession *self)
{
  self->title = g_strdup ("");
  self->notes = g_strdup ("");
  self->python = g_strdup (DEFAULT_PYTHON);
  self->chain = sl_chain_new ();
  self->experiments = g_list_store_new (SL_TYPE_EXPERIMENT);
  g_signal_connect_swapped (self->chain, "changed", G_CALLBACK (mark_edited), self);
}

SlSession *
sl_session_new (void)
{
  return g_object_new (SL_TYPE_SESSION, NULL);
}

gboolean
sl_session_equal (SlSession *a,
                  SlSession *b)
{
  guint n;

  g_return_val_if_fail (SL_IS_SESSION (a), FALSE);
  g_return_val_if_fail (SL_IS_SESSION (b), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (a->experiments));
  if (g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0 ||
      g_strcmp0 (a->python, b->python) != 0 ||
      !sl_chain_equal (a->chain, b->chain) ||
      n != g_list_model_get_n_items (G_LIST_MODEL (b->experiments)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlExperiment) ea = g_list_model_get_item (G_LIST_MODEL (a->experiments), i);
      g_autoptr(SlExperiment) eb = g_list_model_get_item (G_LIST_MODEL (b->experiments), i);

      if (!sl_experiment_equal (ea, eb))
        return FALSE;
    }
  return TRUE;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
sl_session_get_title (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->title;
}

void
sl_session_set_title (SlSession  *self,
                      const char *title)
{
  g_return_if_fail (SL_IS_SESSION (self));

  if (replace_string (&self->title, title))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      mark_edited (self);
    }
}

const char *
sl_session_get_notes (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->notes;
}

void
sl_session_set_notes (SlSession  *self,
                      const char *notes)
{
  g_return_if_fail (SL_IS_SESSION (self));

  if (replace_string (&self->notes, notes))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
      mark_edited (self);
    }
}

const char *
sl_session_get_python (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->python;
}

void
sl_session_set_python (SlSession  *self,
                       const char *python)
{
  g_return_if_fail (SL_IS_SESSION (self));

  if (replace_string (&self->python, python))
    {
      /* One version everywhere: an experiment of one version follows the
       * session's (sl_experiment_follow_python()). */
      for (guint i = 0; python != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->experiments)); i++)
        {
          g_autoptr(SlExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), i);

          /* Part of this one edit: the session says "changed" once. */
          g_signal_handlers_block_by_func (experiment, mark_edited, self);
          sl_experiment_follow_python (experiment, python);
          g_signal_handlers_unblock_by_func (experiment, mark_edited, self);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PYTHON]);
      mark_edited (self);
    }
}

SlChain *
sl_session_get_chain (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->chain;
}

GListModel *
sl_session_get_experiments (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->experiments);
}

void
sl_session_add_experiment (SlSession    *self,
                           SlExperiment *experiment)
{
  g_return_if_fail (SL_IS_SESSION (self));
  g_return_if_fail (SL_IS_EXPERIMENT (experiment));

  g_signal_connect_object (experiment, "changed", G_CALLBACK (mark_edited), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->experiments, experiment);
  mark_edited (self);
}

/* Where undo puts back an experiment that was removed. */
void
sl_session_insert_experiment (SlSession    *self,
                              guint         position,
                              SlExperiment *experiment)
{
  g_return_if_fail (SL_IS_SESSION (self));
  g_return_if_fail (SL_IS_EXPERIMENT (experiment));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->experiments)));
  g_signal_connect_object (experiment, "changed", G_CALLBACK (mark_edited), self,
                           G_CONNECT_SWAPPED);
  g_list_store_insert (self->experiments, position, experiment);
  mark_edited (self);
}

void
sl_session_remove_experiment (SlSession *self,
                              guint      index)
{
  g_autoptr(SlExperiment) experiment = NULL;

  g_return_if_fail (SL_IS_SESSION (self));
  g_return_if_fail (index < g_list_model_get_n_items (G_LIST_MODEL (self->experiments)));

  experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), index);
  g_signal_handlers_disconnect_by_func (experiment, mark_edited, self);
  g_list_store_remove (self->experiments, index);
  mark_edited (self);
}

SlExperiment *
sl_session_lookup_experiment (SlSession  *self,
                              const char *name)
{
  guint n;

  g_return_val_if_fail (SL_IS_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->experiments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), i);

      if (g_strcmp0 (sl_experiment_get_name (experiment), name) == 0)
        return experiment;   /* the store keeps it alive */
    }
  return NULL;
}

gboolean
sl_session_get_modified (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), FALSE);
  return self->modified;
}

void
sl_session_set_modified (SlSession *self,
                         gboolean   modified)
{
  g_return_if_fail (SL_IS_SESSION (self));

  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
