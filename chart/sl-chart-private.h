#pragma once

#include <cairo.h>

#include "sl-chart.h"
#include "sl-experiment-model.h"

G_BEGIN_DECLS

/* What the chart files share: the SlChart's state, and a frame that
 * collects what a chart says (title, legend, message) before it draws, so
 * that tests can ask what will be drawn without drawing.  PLplot draws the
 * axes, ticks and grid; cairo and Pango draw the data, the title and the
 * legend, whose sizes and spacing must read on a projector. */

struct _SlChart
{
  GObject       parent_instance;

  SlExperiment *experiment;
  SlChain      *chain;
  char         *fallback_python;
  GPtrArray    *lines;       /* SlModelLine, or NULL with message */
  GPtrArray    *versions;    /* SlModelLine for every profile × strategy, lazily */
  GPtrArray    *extra;       /* SlResultPoint */
  char         *message;
  SlChartKind   kind;
  gboolean      linear;
};

typedef struct { double r, g, b; } SlRgb;

typedef enum {
  SL_SAMPLE_LINE,     /* a line in one or more colours (interleaved dashes) */
  SL_SAMPLE_BOX,      /* a filled box */
  SL_SAMPLE_DOTS,     /* filled markers, one per colour */
  SL_SAMPLE_RINGS,    /* hollow markers, one per colour */
} SlSampleKind;

typedef struct {
  char         *label;
  SlSampleKind  sample;
  guint         n_colours;
  SlRgb         colours[SL_N_STRATEGIES];
} SlLegendEntry;

typedef enum {
  SL_LEGEND_TOP_LEFT,
  SL_LEGEND_TOP_RIGHT,
  SL_LEGEND_BELOW,      /* under the plot, entries side by side: the axis fits the data */
} SlLegendPlace;

typedef struct {
  /* What the chart says. */
  char          *title;
  char          *subtitle;
  GPtrArray     *legend;      /* SlLegendEntry */
  SlLegendPlace  legend_place;
  char          *message;     /* under the plot, or NULL */

  /* Where it draws: cr NULL = describe only. */
  cairo_t       *cr;
  SlChartStyle   style;
  double         width, height;
  double         font;        /* the base text size, in user units */
  double         box[4];      /* plot box: x0, y0, x1, y1 (y down) */
  double         legend_size[2];
  double         world[4];    /* x0, x1, y0, y1 in axis units (log10 where log) */
  gboolean       log_x, log_y;
  GArray        *label_boxes; /* cairo_rectangle_t of each number label drawn */
} SlChartFrame;

/* Every chart file fills the frame's texts first, returns when
 * frame->cr is NULL, and otherwise lays out, draws axes and its data. */
void  sl_chart_draw_memory        (SlChart *self, SlChartFrame *frame);
void  sl_chart_draw_per_instance  (SlChart *self, SlChartFrame *frame);
void  sl_chart_draw_parts         (SlChart *self, SlChartFrame *frame);
void  sl_chart_draw_versions      (SlChart *self, SlChartFrame *frame);

/* The boxes (cairo_rectangle_t, in pixels) of the number labels that
 * drawing `self` at width × height puts on the plot: for tests, which
 * check that no two overlap. */
GArray *sl_chart_dup_label_boxes  (SlChart *self, double width, double height);

/* Shared (sl-chart-frame.c). */
void  sl_chart_frame_init         (SlChartFrame *frame, cairo_t *cr, double width,
                                   double height, SlChartStyle style);
void  sl_chart_frame_clear        (SlChartFrame *frame);
SlLegendEntry *sl_chart_frame_add_legend (SlChartFrame *frame, SlSampleKind sample,
                                          char *label /* owned */);
void  sl_legend_entry_add_colour  (SlLegendEntry *entry, SlRgb colour);
SlRgb sl_chart_strategy_colour    (SlChartStyle style, SlStrategy strategy);
SlRgb sl_chart_part_colour        (SlChartStyle style, SlPart part);
SlRgb sl_chart_fg_colour          (SlChartStyle style);
/* Measures the title, legend and message, and places the plot box. */
void  sl_chart_frame_layout       (SlChartFrame *frame, gboolean categories);
/* The fraction of the box's height the legend takes (0 when outside). */
double sl_chart_frame_legend_fraction (SlChartFrame *frame);

typedef struct {
  const char * const *categories;  /* x labels for bar charts, or NULL */
  guint        n_categories;
  gboolean     count_x;            /* x is an instance count: 1k, 10M */
  double       y_unit;             /* bytes per y unit */
} SlAxisLabels;

/* Sets the world window and draws the axes, grid and labels with PLplot. */
void  sl_chart_frame_axes         (SlChartFrame *frame, double x0, double x1, double y0,
                                   double y1, gboolean log_x, gboolean log_y,
                                   const SlAxisLabels *labels, const char *x_title,
                                   const char *y_title);
/* Data to user space (values, not logs). */
void  sl_chart_frame_map          (SlChartFrame *frame, double x, double y,
                                   double *px, double *py);
void  sl_chart_frame_line         (SlChartFrame *frame, guint n, const double *x,
                                   const double *y, const SlRgb *colours, guint n_colours,
                                   double width);
void  sl_chart_frame_marker       (SlChartFrame *frame, double x, double y,
                                   const SlRgb *colours, guint n_colours, gboolean hollow);
void  sl_chart_frame_bar          (SlChartFrame *frame, double x0, double x1, double y0,
                                   double y1, SlRgb colour);
/* Labels `texts` (n of them) for dots at x whose values are `values`:
 * each above its dot, or under it where that place is taken, or else
 * moved up past what is in the way, so that no label meets another label
 * or any of the n_dots dots at x (values `dots`).  Their boxes go to
 * frame->label_boxes. */
void  sl_chart_frame_labels_above (SlChartFrame *frame, double x, guint n, const double *values,
                                   const char * const *texts, double scale,
                                   guint n_dots, const double *dots);
/* A label centred above (data) x, y. */
void  sl_chart_frame_text_above   (SlChartFrame *frame, double x, double y, const char *text,
                                   double scale, gboolean bold);
/* A label left-aligned at (data) x, y, vertically centred. */
void  sl_chart_frame_text_right_of (SlChartFrame *frame, double x, double y, const char *text,
                                    SlRgb colour, double scale);
/* Text at a point of user space, vertically centred there. */
void  sl_chart_frame_text_at      (SlChartFrame *frame, double px, double py, const char *text,
                                   SlRgb colour, double scale);
double sl_chart_frame_text_width  (SlChartFrame *frame, const char *text, double scale);
void  sl_chart_frame_finish       (SlChartFrame *frame);

/* Shared captions. */
const char *sl_chart_metric_caption (SlMetric metric);
char       *sl_chart_versions_caption (SlChart *self, guint *n_versions);
char       *sl_chart_join_strategies (const SlStrategy *strategies, guint n);
gboolean    sl_chart_line_skipped    (const SlModelLine *line);
double      sl_chart_choose_unit     (double max_bytes, const char **name);

G_END_DECLS
