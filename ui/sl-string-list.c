/* sl-string-list.c: a drop-down's strings, changed where they differ.
 *
 * A splice of a GtkStringList makes every drop-down or combo row over it
 * build a row for each item it was told changed.  The window refreshes
 * its lists on every change of an experiment (a run's points, a run's
 * end), and most refreshes change nothing or add one item at the end: a
 * whole-list splice there rebuilt every row of the two run drop-downs,
 * three times a run, the frame that ends it among them (issue 13).  So
 * the common head and tail are kept and only what lies between is
 * spliced.
 *
 * Not for an AdwComboRow: libadwaita 1.2's crashes when items are added
 * after the last while nothing is selected and a selection is then set
 * (it selects the first on its own, then faults in the next
 * selection-changed).  A whole-list splice does not trip it; the
 * experiment form's Class row uses sl_string_list_equals and one. */

#include "sl-string-list.h"

void
sl_string_list_set (GtkStringList      *list,
                    const char * const *strings)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint n_new = g_strv_length ((char **) strings);
  guint head = 0, tail = 0;

  while (head < n_old && head < n_new &&
         g_strcmp0 (gtk_string_list_get_string (list, head), strings[head]) == 0)
    head++;
  while (tail < n_old - head && tail < n_new - head &&
         g_strcmp0 (gtk_string_list_get_string (list, n_old - 1 - tail), strings[n_new - 1 - tail]) == 0)
    tail++;
  if (head == n_old && head == n_new)
    return;

  {
    g_autoptr(GPtrArray) middle = g_ptr_array_new ();

    for (guint i = head; i < n_new - tail; i++)
      g_ptr_array_add (middle, (char *) strings[i]);
    g_ptr_array_add (middle, NULL);
    gtk_string_list_splice (list, head, n_old - head - tail, (const char * const *) middle->pdata);
  }
}

gboolean
sl_string_list_equals (GtkStringList      *list,
                       const char * const *strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint i;

  for (i = 0; i < n && strings[i] != NULL; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), strings[i]) != 0)
      return FALSE;
  return i == n && strings[i] == NULL;
}
