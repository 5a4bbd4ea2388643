/* sl-byte-map.c: the byte map as a widget — it measures the picture that
 * chart/sl-byte-map-drawing.c draws, snapshots it, and answers tooltips
 * from the areas the drawing laid out. */

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sl-byte-map.h"
#include "sl-byte-map-drawing.h"
#include "sl-explain.h"

struct _SlByteMap
{
  GtkWidget         parent_instance;

  SlByteMapDrawing *drawing;
  int               hover;      /* index of an area, or -1 */
};

G_DEFINE_FINAL_TYPE (SlByteMap, sl_byte_map, GTK_TYPE_WIDGET)

static void
sync_style (SlByteMap *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  sl_byte_map_drawing_set_style (self->drawing, dark ? SL_CHART_STYLE_DARK : SL_CHART_STYLE_LIGHT);
  sl_byte_map_drawing_set_hover (self->drawing, self->hover);
}

/* The picture is drawn at its own size where the pane allows, and scaled
 * down to the pane's width where it does not (never below half size), so
 * that a lecturer sees the whole map — blocks, arrows and the why beside
 * them — without a sideways scroll. */
#define MIN_SCALE 0.5

static double
drawing_scale (SlByteMap *self,
               int        width)
{
  double w, h;

  sl_byte_map_drawing_get_size (self->drawing, &w, &h);
  if (w <= 0 || width <= 0 || width >= w)
    return 1.0;
  return MAX (MIN_SCALE, width / w);
}

static void
sl_byte_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  SlByteMap *self = SL_BYTE_MAP (widget);
  double width, height;

  sl_byte_map_drawing_get_size (self->drawing, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *natural = (int) ceil (width);
      *minimum = (int) ceil (width * MIN_SCALE);
    }
  else
    *minimum = *natural = (int) ceil (height * drawing_scale (self, for_size));
}

static void
sl_byte_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  SlByteMap *self = SL_BYTE_MAP (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double scale = drawing_scale (self, width);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  sync_style (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, scale, scale);
  sl_byte_map_drawing_draw (self->drawing, cr);
  cairo_destroy (cr);
}

/* The area under a point of the widget (pointer coordinates). */
static int
area_at_widget_point (SlByteMap *self,
                      double     x,
                      double     y)
{
  double scale = drawing_scale (self, gtk_widget_get_width (GTK_WIDGET (self)));

  return sl_byte_map_drawing_area_at (self->drawing, x / scale, y / scale);
}

char *
sl_byte_map_dup_tooltip_at (SlByteMap *self,
                            double     x,
                            double     y)
{
  int i = sl_byte_map_drawing_area_at (self->drawing, x, y);
  guint n;

  return i < 0 ? NULL : g_strdup (sl_byte_map_drawing_get_areas (self->drawing, &n)[i].tooltip);
}

gboolean
sl_byte_map_get_area (SlByteMap       *self,
                      guint            i,
                      graphene_rect_t *rect)
{
  guint n;
  const SlByteMapArea *areas = sl_byte_map_drawing_get_areas (self->drawing, &n);

  if (i >= n)
    return FALSE;
  graphene_rect_init (rect, areas[i].x, areas[i].y, areas[i].width, areas[i].height);
  return TRUE;
}

static gboolean
on_query_tooltip (SlByteMap  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  int i = area_at_widget_point (self, x, y);
  double scale = drawing_scale (self, gtk_widget_get_width (GTK_WIDGET (self)));
  const SlByteMapArea *area;
  guint n;

  if (i < 0)
    return FALSE;
  area = &sl_byte_map_drawing_get_areas (self->drawing, &n)[i];
  gtk_tooltip_set_markup (tooltip, area->tooltip);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { area->x * scale, area->y * scale,
                                                       area->width * scale, area->height * scale });
  return TRUE;
}

static void
set_hover (SlByteMap *self,
           int        hover)
{
  if (hover != self->hover)
    {
      self->hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SlByteMap                *self)
{
  set_hover (self, area_at_widget_point (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *motion,
          SlByteMap                *self)
{
  set_hover (self, -1);
}

static void
replace_drawing (SlByteMap *self,
                 SlLayout  *layout,
                 GStrv      notes)
{
  g_clear_pointer (&self->drawing, sl_byte_map_drawing_free);
  self->drawing = sl_byte_map_drawing_new (layout);
  sl_byte_map_drawing_set_notes (self->drawing, (const char * const *) notes);
  self->hover = -1;
  sync_style (self);
  /* Lay out once now, so that tooltips answer before the first frame. */
  {
    double w, h;

    sl_byte_map_drawing_get_size (self->drawing, &w, &h);
  }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
sl_byte_map_set_layout (SlByteMap *self,
                        SlLayout  *layout)
{
  g_auto(GStrv) notes = NULL;

  g_return_if_fail (SL_IS_BYTE_MAP (self));

  /* The why under the picture, from the engine. */
  notes = layout ? sl_explain_dup_texts (layout) : NULL;
  replace_drawing (self, layout, notes);
}

void
sl_byte_map_set_notes (SlByteMap          *self,
                       const char * const *notes)
{
  g_return_if_fail (SL_IS_BYTE_MAP (self));

  sl_byte_map_drawing_set_notes (self->drawing, notes);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

SlLayout *
sl_byte_map_get_layout (SlByteMap *self)
{
  return sl_byte_map_drawing_get_layout (self->drawing);
}

gboolean
sl_byte_map_export (SlByteMap   *self,
                    const char  *path,
                    GError     **error)
{
  SlDrawingFormat format;

  if (!sl_drawing_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: the file name must end in .svg, .pdf or .png"), path);
      return FALSE;
    }
  return sl_byte_map_drawing_export (self->drawing, path, format, 192, error);
}

char *
sl_byte_map_dup_export_name (SlByteMap *self)
{
  SlLayout *layout = sl_byte_map_get_layout (self);

  if (layout == NULL)
    return g_strdup ("byte-map.svg");
  return g_strdup_printf ("%s-%s-byte-map.svg", sl_layout_get_class_name (layout),
                          sl_profile_get_id (sl_layout_get_profile (layout)));
}

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    SlByteMap       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native))) &&
      (path = g_file_get_path (file)) && !sl_byte_map_export (self, path, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_native_dialog_get_transient_for (native)),
                                                  _("The byte map was not exported"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (native);
  g_object_unref (self);
}

void
sl_byte_map_export_with_dialog (SlByteMap *self,
                                GtkWindow *parent)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = sl_byte_map_dup_export_name (self);

  g_return_if_fail (SL_IS_BYTE_MAP (self));
  if (sl_byte_map_get_layout (self) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Byte Map"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
sl_byte_map_dispose (GObject *object)
{
  SlByteMap *self = SL_BYTE_MAP (object);

  g_clear_pointer (&self->drawing, sl_byte_map_drawing_free);
  G_OBJECT_CLASS (sl_byte_map_parent_class)->dispose (object);
}

static void
sl_byte_map_class_init (SlByteMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sl_byte_map_dispose;
  widget_class->measure = sl_byte_map_measure;
  widget_class->snapshot = sl_byte_map_snapshot;
  gtk_widget_class_set_css_name (widget_class, "bytemap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_byte_map_init (SlByteMap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->drawing = sl_byte_map_drawing_new (NULL);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Byte map of one instance"),
                                  -1);
}

GtkWidget *
sl_byte_map_new (void)
{
  return g_object_new (SL_TYPE_BYTE_MAP, NULL);
}
