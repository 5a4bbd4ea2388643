/* sl-chart-view.c: an SlChart in a GtkDrawingArea. */

#include <adwaita.h>

#include "sl-chart-view.h"

struct _SlChartView
{
  GtkWidget       parent_instance;
  GtkDrawingArea *area;
  SlChart        *chart;
};

G_DEFINE_FINAL_TYPE (SlChartView, sl_chart_view, GTK_TYPE_WIDGET)

/* What the picture says, for screen readers: its title, the line under
 * it, and its legend — the chart's own description of what it draws. */
static void
update_accessible (SlChartView *self)
{
  g_autofree char *title = sl_chart_dup_title (self->chart);
  g_autofree char *subtitle = sl_chart_dup_subtitle (self->chart);
  g_auto(GStrv) legend = sl_chart_dup_legend (self->chart);
  g_autofree char *label = subtitle ? g_strdup_printf ("%s. %s", title, subtitle) : g_strdup (title);
  g_autofree char *description = g_strjoinv ("; ", legend);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  SlChartView *self = user_data;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  sl_chart_draw (self->chart, cr, width, height, dark ? SL_CHART_STYLE_DARK : SL_CHART_STYLE_LIGHT);
  update_accessible (self);
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 SlChartView     *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
sl_chart_view_dispose (GObject *object)
{
  SlChartView *self = SL_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->area != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->area));
      self->area = NULL;
    }
  g_clear_object (&self->chart);
  G_OBJECT_CLASS (sl_chart_view_parent_class)->dispose (object);
}

static void
sl_chart_view_class_init (SlChartViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_chart_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chartview");
}

static void
sl_chart_view_init (SlChartView *self)
{
  self->chart = sl_chart_new ();
  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  /* A small minimum: the chart grows with the window, and must not
   * fold the window's leaflet. */
  gtk_drawing_area_set_content_width (self->area, 240);
  gtk_drawing_area_set_content_height (self->area, 240);
  gtk_widget_set_hexpand (GTK_WIDGET (self->area), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->area), TRUE);
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->area), GTK_WIDGET (self));
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
sl_chart_view_new (void)
{
  return g_object_new (SL_TYPE_CHART_VIEW, NULL);
}

SlChart *
sl_chart_view_get_chart (SlChartView *self)
{
  return self->chart;
}

void
sl_chart_view_queue_draw (SlChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

GdkTexture *
sl_chart_view_dup_texture (SlChartView *self,
                           GError     **error)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 400);
  g_autoptr(GBytes) png = sl_chart_render_png (self->chart, width * 2, height * 2, 192,
                                               SL_CHART_STYLE_PRINT, error);

  return png ? gdk_texture_new_from_bytes (png, error) : NULL;
}
