#pragma once

#include <gtk/gtk.h>

#include "sl-chain.h"
#include "sl-profile.h"
#include "sl-strategy.h"

G_BEGIN_DECLS

#define SL_TYPE_DECISION_CARD (sl_decision_card_get_type ())
G_DECLARE_FINAL_TYPE (SlDecisionCard, sl_decision_card, SL, DECISION_CARD, GtkWidget)

/* "N of these on this version, slots or not?": a count N (1 to 10^12) and
 * the header's version; for the chain as declared and each strategy, the
 * total memory asked for, its break-down (instances, dicts and values
 * arrays, value objects, the fixed part), what the allocator keeps and
 * its overhead, and what __slots__ saves of the whole.  Every number is
 * sl_advice_compute ()'s (the same as `slotlab-cli advise`); this widget
 * only writes them, in MB/GB with the exact bytes beside. */

GtkWidget  *sl_decision_card_new        (void);
void        sl_decision_card_update     (SlDecisionCard *self,
                                         SlChain        *chain,
                                         const char     *class_name,
                                         SlProfile      *profile);
void        sl_decision_card_set_count  (SlDecisionCard *self,
                                         guint64         count);
guint64     sl_decision_card_get_count  (SlDecisionCard *self);

typedef enum {
  SL_DECISION_TOTAL,       /* memory asked for: fixed + N × per instance */
  SL_DECISION_INSTANCES,
  SL_DECISION_DICTS,
  SL_DECISION_VALUES,
  SL_DECISION_FIXED,
  SL_DECISION_RESIDENT,    /* what the allocator keeps */
  SL_DECISION_OVERHEAD,
  SL_DECISION_SAVING,      /* against the chain as declared */
  SL_DECISION_N_COLUMNS
} SlDecisionColumn;

/* What a cell shows: "880.0 MB", and its exact bytes "880,002,864 bytes"
 * (for tests; the tooltip and the line under it say the same). */
const char *sl_decision_card_get_text   (SlDecisionCard   *self,
                                         SlStrategy        strategy,
                                         SlDecisionColumn  column);
const char *sl_decision_card_get_exact  (SlDecisionCard   *self,
                                         SlStrategy        strategy,
                                         SlDecisionColumn  column);
/* The card as text, tab-separated (the Costs tab's Copy adds it). */
char       *sl_decision_card_dup_text   (SlDecisionCard   *self);
/* The sentence under the table ("__slots__ saves …"). */
const char *sl_decision_card_get_verdict (SlDecisionCard  *self);

G_END_DECLS
