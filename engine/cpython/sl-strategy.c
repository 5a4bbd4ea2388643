/* sl-strategy.c: PRODUCT.md's strategies as transformations of a chain. */

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sl-enums.h"
#include "sl-strategy.h"

/* What the window shows; the words are the enum's nicks. */
static const char * const labels[] = {
  [SL_STRATEGY_AS_DECLARED] = N_("As declared"),
  [SL_STRATEGY_DICT] = N_("__dict__ only"),
  [SL_STRATEGY_SLOTS] = N_("__slots__"),
  [SL_STRATEGY_MIXED] = N_("__slots__ + '__dict__'"),
};

const char *
sl_strategy_to_string (SlStrategy strategy)
{
  return sl_enum_to_nick (SL_TYPE_STRATEGY, strategy);
}

const char *
sl_strategy_get_label (SlStrategy strategy)
{
  return strategy < SL_N_STRATEGIES ? labels[strategy] : NULL;
}

gboolean
sl_strategy_from_string (const char *text,
                         SlStrategy *strategy)
{
  return sl_enum_from_nick (SL_TYPE_STRATEGY, text, (int *) strategy);
}

/* Every class reachable through `bases`, transitively. */
static void
collect_ancestors (SlChain    *chain,
                   SlClass    *klass,
                   GHashTable *out)
{
  const char * const *bases = sl_class_get_bases (klass);

  for (guint i = 0; bases[i]; i++)
    {
      SlClass *base = sl_chain_lookup (chain, bases[i]);

      if (base && g_hash_table_add (out, base))
        collect_ancestors (chain, base, out);
    }
}

/* __slots__ = the names the class's own __init__ assigns (first occurrence)
 * that no base already has as a slot, plus '__weakref__' if it listed it. */
static char **
slots_for (SlChain    *result,
           SlClass    *original,
           SlClass    *copy)
{
  g_autoptr(GHashTable) ancestors = g_hash_table_new (NULL, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *init = sl_class_get_init (original);
  GHashTableIter iter;
  gpointer key;

  collect_ancestors (result, copy, ancestors);
  g_hash_table_iter_init (&iter, ancestors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char * const *slots = sl_class_get_slots (key);

      for (guint i = 0; slots && slots[i]; i++)
        g_hash_table_add (seen, (gpointer) slots[i]);
    }

  for (guint i = 0; init[i]; i++)
    if (g_hash_table_add (seen, (gpointer) init[i]))
      g_strv_builder_add (builder, init[i]);
  if (sl_class_slots_contain (original, "__weakref__"))
    g_strv_builder_add (builder, "__weakref__");
  return g_strv_builder_end (builder);
}

SlChain *
sl_strategy_apply (SlChain    *chain,
                   const char *instance_class,
                   SlStrategy  strategy)
{
  /* The instance class and what comes before it: nothing after it
   * exists when it is created (see sl_chain_copy_up_to()). */
  SlChain *result = sl_chain_copy_up_to (chain, instance_class);
  guint n = sl_chain_get_n_classes (result);

  if (strategy == SL_STRATEGY_AS_DECLARED)
    return result;

  /* In definition order, so that bases are already transformed. */
  for (guint i = 0; i < n; i++)
    {
      SlClass *original = sl_chain_get_class (chain, i);
      SlClass *copy = sl_chain_get_class (result, i);

      SlDataclassFlags dataclass = sl_class_get_dataclass (copy);

      if (dataclass)
        {
          /* A dataclass gets its slots from dataclass(slots=True) (a
           * __slots__ of its own would clash with the fields' defaults);
           * its instances then have no __dict__, mixed or not. */
          if (strategy == SL_STRATEGY_DICT)
            dataclass &= ~(SL_DATACLASS_SLOTS | SL_DATACLASS_WEAKREF_SLOT);
          else
            dataclass |= SL_DATACLASS_SLOTS;
          sl_class_set_slots (copy, NULL);
          sl_class_set_dataclass (copy, dataclass);
        }
      else if (strategy == SL_STRATEGY_DICT)
        sl_class_set_slots (copy, NULL);
      else
        {
          g_auto(GStrv) slots = slots_for (result, original, copy);

          if (strategy == SL_STRATEGY_MIXED &&
              g_strcmp0 (sl_class_get_name (copy), instance_class) == 0)
            {
              guint len = g_strv_length (slots);

              slots = g_renew (char *, slots, len + 2);
              slots[len] = g_strdup ("__dict__");
              slots[len + 1] = NULL;
            }
          sl_class_set_slots (copy, (const char * const *) slots);
        }
      /* A spelling the new __slots__ cannot have falls back to a tuple. */
      if (!sl_class_has_slots (copy) ||
          (sl_class_get_slots_spelling (copy) == SL_SLOTS_STR && sl_class_get_n_slots (copy) != 1))
        sl_class_set_slots_spelling (copy, SL_SLOTS_TUPLE);
    }
  return result;
}
