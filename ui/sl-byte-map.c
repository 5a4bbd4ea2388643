/* sl-byte-map.c: one instance's bytes, drawn with cairo. */

#include <glib/gi18n.h>
#include <adwaita.h>

#include "sl-byte-map.h"
#include "sl-format.h"

#define MARGIN        18.0
#define OFFSET_WIDTH  56.0
#define CELL_WIDTH    240.0
#define ARROW_SPACE   80.0
#define BLOCK_WIDTH   190.0
#define BLOCK_HEIGHT  62.0
#define WORD_HEIGHT   26.0
#define HEADER_HEIGHT 70.0

typedef struct {
  graphene_rect_t rect;
  char           *tooltip;
} HitArea;

struct _SlByteMap
{
  GtkDrawingArea  parent_instance;

  SlLayout       *layout;
  GArray         *areas;       /* HitArea, rebuilt at each draw */
  int             hover;       /* index into areas, or -1 */
};

G_DEFINE_FINAL_TYPE (SlByteMap, sl_byte_map, GTK_TYPE_DRAWING_AREA)

static void
hit_area_clear (gpointer data)
{
  HitArea *area = data;
  g_free (area->tooltip);
}

static void
lookup_color (SlByteMap  *self,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
kind_color (SlByteMap   *self,
            SlFieldKind  kind,
            GdkRGBA     *color)
{
  switch (kind)
    {
    case SL_FIELD_GC_HEAD:
    case SL_FIELD_HEADER:
      lookup_color (self, "dark_1", "#77767b", color);
      break;
    case SL_FIELD_REFCNT:
    case SL_FIELD_TYPE:
      lookup_color (self, "accent_bg_color", "#3584e4", color);
      break;
    case SL_FIELD_SLOT:
      lookup_color (self, "success_color", "#26a269", color);
      break;
    case SL_FIELD_PRE_WEAKREF:
    case SL_FIELD_PRE_DICT:
    case SL_FIELD_PRE_VALUES:
    case SL_FIELD_DICT:
    case SL_FIELD_WEAKREF:
      lookup_color (self, "warning_color", "#c64600", color);
      break;
    case SL_FIELD_INLINE_VALUES_HEADER:
    case SL_FIELD_INLINE_VALUE:
    default:
      lookup_color (self, "purple_3", "#9141ac", color);
      break;
    }
}

static double
field_height (const SlField *field)
{
  return MAX (WORD_HEIGHT, WORD_HEIGHT * field->size / 8.0);
}

static const char *
part_title (SlPart part)
{
  switch (part)
    {
    case SL_PART_OBJECT: return _("The object");
    case SL_PART_DICT:   return _("dict object");
    case SL_PART_KEYS:   return _("keys table");
    case SL_PART_VALUES: return _("values array");
    default:             return "";
    }
}

static void
add_area (SlByteMap *self,
          double x, double y, double w, double h,
          char *tooltip)
{
  HitArea area;

  graphene_rect_init (&area.rect, x, y, w, h);
  area.tooltip = tooltip;
  g_array_append_val (self->areas, area);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *markup,
           double       x,
           double       y,
           double       width,
           PangoAlignment align,
           const GdkRGBA *color)
{
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_alignment (layout, align);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_arrow (cairo_t       *cr,
            double         x1,
            double         y1,
            double         x2,
            double         y2,
            const GdkRGBA *color)
{
  double angle = atan2 (y2 - y1, x2 - x1);
  double mid = (x1 + x2) / 2;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.6);
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, mid, y1, mid, y2, x2 - 6, y2);
  cairo_stroke (cr);
  angle = 0;  /* the curve arrives horizontally */
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - 9 * cos (angle - 0.45), y2 - 9 * sin (angle - 0.45));
  cairo_line_to (cr, x2 - 9 * cos (angle + 0.45), y2 - 9 * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
rounded_rect (cairo_t *cr,
              double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
sl_byte_map_draw (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        user_data)
{
  SlByteMap *self = SL_BYTE_MAP (area);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double fill_alpha = dark ? 0.38 : 0.22;
  g_autoptr(PangoLayout) text = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  GdkRGBA fg, dim, line, err;
  const SlField *fields;
  const SlBlock *blocks;
  guint n_fields = 0, n_blocks = 0;
  double y, y_start = 0, x_cell = MARGIN + OFFSET_WIDTH, x_block;
  double dict_ptr_y = -1, values_ptr_y = -1, dict_block_y = -1;
  const SlFigures *figures;
  g_autofree char *heading = NULL;
  g_autofree char *traced = NULL;

  g_array_set_size (self->areas, 0);

  lookup_color (self, "window_fg_color", dark ? "#ffffff" : "#000000", &fg);
  dim = fg;
  dim.alpha = 0.55;
  line = fg;
  line.alpha = 0.35;
  lookup_color (self, "error_color", "#c01c28", &err);

  if (self->layout == NULL)
    return;

  if (sl_layout_get_error (self->layout) != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n\n<tt>%s</tt>",
                                                         _("CPython refuses this class, so no instance exists."),
                                                         sl_layout_get_error (self->layout));
      draw_text (cr, text, markup, MARGIN, MARGIN, width - 2 * MARGIN, PANGO_ALIGN_LEFT, &err);
      return;
    }

  figures = sl_layout_get_figures (self->layout);
  fields = sl_layout_get_fields (self->layout, &n_fields);
  blocks = sl_layout_get_blocks (self->layout, &n_blocks);
  traced = sl_format_bytes (sl_layout_get_per_instance (self->layout, SL_METRIC_TRACED));

  heading = g_markup_printf_escaped (_("<b>%s</b> on %s — one instance after __init__\n"
                                       "<small>basicsize %" G_GINT64_FORMAT " bytes · traced %s per instance · "
                                       "hover a cell for what it holds</small>"),
                                     sl_layout_get_class_name (self->layout),
                                     sl_profile_get_label (sl_layout_get_profile (self->layout)),
                                     figures->basicsize, traced);
  draw_text (cr, text, heading, MARGIN, MARGIN, width - 2 * MARGIN, PANGO_ALIGN_LEFT, &fg);

  /* The object, field by field, from its lowest address. */
  y = MARGIN + HEADER_HEIGHT;
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  for (guint i = 0; i < n_fields; i++)
    {
      const SlField *field = &fields[i];
      double h = field_height (field);
      GdkRGBA color;
      g_autofree char *name = NULL;
      g_autofree char *size = NULL;
      g_autofree char *offset = NULL;
      gboolean hovered;

      kind_color (self, field->kind, &color);
      if (field->offset == 0)
        y_start = y;

      hovered = self->hover == (int) self->areas->len;
      color.alpha = hovered ? fill_alpha + 0.25 : fill_alpha;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x_cell, y, CELL_WIDTH, h);
      cairo_fill (cr);
      color.alpha = 0.9;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, x_cell + 0.5, y + 0.5, CELL_WIDTH - 1, h - 1);
      cairo_stroke (cr);

      offset = g_markup_printf_escaped ("<small>%+" G_GINT64_FORMAT "</small>", field->offset);
      draw_text (cr, text, offset, MARGIN, y + 4, OFFSET_WIDTH - 8, PANGO_ALIGN_RIGHT, &dim);
      name = g_markup_printf_escaped ("<tt>%s</tt>", field->name);
      draw_text (cr, text, name, x_cell + 8, y + (h - 18) / 2, CELL_WIDTH - 70, PANGO_ALIGN_LEFT, &fg);
      size = g_markup_printf_escaped ("<small>%u B</small>", field->size);
      draw_text (cr, text, size, x_cell + CELL_WIDTH - 60, y + (h - 16) / 2, 52, PANGO_ALIGN_RIGHT, &dim);

      add_area (self, x_cell, y, CELL_WIDTH, h,
                g_markup_printf_escaped (_("<b>%s</b>\noffset %+" G_GINT64_FORMAT ", %u bytes%s%s\n%s"),
                                         field->name, field->offset, field->size,
                                         field->owner ? _(", declared by ") : "",
                                         field->owner ? field->owner : "",
                                         field->purpose ? field->purpose : ""));

      if ((field->kind == SL_FIELD_DICT || field->kind == SL_FIELD_PRE_DICT) && dict_ptr_y < 0)
        dict_ptr_y = y + h / 2;
      if (field->kind == SL_FIELD_PRE_VALUES && values_ptr_y < 0)
        values_ptr_y = y + h / 2;
      y += h;
    }

  /* Where the object starts: what a PyObject * points at. */
  if (n_fields > 0)
    {
      double ys = y_start > 0 ? y_start : MARGIN + HEADER_HEIGHT;
      GdkRGBA accent;

      lookup_color (self, "accent_color", "#1c71d8", &accent);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2.5);
      cairo_move_to (cr, x_cell - 10, ys);
      cairo_line_to (cr, x_cell + CELL_WIDTH + 10, ys);
      cairo_stroke (cr);
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_NONE);
      draw_text (cr, text, _("<small>object start</small>"), x_cell + CELL_WIDTH + 14, ys - 9,
                 -1, PANGO_ALIGN_LEFT, &accent);
    }

  /* The separate blocks, beside the object. */
  x_block = x_cell + CELL_WIDTH + ARROW_SPACE;
  {
    double by = MARGIN + HEADER_HEIGHT;
    GdkRGBA block_color;

    lookup_color (self, "warning_color", "#c64600", &block_color);
    pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
    for (guint i = 0; i < n_blocks; i++)
      {
        const SlBlock *block = &blocks[i];
        g_autofree char *markup = NULL;
        g_autofree char *requested = NULL;
        g_autofree char *allocated = NULL;
        double block_mid;
        gboolean hovered;

        if (block->part == SL_PART_OBJECT)
          {
            requested = sl_format_bytes (block->requested);
            allocated = sl_format_bytes (block->block);
            markup = g_markup_printf_escaped (_("<small>Object allocation: %s requested, a %s block%s</small>"),
                                              requested, allocated,
                                              block->small ? "" : _(" (outside the small-object allocator)"));
            draw_text (cr, text, markup, x_cell, y + 8, CELL_WIDTH + ARROW_SPACE, PANGO_ALIGN_LEFT, &dim);
            continue;
          }

        if (by < (block->part == SL_PART_DICT && dict_ptr_y > 0 ? dict_ptr_y - BLOCK_HEIGHT / 2 : by))
          by = dict_ptr_y - BLOCK_HEIGHT / 2;

        hovered = self->hover == (int) self->areas->len;
        block_color.alpha = hovered ? fill_alpha + 0.25 : fill_alpha;
        gdk_cairo_set_source_rgba (cr, &block_color);
        rounded_rect (cr, x_block, by, BLOCK_WIDTH, BLOCK_HEIGHT, 6);
        cairo_fill_preserve (cr);
        block_color.alpha = 0.9;
        gdk_cairo_set_source_rgba (cr, &block_color);
        cairo_set_line_width (cr, 1);
        cairo_stroke (cr);

        requested = sl_format_bytes (block->requested);
        allocated = sl_format_bytes (block->block);
        markup = g_markup_printf_escaped (_("<b>%s</b>\n<small>%s requested · %s block</small>"),
                                          part_title (block->part), requested, allocated);
        draw_text (cr, text, markup, x_block + 10, by + 10, BLOCK_WIDTH - 20, PANGO_ALIGN_LEFT, &fg);
        add_area (self, x_block, by, BLOCK_WIDTH, BLOCK_HEIGHT,
                  g_markup_printf_escaped (_("<b>%s</b>\n%s asked of the allocator (what tracemalloc traces),\n"
                                             "%s handed out%s"),
                                           part_title (block->part), requested, allocated,
                                           block->small ? _(" by the small-object allocator") : ""));

        block_mid = by + BLOCK_HEIGHT / 2;
        if (block->part == SL_PART_DICT)
          {
            dict_block_y = block_mid;
            if (dict_ptr_y > 0)
              draw_arrow (cr, x_cell + CELL_WIDTH, dict_ptr_y, x_block, block_mid, &fg);
          }
        else if (block->part == SL_PART_VALUES && values_ptr_y > 0)
          draw_arrow (cr, x_cell + CELL_WIDTH, values_ptr_y, x_block, block_mid, &fg);
        else if (block->part == SL_PART_VALUES && dict_block_y < 0 && dict_ptr_y > 0)
          draw_arrow (cr, x_cell + CELL_WIDTH, dict_ptr_y, x_block, block_mid, &fg);
        else if (dict_block_y > 0)
          {
            /* keys and values hang off the dict */
            gdk_cairo_set_source_rgba (cr, &fg);
            cairo_set_line_width (cr, 1.6);
            cairo_move_to (cr, x_block + 18, dict_block_y + BLOCK_HEIGHT / 2);
            cairo_line_to (cr, x_block + 18, block_mid);
            cairo_line_to (cr, x_block - 2, block_mid);
            cairo_stroke (cr);
            draw_arrow (cr, x_block - 2, block_mid, x_block, block_mid, &fg);
          }
        by += BLOCK_HEIGHT + 18;
      }
  }

  /* A legend of the colours, under the object. */
  {
    static const struct { SlFieldKind kind; const char *label; } legend[] = {
      { SL_FIELD_GC_HEAD, N_("GC head, header") },
      { SL_FIELD_REFCNT, N_("refcount, type") },
      { SL_FIELD_SLOT, N_("slots") },
      { SL_FIELD_DICT, N_("dict, weakref pointers") },
      { SL_FIELD_INLINE_VALUE, N_("inline values") },
    };
    double lx = x_cell, ly = y + 34;

    pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_NONE);
    for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
      {
        GdkRGBA color;
        g_autofree char *markup = g_markup_printf_escaped ("<small>%s</small>", _(legend[i].label));
        int label_width;

        kind_color (self, legend[i].kind, &color);
        color.alpha = fill_alpha + 0.2;
        gdk_cairo_set_source_rgba (cr, &color);
        cairo_rectangle (cr, lx, ly + 3, 12, 12);
        cairo_fill (cr);
        draw_text (cr, text, markup, lx + 16, ly, -1, PANGO_ALIGN_LEFT, &dim);
        pango_layout_get_pixel_size (text, &label_width, NULL);
        lx += 16 + label_width + 14;
        if (lx > x_cell + CELL_WIDTH + ARROW_SPACE + BLOCK_WIDTH - 120)
          {
            lx = x_cell;
            ly += 20;
          }
      }
    y = ly + 20;
  }

  gtk_drawing_area_set_content_height (area, (int) (MAX (y + 40, MARGIN + HEADER_HEIGHT + 4 * (BLOCK_HEIGHT + 18)) + MARGIN));
  gtk_drawing_area_set_content_width (area, (int) (x_block + BLOCK_WIDTH + MARGIN));
  (void) line;
}

static int
area_at (SlByteMap *self,
         double     x,
         double     y)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  for (guint i = 0; i < self->areas->len; i++)
    if (graphene_rect_contains_point (&g_array_index (self->areas, HitArea, i).rect, &point))
      return i;
  return -1;
}

char *
sl_byte_map_dup_tooltip_at (SlByteMap *self,
                            double     x,
                            double     y)
{
  int i = area_at (self, x, y);

  return i < 0 ? NULL : g_strdup (g_array_index (self->areas, HitArea, i).tooltip);
}

static gboolean
on_query_tooltip (SlByteMap  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  int i = area_at (self, x, y);
  HitArea *area;
  GdkRectangle rect;

  if (i < 0)
    return FALSE;
  area = &g_array_index (self->areas, HitArea, i);
  gtk_tooltip_set_markup (tooltip, area->tooltip);
  rect.x = area->rect.origin.x;
  rect.y = area->rect.origin.y;
  rect.width = area->rect.size.width;
  rect.height = area->rect.size.height;
  gtk_tooltip_set_tip_area (tooltip, &rect);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SlByteMap                *self)
{
  int i = area_at (self, x, y);

  if (i != self->hover)
    {
      self->hover = i;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          SlByteMap                *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
sl_byte_map_set_layout (SlByteMap *self,
                        SlLayout  *layout)
{
  g_return_if_fail (SL_IS_BYTE_MAP (self));

  if (layout)
    sl_layout_ref (layout);
  g_clear_pointer (&self->layout, sl_layout_unref);
  self->layout = layout;
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

SlLayout *
sl_byte_map_get_layout (SlByteMap *self)
{
  return self->layout;
}

static void
sl_byte_map_dispose (GObject *object)
{
  SlByteMap *self = SL_BYTE_MAP (object);

  g_clear_pointer (&self->layout, sl_layout_unref);
  g_clear_pointer (&self->areas, g_array_unref);

  G_OBJECT_CLASS (sl_byte_map_parent_class)->dispose (object);
}

static void
sl_byte_map_class_init (SlByteMapClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_byte_map_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "bytemap");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sl_byte_map_init (SlByteMap *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->areas = g_array_new (FALSE, TRUE, sizeof (HitArea));
  g_array_set_clear_func (self->areas, hit_area_clear);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 602);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 480);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), sl_byte_map_draw, NULL, NULL);

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
