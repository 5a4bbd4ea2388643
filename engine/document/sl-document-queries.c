/* sl-document-queries.c: the questions every view asks, answered once.
 *
 * The window, slotlab-cli and the tests ask these functions; none of them
 * decides a rule of its own: how much of the chain a layout counts, which
 * profile a version string means, which interpreter runs an experiment,
 * what counts as a pitfall, how a rename carries over to the bases. */

#include <math.h>
#include <string.h>

#include "sl-document-private.h"

/* ---------------------------------------------------------------------- */
/* Profiles and layouts                                                   */

SlProfile *
sl_document_dup_profile (SlDocument  *self,
                         GError     **error)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return sl_profile_lookup_version (sl_session_get_python (sl_document_get_session (self)), error);
}

static SlLayout *
layout_of (SlChain     *chain,
           const char  *class_name,
           SlStrategy   strategy,
           SlProfile   *profile,
           GError     **error)
{
  g_autoptr(SlChain) variant = NULL;

  if (sl_chain_lookup (chain, class_name) == NULL)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class “%s” in the session", class_name);
      return NULL;
    }
  /* How much of the chain counts is the engine's one rule: the class
   * statements up to and including this one (sl_chain_copy_up_to(), used
   * by sl_strategy_apply() and sl_layout_compute()). */
  variant = sl_strategy_apply (chain, class_name, strategy);
  if (variant == NULL)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "the %s strategy does not apply to “%s”", sl_strategy_to_string (strategy), class_name);
      return NULL;
    }
  return sl_layout_compute (variant, class_name, profile, error);
}

SlLayout *
sl_document_dup_layout (SlDocument  *self,
                        const char  *class_name,
                        SlStrategy   strategy,
                        SlProfile   *profile,
                        GError     **error)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (class_name != NULL, NULL);
  g_return_val_if_fail (SL_IS_PROFILE (profile), NULL);

  return layout_of (sl_document_get_chain (self), class_name, strategy, profile, error);
}

static void
cost_row_free (SlCostRow *row)
{
  g_clear_pointer (&row->layout, sl_layout_unref);
  g_free (row);
}

static gboolean
figure_applies (double value)
{
  return !isnan (value) && value >= 0;
}

GPtrArray *
sl_document_dup_cost_rows (SlDocument *self,
                           const char *class_name,
                           SlProfile  *profile)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cost_row_free);

  g_return_val_if_fail (SL_IS_DOCUMENT (self), rows);

  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      SlCostRow *row = g_new0 (SlCostRow, 1);
      gboolean usable;

      row->strategy = s;
      row->layout = sl_document_dup_layout (self, class_name, s, profile, NULL);
      usable = row->layout != NULL && sl_layout_get_error (row->layout) == NULL;
      for (guint m = 0; m < SL_N_METRICS; m++)
        {
          row->per_instance[m] = usable ? sl_layout_get_per_instance (row->layout, m) : NAN;
          row->fixed[m] = usable ? sl_layout_get_fixed (row->layout, m) : NAN;
        }
      g_ptr_array_add (rows, row);
    }

  /* The cheapest of each metric, ties all marked. */
  for (guint m = 0; m < SL_N_METRICS; m++)
    {
      double best = INFINITY;

      for (guint s = 0; s < rows->len; s++)
        {
          SlCostRow *row = g_ptr_array_index (rows, s);

          if (figure_applies (row->per_instance[m]) && row->per_instance[m] < best)
            best = row->per_instance[m];
        }
      for (guint s = 0; s < rows->len; s++)
        {
          SlCostRow *row = g_ptr_array_index (rows, s);

          row->cheapest[m] = figure_applies (row->per_instance[m]) && row->per_instance[m] == best;
        }
    }
  return rows;
}

/* ---------------------------------------------------------------------- */
/* Pitfalls                                                               */

static void
pitfall_free (SlPitfall *pitfall)
{
  g_free (pitfall->class_name);
  g_free (pitfall);
}

static double
traced_difference (SlLayout *costly,
                   SlLayout *cheaper)
{
  if (costly == NULL || cheaper == NULL
      || sl_layout_get_error (costly) != NULL || sl_layout_get_error (cheaper) != NULL)
    return -1;
  return sl_layout_get_per_instance (costly, SL_METRIC_TRACED)
         - sl_layout_get_per_instance (cheaper, SL_METRIC_TRACED);
}

/* Every name a slot of klass or of a class it inherits from. */
static void
collect_slots (SlChain    *chain,
               SlClass    *klass,
               GHashTable *names,
               guint       depth)
{
  const char * const *bases = sl_class_get_bases (klass);

  if (depth > SL_CHAIN_MAX_CLASSES)
    return;
  for (guint i = 0; sl_class_has_slots (klass) && i < sl_class_get_n_slots (klass); i++)
    g_hash_table_add (names, (gpointer) sl_class_get_slots (klass)[i]);
  for (guint b = 0; bases[b]; b++)
    {
      SlClass *base = sl_chain_lookup (chain, bases[b]);

      if (base != NULL)
        collect_slots (chain, base, names, depth + 1);
    }
}

/* Whether some name __init__ stores (the class's own and its bases') has
 * no slot: then the instance needs its '__dict__'. */
static gboolean
needs_dict (SlChain *chain,
            SlClass *klass,
            GHashTable *slots,
            guint    depth)
{
  const char * const *init = sl_class_get_init (klass);
  const char * const *bases = sl_class_get_bases (klass);

  if (depth > SL_CHAIN_MAX_CLASSES)
    return TRUE;
  for (guint i = 0; init[i]; i++)
    if (!g_hash_table_contains (slots, init[i]))
      return TRUE;
  for (guint b = 0; bases[b]; b++)
    {
      SlClass *base = sl_chain_lookup (chain, bases[b]);

      if (base != NULL && needs_dict (chain, base, slots, depth + 1))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
sl_document_dup_pitfalls (SlDocument *self,
                          SlProfile  *profile)
{
  GPtrArray *pitfalls = g_ptr_array_new_with_free_func ((GDestroyNotify) pitfall_free);
  SlChain *chain;
  guint n;

  g_return_val_if_fail (SL_IS_DOCUMENT (self), pitfalls);
  g_return_val_if_fail (SL_IS_PROFILE (profile), pitfalls);

  chain = sl_document_get_chain (self);
  n = sl_chain_get_n_classes (chain);
  for (guint i = 0; i < n; i++)
    {
      SlClass *klass = sl_chain_get_class (chain, i);
      const char *name = sl_class_get_name (klass);
      const char * const *bases = sl_class_get_bases (klass);
      g_autoptr(SlLayout) declared = layout_of (chain, name, SL_STRATEGY_AS_DECLARED, profile, NULL);
      SlPitfall *pitfall = NULL;

      if (declared == NULL || sl_layout_get_error (declared) != NULL)
        continue;

      if (!sl_class_has_slots (klass) && bases[0] != NULL)
        {
          /* Slide 7: every base leaves __dict__ out, this class brings it
           * back by not saying __slots__. */
          gboolean dict_from_base = FALSE;

          for (guint b = 0; bases[b] && !dict_from_base; b++)
            {
              g_autoptr(SlLayout) base = layout_of (chain, bases[b], SL_STRATEGY_AS_DECLARED, profile, NULL);

              dict_from_base = base == NULL || sl_layout_get_error (base) != NULL
                               || sl_layout_get_figures (base)->has_dict;
            }
          if (!dict_from_base)
            {
              g_autoptr(SlLayout) slotted = layout_of (chain, name, SL_STRATEGY_SLOTS, profile, NULL);

              pitfall = g_new0 (SlPitfall, 1);
              pitfall->kind = SL_PITFALL_DICT_UNDER_SLOTS;
              pitfall->extra_traced = traced_difference (declared, slotted);
            }
        }
      else if (sl_class_slots_contain (klass, "__dict__"))
        {
          /* '__dict__' in __slots__ although every name __init__ stores
           * has a slot: a dict pointer (and on 3.11+ its pre-header) that
           * nothing asked for. */
          g_autoptr(GHashTable) slots = g_hash_table_new (g_str_hash, g_str_equal);

          collect_slots (chain, klass, slots, 0);
          if (!needs_dict (chain, klass, slots, 0))
            {
              g_autoptr(SlChain) without = sl_chain_copy (chain);
              SlClass *copy = sl_chain_get_class (without, i);
              g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
              g_auto(GStrv) kept = NULL;
              g_autoptr(SlLayout) lean = NULL;
              const char * const *names = sl_class_get_slots (copy);

              for (guint k = 0; names[k]; k++)
                if (strcmp (names[k], "__dict__") != 0)
                  g_strv_builder_add (builder, names[k]);
              kept = g_strv_builder_end (builder);
              sl_class_set_slots (copy, (const char * const *) kept);
              lean = layout_of (without, name, SL_STRATEGY_AS_DECLARED, profile, NULL);

              pitfall = g_new0 (SlPitfall, 1);
              pitfall->kind = SL_PITFALL_UNASKED_DICT;
              pitfall->extra_traced = traced_difference (declared, lean);
            }
        }

      if (pitfall != NULL)
        {
          pitfall->class_name = g_strdup (name);
          g_ptr_array_add (pitfalls, pitfall);
        }
    }
  return pitfalls;
}

/* ---------------------------------------------------------------------- */
/* Experiments and interpreters                                           */

const char *
sl_experiment_get_version (SlExperiment *experiment,
                           SlSession    *session)
{
  const char * const *pythons;

  g_return_val_if_fail (SL_IS_EXPERIMENT (experiment), NULL);

  pythons = sl_experiment_get_pythons (experiment);
  if (pythons != NULL && pythons[0] != NULL && *pythons[0] != '\0')
    return pythons[0];
  return session ? sl_session_get_python (session) : NULL;
}

const char *
sl_document_get_experiment_python (SlDocument   *self,
                                   SlExperiment *experiment)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return sl_experiment_get_version (experiment, sl_document_get_session (self));
}

/* The rule itself is sl_interpreter_choose() (engine/lab/sl-interpreter.c):
 * "3.12" means a 3.12 build of that kind, "3.12.1" that release.  These
 * two only say it for one interpreter, or for the first of a list. */
gboolean
sl_interpreter_is_version (SlInterpreter *interp,
                           const char    *version)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (SL_IS_INTERPRETER (interp), FALSE);

  g_ptr_array_add (one, interp);
  return sl_interpreter_choose (one, version, NULL) == interp;
}

SlInterpreter *
sl_interpreter_pick (GPtrArray  *interpreters,
                     const char *version)
{
  return interpreters != NULL ? sl_interpreter_choose (interpreters, version, NULL) : NULL;
}

SlInterpreter *
sl_document_pick_interpreter (SlDocument    *self,
                              SlExperiment  *experiment,
                              GPtrArray     *interpreters)
{
  g_return_val_if_fail (SL_IS_DOCUMENT (self), NULL);
  return sl_interpreter_pick (interpreters, sl_document_get_experiment_python (self, experiment));
}

/* ---------------------------------------------------------------------- */
/* What the experiment form types                                         */

static GStrv
split_items (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", ", \t\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    if (*parts[i])
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

GArray *
sl_parse_count_list (const char  *text,
                     GError     **error)
{
  g_auto(GStrv) items = split_items (text);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint n = g_strv_length (items);

  if (n == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "no instance count: type counts separated by commas");
      return NULL;
    }
  if (n > SL_EXPERIMENT_MAX_POINTS)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%u counts, more than the limit of %d", n, SL_EXPERIMENT_MAX_POINTS);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (items[i], 10, 1, SL_EXPERIMENT_MAX_COUNT, &v, NULL))
        {
          g_autofree char *quoted = g_strescape (items[i], NULL);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "count %u, \"%s\", is not a whole number from 1 to 10^12", i + 1, quoted);
          return NULL;
        }
      g_array_append_val (counts, v);
    }
  return g_steal_pointer (&counts);
}

GStrv
sl_parse_version_list (const char  *text,
                       GError     **error)
{
  g_auto(GStrv) items = split_items (text);

  for (guint i = 0; items[i]; i++)
    {
      g_autoptr(SlProfile) profile = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!(profile = sl_profile_lookup (items[i], &local_error)))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "version %u: %s", i + 1, local_error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&items);
}
