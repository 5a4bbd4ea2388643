#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"

G_BEGIN_DECLS

/* A random case in shared/oracle's corpus schema: {id, classes, instance}. */
JsonNode *sl_test_random_case     (GRand      *rand,
                                   guint       index);
SlChain  *sl_test_chain_from_case (JsonObject *c);
/* A value kind (PRODUCT.md) with lengths around the edges.  (transfer full) */
char     *sl_test_random_value_kind (GRand    *rand);
void      sl_test_class_statement_from_json (SlClass    *klass,
                                             JsonObject *k);

/* random-class-source.c: a random chain of class statements as people
 * write them (issue 10), in the same schema with its optional members. */
JsonNode *sl_test_random_class_case (GRand      *rand,
                                     guint       index);

G_END_DECLS
