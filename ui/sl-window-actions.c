/* sl-window-actions.c: what the window's actions do. */

#include <glib/gi18n.h>

#include "sl-compare-view.h"
#include "sl-python-reader.h"
#include "sl-python-source.h"
#include "sl-window-private.h"

/* ---------------------------------------------------------------------- */
/* Sessions                                                               */

static void
new_session_now (SlWindow *self,
                 gpointer  data)
{
  g_autoptr(SlSession) session = sl_session_new ();
  g_autoptr(SlDocument) document = NULL;

  sl_session_set_title (session, _("Untitled session"));
  if (self->settings != NULL)
    {
      g_autofree char *python = g_settings_get_string (self->settings, "python-version");
      sl_session_set_python (session, python);
    }
  else if (self->profile != NULL)
    sl_session_set_python (session, sl_profile_get_id (self->profile));
  sl_session_set_modified (session, FALSE);
  document = sl_document_new_for_session (session, NULL);
  sl_window_set_document (self, document);
}

static void
action_new (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  sl_window_confirm_discard (SL_WINDOW (widget), new_session_now, NULL, NULL);
}

static GtkFileFilter *
session_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Slot Lab sessions"));
  gtk_file_filter_add_mime_type (filter, "application/x-slotlab-session");
  gtk_file_filter_add_suffix (filter, "slotlab");
  return filter;
}

static void
on_open_response (GtkNativeDialog *native,
                  int              response,
                  SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        sl_window_open_file (self, file);
    }
  g_object_unref (native);
}

static void
action_open (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = session_filter ();

  native = gtk_file_chooser_native_new (_("Open Session"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  {
    /* class statements, read without running (sl-python-reader.h) */
    g_autoptr(GtkFileFilter) python = gtk_file_filter_new ();

    gtk_file_filter_set_name (python, _("Python source"));
    gtk_file_filter_add_mime_type (python, "text/x-python");
    gtk_file_filter_add_suffix (python, "py");
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), python);
  }
  g_signal_connect (native, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_open_recent (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  sl_window_open_file (SL_WINDOW (widget), file);
}

typedef struct {
  SlWindowContinue then;
  gpointer         data;
  GDestroyNotify   destroy;
} AfterSave;

static void
after_save_free (AfterSave *after)
{
  if (after->destroy && after->data)
    after->destroy (after->data);
  g_free (after);
}

static void
on_save_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        SlWindow         *self)
{
  if (g_strcmp0 (response, "save-as") == 0)
    sl_window_save_as (self, NULL, NULL, NULL);
}

/* A file that cannot be written (read-only, say): Save As is offered. */
static void
show_save_error (SlWindow   *self,
                 const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could not save the session"), message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  AfterSave *after = user_data;
  g_autoptr(GError) error = NULL;

  if (!sl_window_save_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_save_error (self, error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (sl_window_get_file (self));
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      sl_window_toast (self, message);
      if (after && after->then)
        {
          after->then (self, after->data);
          after->data = NULL;  /* then owns it now */
        }
    }
  if (after)
    after_save_free (after);
}

static void
on_save_as_response (GtkNativeDialog *native,
                     int              response,
                     AfterSave       *after)
{
  SlWindow *self = SL_WINDOW (gtk_native_dialog_get_transient_for (native));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GFile) file = NULL;
      g_autofree char *basename = chosen ? g_file_get_basename (chosen) : NULL;

      if (chosen != NULL && !g_str_has_suffix (basename, ".slotlab"))
        {
          g_autofree char *with_suffix = g_strconcat (basename, ".slotlab", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (chosen);
          file = g_file_get_child (parent, with_suffix);
        }
      else
        file = g_steal_pointer (&chosen);

      if (file != NULL)
        sl_window_save_async (self, file, save_done, after);
      else
        after_save_free (after);
    }
  else
    after_save_free (after);
  g_object_unref (native);
}

void
sl_window_save_as (SlWindow         *self,
                   SlWindowContinue  then,
                   gpointer          data,
                   GDestroyNotify    destroy)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = session_filter ();
  AfterSave *after = g_new0 (AfterSave, 1);
  g_autofree char *title = sl_document_dup_title (sl_window_get_document (self));
  g_autofree char *suggested = g_str_has_suffix (title, ".slotlab") ? g_strdup (title)
                                                                    : g_strdup_printf ("%s.slotlab", title);

  after->then = then;
  after->data = data;
  after->destroy = destroy;

  native = gtk_file_chooser_native_new (_("Save Session"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested);
  if (sl_window_get_file (self) != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (sl_window_get_file (self));
      if (parent)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), parent, NULL);
    }
  g_signal_connect (native, "response", G_CALLBACK (on_save_as_response), after);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
action_save (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  if (sl_window_get_file (self) != NULL)
    sl_window_save_async (self, NULL, save_done, NULL);
  else
    sl_window_save_as (self, NULL, NULL, NULL);
}

static void
action_save_as (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  sl_window_save_as (SL_WINDOW (widget), NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------- */
/* Classes                                                                */

static SlChain *
current_chain (SlWindow *self)
{
  return sl_session_get_chain (sl_window_get_session (self));
}

static char *
unique_name (SlChain    *chain,
             const char *stem)
{
  if (sl_chain_lookup (chain, stem) == NULL)
    return g_strdup (stem);
  for (guint i = 2; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", stem, i);

      if (sl_chain_lookup (chain, name) == NULL)
        return g_steal_pointer (&name);
    }
}

static void
action_add_class (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  SlChain *chain = current_chain (self);
  g_autofree char *class_name = unique_name (chain, "NewClass");
  g_autoptr(SlClass) klass = sl_class_new (class_name);
  g_autoptr(GError) error = NULL;
  const char * const init[] = { "x", NULL };
  guint n = sl_chain_get_n_classes (chain);

  sl_class_set_init (klass, init);
  if (!sl_document_insert_class (self->document, n, klass, &error))
    {
      sl_window_toast (self, error->message);
      return;
    }
  sl_window_select_class (self, n);
}

static void
action_duplicate_class (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  SlChain *chain = current_chain (self);
  int index = sl_window_get_selected (self);
  g_autoptr(SlClass) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *copy_name = NULL;

  if (index < 0)
    return;
  copy = sl_class_copy (sl_chain_get_class (chain, index));
  stem = g_strdup_printf ("%sCopy", sl_class_get_name (copy));
  copy_name = unique_name (chain, stem);
  sl_class_set_name (copy, copy_name);
  if (!sl_document_insert_class (self->document, index + 1, copy, &error))
    {
      sl_window_toast (self, error->message);
      return;
    }
  sl_window_select_class (self, index + 1);
}

static void
action_remove_class (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  SlChain *chain = current_chain (self);
  int index = sl_window_get_selected (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (index < 0)
    return;
  removed = g_strdup (sl_class_get_name (sl_chain_get_class (chain, index)));
  if (!sl_document_remove_class (self->document, index, &error))
    {
      message = g_strdup_printf (_("Cannot remove %s: %s"), removed, error->message);
      sl_window_toast (self, message);
      return;
    }
  sl_window_select_class (self, MIN (index, (int) sl_chain_get_n_classes (chain) - 1));

  message = g_strdup_printf (_("%s removed"), removed);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
move_selected (SlWindow *self,
               int       delta)
{
  SlChain *chain = current_chain (self);
  int index = sl_window_get_selected (self);
  int to = index + delta;
  g_autoptr(GError) error = NULL;

  if (index < 0 || to < 0 || to >= (int) sl_chain_get_n_classes (chain))
    return;
  if (!sl_document_move_class (self->document, index, to, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot move %s: %s"),
                                                  sl_class_get_name (sl_chain_get_class (chain, index)),
                                                  error->message);
      sl_window_toast (self, message);
      return;
    }
  sl_window_select_class (self, to);
}

static void
action_move_up (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  move_selected (SL_WINDOW (widget), -1);
}

static void
action_move_down (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  move_selected (SL_WINDOW (widget), +1);
}

/* ---------------------------------------------------------------------- */
/* Edit history                                                           */

static void
after_history_step (SlWindow *self,
                    int       index)
{
  if (index >= 0)
    sl_window_select_class (self, index);
  else if (sl_window_get_selected (self) >= (int) sl_chain_get_n_classes (current_chain (self)))
    sl_window_select_class (self, (int) sl_chain_get_n_classes (current_chain (self)) - 1);
  sl_window_refresh_now (self);
}

static void
action_undo (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  int index;

  if (sl_document_undo (self->document, &index))
    after_history_step (self, index);
}

static void
action_redo (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  int index;

  if (sl_document_redo (self->document, &index))
    after_history_step (self, index);
}

/* ---------------------------------------------------------------------- */
/* Views                                                                  */

static void
action_copy_python (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  /* The source as the Python tab shows it: the chain's, or what the user
   * typed there (the same chain, in their spelling). */
  g_autofree char *source = sl_python_view_dup_text (sl_window_get_python_view (self));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), source);
  sl_window_toast (self, _("Python source copied"));
}

void
sl_window_paste_classes (SlWindow   *self,
                         const char *text)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint added, first = 0, replaced = 0;

  added = sl_document_paste_python_source (self->document, text, -1, &first, &replaced, &notes, &error);
  if (added == 0)
    {
      /* "line 2, column 18: SyntaxError: …" of the pasted text */
      message = g_strdup_printf (_("Nothing pasted: %s"), error->message);
      sl_window_toast (self, message);
      return;
    }
  sl_window_select_class (self, first);
  if (replaced > 0)
    message = g_strdup_printf (ngettext ("Pasted %u class, %u of them replacing the session’s",
                                         "Pasted %u classes, %u of them replacing the session’s", added),
                               added, replaced);
  else
    message = g_strdup_printf (ngettext ("Pasted %u class", "Pasted %u classes", added), added);
  if (notes != NULL && notes->len > 0)
    {
      g_autofree char *note = sl_python_note_to_string (g_ptr_array_index (notes, 0));
      g_autofree char *with_note = g_strdup_printf (_("%s; note: %s"), message, note);

      g_free (message);
      message = g_steal_pointer (&with_note);
    }
  sl_window_toast (self, message);
}

static void
paste_text_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (self->document == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  if (text == NULL)
    {
      sl_window_toast (self, _("Nothing pasted: the clipboard holds no text"));
      return;
    }
  sl_window_paste_classes (self, text);
}

static void
action_paste_classes (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_text_ready,
                                 g_object_ref (widget));
}

static void
action_show_pitfall (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  int index;

  if (self->pitfall_class == NULL)
    return;
  index = sl_chain_index_of (current_chain (self), self->pitfall_class);
  if (index >= 0)
    {
      sl_window_select_class (self, index);
      adw_view_stack_set_visible_child_name (self->view_stack, "costs");
    }
}

static void
action_show_classes (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
action_show_primary_menu (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  gtk_menu_button_popup (SL_WINDOW (widget)->menu_button);
}

/* The selected class on the header's version and the next one (sl-compare-view.c). */
static void
action_compare_versions (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  SlWindow *self = SL_WINDOW (widget);
  int index = sl_window_get_selected (self);
  GPtrArray *profiles = sl_profile_list ();
  guint here = 0;

  if (index < 0 || self->document == NULL || self->profile == NULL)
    return;
  g_ptr_array_find (profiles, self->profile, &here);
  gtk_window_present (GTK_WINDOW (sl_compare_view_new (GTK_WINDOW (self), self->document,
                                                       sl_class_get_name (sl_chain_get_class (current_chain (self), index)),
                                                       sl_profile_get_id (self->profile),
                                                       sl_profile_get_id (g_ptr_array_index (profiles, here + 1 < profiles->len
                                                                                             ? here + 1 : here - 1)))));
}

static void
action_export_byte_map (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  sl_byte_map_export_with_dialog (SL_WINDOW (widget)->byte_map, GTK_WINDOW (widget));
}

void
sl_window_update_actions (SlWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int index = sl_window_get_selected (self);
  int n = self->document ? (int) sl_chain_get_n_classes (current_chain (self)) : 0;

  gtk_widget_action_set_enabled (widget, "win.duplicate-class", index >= 0);
  gtk_widget_action_set_enabled (widget, "win.remove-class", index >= 0);
  gtk_widget_action_set_enabled (widget, "win.move-up", index > 0);
  gtk_widget_action_set_enabled (widget, "win.move-down", index >= 0 && index + 1 < n);
  gtk_widget_action_set_enabled (widget, "win.undo", self->document && sl_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "win.redo", self->document && sl_document_can_redo (self->document));
  gtk_widget_action_set_enabled (widget, "win.none", FALSE);
  gtk_widget_action_set_enabled (widget, "win.compare-versions", index >= 0);
}

void
sl_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, action_save_as);
  gtk_widget_class_install_action (widget_class, "win.add-class", NULL, action_add_class);
  gtk_widget_class_install_action (widget_class, "win.duplicate-class", NULL, action_duplicate_class);
  gtk_widget_class_install_action (widget_class, "win.remove-class", NULL, action_remove_class);
  gtk_widget_class_install_action (widget_class, "win.move-up", NULL, action_move_up);
  gtk_widget_class_install_action (widget_class, "win.move-down", NULL, action_move_down);
  gtk_widget_class_install_action (widget_class, "win.copy-python", NULL, action_copy_python);
  gtk_widget_class_install_action (widget_class, "win.paste-classes", NULL, action_paste_classes);
  gtk_widget_class_install_action (widget_class, "win.show-pitfall", NULL, action_show_pitfall);
  gtk_widget_class_install_action (widget_class, "win.show-classes", NULL, action_show_classes);
  gtk_widget_class_install_action (widget_class, "win.show-primary-menu", NULL, action_show_primary_menu);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, action_redo);
  gtk_widget_class_install_action (widget_class, "win.none", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "win.compare-versions", NULL, action_compare_versions);
  gtk_widget_class_install_action (widget_class, "win.export-byte-map", NULL, action_export_byte_map);
}
