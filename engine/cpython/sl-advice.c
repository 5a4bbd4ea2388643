/* sl-advice.c: the decision card (see sl-advice.h). */

#include <math.h>

#include "sl-advice.h"

void
sl_advice_free (SlAdvice *self)
{
  if (self == NULL)
    return;
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    g_free (self->rows[s].error);
  g_free (self->class_name);
  g_clear_object (&self->profile);
  g_free (self);
}

/* The rows' layouts by the engine's one rule for a strategy (the same as
 * sl-document-queries.c's layout_of()). */
static SlLayout *
layout_for (SlChain     *chain,
            const char  *class_name,
            SlStrategy   strategy,
            SlProfile   *profile,
            GError     **error)
{
  g_autoptr(SlChain) variant = sl_strategy_apply (chain, class_name, strategy);

  if (variant == NULL)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "the %s strategy does not apply to \"%s\"", sl_strategy_to_string (strategy), class_name);
      return NULL;
    }
  return sl_layout_compute (variant, class_name, profile, error);
}

SlAdvice *
sl_advice_compute (SlChain     *chain,
                   const char  *class_name,
                   SlProfile   *profile,
                   guint64      count,
                   GError     **error)
{
  g_autoptr(SlAdvice) self = NULL;
  const SlAdviceRow *declared;
  double n = (double) count;

  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);
  g_return_val_if_fail (SL_IS_PROFILE (profile), NULL);

  if (class_name == NULL || sl_chain_lookup (chain, class_name) == NULL)
    {
      g_autofree char *quoted = g_strescape (class_name ? class_name : "", NULL);

      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class named \"%s\" in the chain", quoted);
      return NULL;
    }
  if (count == 0 || count > SL_ADVICE_MAX_COUNT)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "the count %" G_GUINT64_FORMAT " is not from 1 to 10^12", count);
      return NULL;
    }

  self = g_new0 (SlAdvice, 1);
  self->class_name = g_strdup (class_name);
  self->profile = g_object_ref (profile);
  self->count = count;

  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      SlAdviceRow *row = &self->rows[s];
      g_autoptr(SlLayout) layout = layout_for (chain, class_name, s, profile, error);
      const SlFigures *f;

      row->strategy = s;
      if (layout == NULL)
        return NULL;
      if (sl_layout_get_error (layout) != NULL)
        {
          row->error = g_strdup (sl_layout_get_error (layout));
          continue;
        }
      f = sl_layout_get_figures (layout);
      row->per_instance = sl_layout_get_per_instance (layout, SL_METRIC_TRACED);
      row->fixed = sl_layout_get_fixed (layout, SL_METRIC_TRACED);
      row->requested = row->fixed + n * row->per_instance;
      row->instances = n * f->traced_by_part[SL_PART_OBJECT];
      row->dicts = n * (f->traced_by_part[SL_PART_DICT] + f->traced_by_part[SL_PART_KEYS] +
                        f->traced_by_part[SL_PART_VALUES]);
      row->value_objects = n * f->traced_by_part[SL_PART_VALUE_OBJECTS];
      row->resident_per_instance = sl_layout_get_per_instance (layout, SL_METRIC_RESIDENT);
      row->resident = sl_layout_get_fixed (layout, SL_METRIC_RESIDENT) + n * row->resident_per_instance;
      row->overhead = row->resident - row->requested;
    }

  declared = &self->rows[SL_STRATEGY_AS_DECLARED];
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      SlAdviceRow *row = &self->rows[s];

      if (row->error != NULL || declared->error != NULL)
        continue;
      row->saving = declared->requested - row->requested;
      row->saving_share = declared->requested > 0 ? row->saving / declared->requested : 0;
    }
  return g_steal_pointer (&self);
}

/* Whole bytes as JSON integers (exact up to 2^53), a fraction as a number. */
static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
}

JsonNode *
sl_advice_to_json (SlAdvice *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const SlAdviceRow *declared = &self->rows[SL_STRATEGY_AS_DECLARED];
  const SlAdviceRow *slots = &self->rows[SL_STRATEGY_SLOTS];
  const SlAdviceRow *dict = &self->rows[SL_STRATEGY_DICT];

#define NUM(name, value) add_number (b, name, value)
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, self->class_name);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, sl_profile_get_id (self->profile));
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, (gint64) self->count);
  json_builder_set_member_name (b, "strategies");
  json_builder_begin_array (b);
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      const SlAdviceRow *row = &self->rows[s];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "strategy");
      json_builder_add_string_value (b, sl_strategy_to_string (s));
      if (row->error != NULL)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, row->error);
          json_builder_end_object (b);
          continue;
        }
      NUM ("requested", row->requested);
      NUM ("per_instance", row->per_instance);
      json_builder_set_member_name (b, "breakdown");
      json_builder_begin_object (b);
      NUM ("instances", row->instances);
      NUM ("dicts_and_values_arrays", row->dicts);
      NUM ("value_objects", row->value_objects);
      NUM ("fixed", row->fixed);
      json_builder_end_object (b);
      NUM ("resident", row->resident);
      NUM ("resident_per_instance", row->resident_per_instance);
      NUM ("allocator_overhead", row->overhead);
      if (declared->error == NULL)
        {
          NUM ("saving_vs_declared", row->saving);
          NUM ("saving_vs_declared_share", row->saving_share);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* What __slots__ saves: the slots strategy against the chain as
   * declared and against no __slots__ anywhere, as shares of those. */
  if (slots->error == NULL)
    {
      json_builder_set_member_name (b, "slots_saves");
      json_builder_begin_object (b);
      if (declared->error == NULL)
        {
          NUM ("vs_declared", declared->requested - slots->requested);
          NUM ("vs_declared_share", declared->requested > 0
                                      ? (declared->requested - slots->requested) / declared->requested : 0);
        }
      if (dict->error == NULL)
        {
          NUM ("vs_dict", dict->requested - slots->requested);
          NUM ("vs_dict_share", dict->requested > 0 ? (dict->requested - slots->requested) / dict->requested : 0);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
#undef NUM
  return json_builder_get_root (b);
}
