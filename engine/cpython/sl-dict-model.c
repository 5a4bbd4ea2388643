/* sl-dict-model.c: instance dicts, shared keys and values, per version.
 *
 * Objects/dictobject.c in three eras:
 * - 3.3-3.10 (split tables): a dict is made on the first store; with the
 *   class's cached keys it is split, with USABLE_FRACTION(size) values.  The
 *   first instance grows the shared keys (dictresize, then make_keys_shared).
 * - 3.11-3.12 (managed values): each new object gets a values array of
 *   nentries + usable slots, usable shrinking by one per object down to 1.
 *   A key the shared keys cannot take turns the values into a combined dict.
 * - 3.13+ (inline values): the values live inside the object when the type
 *   has Py_TPFLAGS_INLINE_VALUES; otherwise a split dict with a values array
 *   is made on the first store (the 3.13 slots-plus-dict regression).
 */

#include <string.h>

#include "sl-dict-model-private.h"

#define USABLE_FRACTION(n) (((n) << 1) / 3)

typedef enum {
  STATE_NONE,      /* no dict, no values */
  STATE_VALUES,    /* values, no dict object (3.11+) */
  STATE_SPLIT,     /* a dict object over the shared keys */
  STATE_COMBINED,  /* a dict with keys of its own */
} DictState;

typedef struct {
  SlDictSim   *sim;
  SlInstance  *out;
  DictState    state;
  gint64       capacity;      /* values slots (VALUES, SPLIT) */
  int          values_block;  /* index of the separate values block, -1 */
  int          keys_block;    /* index of the combined keys block, -1 */
  guint        log2;          /* combined keys */
  gint64       usable;        /* combined keys */
  gint64       used;          /* ma_used */
} Instance;

static gint64
round_up (gint64 n,
          gint64 to)
{
  return (n + to - 1) / to * to;
}

/* calculate_log2_keysize(): the smallest power of two >= minsize, >= 8. */
static guint
log2_keysize (gint64 minsize,
              guint  min_log2)
{
  guint log2 = min_log2;

  while (((gint64) 1 << log2) < minsize)
    log2++;
  return log2;
}

gint64
sl_dict_sim_keys_size (const SlProfileFacts *facts,
                       guint                 log2)
{
  gint64 size = (gint64) 1 << log2;
  gint64 index_bytes = log2 < 8 ? 1 : log2 < 16 ? 2 : log2 < 32 ? 4 : 8;
  gint64 entry = facts->unicode_entry ? facts->unicode_entry : facts->entry;

  return facts->keys_header + size * index_bytes + USABLE_FRACTION (size) * entry;
}

static gint64
values_size (const SlProfileFacts *facts,
             gint64                capacity)
{
  gint64 ptr = facts->pointer;

  switch (facts->values_layout)
    {
    case SL_VALUES_USABLE_ARRAY:
      return capacity * ptr;
    case SL_VALUES_PREFIX:
      return round_up (capacity + 2, ptr) + capacity * ptr;
    case SL_VALUES_SUFFIX:
    default:
      return (capacity + 1) * ptr + round_up (capacity, ptr);
    }
}

guint64
sl_alloc_block (const SlProfileFacts *facts,
                guint64               requested,
                gboolean             *small)
{
  if (facts->alloc == SL_ALLOC_MIMALLOC)
    {
      /* mimalloc's bins as CPython builds it (MI_MAX_ALIGN_SIZE 16, so
       * MI_ALIGN2W): even word counts up to 8 words, then four per doubling. */
      guint64 wsize = (requested + 7) / 8;
      guint64 w, b;

      *small = TRUE;
      if (wsize <= 1)
        return 8;
      if (wsize <= 8)
        return ((wsize + 1) & ~(guint64) 1) * 8;
      w = wsize - 1;
      b = 63 - __builtin_clzll (w);
      /* bin upper bound in words: ((4 + ((w >> (b - 2)) & 3)) + 1) << (b - 2) */
      return (((w >> (b - 2)) + 1) << (b - 2)) * 8;
    }

  *small = requested > 0 && requested <= facts->small_max;
  if (*small)
    return round_up (requested, facts->alignment);
  /* glibc malloc: 8 bytes of chunk header, 16-byte chunks, 32 at least. */
  return MAX (32, round_up (requested + 8, 16));
}

/* A block's share of the memory the allocator holds for it: its pool's
 * header and tail, and the pool an arena loses to alignment. */
double
sl_alloc_resident (const SlProfileFacts *facts,
                   guint64               requested)
{
  gboolean small;
  guint64 block = sl_alloc_block (facts, requested, &small);

  if (!small)
    return (double) block;
  if (facts->alloc == SL_ALLOC_MIMALLOC)
    {
      guint64 page = facts->mi_page ? facts->mi_page : 65536;

      /* A block bigger than a small page's share gets a page (or
       * segment span) of its own: count it whole. */
      if (block > page / 8)
        return (double) block;
      return (double) page / (double) (page / block);
    }
  else
    {
      guint64 per_pool = (facts->pool - facts->pool_header) / block;
      guint64 pools = facts->arena / facts->pool;
      /* An mmap'd arena is page-aligned; with pools larger than a page the
       * first partial pool is lost. */
      guint64 usable_pools = facts->pool > 4096 ? pools - 1 : pools;

      return (double) facts->arena / (double) (usable_pools * per_pool);
    }
}

static int
add_block (Instance *inst,
           SlPart    part,
           gint64    requested)
{
  SlInstance *out = inst->out;
  SlBlock *block;

  g_assert (out->n_blocks < SL_MAX_BLOCKS);
  block = &out->blocks[out->n_blocks];
  block->part = part;
  block->requested = requested;
  block->block = sl_alloc_block (inst->sim->facts, requested, &block->small);
  return (int) out->n_blocks++;
}

static void
set_block (Instance *inst,
           int       index,
           gint64    requested)
{
  SlBlock *block = &inst->out->blocks[index];

  block->requested = requested;
  block->block = sl_alloc_block (inst->sim->facts, requested, &block->small);
}

static void
free_block (Instance *inst,
            int      *index)
{
  SlInstance *out = inst->out;

  if (*index < 0)
    return;
  for (guint i = *index; i + 1 < out->n_blocks; i++)
    out->blocks[i] = out->blocks[i + 1];
  out->n_blocks--;
  if (inst->keys_block > *index)
    inst->keys_block--;
  if (inst->values_block > *index)
    inst->values_block--;
  *index = -1;
}

static void
add_dict_object (Instance *inst)
{
  add_block (inst, SL_PART_DICT, inst->sim->facts->dict_object + inst->sim->facts->gc_head);
}

/* dictresize() into a combined table sized for ma_used * 3 (GROWTH_RATE). */
static void
resize_combined (Instance *inst)
{
  const SlProfileFacts *facts = inst->sim->facts;

  inst->log2 = log2_keysize (inst->used * 3, facts->min_log2);
  inst->usable = USABLE_FRACTION ((gint64) 1 << inst->log2) - inst->used;
  if (inst->keys_block < 0)
    inst->keys_block = add_block (inst, SL_PART_KEYS, sl_dict_sim_keys_size (facts, inst->log2));
  else
    set_block (inst, inst->keys_block, sl_dict_sim_keys_size (facts, inst->log2));
  free_block (inst, &inst->values_block);  /* inline values stay in the object */
  inst->state = STATE_COMBINED;
}

static void
insert_combined (Instance *inst)
{
  if (inst->usable <= 0)
    resize_combined (inst);
  inst->usable--;
  inst->used++;
}

/* A split dict over the class's keys, values sized as the era does. */
static void
new_split_dict (Instance *inst)
{
  SlDictSim *sim = inst->sim;
  const SlProfileFacts *facts = sim->facts;

  add_dict_object (inst);
  if (facts->dict_model == SL_DICT_MODEL_SPLIT_TABLE)
    inst->capacity = USABLE_FRACTION ((gint64) 1 << sim->keys.log2);
  else
    inst->capacity = sim->keys.nentries + sim->keys.usable;
  inst->values_block = add_block (inst, SL_PART_VALUES, values_size (facts, inst->capacity));
  inst->state = STATE_SPLIT;
  sim->live_sharers++;
}

/* The first dict of an instance: split over the cached keys, or empty. */
static void
ensure_dict (Instance *inst)
{
  if (inst->sim->keys.present)
    new_split_dict (inst);
  else
    {
      add_dict_object (inst);
      inst->state = STATE_COMBINED;
      inst->log2 = 0;
      inst->usable = 0;
    }
}

/* The part every era shares: a dict of its own takes the key; a key the
 * shared keys hold, or have room for, goes there.  FALSE when they are
 * full and the era must say what happens. */
static gboolean
store_shared (Instance *inst,
              guint     key)
{
  SlDictSim *sim = inst->sim;

  if (inst->state == STATE_NONE)
    ensure_dict (inst);

  if (inst->state == STATE_COMBINED)
    {
      insert_combined (inst);
      return TRUE;
    }
  if (sim->new_index != NULL && sim->new_index[key] == G_MAXUINT)
    ;  /* seeded from __static_attributes__: always there */
  else if ((sim->new_index ? sim->new_index[key] : key) >= sim->keys.nentries - sim->n_seeded)
    {
      if (sim->keys.usable <= 0)
        return FALSE;
      sim->keys.nentries++;
      sim->keys.usable--;
    }
  inst->used++;
  return TRUE;
}

static void
store_split_table (Instance *inst,
                   guint     key)
{
  SlDictSim *sim = inst->sim;

  if (store_shared (inst, key))
    return;

  /* insertion_resize() turns the split table into a combined one.  If no
   * other dict shares the old keys, _PyObjectDict_SetItem() makes the new
   * keys the class's shared keys again (make_keys_shared). */
  sim->live_sharers--;
  resize_combined (inst);
  insert_combined (inst);
  if (sim->live_sharers == 0)
    {
      sim->keys.log2 = inst->log2;
      sim->keys.nentries = inst->used;
      sim->keys.usable = inst->usable;
      free_block (inst, &inst->keys_block);
      inst->capacity = USABLE_FRACTION ((gint64) 1 << inst->log2);
      inst->values_block = add_block (inst, SL_PART_VALUES, values_size (sim->facts, inst->capacity));
      inst->state = STATE_SPLIT;
      sim->live_sharers = 1;
    }
  else
    sim->keys.present = FALSE;
}

static void
store_managed (Instance *inst,
               guint     key)
{
  if (store_shared (inst, key))
    return;

  /* No room in the shared keys: make the dict (if there is none yet) and
   * resize it into a combined table. */
  if (inst->state == STATE_VALUES)
    {
      add_dict_object (inst);
      inst->state = STATE_SPLIT;
    }
  resize_combined (inst);
  insert_combined (inst);
}

void
sl_dict_sim_init (SlDictSim            *sim,
                  const SlProfileFacts *facts,
                  gint64                object_size,
                  gboolean              has_dict,
                  gboolean              managed,
                  gboolean              inline_values,
                  guint                 n_keys,
                  guint                 n_seeded,
                  const guint          *new_index)
{
  memset (sim, 0, sizeof *sim);
  sim->facts = facts;
  sim->object_size = object_size;
  sim->has_dict = has_dict;
  sim->managed = managed;
  sim->inline_values = inline_values;
  sim->n_keys = n_keys;

  /* _PyDict_NewKeysForClass() */
  sim->keys.present = has_dict;
  if (facts->dict_model == SL_DICT_MODEL_SPLIT_TABLE)
    {
      sim->keys.log2 = facts->min_log2;
      sim->keys.usable = USABLE_FRACTION ((gint64) 1 << facts->min_log2);
    }
  else
    {
      /* NEXT_LOG2_SHARED_KEYS_MAX_SIZE, usable set to SHARED_KEYS_MAX_SIZE;
       * 3.14+ then inserts the class's __static_attributes__ until full. */
      sim->keys.log2 = 6;
      sim->keys.usable = facts->shared_keys_max;
      if (has_dict && new_index != NULL)
        {
          sim->n_seeded = MIN (n_seeded, facts->shared_keys_max);
          sim->new_index = new_index;
          sim->keys.nentries = sim->n_seeded;
          sim->keys.usable -= sim->n_seeded;
        }
    }
}

void
sl_dict_sim_instance (SlDictSim  *sim,
                      gboolean    touch,
                      SlInstance *out)
{
  const SlProfileFacts *facts = sim->facts;
  Instance inst = { sim, out, STATE_NONE, 0, -1, -1, 0, 0, 0 };
  int object_block;

  memset (out, 0, sizeof *out);
  out->dict_sizeof = -1;
  object_block = add_block (&inst, SL_PART_OBJECT, sim->object_size);

  if (sim->has_dict && sim->managed && facts->dict_model != SL_DICT_MODEL_SPLIT_TABLE)
    {
      if (sim->inline_values)
        {
          /* _PyType_AllocNoTrack sizes the values before
           * _PyObject_InitInlineValues shrinks usable. */
          gint64 alloc = sim->keys.nentries + sim->keys.usable;

          set_block (&inst, object_block, sim->object_size + values_size (facts, alloc));
          if (sim->keys.usable > 1)
            sim->keys.usable--;
          inst.capacity = sim->keys.nentries + sim->keys.usable;
          out->inline_capacity = alloc;
          inst.state = STATE_VALUES;
        }
      else if (facts->dict_model == SL_DICT_MODEL_MANAGED_VALUES)
        {
          if (sim->keys.usable > 1)
            sim->keys.usable--;
          inst.capacity = sim->keys.nentries + sim->keys.usable;
          inst.values_block = add_block (&inst, SL_PART_VALUES, values_size (facts, inst.capacity));
          inst.state = STATE_VALUES;
        }
    }

  if (sim->has_dict)
    for (guint key = 0; key < sim->n_keys; key++)
      {
        if (facts->dict_model == SL_DICT_MODEL_SPLIT_TABLE)
          store_split_table (&inst, key);
        else
          store_managed (&inst, key);
      }

  if (sim->has_dict && touch)
    {
      if (inst.state == STATE_NONE)
        ensure_dict (&inst);
      else if (inst.state == STATE_VALUES)
        {
          add_dict_object (&inst);  /* make_dict_from_instance_attributes() */
          inst.state = STATE_SPLIT;
        }

      /* dict.__sizeof__() plus the GC head sys.getsizeof() adds. */
      out->dict_sizeof = facts->dict_object + facts->gc_head;
      if (inst.state == STATE_SPLIT)
        {
          if (facts->dict_model == SL_DICT_MODEL_SPLIT_TABLE)
            out->dict_sizeof += USABLE_FRACTION ((gint64) 1 << sim->keys.log2) * facts->pointer;
          else
            out->dict_sizeof += (sim->keys.nentries + sim->keys.usable) * facts->pointer;
        }
      else if (inst.keys_block >= 0)
        out->dict_sizeof += sl_dict_sim_keys_size (facts, inst.log2);
    }
}

gint64
sl_instance_traced (const SlInstance *inst)
{
  gint64 total = 0;

  for (guint i = 0; i < inst->n_blocks; i++)
    total += inst->blocks[i].requested;
  return total;
}
