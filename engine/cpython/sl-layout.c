/* sl-layout.c: chain + profile -> byte map and every figure.
 *
 * Builds the classes as type() would (sl-type-model.c), runs __init__'s
 * stores in the order they happen, then replays instance creation the way
 * shared/oracle/measure.py observes it: the first instance for the
 * getsizeof figures, then new instances until the class's shared keys stop
 * changing, which gives the steady per-instance cost; what the first
 * instances cost beyond it, and the shared keys, are the fixed cost.
 */

#include <string.h>

#include "sl-class-statement-private.h"
#include "sl-dict-model-private.h"
#include "sl-enums.h"
#include "sl-layout.h"
#include "sl-mangle.h"
#include "sl-value-model.h"

#define MAX_WARMUP 256

struct _SlLayout
{
  gatomicrefcount  ref_count;
  char            *class_name;
  SlProfile       *profile;
  char            *error;
  char            *error_class;
  gboolean         error_at_init;   /* raised by __init__, not by creating the class */
  GStrv            static_attributes;
  SlFigures        figures;
  GArray          *fields;        /* SlField */
  GStringChunk    *strings;
  SlInstance       steady;
  SlInstance       touched;
  GArray          *values;        /* SlBlock: the value objects one instance holds */
  GArray          *blocks;        /* SlBlock: steady's, then the values */
  GArray          *blocks_touched;/* SlBlock: touched's, then the values */
  double           per_instance[SL_N_METRICS];
  double           fixed[SL_N_METRICS];
};

G_DEFINE_BOXED_TYPE (SlLayout, sl_layout, sl_layout_ref, sl_layout_unref)

SlLayout *
sl_layout_ref (SlLayout *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sl_layout_unref (SlLayout *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->class_name);
  g_clear_object (&self->profile);
  g_free (self->error);
  g_free (self->error_class);
  g_strfreev (self->static_attributes);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->blocks_touched, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

static void
add_field (SlLayout    *self,
           const char  *name,
           gint64       offset,
           guint        size,
           SlFieldKind  kind,
           const char  *owner,
           const char  *purpose)
{
  SlField field = {
    g_string_chunk_insert (self->strings, name), offset, size, kind,
    owner ? g_string_chunk_insert (self->strings, owner) : NULL,
    purpose,
  };

  g_array_append_val (self->fields, field);
}

static int
compare_fields (gconstpointer a,
                gconstpointer b)
{
  const SlField *fa = a, *fb = b;

  return fa->offset < fb->offset ? -1 : fa->offset > fb->offset;
}

/* g_array_sort()'s order (a stable sort); the fields come nearly sorted. */
static void
sort_fields (GArray *fields)
{
  SlField *f = (SlField *) (gpointer) fields->data;

  if (fields->len > 64)
    {
      g_array_sort (fields, compare_fields);
      return;
    }
  for (guint i = 1; i < fields->len; i++)
    {
      SlField key = f[i];
      guint j = i;

      for (; j > 0 && compare_fields (&f[j - 1], &key) > 0; j--)
        f[j] = f[j - 1];
      f[j] = key;
    }
}

static const char *
member_owner (SlTypeModel *type,
              gint64       offset)
{
  for (SlTypeModel *t = type; t && t->klass; t = t->base)
    if (t->members)
      for (guint i = 0; i < t->members->len; i++)
        if (g_array_index (t->members, SlMember, i).offset == offset)
          return t->name;
  return NULL;
}

static const char *
adder_of (SlTypeModel *type,
          gboolean     dict)
{
  SlTypeModel *found = NULL;

  /* The most basic class in the layout chain that added it. */
  for (SlTypeModel *t = type; t && t->klass; t = t->base)
    if (dict ? t->added_dict : t->added_weak)
      found = t;
  return found ? found->name : NULL;
}

static void
append_decimal (GString *out,
                gint64   n)
{
  char digits[24];
  guint len = 0;

  do
    digits[len++] = '0' + n % 10;
  while ((n /= 10) > 0);
  while (len > 0)
    g_string_append_c (out, digits[--len]);
}

static void
build_fields (SlLayout    *self,
              SlTypeModel *type,
              GPtrArray   *dict_names)
{
  const SlProfileFacts *facts = sl_profile_get_facts (self->profile);
  gint64 ptr = facts->pointer;
  gint64 pre = sl_type_pre_header (type, self->profile);

  if (facts->gc_head)
    add_field (self, "PyGC_Head", -(gint64) facts->gc_head, facts->gc_head, SL_FIELD_GC_HEAD, NULL,
               "Links the object into the cyclic garbage collector's lists.");

  if (pre > facts->gc_head)
    {
      gint64 top = -(gint64) facts->gc_head;

      if (facts->dict_ptr == SL_DICT_PTR_MANAGED_311)
        {
          add_field (self, "dict pointer", top - ptr, ptr, SL_FIELD_PRE_DICT, adder_of (type, TRUE),
                     "Managed __dict__: NULL until a dict object is made.");
          add_field (self, "values pointer", top - 2 * ptr, ptr, SL_FIELD_PRE_VALUES, adder_of (type, TRUE),
                     "Points to the values array that holds the instance attributes.");
        }
      else
        {
          /* 3.12's _PyDictOrValues: the values array until a dict is made. */
          gboolean or_values = facts->dict_model == SL_DICT_MODEL_MANAGED_VALUES;

          add_field (self, !type->managed_dict ? "(unused)" : or_values ? "dict or values pointer" : "dict pointer",
                     top - ptr, ptr, SL_FIELD_PRE_DICT, type->managed_dict ? adder_of (type, TRUE) : NULL,
                     !type->managed_dict ? "Pre-header word kept for the managed dict this class does not have."
                     : or_values ? "Managed __dict__: points to the values array until a dict object is made, then to the dict."
                                 : "Managed __dict__: NULL until a dict object is made.");
          add_field (self, type->managed_weakref ? "weakref list" : "(unused)", top - 2 * ptr, ptr,
                     SL_FIELD_PRE_WEAKREF, type->managed_weakref ? adder_of (type, FALSE) : NULL,
                     type->managed_weakref ? "Managed __weakref__: the list of weak references."
                                           : "Pre-header word kept for the managed weakref this class does not have.");
        }
    }

  if (facts->header == 4 * ptr)
    {
      add_field (self, "ob_tid", 0, ptr, SL_FIELD_HEADER, NULL,
                 "Free-threaded header: the id of the thread that owns the object.");
      add_field (self, "ob_flags, ob_mutex, ob_gc_bits, ob_ref_local", ptr, ptr, SL_FIELD_HEADER, NULL,
                 "Free-threaded header: flags, a per-object lock, GC state and the owner's reference count.");
      add_field (self, "ob_ref_shared", 2 * ptr, ptr, SL_FIELD_REFCNT, NULL,
                 "Reference count shared by the other threads.");
      add_field (self, "ob_type", 3 * ptr, ptr, SL_FIELD_TYPE, NULL, "Points to the class.");
    }
  else
    {
      add_field (self, "ob_refcnt", 0, ptr, SL_FIELD_REFCNT, NULL, "Reference count.");
      add_field (self, "ob_type", ptr, ptr, SL_FIELD_TYPE, NULL, "Points to the class.");
    }

  for (SlTypeModel *t = type; t && t->klass; t = t->base)
    for (guint i = 0; i < t->members->len; i++)
      {
        const SlMember *m = &g_array_index (t->members, SlMember, i);

        add_field (self, m->name, m->offset, ptr, SL_FIELD_SLOT, member_owner (type, m->offset),
                   "A __slots__ member: the attribute itself, at a fixed offset.");
      }

  if (type->dictoffset > 0)
    add_field (self, "__dict__", type->dictoffset, ptr, SL_FIELD_DICT, adder_of (type, TRUE),
               "Points to the instance dict; NULL until an attribute goes in it.");
  if (type->weaklistoffset > 0)
    add_field (self, "__weakref__", type->weaklistoffset, ptr, SL_FIELD_WEAKREF, adder_of (type, FALSE),
               "Head of the list of weak references to the object.");

  if (self->steady.inline_capacity > 0)
    {
      g_autoptr(GString) name = g_string_sized_new (64);
      gint64 cap = self->steady.inline_capacity;
      gint64 at = type->basicsize;

      add_field (self, "capacity, size, embedded, valid", at, ptr, SL_FIELD_INLINE_VALUES_HEADER, NULL,
                 "Inline values header: how many values fit and how many are set.");
      for (gint64 i = 0; i < cap; i++)
        {
          g_string_assign (name, "values[");
          append_decimal (name, i);
          g_string_append_c (name, ']');
          if (i < (gint64) dict_names->len)
            {
              g_string_append_c (name, ' ');
              g_string_append (name, g_ptr_array_index (dict_names, i));
            }
          add_field (self, name->str, at + ptr + i * ptr, ptr, SL_FIELD_INLINE_VALUE, NULL,
                     i < (gint64) dict_names->len ? "An attribute stored inside the object."
                                                  : "A spare value slot, sized from the class's shared keys.");
        }
      add_field (self, "insertion order", at + ptr + cap * ptr, (guint) ((cap + ptr - 1) / ptr * ptr),
                 SL_FIELD_INLINE_VALUES_HEADER, NULL, "One byte per value: the order attributes were set.");
    }

  sort_fields (self->fields);
}

static gboolean
keys_equal (const SlSharedKeys *a,
            const SlSharedKeys *b)
{
  return a->present == b->present && a->log2 == b->log2 &&
         a->usable == b->usable && a->nentries == b->nentries;
}

static gint64
sum_blocks (const SlInstance *inst,
            SlMetric          metric)
{
  gint64 total = 0;

  for (guint i = 0; i < inst->n_blocks; i++)
    {
      const SlBlock *b = &inst->blocks[i];

      if (metric == SL_METRIC_TRACED)
        total += b->requested;
      else if (b->small)
        total += b->block;
    }
  return total;
}

static double
resident_blocks (const SlProfileFacts *facts,
                 const SlInstance     *inst)
{
  double total = 0;

  for (guint i = 0; i < inst->n_blocks; i++)
    total += sl_alloc_resident (facts, inst->blocks[i].requested);
  return total;
}

static void
compute_figures (SlLayout    *self,
                 SlTypeModel *type,
                 guint        n_dict_keys,
                 guint        n_seeded,
                 const guint *new_index)
{
  const SlProfileFacts *facts = sl_profile_get_facts (self->profile);
  SlFigures *f = &self->figures;
  gint64 object_size = type->basicsize + sl_type_pre_header (type, self->profile);
  gboolean has_dict = sl_type_has_dict (type);
  gboolean pymalloc = facts->alloc == SL_ALLOC_PYMALLOC;
  SlDictSim sim, touched_sim;
  SlInstance inst;
  gint64 warm_traced, warm_blocks, keys = 0;
  double warm_resident, keys_resident = 0;
  guint n_warm = 1;

  f->basicsize = type->basicsize;
  f->itemsize = type->itemsize;
  f->dictoffset = type->dictoffset;
  f->weakrefoffset = type->weaklistoffset;
  f->gc = TRUE;  /* every heap type has Py_TPFLAGS_HAVE_GC */
  f->has_dict = has_dict;
  f->getsizeof = object_size;

  sl_dict_sim_init (&sim, facts, object_size, has_dict, type->managed_dict,
                    type->inline_values, n_dict_keys, n_seeded, new_index);

  /* The first instance, o = C(), with o.__dict__ read afterwards. */
  sl_dict_sim_instance (&sim, has_dict, &inst);
  f->getsizeof_dict = has_dict ? inst.dict_sizeof : -1;
  f->getsizeof_after_touch = has_dict ? object_size : -1;
  warm_traced = sl_instance_traced (&inst);
  warm_blocks = sum_blocks (&inst, SL_METRIC_PYMALLOC);
  warm_resident = resident_blocks (facts, &inst);

  /* Then new instances until one leaves the shared keys as it found them:
   * from there on every instance costs the same. */
  for (;;)
    {
      SlSharedKeys before = sim.keys;

      sl_dict_sim_instance (&sim, FALSE, &inst);
      if (keys_equal (&before, &sim.keys) || n_warm >= MAX_WARMUP)
        break;
      warm_traced += sl_instance_traced (&inst);
      warm_blocks += sum_blocks (&inst, SL_METRIC_PYMALLOC);
      warm_resident += resident_blocks (facts, &inst);
      n_warm++;
    }
  self->steady = inst;

  touched_sim = sim;
  sl_dict_sim_instance (&touched_sim, TRUE, &self->touched);

  f->traced_per_instance = sl_instance_traced (&self->steady);
  f->traced_per_instance_touched = has_dict ? sl_instance_traced (&self->touched) : -1;
  f->pymalloc_per_instance = pymalloc ? sum_blocks (&self->steady, SL_METRIC_PYMALLOC) : -1;
  f->resident_per_instance = resident_blocks (facts, &self->steady);
  for (guint i = 0; i < self->steady.n_blocks; i++)
    f->traced_by_part[self->steady.blocks[i].part] += self->steady.blocks[i].requested;

  /* Fixed: the class's shared keys, and what the first instances cost
   * beyond the steady state. */
  if (has_dict && sim.keys.present)
    {
      gboolean small;

      keys = sl_dict_sim_keys_size (facts, sim.keys.log2);
      keys_resident = sl_alloc_resident (facts, keys);
      warm_blocks += sl_alloc_block (facts, keys, &small) * small;
    }
  f->traced_fixed = keys + warm_traced - (gint64) n_warm * f->traced_per_instance;
  self->fixed[SL_METRIC_TRACED] = f->traced_fixed;
  self->fixed[SL_METRIC_PYMALLOC] =
    pymalloc ? warm_blocks - (gint64) n_warm * f->pymalloc_per_instance : 0;
  self->fixed[SL_METRIC_RESIDENT] = keys_resident + warm_resident - n_warm * f->resident_per_instance;
  self->fixed[SL_METRIC_GETSIZEOF] = 0;

  self->per_instance[SL_METRIC_TRACED] = f->traced_per_instance;
  self->per_instance[SL_METRIC_PYMALLOC] = f->pymalloc_per_instance;
  self->per_instance[SL_METRIC_RESIDENT] = f->resident_per_instance;
  /* Example 17.1's method: getsizeof(o) + getsizeof(o.__dict__). */
  self->per_instance[SL_METRIC_GETSIZEOF] = f->getsizeof + (has_dict ? f->getsizeof_dict : 0);
}

/* What each attribute holds once __init__ returns (stored name -> kind,
 * "" for a small int), following the stores as sl-class-statement.c runs
 * them: the last store of a name wins, each explicit Base.__init__(self)
 * runs that base's stores again (a diamond's shared base twice, the second
 * time after the first branch), super() runs the next class of the
 * instance's MRO, and the call sits after base_init_at own stores.  A
 * dataclass's generated __init__ stores each field's default, 0.
 * Memoised per class: one pass per class however deep the diamond. */
typedef struct {
  const char *name;
  guint       hash;   /* g_str_hash (name) */
  const char *kind;
} EffectEntry;

/* name -> kind: a short list searched by hash, with a table of positions
 * once it is long. */
#define EFFECT_INDEX_FROM 64

typedef struct {
  GArray     *entries;  /* EffectEntry */
  GHashTable *index;    /* name -> position + 1, or NULL */
} Effect;

static void
effect_free (gpointer data)
{
  Effect *effect = data;

  g_array_unref (effect->entries);
  g_clear_pointer (&effect->index, g_hash_table_unref);
  g_free (effect);
}

static EffectEntry *
effect_find (Effect     *effect,
             const char *name,
             guint       hash)
{
  EffectEntry *e = (EffectEntry *) (gpointer) effect->entries->data;

  if (effect->index != NULL)
    {
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (effect->index, name));

      return at ? &e[at - 1] : NULL;
    }
  for (guint i = 0; i < effect->entries->len; i++)
    if (e[i].hash == hash && strcmp (e[i].name, name) == 0)
      return &e[i];
  return NULL;
}

static void
effect_set (Effect     *effect,
            const char *name,
            guint       hash,
            const char *kind)
{
  EffectEntry *found = effect_find (effect, name, hash);
  EffectEntry entry = { name, hash, kind };

  if (found != NULL)
    {
      found->kind = kind;
      return;
    }
  g_array_append_val (effect->entries, entry);
  if (effect->index != NULL)
    g_hash_table_insert (effect->index, (gpointer) name, GUINT_TO_POINTER (effect->entries->len));
  else if (effect->entries->len >= EFFECT_INDEX_FROM)
    {
      effect->index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < effect->entries->len; i++)
        g_hash_table_insert (effect->index, (gpointer) g_array_index (effect->entries, EffectEntry, i).name,
                             GUINT_TO_POINTER (i + 1));
    }
}

typedef struct {
  SlTypeModel  *instance;
  GHashTable   *memo;     /* SlTypeModel* -> Effect */
  GStringChunk *strings;  /* the mangled names the effects borrow */
  GString      *scratch;
  const SlProfileFacts *facts;
} ValueRun;

static Effect *init_effect (ValueRun *run, SlTypeModel *type);

static void
merge_effect (Effect *into,
              Effect *from)
{
  for (guint i = 0; i < from->entries->len; i++)
    {
      const EffectEntry *e = &g_array_index (from->entries, EffectEntry, i);

      effect_set (into, e->name, e->hash, e->kind);
    }
}

static Effect *
init_effect (ValueRun    *run,
             SlTypeModel *type)
{
  Effect *effect = g_hash_table_lookup (run->memo, type);
  const char * const *init;
  guint n_init, at;
  SlBaseInit how;
  gboolean mangles;

  if (effect != NULL)
    return effect;
  effect = g_new0 (Effect, 1);
  effect->entries = g_array_sized_new (FALSE, FALSE, sizeof (EffectEntry), 16);
  g_hash_table_insert (run->memo, type, effect);
  if (sl_class_get_dataclass (type->klass))
    {
      /* dataclass() writes __init__ from fields(): every dataclass of the
       * MRO's fields, base first, a field redefined lower down taking
       * that class's default (its value kind: a default is one shared
       * object, a default_factory's result is new per instance). */
      for (guint m = type->mro->len; m-- > 0;)
        {
          SlTypeModel *defining = g_ptr_array_index (type->mro, m);
          SlClass *klass = defining->klass;

          if (klass == NULL || !sl_class_get_dataclass (klass))
            continue;
          init = sl_class_get_init (klass);
          /* a field written in a class body is mangled there, as a store is */
          mangles = sl_class_get_created_by (klass) == SL_CREATED_BY_CLASS;
          for (guint i = 0; init[i]; i++)
            {
              const char *kind = sl_dataclass_field_value (klass, i, run->facts);
              const char *name = mangles ? sl_mangle_to (run->scratch, defining->name, init[i]) : init[i];

              if (name != init[i])
                name = g_string_chunk_insert_const (run->strings, name);
              effect_set (effect, name, g_str_hash (name), kind ? kind : "");
            }
        }
      return effect;
    }

  init = sl_class_get_init (type->klass);
  n_init = sl_class_get_n_init (type->klass);
  how = sl_class_get_base_init (type->klass, &at);
  at = MIN (at, n_init);
  mangles = sl_class_get_created_by (type->klass) == SL_CREATED_BY_CLASS;
  for (guint i = 0; i <= n_init; i++)
    {
      if (i == at && how == SL_BASE_INIT_EXPLICIT)
        for (guint b = 0; b < type->bases->len; b++)
          {
            SlTypeModel *base = g_ptr_array_index (type->bases, b);

            if (base->klass != NULL)
              merge_effect (effect, init_effect (run, base));
          }
      else if (i == at && how == SL_BASE_INIT_SUPER)
        {
          GPtrArray *mro = run->instance->mro;

          /* super() finds __init__ on the next class of the MRO that
           * defines one: abc.ABC and typing.Generic define none */
          for (guint m = 0; m + 1 < mro->len; m++)
            if (g_ptr_array_index (mro, m) == type)
              {
                for (guint n = m + 1; n < mro->len; n++)
                  {
                    SlTypeModel *next = g_ptr_array_index (mro, n);

                    if (next->klass != NULL)
                      {
                        merge_effect (effect, init_effect (run, next));
                        break;
                      }
                  }
                break;
              }
        }
      if (i < n_init)
        {
          const char *kind = sl_class_get_init_value (type->klass, i);
          const char *name = mangles ? sl_mangle_to (run->scratch, type->name, init[i]) : init[i];

          if (name != init[i])
            name = g_string_chunk_insert_const (run->strings, name);
          effect_set (effect, name, g_str_hash (name), kind ? kind : "");
        }
    }
  return effect;
}

/* Whether any class of the instance's MRO stores a value of its own kind:
 * most chains hold small ints only, and need no replay of __init__. */
static gboolean
mro_has_values (SlTypeModel *type)
{
  for (guint m = 0; m < type->mro->len; m++)
    {
      SlClass *klass = ((SlTypeModel *) g_ptr_array_index (type->mro, m))->klass;

      for (guint i = 0; klass && i < sl_class_get_n_init (klass); i++)
        if (sl_class_get_init_value (klass, i))
          return TRUE;
    }
  return FALSE;
}

/* The value objects of one instance: a block (two for a list with items)
 * per attribute whose value is its own object. */
static void
collect_values (SlLayout    *self,
                SlTypeModel *type,
                GArray      *stores)
{
  g_autoptr(GHashTable) memo = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GHashTable) seen = NULL;
  ValueRun run;
  Effect *effect;

  if (type->klass == NULL || !mro_has_values (type))
    return;
  memo = g_hash_table_new_full (NULL, NULL, NULL, effect_free);
  scratch = g_string_sized_new (64);
  run = (ValueRun) { type, memo, self->strings, scratch, sl_profile_get_facts (self->profile) };
  effect = init_effect (&run, type);
  /* A name stored twice (a dataclass's __init__ called from a subclass
   * storing the same name) holds one value: the last one. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < stores->len; i++)
    {
      const SlStore *store = &g_array_index (stores, SlStore, i);
      const char *name = store->name;
      const EffectEntry *found = effect_find (effect, name, store->hash);
      const char *kind = found ? found->kind : NULL;
      const char *attribute;
      SlValue value;
      SlBlock blocks[2];
      guint n;

      if (kind == NULL || kind[0] == '\0' || !g_hash_table_add (seen, (gpointer) name) ||
          !sl_value_parse (kind, &value, NULL))
        continue;
      n = sl_value_blocks (&value, self->profile, blocks);
      /* One copy each: the blocks of one attribute share its name (the
       * JSON writer groups them by it). */
      attribute = g_string_chunk_insert (self->strings, name);
      kind = g_string_chunk_insert (self->strings, kind);
      for (guint b = 0; b < n; b++)
        {
          blocks[b].attribute = attribute;
          blocks[b].value = kind;
          g_array_append_val (self->values, blocks[b]);
        }
    }
}

/* Every per-instance figure includes the values as tracemalloc and the
 * allocator see them; getsizeof stays the instance's own. */
static void
add_values (SlLayout *self)
{
  const SlProfileFacts *facts = sl_profile_get_facts (self->profile);
  SlFigures *f = &self->figures;
  gint64 traced = 0, small = 0;
  double resident = 0;

  for (guint i = 0; i < self->values->len; i++)
    {
      const SlBlock *b = &g_array_index (self->values, SlBlock, i);

      traced += b->requested;
      small += b->small ? b->block : 0;
      resident += sl_alloc_resident (facts, b->requested);
    }

  f->traced_per_instance += traced;
  if (f->traced_per_instance_touched >= 0)
    f->traced_per_instance_touched += traced;
  if (f->pymalloc_per_instance >= 0)
    f->pymalloc_per_instance += small;
  f->resident_per_instance += resident;
  f->traced_by_part[SL_PART_VALUE_OBJECTS] = traced;
  self->per_instance[SL_METRIC_TRACED] = f->traced_per_instance;
  self->per_instance[SL_METRIC_PYMALLOC] = f->pymalloc_per_instance;
  self->per_instance[SL_METRIC_RESIDENT] = f->resident_per_instance;

  g_array_append_vals (self->blocks, self->steady.blocks, self->steady.n_blocks);
  g_array_append_vals (self->blocks, self->values->data, self->values->len);
  g_array_append_vals (self->blocks_touched, self->touched.blocks, self->touched.n_blocks);
  g_array_append_vals (self->blocks_touched, self->values->data, self->values->len);
}

/* `self.__dict__ = value` and `self.__class__ = value` are refused by
 * their descriptors with the type of the value: the first store of the
 * name, by its owner.  (Without a __dict__ descriptor, `self.__dict__ =`
 * is a missing attribute, whatever the value.) */
static char *
store_error_with_value (SlTypeModel *type,
                        SlProfile   *profile,
                        const char  *name,
                        const char  *owner,
                        char        *message)
{
  const char *key = strcmp (name, "__dict__") == 0 ? "dict_assign"
                  : strcmp (name, "__class__") == 0 ? "class_assign" : NULL;

  if (key == NULL)
    return message;
  for (guint m = 0; m < type->mro->len; m++)
    {
      SlTypeModel *t = g_ptr_array_index (type->mro, m);
      const char * const *init;

      if (t->klass == NULL || g_strcmp0 (t->name, owner) != 0 || sl_class_get_dataclass (t->klass))
        continue;
      init = sl_class_get_init (t->klass);
      for (guint i = 0; init[i]; i++)
        if (strcmp (init[i], name) == 0)   /* dunder names are not mangled */
          {
            SlValue value;

            if (!sl_value_parse (sl_class_get_init_value (t->klass, i), &value, NULL))
              return message;
            g_free (message);
            return sl_format_message (sl_profile_get_message (profile, key),
                                      "type", sl_value_python_type (&value), NULL);
          }
    }
  return message;
}

/* Whether stores[i] is the first of its name (a name is stored once per
 * kind, so at most twice): compared by hash among a few stores, in a table
 * among many. */
static gboolean
first_store_of_name (GArray      *stores,
                     guint        i,
                     GHashTable **seen)
{
  const SlStore *s = (const SlStore *) (gpointer) stores->data;

  if (stores->len <= 64)
    {
      for (guint j = 0; j < i; j++)
        if (s[j].hash == s[i].hash && strcmp (s[j].name, s[i].name) == 0)
          return FALSE;
      return TRUE;
    }
  if (*seen == NULL)
    *seen = g_hash_table_new (g_str_hash, g_str_equal);
  return g_hash_table_add (*seen, (gpointer) s[i].name);
}

SlLayout *
sl_layout_compute (SlChain     *chain,
                   const char  *class_name,
                   SlProfile   *profile,
                   GError     **error)
{
  g_autoptr(SlTypeSet) set = NULL;
  g_auto(SlStores) stores = { NULL, NULL };
  g_autoptr(GPtrArray) dict_names = NULL;
  g_autoptr(GPtrArray) key_names = NULL;
  g_autofree guint *new_index = NULL;
  g_autoptr(GHashTable) resolved = NULL;
  g_autoptr(GPtrArray) frozen_fields = g_ptr_array_new_with_free_func (g_free);
  SlTypeModel *frozen;
  int index;
  guint n_seeded = 0;
  const SlProfileFacts *facts;
  SlTypeModel *type;
  SlLayout *self;

  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);
  g_return_val_if_fail (SL_IS_PROFILE (profile), NULL);

  if (!sl_chain_validate (chain, error))
    return NULL;
  if (class_name == NULL || (index = sl_chain_index_of (chain, class_name)) < 0)
    {
      g_autofree char *quoted = g_strescape (class_name ? class_name : "", NULL);

      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class named \"%s\" in the chain", quoted);
      return NULL;
    }

  self = g_new0 (SlLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->class_name = g_strdup (class_name);
  self->profile = g_object_ref (profile);
  self->fields = g_array_sized_new (FALSE, FALSE, sizeof (SlField), 16);
  self->strings = g_string_chunk_new (1024);
  self->values = g_array_new (FALSE, TRUE, sizeof (SlBlock));
  self->blocks = g_array_new (FALSE, TRUE, sizeof (SlBlock));
  self->blocks_touched = g_array_new (FALSE, TRUE, sizeof (SlBlock));

  /* Only the classes up to this one: the module has created them, and
   * nothing after, when this class exists (sl_chain_copy_up_to()). */
  set = sl_type_set_build (chain, (guint) index + 1, profile);
  if (set->error)
    {
      self->error = g_strdup (set->error);
      self->error_class = g_strdup (set->error_class);
      return self;
    }
  type = sl_type_set_lookup (set, class_name);
  facts = sl_profile_get_facts (profile);
  self->static_attributes = sl_class_static_attributes (type->klass, facts);

  dict_names = g_ptr_array_new ();
  sl_class_statement_stores (type, &stores);
  /* The class whose __setattr__ the instance uses, if it is a frozen
   * dataclass's, with its fields. */
  if ((frozen = sl_type_frozen_dataclass (type)) != NULL)
    sl_dataclass_fields (frozen, frozen_fields);

  for (guint i = 0; i < stores.stores->len; i++)
    {
      const SlStore *store = &g_array_index (stores.stores, SlStore, i);
      char *message = NULL;

      /* A frozen dataclass's __setattr__ refuses its fields, and every
       * name on an instance of the dataclass itself; its generated
       * __init__ stores through object.__setattr__. */
      if (frozen && !store->generated)
        {
          if (frozen == type || g_ptr_array_find_with_equal_func (frozen_fields, store->name,
                                                                  g_str_equal, NULL))
            self->error = sl_format_message (sl_profile_get_message (profile, "dataclass_frozen_assign"),
                                             "name", store->name, NULL);
          else if ((sl_class_get_dataclass (frozen->klass) & SL_DATACLASS_SLOTS) &&
                   facts->dataclass_frozen_slots_super_bug)
            self->error = sl_format_message (sl_profile_get_message (profile, "dataclass_frozen_slots_super"),
                                             "instance", class_name,
                                             "class", sl_class_get_name (frozen->klass), NULL);
          if (self->error)
            {
              self->error_class = g_strdup (store->owner);
              return self;
            }
        }

      /* The same name stored again (by a dataclass's __init__ and through
       * __setattr__) goes where it went the first time. */
      if (!first_store_of_name (stores.stores, i, &resolved))
        continue;
      switch (sl_type_resolve_store (type, profile, store->name, &message))
        {
        case SL_STORE_SLOT:
          break;
        case SL_STORE_DICT:
          g_ptr_array_add (dict_names, (gpointer) store->name);
          break;
        case SL_STORE_ERROR_NAMES_VALUE:
          message = store_error_with_value (type, profile, store->name, store->owner, message);
          G_GNUC_FALLTHROUGH;
        case SL_STORE_ERROR:
        default:
          self->error = message;
          self->error_class = g_strdup (store->owner);
          self->error_at_init = TRUE;
          return self;
        }
    }

  /* 3.14+: the class's shared keys start with its own
   * __static_attributes__, as many as fit; the values of an instance
   * follow the order of the keys. */
  key_names = g_ptr_array_new ();
  if (facts->seed_shared_keys && self->static_attributes && type->managed_dict)
    {
      g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seeded = g_hash_table_new (g_str_hash, g_str_equal);
      guint n_new = 0;

      for (guint i = 0; i < dict_names->len; i++)
        g_hash_table_add (stored, g_ptr_array_index (dict_names, i));
      for (guint i = 0; self->static_attributes[i] && n_seeded < facts->shared_keys_max; i++, n_seeded++)
        {
          const char *key = self->static_attributes[i];

          g_hash_table_add (seeded, (gpointer) key);
          if (g_hash_table_contains (stored, key))
            g_ptr_array_add (key_names, (gpointer) key);
          else
            {
              g_autofree char *never = g_strdup_printf ("(key %s, never set)", key);

              g_ptr_array_add (key_names, g_string_chunk_insert (self->strings, never));
            }
        }
      new_index = g_new (guint, dict_names->len + 1);
      for (guint i = 0; i < dict_names->len; i++)
        new_index[i] = g_hash_table_contains (seeded, g_ptr_array_index (dict_names, i))
                         ? G_MAXUINT : n_new++;
    }
  for (guint i = 0; i < dict_names->len; i++)
    if (new_index == NULL || new_index[i] != G_MAXUINT)
      g_ptr_array_add (key_names, g_ptr_array_index (dict_names, i));

  compute_figures (self, type, dict_names->len, n_seeded, new_index);
  collect_values (self, type, stores.stores);
  add_values (self);
  build_fields (self, type, key_names);
  return self;
}

const char *sl_layout_get_class_name (SlLayout *self) { return self->class_name; }
SlProfile *sl_layout_get_profile (SlLayout *self) { return self->profile; }
const char *sl_layout_get_error (SlLayout *self) { return self->error; }
const char *sl_layout_get_error_class (SlLayout *self) { return self->error_class; }
gboolean sl_layout_error_is_at_init (SlLayout *self) { return self->error != NULL && self->error_at_init; }
const char * const *sl_layout_get_static_attributes (SlLayout *self) { return (const char * const *) self->static_attributes; }
const SlFigures *sl_layout_get_figures (SlLayout *self) { return self->error ? NULL : &self->figures; }

const SlField *
sl_layout_get_fields (SlLayout *self,
                      guint    *n_fields)
{
  *n_fields = self->fields->len;
  return (const SlField *) (gpointer) self->fields->data;
}

const SlBlock *
sl_layout_get_blocks (SlLayout *self,
                      guint    *n_blocks)
{
  *n_blocks = self->error ? 0 : self->blocks->len;
  return (const SlBlock *) (gpointer) self->blocks->data;
}

const SlBlock *
sl_layout_get_blocks_touched (SlLayout *self,
                              guint    *n_blocks)
{
  *n_blocks = self->error ? 0 : self->blocks_touched->len;
  return (const SlBlock *) (gpointer) self->blocks_touched->data;
}

double
sl_layout_get_per_instance (SlLayout *self,
                            SlMetric  metric)
{
  g_return_val_if_fail (metric < SL_N_METRICS, 0);
  return self->error ? -1 : self->per_instance[metric];
}

double
sl_layout_get_fixed (SlLayout *self,
                     SlMetric  metric)
{
  g_return_val_if_fail (metric < SL_N_METRICS, 0);
  return self->error ? 0 : self->fixed[metric];
}

const char *
sl_metric_to_string (SlMetric metric)
{
  return sl_enum_to_nick (SL_TYPE_METRIC, metric);
}

gboolean
sl_metric_from_string (const char *text,
                       SlMetric   *metric)
{
  return sl_enum_from_nick (SL_TYPE_METRIC, text, (int *) metric);
}

const char *
sl_part_to_string (SlPart part)
{
  return sl_enum_to_nick (SL_TYPE_PART, part);
}

const char *
sl_field_kind_to_string (SlFieldKind kind)
{
  return sl_enum_to_nick (SL_TYPE_FIELD_KIND, kind);
}

JsonNode *
sl_layout_to_json (SlLayout *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const SlFigures *f = &self->figures;
  const SlProfileFacts *facts = sl_profile_get_facts (self->profile);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "class");
  json_builder_add_string_value (b, self->class_name);
  if (self->error)
    {
      json_builder_set_member_name (b, "error");
      json_builder_add_string_value (b, self->error);
      json_builder_end_object (b);
      return json_builder_get_root (b);
    }

#define INT(name, value) G_STMT_START { json_builder_set_member_name (b, name); \
                                        json_builder_add_int_value (b, value); } G_STMT_END
  INT ("basicsize", f->basicsize);
  INT ("itemsize", f->itemsize);
  INT ("dictoffset", f->dictoffset);
  INT ("weakrefoffset", f->weakrefoffset);
  json_builder_set_member_name (b, "gc");
  json_builder_add_boolean_value (b, f->gc);
  json_builder_set_member_name (b, "has_dict");
  json_builder_add_boolean_value (b, f->has_dict);
  INT ("getsizeof", f->getsizeof);
  if (f->has_dict)
    {
      INT ("getsizeof_dict", f->getsizeof_dict);
      INT ("getsizeof_after_touch", f->getsizeof_after_touch);
    }
  INT ("traced_per_instance", f->traced_per_instance);
  if (f->has_dict)
    INT ("traced_per_instance_touched", f->traced_per_instance_touched);
  json_builder_set_member_name (b, "pymalloc_per_instance");
  if (facts->alloc == SL_ALLOC_PYMALLOC)
    json_builder_add_int_value (b, f->pymalloc_per_instance);
  else
    json_builder_add_null_value (b);
  INT ("traced_fixed", f->traced_fixed);
  json_builder_set_member_name (b, "resident_per_instance");
  json_builder_add_double_value (b, f->resident_per_instance);
  /* Extension (issue 10): the class's own __static_attributes__ where its
   * release records them, as the interpreter would show them. */
  if (self->static_attributes)
    {
      json_builder_set_member_name (b, "static_attributes");
      json_builder_begin_array (b);
      for (guint i = 0; self->static_attributes[i]; i++)
        json_builder_add_string_value (b, self->static_attributes[i]);
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const SlField *field = &g_array_index (self->fields, SlField, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, field->name);
      INT ("offset", field->offset);
      INT ("size", field->size);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, sl_field_kind_to_string (field->kind));
      if (field->owner)
        {
          json_builder_set_member_name (b, "owner");
          json_builder_add_string_value (b, field->owner);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "allocations");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const SlBlock *block = &g_array_index (self->blocks, SlBlock, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "part");
      json_builder_add_string_value (b, sl_part_to_string (block->part));
      INT ("requested", block->requested);
      INT ("block", block->block);
      json_builder_set_member_name (b, "small");
      json_builder_add_boolean_value (b, block->small);
      if (block->attribute)
        {
          json_builder_set_member_name (b, "attribute");
          json_builder_add_string_value (b, block->attribute);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  /* What the attributes hold, per instance: one entry per attribute whose
   * value is an object of its own, its blocks summed. */
  if (self->values->len > 0)
    {
      json_builder_set_member_name (b, "values");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->values->len;)
        {
          const SlBlock *first = &g_array_index (self->values, SlBlock, i);
          gint64 requested = 0, blocks = 0, pymalloc = 0;
          guint n = 0;

          for (; i < self->values->len; i++, n++)
            {
              const SlBlock *block = &g_array_index (self->values, SlBlock, i);

              if (block->attribute != first->attribute)
                break;
              requested += block->requested;
              blocks += block->block;
              pymalloc += block->small ? block->block : 0;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "attribute");
          json_builder_add_string_value (b, first->attribute);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, first->value);
          INT ("blocks", n);
          INT ("traced", requested);
          INT ("allocated", blocks);
          json_builder_set_member_name (b, "pymalloc");
          if (facts->alloc == SL_ALLOC_PYMALLOC)
            json_builder_add_int_value (b, pymalloc);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
#undef INT

  json_builder_end_object (b);
  return json_builder_get_root (b);
}
