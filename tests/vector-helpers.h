/* vector-helpers.h: the public vectors of tests/vectors/ (from
 * shared/oracle/): a case of public.json as a chain, and JSON files. */
#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"

G_BEGIN_DECLS

/* The case's "classes" as measure.py builds them: type() with an __init__
 * exec'd outside any class body (created_by "type"). */
SlChain  *sl_test_vector_chain    (JsonObject *c);
JsonNode *sl_test_load_json       (const char *path);

G_END_DECLS
