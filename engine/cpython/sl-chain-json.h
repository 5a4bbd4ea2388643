#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"

G_BEGIN_DECLS

/* Who reads the JSON of a chain.  Both get the session file's schema
 * (PRODUCT.md): name, bases, slots (an item that is not a string as the
 * JSON value it was read from), init (an item with a value kind as
 * {"name", "value"}), then how the class statement is written, only where
 * it differs from the defaults. */
typedef enum {
  /* The session file: created_by, slots_spelling, base_init,
   * base_init_at (never with base_init "none"), elsewhere, dataclass. */
  SL_CHAIN_JSON_SESSION,
  /* data/slotlab-probe.py's stdin: created_by, base_init, base_init_at
   * (whenever it is not 0), slots_spelling, dataclass, elsewhere; the
   * order and rule it has always been sent (tests/test-chain-json.c). */
  SL_CHAIN_JSON_PROBE,
} SlChainJsonReader;

/* strv (NULL: empty) as a JSON array of strings. */
void      sl_chain_json_add_strv  (JsonBuilder        *builder,
                                   const char * const *strv);
void      sl_chain_json_add_class (JsonBuilder       *builder,
                                   SlClass           *klass,
                                   SlChainJsonReader  reader);
/* The chain as a JSON array of classes.  (transfer full) */
JsonNode *sl_chain_to_json        (SlChain           *chain,
                                   SlChainJsonReader  reader);

G_END_DECLS
