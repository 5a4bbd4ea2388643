#pragma once

#include <gtk/gtk.h>

#include "sl-decision-card.h"
#include "sl-document.h"
#include "sl-layout.h"
#include "sl-strategy.h"

G_BEGIN_DECLS

#define SL_TYPE_COSTS_VIEW (sl_costs_view_get_type ())
G_DECLARE_FINAL_TYPE (SlCostsView, sl_costs_view, SL, COSTS_VIEW, GtkWidget)

/* What one instance of a class costs under each strategy, per metric:
 * the document's cost rows (sl_document_dup_cost_rows()), nothing computed here.
 * The cheapest strategy of each metric is marked; a strategy CPython
 * refuses shows CPython's message in its row. */
GtkWidget  *sl_costs_view_new       (void);
void        sl_costs_view_update    (SlCostsView *self,
                                     SlDocument  *document,
                                     const char  *class_name,
                                     SlProfile   *profile);
/* The text of a cell (for tests): a figure, or CPython's message. */
const char *sl_costs_view_get_cell  (SlCostsView *self,
                                     SlStrategy   strategy,
                                     SlMetric     metric);
/* The table as text, tab-separated, with the verdict and the why under
 * it: what the Copy button puts on the clipboard. */
char       *sl_costs_view_dup_text  (SlCostsView *self);
gboolean    sl_costs_view_is_cheapest (SlCostsView *self,
                                       SlStrategy   strategy,
                                       SlMetric     metric);

/* N of the class on the header's version (sl-advice.c's figures). */
SlDecisionCard *sl_costs_view_get_decision_card (SlCostsView *self);

G_END_DECLS
