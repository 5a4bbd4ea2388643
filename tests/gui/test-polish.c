/* test-polish.c: what a new user meets first, checked as drawn — every
 * icon the window names exists (Adwaita 43 or shipped), Run and Export in
 * the menu and the shortcuts window, the Lecture 17 example a menu item
 * away, the Storage row following '__dict__' typed among the slots, and a
 * refused class saying why where it is refused. */

#include <string.h>

#include <adwaita.h>

#include "gui-helpers.h"
#include "sl-application.h"
#include "sl-class-form-private.h"
#include "sl-class-form.h"
#include "sl-byte-map.h"
#include "sl-class-row.h"
#include "sl-document.h"
#include "sl-window-private.h"

static SlApplication *app;

static SlWindow *
open_window (SlSession *session)
{
  return sl_gui_test_open_window (app, session, 1280, 800);
}

static void
collect_icons (GtkWidget *widget,
               GPtrArray *names)
{
  const char *name = NULL;

  if (GTK_IS_IMAGE (widget) && gtk_image_get_storage_type (GTK_IMAGE (widget)) == GTK_IMAGE_ICON_NAME)
    name = gtk_image_get_icon_name (GTK_IMAGE (widget));
  else if (GTK_IS_BUTTON (widget))
    name = gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    name = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  else if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          if (adw_view_stack_page_get_icon_name (page))
            g_ptr_array_add (names, g_strdup (adw_view_stack_page_get_icon_name (page)));
        }
    }
  if (name != NULL)
    g_ptr_array_add (names, g_strdup (name));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_icons (child, names);
}

/* Every tab shown once, so that each page's widgets exist; then every
 * icon named anywhere in the window is one the theme has. */
static void
test_every_icon_exists (void)
{
  SlWindow *window = open_window (NULL);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  collect_icons (GTK_WIDGET (window), names);
  g_assert_cmpuint (names->len, >, 10);
  g_ptr_array_add (names, g_strdup ("io.github.slotlab.SlotLab"));   /* About's */
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (!gtk_icon_theme_has_icon (theme, name))
        g_error ("icon \"%s\" is in neither Adwaita nor the application's resources", name);
    }
  sl_gui_test_close_window (window);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if ((section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION)) && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static gboolean
shortcuts_have_action (GtkWidget  *widget,
                       const char *action)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *name = NULL;

      g_object_get (widget, "action-name", &name, NULL);
      if (g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shortcuts_have_action (child, action))
      return TRUE;
  return FALSE;
}

static gboolean
has_run (gpointer experiment)
{
  return sl_experiment_get_last_run (experiment) != 0;
}

static void
test_menu_and_shortcuts (void)
{
  SlWindow *window = open_window (NULL);
  GMenuModel *menu = gtk_menu_button_get_menu_model (window->menu_button);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");
  static const struct { const char *action; const char *accel; } keys[] = {
    { "app.run-experiment", "<Control>r" },
    { "app.export-experiment", "<Control>e" },
    { "win.undo", "<Control>z" },
    { "win.redo", "<Shift><Control>z" },
  };
  guint n_windows;

  g_assert_true (menu_has_action (menu, "app.open-lecture-17"));
  /* About as drawn, for the eye (its icon). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  sl_gui_test_drain ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) about = g_list_model_get_item (toplevels, i);

        if (ADW_IS_ABOUT_WINDOW (about))
          {
            sl_gui_test_save_snapshot (GTK_WIDGET (about), "test-polish-about.png");
            gtk_window_destroy (about);
            break;
          }
      }
  }
  g_assert_true (menu_has_action (menu, "app.run-experiment"));
  g_assert_true (menu_has_action (menu, "app.export-experiment"));
  g_assert_nonnull (overlay);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), keys[i].action);
      g_autofree char *parsed = NULL;
      guint key;
      GdkModifierType mods;

      g_assert_true (shortcuts_have_action (GTK_WIDGET (overlay), keys[i].action));
      g_assert_nonnull (accels[0]);
      g_assert_true (gtk_accelerator_parse (accels[0], &key, &mods));
      parsed = gtk_accelerator_name (key, mods);
      {
        guint k2;
        GdkModifierType m2;

        g_assert_true (gtk_accelerator_parse (keys[i].accel, &k2, &m2));
        g_assert_cmpuint (key, ==, k2);
        g_assert_cmpuint (mods, ==, m2);
      }
    }

  /* Run from the Layout tab: the Experiments tab comes forward and runs. */
  adw_view_stack_set_visible_child_name (window->view_stack, "layout");
  sl_gui_test_drain ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "run-experiment", NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "experiments");
  g_assert_true (sl_gui_test_wait_until (has_run, experiment, 10000));

  /* The Lecture 17 example opens in a window of its own, unmodified. */
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-lecture-17", NULL);
  sl_gui_test_drain ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows + 1);
  {
    SlWindow *lecture = SL_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
    g_autoptr(SlSession) expected = sl_session_new_lecture_17 ();

    g_assert_true (lecture != window);
    g_assert_true (sl_session_equal (sl_window_get_session (lecture), expected));
    sl_gui_test_close_window (lecture);
  }
  sl_gui_test_close_window (window);
}

/* Typing '__dict__' among PointWithSlots' slot names: the Storage row
 * says slots + __dict__, and so does the class. */
static void
test_storage_follows_typed_dict (void)
{
  SlWindow *window = open_window (NULL);
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  int index = sl_chain_index_of (chain, "PointWithSlots");

  sl_window_select_class (window, index);
  sl_gui_test_drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (sl_class_form_get_storage_row (window->class_form)), ==,
                    SL_STORAGE_SLOTS);
  gtk_editable_set_text (sl_class_form_get_slots_editable (window->class_form), "x, y, z, __dict__");
  sl_gui_test_drain ();
  g_assert_cmpuint (adw_combo_row_get_selected (sl_class_form_get_storage_row (window->class_form)), ==,
                    SL_STORAGE_SLOTS_DICT);
  g_assert_cmpint (sl_class_get_storage (sl_chain_get_class (chain, index)), ==, SL_STORAGE_SLOTS_DICT);
  sl_gui_test_close_window (window);
}

static const char refusing[] =
  "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": [\n"
  "  {\"name\": \"A\", \"bases\": [], \"slots\": [\"x\"], \"init\": [\"x\"]},\n"
  "  {\"name\": \"B\", \"bases\": [], \"slots\": [\"y\"], \"init\": [\"y\"]},\n"
  "  {\"name\": \"E\", \"bases\": [], \"slots\": [\"x\"], \"init\": [\"x\", \"y\"]},\n"
  "  {\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"slots\": [], \"init\": []},\n"
  "  {\"name\": \"D\", \"bases\": [], \"slots\": null, \"init\": [\"d\"]}\n"
  "], \"experiments\": []}";

static const char *
row_text (SlWindow *window,
          int       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (window->class_list, index);
  GtkWidget *child = row ? gtk_list_box_row_get_child (row) : NULL;

  if (child != NULL && SL_IS_CLASS_ROW (child))
    return sl_class_row_get_bytes_text (SL_CLASS_ROW (child));
  if (row != NULL && SL_IS_CLASS_ROW (row))
    return sl_class_row_get_bytes_text (SL_CLASS_ROW (row));
  return NULL;
}

/* C's bases have a lay-out conflict: C says so; D, after C, is never
 * created and says because of whom; E is created and its __init__ fails. */
static void
test_refusal_says_why (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (refusing, -1, &error);
  SlWindow *window;
  const char *message;

  g_assert_no_error (error);
  window = open_window (session);
  sl_gui_test_drain ();
  g_assert_cmpstr (row_text (window, 2), ==, "__init__ fails");
  g_assert_cmpstr (row_text (window, 3), ==, "refused");
  g_assert_cmpstr (row_text (window, 4), ==, "after C");

  sl_window_select_class (window, 4);
  sl_gui_test_drain ();
  message = sl_class_form_get_message (window->class_form);
  g_test_message ("D: %s", message);
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-polish-refused-after-c.png");
  g_assert_nonnull (strstr (message, "class C raises TypeError: multiple bases have instance lay-out conflict"));

  sl_window_select_class (window, 2);
  sl_gui_test_drain ();
  message = sl_class_form_get_message (window->class_form);
  g_test_message ("E: %s", message);
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-polish-init-fails.png");
  g_assert_nonnull (strstr (message, "__init__"));
  g_assert_null (strstr (message, "refuses"));
  /* The byte map says the same, not "refuses". */
  g_assert_nonnull (sl_byte_map_get_layout (window->byte_map));
  g_assert_true (sl_layout_error_is_at_init (sl_byte_map_get_layout (window->byte_map)));
  sl_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  app = sl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/polish/every-icon-exists", test_every_icon_exists);
  g_test_add_func ("/polish/menu-and-shortcuts-have-run-export-undo", test_menu_and_shortcuts);
  g_test_add_func ("/polish/storage-follows-typed-dict", test_storage_follows_typed_dict);
  g_test_add_func ("/polish/refusal-says-why", test_refusal_says_why);
  status = g_test_run ();
  g_object_unref (app);
  return status;
}
