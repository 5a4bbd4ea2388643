#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"
#include "sl-layout.h"
#include "sl-profile.h"
#include "sl-strategy.h"

G_BEGIN_DECLS

/* The decision card: N instances of a class on one release, as declared
 * and with each strategy — the memory they ask for (what tracemalloc
 * traces: requested bytes), broken down by what holds it, the memory the
 * allocator keeps for it (the resident model: pymalloc's or mimalloc's
 * rounding, pools and arenas), and what __slots__ saves of the whole,
 * values included.  Every total is fixed + N × per-instance from the
 * strategy's SlLayout, so any N up to 10^12 is answered at once.  The
 * window's Costs view and `slotlab-cli advise` print the same numbers. */

typedef struct {
  SlStrategy  strategy;
  char       *error;                  /* CPython refuses this variant; the figures are 0 */
  double      per_instance;           /* requested bytes per instance, values included */
  double      fixed;                  /* requested once for the class (shared keys, first instances) */
  double      requested;              /* fixed + N × per_instance */
  double      instances;              /* N × the object (headers, slots, inline values) */
  double      dicts;                  /* N × dict objects, keys tables and values arrays */
  double      value_objects;          /* N × what the attributes hold */
  double      resident_per_instance;  /* the allocator's memory per instance */
  double      resident;               /* its fixed part + N × resident_per_instance */
  double      overhead;               /* resident − requested */
  double      saving;                 /* requested as declared − requested here */
  double      saving_share;           /* saving / requested as declared (0 when that is refused) */
} SlAdviceRow;

typedef struct {
  char        *class_name;
  SlProfile   *profile;
  guint64      count;
  SlAdviceRow  rows[SL_N_STRATEGIES]; /* in SlStrategy order */
} SlAdvice;

#define SL_ADVICE_MAX_COUNT G_GUINT64_CONSTANT (1000000000000)

/* NULL with error only for bad input (no such class, count 0 or over
 * 10^12); a variant CPython refuses is a row with its error. */
SlAdvice *sl_advice_compute (SlChain     *chain,
                             const char  *class_name,
                             SlProfile   *profile,
                             guint64      count,
                             GError     **error);
void      sl_advice_free    (SlAdvice    *self);
/* The `slotlab-cli advise --json` object. */
JsonNode *sl_advice_to_json (SlAdvice    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlAdvice, sl_advice_free)

G_END_DECLS
