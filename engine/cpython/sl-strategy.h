#pragma once

#include "sl-chain.h"

G_BEGIN_DECLS

typedef enum {
  SL_STRATEGY_AS_DECLARED,
  SL_STRATEGY_DICT,
  SL_STRATEGY_SLOTS,
  SL_STRATEGY_MIXED,
  SL_N_STRATEGIES /*< skip >*/
} SlStrategy;

const char *sl_strategy_to_string   (SlStrategy   strategy);
const char *sl_strategy_get_label   (SlStrategy   strategy);
gboolean    sl_strategy_from_string (const char  *text,
                                     SlStrategy  *strategy);

/* PRODUCT.md's strategies as transformations of a chain (transfer full).
 * instance_class names the class whose __slots__ gets '__dict__' for
 * SL_STRATEGY_MIXED; the result ends with it (sl_chain_copy_up_to()). */
SlChain    *sl_strategy_apply       (SlChain     *chain,
                                     const char  *instance_class,
                                     SlStrategy   strategy);

G_END_DECLS
