/* sl-byte-map-drawing.c: one instance's bytes, drawn with cairo and Pango.
 *
 * Top to bottom: a heading; the object's cells from its lowest address,
 * with their offsets, "object start" marked on the left (where nothing
 * else is drawn, so no arrow crosses it); the separate blocks to the
 * right, each as wide as its text, the dict beside the pointer that
 * reaches it, keys and values below the dict with an elbow on their right;
 * the allocation of the object under its cells; then, under whichever of
 * the two columns ends lower, the legend and the notes.
 *
 * One pass lays out and, given a context, paints: the size the widget
 * asks for, the hit areas of its tooltips and the picture never disagree.
 */

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "sl-byte-map-drawing.h"

#define FONT_FAMILY   "Cantarell, DejaVu Sans, sans-serif"
#define MONO_FAMILY   "DejaVu Sans Mono, monospace"
#define FONT_SIZE     13.0
#define MARGIN        18.0
#define START_WIDTH   92.0      /* the "object start →" label */
#define OFFSET_WIDTH  48.0
#define CELL_MIN      250.0
#define ARROW_SPACE   84.0
#define BLOCK_MIN     190.0
#define BLOCK_HEIGHT  62.0
#define BLOCK_GAP     22.0
#define WORD_HEIGHT   26.0
#define VALUE_HEIGHT  46.0
#define NOTES_MIN     440.0

typedef struct { double r, g, b; } Rgb;

struct _SlByteMapDrawing
{
  SlLayout     *layout;
  GStrv         notes;
  SlChartStyle  style;
  int           hover;
  GArray       *areas;      /* SlByteMapArea */
  double        width, height;
};

static void
area_clear (gpointer data)
{
  SlByteMapArea *area = data;

  g_free (area->tooltip);
}

SlByteMapDrawing *
sl_byte_map_drawing_new (SlLayout *layout)
{
  SlByteMapDrawing *self = g_new0 (SlByteMapDrawing, 1);

  self->layout = layout ? sl_layout_ref (layout) : NULL;
  self->style = SL_CHART_STYLE_LIGHT;
  self->hover = -1;
  self->areas = g_array_new (FALSE, TRUE, sizeof (SlByteMapArea));
  g_array_set_clear_func (self->areas, area_clear);
  return self;
}

void
sl_byte_map_drawing_free (SlByteMapDrawing *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->layout, sl_layout_unref);
  g_strfreev (self->notes);
  g_array_unref (self->areas);
  g_free (self);
}

SlLayout *
sl_byte_map_drawing_get_layout (SlByteMapDrawing *self)
{
  return self->layout;
}

void
sl_byte_map_drawing_set_notes (SlByteMapDrawing   *self,
                               const char * const *notes)
{
  g_strfreev (self->notes);
  self->notes = notes && notes[0] ? g_strdupv ((char **) notes) : NULL;
}

void
sl_byte_map_drawing_set_style (SlByteMapDrawing *self,
                               SlChartStyle      style)
{
  self->style = style;
}

void
sl_byte_map_drawing_set_hover (SlByteMapDrawing *self,
                               int               area)
{
  self->hover = area;
}

/* ---- colours ---- */

static Rgb
hex (guint32 rgb)
{
  return (Rgb) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };
}

static gboolean
dark (SlByteMapDrawing *self)
{
  return self->style == SL_CHART_STYLE_DARK;
}

static Rgb
kind_colour (SlByteMapDrawing *self,
             SlFieldKind       kind)
{
  gboolean d = dark (self);

  switch (kind)
    {
    case SL_FIELD_GC_HEAD:
    case SL_FIELD_HEADER:
      return hex (d ? 0x9a9996 : 0x77767b);
    case SL_FIELD_REFCNT:
    case SL_FIELD_TYPE:
      return hex (d ? 0x62a0ea : 0x3584e4);
    case SL_FIELD_SLOT:
      return hex (d ? 0x57e389 : 0x26a269);
    case SL_FIELD_PRE_WEAKREF:
    case SL_FIELD_PRE_DICT:
    case SL_FIELD_PRE_VALUES:
    case SL_FIELD_DICT:
    case SL_FIELD_WEAKREF:
      return hex (d ? 0xffa348 : 0xc64600);
    case SL_FIELD_INLINE_VALUES_HEADER:
    case SL_FIELD_INLINE_VALUE:
    default:
      return hex (d ? 0xdc8add : 0x9141ac);
    }
}

static Rgb
fg (SlByteMapDrawing *self)
{
  return dark (self) ? hex (0xffffff) : hex (0x000000);
}

static Rgb
block_colour (SlByteMapDrawing *self)
{
  return hex (dark (self) ? 0xffa348 : 0xc64600);
}

static Rgb
accent (SlByteMapDrawing *self)
{
  return hex (dark (self) ? 0x78aeed : 0x1c71d8);
}

static double
fill_alpha (SlByteMapDrawing *self)
{
  return dark (self) ? 0.38 : 0.22;
}

static void
source (cairo_t *cr,
        Rgb      c,
        double   alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

/* ---- text ---- */

typedef struct {
  SlByteMapDrawing *self;
  cairo_t          *cr;
  gboolean          paint;
} Pass;

static PangoLayout *
text (Pass       *pass,
      const char *markup,
      double      size,
      double      wrap_width)
{
  PangoLayout *layout = pango_cairo_create_layout (pass->cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same metrics on the screen, in a PDF and in a PNG. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (wrap_width > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static void
extent (PangoLayout *layout,
        double      *w,
        double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w)
    *w = (double) logical.width / PANGO_SCALE;
  if (h)
    *h = (double) logical.height / PANGO_SCALE;
}

/* Shows markup at x, y (top left); returns its height. */
static double
show (Pass       *pass,
      const char *markup,
      double      size,
      double      x,
      double      y,
      double      wrap_width,
      Rgb         colour,
      double      alpha,
      gboolean    right_align)
{
  g_autoptr(PangoLayout) layout = text (pass, markup, size, wrap_width);
  double w, h;

  extent (layout, &w, &h);
  if (pass->paint)
    {
      source (pass->cr, colour, alpha);
      cairo_move_to (pass->cr, right_align ? x - w : x, y);
      pango_cairo_show_layout (pass->cr, layout);
    }
  return h;
}

static double
markup_width (Pass       *pass,
              const char *markup,
              double      size)
{
  g_autoptr(PangoLayout) layout = text (pass, markup, size, -1);
  double w;

  extent (layout, &w, NULL);
  return w;
}

/* ---- shapes ---- */

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
arrow_head (cairo_t *cr,
            double   x,
            double   y,
            double   angle)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - 9 * cos (angle - 0.45), y - 9 * sin (angle - 0.45));
  cairo_line_to (cr, x - 9 * cos (angle + 0.45), y - 9 * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* From a pointer cell's right edge to a block's left edge. */
static void
curve_arrow (Pass   *pass,
             double  x1,
             double  y1,
             double  x2,
             double  y2)
{
  cairo_t *cr = pass->cr;
  double mid = (x1 + x2) / 2;

  if (!pass->paint)
    return;
  source (cr, fg (pass->self), 0.85);
  cairo_set_line_width (cr, 1.6);
  cairo_new_path (cr);
  cairo_arc (cr, x1, y1, 3, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, x1, y1);
  cairo_curve_to (cr, mid, y1, mid, y2, x2 - 7, y2);
  cairo_stroke (cr);
  arrow_head (cr, x2, y2, 0);
}

/* From a block's right edge down to a block below it. */
static void
elbow_arrow_offset (Pass   *pass,
                    double  x_right,
                    double  y_from,
                    double  y_to,
                    double  offset)
{
  cairo_t *cr = pass->cr;
  double bend = x_right + 16 + offset;

  if (!pass->paint)
    return;
  source (cr, fg (pass->self), 0.85);
  cairo_set_line_width (cr, 1.6);
  cairo_new_path (cr);
  cairo_arc (cr, x_right, y_from, 3, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_move_to (cr, x_right, y_from);
  cairo_line_to (cr, bend, y_from);
  cairo_line_to (cr, bend, y_to);
  cairo_line_to (cr, x_right + 7, y_to);
  cairo_stroke (cr);
  arrow_head (cr, x_right, y_to, G_PI);
}

static void
elbow_arrow (Pass   *pass,
             double  x_right,
             double  y_from,
             double  y_to)
{
  elbow_arrow_offset (pass, x_right, y_from, y_to, 0);
}

static void
add_area (SlByteMapDrawing *self,
          double            x,
          double            y,
          double            w,
          double            h,
          char             *tooltip)
{
  SlByteMapArea area = { x, y, w, h, tooltip };

  g_array_append_val (self->areas, area);
}

static char *
format_bytes (double bytes)
{
  if (fabs (bytes - round (bytes)) < 0.05)
    return g_strdup_printf ("%.0f B", round (bytes));
  return g_strdup_printf ("%.1f B", bytes);
}

static const char *
part_title (SlPart part)
{
  switch (part)
    {
    case SL_PART_OBJECT: return "The object";
    case SL_PART_DICT:   return "dict object";
    case SL_PART_KEYS:   return "keys table";
    case SL_PART_VALUES: return "values array";
    default:             return "";
    }
}

/* "sensor = str:12" */
static char *
value_title (const SlBlock *block)
{
  return g_markup_printf_escaped ("<b>%s</b> = %s", block->attribute ? block->attribute : "?",
                                  block->value ? block->value : "object");
}

static double
field_height (const SlField *field)
{
  return MAX (WORD_HEIGHT, WORD_HEIGHT * field->size / 8.0);
}

/* ---- the pass ---- */

static void
draw_error (Pass *pass)
{
  SlByteMapDrawing *self = pass->self;
  const char *culprit = sl_layout_get_error_class (self->layout);
  const char *name = sl_layout_get_class_name (self->layout);
  g_autofree char *heading = NULL;
  g_autofree char *markup = NULL;

  /* Say which failure it is: __init__ (the class exists), an earlier
   * class (this one is never made), or this class's own creation. */
  if (sl_layout_error_is_at_init (self->layout))
    heading = g_strdup_printf ("%s.__init__ raises, so no instance exists.", culprit ? culprit : name);
  else if (culprit != NULL && g_strcmp0 (culprit, name) != 0)
    heading = g_strdup_printf ("Creating %s fails first, so %s is never created.", culprit, name);
  else
    heading = g_strdup ("CPython refuses this class, so no instance exists.");
  markup = g_markup_printf_escaped ("<b>%s</b>\n\n<tt>%s</tt>", heading, sl_layout_get_error (self->layout));
  double h = show (pass, markup, FONT_SIZE, MARGIN, MARGIN, NOTES_MIN, hex (dark (self) ? 0xff7b63 : 0xc01c28), 1, FALSE);

  self->width = NOTES_MIN + 2 * MARGIN;
  self->height = MARGIN + h + MARGIN;
}

static void
run (SlByteMapDrawing *self,
     cairo_t          *cr,
     gboolean          paint)
{
  Pass pass = { self, cr, paint };
  const SlField *fields;
  const SlBlock *blocks;
  guint n_fields = 0, n_blocks = 0;
  double x_offsets = MARGIN + START_WIDTH, x_cell = x_offsets + OFFSET_WIDTH, x_block, y, y_start = -1;
  double dict_ptr_y = -1, values_ptr_y = -1, object_bottom, blocks_bottom, right;
  double block_width = BLOCK_MIN, cell_width = CELL_MIN, value_width = 0, x_values;
  g_autoptr(GHashTable) holders = g_hash_table_new (g_str_hash, g_str_equal);  /* attribute → cell middle */
  gboolean any_storage = FALSE;
  g_autofree char *heading = NULL;
  g_autofree char *traced = NULL;
  const SlFigures *figures;
  Rgb ink = fg (self);

  g_array_set_size (self->areas, 0);
  self->width = self->height = 0;
  if (self->layout == NULL)
    return;
  if (sl_layout_get_error (self->layout) != NULL)
    {
      draw_error (&pass);
      return;
    }

  figures = sl_layout_get_figures (self->layout);
  fields = sl_layout_get_fields (self->layout, &n_fields);
  blocks = sl_layout_get_blocks (self->layout, &n_blocks);
  traced = format_bytes (sl_layout_get_per_instance (self->layout, SL_METRIC_TRACED));

  /* Cells as wide as the longest name and its size. */
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = g_markup_printf_escaped ("<tt>%s</tt>", fields[i].name);

      cell_width = MAX (cell_width, markup_width (&pass, name, FONT_SIZE) + 74);
    }
  /* Blocks as wide as their widest text. */
  for (guint i = 0; i < n_blocks; i++)
    {
      g_autofree char *requested = format_bytes (blocks[i].requested);
      g_autofree char *allocated = format_bytes (blocks[i].block);
      g_autofree char *line = g_markup_printf_escaped ("%s requested · %s block", requested, allocated);

      if (blocks[i].part == SL_PART_VALUE_OBJECTS)
        {
          g_autofree char *title = value_title (&blocks[i]);

          value_width = MAX (value_width, MAX (markup_width (&pass, line, FONT_SIZE * 0.85),
                                               markup_width (&pass, title, FONT_SIZE)) + 24);
        }
      else if (blocks[i].part != SL_PART_OBJECT)
        {
          any_storage = TRUE;
          block_width = MAX (block_width, markup_width (&pass, line, FONT_SIZE * 0.85) + 24);
        }
    }
  x_block = x_cell + cell_width + ARROW_SPACE;
  /* What the attributes hold: a column of their own, right of the dict
   * and values blocks that point at them (or beside the cells when no
   * such block exists). */
  x_values = any_storage ? x_block + block_width + ARROW_SPACE : x_block;
  if (value_width > 0)
    right = x_values + value_width + 24;
  else
    /* Beside the blocks, their elbow; without blocks, the cells. */
    right = any_storage ? x_block + block_width + 24 : x_cell + cell_width + 12;

  heading = g_markup_printf_escaped ("<b>%s</b> on %s — one instance after __init__\n"
                                     "<span size=\"smaller\">basicsize %" G_GINT64_FORMAT " bytes · "
                                     "traced %s per instance</span>",
                                     sl_layout_get_class_name (self->layout),
                                     sl_profile_get_label (sl_layout_get_profile (self->layout)),
                                     figures->basicsize, traced);
  y = MARGIN + show (&pass, heading, FONT_SIZE * 1.15, MARGIN, MARGIN, right - MARGIN, ink, 1, FALSE) + 16;

  /* The object, field by field, from its lowest address. */
  for (guint i = 0; i < n_fields; i++)
    {
      const SlField *field = &fields[i];
      double h = field_height (field);
      Rgb colour = kind_colour (self, field->kind);
      gboolean hovered = self->hover == (int) self->areas->len;
      g_autofree char *name = g_markup_printf_escaped ("<tt>%s</tt>", field->name);
      g_autofree char *size = g_markup_printf_escaped ("%u B", field->size);
      g_autofree char *offset = g_markup_printf_escaped ("%+" G_GINT64_FORMAT, field->offset);

      if (field->offset == 0 && y_start < 0)
        y_start = y;
      if (paint)
        {
          source (cr, colour, hovered ? fill_alpha (self) + 0.25 : fill_alpha (self));
          cairo_rectangle (cr, x_cell, y, cell_width, h);
          cairo_fill (cr);
          source (cr, colour, 0.9);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, x_cell + 0.5, y + 0.5, cell_width - 1, h - 1);
          cairo_stroke (cr);
        }
      show (&pass, offset, FONT_SIZE * 0.85, x_cell - 8, y + (h - FONT_SIZE * 1.2) / 2, -1, ink, 0.6, TRUE);
      show (&pass, name, FONT_SIZE, x_cell + 8, y + (h - FONT_SIZE * 1.3) / 2, -1, ink, 1, FALSE);
      show (&pass, size, FONT_SIZE * 0.85, x_cell + cell_width - 8, y + (h - FONT_SIZE * 1.2) / 2, -1, ink, 0.6, TRUE);
      add_area (self, x_cell, y, cell_width, h,
                g_markup_printf_escaped ("<b>%s</b>\noffset %+" G_GINT64_FORMAT ", %u bytes%s%s\n%s",
                                         field->name, field->offset, field->size,
                                         field->owner ? ", declared by " : "",
                                         field->owner ? field->owner : "",
                                         field->purpose ? field->purpose : ""));
      if (field->kind == SL_FIELD_SLOT)
        g_hash_table_insert (holders, (gpointer) field->name, GINT_TO_POINTER ((int) (y + h / 2)));
      else if (field->kind == SL_FIELD_INLINE_VALUE && strchr (field->name, ' '))
        g_hash_table_insert (holders, (gpointer) (strchr (field->name, ' ') + 1), GINT_TO_POINTER ((int) (y + h / 2)));
      if ((field->kind == SL_FIELD_DICT || field->kind == SL_FIELD_PRE_DICT) && dict_ptr_y < 0)
        dict_ptr_y = y + h / 2;
      if (field->kind == SL_FIELD_PRE_VALUES && values_ptr_y < 0)
        values_ptr_y = y + h / 2;
      y += h;
    }
  object_bottom = y;

  /* Where the object starts — what a PyObject * points at — on the left,
   * where no arrow goes. */
  if (n_fields > 0 && y_start >= 0)
    {
      Rgb a = accent (self);

      if (paint)
        {
          source (cr, a, 1);
          cairo_set_line_width (cr, 2.5);
          cairo_move_to (cr, x_offsets - 6, y_start);
          cairo_line_to (cr, x_cell + cell_width + 6, y_start);
          cairo_stroke (cr);
        }
      show (&pass, "object start", FONT_SIZE * 0.85, x_offsets - 10, y_start - FONT_SIZE * 1.25, -1, a, 1, TRUE);
    }

  /* The object's own allocation, under its cells. */
  y = object_bottom + 8;
  for (guint i = 0; i < n_blocks; i++)
    if (blocks[i].part == SL_PART_OBJECT)
      {
        g_autofree char *requested = format_bytes (blocks[i].requested);
        g_autofree char *allocated = format_bytes (blocks[i].block);
        g_autofree char *markup = g_markup_printf_escaped ("The object: %s requested, %s allocated%s",
                                                           requested, allocated,
                                                           blocks[i].small ? "" : " (outside the small-object allocator)");

        y += show (&pass, markup, FONT_SIZE * 0.85, x_cell, y, cell_width + ARROW_SPACE - 12, ink, 0.7, FALSE);
      }
  object_bottom = y;

  /* The separate blocks, beside the object. */
  {
    double by = MARGIN + 40, dict_y = -1, store_y = -1;
    Rgb colour = block_colour (self);

    for (guint i = 0; i < n_blocks; i++)
      {
        const SlBlock *block = &blocks[i];
        g_autofree char *requested = NULL;
        g_autofree char *allocated = NULL;
        g_autofree char *markup = NULL;
        gboolean hovered;
        double mid;

        if (block->part == SL_PART_OBJECT || block->part == SL_PART_VALUE_OBJECTS)
          continue;
        /* Beside the pointer that reaches it, never above the last one. */
        if (block->part == SL_PART_DICT && dict_ptr_y > 0)
          by = MAX (by, dict_ptr_y - BLOCK_HEIGHT / 2);
        else if (block->part == SL_PART_VALUES && values_ptr_y > 0)
          by = MAX (by, values_ptr_y - BLOCK_HEIGHT / 2);
        else if (dict_y < 0 && dict_ptr_y > 0)
          by = MAX (by, dict_ptr_y - BLOCK_HEIGHT / 2);

        hovered = self->hover == (int) self->areas->len;
        if (paint)
          {
            source (cr, colour, hovered ? fill_alpha (self) + 0.25 : fill_alpha (self));
            rounded_rect (cr, x_block, by, block_width, BLOCK_HEIGHT, 6);
            cairo_fill_preserve (cr);
            source (cr, colour, 0.9);
            cairo_set_line_width (cr, 1);
            cairo_stroke (cr);
          }
        requested = format_bytes (block->requested);
        allocated = format_bytes (block->block);
        markup = g_markup_printf_escaped ("<b>%s</b>\n<span size=\"smaller\">%s requested · %s block</span>",
                                          part_title (block->part), requested, allocated);
        show (&pass, markup, FONT_SIZE, x_block + 12, by + 10, -1, ink, 1, FALSE);
        add_area (self, x_block, by, block_width, BLOCK_HEIGHT,
                  g_markup_printf_escaped ("<b>%s</b>\n%s asked of the allocator (what tracemalloc traces),\n"
                                           "%s handed out%s", part_title (block->part), requested, allocated,
                                           block->small ? " by the small-object allocator" : ""));

        mid = by + BLOCK_HEIGHT / 2;
        if (block->part == SL_PART_VALUES)
          store_y = mid;
        else if (block->part == SL_PART_DICT && store_y < 0)
          store_y = mid;
        if (block->part == SL_PART_DICT)
          {
            dict_y = mid;
            if (dict_ptr_y > 0)
              curve_arrow (&pass, x_cell + cell_width, dict_ptr_y, x_block, mid);
          }
        else if (block->part == SL_PART_VALUES && values_ptr_y > 0)
          curve_arrow (&pass, x_cell + cell_width, values_ptr_y, x_block, mid);
        else if (dict_y > 0)
          elbow_arrow (&pass, x_block + block_width, dict_y + 8, mid);
        else if (dict_ptr_y > 0)
          curve_arrow (&pass, x_cell + cell_width, dict_ptr_y, x_block, mid);
        by += BLOCK_HEIGHT + BLOCK_GAP;
      }
    blocks_bottom = by - BLOCK_GAP;

    /* The value objects, each beside what holds it: a slot or an inline
     * value cell, else the values array (or dict) that holds it; a second
     * block of the same attribute (a list's items) hangs off the first. */
    {
      double vy = MARGIN + 40, last_y = -1;
      const char *last_attribute = NULL;
      Rgb vcolour = kind_colour (self, SL_FIELD_INLINE_VALUE);
      guint k = 0;

      for (guint i = 0; i < n_blocks; i++)
        {
          const SlBlock *block = &blocks[i];
          gpointer holder = NULL;
          gboolean from_cell, hovered, same = FALSE;
          g_autofree char *title = NULL;
          g_autofree char *requested = NULL;
          g_autofree char *allocated = NULL;
          g_autofree char *markup = NULL;
          double mid;

          if (block->part != SL_PART_VALUE_OBJECTS)
            continue;
          same = last_attribute != NULL && g_strcmp0 (last_attribute, block->attribute) == 0;
          from_cell = block->attribute && g_hash_table_lookup_extended (holders, block->attribute, NULL, &holder);
          if (!same && from_cell && x_values == x_block)
            vy = MAX (vy, GPOINTER_TO_INT (holder) - VALUE_HEIGHT / 2);
          hovered = self->hover == (int) self->areas->len;
          if (paint)
            {
              source (cr, vcolour, hovered ? fill_alpha (self) + 0.25 : fill_alpha (self));
              rounded_rect (cr, x_values, vy, value_width, VALUE_HEIGHT, 6);
              cairo_fill_preserve (cr);
              source (cr, vcolour, 0.9);
              cairo_set_line_width (cr, 1);
              cairo_stroke (cr);
            }
          title = value_title (block);
          requested = format_bytes (block->requested);
          allocated = format_bytes (block->block);
          /* title is markup already: only the figures are added. */
          markup = g_strdup_printf ("%s%s\n<span size=\"smaller\">%s requested · %s block</span>",
                                    title, same ? ", its items" : "", requested, allocated);
          show (&pass, markup, FONT_SIZE, x_values + 12, vy + 7, -1, ink, 1, FALSE);
          add_area (self, x_values, vy, value_width, VALUE_HEIGHT,
                    g_markup_printf_escaped ("<b>%s</b> holds a %s\n%s asked of the allocator, %s handed out",
                                             block->attribute ? block->attribute : "?",
                                             block->value ? block->value : "value", requested, allocated));
          mid = vy + VALUE_HEIGHT / 2;
          if (same && last_y > 0)
            elbow_arrow_offset (&pass, x_values + value_width, last_y + 8, mid, 0);
          else if (from_cell)
            curve_arrow (&pass, x_cell + cell_width, GPOINTER_TO_INT (holder), x_values, mid);
          else if (store_y > 0)
            curve_arrow (&pass, x_block + block_width, store_y + (k++ % 5) * 4 - 8, x_values, mid);
          last_attribute = block->attribute;
          last_y = mid;
          vy += VALUE_HEIGHT + 12;
        }
      if (vy > MARGIN + 40)
        blocks_bottom = MAX (blocks_bottom, vy - 12);
    }
  }

  /* The legend, under both columns. */
  y = MAX (object_bottom, blocks_bottom) + 22;
  {
    /* Only the colours this map uses. */
    static const struct { SlFieldKind kind, also; const char *label; } legend[] = {
      { SL_FIELD_GC_HEAD, SL_FIELD_HEADER, "GC head, header" },
      { SL_FIELD_REFCNT, SL_FIELD_TYPE, "refcount, type" },
      { SL_FIELD_SLOT, SL_FIELD_SLOT, "slots" },
      { SL_FIELD_DICT, SL_FIELD_WEAKREF, "dict, weakref pointers" },
      { SL_FIELD_INLINE_VALUE, SL_FIELD_INLINE_VALUES_HEADER, "inline values" },
    };
    double lx = x_cell, row = FONT_SIZE * 1.6;
    gboolean any_block = FALSE, any_value = FALSE, inline_used = FALSE;

    for (guint i = 0; i < n_blocks; i++)
      {
        any_block |= blocks[i].part != SL_PART_OBJECT && blocks[i].part != SL_PART_VALUE_OBJECTS;
        any_value |= blocks[i].part == SL_PART_VALUE_OBJECTS;
      }
    for (guint f = 0; f < n_fields; f++)
      inline_used |= fields[f].kind == SL_FIELD_INLINE_VALUE || fields[f].kind == SL_FIELD_INLINE_VALUES_HEADER;
    for (guint i = 0; i < G_N_ELEMENTS (legend); i++)
      {
        g_autofree char *markup = NULL;
        gboolean used = FALSE;
        double w;

        for (guint f = 0; f < n_fields; f++)
          {
            SlFieldKind k = fields[f].kind;

            used |= k == legend[i].kind || k == legend[i].also ||
                    (legend[i].kind == SL_FIELD_DICT && k >= SL_FIELD_PRE_WEAKREF && k <= SL_FIELD_PRE_VALUES);
          }
        if (legend[i].kind == SL_FIELD_INLINE_VALUE)
          used = inline_used || any_value;
        if (!used)
          continue;
        if (legend[i].kind == SL_FIELD_INLINE_VALUE && any_value)
          markup = g_markup_escape_text (inline_used ? "inline values; what the attributes hold"
                                                     : "what the attributes hold", -1);
        else
          markup = g_markup_escape_text (legend[i].kind == SL_FIELD_DICT && any_block
                                         ? "dict, weakref pointers; separate blocks" : legend[i].label, -1);
        w = markup_width (&pass, markup, FONT_SIZE * 0.9);

        if (lx > x_cell && lx + 18 + w > MAX (right, MARGIN + NOTES_MIN))
          {
            lx = x_cell;
            y += row;
          }
        if (paint)
          {
            source (cr, kind_colour (self, legend[i].kind), fill_alpha (self) + 0.25);
            cairo_rectangle (cr, lx, y + 2, 13, 13);
            cairo_fill (cr);
          }
        show (&pass, markup, FONT_SIZE * 0.9, lx + 18, y, -1, ink, 0.75, FALSE);
        lx += 18 + w + 18;
      }
    y += row + 6;
  }

  /* The why, under the legend. */
  for (guint i = 0; self->notes && self->notes[i]; i++)
    {
      const char *dash = strstr (self->notes[i], " — ");
      g_autofree char *title = dash ? g_strndup (self->notes[i], dash - self->notes[i]) : NULL;
      g_autofree char *markup = title ? g_markup_printf_escaped ("<b>%s.</b> %s", title, dash + strlen (" — "))
                                      : g_markup_escape_text (self->notes[i], -1);

      y += show (&pass, markup, FONT_SIZE * 0.95, MARGIN, y, MAX (right - MARGIN, NOTES_MIN), ink, 0.9, FALSE) + 8;
    }

  self->width = MAX (right, MARGIN + NOTES_MIN) + MARGIN;
  self->height = y + MARGIN;
}

void
sl_byte_map_drawing_get_size (SlByteMapDrawing *self,
                              double           *width,
                              double           *height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  run (self, cr, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  *width = self->width;
  *height = self->height;
}

void
sl_byte_map_drawing_draw (SlByteMapDrawing *self,
                          cairo_t          *cr)
{
  cairo_save (cr);
  run (self, cr, TRUE);
  cairo_restore (cr);
}

const SlByteMapArea *
sl_byte_map_drawing_get_areas (SlByteMapDrawing *self,
                               guint            *n_areas)
{
  *n_areas = self->areas->len;
  return (const SlByteMapArea *) self->areas->data;
}

int
sl_byte_map_drawing_area_at (SlByteMapDrawing *self,
                             double            x,
                             double            y)
{
  for (guint i = 0; i < self->areas->len; i++)
    {
      SlByteMapArea *a = &g_array_index (self->areas, SlByteMapArea, i);

      if (x >= a->x && x < a->x + a->width && y >= a->y && y < a->y + a->height)
        return i;
    }
  return -1;
}

static void
export_draw (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  SlByteMapDrawing *self = user_data;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sl_byte_map_drawing_draw (self, cr);
}

gboolean
sl_byte_map_drawing_export (SlByteMapDrawing  *self,
                            const char        *path,
                            SlDrawingFormat    format,
                            double             dpi,
                            GError           **error)
{
  SlChartStyle style = self->style;
  double width, height;
  gboolean ok;

  self->style = SL_CHART_STYLE_PRINT;
  self->hover = -1;
  sl_byte_map_drawing_get_size (self, &width, &height);
  if (format == SL_DRAWING_PNG)
    width = ceil (width * dpi / 96), height = ceil (height * dpi / 96);
  ok = sl_drawing_export (path, format, ceil (width), ceil (height), dpi, export_draw, self, error);
  self->style = style;
  return ok;
}
