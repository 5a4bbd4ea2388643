/* random-chain.c: random class chains for the live test and the benchmark. */

#include <string.h>

#include "random-chain.h"

/* A value kind (PRODUCT.md), lengths around the edges that matter: the
 * cached one-character strings, tuple freelists (< 20), the compiler's
 * 30-item display limit, pymalloc's 512 bytes. */
char *
sl_test_random_value_kind (GRand             *rand,
                           SlTestValueBudget *budget)
{
  static const char * const plain[] = { "small-int", "none", "bool", "shared", "int", "float" };
  static const char * const sized[] = { "str", "bytes", "tuple", "list", "const-list" };
  static const guint lengths[] = { 0, 1, 2, 3, 5, 7, 8, 12, 15, 19, 20, 25, 29, 30, 31, 32, 33, 40, 57,
                                   60, 100, 200, 470, 471, 472, 478, 479, 480, 481, 600, 1000, 3000 };
  guint pick = g_rand_int_range (rand, 0, G_N_ELEMENTS (plain) + 2 * G_N_ELEMENTS (sized));
  const char *kind;
  guint length;

  if (pick < G_N_ELEMENTS (plain))
    return g_strdup (plain[pick]);
  kind = sized[(pick - G_N_ELEMENTS (plain)) % G_N_ELEMENTS (sized)];
  length = lengths[g_rand_int_range (rand, 0, G_N_ELEMENTS (lengths))];
  if (kind[0] == 't' || kind[0] == 'l' || kind[0] == 'c')
    {
      length = MIN (MIN (length, 600), budget->items);  /* a display of a few hundred items is enough */
      budget->items -= length;
    }
  else
    {
      length = MIN (length, budget->chars);
      budget->chars -= length;
    }
  return g_strdup_printf ("%s:%u", kind, length);
}

/* A random chain in the session's schema: 1-4 classes, several bases (now
 * and then repeated), 0-60 attributes, slots that are absent, partial,
 * foreign, with '__dict__' and '__weakref__', or invalid. */
JsonNode *
sl_test_random_case (GRand *rand,
             guint  index)
{
  static const int attr_counts[] = { 0, 1, 2, 3, 5, 8, 12, 20, 28, 29, 30, 31, 35, 45, 60 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_classes = g_rand_int_range (rand, 1, 5);
  SlTestValueBudget budget = SL_TEST_VALUE_BUDGET_INIT;
  const char *instance;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  {
    g_autofree char *id = g_strdup_printf ("%u", index);

    json_builder_add_string_value (b, id);
  }
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint c = 0; c < n_classes; c++)
    {
      g_autoptr(GPtrArray) init = g_ptr_array_new_with_free_func (g_free);
      guint n_attrs = attr_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (attr_counts))];
      guint pool = MAX (n_attrs + 5, 10);
      char *name = g_rand_double (rand) < 0.9 ? g_strdup_printf ("C%u", c) : g_strdup_printf ("_K%u", c);

      g_ptr_array_add (names, name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);

      json_builder_set_member_name (b, "bases");
      json_builder_begin_array (b);
      if (c > 0)
        {
          static const int base_counts[] = { 0, 1, 1, 1, 2, 2, 3 };
          guint nb = base_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (base_counts))];
          gboolean allow_dup = g_rand_double (rand) < 0.15;
          g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

          for (guint k = 0; k < nb; k++)
            {
              guint pick = g_rand_int_range (rand, 0, c);

              if (!allow_dup && !g_hash_table_add (used, GUINT_TO_POINTER (pick + 1)))
                continue;
              json_builder_add_string_value (b, g_ptr_array_index (names, pick));
            }
        }
      json_builder_end_array (b);

      for (guint k = 0; k < n_attrs; k++)
        {
          guint pick = g_rand_int_range (rand, 0, pool + 3);
          char *attr = pick == pool ? g_strdup ("__p") : pick == pool + 1 ? g_strdup ("x")
                       : pick == pool + 2 ? g_strdup ("_C0__p") : g_strdup_printf ("a%u", pick);
          gboolean dup = FALSE;

          for (guint j = 0; j < init->len && !dup; j++)
            dup = strcmp (g_ptr_array_index (init, j), attr) == 0;
          if (dup)
            g_free (attr);
          else
            g_ptr_array_add (init, attr);
        }
      if (g_rand_double (rand) < 0.03)
        {
          static const char *special[] = { "__dict__", "__class__", "__weakref__", "__repr__", "__module__",
                                           "__doc__", "__qualname__", "__slots__", "__init__", "__x__" };

          g_ptr_array_add (init, g_strdup (special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))]));
        }

      json_builder_set_member_name (b, "slots");
      if (g_rand_double (rand) < 0.3)
        json_builder_add_null_value (b);
      else
        {
          guint k = g_rand_int_range (rand, 0, init->len + 1);
          g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_free);

          double r = g_rand_double (rand);

          if (r < 0.55)
            k = init->len;
          if (r < 0.85)
            for (guint j = 0; j < k; j++)
              g_ptr_array_add (slots, g_strdup (g_ptr_array_index (init, j)));
          else
            for (guint j = g_rand_int_range (rand, 0, 8); j > 0; j--)
              g_ptr_array_add (slots, g_strdup_printf ("a%u", g_rand_int_range (rand, 0, 40)));
          if (g_rand_double (rand) < 0.3)
            g_ptr_array_add (slots, g_strdup ("__dict__"));
          if (g_rand_double (rand) < 0.2)
            g_ptr_array_add (slots, g_strdup ("__weakref__"));
          if (g_rand_double (rand) < 0.03)
            g_ptr_array_add (slots, g_strdup ("1bad"));
          if (g_rand_double (rand) < 0.02)
            g_ptr_array_add (slots, g_strdup ("__init__"));
          if (g_rand_double (rand) < 0.04)
            {
              static const char *special[] = { "__module__", "__doc__", "__qualname__", "__slots__", "__x__" };

              g_ptr_array_add (slots, g_strdup (special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))]));
            }
          for (guint j = slots->len; j > 1; j--)
            {
              guint r = g_rand_int_range (rand, 0, j);
              gpointer t = slots->pdata[j - 1];

              slots->pdata[j - 1] = slots->pdata[r];
              slots->pdata[r] = t;
            }
          json_builder_begin_array (b);
          for (guint j = 0; j < slots->len; j++)
            json_builder_add_string_value (b, g_ptr_array_index (slots, j));
          if (g_rand_double (rand) < 0.03)
            json_builder_add_int_value (b, 7);
          json_builder_end_array (b);
        }

      json_builder_set_member_name (b, "init");
      json_builder_begin_array (b);
      for (guint j = 0; j < init->len; j++)
        {
          g_autofree char *kind = g_rand_double (rand) < 0.4 ? sl_test_random_value_kind (rand, &budget) : NULL;

          if (kind == NULL)
            {
              json_builder_add_string_value (b, g_ptr_array_index (init, j));
              continue;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, g_ptr_array_index (init, j));
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, kind);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      /* What shared/oracle/measure.py builds: type() and an __init__
       * compiled outside any class (random-class-source.c makes class
       * statements). */
      json_builder_set_member_name (b, "created_by");
      json_builder_add_string_value (b, "type");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  instance = g_rand_double (rand) < 0.3 ? g_ptr_array_index (names, g_rand_int_range (rand, 0, n_classes))
                                         : g_ptr_array_index (names, n_classes - 1);
  json_builder_set_member_name (b, "instance");
  json_builder_add_string_value (b, instance);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

SlChain *
sl_test_chain_from_case (JsonObject *c)
{
  SlChain *chain = sl_chain_new ();
  JsonArray *classes = json_object_get_array_member (c, "classes");

  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      JsonObject *k = json_array_get_object_element (classes, i);
      g_autoptr(SlClass) klass = sl_class_new (json_object_get_string_member (k, "name"));
      JsonArray *bases = json_object_get_array_member (k, "bases");
      JsonArray *init = json_object_get_array_member (k, "init");
      g_autoptr(GStrvBuilder) bb = g_strv_builder_new (), ib = g_strv_builder_new ();
      g_auto(GStrv) bv = NULL, iv = NULL;
      g_autofree const char **values = g_new0 (const char *, json_array_get_length (init) + 1);

      for (guint j = 0; j < json_array_get_length (bases); j++)
        g_strv_builder_add (bb, json_array_get_string_element (bases, j));
      for (guint j = 0; j < json_array_get_length (init); j++)
        {
          JsonNode *item = json_array_get_element (init, j);

          if (JSON_NODE_HOLDS_OBJECT (item))
            {
              g_strv_builder_add (ib, json_object_get_string_member (json_node_get_object (item), "name"));
              values[j] = json_object_get_string_member (json_node_get_object (item), "value");
            }
          else
            g_strv_builder_add (ib, json_node_get_string (item));
        }
      bv = g_strv_builder_end (bb);
      iv = g_strv_builder_end (ib);
      sl_class_set_bases (klass, (const char * const *) bv);
      sl_class_set_init_full (klass, (const char * const *) iv, values);
      if (!json_object_get_null_member (k, "slots"))
        {
          JsonArray *slots = json_object_get_array_member (k, "slots");
          g_autoptr(GStrvBuilder) sb = g_strv_builder_new (), tb = g_strv_builder_new ();
          g_auto(GStrv) sv = NULL, tv = NULL;

          for (guint j = 0; j < json_array_get_length (slots); j++)
            {
              JsonNode *item = json_array_get_element (slots, j);
              gboolean is_str = json_node_get_value_type (item) == G_TYPE_STRING;

              g_strv_builder_add (sb, is_str ? json_node_get_string (item) : "7");
              g_strv_builder_add (tb, is_str ? "" : "int");
            }
          sv = g_strv_builder_end (sb);
          tv = g_strv_builder_end (tb);
          sl_class_set_slots_full (klass, (const char * const *) sv, (const char * const *) tv);
        }
      sl_test_class_statement_from_json (klass, k);
      g_assert_true (sl_chain_append (chain, klass, NULL));
    }
  return chain;
}

/* The optional members of issue 10, as the session reader takes them
 * (without its checks: the generators write only valid ones). */
void
sl_test_class_statement_from_json (SlClass    *klass,
                                   JsonObject *k)
{
  const char *word;
  SlCreatedBy created_by = SL_CREATED_BY_CLASS;
  SlBaseInit base_init = SL_BASE_INIT_EXPLICIT;
  SlSlotsSpelling spelling = SL_SLOTS_TUPLE;

  if ((word = json_object_get_string_member_with_default (k, "created_by", NULL)))
    g_assert_true (sl_created_by_from_string (word, &created_by));
  sl_class_set_created_by (klass, created_by);
  if ((word = json_object_get_string_member_with_default (k, "base_init", NULL)))
    g_assert_true (sl_base_init_from_string (word, &base_init));
  sl_class_set_base_init (klass, base_init,
                          (guint) json_object_get_int_member_with_default (k, "base_init_at", 0));
  if ((word = json_object_get_string_member_with_default (k, "slots_spelling", NULL)))
    g_assert_true (sl_slots_spelling_from_string (word, &spelling));
  sl_class_set_slots_spelling (klass, spelling);
  if (json_object_has_member (k, "elsewhere"))
    {
      JsonArray *a = json_object_get_array_member (k, "elsewhere");
      g_autoptr(GStrvBuilder) eb = g_strv_builder_new ();
      g_auto(GStrv) ev = NULL;

      for (guint j = 0; j < json_array_get_length (a); j++)
        g_strv_builder_add (eb, json_array_get_string_element (a, j));
      ev = g_strv_builder_end (eb);
      sl_class_set_elsewhere (klass, (const char * const *) ev);
    }
  if (json_object_has_member (k, "dataclass"))
    {
      JsonObject *d = json_object_get_object_member (k, "dataclass");
      SlDataclassFlags flags = SL_DATACLASS;

      if (json_object_get_boolean_member_with_default (d, "slots", FALSE))
        flags |= SL_DATACLASS_SLOTS;
      if (json_object_get_boolean_member_with_default (d, "frozen", FALSE))
        flags |= SL_DATACLASS_FROZEN;
      if (json_object_get_boolean_member_with_default (d, "weakref_slot", FALSE))
        flags |= SL_DATACLASS_WEAKREF_SLOT;
      sl_class_set_dataclass (klass, flags);
    }
}

