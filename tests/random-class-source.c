/* random-class-source.c: random chains of class statements as people
 * write them, for the live comparison (issue 10): chains and diamonds,
 * every __slots__ spelling, '__dict__' and '__weakref__', private names,
 * names stored in other methods or branches never taken, the base's
 * __init__ called first, in the middle, last, through super() or never,
 * and 0-40 attributes around the 8/16/29/30/31 edges of the dict tables. */

#include <string.h>

#include "random-chain.h"

static gboolean
chance (GRand  *rand,
        double  p)
{
  return g_rand_double (rand) < p;
}

static gboolean
contains (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static void
add_unique (GPtrArray  *names,
            const char *name)
{
  if (!contains (names, name))
    g_ptr_array_add (names, g_strdup (name));
}

static void
shuffle (GRand     *rand,
         GPtrArray *a)
{
  for (guint j = a->len; j > 1; j--)
    {
      guint r = g_rand_int_range (rand, 0, j);
      gpointer t = a->pdata[j - 1];

      a->pdata[j - 1] = a->pdata[r];
      a->pdata[r] = t;
    }
}

static char *
random_attribute (GRand *rand,
                  guint  pool)
{
  static const char *special[] = { "__p", "__q", "_C0__p", "_C1__q", "x", "__x__" };

  if (chance (rand, 0.12))
    return g_strdup (special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))]);
  return g_strdup_printf ("a%u", g_rand_int_range (rand, 0, pool));
}

static void
add_string_array (JsonBuilder *b,
                  const char  *member,
                  GPtrArray   *items)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint j = 0; j < items->len; j++)
    json_builder_add_string_value (b, g_ptr_array_index (items, j));
  json_builder_end_array (b);
}

JsonNode *
sl_test_random_class_case (GRand *rand,
                           guint  index)
{
  static const int attr_counts[] = { 0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 20, 28, 29, 30, 31, 32, 35, 40 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_classes = g_rand_int_range (rand, 1, 6);
  SlTestValueBudget budget = SL_TEST_VALUE_BUDGET_INIT;
  g_autofree char *id = g_strdup_printf ("%u", index);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint c = 0; c < n_classes; c++)
    {
      g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) init = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) elsewhere = g_ptr_array_new_with_free_func (g_free);
      guint n_attrs = attr_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (attr_counts))];
      guint pool = MAX (n_attrs + 6, 10);
      char *name;
      gboolean by_type, slots_null, is_dataclass;
      double r;

      /* Class names: mostly plain; a leading underscore is stripped when
       * mangling, and a name of underscores only mangles nothing. */
      r = g_rand_double (rand);
      name = r < 0.8 ? g_strdup_printf ("C%u", c) : r < 0.9 ? g_strdup_printf ("_K%u", c)
             : r < 0.95 ? g_strnfill (c + 1, '_') : g_strdup_printf ("K_%u_", c);
      if (contains (names, name))
        {
          g_free (name);
          name = g_strdup_printf ("C%u", c);
        }
      g_ptr_array_add (names, name);

      /* Bases: none, one, or two or three (diamonds as soon as two
       * classes share a base). */
      if (c > 0)
        {
          static const int base_counts[] = { 0, 1, 1, 1, 2, 2, 2, 3 };
          guint nb = base_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (base_counts))];

          for (guint k = 0; k < nb; k++)
            add_unique (bases, g_ptr_array_index (names, g_rand_int_range (rand, 0, c)));
        }

      for (guint k = 0; k < n_attrs; k++)
        {
          g_autofree char *attr = random_attribute (rand, pool);

          add_unique (init, attr);
        }
      if (chance (rand, 0.35))
        for (guint k = g_rand_int_range (rand, 1, 8); k > 0; k--)
          {
            g_autofree char *attr = random_attribute (rand, pool + 4);

            add_unique (elsewhere, attr);
          }
      if (chance (rand, 0.02))
        add_unique (init, chance (rand, 0.5) ? "__static_attributes__" : "__firstlineno__");
      /* A type() call has no class body for other methods. */
      by_type = chance (rand, 0.08);
      if (by_type)
        g_ptr_array_set_size (elsewhere, 0);
      /* Dataclasses: fields with defaults, __init__ written by dataclass(). */
      is_dataclass = !by_type && chance (rand, 0.15);
      /* abc.ABC or typing.Generic[T] (type() cannot take the latter). */
      if (chance (rand, 0.12))
        {
          const char *library = by_type || chance (rand, 0.5) ? "ABC" : "Generic";

          if (chance (rand, 0.5))
            add_unique (bases, library);
          else if (!contains (bases, library))
            g_ptr_array_insert (bases, 0, g_strdup (library));
        }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      add_string_array (b, "bases", bases);

      json_builder_set_member_name (b, "slots");
      slots_null = chance (rand, 0.5);
      if (slots_null)
        json_builder_add_null_value (b);
      else
        {
          g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_free);
          guint k = chance (rand, 0.75) ? init->len : (guint) g_rand_int_range (rand, 0, init->len + 1);
          guint spelling;

          for (guint j = 0; j < k; j++)
            add_unique (slots, g_ptr_array_index (init, j));
          if (chance (rand, 0.1) && elsewhere->len)
            add_unique (slots, g_ptr_array_index (elsewhere, 0));
          if (chance (rand, 0.4))
            add_unique (slots, "__dict__");
          if (chance (rand, 0.15))
            add_unique (slots, "__weakref__");
          if (chance (rand, 0.02))
            add_unique (slots, chance (rand, 0.5) ? "__module__" : "__firstlineno__");
          shuffle (rand, slots);
          json_builder_begin_array (b);
          for (guint j = 0; j < slots->len; j++)
            json_builder_add_string_value (b, g_ptr_array_index (slots, j));
          json_builder_end_array (b);
          spelling = g_rand_int_range (rand, 0, slots->len == 1 ? 4 : 3);
          if (spelling == 3)
            spelling = 2;   /* "str": one name */
          else if (spelling == 2)
            spelling = 3;   /* "dict" */
          if (spelling != 0)
            {
              static const char *words[] = { "tuple", "list", "str", "dict" };

              json_builder_set_member_name (b, "slots_spelling");
              json_builder_add_string_value (b, words[spelling]);
            }
        }

      /* Now and then the attributes hold values of every kind (issue 11),
       * dataclass fields too (a default_factory in the source). */
      if (chance (rand, 0.3))
        {
          json_builder_set_member_name (b, "init");
          json_builder_begin_array (b);
          for (guint j = 0; j < init->len; j++)
            {
              g_autofree char *kind = chance (rand, 0.5) ? sl_test_random_value_kind (rand, &budget) : NULL;

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
        }
      else
        add_string_array (b, "init", init);
      if (elsewhere->len)
        add_string_array (b, "elsewhere", elsewhere);

      r = is_dataclass ? 1.0 : g_rand_double (rand);
      if (r < 0.5 || is_dataclass)
        ;  /* explicit, the default; a dataclass's __init__ calls no base */
      else
        {
          json_builder_set_member_name (b, "base_init");
          json_builder_add_string_value (b, r < 0.85 ? "super" : "none");
        }
      if (r < 0.85 && chance (rand, 0.5))
        {
          json_builder_set_member_name (b, "base_init_at");
          json_builder_add_int_value (b, g_rand_int_range (rand, 0, init->len + 2));
        }
      if (is_dataclass)
        {
          gboolean dc_slots = slots_null && chance (rand, 0.5);

          json_builder_set_member_name (b, "dataclass");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "slots");
          json_builder_add_boolean_value (b, dc_slots);
          json_builder_set_member_name (b, "frozen");
          json_builder_add_boolean_value (b, chance (rand, 0.3));
          json_builder_set_member_name (b, "weakref_slot");
          json_builder_add_boolean_value (b, dc_slots && chance (rand, 0.3));
          json_builder_end_object (b);
        }
      else if (by_type)
        {
          json_builder_set_member_name (b, "created_by");
          json_builder_add_string_value (b, "type");
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "instance");
  /* The last class: the module has made every class before it, and
   * nothing after (sl_chain_copy_up_to()). */
  json_builder_add_string_value (b, g_ptr_array_index (names, n_classes - 1));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
