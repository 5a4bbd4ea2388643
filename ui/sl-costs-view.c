/* sl-costs-view.c: bytes per instance, per strategy and metric. */

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-costs-view.h"
#include "sl-decision-card.h"
#include "sl-demo-view.h"
#include "sl-explain.h"
#include "sl-format.h"

/* Columns, left to right: the lecture's method first. */
static const SlMetric columns[] = {
  SL_METRIC_GETSIZEOF, SL_METRIC_TRACED, SL_METRIC_PYMALLOC, SL_METRIC_RESIDENT,
};

struct _SlCostsView
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkGrid   *grid;
  GtkLabel  *verdict_label;
  GtkLabel  *why_heading;
  GtkBox    *why_box;
  SlDemoView *demo_view;
  SlDecisionCard *decision_card;

  GtkLabel  *strategy_labels[SL_N_STRATEGIES];
  GtkLabel  *cells[SL_N_STRATEGIES][SL_N_METRICS];
  GtkWidget *marks[SL_N_STRATEGIES][SL_N_METRICS];
  GtkLabel  *errors[SL_N_STRATEGIES];
  gboolean   cheapest[SL_N_STRATEGIES][SL_N_METRICS];
};

G_DEFINE_FINAL_TYPE (SlCostsView, sl_costs_view, GTK_TYPE_WIDGET)

/* The why beside the figures: the engine's explanations of the class as
 * declared. */
static void
clear_why (SlCostsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->why_box))))
    gtk_box_remove (self->why_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->why_heading), FALSE);
}

static void
show_why (SlCostsView *self,
          SlLayout    *layout)
{
  g_autoptr(GPtrArray) why = layout ? sl_explain_layout (layout) : NULL;

  for (guint i = 0; why && i < why->len; i++)
    {
      SlExplanation *e = g_ptr_array_index (why, i);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s.</b> %s <span alpha=\"70%%\">(%s)</span>",
                                                         e->title, e->text, e->change);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->why_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->why_heading), why && why->len > 0);
}

static gboolean
figure_applies (double value)
{
  return !isnan (value) && value >= 0;
}

void
sl_costs_view_update (SlCostsView *self,
                      SlDocument  *document,
                      const char  *class_name,
                      SlProfile   *profile)
{
  g_autoptr(GPtrArray) rows = NULL;
  double values[SL_N_STRATEGIES][SL_N_METRICS];
  int best_traced = -1;

  g_return_if_fail (SL_IS_COSTS_VIEW (self));

  memset (self->cheapest, 0, sizeof self->cheapest);

  clear_why (self);
  if (document == NULL || class_name == NULL || profile == NULL)
    {
      gtk_label_set_text (self->title_label, _("No class selected"));
      gtk_widget_set_visible (GTK_WIDGET (self->grid), FALSE);
      gtk_label_set_text (self->verdict_label, "");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "costs.copy", FALSE);
      sl_demo_view_update (self->demo_view, NULL, NULL, NULL);
      sl_decision_card_update (self->decision_card, NULL, NULL, NULL);
      return;
    }
  sl_demo_view_update (self->demo_view, sl_document_get_chain (document), class_name, profile);
  sl_decision_card_update (self->decision_card, sl_document_get_chain (document), class_name, profile);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "costs.copy", TRUE);

  {
    g_autofree char *title = g_strdup_printf (_("What one %s costs on %s"),
                                              class_name, sl_profile_get_label (profile));
    gtk_label_set_text (self->title_label, title);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->grid), TRUE);

  /* The rows and which is cheapest are the document's answer. */
  rows = sl_document_dup_cost_rows (document, class_name, profile);
  if (rows->len > 0)
    show_why (self, ((SlCostRow *) g_ptr_array_index (rows, SL_STRATEGY_AS_DECLARED))->layout);
  for (guint s = 0; s < SL_N_STRATEGIES && s < rows->len; s++)
    {
      SlCostRow *row = g_ptr_array_index (rows, s);
      SlLayout *layout = row->layout;

      for (guint m = 0; m < SL_N_METRICS; m++)
        values[s][m] = row->per_instance[m];

      if (layout == NULL || sl_layout_get_error (layout) != NULL)
        {
          const char *message = layout ? sl_layout_get_error (layout) : _("The strategy does not apply");
          gtk_label_set_text (self->errors[s], message);
          gtk_widget_set_visible (GTK_WIDGET (self->errors[s]), TRUE);
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            {
              gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->cells[s][columns[c]])), FALSE);
              gtk_label_set_text (self->cells[s][columns[c]], message);
            }
        }
      else
        {
          gtk_widget_set_visible (GTK_WIDGET (self->errors[s]), FALSE);
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            {
              g_autofree char *text = sl_format_bytes (figure_applies (values[s][columns[c]])
                                                       ? values[s][columns[c]] : -1);
              gtk_label_set_text (self->cells[s][columns[c]], text);
              gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->cells[s][columns[c]])), TRUE);
            }
        }

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          SlMetric m = columns[c];
          gboolean cheapest = row->cheapest[m];
          GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (self->cells[s][m]));

          self->cheapest[s][m] = cheapest;
          gtk_widget_set_visible (self->marks[s][m], cheapest);
          if (cheapest)
            gtk_widget_add_css_class (cell, "cheapest");
          else
            gtk_widget_remove_css_class (cell, "cheapest");
          if (cheapest && m == SL_METRIC_TRACED && best_traced < 0)
            best_traced = s;
        }
    }

  if (best_traced >= 0)
    {
      g_autofree char *best = sl_format_bytes (values[best_traced][SL_METRIC_TRACED]);
      g_autofree char *declared = figure_applies (values[SL_STRATEGY_AS_DECLARED][SL_METRIC_TRACED])
                                  ? sl_format_bytes (values[SL_STRATEGY_AS_DECLARED][SL_METRIC_TRACED])
                                  : NULL;
      g_autofree char *verdict = NULL;

      if (best_traced == SL_STRATEGY_AS_DECLARED || declared == NULL)
        verdict = g_strdup_printf (_("Cheapest by traced bytes: %s, %s per instance."),
                                   sl_strategy_get_label (best_traced), best);
      else
        verdict = g_strdup_printf (_("Cheapest by traced bytes: %s, %s per instance, against %s as declared."),
                                   sl_strategy_get_label (best_traced), best, declared);
      gtk_label_set_text (self->verdict_label, verdict);
    }
  else
    gtk_label_set_text (self->verdict_label, "");
}

const char *
sl_costs_view_get_cell (SlCostsView *self,
                        SlStrategy   strategy,
                        SlMetric     metric)
{
  g_return_val_if_fail (strategy < SL_N_STRATEGIES && metric < SL_N_METRICS, NULL);
  return gtk_label_get_text (self->cells[strategy][metric]);
}

char *
sl_costs_view_dup_text (SlCostsView *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SL_IS_COSTS_VIEW (self), NULL);

  g_string_append_printf (text, "%s\n\n", gtk_label_get_text (self->title_label));
  if (!gtk_widget_get_visible (GTK_WIDGET (self->grid)))
    return g_string_free (text, FALSE);
  g_string_append_printf (text, "%-24s", _("Strategy"));
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    g_string_append_printf (text, "\t%s", sl_metric_to_string (columns[c]));
  g_string_append_c (text, '\n');
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      g_string_append_printf (text, "%-24s", gtk_label_get_text (self->strategy_labels[s]));
      if (gtk_widget_get_visible (GTK_WIDGET (self->errors[s])))
        g_string_append_printf (text, "\t%s", gtk_label_get_text (self->errors[s]));
      else
        for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
          g_string_append_printf (text, "\t%s%s", gtk_label_get_text (self->cells[s][columns[c]]),
                                  self->cheapest[s][columns[c]] ? " ✓" : "");
      g_string_append_c (text, '\n');
    }
  if (*gtk_label_get_text (self->verdict_label))
    g_string_append_printf (text, "\n%s\n", gtk_label_get_text (self->verdict_label));
  {
    g_autofree char *card = sl_decision_card_dup_text (self->decision_card);

    if (*card)
      g_string_append_printf (text, "\n%s", card);
  }
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->why_box)); child;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "\n%s\n", gtk_label_get_text (GTK_LABEL (child)));
  {
    g_autofree char *demo = sl_demo_view_dup_text (self->demo_view);

    if (*demo)
      g_string_append_printf (text, "\nhasattr(obj, '__dict__') and obj.undeclared = 1, by version:\n%s", demo);
  }
  return g_string_free (text, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autofree char *text = sl_costs_view_dup_text (SL_COSTS_VIEW (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

SlDecisionCard *
sl_costs_view_get_decision_card (SlCostsView *self)
{
  g_return_val_if_fail (SL_IS_COSTS_VIEW (self), NULL);
  return self->decision_card;
}

gboolean
sl_costs_view_is_cheapest (SlCostsView *self,
                           SlStrategy   strategy,
                           SlMetric     metric)
{
  return self->cheapest[strategy][metric];
}

static GtkWidget *
header_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_grid (SlCostsView *self)
{
  GtkWidget *corner = header_label (_("Strategy"));

  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_grid_attach (self->grid, corner, 0, 0, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    gtk_grid_attach (self->grid, header_label (sl_metric_to_string (columns[c])), c + 1, 0, 1, 1);

  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      GtkWidget *name = gtk_label_new (sl_strategy_get_label (s));
      GtkWidget *error = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_set_valign (name, GTK_ALIGN_START);
      gtk_grid_attach (self->grid, name, 0, s + 1, 1, 1);
      self->strategy_labels[s] = GTK_LABEL (name);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          SlMetric m = columns[c];
          GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          GtkWidget *mark = gtk_label_new ("✓");
          GtkWidget *value = gtk_label_new (NULL);
          g_autofree char *accessible = g_strdup_printf ("%s, %s", sl_strategy_get_label (s),
                                                         sl_metric_to_string (m));

          gtk_widget_set_halign (cell, GTK_ALIGN_END);
          gtk_widget_add_css_class (mark, "cheapest-mark");
          gtk_widget_set_tooltip_text (mark, _("The cheapest in this column"));
          gtk_widget_set_visible (mark, FALSE);
          gtk_widget_add_css_class (value, "numeric");
          gtk_label_set_xalign (GTK_LABEL (value), 1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (value),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          gtk_box_append (GTK_BOX (cell), mark);
          gtk_box_append (GTK_BOX (cell), value);
          gtk_grid_attach (self->grid, cell, c + 1, s + 1, 1, 1);
          self->cells[s][m] = GTK_LABEL (value);
          self->marks[s][m] = mark;
        }

      gtk_label_set_xalign (GTK_LABEL (error), 0);
      gtk_label_set_wrap (GTK_LABEL (error), TRUE);
      gtk_label_set_selectable (GTK_LABEL (error), TRUE);
      gtk_widget_add_css_class (error, "error");
      gtk_widget_add_css_class (error, "monospace");
      gtk_widget_set_visible (error, FALSE);
      gtk_grid_attach (self->grid, error, 1, s + 1, G_N_ELEMENTS (columns), 1);
      self->errors[s] = GTK_LABEL (error);
    }
}

static void
sl_costs_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_COSTS_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sl_costs_view_parent_class)->dispose (object);
}

static void
sl_costs_view_class_init (SlCostsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_costs_view_dispose;

  sl_ui_ensure_resources ();
  g_type_ensure (ADW_TYPE_CLAMP);
  g_type_ensure (SL_TYPE_DEMO_VIEW);
  g_type_ensure (SL_TYPE_DECISION_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-costs-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, grid);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, why_heading);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, why_box);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, demo_view);
  gtk_widget_class_bind_template_child (widget_class, SlCostsView, decision_card);
  gtk_widget_class_install_action (widget_class, "costs.copy", NULL, copy_action);
}

static void
sl_costs_view_init (SlCostsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_grid (self);
  gtk_widget_set_visible (GTK_WIDGET (self->why_heading), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "costs.copy", FALSE);
}

GtkWidget *
sl_costs_view_new (void)
{
  return g_object_new (SL_TYPE_COSTS_VIEW, NULL);
}
