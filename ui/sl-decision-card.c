/* sl-decision-card.c: N instances of the selected class on the header's
 * version — every figure from sl_advice_compute () (engine/cpython/
 * sl-advice.c, the same function as `slotlab-cli advise`); here they are
 * only written down: MB/GB for reading, the exact bytes beside. */

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-advice.h"
#include "sl-decision-card.h"
#include "sl-format.h"
#include "sl-spin-scroll.h"
#include "sl-tooltip.h"

struct _SlDecisionCard
{
  GtkWidget       parent_instance;

  SlChain        *chain;
  char           *class_name;
  SlProfile      *profile;

  GtkLabel       *title_label;
  GtkSpinButton  *count_spin;
  GtkAdjustment  *count_adjustment;
  GtkGrid        *grid;
  GtkLabel       *verdict_label;

  GtkLabel       *values[SL_N_STRATEGIES][SL_DECISION_N_COLUMNS];
  GtkLabel       *exact[SL_N_STRATEGIES][SL_DECISION_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (SlDecisionCard, sl_decision_card, GTK_TYPE_WIDGET)

static const char *
row_title (SlDecisionColumn column)
{
  switch (column)
    {
    case SL_DECISION_TOTAL:     return _("Total asked for");
    case SL_DECISION_INSTANCES: return _("  the instances");
    case SL_DECISION_DICTS:     return _("  dicts and values arrays");
    case SL_DECISION_VALUES:    return _("  what attributes hold");
    case SL_DECISION_FIXED:     return _("  once per class");
    case SL_DECISION_RESIDENT:  return _("The allocator keeps");
    case SL_DECISION_OVERHEAD:  return _("  its overhead");
    case SL_DECISION_SAVING:    return _("Saved against as declared");
    case SL_DECISION_N_COLUMNS:
    default:                    return "";
    }
}

/* "1,234,567,890" (grouped by hand: the window's locale may group
 * nothing). */
static char *
group_digits (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (value));
  GString *text = g_string_new (value < -0.5 ? "−" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/* "880.0 MB" for reading (SI units, as `advise` prints them). */
static char *
human (double value)
{
  g_autofree char *size = g_format_size ((guint64) llround (fabs (value)));

  return g_strdup_printf ("%s%s", value < -0.5 ? "−" : "", size);
}

static double
figure (const SlAdviceRow *row,
        SlDecisionColumn   column)
{
  switch (column)
    {
    case SL_DECISION_TOTAL:     return row->requested;
    case SL_DECISION_INSTANCES: return row->instances;
    case SL_DECISION_DICTS:     return row->dicts;
    case SL_DECISION_VALUES:    return row->value_objects;
    case SL_DECISION_FIXED:     return row->fixed;
    case SL_DECISION_RESIDENT:  return row->resident;
    case SL_DECISION_OVERHEAD:  return row->overhead;
    case SL_DECISION_SAVING:    return row->saving;
    case SL_DECISION_N_COLUMNS:
    default:                    return 0;
    }
}

static void
clear_cells (SlDecisionCard *self,
             const char     *text)
{
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    for (guint c = 0; c < SL_DECISION_N_COLUMNS; c++)
      {
        gtk_label_set_text (self->values[s][c], text);
        gtk_label_set_text (self->exact[s][c], "");
        sl_tooltip_set_text (GTK_WIDGET (self->values[s][c]), NULL);
      }
}

static void
refresh (SlDecisionCard *self)
{
  guint64 count = sl_decision_card_get_count (self);
  g_autoptr(SlAdvice) advice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *n_text = group_digits ((double) count);
  g_autofree char *title = NULL;

  if (self->chain == NULL || self->class_name == NULL || self->profile == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->verdict_label, "");
      clear_cells (self, "");
      return;
    }
  title = g_strdup_printf (_("%s × %s on %s: slots or not?"), n_text, self->class_name,
                           sl_profile_get_label (self->profile));
  gtk_label_set_text (self->title_label, title);
  advice = sl_advice_compute (self->chain, self->class_name, self->profile, count, &error);
  if (advice == NULL)
    {
      clear_cells (self, "");
      gtk_label_set_text (self->verdict_label, error->message);
      return;
    }
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      const SlAdviceRow *row = &advice->rows[s];

      for (guint c = 0; c < SL_DECISION_N_COLUMNS; c++)
        {
          double value = figure (row, c);
          g_autofree char *text = NULL, *exact = NULL, *digits = NULL;

          if (row->error != NULL)
            {
              gtk_label_set_text (self->values[s][c], c == 0 ? _("refused") : "—");
              gtk_label_set_text (self->exact[s][c], "");
              sl_tooltip_set_text (GTK_WIDGET (self->values[s][c]), row->error);
              continue;
            }
          if (c == SL_DECISION_SAVING && s == SL_STRATEGY_AS_DECLARED)
            {
              gtk_label_set_text (self->values[s][c], "—");
              gtk_label_set_text (self->exact[s][c], "");
              sl_tooltip_set_text (GTK_WIDGET (self->values[s][c]), NULL);
              continue;
            }
          digits = group_digits (value);
          text = human (value);
          if (c == SL_DECISION_SAVING)
            {
              g_autofree char *with_share = g_strdup_printf ("%s (%.1f %%)", text, row->saving_share * 100);

              g_free (text);
              text = g_steal_pointer (&with_share);
            }
          exact = g_strdup_printf (_("%s bytes"), digits);
          gtk_label_set_text (self->values[s][c], text);
          gtk_label_set_text (self->exact[s][c], exact);
          sl_tooltip_set_text (GTK_WIDGET (self->values[s][c]), exact);
        }
    }

  {
    const SlAdviceRow *declared = &advice->rows[SL_STRATEGY_AS_DECLARED];
    const SlAdviceRow *slots = &advice->rows[SL_STRATEGY_SLOTS];
    g_autofree char *verdict = NULL;

    if (declared->error != NULL)
      verdict = g_strdup_printf (_("CPython refuses the class as declared: %s"), declared->error);
    else if (slots->error != NULL)
      verdict = g_strdup_printf (_("CPython refuses the class with __slots__: %s"), slots->error);
    else
      {
        g_autofree char *saving = human (slots->saving), *total = human (declared->requested);
        g_autofree char *slotted = human (slots->requested);
        g_autofree char *exact = group_digits (slots->saving);

        verdict = slots->saving > 0.5
          ? g_strdup_printf (_("__slots__ saves %s (%s bytes), %.1f %% of the %s the chain as declared asks for, "
                               "values included."), saving, exact, slots->saving_share * 100, total)
          : g_strdup_printf (_("__slots__ saves nothing here: %s against %s as declared."),
                             slotted, total);
      }
    gtk_label_set_text (self->verdict_label, verdict);
  }
}

void
sl_decision_card_update (SlDecisionCard *self,
                         SlChain        *chain,
                         const char     *class_name,
                         SlProfile      *profile)
{
  g_return_if_fail (SL_IS_DECISION_CARD (self));

  g_set_object (&self->chain, chain);
  g_free (self->class_name);
  self->class_name = g_strdup (class_name);
  g_set_object (&self->profile, profile);
  refresh (self);
}

void
sl_decision_card_set_count (SlDecisionCard *self,
                            guint64         count)
{
  g_return_if_fail (SL_IS_DECISION_CARD (self));
  gtk_adjustment_set_value (self->count_adjustment, (double) count);
}

guint64
sl_decision_card_get_count (SlDecisionCard *self)
{
  double value;

  g_return_val_if_fail (SL_IS_DECISION_CARD (self), 0);
  value = gtk_adjustment_get_value (self->count_adjustment);
  return value < 1 ? 1 : (guint64) llround (value);
}

const char *
sl_decision_card_get_text (SlDecisionCard   *self,
                           SlStrategy        strategy,
                           SlDecisionColumn  column)
{
  g_return_val_if_fail (strategy < SL_N_STRATEGIES && column < SL_DECISION_N_COLUMNS, NULL);
  return gtk_label_get_text (self->values[strategy][column]);
}

const char *
sl_decision_card_get_exact (SlDecisionCard   *self,
                            SlStrategy        strategy,
                            SlDecisionColumn  column)
{
  g_return_val_if_fail (strategy < SL_N_STRATEGIES && column < SL_DECISION_N_COLUMNS, NULL);
  return gtk_label_get_text (self->exact[strategy][column]);
}

const char *
sl_decision_card_get_verdict (SlDecisionCard *self)
{
  return gtk_label_get_text (self->verdict_label);
}

char *
sl_decision_card_dup_text (SlDecisionCard *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (SL_IS_DECISION_CARD (self), g_string_free (text, FALSE));

  if (*gtk_label_get_text (self->title_label) == '\0')
    return g_string_free (text, FALSE);
  g_string_append_printf (text, "%s\n%-28s", gtk_label_get_text (self->title_label), "");
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    g_string_append_printf (text, "\t%s", sl_strategy_get_label (s));
  g_string_append_c (text, '\n');
  for (guint c = 0; c < SL_DECISION_N_COLUMNS; c++)
    {
      g_string_append_printf (text, "%-28s", row_title (c));
      for (guint s = 0; s < SL_N_STRATEGIES; s++)
        {
          const char *exact = gtk_label_get_text (self->exact[s][c]);

          g_string_append_printf (text, "\t%s", gtk_label_get_text (self->values[s][c]));
          if (*exact)
            g_string_append_printf (text, " (%s)", exact);
        }
      g_string_append_c (text, '\n');
    }
  if (*gtk_label_get_text (self->verdict_label))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (self->verdict_label));
  return g_string_free (text, FALSE);
}

/* Where each strategy's column stands: __slots__ right beside "as
 * declared", since that is the question the card answers, and what the
 * pane shows before its table has to scroll sideways. */
static guint
column_of (SlStrategy strategy)
{
  switch (strategy)
    {
    case SL_STRATEGY_AS_DECLARED:
      return 1;
    case SL_STRATEGY_SLOTS:
      return 2;
    case SL_STRATEGY_DICT:
      return 3;
    default:
      return 4;
    }
}

/* Rows are the quantities, columns the strategies. */
static void
build_grid (SlDecisionCard *self)
{
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      GtkWidget *head = gtk_label_new (sl_strategy_get_label (s));

      gtk_label_set_xalign (GTK_LABEL (head), 1);
      gtk_widget_add_css_class (head, "heading");
      gtk_grid_attach (self->grid, head, column_of (s), 0, 1, 1);
    }
  for (guint c = 0; c < SL_DECISION_N_COLUMNS; c++)
    {
      GtkWidget *title = gtk_label_new (row_title (c));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_valign (title, GTK_ALIGN_START);
      gtk_widget_set_hexpand (title, TRUE);
      if (c == SL_DECISION_TOTAL || c == SL_DECISION_RESIDENT || c == SL_DECISION_SAVING)
        gtk_widget_add_css_class (title, "heading");
      gtk_grid_attach (self->grid, title, 0, c + 1, 1, 1);
      for (guint s = 0; s < SL_N_STRATEGIES; s++)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *value = gtk_label_new (NULL);
          GtkWidget *exact = gtk_label_new (NULL);
          g_autofree char *accessible = g_strdup_printf ("%s, %s", sl_strategy_get_label (s), row_title (c));

          gtk_label_set_xalign (GTK_LABEL (value), 1);
          gtk_label_set_xalign (GTK_LABEL (exact), 1);
          gtk_widget_add_css_class (value, "numeric");
          gtk_widget_add_css_class (exact, "numeric");
          gtk_widget_add_css_class (exact, "dim-label");
          gtk_widget_add_css_class (exact, "caption");
          gtk_label_set_selectable (GTK_LABEL (exact), TRUE);
          gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          gtk_box_append (GTK_BOX (box), value);
          gtk_box_append (GTK_BOX (box), exact);
          gtk_grid_attach (self->grid, box, column_of (s), c + 1, 1, 1);
          self->values[s][c] = GTK_LABEL (value);
          self->exact[s][c] = GTK_LABEL (exact);
        }
    }
}

static void
sl_decision_card_dispose (GObject *object)
{
  SlDecisionCard *self = SL_DECISION_CARD (object);

  g_clear_object (&self->chain);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->class_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), SL_TYPE_DECISION_CARD);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sl_decision_card_parent_class)->dispose (object);
}

static void
sl_decision_card_class_init (SlDecisionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_decision_card_dispose;

  sl_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-decision-card.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlDecisionCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, SlDecisionCard, count_spin);
  gtk_widget_class_bind_template_child (widget_class, SlDecisionCard, count_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SlDecisionCard, grid);
  gtk_widget_class_bind_template_child (widget_class, SlDecisionCard, verdict_label);
}

static void
sl_decision_card_init (SlDecisionCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_grid (self);
  g_signal_connect_swapped (self->count_adjustment, "value-changed", G_CALLBACK (refresh), self);
  /* On the Costs page, which scrolls: the wheel passing over the count
   * must not change it. */
  sl_spin_scroll_when_focused (self->count_spin);
}

GtkWidget *
sl_decision_card_new (void)
{
  return g_object_new (SL_TYPE_DECISION_CARD, NULL);
}
