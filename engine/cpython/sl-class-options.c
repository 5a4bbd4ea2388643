/* sl-class-options.c: which ways of writing a class statement a class can
 * take (the class form asks, so that it never offers what a session could
 * not hold), by the same rules the session reader enforces. */

#include <string.h>

#include "sl-chain.h"
#include "sl-class.h"

static gboolean
has_generic_base (SlClass *klass,
                  SlChain *chain)
{
  for (const char * const *b = sl_class_get_bases (klass); *b; b++)
    if (strcmp (*b, "Generic") == 0 && (chain == NULL || sl_chain_lookup (chain, "Generic") == NULL))
      return TRUE;
  return FALSE;
}

void
sl_class_get_options (SlClass        *klass,
                      SlChain        *chain,
                      SlClassOptions *options)
{
  SlDataclassFlags dataclass;
  SlBaseInit base_init;
  gboolean statement;

  g_return_if_fail (SL_IS_CLASS (klass));
  g_return_if_fail (options != NULL);

  dataclass = sl_class_get_dataclass (klass);
  base_init = sl_class_get_base_init (klass, NULL);
  statement = sl_class_get_created_by (klass) == SL_CREATED_BY_CLASS;

  /* type() takes no decorator, has no body whose other methods the
   * compiler sees, and no subscripted typing.Generic[T]. */
  options->created_by_type = dataclass == SL_DATACLASS_NONE
                             && g_strv_length ((char **) sl_class_get_elsewhere (klass)) == 0
                             && !has_generic_base (klass, chain);
  /* A dataclass's generated __init__ never calls a base's; without a base
   * the call would reach object.__init__ and store nothing. */
  options->base_init = dataclass == SL_DATACLASS_NONE && sl_class_get_n_bases (klass) > 0;
  options->base_init_at = options->base_init && base_init != SL_BASE_INIT_NONE
                          && sl_class_get_n_init (klass) > 0;
  options->elsewhere = statement;
  options->slots_spelling = sl_class_has_slots (klass);
  options->slots_str = sl_class_has_slots (klass) && sl_class_get_n_slots (klass) == 1
                       && sl_class_get_slot_type (klass, 0) == NULL;
  options->dataclass = statement;
  /* dataclass(slots=True) makes __slots__ from the fields and refuses a
   * class that already has them. */
  options->dataclass_slots = statement && !sl_class_has_slots (klass);
  options->own_slots = !(dataclass & SL_DATACLASS_SLOTS);
}

void
sl_class_drop_inapplicable_options (SlClass *klass,
                                    SlChain *chain)
{
  SlClassOptions options;
  guint at = 0;
  SlBaseInit base_init;

  g_return_if_fail (SL_IS_CLASS (klass));

  if (sl_class_get_created_by (klass) == SL_CREATED_BY_TYPE)
    {
      sl_class_set_dataclass (klass, SL_DATACLASS_NONE);
      sl_class_set_elsewhere (klass, NULL);
    }
  sl_class_get_options (klass, chain, &options);
  if (!options.slots_spelling
      || (sl_class_get_slots_spelling (klass) == SL_SLOTS_STR && !options.slots_str))
    sl_class_set_slots_spelling (klass, SL_SLOTS_TUPLE);
  base_init = sl_class_get_base_init (klass, &at);
  if (sl_class_get_dataclass (klass) != SL_DATACLASS_NONE)
    sl_class_set_base_init (klass, SL_BASE_INIT_EXPLICIT, 0);
  else if (base_init == SL_BASE_INIT_NONE && at != 0)
    sl_class_set_base_init (klass, SL_BASE_INIT_NONE, 0);
}
