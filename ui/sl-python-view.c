/* sl-python-view.c: the chain as Python source. */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-format.h"
#include "sl-python-source.h"
#include "sl-python-view.h"

struct _SlPythonView
{
  GtkWidget    parent_instance;

  SlChain     *chain;

  GtkTextView *text_view;
  GtkButton   *copy_button;
};

G_DEFINE_FINAL_TYPE (SlPythonView, sl_python_view, GTK_TYPE_WIDGET)

static void
sync_text (SlPythonView *self)
{
  g_autofree char *source = self->chain ? sl_chain_to_python (self->chain) : NULL;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), source ? source : "", -1);
}

void
sl_python_view_set_chain (SlPythonView *self,
                          SlChain      *chain)
{
  g_return_if_fail (SL_IS_PYTHON_VIEW (self));

  if (self->chain)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  g_set_object (&self->chain, chain);
  if (chain)
    g_signal_connect_object (chain, "changed", G_CALLBACK (sync_text), self, G_CONNECT_SWAPPED);
  sync_text (self);
}

char *
sl_python_view_dup_text (SlPythonView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
sl_python_view_dispose (GObject *object)
{
  SlPythonView *self = SL_PYTHON_VIEW (object);

  if (self->chain)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  g_clear_object (&self->chain);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PYTHON_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sl_python_view_parent_class)->dispose (object);
}

static void
sl_python_view_class_init (SlPythonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_python_view_dispose;

  sl_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-python-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, text_view);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, copy_button);
}

static void
sl_python_view_init (SlPythonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Python source of the chain"),
                                  -1);
}

GtkWidget *
sl_python_view_new (void)
{
  return g_object_new (SL_TYPE_PYTHON_VIEW, NULL);
}
