/* vector-helpers.c: see vector-helpers.h. */

#include "vector-helpers.h"

SlChain *
sl_test_vector_chain (JsonObject *c)
{
  SlChain *chain = sl_chain_new ();
  JsonArray *classes = json_object_get_array_member (c, "classes");

  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      JsonObject *k = json_array_get_object_element (classes, i);
      g_autoptr(SlClass) klass = sl_class_new (json_object_get_string_member (k, "name"));
      g_autoptr(GStrvBuilder) bases = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) init = g_strv_builder_new ();
      g_auto(GStrv) bases_v = NULL, init_v = NULL;
      g_autoptr(GError) error = NULL;

      if (json_object_has_member (k, "bases"))
        {
          JsonArray *a = json_object_get_array_member (k, "bases");

          for (guint j = 0; j < json_array_get_length (a); j++)
            g_strv_builder_add (bases, json_array_get_string_element (a, j));
        }
      if (json_object_has_member (k, "init"))
        {
          JsonArray *a = json_object_get_array_member (k, "init");

          for (guint j = 0; j < json_array_get_length (a); j++)
            g_strv_builder_add (init, json_array_get_string_element (a, j));
        }
      if (json_object_has_member (k, "slots") && !json_object_get_null_member (k, "slots"))
        {
          JsonArray *a = json_object_get_array_member (k, "slots");
          g_autoptr(GStrvBuilder) slots = g_strv_builder_new ();
          g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
          g_auto(GStrv) slots_v = NULL, types_v = NULL;

          /* A non-string item keeps its Python type: CPython refuses it. */
          for (guint j = 0; j < json_array_get_length (a); j++)
            {
              JsonNode *item = json_array_get_element (a, j);

              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                {
                  g_strv_builder_add (slots, json_node_get_string (item));
                  g_strv_builder_add (types, "");
                }
              else
                {
                  g_strv_builder_add (slots, "0");
                  g_strv_builder_add (types, json_node_get_value_type (item) == G_TYPE_BOOLEAN ? "bool" :
                                             json_node_get_value_type (item) == G_TYPE_DOUBLE ? "float" : "int");
                }
            }
          slots_v = g_strv_builder_end (slots);
          types_v = g_strv_builder_end (types);
          sl_class_set_slots_full (klass, (const char * const *) slots_v, (const char * const *) types_v);
        }
      bases_v = g_strv_builder_end (bases);
      init_v = g_strv_builder_end (init);
      sl_class_set_bases (klass, (const char * const *) bases_v);
      sl_class_set_init (klass, (const char * const *) init_v);
      /* shared/oracle/measure.py builds every class with type() and an
       * __init__ exec'd outside any class body. */
      sl_class_set_created_by (klass, SL_CREATED_BY_TYPE);
      g_assert_true (sl_chain_append (chain, klass, &error));
      g_assert_no_error (error);
    }
  return chain;
}

JsonNode *
sl_test_load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
