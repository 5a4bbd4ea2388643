/* sl-window.c: the main window — class list, form, views, sessions. */

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sl-class-row.h"
#include "sl-format.h"
#include "sl-layout.h"
#include "sl-strategy.h"
#include "sl-window-private.h"

#define AUTOSAVE_DELAY_MS 1500

G_DEFINE_FINAL_TYPE (SlWindow, sl_window, ADW_TYPE_APPLICATION_WINDOW)

static void sl_window_queue_refresh (SlWindow *self);

/* ---------------------------------------------------------------------- */
/* Messages                                                                */

void
sl_window_toast (SlWindow   *self,
                 const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
sl_window_show_error (SlWindow   *self,
                      const char *heading,
                      const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* Refreshing the views                                                    */

static SlLayout *
layout_for (SlWindow   *self,
            const char *name)
{
  if (self->profile == NULL || name == NULL)
    return NULL;
  return sl_document_dup_layout (self->document, name, SL_STRATEGY_AS_DECLARED, self->profile, NULL);
}

static void
update_title (SlWindow *self)
{
  g_autofree char *title = sl_document_dup_title (self->document);
  gboolean modified = sl_document_get_modified (self->document);
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;

  window_title = g_strdup_printf (modified ? _("Slot Lab — %s •") : _("Slot Lab — %s"), title);
  subtitle = g_strdup_printf (modified ? "%s •" : "%s", title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

/* The pitfalls the document finds (the same as `slotlab-cli check`):
 * slide 7, a class without __slots__ whose bases all leave __dict__ out,
 * and '__dict__' in __slots__ that nothing __init__ stores needs — each
 * with the bytes per instance it costs on the header's version. */
static void
update_pitfall (SlWindow *self)
{
  g_autoptr(GPtrArray) pitfalls = NULL;
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  guint found = 0;

  if (self->profile != NULL)
    pitfalls = sl_document_dup_pitfalls (self->document, self->profile);
  for (guint i = 0; pitfalls != NULL && i < pitfalls->len; i++)
    {
      SlPitfall *pitfall = g_ptr_array_index (pitfalls, i);
      g_autofree char *extra = NULL;

      if (pitfall->kind != SL_PITFALL_DICT_UNDER_SLOTS && pitfall->kind != SL_PITFALL_UNASKED_DICT)
        continue;
      if (found++ > 0)
        continue;
      first = g_strdup (pitfall->class_name);
      if (pitfall->extra_traced >= 0)
        extra = sl_format_bytes (pitfall->extra_traced);
      if (pitfall->kind == SL_PITFALL_UNASKED_DICT)
        text = extra
          ? g_strdup_printf (_("%s lists '__dict__' in __slots__ though every attribute __init__ stores has a slot: "
                               "a '__dict__' nobody asked for, +%s per instance on %s"),
                             first, extra, sl_profile_get_id (self->profile))
          : g_strdup_printf (_("%s lists '__dict__' in __slots__ though every attribute __init__ stores has a slot: "
                               "a '__dict__' nobody asked for"), first);
      else if (extra != NULL)
        text = g_strdup_printf (_("%s has no __slots__: every instance carries a __dict__, "
                                  "+%s per instance on %s"),
                                first, extra, sl_profile_get_id (self->profile));
      else
        text = g_strdup_printf (_("%s has no __slots__: every instance carries a __dict__"), first);
    }

  if (found > 1)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (NULL, "%s (and %u more class)",
                                                            "%s (and %u more classes)", found - 1),
                                               text, found - 1);
      g_free (text);
      text = g_steal_pointer (&more);
    }

  g_free (self->pitfall_class);
  self->pitfall_class = g_steal_pointer (&first);
  if (text)
    gtk_label_set_text (self->pitfall_label, text);
  gtk_revealer_set_reveal_child (self->pitfall_revealer, text != NULL);
}

void
sl_window_refresh_now (SlWindow *self)
{
  SlChain *chain;
  const char *name = NULL;
  g_autoptr(SlLayout) layout = NULL;
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->document == NULL)
    return;

  chain = sl_document_get_chain (self->document);
  update_title (self);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->class_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SL_IS_CLASS_ROW (child))
      {
        g_autoptr(SlLayout) row_layout =
          layout_for (self, sl_class_get_name (sl_class_row_get_class (SL_CLASS_ROW (child))));
        sl_class_row_set_layout (SL_CLASS_ROW (child), row_layout);
      }

  if (self->selected >= 0 && (guint) self->selected < sl_chain_get_n_classes (chain))
    name = sl_class_get_name (sl_chain_get_class (chain, self->selected));
  layout = layout_for (self, name);
  sl_byte_map_set_layout (self->byte_map, layout);
  sl_window_pages_update_costs (self);
  update_pitfall (self);
  sl_window_update_actions (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  SlWindow *self = user_data;

  self->refresh_idle = 0;
  sl_window_refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
sl_window_queue_refresh (SlWindow *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, refresh_idle_cb, self, NULL);
}

/* ---------------------------------------------------------------------- */
/* The document                                                           */

/* The pages refreshed here (class rows, byte map, costs, the pitfall
 * bar) show the chain: a run's results or an experiment's edit, which
 * change the session and not the chain, must not rebuild them — at Run
 * that was the hidden Costs page rebuilt in the run's first frames
 * (issue 13). */
static void
on_chain_changed (SlWindow *self)
{
  sl_window_queue_refresh (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return sl_class_row_new (SL_CLASS (item));
}

static void
on_chain_items_changed (SlWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  sl_window_queue_refresh (self);
}

static void
on_document_notify (SlWindow *self)
{
  update_title (self);
  sl_window_update_actions (self);
}

static void
select_profile_for_session (SlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProfile) profile = sl_document_dup_profile (self->document, &error);

  if (profile == NULL)
    {
      profile = sl_profile_lookup_version (NULL, NULL);
      {
        g_autofree char *message = g_strdup_printf (_("%s; showing %s"), error->message,
                                                    sl_profile_get_label (profile));
        sl_window_toast (self, message);
      }
    }
  sl_window_set_profile (self, profile);
}

static void
disconnect_document (SlWindow *self)
{
  SlSession *session;

  if (self->document == NULL)
    return;
  session = sl_document_get_session (self->document);
  g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (session, self);
  g_signal_handlers_disconnect_by_data (sl_session_get_chain (session), self);
}

void
sl_window_set_document (SlWindow   *self,
                        SlDocument *document)
{
  SlSession *session;
  SlChain *chain;

  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (SL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    {
      /* Its unsaved changes were saved or discarded before it was replaced. */
      sl_document_discard_autosave (self->document);
      disconnect_document (self);
    }
  g_set_object (&self->document, document);
  sl_document_set_autosave (document, TRUE);

  session = sl_document_get_session (document);
  chain = sl_session_get_chain (session);
  g_signal_connect_object (chain, "changed", G_CALLBACK (on_chain_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (chain, "items-changed", G_CALLBACK (on_chain_items_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::title", G_CALLBACK (on_document_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-undo", G_CALLBACK (on_document_notify), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::can-redo", G_CALLBACK (on_document_notify), self,
                           G_CONNECT_SWAPPED);

  gtk_list_box_bind_model (self->class_list, G_LIST_MODEL (chain), create_row, self, NULL);
  sl_class_form_set_document (self->class_form, document);
  sl_window_pages_set_document (self);

  select_profile_for_session (self);
  self->selected = -1;
  sl_window_select_class (self, sl_chain_get_n_classes (chain) > 0 ? 0 : -1);
  sl_window_refresh_now (self);
}

SlDocument *
sl_window_get_document (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->document;
}

void
sl_window_set_session (SlWindow  *self,
                       SlSession *session,
                       GFile     *file)
{
  g_autoptr(SlDocument) document = sl_document_new_for_session (session, file);

  sl_window_set_document (self, document);
}

SlSession *
sl_window_get_session (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->document ? sl_document_get_session (self->document) : NULL;
}

GFile *
sl_window_get_file (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  return self->document ? sl_document_get_file (self->document) : NULL;
}

void
sl_window_select_class (SlWindow *self,
                        int       index)
{
  GtkListBoxRow *row = index >= 0 ? gtk_list_box_get_row_at_index (self->class_list, index) : NULL;

  if (row != NULL)
    gtk_list_box_select_row (self->class_list, row);
  else
    gtk_list_box_unselect_all (self->class_list);
  if (self->selected != (row ? index : -1) && self->document != NULL)
    sl_document_seal_history (self->document);
  self->selected = row ? index : -1;
  sl_class_form_set_index (self->class_form, self->selected);
  sl_window_queue_refresh (self);
  sl_window_update_actions (self);
}

int
sl_window_get_selected (SlWindow *self)
{
  return self->selected;
}

static void
on_row_selected (SlWindow      *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  int index = row ? gtk_list_box_row_get_index (row) : -1;

  if (row == NULL && self->selected >= 0)
    {
      /* The row went away (a move or removal): keep a selection. */
      return;
    }
  if (index != self->selected)
    {
      sl_document_seal_history (self->document);
      self->selected = index;
      sl_class_form_set_index (self->class_form, index);
      sl_window_queue_refresh (self);
      sl_window_update_actions (self);
    }
}

static void
on_row_activated (SlWindow      *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* ---------------------------------------------------------------------- */
/* Python version                                                         */

void
sl_window_set_profile (SlWindow  *self,
                       SlProfile *profile)
{
  if (profile == NULL)
    return;

  g_set_object (&self->profile, profile);
  for (guint i = 0; i < self->profiles->len; i++)
    if (g_strcmp0 (sl_profile_get_id (g_ptr_array_index (self->profiles, i)),
                   sl_profile_get_id (profile)) == 0
        && gtk_drop_down_get_selected (self->python_dropdown) != i)
      gtk_drop_down_set_selected (self->python_dropdown, i);
  sl_class_form_set_profile (self->class_form, profile);
  sl_window_queue_refresh (self);
}

SlProfile *
sl_window_get_profile (SlWindow *self)
{
  return self->profile;
}

static void
on_python_selected (SlWindow    *self,
                    GParamSpec  *pspec,
                    GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);
  SlProfile *profile;
  g_autoptr(SlProfile) current = NULL;

  if (i >= self->profiles->len || self->document == NULL)
    return;
  profile = g_ptr_array_index (self->profiles, i);
  if (self->profile == profile
      || (self->profile && g_strcmp0 (sl_profile_get_id (self->profile), sl_profile_get_id (profile)) == 0))
    return;

  /* The session keeps the user's choice, unless it already names a release of it. */
  current = sl_document_dup_profile (self->document, NULL);
  if (current == NULL || g_strcmp0 (sl_profile_get_id (current), sl_profile_get_id (profile)) != 0)
    sl_document_set_python (self->document, sl_profile_get_id (profile));
  if (self->settings)
    g_settings_set_string (self->settings, "python-version", sl_profile_get_id (profile));
  sl_window_set_profile (self, profile);
}

static void
setup_python_dropdown (SlWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      SlProfile *profile = g_ptr_array_index (self->profiles, i);
      const char *label = sl_profile_get_label (profile);

      if (sl_profile_is_free_threaded (profile) && strstr (label, "free-threaded") == NULL)
        {
          g_autofree char *marked = g_strdup_printf (_("%s (free-threaded)"), label);
          gtk_string_list_append (labels, marked);
        }
      else
        gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->python_dropdown, G_LIST_MODEL (labels));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->python_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Python version"), -1);
  g_signal_connect_object (self->python_dropdown, "notify::selected",
                           G_CALLBACK (on_python_selected), self, G_CONNECT_SWAPPED);
}

/* ---------------------------------------------------------------------- */
/* Saving and loading: the document does it off the main loop             */

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) "application/x-slotlab-session",
    .app_name = (char *) "Slot Lab",
    .app_exec = (char *) "slotlab %f",
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SlDocument *document = SL_DOCUMENT (source);
  g_autoptr(GTask) outer = user_data;
  SlWindow *self = g_task_get_source_object (outer);
  GError *error = NULL;

  self->busy--;
  if (!sl_document_save_finish (document, result, &error))
    {
      GFile *target = g_task_get_task_data (outer);

      /* The writer's sentence, with the file it is about. */
      if (target != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = g_file_get_parse_name (target);

          g_prefix_error (&error, "%s: ", name);
        }
      g_task_return_error (outer, error);
      return;
    }
  add_to_recent (sl_document_get_file (document));
  if (document == self->document)
    {
      sl_window_pages_update_session (self);
      update_title (self);
    }
  g_task_return_boolean (outer, TRUE);
}

void
sl_window_save_async (SlWindow            *self,
                      GFile               *file,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *outer = g_task_new (self, self->cancellable, callback, user_data);

  g_task_set_source_tag (outer, sl_window_save_async);
  if (file != NULL || sl_document_get_file (self->document) != NULL)
    g_task_set_task_data (outer, g_object_ref (file ? file : sl_document_get_file (self->document)),
                          g_object_unref);
  self->busy++;
  sl_document_save_async (self->document, file, self->cancellable, save_done, outer);
}

gboolean
sl_window_save_finish (SlWindow      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Loaded into a document of its own: the window's stays as it is unless
 * the file loads. */
static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SlDocument *document = SL_DOCUMENT (source);
  g_autoptr(GTask) outer = user_data;
  SlWindow *self = g_task_get_source_object (outer);
  GError *error = NULL;

  self->busy--;
  if (!sl_document_load_finish (document, result, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  sl_window_set_document (self, document);
  if (sl_document_get_file (document))   /* not Python source, which is read, not opened */
    add_to_recent (sl_document_get_file (document));
  g_task_return_boolean (outer, TRUE);
}

void
sl_window_load_async (SlWindow            *self,
                      GFile               *file,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *outer = g_task_new (self, self->cancellable, callback, user_data);
  g_autoptr(SlDocument) document = sl_document_new ();

  g_task_set_source_tag (outer, sl_window_load_async);
  self->busy++;
  sl_document_load_async (document, file, self->cancellable, load_done, outer);
}

gboolean
sl_window_load_finish (SlWindow      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
open_file_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SlWindow *self = SL_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!sl_window_load_finish (self, result, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sl_window_show_error (self, heading, error->message);
      return;
    }
}

static void
open_file_now (SlWindow *self,
               gpointer  data)
{
  GFile *file = data;

  sl_window_load_async (self, file, open_file_done, g_object_ref (file));
}

void
sl_window_open_file (SlWindow *self,
                     GFile    *file)
{
  g_return_if_fail (SL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  sl_window_confirm_discard (self, open_file_now, g_object_ref (file), g_object_unref);
}

/* ---------------------------------------------------------------------- */
/* Unsaved changes                                                        */

typedef struct {
  SlWindow        *self;
  SlWindowContinue then;
  gpointer         data;
  GDestroyNotify   destroy;
} Continuation;

static void
continuation_free (Continuation *c)
{
  if (c->destroy && c->data)
    c->destroy (c->data);
  g_object_unref (c->self);
  g_free (c);
}

static void
continuation_run (Continuation *c)
{
  c->then (c->self, c->data);
  continuation_free (c);
}

static void
save_then_continue_done (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Continuation *c = user_data;
  g_autoptr(GError) error = NULL;

  if (!sl_window_save_finish (SL_WINDOW (source), result, &error))
    {
      sl_window_show_error (c->self, _("Could not save the session"), error->message);
      continuation_free (c);
      return;
    }
  continuation_run (c);
}

static void
continue_after_save_as (SlWindow *self,
                        gpointer  data)
{
  continuation_run (data);
}

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Continuation *c = user_data;

  /* Only the first answer counts: closing the dialog afterwards emits its
   * close response ("cancel") too, which would free c under the idle. */
  g_signal_handlers_disconnect_by_func (dialog, on_confirm_response, c);
  gtk_window_close (GTK_WINDOW (dialog));

  if (g_strcmp0 (response, "discard") == 0)
    /* After the dialog has closed: the continuation may close the window. */
    g_idle_add_once ((GSourceOnceFunc) continuation_run, c);
  else if (g_strcmp0 (response, "save") == 0)
    {
      if (sl_window_get_file (c->self) != NULL)
        sl_window_save_async (c->self, NULL, save_then_continue_done, c);
      else
        sl_window_save_as (c->self, continue_after_save_as, c, (GDestroyNotify) continuation_free);
    }
  else
    continuation_free (c);
}

void
sl_window_confirm_discard (SlWindow         *self,
                           SlWindowContinue  then,
                           gpointer          data,
                           GDestroyNotify    destroy)
{
  Continuation *c = g_new0 (Continuation, 1);
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;

  c->self = g_object_ref (self);
  c->then = then;
  c->data = data;
  c->destroy = destroy;

  if (self->document == NULL || !sl_document_get_modified (self->document))
    {
      continuation_run (c);
      return;
    }

  title = sl_document_dup_title (self->document);
  heading = g_strdup_printf (_("Save changes to “%s”?"), title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The session has changes that are not saved. "
                                     "If you do not save them, they are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* Recovery                                                               */

gboolean
sl_window_recover (SlWindow  *self,
                   GFile     *autosave,
                   GError   **error)
{
  g_autoptr(SlDocument) document = sl_document_new ();
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (SL_IS_WINDOW (self), FALSE);

  if (!sl_document_recover (document, autosave, error))
    return FALSE;
  sl_window_set_document (self, document);
  title = sl_document_dup_title (document);
  message = g_strdup_printf (_("Unsaved work on “%s” recovered: save it, or close and discard it"), title);
  sl_window_toast (self, message);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Dropping a file                                                        */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SlWindow      *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  sl_window_open_file (self, G_FILE (files->data));
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Recent files                                                           */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *mb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (mb, ma);
}

void
sl_window_update_recent_menu (SlWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint shown = 0;

  g_menu_remove_all (self->recent_menu);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && shown < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".slotlab") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      shown++;
    }
  if (shown == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No recent sessions"), "win.none");
      g_menu_append_item (self->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---------------------------------------------------------------------- */
/* For tests                                                              */

const char *
sl_window_get_last_toast (SlWindow *self)
{
  return self->last_toast;
}

gboolean
sl_window_get_pitfall_shown (SlWindow *self)
{
  return gtk_revealer_get_reveal_child (self->pitfall_revealer);
}

const char *
sl_window_get_pitfall_text (SlWindow *self)
{
  return gtk_revealer_get_reveal_child (self->pitfall_revealer)
         ? gtk_label_get_text (self->pitfall_label) : NULL;
}

guint
sl_window_get_busy (SlWindow *self)
{
  return self->busy;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                */

static void
save_window_state (SlWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
close_now (SlWindow *self,
           gpointer  data)
{
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
sl_window_close_request (GtkWindow *window)
{
  SlWindow *self = SL_WINDOW (window);

  if (!self->close_confirmed && self->document && sl_document_get_modified (self->document))
    {
      sl_window_confirm_discard (self, close_now, NULL, NULL);
      return TRUE;
    }

  save_window_state (self);
  /* Saved or discarded: this window's autosave goes, nobody else's. */
  if (self->document != NULL)
    {
      sl_document_set_autosave (self->document, FALSE);
      sl_document_discard_autosave (self->document);
    }
  return GTK_WINDOW_CLASS (sl_window_parent_class)->close_request (window);
}

static void
sl_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sl_window_parent_class)->map (widget);
  sl_window_pages_build_after_first_frame (SL_WINDOW (widget));
}

static void
sl_window_dispose (GObject *object)
{
  SlWindow *self = SL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->recent_handler)
    g_clear_signal_handler (&self->recent_handler, gtk_recent_manager_get_default ());
  disconnect_document (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WINDOW);
  sl_window_pages_forget (self);

  /* The document goes without removing its autosave: a window that was not
   * closed by the user (the process ends) leaves its work recoverable. */
  if (self->document != NULL)
    sl_document_set_autosave (self->document, FALSE);
  g_clear_object (&self->document);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->pitfall_class, g_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (sl_window_parent_class)->dispose (object);
}

static void
sl_window_class_init (SlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sl_window_dispose;
  widget_class->map = sl_window_map;
  window_class->close_request = sl_window_close_request;

  sl_ui_ensure_resources ();
  g_type_ensure (SL_TYPE_BYTE_MAP);
  g_type_ensure (SL_TYPE_CLASS_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, content);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, class_list);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, form_pane);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, form_separator);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, python_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, pitfall_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, pitfall_label);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, pitfall_button);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, class_form);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, byte_map);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, costs_bin);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, python_bin);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, experiments_bin);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, session_bin);
  gtk_widget_class_bind_template_child (widget_class, SlWindow, recent_submenu);

  sl_window_class_install_actions (widget_class);
}

static GSettings *
maybe_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SL_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: settings are not kept", SL_APP_ID);
      return NULL;
    }
  return g_settings_new (SL_APP_ID);
}

/* The experiments page has a form of its own: give it the class form's width. */
static void
on_visible_page_changed (SlWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean experiments = g_strcmp0 (page, "experiments") == 0;

  sl_window_build_page (self, page);

  gtk_widget_set_visible (self->form_pane, !experiments);
  gtk_widget_set_visible (self->form_separator, !experiments);
}

static void
sl_window_init (SlWindow *self)
{
  GtkDropTarget *drop;

  self->selected = -1;
  self->cancellable = g_cancellable_new ();
  self->profiles = sl_profile_list ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = maybe_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  setup_python_dropdown (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->class_list, "row-selected", G_CALLBACK (on_row_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->class_list, "row-activated", G_CALLBACK (on_row_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->class_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Classes, in definition order"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);

  self->recent_menu = g_menu_new ();
  g_menu_append_section (self->recent_submenu, NULL, G_MENU_MODEL (self->recent_menu));
  sl_window_update_recent_menu (self);
  self->recent_handler = g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed",
                                                   G_CALLBACK (sl_window_update_recent_menu), self);

  /* Ctrl+V on the class list pastes class source (anywhere else it is the
   * focused widget's own paste). */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>v"),
                                                            gtk_named_action_new ("win.paste-classes")));
    gtk_widget_add_controller (GTK_WIDGET (self->class_list), shortcuts);
  }

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  {
    g_autoptr(SlSession) lecture = sl_session_new_lecture_17 ();
    sl_window_set_session (self, lecture, NULL);
  }
}

SlWindow *
sl_window_new (GtkApplication *application)
{
  return g_object_new (SL_TYPE_WINDOW, "application", application, NULL);
}
