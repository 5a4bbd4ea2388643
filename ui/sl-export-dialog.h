#pragma once

#include <adwaita.h>

#include "sl-chart.h"
#include "sl-experiment.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPORT_DIALOG (sl_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SlExportDialog, sl_export_dialog, SL, EXPORT_DIALOG, AdwWindow)

/* Export the chart (SVG, PDF: vector; PNG at a chosen size and DPI) or the
 * results (CSV), in print style: white background, black text. */

typedef enum {
  SL_EXPORT_SVG,
  SL_EXPORT_PDF,
  SL_EXPORT_PNG,
  SL_EXPORT_CSV,
} SlExportFormat;

SlExportDialog *sl_export_dialog_new        (GtkWindow      *parent,
                                             SlChart        *chart,
                                             SlExperiment   *experiment);
/* Modal over `parent`. */
void            sl_export_dialog_present    (GtkWindow      *parent,
                                             SlChart        *chart,
                                             SlExperiment   *experiment);

/* For tests, and what the Export button does once a file is chosen. */
void            sl_export_dialog_set_format (SlExportDialog *self,
                                             SlExportFormat  format);
void            sl_export_dialog_set_size   (SlExportDialog *self,
                                             int             width,
                                             int             height,
                                             int             dpi);
gboolean        sl_export_dialog_export_to  (SlExportDialog *self,
                                             const char     *path,
                                             GError        **error);

G_END_DECLS
