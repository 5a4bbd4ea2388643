/* sl-class-row.c: one class in the sidebar. */

#include <glib/gi18n.h>

#include "sl-class-row.h"
#include "sl-enums.h"
#include "sl-format.h"
#include "sl-tooltip.h"

struct _SlClassRow
{
  GtkListBoxRow  parent_instance;

  SlClass       *klass;

  GtkLabel      *name_label;
  GtkLabel      *bases_label;
  GtkLabel      *badge_label;
  GtkLabel      *bytes_label;
};

G_DEFINE_FINAL_TYPE (SlClassRow, sl_class_row, GTK_TYPE_LIST_BOX_ROW)

static void
sl_class_row_sync (SlClassRow *self)
{
  const char * const *bases = sl_class_get_bases (self->klass);
  SlStorage storage = sl_class_get_created_storage (self->klass);
  g_autofree char *bases_text = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (self->name_label, sl_class_get_name (self->klass));
  if (bases[0] == NULL)
    bases_text = g_strdup ("(object)");
  else
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) bases);
      bases_text = g_strdup_printf ("(%s)", joined);
    }
  gtk_label_set_text (self->bases_label, bases_text);

  gtk_label_set_text (self->badge_label, sl_format_storage_badge (storage));
  /* The badge's CSS classes are the storage's words: dict, slots, slots-dict. */
  for (int other = SL_STORAGE_DICT; other <= SL_STORAGE_SLOTS_DICT; other++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label),
                                 sl_enum_to_nick (SL_TYPE_STORAGE, other));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label),
                            sl_enum_to_nick (SL_TYPE_STORAGE, storage));

  accessible = g_strdup_printf (_("%s %s, storage %s, %s per instance"),
                                sl_class_get_name (self->klass), bases_text,
                                sl_format_storage_badge (storage),
                                gtk_label_get_text (self->bytes_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

void
sl_class_row_set_layout (SlClassRow *self,
                         SlLayout   *layout)
{
  g_return_if_fail (SL_IS_CLASS_ROW (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->bytes_label), "error");
  if (layout == NULL)
    {
      gtk_label_set_text (self->bytes_label, "");
      sl_tooltip_set_text (GTK_WIDGET (self->bytes_label), NULL);
    }
  else if (sl_layout_get_error (layout) != NULL)
    {
      const char *culprit = sl_layout_get_error_class (layout);
      g_autofree char *label = NULL;
      g_autofree char *tip = NULL;

      /* Why, where it shows: its own __init__, its own creation, or an
       * earlier class whose creation stops the module before it. */
      if (sl_layout_error_is_at_init (layout))
        {
          label = g_strdup (_("__init__ fails"));
          tip = g_strdup_printf (_("%s.__init__ raises %s"), culprit ? culprit : sl_layout_get_class_name (layout),
                                 sl_layout_get_error (layout));
        }
      else if (culprit != NULL && g_strcmp0 (culprit, sl_layout_get_class_name (layout)) != 0)
        {
          label = g_strdup_printf (_("after %s"), culprit);
          tip = g_strdup_printf (_("Never created: creating %s fails first with %s"), culprit,
                                 sl_layout_get_error (layout));
        }
      else
        {
          label = g_strdup (_("refused"));
          tip = g_strdup (sl_layout_get_error (layout));
        }
      gtk_label_set_text (self->bytes_label, label);
      gtk_widget_add_css_class (GTK_WIDGET (self->bytes_label), "error");
      sl_tooltip_set_text (GTK_WIDGET (self->bytes_label), tip);
    }
  else
    {
      g_autofree char *text = sl_format_bytes (sl_layout_get_per_instance (layout, SL_METRIC_TRACED));
      g_autofree char *tip = g_strdup_printf (_("%s per instance, traced by tracemalloc on %s"),
                                              text,
                                              sl_profile_get_label (sl_layout_get_profile (layout)));

      gtk_label_set_text (self->bytes_label, text);
      sl_tooltip_set_text (GTK_WIDGET (self->bytes_label), tip);
    }
  sl_class_row_sync (self);
}

const char *
sl_class_row_get_bytes_text (SlClassRow *self)
{
  return gtk_label_get_text (self->bytes_label);
}

SlClass *
sl_class_row_get_class (SlClassRow *self)
{
  g_return_val_if_fail (SL_IS_CLASS_ROW (self), NULL);
  return self->klass;
}

static void
sl_class_row_dispose (GObject *object)
{
  SlClassRow *self = SL_CLASS_ROW (object);

  if (self->klass)
    g_signal_handlers_disconnect_by_data (self->klass, self);
  g_clear_object (&self->klass);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_CLASS_ROW);

  G_OBJECT_CLASS (sl_class_row_parent_class)->dispose (object);
}

static void
sl_class_row_class_init (SlClassRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_class_row_dispose;

  sl_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-class-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SlClassRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SlClassRow, bases_label);
  gtk_widget_class_bind_template_child (widget_class, SlClassRow, badge_label);
  gtk_widget_class_bind_template_child (widget_class, SlClassRow, bytes_label);
}

static void
sl_class_row_init (SlClassRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sl_class_row_new (SlClass *klass)
{
  SlClassRow *self;

  g_return_val_if_fail (SL_IS_CLASS (klass), NULL);

  self = g_object_new (SL_TYPE_CLASS_ROW, NULL);
  self->klass = g_object_ref (klass);
  g_signal_connect_object (klass, "changed", G_CALLBACK (sl_class_row_sync), self,
                           G_CONNECT_SWAPPED);
  sl_class_row_sync (self);
  return GTK_WIDGET (self);
}
