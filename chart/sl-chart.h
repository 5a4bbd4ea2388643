#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "sl-chain.h"
#include "sl-experiment.h"

G_BEGIN_DECLS

/* The three charts of an experiment, drawn with PLplot's extcairo device
 * onto any cairo context: the window's drawing area, an SVG, PDF or PNG
 * surface.  No GTK here, so that slotlab-cli exports the same pictures.
 * PLplot is not thread-safe: draw from the main thread only; each draw
 * makes its own PLplot stream and ends it. */

#define SL_CHART_ERROR (sl_chart_error_quark ())

typedef enum {
  SL_CHART_ERROR_FORMAT,   /* a file name whose format we do not write */
  SL_CHART_ERROR_WRITE,    /* cairo could not write the file */
  SL_CHART_ERROR_SIZE,     /* a size or DPI out of range */
} SlChartError;

typedef enum {
  SL_CHART_MEMORY,     /* memory against instance count, per strategy */
  SL_CHART_PARTS,      /* bytes per instance split by part, stacked */
  SL_CHART_VERSIONS,   /* bytes per instance per strategy on every profile */
  SL_CHART_PER_INSTANCE, /* bytes per instance, a bar per strategy (and version) */
  SL_N_CHART_KINDS
} SlChartKind;

typedef enum {
  SL_CHART_STYLE_LIGHT,
  SL_CHART_STYLE_DARK,
  SL_CHART_STYLE_PRINT,   /* white background, black text: exports */
} SlChartStyle;

typedef enum {
  SL_CHART_FORMAT_SVG,
  SL_CHART_FORMAT_PDF,
  SL_CHART_FORMAT_PNG,
} SlChartFormat;

#define SL_TYPE_CHART (sl_chart_get_type ())
G_DECLARE_FINAL_TYPE (SlChart, sl_chart, SL, CHART, GObject)

GQuark       sl_chart_error_quark     (void);

SlChart     *sl_chart_new             (void);
/* Takes copies; recomputes the model lines.  NULL clears. */
void         sl_chart_set_experiment  (SlChart       *self,
                                       SlExperiment  *experiment,
                                       SlChain       *chain,
                                       const char    *fallback_python);
/* Points of a run in progress, drawn as markers beside the experiment's
 * stored results (element-type SlResultPoint; copied). */
void         sl_chart_set_extra_points (SlChart      *self,
                                       GPtrArray     *points);
void         sl_chart_add_extra_point (SlChart       *self,
                                       const SlResultPoint *point);
void         sl_chart_set_kind        (SlChart       *self,
                                       SlChartKind    kind);
SlChartKind  sl_chart_get_kind        (SlChart       *self);
void         sl_chart_set_linear      (SlChart       *self,
                                       gboolean       linear);
gboolean     sl_chart_get_linear      (SlChart       *self);
/* What the chart could not draw (unknown class, refused strategies), or NULL. */
const char  *sl_chart_get_message     (SlChart       *self);
/* What the chart was given (for a copy drawn on another thread). */
SlExperiment *sl_chart_get_experiment      (SlChart    *self);
SlChain      *sl_chart_get_chain           (SlChart    *self);
const char   *sl_chart_get_fallback_python (SlChart    *self);
GPtrArray    *sl_chart_get_extra_points    (SlChart    *self);

void         sl_chart_draw            (SlChart       *self,
                                       cairo_t       *cr,
                                       double         width,
                                       double         height,
                                       SlChartStyle   style);

gboolean     sl_chart_format_from_path (const char   *path,
                                       SlChartFormat *format);
/* Vector formats take width and height in points; PNG in pixels, laid
 * out as a page of width × 72 / dpi points. */
gboolean     sl_chart_export          (SlChart       *self,
                                       const char    *path,
                                       SlChartFormat  format,
                                       double         width,
                                       double         height,
                                       double         dpi,
                                       GError       **error);
/* A PNG in memory (for the clipboard). */
GBytes      *sl_chart_render_png      (SlChart       *self,
                                       int            width,
                                       int            height,
                                       double         dpi,
                                       SlChartStyle   style,
                                       GError       **error);

const char  *sl_chart_kind_to_string  (SlChartKind    kind);
gboolean     sl_chart_kind_from_string (const char   *text,
                                       SlChartKind   *kind);
/* The views `slotlab-cli run --chart` takes: the kinds, and "memory-linear"
 * and "memory-log" for the memory chart's axes ("memory" is linear). */
gboolean     sl_chart_view_from_string (const char   *text,
                                       SlChartKind   *kind,
                                       gboolean      *linear);
const char  *sl_chart_get_view_name   (SlChart       *self);

/* What the chart will draw, without drawing: its title, the line under it,
 * and its legend's entries in order (for tests and accessible labels). */
char        *sl_chart_dup_title       (SlChart       *self);
char        *sl_chart_dup_subtitle    (SlChart       *self);
GStrv        sl_chart_dup_legend      (SlChart       *self);
/* The note under the plot (provenance of measured figures, or why there is
 * nothing to draw), or NULL. */
char        *sl_chart_dup_message     (SlChart       *self);
/* A file name for an export: "example-17.3-bulk-allocation-memory.svg".
 * extension without the dot. */
char        *sl_chart_dup_export_name (SlChart       *self,
                                       const char    *extension);

G_END_DECLS
