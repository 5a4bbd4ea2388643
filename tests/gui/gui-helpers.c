/* gui-helpers.c: what the window's tests share (see gui-helpers.h). */

#include "gui-helpers.h"
#include "sl-document.h"
#include "sl-window-private.h"

void
sl_gui_test_drain (void)
{
  for (guint i = 0; i < 10000 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
sl_gui_test_wait_until (gboolean (*condition) (gpointer),
                        gpointer   data,
                        guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

gboolean
sl_gui_test_is_mapped_with_size (gpointer widget)
{
  sl_gui_test_drain ();
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0
         && gtk_widget_get_height (widget) > 0;
}

typedef struct {
  GdkPaintable  *paintable;
  int            width, height;
  GskRenderNode *node;
} Frame;

/* The widget has been drawn once: its paintable gives a render node. */
static gboolean
has_frame (gpointer data)
{
  Frame *frame = data;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  sl_gui_test_drain ();
  gdk_paintable_snapshot (frame->paintable, snapshot, frame->width, frame->height);
  frame->node = gtk_snapshot_free_to_node (snapshot);
  return frame->node != NULL;
}

void
sl_gui_test_save_snapshot (GtkWidget  *widget,
                           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  GskRenderer *renderer;
  Frame frame = { paintable, 0, 0, NULL };

  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, widget, 10000));
  frame.width = gtk_widget_get_width (widget);
  frame.height = gtk_widget_get_height (widget);
  g_assert_true (sl_gui_test_wait_until (has_frame, &frame, 10000));
  node = frame.node;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, frame.width, frame.height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("snapshot: %s", path);
}

SlWindow *
sl_gui_test_open_window (SlApplication *app,
                         SlSession     *session,
                         int            width,
                         int            height)
{
  SlWindow *window = sl_window_new (GTK_APPLICATION (app));

  if (session != NULL)
    sl_window_set_session (window, session, NULL);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, window, 10000));
  sl_window_refresh_now (window);
  return window;
}

void
sl_gui_test_close_window (SlWindow *window)
{
  sl_document_discard_autosave (sl_window_get_document (window));
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

GtkWidget *
sl_gui_test_find_widget (GtkWidget  *root,
                         gboolean  (*match) (GtkWidget *widget,
                                             gpointer   data),
                         gpointer    data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = sl_gui_test_find_widget (c, match, data);

      if (found)
        return found;
    }
  return NULL;
}

gboolean
sl_gui_test_shows_text (GtkWidget  *root,
                        const char *text)
{
  /* A hidden widget (or a stack's page not shown) shows nothing. */
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return FALSE;
  if ((GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0) ||
      (GTK_IS_INSCRIPTION (root) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0) ||
      (GTK_IS_EDITABLE (root) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (root)), text) == 0))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (sl_gui_test_shows_text (c, text))
      return TRUE;
  return FALSE;
}
