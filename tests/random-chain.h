#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"

G_BEGIN_DECLS

/* A random case in shared/oracle's corpus schema: {id, classes, instance}. */
JsonNode *sl_test_random_case     (GRand      *rand,
                                   guint       index);
SlChain  *sl_test_chain_from_case (JsonObject *c);
/* What one case's values may hold in all: an instance's work and memory
 * grow with it, and a case measured again at 20,000 instances makes
 * 40,000 (a chain of 60 lists of 600 items took 6 minutes at 500
 * instances on 3.14, which builds them by appends under tracemalloc). */
typedef struct {
  guint items;       /* tuple, list and const-list items */
  guint chars;       /* str and bytes characters */
} SlTestValueBudget;
#define SL_TEST_VALUE_BUDGET_INIT { 640, 8000 }

/* A value kind (PRODUCT.md) with lengths around the edges, within what is
 * left of `budget` (taken from it).  (transfer full) */
char     *sl_test_random_value_kind (GRand             *rand,
                                     SlTestValueBudget *budget);
void      sl_test_class_statement_from_json (SlClass    *klass,
                                             JsonObject *k);

/* random-class-source.c: a random chain of class statements as people
 * write them (issue 10), in the same schema with its optional members. */
JsonNode *sl_test_random_class_case (GRand      *rand,
                                     guint       index);

G_END_DECLS
