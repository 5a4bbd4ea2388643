/* sl-session-page.c: the session's title and notes. */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-format.h"
#include "sl-session-page.h"

struct _SlSessionPage
{
  GtkWidget     parent_instance;

  SlSession    *session;
  guint         loading : 1;

  AdwEntryRow  *title_row;
  AdwActionRow *file_row;
  GtkTextView  *notes_view;
};

G_DEFINE_FINAL_TYPE (SlSessionPage, sl_session_page, GTK_TYPE_WIDGET)

static void
on_title_changed (SlSessionPage *self)
{
  if (self->loading || self->session == NULL)
    return;
  if (g_strcmp0 (sl_session_get_title (self->session),
                 gtk_editable_get_text (GTK_EDITABLE (self->title_row))) != 0)
    sl_session_set_title (self->session, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
}

static void
on_notes_changed (SlSessionPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *notes = NULL;

  if (self->loading || self->session == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (sl_session_get_notes (self->session), notes) != 0)
    sl_session_set_notes (self->session, notes);
}

void
sl_session_page_set_session (SlSessionPage *self,
                             SlSession     *session,
                             GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SL_IS_SESSION_PAGE (self));

  g_set_object (&self->session, session);

  self->loading = TRUE;
  if (session != NULL)
    {
      const char *title = sl_session_get_title (session);
      const char *notes = sl_session_get_notes (session);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title ? title : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
        GtkTextIter start, end;
        g_autofree char *shown = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (g_strcmp0 (shown, notes ? notes : "") != 0)
          gtk_text_buffer_set_text (buffer, notes ? notes : "", -1);
      }
    }
  self->loading = FALSE;

  if (file != NULL)
    path = g_file_get_parse_name (file);
  adw_action_row_set_subtitle (self->file_row, path ? path : _("Not saved yet"));
}

static void
sl_session_page_dispose (GObject *object)
{
  SlSessionPage *self = SL_SESSION_PAGE (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_SESSION_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sl_session_page_parent_class)->dispose (object);
}

static void
sl_session_page_class_init (SlSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_session_page_dispose;

  sl_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-session-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlSessionPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, SlSessionPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, SlSessionPage, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
}

static void
sl_session_page_init (SlSessionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Session notes"), -1);
}

GtkWidget *
sl_session_page_new (void)
{
  return g_object_new (SL_TYPE_SESSION_PAGE, NULL);
}
