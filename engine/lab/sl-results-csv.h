#pragma once

#include "sl-experiment.h"

G_BEGIN_DECLS

/* The CSV of PRODUCT.md: `experiment,python,strategy,backend,metric,count,bytes`
 * (bytes = total at that count), one row per result point, RFC 4180
 * quoting.  A cell a spreadsheet would read as a formula (=, +, -, @ first)
 * gets a leading apostrophe. */

void  sl_results_csv_append_header     (GString      *csv);
void  sl_results_csv_append_experiment (GString      *csv,
                                        SlExperiment *experiment);
/* experiments: (element-type SlExperiment) */
char *sl_results_csv_build             (GPtrArray    *experiments);

G_END_DECLS
