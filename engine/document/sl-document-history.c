/* sl-document-history.c: the edit history of a document (undo and redo).
 *
 * A step keeps the touched part of the session before and after the edit,
 * so undo and redo are assignments, never inverse operations that could
 * drift from what the edit really did (a rename that also changed the
 * bases of later classes is one chain before and one after). */

#include <string.h>

#include "sl-document-private.h"

void
sl_step_free (SlStep *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_free (step->merge_key);
  g_clear_object (&step->chain_before);
  g_clear_object (&step->chain_after);
  g_clear_object (&step->experiment_before);
  g_clear_object (&step->experiment_after);
  g_clear_object (&step->item);
  g_free (step->text_before);
  g_free (step->text_after);
  g_free (step);
}

SlHistory *
sl_history_new (void)
{
  SlHistory *history = g_new0 (SlHistory, 1);

  history->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_step_free);
  history->sealed = TRUE;
  return history;
}

void
sl_history_free (SlHistory *history)
{
  if (history == NULL)
    return;
  g_ptr_array_unref (history->steps);
  g_free (history);
}

/* The step's "after" replaces the last step's: both are one edit. */
static gboolean
merge_into (SlStep *last,
            SlStep *step)
{
  if (last->kind != step->kind || last->index != step->index
      || last->merge_key == NULL || g_strcmp0 (last->merge_key, step->merge_key) != 0)
    return FALSE;

  switch (step->kind)
    {
    case SL_STEP_CHAIN:
      g_set_object (&last->chain_after, step->chain_after);
      break;
    case SL_STEP_EXPERIMENT:
      g_set_object (&last->experiment_after, step->experiment_after);
      break;
    case SL_STEP_TITLE:
    case SL_STEP_NOTES:
    case SL_STEP_PYTHON:
      g_free (last->text_after);
      last->text_after = g_strdup (step->text_after);
      break;
    case SL_STEP_EXPERIMENT_ADD:
    case SL_STEP_EXPERIMENT_REMOVE:
    default:
      return FALSE;
    }
  return TRUE;
}

void
sl_history_push (SlHistory *history,
                 SlStep    *step)
{
  /* A new edit after undo: what was undone cannot be redone any more. */
  if (history->position < history->steps->len)
    {
      if (history->clean > (int) history->position)
        history->clean = -1;
      g_ptr_array_remove_range (history->steps, history->position,
                                history->steps->len - history->position);
    }

  if (!history->sealed && history->position > 0
      && (int) history->position != history->clean
      && merge_into (g_ptr_array_index (history->steps, history->position - 1), step))
    {
      sl_step_free (step);
      return;
    }

  g_ptr_array_add (history->steps, step);
  history->position = history->steps->len;
  history->sealed = FALSE;
}

SlStep *
sl_history_peek_undo (SlHistory *history)
{
  return history->position > 0 ? g_ptr_array_index (history->steps, history->position - 1) : NULL;
}

SlStep *
sl_history_peek_redo (SlHistory *history)
{
  return history->position < history->steps->len
         ? g_ptr_array_index (history->steps, history->position) : NULL;
}

/* Experiments' settings ---------------------------------------------------- */

static gboolean
counts_equal (SlExperiment *a,
              SlExperiment *b)
{
  g_autoptr(GArray) ca = sl_experiment_dup_counts (a);
  g_autoptr(GArray) cb = sl_experiment_dup_counts (b);
  guint64 fa, ta, fb, tb;
  guint pa, pb;

  sl_experiment_get_range (a, &fa, &ta, &pa);
  sl_experiment_get_range (b, &fb, &tb, &pb);
  if (sl_experiment_get_scale (a) != sl_experiment_get_scale (b) || ca->len != cb->len)
    return FALSE;
  if (sl_experiment_get_scale (a) != SL_SCALE_LIST && (fa != fb || ta != tb || pa != pb))
    return FALSE;
  return memcmp (ca->data, cb->data, ca->len * sizeof (guint64)) == 0;
}

gboolean
sl_experiment_settings_equal (SlExperiment *a,
                              SlExperiment *b)
{
  GArray *sa = sl_experiment_get_strategies (a);
  GArray *sb = sl_experiment_get_strategies (b);

  return g_strcmp0 (sl_experiment_get_name (a), sl_experiment_get_name (b)) == 0
         && g_strcmp0 (sl_experiment_get_class_name (a), sl_experiment_get_class_name (b)) == 0
         && sa->len == sb->len
         && memcmp (sa->data, sb->data, sa->len * g_array_get_element_size (sa)) == 0
         && sl_experiment_get_metric (a) == sl_experiment_get_metric (b)
         && g_strv_equal (sl_experiment_get_pythons (a), sl_experiment_get_pythons (b))
         && sl_experiment_get_backend (a) == sl_experiment_get_backend (b)
         && counts_equal (a, b);
}

void
sl_experiment_assign_settings (SlExperiment *self,
                               SlExperiment *from)
{
  GArray *strategies = sl_experiment_get_strategies (from);

  sl_experiment_set_name (self, sl_experiment_get_name (from));
  sl_experiment_set_class_name (self, sl_experiment_get_class_name (from));
  sl_experiment_set_strategies (self, (const SlStrategy *) strategies->data, strategies->len);
  sl_experiment_set_metric (self, sl_experiment_get_metric (from));
  sl_experiment_set_pythons (self, sl_experiment_get_pythons (from));
  sl_experiment_set_backend (self, sl_experiment_get_backend (from));
  if (sl_experiment_get_scale (from) == SL_SCALE_LIST)
    {
      g_autoptr(GArray) counts = sl_experiment_dup_counts (from);

      sl_experiment_set_count_list (self, (const guint64 *) counts->data, counts->len);
    }
  else
    {
      guint64 lo, hi;
      guint points;

      sl_experiment_get_range (from, &lo, &hi, &points);
      sl_experiment_set_range (self, lo, hi, points, sl_experiment_get_scale (from));
    }
}
