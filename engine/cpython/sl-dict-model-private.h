#pragma once

#include "sl-layout.h"
#include "sl-profile-private.h"

G_BEGIN_DECLS

/* CPython's instance dicts, per version: the class's shared keys
 * (ht_cached_keys), and for each new instance the blocks it allocates as
 * __init__ stores its dict-bound attributes in order.  Keys are counted,
 * not named: every instance stores the same names in the same order, so the
 * shared keys always hold the names seeded from __static_attributes__
 * (3.14+) and a prefix of the other names in that order. */

typedef struct {
  gboolean present;    /* CACHED_KEYS(tp) != NULL */
  guint    log2;       /* log2 of the keys table size */
  gint64   usable;     /* dk_usable */
  gint64   nentries;   /* dk_nentries */
} SlSharedKeys;

typedef struct {
  const SlProfileFacts *facts;
  gint64       object_size;    /* basicsize + pre-header (GC head included) */
  gboolean     has_dict;
  gboolean     managed;        /* Py_TPFLAGS_MANAGED_DICT (3.11+) */
  gboolean     inline_values;  /* Py_TPFLAGS_INLINE_VALUES (3.13+) */
  guint        n_keys;         /* attributes __init__ stores in the dict */
  SlSharedKeys keys;
  guint        live_sharers;   /* instances whose split dict uses keys (3.3-3.10) */
  /* 3.14+: keys the class's shared keys start with (__static_attributes__),
   * and for each of the n_keys stores its place among the stores not
   * seeded (G_MAXUINT: seeded).  NULL when nothing is seeded. */
  guint        n_seeded;
  const guint *new_index;
} SlDictSim;

#define SL_MAX_BLOCKS 4

typedef struct {
  SlBlock blocks[SL_MAX_BLOCKS];
  guint   n_blocks;
  gint64  dict_sizeof;     /* sys.getsizeof(o.__dict__) after a touch; -1 if no dict */
  gint64  inline_capacity; /* values[] slots inside the object; 0 if none */
} SlInstance;

void    sl_dict_sim_init      (SlDictSim            *sim,
                               const SlProfileFacts *facts,
                               gint64                object_size,
                               gboolean              has_dict,
                               gboolean              managed,
                               gboolean              inline_values,
                               guint                 n_keys,
                               guint                 n_seeded,
                               const guint          *new_index);
void    sl_dict_sim_instance  (SlDictSim            *sim,
                               gboolean              touch,
                               SlInstance           *out);
gint64  sl_dict_sim_keys_size (const SlProfileFacts *facts,
                               guint                 log2);
gint64  sl_instance_traced    (const SlInstance     *inst);
guint64 sl_alloc_block        (const SlProfileFacts *facts,
                               guint64               requested,
                               gboolean             *small);
double  sl_alloc_resident     (const SlProfileFacts *facts,
                               guint64               requested);

G_END_DECLS
