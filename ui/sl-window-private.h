#pragma once

#include "sl-byte-map.h"
#include "sl-class-form.h"
#include "sl-costs-view.h"
#include "sl-document.h"
#include "sl-experiments-view.h"
#include "sl-python-view.h"
#include "sl-session-page.h"
#include "sl-window.h"

G_BEGIN_DECLS

struct _SlWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;      /* NULL when the schema is not installed */
  SlDocument           *document;      /* the session, its file, history and autosave */
  SlProfile            *profile;
  GPtrArray            *profiles;      /* borrowed from sl_profile_list () */
  int                   selected;
  char                 *pitfall_class;
  char                 *last_toast;    /* for tests */
  guint                 refresh_idle;
  guint                 build_pages_idle;
  guint                 busy;          /* saves and loads under way */
  gboolean              close_confirmed;
  GCancellable         *cancellable;
  GMenu                *recent_menu;
  gulong                recent_handler;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkListBox           *class_list;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkWidget            *form_pane;
  GtkWidget            *form_separator;
  GtkDropDown          *python_dropdown;
  GtkMenuButton        *menu_button;
  GtkRevealer          *pitfall_revealer;
  GtkLabel             *pitfall_label;
  GtkButton            *pitfall_button;
  SlClassForm          *class_form;
  SlByteMap            *byte_map;
  AdwBin               *costs_bin;
  AdwBin               *python_bin;
  AdwBin               *experiments_bin;
  AdwBin               *session_bin;
  GMenu                *recent_submenu;

  /* Built the first time they are shown or asked for (sl-window-pages.c);
   * NULL until then: reach them through the getters below. */
  SlCostsView          *costs_view;
  SlPythonView         *python_view;
  SlSessionPage        *session_page;
  SlExperimentsView    *experiments_view;
};

typedef void (*SlWindowContinue) (SlWindow *self,
                                  gpointer  data);

/* sl-window.c */
void      sl_window_set_document       (SlWindow        *self,
                                        SlDocument      *document);
SlDocument *sl_window_get_document     (SlWindow        *self);
/* A new document for session (file nullable). */
void      sl_window_set_session        (SlWindow        *self,
                                        SlSession       *session,
                                        GFile           *file);
void      sl_window_select_class       (SlWindow        *self,
                                        int              index);
int       sl_window_get_selected       (SlWindow        *self);
void      sl_window_set_profile        (SlWindow        *self,
                                        SlProfile       *profile);
SlProfile *sl_window_get_profile       (SlWindow        *self);
void      sl_window_toast              (SlWindow        *self,
                                        const char      *message);
void      sl_window_show_error         (SlWindow        *self,
                                        const char      *heading,
                                        const char      *message);
/* Runs `then` once the session's unsaved changes are saved or discarded;
 * drops it when the user cancels. */
void      sl_window_confirm_discard    (SlWindow        *self,
                                        SlWindowContinue then,
                                        gpointer         data,
                                        GDestroyNotify   destroy);
/* file NULL: the document's own. */
void      sl_window_save_async         (SlWindow        *self,
                                        GFile           *file,
                                        GAsyncReadyCallback callback,
                                        gpointer         user_data);
gboolean  sl_window_save_finish        (SlWindow        *self,
                                        GAsyncResult    *result,
                                        GError         **error);
void      sl_window_load_async         (SlWindow        *self,
                                        GFile           *file,
                                        GAsyncReadyCallback callback,
                                        gpointer         user_data);
gboolean  sl_window_load_finish        (SlWindow        *self,
                                        GAsyncResult    *result,
                                        GError         **error);
/* Asks for a file, then saves; `then` runs after a successful save. */
void      sl_window_save_as            (SlWindow        *self,
                                        SlWindowContinue then,
                                        gpointer         data,
                                        GDestroyNotify   destroy);
void      sl_window_refresh_now        (SlWindow        *self);
void      sl_window_update_recent_menu (SlWindow        *self);

/* For tests */
gboolean    sl_window_get_pitfall_shown (SlWindow *self);
const char *sl_window_get_pitfall_text  (SlWindow *self);
guint       sl_window_get_busy          (SlWindow *self);
/* The text of the last toast shown, or NULL. */
const char *sl_window_get_last_toast    (SlWindow *self);

/* sl-window-pages.c: the pages other than Layout, built on first use. */
SlCostsView       *sl_window_get_costs_view       (SlWindow   *self);
SlPythonView      *sl_window_get_python_view      (SlWindow   *self);
SlExperimentsView *sl_window_get_experiments_view (SlWindow   *self);
SlSessionPage     *sl_window_get_session_page     (SlWindow   *self);
/* name: the view stack's page name; Layout is always built. */
void      sl_window_build_page            (SlWindow       *self,
                                           const char     *name);
gboolean  sl_window_page_is_built         (SlWindow       *self,
                                           const char     *name);
/* Builds the others one by one once the window has shown its first frame. */
void      sl_window_pages_build_after_first_frame (SlWindow *self);
void      sl_window_pages_set_document    (SlWindow       *self);
void      sl_window_pages_update_costs    (SlWindow       *self);
void      sl_window_pages_update_session  (SlWindow       *self);
void      sl_window_pages_forget          (SlWindow       *self);

/* sl-window-actions.c */
void      sl_window_class_install_actions (GtkWidgetClass *widget_class);
void      sl_window_update_actions        (SlWindow       *self);
/* Adds the class statements of text (Python source) after the document's
 * classes, one undoable step, and selects the first; a toast says how many,
 * or the reader's error at the line and column of text. */
void      sl_window_paste_classes         (SlWindow       *self,
                                           const char     *text);

G_END_DECLS
