#pragma once

#include <gtk/gtk.h>

#include "sl-experiment.h"

G_BEGIN_DECLS

#define SL_TYPE_RESULTS_TABLE (sl_results_table_get_type ())
G_DECLARE_FINAL_TYPE (SlResultsTable, sl_results_table, SL, RESULTS_TABLE, GtkWidget)

/* The points of one run (or of two side by side) as a table: one row per
 * point, sorted by strategy, count and version (sl_result_point_compare()),
 * columns sized to what they can hold.  During a run, the points it will
 * measure show first, their figures pending, and each point that arrives
 * fills its row in (one not expected is inserted in place).  Ctrl+C (and
 * table.copy) copies what was measured as tab-separated text, the header
 * first. */

typedef enum {
  SL_RESULTS_COLUMN_RUN,
  SL_RESULTS_COLUMN_STRATEGY,
  SL_RESULTS_COLUMN_PYTHON,
  SL_RESULTS_COLUMN_COUNT,
  SL_RESULTS_COLUMN_BYTES,
  SL_RESULTS_COLUMN_PER_INSTANCE,
  SL_RESULTS_COLUMN_RATIO,
  SL_RESULTS_N_COLUMNS
} SlResultsColumn;

/* points: (element-type SlResultPoint) (nullable): copied */
void        sl_results_table_set_points  (SlResultsTable      *self,
                                          GPtrArray           *points);
/* planned: (element-type SlResultPoint) (nullable): the run's points to
 * come (sl_experiment_run_get_planned_points()), shown pending */
void        sl_results_table_expect_points (SlResultsTable    *self,
                                          GPtrArray           *planned);
void        sl_results_table_add_point   (SlResultsTable      *self,
                                          const SlResultPoint *point);
/* What shows when there is no row. */
void        sl_results_table_set_placeholder (SlResultsTable  *self,
                                          const char          *text);
/* Rows, pending ones included; points, measured ones only. */
guint       sl_results_table_get_n_rows  (SlResultsTable      *self);
guint       sl_results_table_get_n_points (SlResultsTable     *self);
gboolean    sl_results_table_is_pending  (SlResultsTable      *self,
                                          guint                row);
/* The text of a cell as drawn (for tests and copying). */
const char *sl_results_table_get_cell    (SlResultsTable      *self,
                                          guint                row,
                                          SlResultsColumn      column);
/* The point behind row (owned by the table). */
const SlResultPoint *sl_results_table_get_point (SlResultsTable *self,
                                          guint                row);
char       *sl_results_table_dup_text    (SlResultsTable      *self);

G_END_DECLS
