/* sl-explain.c: which of CPython's mechanisms make a layout's figures,
 * in words, with the change that brought each.
 *
 * The words are data: the table below, with {fields} filled from the
 * layout.  The decision of which apply is code, from the same facts the
 * layout was computed from (the profile's mechanisms, the fields and
 * blocks of the layout), so the explanation cannot disagree with the
 * figure beside it.
 */

#include <string.h>

#include "sl-explain.h"
#include "sl-profile-private.h"
#include "sl-type-model-private.h"

typedef enum {
  EXPLAIN_SLOTS_ONLY,
  EXPLAIN_SPLIT_DICT,
  EXPLAIN_LAZY_DICT,
  EXPLAIN_MANAGED_DICT,
  EXPLAIN_MANAGED_WEAKREF,
  EXPLAIN_INLINE_VALUES,
  EXPLAIN_ISSUE_135385,
  EXPLAIN_FIXED_314,
  EXPLAIN_FREE_THREADED,
  EXPLAIN_MIMALLOC,
  N_EXPLAIN
} ExplainId;

static const struct {
  const char *id;
  const char *title;
  const char *text;
  const char *change;
} texts[N_EXPLAIN] = {
  [EXPLAIN_SLOTS_ONLY] = {
    "slots-only", "Slots, no __dict__",
    "Every attribute is a slot: a pointer at a fixed offset inside the object, described by the class. "
    "No dict, keys or values array is allocated for them: the object is one block of {object}; "
    "setting an attribute the class does not declare raises AttributeError.",
    "__slots__, in CPython since 2.2" },
  [EXPLAIN_SPLIT_DICT] = {
    "split-dict", "A key-sharing dict per instance",
    "Each instance has its own dict object ({dict}) and its own values array ({values}); "
    "the keys table is shared by every instance of the class and counted once, not per instance.",
    "PEP 412, CPython 3.3" },
  [EXPLAIN_LAZY_DICT] = {
    "lazy-dict", "No dict until __dict__ is read",
    "The attributes live in a values array, and no dict object exists until something reads obj.__dict__. "
    "getsizeof(obj.__dict__) makes one ({getsizeof_dict}), so the lecture's method "
    "getsizeof(obj) + getsizeof(obj.__dict__) reports {after_touch} where tracemalloc saw {traced}.",
    "CPython 3.11, bpo-45340: instance dicts created lazily" },
  [EXPLAIN_MANAGED_DICT] = {
    "managed-dict", "The dict pointer before the object",
    "The pointer to the dict (or to the values) is not in the object but in a pre-header before {front}, "
    "so basicsize ({basicsize}) does not count it; getsizeof(obj) adds {added}: {getsizeof}.",
    "CPython 3.11, Py_TPFLAGS_MANAGED_DICT" },
  [EXPLAIN_MANAGED_WEAKREF] = {
    "managed-weakref", "The weakref list before the object",
    "__weakref__ moved into the pre-header too: the two words before {front} hold the dict and weakref "
    "pointers of every class without __slots__, so its instances start 16 bytes before {front}.",
    "CPython 3.12, gh-95245: Py_TPFLAGS_MANAGED_WEAKREF" },
  [EXPLAIN_INLINE_VALUES] = {
    "inline-values", "Values inside the object",
    "The values array is part of the object itself, after its header: one allocation of {object} "
    "holds the instance and its attributes, with no separate values block.",
    "CPython 3.13, gh-115776: values embedded in the object" },
  [EXPLAIN_ISSUE_135385] = {
    "issue-135385", "3.13: slots and a __dict__ cost a 30-entry values array",
    "CPython 3.13 embeds values only in objects that are nothing but a header. This class also has "
    "{n_slots}, so its attributes go to a real dict ({dict}) with a values array sized for 30 keys "
    "({values}): {traced} per instance in all.",
    "CPython issue 135385, in every 3.13 release; fixed in 3.14" },
  [EXPLAIN_FIXED_314] = {
    "fixed-314", "3.14: slots and a __dict__ get inline values too",
    "Since 3.14 every class with a managed dict gets its values inside the object, slots or not, "
    "so a subclass without __slots__ under a slotted base costs {traced} per instance, "
    "not the 3.13 figure with its separate 30-entry values array.",
    "CPython 3.14, the fix of issue 135385" },
  [EXPLAIN_FREE_THREADED] = {
    "free-threaded", "The free-threaded object header",
    "No GC head before the object, but a larger header: the owning thread (ob_tid), flags, a local and a "
    "shared reference count, then ob_type — {header} bytes before the first slot.",
    "PEP 703, CPython 3.13t" },
  [EXPLAIN_MIMALLOC] = {
    "mimalloc", "mimalloc's size classes",
    "Memory comes from mimalloc, whose bins are not pymalloc's 16-byte classes: {mimalloc_example}. "
    "tracemalloc counts what was asked; resident memory counts the bins.",
    "PEP 703, CPython 3.13t" },
};

void
sl_explanation_free (SlExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_free (explanation->text);
  g_free (explanation);
}

void
sl_demonstration_free (SlDemonstration *demo)
{
  if (demo == NULL)
    return;
  g_free (demo->class_name);
  g_free (demo->python);
  g_free (demo->store_name);
  g_free (demo->store_result);
  g_free (demo->error);
  g_free (demo);
}

static char *
bytes (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT " B", value);
}

/* Fills {key} fields of a text from a table of pairs. */
static char *
fill (const char  *template,
      GHashTable  *values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p; )
    {
      const char *end;

      if (*p == '{' && (end = strchr (p, '}')) != NULL)
        {
          g_autofree char *key = g_strndup (p + 1, end - p - 1);
          const char *value = g_hash_table_lookup (values, key);

          g_string_append (out, value ? value : "?");
          p = end + 1;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static void
add (GPtrArray  *list,
     ExplainId   id,
     GHashTable *values)
{
  SlExplanation *explanation = g_new0 (SlExplanation, 1);

  explanation->id = texts[id].id;
  explanation->title = texts[id].title;
  explanation->text = fill (texts[id].text, values);
  explanation->change = texts[id].change;
  g_ptr_array_add (list, explanation);
}

GPtrArray *
sl_explain_layout (SlLayout *layout)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_explanation_free);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  SlProfile *profile;
  const SlProfileFacts *facts;
  const SlFigures *figures;
  const SlField *fields;
  const SlBlock *blocks;
  guint n_fields, n_blocks, n_slots = 0, n_inline = 0;
  gboolean pre_weakref = FALSE, pre_dict = FALSE, ft_header = FALSE;
  gint64 header = 0;
  const SlBlock *dict_block = NULL, *values_block = NULL, *object_block = NULL;

  g_return_val_if_fail (layout != NULL, list);
  if (sl_layout_get_error (layout) != NULL)
    return list;

  profile = sl_layout_get_profile (layout);
  facts = sl_profile_get_facts (profile);
  figures = sl_layout_get_figures (layout);
  fields = sl_layout_get_fields (layout, &n_fields);
  blocks = sl_layout_get_blocks (layout, &n_blocks);

  for (guint i = 0; i < n_fields; i++)
    switch (fields[i].kind)
      {
      case SL_FIELD_SLOT: n_slots++; break;
      case SL_FIELD_INLINE_VALUE: n_inline++; break;
      case SL_FIELD_PRE_WEAKREF: pre_weakref = TRUE; break;
      case SL_FIELD_PRE_DICT:
      case SL_FIELD_PRE_VALUES: pre_dict = TRUE; break;
      case SL_FIELD_HEADER: ft_header = TRUE; break;
      default: break;
      }
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].offset >= 0 && fields[i].kind != SL_FIELD_SLOT && fields[i].kind != SL_FIELD_DICT &&
        fields[i].kind != SL_FIELD_WEAKREF && fields[i].kind != SL_FIELD_INLINE_VALUE &&
        fields[i].kind != SL_FIELD_INLINE_VALUES_HEADER)
      header += fields[i].size;
  for (guint i = 0; i < n_blocks; i++)
    {
      if (blocks[i].part == SL_PART_OBJECT && object_block == NULL)
        object_block = &blocks[i];
      else if (blocks[i].part == SL_PART_DICT && dict_block == NULL)
        dict_block = &blocks[i];
      else if (blocks[i].part == SL_PART_VALUES && values_block == NULL)
        values_block = &blocks[i];
    }

  g_hash_table_insert (values, "traced", bytes (figures->traced_per_instance));
  g_hash_table_insert (values, "basicsize", bytes (figures->basicsize));
  g_hash_table_insert (values, "getsizeof", bytes (figures->getsizeof));
  /* What sits just before the object: no GC head on a free-threaded build. */
  g_hash_table_insert (values, "front", g_strdup (facts->gc_head ? "the GC head" : "the object"));
  g_hash_table_insert (values, "added", g_strdup (facts->gc_head ? "the pre-header and the GC head" : "the pre-header"));
  g_hash_table_insert (values, "getsizeof_dict", bytes (figures->getsizeof_dict));
  g_hash_table_insert (values, "after_touch", bytes (figures->getsizeof_after_touch));
  g_hash_table_insert (values, "object", bytes (object_block ? (gint64) object_block->requested : 0));
  g_hash_table_insert (values, "dict", bytes (dict_block ? (gint64) dict_block->requested : 0));
  g_hash_table_insert (values, "values", bytes (values_block ? (gint64) values_block->requested : 0));
  g_hash_table_insert (values, "header", g_strdup_printf ("%" G_GINT64_FORMAT, header));
  g_hash_table_insert (values, "n_slots", g_strdup_printf (n_slots == 1 ? "%u slot" : "%u slots", n_slots));
  {
    /* The block that shows mimalloc's rounding best: the largest. */
    const SlBlock *largest = NULL;

    for (guint i = 0; i < n_blocks; i++)
      if (largest == NULL || blocks[i].requested > largest->requested)
        largest = &blocks[i];
    g_hash_table_insert (values, "mimalloc_example",
                         largest ? g_strdup_printf ("a request of %" G_GUINT64_FORMAT " bytes gets a "
                                                    "%" G_GUINT64_FORMAT "-byte block",
                                                    largest->requested, largest->block)
                                 : g_strdup ("blocks are rounded up to its bins"));
  }

  if (!figures->has_dict)
    add (list, EXPLAIN_SLOTS_ONLY, values);
  else if (facts->dict_model == SL_DICT_MODEL_SPLIT_TABLE)
    add (list, EXPLAIN_SPLIT_DICT, values);
  else if (dict_block == NULL)
    add (list, EXPLAIN_LAZY_DICT, values);

  if (figures->has_dict && n_inline > 0)
    add (list, EXPLAIN_INLINE_VALUES, values);
  if (figures->has_dict && dict_block != NULL && values_block != NULL && n_slots > 0 &&
      facts->inline_values == SL_INLINE_VALUES_PLAIN)
    add (list, EXPLAIN_ISSUE_135385, values);
  if (figures->has_dict && n_slots > 0 && n_inline > 0 && facts->inline_values == SL_INLINE_VALUES_ALWAYS)
    add (list, EXPLAIN_FIXED_314, values);
  if (pre_dict)
    add (list, EXPLAIN_MANAGED_DICT, values);
  if (pre_weakref)
    add (list, EXPLAIN_MANAGED_WEAKREF, values);
  if (ft_header || sl_profile_is_free_threaded (profile))
    add (list, EXPLAIN_FREE_THREADED, values);
  if (facts->alloc == SL_ALLOC_MIMALLOC)
    add (list, EXPLAIN_MIMALLOC, values);
  return list;
}

GStrv
sl_explain_dup_texts (SlLayout *layout)
{
  g_autoptr(GPtrArray) list = sl_explain_layout (layout);
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv texts_out;

  for (guint i = 0; i < list->len; i++)
    {
      SlExplanation *e = g_ptr_array_index (list, i);
      g_autofree char *line = g_strdup_printf ("%s — %s (%s)", e->title, e->text, e->change);

      g_strv_builder_add (builder, line);
    }
  texts_out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return texts_out;
}

static void
compare_figure (GStrvBuilder *builder,
                const char   *what,
                gint64        a,
                gint64        b)
{
  g_autofree char *line = NULL;

  if (a == b)
    return;
  if (a < 0)
    line = g_strdup_printf ("%s: none → %" G_GINT64_FORMAT " B", what, b);
  else if (b < 0)
    line = g_strdup_printf ("%s: %" G_GINT64_FORMAT " B → none", what, a);
  else
    line = g_strdup_printf ("%s: %" G_GINT64_FORMAT " B → %" G_GINT64_FORMAT " B (%+" G_GINT64_FORMAT " B)",
                            what, a, b, b - a);
  g_strv_builder_add (builder, line);
}

static gboolean
explained (GPtrArray  *list,
           const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (((SlExplanation *) g_ptr_array_index (list, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

GStrv
sl_explain_compare (SlLayout *a,
                    SlLayout *b)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const char *va = sl_profile_get_id (sl_layout_get_profile (a));
  const char *vb = sl_profile_get_id (sl_layout_get_profile (b));
  GStrv result;

  if (sl_layout_get_error (a) != NULL || sl_layout_get_error (b) != NULL)
    {
      if (g_strcmp0 (sl_layout_get_error (a), sl_layout_get_error (b)) != 0)
        {
          g_autofree char *line = g_strdup_printf ("CPython %s: %s; CPython %s: %s",
                                                   va, sl_layout_get_error (a) ? sl_layout_get_error (a) : "created",
                                                   vb, sl_layout_get_error (b) ? sl_layout_get_error (b) : "created");
          g_strv_builder_add (builder, line);
        }
    }
  else
    {
      const SlFigures *fa = sl_layout_get_figures (a), *fb = sl_layout_get_figures (b);
      g_autoptr(GPtrArray) wa = sl_explain_layout (a);
      g_autoptr(GPtrArray) wb = sl_explain_layout (b);

      compare_figure (builder, "traced per instance", fa->traced_per_instance, fb->traced_per_instance);
      compare_figure (builder, "basicsize", fa->basicsize, fb->basicsize);
      compare_figure (builder, "getsizeof(obj)", fa->getsizeof, fb->getsizeof);
      compare_figure (builder, "getsizeof(obj.__dict__)", fa->has_dict ? fa->getsizeof_dict : -1,
                      fb->has_dict ? fb->getsizeof_dict : -1);
      compare_figure (builder, "pymalloc per instance", fa->pymalloc_per_instance, fb->pymalloc_per_instance);
      for (guint p = 0; p < SL_N_PARTS; p++)
        {
          g_autofree char *what = g_strdup_printf ("%s part", sl_part_to_string (p));

          compare_figure (builder, what, fa->traced_by_part[p] > 0 ? fa->traced_by_part[p] : -1,
                          fb->traced_by_part[p] > 0 ? fb->traced_by_part[p] : -1);
        }
      for (guint i = 0; i < wb->len; i++)
        {
          SlExplanation *e = g_ptr_array_index (wb, i);

          if (!explained (wa, e->id))
            {
              g_autofree char *line = g_strdup_printf ("new on %s: %s (%s)", vb, e->title, e->change);
              g_strv_builder_add (builder, line);
            }
        }
      for (guint i = 0; i < wa->len; i++)
        {
          SlExplanation *e = g_ptr_array_index (wa, i);

          if (!explained (wb, e->id))
            {
              g_autofree char *line = g_strdup_printf ("gone on %s: %s (%s)", vb, e->title, e->change);
              g_strv_builder_add (builder, line);
            }
        }
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

SlDemonstration *
sl_explain_demonstrate (SlChain     *chain,
                        const char  *class_name,
                        SlProfile   *profile,
                        const char  *attribute,
                        GError     **error)
{
  g_autoptr(SlTypeSet) set = NULL;
  SlDemonstration *demo;
  SlTypeModel *type;
  char *message = NULL;

  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);
  g_return_val_if_fail (SL_IS_PROFILE (profile), NULL);

  if (!sl_chain_validate (chain, error))
    return NULL;
  if (class_name == NULL || sl_chain_index_of (chain, class_name) < 0)
    {
      g_autofree char *quoted = g_strescape (class_name ? class_name : "", NULL);

      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class named \"%s\" in the chain", quoted);
      return NULL;
    }

  demo = g_new0 (SlDemonstration, 1);
  demo->class_name = g_strdup (class_name);
  demo->python = g_strdup (sl_profile_get_id (profile));
  demo->store_name = g_strdup (attribute ? attribute : "undeclared");

  set = sl_type_set_build (chain, sl_chain_index_of (chain, class_name) + 1, profile);
  type = sl_type_set_lookup (set, class_name);
  if (type == NULL)
    {
      demo->refused = TRUE;
      demo->error = g_strdup (set->error ? set->error : "the class is not created");
      return demo;
    }
  demo->has_dict = sl_type_has_dict (type);
  switch (sl_type_resolve_store (type, profile, demo->store_name, &message))
    {
    case SL_STORE_SLOT:
      demo->store_ok = TRUE;
      demo->store_result = g_strdup_printf ("stored in the slot %s", demo->store_name);
      break;
    case SL_STORE_DICT:
      demo->store_ok = TRUE;
      demo->store_result = g_strdup ("stored in the instance's __dict__");
      break;
    case SL_STORE_ERROR:
    default:
      demo->store_result = message;
      message = NULL;
      break;
    }
  g_free (message);
  return demo;
}
