/* sl-python-view.c: the chain as Python source, in an editor.
 *
 * One chain, two views: typing here is read by the engine a moment after
 * the last key (sl_document_set_python_source(): the Python reader, one
 * step of the document's history), and what the reader cannot read is
 * shown at its line and column while the document keeps its last good
 * chain.  A change of the chain made elsewhere (the form, undo, a paste,
 * another file) writes the source anew; the view's own change never does,
 * so the text and cursor stay as the user left them. */

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "sl-format.h"
#include "sl-python-reader.h"
#include "sl-python-source.h"
#include "sl-python-view-private.h"

/* After the last key, before the source is read: long enough not to read
 * every letter of a name, short enough to feel immediate. */
#define READ_DELAY_MS 300
#define MAX_NOTES_SHOWN 3

struct _SlPythonView
{
  GtkWidget        parent_instance;

  SlDocument      *document;
  SlChain         *chain;           /* the document's */
  guint            read_source;     /* the debounce timer */
  guint            applying : 1;    /* our own edit of the chain is under way */
  guint            loading : 1;     /* we are writing the buffer */
  char            *error;           /* the reader's message, or NULL */
  guint            error_line;      /* 1-based; 0 = no place */
  guint            error_column;
  char            *notes;
  /* The last text the user typed that read, and the chain it read to: when
   * the chain is that one again (redo, say), the text comes back as typed
   * rather than in the export's spelling. */
  char            *typed_text;
  SlChain         *typed_chain;

  GtkSourceBuffer *buffer;
  GtkTextTag      *error_tag;
  GtkTextTag      *note_tag;

  GtkSourceView   *text_view;
  GtkButton       *copy_button;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkRevealer     *notes_revealer;
  GtkLabel        *notes_label;
};

G_DEFINE_FINAL_TYPE (SlPythonView, sl_python_view, GTK_TYPE_WIDGET)

/* ---------------------------------------------------------------------- */
/* Marks in the text                                                       */

/* The place line:column (1-based, characters) and the word that starts
 * there, or the character, or the line's last character at its end. */
static void
range_at (SlPythonView *self,
          guint         line,
          guint         column,
          GtkTextIter  *start,
          GtkTextIter  *end)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  int n_lines = gtk_text_buffer_get_line_count (buffer);

  if (line == 0)
    line = 1;
  if ((int) line > n_lines)
    line = n_lines;
  gtk_text_buffer_get_iter_at_line (buffer, start, line - 1);
  if (!gtk_text_iter_ends_line (start))
    {
      GtkTextIter line_end = *start;

      gtk_text_iter_forward_to_line_end (&line_end);
      gtk_text_iter_set_line_offset (start, MIN ((int) column - 1,
                                                 gtk_text_iter_get_line_offset (&line_end)));
    }
  if (gtk_text_iter_ends_line (start) && !gtk_text_iter_starts_line (start))
    gtk_text_iter_backward_char (start);
  *end = *start;
  if (gtk_text_iter_inside_word (start) && !gtk_text_iter_ends_word (start))
    gtk_text_iter_forward_word_end (end);
  else if (!gtk_text_iter_ends_line (end))
    gtk_text_iter_forward_char (end);
  if (gtk_text_iter_equal (start, end))
    {
      /* An empty line: mark the line before's end, so something shows. */
      gtk_text_iter_backward_char (start);
    }
}

static void
clear_tag (SlPythonView *self,
           GtkTextTag   *tag)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), tag, &start, &end);
}

static void
show_error (SlPythonView *self,
            const GError *error)
{
  const char *message = NULL;
  guint line = 0, column = 0;

  g_clear_pointer (&self->error, g_free);
  self->error_line = self->error_column = 0;
  clear_tag (self, self->error_tag);

  if (error != NULL)
    {
      if (sl_python_error_get_location (error, &line, &column, &message))
        {
          GtkTextIter start, end;

          self->error = g_strdup_printf (_("Line %u, column %u: %s"), line, column, message);
          self->error_line = line;
          self->error_column = column;
          range_at (self, line, column, &start, &end);
          gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
        }
      else
        self->error = g_strdup (error->message);
      gtk_label_set_text (self->error_label, self->error);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, self->error, -1);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, self->error != NULL);
}

static void
show_notes (SlPythonView *self,
            GPtrArray    *notes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  clear_tag (self, self->note_tag);
  for (guint i = 0; notes && i < notes->len; i++)
    {
      const SlPythonNote *note = g_ptr_array_index (notes, i);
      GtkTextIter start, end;

      range_at (self, note->line, note->column, &start, &end);
      gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->note_tag, &start, &end);
      if (i < MAX_NOTES_SHOWN)
        {
          if (text->len)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Line %u, column %u: %s"), note->line, note->column,
                                  note->message);
        }
    }
  if (notes && notes->len > MAX_NOTES_SHOWN)
    g_string_append_printf (text, ngettext ("\n… and %u more note", "\n… and %u more notes",
                                            notes->len - MAX_NOTES_SHOWN),
                            notes->len - MAX_NOTES_SHOWN);
  g_free (self->notes);
  self->notes = text->len ? g_strdup (text->str) : NULL;
  gtk_label_set_text (self->notes_label, self->notes ? self->notes : "");
  gtk_revealer_set_reveal_child (self->notes_revealer, self->notes != NULL);
}

/* ---------------------------------------------------------------------- */
/* Source to chain                                                         */

static char *
dup_buffer_text (SlPythonView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

static void
read_source (SlPythonView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->read_source, g_source_remove);
  if (self->document == NULL)
    return;

  text = dup_buffer_text (self);
  self->applying = TRUE;
  if (sl_document_set_python_source (self->document, text, -1, &notes, &error))
    {
      show_error (self, NULL);
      show_notes (self, notes);
      g_free (self->typed_text);
      self->typed_text = g_steal_pointer (&text);
      g_clear_object (&self->typed_chain);
      self->typed_chain = sl_chain_copy (self->chain);
    }
  else
    show_error (self, error);
  self->applying = FALSE;
}

static gboolean
read_source_cb (gpointer data)
{
  SlPythonView *self = data;

  self->read_source = 0;
  read_source (self);
  return G_SOURCE_REMOVE;
}

static void
on_buffer_changed (SlPythonView *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->read_source, g_source_remove);
  self->read_source = g_timeout_add (READ_DELAY_MS, read_source_cb, self);
  g_source_set_name_by_id (self->read_source, "[slotlab] read Python source");
}

/* ---------------------------------------------------------------------- */
/* Chain to source                                                         */

/* Writes the chain's source into the buffer, the cursor kept at its line
 * and column where the new text has them. */
static void
load_source (SlPythonView *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  g_autofree char *source = NULL;
  g_autofree char *current = dup_buffer_text (self);
  GtkTextIter cursor;
  int line, offset;

  if (self->chain != NULL && self->typed_chain != NULL && self->typed_text != NULL
      && sl_chain_equal (self->chain, self->typed_chain))
    source = g_strdup (self->typed_text);
  else if (self->chain != NULL)
    source = sl_chain_to_python (self->chain);

  g_clear_handle_id (&self->read_source, g_source_remove);
  if (g_strcmp0 (current, source ? source : "") == 0)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  line = gtk_text_iter_get_line (&cursor);
  offset = gtk_text_iter_get_line_offset (&cursor);

  self->loading = TRUE;
  gtk_text_buffer_set_text (buffer, source ? source : "", -1);
  self->loading = FALSE;

  if (line >= gtk_text_buffer_get_line_count (buffer))
    gtk_text_buffer_get_end_iter (buffer, &cursor);
  else
    {
      gtk_text_buffer_get_iter_at_line (buffer, &cursor, line);
      if (!gtk_text_iter_ends_line (&cursor))
        {
          GtkTextIter line_end = cursor;

          gtk_text_iter_forward_to_line_end (&line_end);
          gtk_text_iter_set_line_offset (&cursor, MIN (offset, gtk_text_iter_get_line_offset (&line_end)));
        }
    }
  gtk_text_buffer_place_cursor (buffer, &cursor);
  show_error (self, NULL);
  show_notes (self, NULL);
}

static void
on_chain_changed (SlPythonView *self)
{
  /* Our own edit: the text is what the user typed, leave it. */
  if (self->applying)
    return;
  load_source (self);
}

/* ---------------------------------------------------------------------- */

static void
on_show_error (SlPythonView *self)
{
  GtkTextIter start, end;

  if (self->error_line == 0)
    return;
  range_at (self, self->error_line, self->error_column, &start, &end);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->text_view), &start, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Leaving the editor ends a run of typing: the next edit is its own step. */
static void
on_focus_leave (SlPythonView *self)
{
  if (self->read_source != 0)
    read_source (self);
  if (self->document)
    sl_document_seal_history (self->document);
}

/* Ctrl+Z, Ctrl+Shift+Z: what was typed and not yet read is read first, so
 * that undo takes back the typing rather than losing its last keys. */
static gboolean
history_key (SlPythonView *self,
             GtkWidget    *widget,
             const char   *action)
{
  if (self->read_source != 0)
    read_source (self);
  return gtk_widget_activate_action (widget, action, NULL);
}

static gboolean
undo_key (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  return history_key (user_data, widget, "win.undo");
}

static gboolean
redo_key (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  return history_key (user_data, widget, "win.redo");
}

static void
update_scheme (SlPythonView *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (manager,
                                                                             dark ? "Adwaita-dark" : "Adwaita");

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* Loading GtkSourceView's language and style definitions was 7 % of cold
 * start, for a tab not shown at start (issue 13): it happens the first
 * time the view is mapped.  The text is in the buffer already; setting
 * the language highlights it. */
static void
first_map (SlPythonView *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  g_signal_handlers_disconnect_by_func (self, first_map, NULL);
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "python3"));
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  update_scheme (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_scheme), self, G_CONNECT_SWAPPED);
}

void
sl_python_view_set_document (SlPythonView *self,
                             SlDocument   *document)
{
  SlChain *chain = document ? sl_document_get_chain (document) : NULL;

  g_return_if_fail (SL_IS_PYTHON_VIEW (self));

  if (self->chain)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  g_clear_handle_id (&self->read_source, g_source_remove);
  g_set_object (&self->document, document);
  g_set_object (&self->chain, chain);
  g_clear_pointer (&self->typed_text, g_free);
  g_clear_object (&self->typed_chain);
  /* A .py file shows as it was written, comments and all. */
  if (document && sl_document_get_loaded_source (document))
    {
      self->typed_text = g_strdup (sl_document_get_loaded_source (document));
      self->typed_chain = sl_chain_copy (chain);
    }
  if (self->chain)
    g_signal_connect_object (self->chain, "changed", G_CALLBACK (on_chain_changed), self,
                             G_CONNECT_SWAPPED);
  load_source (self);
  show_error (self, NULL);
  show_notes (self, NULL);
}

char *
sl_python_view_dup_text (SlPythonView *self)
{
  g_return_val_if_fail (SL_IS_PYTHON_VIEW (self), NULL);
  return dup_buffer_text (self);
}

GtkTextBuffer *
sl_python_view_get_buffer (SlPythonView *self)
{
  return GTK_TEXT_BUFFER (self->buffer);
}

const char *
sl_python_view_get_error (SlPythonView *self,
                          guint        *line,
                          guint        *column)
{
  if (line)
    *line = self->error_line;
  if (column)
    *column = self->error_column;
  return self->error;
}

const char *
sl_python_view_get_notes (SlPythonView *self)
{
  return self->notes;
}

GtkRevealer *
sl_python_view_get_error_banner (SlPythonView *self)
{
  return self->error_revealer;
}

gboolean
sl_python_view_get_reading (SlPythonView *self)
{
  return self->read_source != 0;
}

gboolean
sl_python_view_get_tagged (SlPythonView *self,
                           guint         line,
                           guint         column)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &iter, line - 1, column - 1);
  return gtk_text_iter_has_tag (&iter, self->error_tag);
}

static void
sl_python_view_dispose (GObject *object)
{
  SlPythonView *self = SL_PYTHON_VIEW (object);

  g_clear_handle_id (&self->read_source, g_source_remove);
  if (self->chain)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  g_clear_object (&self->chain);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_PYTHON_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->typed_text, g_free);
  g_clear_object (&self->typed_chain);

  G_OBJECT_CLASS (sl_python_view_parent_class)->dispose (object);
}

static void
sl_python_view_class_init (SlPythonViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_python_view_dispose;

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  sl_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-python-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, text_view);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, copy_button);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, notes_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlPythonView, notes_label);
  gtk_widget_class_bind_template_callback (widget_class, on_show_error);
}

static void
sl_python_view_init (SlPythonView *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)));
  /* Undo is the document's (Ctrl+Z is the window's): the buffer keeps no
   * history of its own that could disagree with it. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), FALSE);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "slotlab-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1.0 },
                                                "background-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 0.2 },
                                                NULL);
  self->note_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "slotlab-note",
                                               "underline", PANGO_UNDERLINE_SINGLE,
                                               "underline-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.8 },
                                               NULL);
  /* Highlighting waits until the tab is first shown (see first_map). */
  g_signal_connect (self, "map", G_CALLBACK (first_map), NULL);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self,
                           G_CONNECT_SWAPPED);

  /* Ctrl+Z and Ctrl+Shift+Z in the editor are the document's undo and
   * redo (the buffer keeps no history), before the text view's own keys. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>z"),
                                                            gtk_callback_action_new (undo_key, self, NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>z"),
                                                            gtk_callback_action_new (redo_key, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);
  }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Python source of the chain"),
                                  -1);
}

GtkWidget *
sl_python_view_new (void)
{
  return g_object_new (SL_TYPE_PYTHON_VIEW, NULL);
}
