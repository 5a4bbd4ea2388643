/* sl-spin-scroll.c: spin buttons in a scrolled page that the wheel does
 * not change in passing.
 *
 * A GtkSpinButton takes every wheel event over it: scrolling the
 * experiment form down to "Where it runs" changed From, To or Points on
 * the way, silently, and the autosave kept it.  A spin button that has
 * the focus (the user clicked or tabbed into it) still takes the wheel, as
 * GTK users expect; one that has not lets the event bubble on to the
 * scrolled window.  GTK 4.8 has no switch for it: the spin button's own
 * scroll controller is found among its controllers and parked
 * (GTK_PHASE_NONE) while the focus is elsewhere. */

#include "sl-spin-scroll.h"

static GtkEventController *
wheel_controller (GtkSpinButton *spin)
{
  return g_object_get_data (G_OBJECT (spin), "sl-spin-scroll-wheel");
}

static void
follow_focus (GtkSpinButton           *spin,
              GParamSpec              *pspec,
              GtkEventControllerFocus *focus)
{
  GtkEventController *wheel = wheel_controller (spin);

  /* contains-focus: the spin button's text child has it, in practice. */
  if (wheel != NULL)
    gtk_event_controller_set_propagation_phase (wheel, gtk_event_controller_focus_contains_focus (focus)
                                                       ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
}

void
sl_spin_scroll_when_focused (GtkSpinButton *spin)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
  GtkEventController *focus = gtk_event_controller_focus_new ();

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        g_object_set_data (G_OBJECT (spin), "sl-spin-scroll-wheel", controller);
    }
  g_return_if_fail (wheel_controller (spin) != NULL);

  g_signal_connect_object (focus, "notify::contains-focus", G_CALLBACK (follow_focus), spin, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
  follow_focus (spin, NULL, GTK_EVENT_CONTROLLER_FOCUS (focus));
}
