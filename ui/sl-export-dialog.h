#pragma once

#include <gtk/gtk.h>

#include "sl-chart.h"
#include "sl-experiment.h"

G_BEGIN_DECLS

/* Export the chart (SVG, PDF: vector; PNG at a chosen size and DPI) or
 * the results (CSV), in print style.  Modal over `parent`. */
void sl_export_dialog_present (GtkWindow    *parent,
                               SlChart      *chart,
                               SlExperiment *experiment);

G_END_DECLS
