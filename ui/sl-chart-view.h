#pragma once

#include <gtk/gtk.h>

#include "sl-chart.h"

G_BEGIN_DECLS

#define SL_TYPE_CHART_VIEW (sl_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (SlChartView, sl_chart_view, SL, CHART_VIEW, GtkWidget)

/* An SlChart on screen: follows light and dark mode (AdwStyleManager),
 * redraws on sl_chart_view_queue_draw() — call it after every change of the
 * chart.  Renders on a worker thread (see sl-chart-view.c). */

GtkWidget *sl_chart_view_new        (void);
SlChart   *sl_chart_view_get_chart  (SlChartView *self);
void       sl_chart_view_queue_draw (SlChartView *self);
/* Whether renders give way to the window's other work (nice 19): on
 * while a live run streams into the chart, so that the window keeps its
 * frames while the run's interpreters take the cores. */
void       sl_chart_view_set_background (SlChartView *self,
                                         gboolean     background);
/* The picture on screen shows the chart as it is now (no render pending). */
gboolean   sl_chart_view_is_current (SlChartView *self);
/* The chart as a texture, in print style (for the clipboard). */
GdkTexture *sl_chart_view_dup_texture (SlChartView *self,
                                      GError     **error);

G_END_DECLS
