#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"

G_BEGIN_DECLS

/* A random case in shared/oracle's corpus schema: {id, classes, instance}. */
JsonNode *sl_test_random_case     (GRand      *rand,
                                   guint       index);
SlChain  *sl_test_chain_from_case (JsonObject *c);

G_END_DECLS
