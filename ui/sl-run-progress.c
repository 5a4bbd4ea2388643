/* sl-run-progress.c: a run's progress, drawn without a relayout.
 *
 * GtkProgressBar allocates its bar anew for every fraction and relabels
 * its text (a resize): in GTK 4 either marks the whole window for layout,
 * and on X11 each layout asks the X server the window's geometry and work
 * area, round trips that a live run's point frames then waited on (issue
 * 13, tests/gui/bench-frames).  This widget's size depends only on its
 * font, so a new fraction or text only repaints it.  It looks as
 * GtkProgressBar with show-text does under Adwaita: the text centred
 * above a rounded trough, filled in the accent colour.
 */

#include "sl-run-progress.h"

#define TROUGH_HEIGHT 8
#define TEXT_GAP      4

struct _SlRunProgress
{
  GtkWidget  parent_instance;
  double     fraction;
  char      *text;
};

G_DEFINE_FINAL_TYPE (SlRunProgress, sl_run_progress, GTK_TYPE_WIDGET)

/* The height of one line of the widget's font, whatever it says. */
static int
text_height (SlRunProgress *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "100 %");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
sl_run_progress_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 80;
      *natural = 160;
    }
  else
    *minimum = *natural = text_height (SL_RUN_PROGRESS (widget)) + TEXT_GAP + TROUGH_HEIGHT;
}

static void
sl_run_progress_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SlRunProgress *self = SL_RUN_PROGRESS (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->text);
  GdkRGBA fg, trough, accent;
  GskRoundedRect bar;
  float top = height - TROUGH_HEIGHT;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    accent = fg;
  G_GNUC_END_IGNORE_DEPRECATIONS
  trough = fg;
  trough.alpha *= 0.15f;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  gtk_snapshot_append_layout (snapshot, layout, &fg);

  gsk_rounded_rect_init_from_rect (&bar, &GRAPHENE_RECT_INIT (0, top, width, TROUGH_HEIGHT), TROUGH_HEIGHT / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  gtk_snapshot_append_color (snapshot, &trough, &GRAPHENE_RECT_INIT (0, top, width, TROUGH_HEIGHT));
  gtk_snapshot_append_color (snapshot, &accent,
                             &GRAPHENE_RECT_INIT (0, top, (float) (width * self->fraction), TROUGH_HEIGHT));
  gtk_snapshot_pop (snapshot);
}

/* Dark mode, another accent: the colours are looked up while drawing. */
static void
sl_run_progress_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (sl_run_progress_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
sl_run_progress_finalize (GObject *object)
{
  g_free (SL_RUN_PROGRESS (object)->text);
  G_OBJECT_CLASS (sl_run_progress_parent_class)->finalize (object);
}

static void
sl_run_progress_class_init (SlRunProgressClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = sl_run_progress_finalize;
  widget_class->measure = sl_run_progress_measure;
  widget_class->snapshot = sl_run_progress_snapshot;
  widget_class->css_changed = sl_run_progress_css_changed;
  gtk_widget_class_set_css_name (widget_class, "runprogress");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
sl_run_progress_init (SlRunProgress *self)
{
  self->text = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0,
                                  -1);
}

GtkWidget *
sl_run_progress_new (void)
{
  return g_object_new (SL_TYPE_RUN_PROGRESS, NULL);
}

void
sl_run_progress_set_fraction (SlRunProgress *self,
                              double         fraction)
{
  g_return_if_fail (SL_IS_RUN_PROGRESS (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction == self->fraction)
    return;
  self->fraction = fraction;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, fraction, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
sl_run_progress_get_fraction (SlRunProgress *self)
{
  g_return_val_if_fail (SL_IS_RUN_PROGRESS (self), 0);
  return self->fraction;
}

void
sl_run_progress_set_text (SlRunProgress *self,
                          const char    *text)
{
  g_return_if_fail (SL_IS_RUN_PROGRESS (self));

  if (g_strcmp0 (text ? text : "", self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->text, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
sl_run_progress_get_text (SlRunProgress *self)
{
  g_return_val_if_fail (SL_IS_RUN_PROGRESS (self), NULL);
  return self->text;
}
