/* sl-demo-view.c: slide 5's demonstrations, version by version. */

#include <glib/gi18n.h>

#include "sl-demo-view.h"
#include "sl-explain.h"

struct _SlDemoView
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkGrid   *grid;
  GString   *text;
};

G_DEFINE_FINAL_TYPE (SlDemoView, sl_demo_view, GTK_TYPE_WIDGET)

static GtkWidget *
cell (const char *text,
      gboolean    bold,
      gboolean    mono)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", text);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (mono)
    gtk_widget_add_css_class (label, "monospace");
  return label;
}

static void
add_row (SlDemoView *self,
         int         row,
         const char *versions,
         const char *hasattr,
         const char *store,
         gboolean    current)
{
  gtk_grid_attach (self->grid, cell (versions, current, FALSE), 0, row, 1, 1);
  gtk_grid_attach (self->grid, cell (hasattr, current, TRUE), 1, row, 1, 1);
  {
    GtkWidget *result = cell (store, current, TRUE);

    gtk_widget_set_hexpand (result, TRUE);
    gtk_grid_attach (self->grid, result, 2, row, 1, 1);
  }
  g_string_append_printf (self->text, "%s\t%s\t%s\n", versions, hasattr, store);
}

void
sl_demo_view_update (SlDemoView *self,
                     SlChain    *chain,
                     const char *class_name,
                     SlProfile  *current)
{
  GPtrArray *profiles = sl_profile_list ();
  GtkWidget *child;
  g_autofree char *first = NULL, *last = NULL, *hasattr = NULL, *store = NULL;
  gboolean has_current = FALSE;
  int row = 1;

  g_return_if_fail (SL_IS_DEMO_VIEW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))))
    gtk_grid_remove (self->grid, child);
  g_string_truncate (self->text, 0);
  gtk_widget_set_visible (self->box, chain != NULL && class_name != NULL);
  if (chain == NULL || class_name == NULL)
    return;

  gtk_grid_attach (self->grid, cell (_("CPython"), TRUE, FALSE), 0, 0, 1, 1);
  gtk_grid_attach (self->grid, cell ("hasattr(obj, '__dict__')", TRUE, TRUE), 1, 0, 1, 1);
  gtk_grid_attach (self->grid, cell ("obj.undeclared = 1", TRUE, TRUE), 2, 0, 1, 1);

  /* Consecutive versions with the same answers share a row. */
  for (guint i = 0; i <= profiles->len; i++)
    {
      SlProfile *profile = i < profiles->len ? g_ptr_array_index (profiles, i) : NULL;
      g_autoptr(SlDemonstration) demo = profile ? sl_explain_demonstrate (chain, class_name, profile, NULL, NULL) : NULL;
      g_autofree char *h = NULL, *s = NULL;

      if (profile != NULL && demo == NULL)
        return;
      if (demo != NULL)
        {
          h = g_strdup (demo->refused ? "—" : demo->has_dict ? "True" : "False");
          if (demo->refused)
            s = g_strdup (demo->error);
          else if (demo->store_ok)
            s = g_strdup_printf (_("works: %s"), demo->store_result);
          else
            s = g_strdup (demo->store_result);
        }
      if (first != NULL && (demo == NULL || g_strcmp0 (h, hasattr) != 0 || g_strcmp0 (s, store) != 0))
        {
          g_autofree char *range = g_strcmp0 (first, last) == 0 ? g_strdup (first)
                                                                : g_strdup_printf ("%s–%s", first, last);

          add_row (self, row++, range, hasattr, store, has_current);
          g_clear_pointer (&first, g_free);
          has_current = FALSE;
        }
      if (demo == NULL)
        break;
      if (first == NULL)
        {
          first = g_strdup (sl_profile_get_id (profile));
          g_free (hasattr);
          g_free (store);
          hasattr = g_steal_pointer (&h);
          store = g_steal_pointer (&s);
        }
      g_free (last);
      last = g_strdup (sl_profile_get_id (profile));
      has_current |= current != NULL && g_strcmp0 (sl_profile_get_id (current), sl_profile_get_id (profile)) == 0;
    }
}

char *
sl_demo_view_dup_text (SlDemoView *self)
{
  return g_strdup (self->text->str);
}

static void
sl_demo_view_dispose (GObject *object)
{
  SlDemoView *self = SL_DEMO_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (sl_demo_view_parent_class)->dispose (object);
}

static void
sl_demo_view_finalize (GObject *object)
{
  g_string_free (SL_DEMO_VIEW (object)->text, TRUE);
  G_OBJECT_CLASS (sl_demo_view_parent_class)->finalize (object);
}

static void
sl_demo_view_class_init (SlDemoViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_demo_view_dispose;
  G_OBJECT_CLASS (klass)->finalize = sl_demo_view_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
sl_demo_view_init (SlDemoView *self)
{
  GtkWidget *heading = gtk_label_new (_("Slide 5: does it have a __dict__, and can it take a new attribute?"));

  self->text = g_string_new (NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "costs-grid");
  gtk_box_append (GTK_BOX (self->box), heading);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->grid));
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
sl_demo_view_new (void)
{
  return g_object_new (SL_TYPE_DEMO_VIEW, NULL);
}
