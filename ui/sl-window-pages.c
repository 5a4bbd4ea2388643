/* sl-window-pages.c: the window's Costs, Python, Experiments and Session
 * pages, built the first time they are shown or asked for.
 *
 * Why not with the window: the Layout page is the one a session opens
 * on, and a view stack measures every page it holds, shown or not.
 * Building the four others (a GtkSourceView, the chart and its form, the
 * demo tables) and measuring their labels was about a fifth of the CPU
 * time from exec to the first frame (issue 13,
 * tests/gui/bench-cold-start.c).  Each page waits in an empty AdwBin of
 * the template; the view stack's switch to it, or a caller that needs it
 * (the app's Run, Copy Python, a test), builds it and gives it the
 * window's document.  Once built, a page follows the window as before.
 *
 * After the window's first frame the pages are built anyway, one per
 * low-priority idle with frames in between: building one takes 2–29 ms
 * (the Python page loads GtkSourceView's language and scheme), which a
 * first click on its tab would otherwise wait for.
 */

#include "sl-window-private.h"

/* The class the Costs page explains: the selected one, or none. */
static const char *
selected_class_name (SlWindow *self)
{
  SlChain *chain = sl_document_get_chain (self->document);
  int selected = sl_window_get_selected (self);

  if (selected < 0 || (guint) selected >= sl_chain_get_n_classes (chain))
    return NULL;
  return sl_class_get_name (sl_chain_get_class (chain, selected));
}

SlCostsView *
sl_window_get_costs_view (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->costs_bin != NULL, NULL);   /* disposed */

  if (self->costs_view == NULL)
    {
      self->costs_view = SL_COSTS_VIEW (sl_costs_view_new ());
      adw_bin_set_child (self->costs_bin, GTK_WIDGET (self->costs_view));
      sl_window_pages_update_costs (self);
    }
  return self->costs_view;
}

SlPythonView *
sl_window_get_python_view (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->python_bin != NULL, NULL);

  if (self->python_view == NULL)
    {
      self->python_view = SL_PYTHON_VIEW (sl_python_view_new ());
      adw_bin_set_child (self->python_bin, GTK_WIDGET (self->python_view));
      if (self->document != NULL)
        sl_python_view_set_document (self->python_view, self->document);
    }
  return self->python_view;
}

SlExperimentsView *
sl_window_get_experiments_view (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->experiments_bin != NULL, NULL);

  if (self->experiments_view == NULL)
    {
      self->experiments_view = g_object_new (SL_TYPE_EXPERIMENTS_VIEW, NULL);
      adw_bin_set_child (self->experiments_bin, GTK_WIDGET (self->experiments_view));
      if (self->document != NULL)
        sl_experiments_view_set_document (self->experiments_view, self->document);
    }
  return self->experiments_view;
}

SlSessionPage *
sl_window_get_session_page (SlWindow *self)
{
  g_return_val_if_fail (SL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->session_bin != NULL, NULL);

  if (self->session_page == NULL)
    {
      self->session_page = SL_SESSION_PAGE (sl_session_page_new ());
      adw_bin_set_child (self->session_bin, GTK_WIDGET (self->session_page));
      sl_window_pages_update_session (self);
    }
  return self->session_page;
}

void
sl_window_build_page (SlWindow   *self,
                      const char *name)
{
  if (g_strcmp0 (name, "costs") == 0)
    sl_window_get_costs_view (self);
  else if (g_strcmp0 (name, "python") == 0)
    sl_window_get_python_view (self);
  else if (g_strcmp0 (name, "experiments") == 0)
    sl_window_get_experiments_view (self);
  else if (g_strcmp0 (name, "session") == 0)
    sl_window_get_session_page (self);
}

static gboolean
build_next_page_cb (gpointer user_data)
{
  SlWindow *self = user_data;
  /* The likelier first clicks first. */
  static const char * const order[] = { "costs", "experiments", "python", "session" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (!sl_window_page_is_built (self, order[i]))
      {
        sl_window_build_page (self, order[i]);
        return G_SOURCE_CONTINUE;
      }
  self->build_pages_idle = 0;
  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                SlWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  if (self->build_pages_idle == 0 && self->costs_bin != NULL)
    self->build_pages_idle = g_idle_add_full (G_PRIORITY_LOW, build_next_page_cb, self, NULL);
}

/* Called once the window is mapped: its frame clock exists. */
void
sl_window_pages_build_after_first_frame (SlWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && self->build_pages_idle == 0)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
}

/* A page is built once its bin holds it; Layout is built with the window
 * and is no bin. */
gboolean
sl_window_page_is_built (SlWindow   *self,
                         const char *name)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, name);

  return !ADW_IS_BIN (child) || adw_bin_get_child (ADW_BIN (child)) != NULL;
}

/* A new document: the pages built so far show it; the others get it when
 * they are built. */
void
sl_window_pages_set_document (SlWindow *self)
{
  if (self->costs_view != NULL)
    sl_window_pages_update_costs (self);
  if (self->python_view != NULL)
    sl_python_view_set_document (self->python_view, self->document);
  if (self->session_page != NULL)
    sl_window_pages_update_session (self);
  if (self->experiments_view != NULL)
    sl_experiments_view_set_document (self->experiments_view, self->document);
}

void
sl_window_pages_update_costs (SlWindow *self)
{
  if (self->costs_view != NULL && self->document != NULL)
    sl_costs_view_update (self->costs_view, self->document, selected_class_name (self), self->profile);
}

/* The session's file changed (saved under a new name). */
void
sl_window_pages_update_session (SlWindow *self)
{
  if (self->session_page != NULL && self->document != NULL)
    sl_session_page_set_session (self->session_page, sl_document_get_session (self->document),
                                 sl_document_get_file (self->document));
}

/* After the template is disposed: the pages went with their bins. */
void
sl_window_pages_forget (SlWindow *self)
{
  g_clear_handle_id (&self->build_pages_idle, g_source_remove);
  self->costs_view = NULL;
  self->python_view = NULL;
  self->experiments_view = NULL;
  self->session_page = NULL;
}
