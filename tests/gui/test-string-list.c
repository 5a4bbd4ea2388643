/* test-string-list.c: sl_string_list_set changes only the items that
 * differ, sl_string_list_equals compares (ui/sl-string-list.c).  No display needed: a GtkStringList is a
 * list model, not a widget. */

#include "sl-string-list.h"

typedef struct
{
  guint calls, position, removed, added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->calls++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

static char *
joined (GtkStringList *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_string_append_printf (text, "%s%s", i ? "," : "", gtk_string_list_get_string (list, i));
  return g_string_free (text, FALSE);
}

/* Sets @strings and checks the list's contents and the one change seen:
 * (position, removed, added), or no change at all when @position is
 * G_MAXUINT. */
static void
check_set (GtkStringList      *list,
           Change             *change,
           const char * const *strings,
           const char         *expected,
           guint               position,
           guint               removed,
           guint               added)
{
  g_autofree char *text = NULL;

  *change = (Change) { 0 };
  sl_string_list_set (list, strings);
  text = joined (list);
  g_assert_cmpstr (text, ==, expected);
  if (position == G_MAXUINT)
    {
      g_assert_cmpuint (change->calls, ==, 0);
      return;
    }
  g_assert_cmpuint (change->calls, ==, 1);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
test_changes_only_what_differs (void)
{
  const char *runs_1[] = { "#1 live 3.12.1, 08:14", "#2 model 3.12, 08:20", NULL };
  const char *runs_2[] = { "#1 live 3.12.1, 08:14", "#2 model 3.12, 08:20", "#3 live 3.13.0, 09:02", NULL };
  const char *renamed[] = { "#1 live 3.12.1, 08:14", "#2 model 3.14, 08:20", "#3 live 3.13.0, 09:02", NULL };
  const char *last_only[] = { "#3 live 3.13.0, 09:02", NULL };
  const char *none[] = { NULL };
  const char *twice[] = { "Point", "Point", NULL };
  const char *once[] = { "Point", NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  Change change = { 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &change);
  check_set (list, &change, runs_1, "#1 live 3.12.1, 08:14,#2 model 3.12, 08:20", 0, 0, 2);
  /* A run's points changed the experiment, not its runs: nothing. */
  check_set (list, &change, runs_1, "#1 live 3.12.1, 08:14,#2 model 3.12, 08:20", G_MAXUINT, 0, 0);
  /* A run's end: one item added at the end, the others kept. */
  check_set (list, &change, runs_2, "#1 live 3.12.1, 08:14,#2 model 3.12, 08:20,#3 live 3.13.0, 09:02", 2, 0, 1);
  check_set (list, &change, renamed, "#1 live 3.12.1, 08:14,#2 model 3.14, 08:20,#3 live 3.13.0, 09:02", 1, 1, 1);
  /* Two removed from the head, the tail kept. */
  check_set (list, &change, last_only, "#3 live 3.13.0, 09:02", 0, 2, 0);
  check_set (list, &change, none, "", 0, 1, 0);
  check_set (list, &change, none, "", G_MAXUINT, 0, 0);
  /* Equal neighbours: the head and the tail must not count one item twice. */
  check_set (list, &change, twice, "Point,Point", 0, 0, 2);
  check_set (list, &change, once, "Point", 1, 1, 0);
  check_set (list, &change, twice, "Point,Point", 1, 0, 1);
}

static void
test_equals (void)
{
  const char *two[] = { "PointWithDict", "PointWithSlots", NULL };
  const char *first[] = { "PointWithDict", NULL };
  const char *other[] = { "PointWithDict", "PointWithSlot", NULL };
  const char *three[] = { "PointWithDict", "PointWithSlots", "BaseRecord", NULL };
  const char *none[] = { NULL };
  g_autoptr(GtkStringList) list = gtk_string_list_new (two);
  g_autoptr(GtkStringList) empty = gtk_string_list_new (NULL);

  g_assert_true (sl_string_list_equals (list, two));
  g_assert_false (sl_string_list_equals (list, first));
  g_assert_false (sl_string_list_equals (list, other));
  g_assert_false (sl_string_list_equals (list, three));
  g_assert_false (sl_string_list_equals (list, none));
  g_assert_true (sl_string_list_equals (empty, none));
  g_assert_false (sl_string_list_equals (empty, first));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/string-list/changes-only-what-differs", test_changes_only_what_differs);
  g_test_add_func ("/string-list/equals", test_equals);
  return g_test_run ();
}
