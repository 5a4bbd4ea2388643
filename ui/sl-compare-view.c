/* sl-compare-view.c: one class on two versions, side by side.  Every
 * figure and every sentence is the engine's: the document's layouts and
 * cost rows, sl_explain_compare() for what changed. */

#include <glib/gi18n.h>

#include "sl-byte-map.h"
#include "sl-compare-view.h"
#include "sl-explain.h"
#include "sl-format.h"

struct _SlCompareView
{
  AdwWindow       parent_instance;

  SlDocument     *document;
  char           *class_name;

  AdwWindowTitle *window_title;
  GtkDropDown    *left_dropdown;
  GtkDropDown    *right_dropdown;
  GtkBox         *changes_box;
  GtkGrid        *costs_grid;
  SlByteMap      *left_map;
  SlByteMap      *right_map;

  GtkLabel       *cells[SL_N_STRATEGIES][2];
  GStrv           changes;
};

G_DEFINE_FINAL_TYPE (SlCompareView, sl_compare_view, ADW_TYPE_WINDOW)

static SlProfile *
selected_profile (GtkDropDown *dropdown)
{
  GPtrArray *profiles = sl_profile_list ();
  guint i = gtk_drop_down_get_selected (dropdown);

  return i < profiles->len ? g_ptr_array_index (profiles, i) : NULL;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static GtkLabel *
grid_label (GtkGrid    *grid,
            const char *text,
            int         column,
            int         row,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return GTK_LABEL (label);
}

static void
refresh (SlCompareView *self)
{
  SlProfile *profiles[2] = { selected_profile (self->left_dropdown), selected_profile (self->right_dropdown) };
  g_autoptr(GPtrArray) left_rows = NULL;
  g_autoptr(GPtrArray) right_rows = NULL;
  GPtrArray *rows[2];
  g_autoptr(SlLayout) left = NULL;
  g_autoptr(SlLayout) right = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *child;

  if (self->document == NULL || self->class_name == NULL || !profiles[0] || !profiles[1])
    return;

  subtitle = g_strdup_printf (_("%s on CPython %s and %s"), self->class_name,
                              sl_profile_get_id (profiles[0]), sl_profile_get_id (profiles[1]));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  left = sl_document_dup_layout (self->document, self->class_name, SL_STRATEGY_AS_DECLARED, profiles[0], NULL);
  right = sl_document_dup_layout (self->document, self->class_name, SL_STRATEGY_AS_DECLARED, profiles[1], NULL);
  sl_byte_map_set_layout (self->left_map, left);
  sl_byte_map_set_layout (self->right_map, right);

  /* What changed, in the engine's words. */
  g_clear_pointer (&self->changes, g_strfreev);
  self->changes = left && right ? sl_explain_compare (left, right) : g_new0 (char *, 1);
  clear_box (self->changes_box);
  if (self->changes[0] == NULL)
    {
      GtkWidget *label = gtk_label_new (_("Nothing: the same figures and the same mechanisms."));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (self->changes_box, label);
    }
  for (guint i = 0; self->changes[i]; i++)
    {
      g_autofree char *text = g_strdup_printf ("• %s", self->changes[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->changes_box, label);
    }

  /* Traced bytes per instance of every strategy, both versions; the
   * figures that differ are marked. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->costs_grid))))
    gtk_grid_remove (self->costs_grid, child);
  grid_label (self->costs_grid, _("Traced per instance"), 0, 0, TRUE);
  for (guint side = 0; side < 2; side++)
    {
      g_autofree char *head = g_strdup_printf ("CPython %s", sl_profile_get_id (profiles[side]));

      grid_label (self->costs_grid, head, side + 1, 0, TRUE);
      rows[side] = sl_document_dup_cost_rows (self->document, self->class_name, profiles[side]);
      if (side == 0)
        left_rows = rows[side];
      else
        right_rows = rows[side];
    }
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      double values[2];

      grid_label (self->costs_grid, sl_strategy_get_label (s), 0, s + 1, FALSE);
      for (guint side = 0; side < 2; side++)
        {
          SlCostRow *row = s < rows[side]->len ? g_ptr_array_index (rows[side], s) : NULL;
          gboolean refused = row == NULL || row->layout == NULL || sl_layout_get_error (row->layout) != NULL;
          g_autofree char *text = NULL;

          values[side] = refused ? -1 : row->per_instance[SL_METRIC_TRACED];
          text = refused ? g_strdup (_("refused")) : sl_format_bytes (values[side]);
          self->cells[s][side] = grid_label (self->costs_grid, text, side + 1, s + 1, FALSE);
        }
      if (values[0] != values[1])
        {
          g_autofree char *delta = values[0] >= 0 && values[1] >= 0
                                   ? g_strdup_printf ("%+.0f B", values[1] - values[0]) : g_strdup ("≠");
          GtkLabel *mark = grid_label (self->costs_grid, delta, 3, s + 1, TRUE);

          gtk_widget_add_css_class (GTK_WIDGET (mark), values[1] > values[0] ? "error" : "success");
          gtk_widget_add_css_class (GTK_WIDGET (self->cells[s][1]), "heading");
        }
    }
}

void
sl_compare_view_set_versions (SlCompareView *self,
                              const char    *left_version,
                              const char    *right_version)
{
  GPtrArray *profiles = sl_profile_list ();
  const char *versions[2] = { left_version, right_version };
  GtkDropDown *dropdowns[2] = { self->left_dropdown, self->right_dropdown };

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(SlProfile) wanted = versions[side] ? sl_profile_lookup (versions[side], NULL) : NULL;

      for (guint i = 0; wanted && i < profiles->len; i++)
        if (g_ptr_array_index (profiles, i) == (gpointer) wanted ||
            g_strcmp0 (sl_profile_get_id (g_ptr_array_index (profiles, i)), sl_profile_get_id (wanted)) == 0)
          gtk_drop_down_set_selected (dropdowns[side], i);
    }
  refresh (self);
}

GStrv
sl_compare_view_dup_changes (SlCompareView *self)
{
  return g_strdupv (self->changes);
}

const char *
sl_compare_view_get_cell (SlCompareView *self,
                          guint          strategy,
                          guint          side)
{
  g_return_val_if_fail (strategy < SL_N_STRATEGIES && side < 2, NULL);
  return self->cells[strategy][side] ? gtk_label_get_text (self->cells[strategy][side]) : NULL;
}

static void
sl_compare_view_dispose (GObject *object)
{
  SlCompareView *self = SL_COMPARE_VIEW (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (sl_compare_view_parent_class)->dispose (object);
}

static void
sl_compare_view_finalize (GObject *object)
{
  SlCompareView *self = SL_COMPARE_VIEW (object);

  g_free (self->class_name);
  g_strfreev (self->changes);
  G_OBJECT_CLASS (sl_compare_view_parent_class)->finalize (object);
}

static void
sl_compare_view_class_init (SlCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_compare_view_dispose;
  object_class->finalize = sl_compare_view_finalize;

  sl_ui_ensure_resources ();
  g_type_ensure (SL_TYPE_BYTE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, window_title);
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, left_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, right_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, changes_box);
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, costs_grid);
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, left_map);
  gtk_widget_class_bind_template_child (widget_class, SlCompareView, right_map);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_compare_view_init (SlCompareView *self)
{
  GPtrArray *profiles = sl_profile_list ();
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < profiles->len; i++)
    gtk_string_list_append (ids, sl_profile_get_id (g_ptr_array_index (profiles, i)));
  gtk_drop_down_set_model (self->left_dropdown, G_LIST_MODEL (ids));
  gtk_drop_down_set_model (self->right_dropdown, G_LIST_MODEL (ids));
  g_signal_connect_swapped (self->left_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->right_dropdown, "notify::selected", G_CALLBACK (refresh), self);
}

SlCompareView *
sl_compare_view_new (GtkWindow  *parent,
                     SlDocument *document,
                     const char *class_name,
                     const char *left_version,
                     const char *right_version)
{
  SlCompareView *self = g_object_new (SL_TYPE_COMPARE_VIEW, "transient-for", parent, NULL);

  self->document = g_object_ref (document);
  self->class_name = g_strdup (class_name);
  sl_compare_view_set_versions (self, left_version, right_version);
  return self;
}
