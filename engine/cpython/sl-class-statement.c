/* sl-class-statement.c: what a `class` statement's compiler and its
 * __init__ do with the attributes a session names (issue 10).
 *
 * - The compiler mangles a private name (`self.__x` in class C stores
 *   `_C__x`) in every function of the class body; a type() call whose
 *   __init__ was compiled outside any class does not (created_by "type").
 * - From 3.13 the compiler records __static_attributes__: every NAME of a
 *   `self.NAME = ...` anywhere in the class body (other methods, branches
 *   never taken), as written, unmangled, once each, sorted.  Only the
 *   literal name `self` counts.
 *   The compiler stores it after the body's own assignments, so a
 *   dataclass field of that name has the tuple as its default.
 * - __init__ calls the bases' __init__ explicitly (each base in `bases`
 *   order), through super() (the next class of the instance's MRO), or not
 *   at all, before, between or after its own stores.
 */

#include <string.h>

#include "sl-chain-private.h"
#include "sl-class-statement-private.h"
#include "sl-mangle.h"

char *
sl_class_self_name (SlClass *klass)
{
  const char * const *bases = sl_class_get_bases (klass);
  GString *name = g_string_new ("self");

  /* As the generated source does: a base named self would be hidden. */
  while (g_strv_contains (bases, name->str))
    g_string_append_c (name, '_');
  return g_string_free (name, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
sl_class_static_attributes (SlClass              *klass,
                            const SlProfileFacts *facts)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *self_name = NULL;
  const char * const *lists[2];

  if (!facts->static_attributes || sl_class_get_created_by (klass) != SL_CREATED_BY_CLASS)
    return NULL;
  /* dataclass(slots=True) makes the class again with type(): its fields
   * become __slots__ and their class variables are dropped, so a field
   * named __static_attributes__ leaves the slot's descriptor in the class,
   * not the compiler's tuple (dataclasses._add_slots; 3.14.10 shows none). */
  if ((sl_class_get_dataclass (klass) & SL_DATACLASS_SLOTS) &&
      g_strv_contains (sl_class_get_init (klass), "__static_attributes__"))
    return NULL;

  /* A dataclass's __init__ is generated and compiled outside the body;
   * only stores written in the body's own methods count. */
  lists[0] = sl_class_get_dataclass (klass) ? NULL : sl_class_get_init (klass);
  lists[1] = sl_class_get_elsewhere (klass);
  /* codegen keys on the literal name `self`, not on the first parameter. */
  self_name = sl_class_self_name (klass);
  if (strcmp (self_name, "self") != 0)
    lists[0] = lists[1] = NULL;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] && lists[l][i]; i++)
      if (g_hash_table_add (seen, (gpointer) lists[l][i]))
        g_ptr_array_add (names, g_strdup (lists[l][i]));
  /* A str sorts by code point; UTF-8 byte order is the same order. */
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* What the session says, except that from 3.13 the class body ends with
 * the compiler's `__static_attributes__ = (...)`, after the body's own
 * assignments: a field of that name has that tuple as its default (one
 * object, shared), whatever default or default_factory was written —
 * 3.13.0 to 3.15.2 show a tuple, slots or frozen alike (tests/test-layout-
 * live, seed 319580842). */
const char *
sl_dataclass_field_value (SlClass              *klass,
                          guint                 i,
                          const SlProfileFacts *facts)
{
  if (facts->static_attributes && sl_class_get_created_by (klass) == SL_CREATED_BY_CLASS &&
      strcmp (sl_class_get_init (klass)[i], "__static_attributes__") == 0)
    return "shared";
  return sl_class_get_init_value (klass, i);
}

typedef struct {
  SlTypeModel  *instance;   /* whose MRO super() follows */
  GHashTable   *memo;       /* SlTypeModel* -> GArray of SlStore, as the call stores them */
  GStringChunk *strings;    /* the mangled names */
  GString      *scratch;
} Run;

/* The stores of one call, once per name and kind: the first store makes
 * the dict's key, and the first through __setattr__ (not a dataclass's own
 * __init__) meets a frozen dataclass's check.  Most calls store a few
 * names, looked for in `out`; a long one gets a table of names. */
#define SEEN_TABLE_FROM 64

typedef struct {
  GArray     *out;    /* SlStore */
  GHashTable *seen;   /* name -> kinds stored (1 through __setattr__, 2 generated), or NULL */
} Appender;

static void
append_store (Appender   *a,
              const char *name,
              guint       hash,
              const char *owner,
              gboolean    generated)
{
  SlStore store = { name, owner, generated, hash };
  guint kind = generated ? 2 : 1;

  if (a->seen == NULL && a->out->len >= SEEN_TABLE_FROM)
    {
      a->seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < a->out->len; i++)
        {
          const SlStore *s = &g_array_index (a->out, SlStore, i);
          guint kinds = GPOINTER_TO_UINT (g_hash_table_lookup (a->seen, s->name));

          g_hash_table_insert (a->seen, (gpointer) s->name, GUINT_TO_POINTER (kinds | (s->generated ? 2 : 1)));
        }
    }
  if (a->seen != NULL)
    {
      guint kinds = GPOINTER_TO_UINT (g_hash_table_lookup (a->seen, name));

      if (kinds & kind)
        return;
      g_hash_table_insert (a->seen, (gpointer) name, GUINT_TO_POINTER (kinds | kind));
    }
  else
    for (guint i = 0; i < a->out->len; i++)
      {
        const SlStore *s = &g_array_index (a->out, SlStore, i);

        if (s->hash == hash && s->generated == generated && strcmp (s->name, name) == 0)
          return;
      }
  g_array_append_val (a->out, store);
}

/* The name as `type`'s compiled code stores it, kept for the run. */
static const char *
stored_name (Run         *run,
             SlTypeModel *type,
             const char  *name)
{
  const char *mangled = sl_mangle_to (run->scratch, type->name, name);

  return mangled == name ? name : g_string_chunk_insert_const (run->strings, mangled);
}

static GArray *run_init (Run *run, SlTypeModel *type);

static void
append_run (Run         *run,
            SlTypeModel *callee,
            Appender    *a)
{
  GArray *stores = run_init (run, callee);

  for (guint i = 0; i < stores->len; i++)
    {
      const SlStore *store = &g_array_index (stores, SlStore, i);

      append_store (a, store->name, store->hash, store->owner, store->generated);
    }
}

/* The __init__ super() finds from `type`: the next class of the
 * instance's MRO that defines one (every session class does; abc.ABC and
 * typing.Generic do not, object's stores nothing). */
static SlTypeModel *
next_in_mro (Run         *run,
             SlTypeModel *type)
{
  GPtrArray *mro = run->instance->mro;

  for (guint i = 0; i + 1 < mro->len; i++)
    if (g_ptr_array_index (mro, i) == type)
      {
        for (guint j = i + 1; j < mro->len; j++)
          if (((SlTypeModel *) g_ptr_array_index (mro, j))->klass)
            return g_ptr_array_index (mro, j);
        return NULL;
      }
  return NULL;
}

/* Dataclass fields are the generated __init__'s stores: every field of the
 * dataclasses in the MRO, most basic first, a field named again keeping
 * its first place, then this class's own.  A field written `__x` in the
 * body is the mangled name in __annotations__. */
static void
dataclass_fields (Run         *run,
                  SlTypeModel *type,
                  const char  *owner,
                  Appender    *a)
{
  for (guint i = type->mro->len; i-- > 1;)
    {
      SlTypeModel *base = g_ptr_array_index (type->mro, i);

      if (base->klass && sl_class_get_dataclass (base->klass))
        dataclass_fields (run, base, owner, a);
    }
  for (const char * const *init = sl_class_get_init (type->klass); *init; init++)
    {
      const char *name = stored_name (run, type, *init);

      append_store (a, name, g_str_hash (name), owner, TRUE);
    }
}

/* What `type.__init__(self)` stores, once each, in order. */
static GArray *
run_init (Run         *run,
          SlTypeModel *type)
{
  Appender a = { NULL, NULL };
  SlClass *klass = type->klass;
  const char * const *init;
  gboolean mangles;
  guint n_init, at;
  SlBaseInit how;

  if (klass == NULL)
    return NULL;
  if ((a.out = g_hash_table_lookup (run->memo, type)) != NULL)
    return a.out;

  a.out = g_array_sized_new (FALSE, FALSE, sizeof (SlStore), 2 * sl_class_get_n_init (klass) + 8);

  if (sl_class_get_dataclass (klass))
    dataclass_fields (run, type, type->name, &a);
  else
    {
      init = sl_class_get_init (klass);
      n_init = sl_class_get_n_init (klass);
      how = sl_class_get_base_init (klass, &at);
      at = MIN (at, n_init);
      mangles = sl_class_get_created_by (klass) == SL_CREATED_BY_CLASS;

      for (guint i = 0; i <= n_init; i++)
        {
          if (i == at)
            {
              if (how == SL_BASE_INIT_EXPLICIT)
                {
                  for (guint b = 0; b < type->bases->len; b++)
                    {
                      SlTypeModel *base = g_ptr_array_index (type->bases, b);

                      if (base->klass)
                        append_run (run, base, &a);
                    }
                }
              else if (how == SL_BASE_INIT_SUPER)
                {
                  SlTypeModel *next = next_in_mro (run, type);

                  if (next && next->klass)
                    append_run (run, next, &a);
                }
            }
          if (i < n_init)
            {
              const char *name = mangles ? stored_name (run, type, init[i]) : init[i];

              append_store (&a, name, g_str_hash (name), type->name, FALSE);
            }
        }
    }

  g_clear_pointer (&a.seen, g_hash_table_unref);
  g_hash_table_insert (run->memo, type, a.out);
  return a.out;
}

static void
run_init_start (Run          *run,
                SlTypeModel  *instance,
                GStringChunk *strings)
{
  run->instance = instance;
  run->memo = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  run->strings = strings;
  run->scratch = g_string_sized_new (64);
}

static void
run_init_finish (Run *run)
{
  g_hash_table_unref (run->memo);
  g_string_free (run->scratch, TRUE);
}

void
sl_dataclass_fields (SlTypeModel *type,
                     GPtrArray   *out)
{
  GStringChunk *strings = g_string_chunk_new (256);
  Appender a = { g_array_new (FALSE, FALSE, sizeof (SlStore)), NULL };
  Run run;

  run_init_start (&run, type, strings);
  dataclass_fields (&run, type, type->name, &a);
  for (guint i = 0; i < a.out->len; i++)
    g_ptr_array_add (out, g_strdup (g_array_index (a.out, SlStore, i).name));
  g_clear_pointer (&a.seen, g_hash_table_unref);
  g_array_unref (a.out);
  run_init_finish (&run);
  g_string_chunk_free (strings);
}

void
sl_class_statement_stores (SlTypeModel *type,
                           SlStores    *out)
{
  Run run;
  GArray *stores;

  out->stores = NULL;
  out->strings = g_string_chunk_new (256);
  run_init_start (&run, type, out->strings);
  stores = run_init (&run, type);
  /* The instance's own list, kept from the memo. */
  out->stores = stores ? g_array_ref (stores) : g_array_new (FALSE, FALSE, sizeof (SlStore));
  run_init_finish (&run);
}

void
sl_stores_clear (SlStores *stores)
{
  g_clear_pointer (&stores->stores, g_array_unref);
  g_clear_pointer (&stores->strings, g_string_chunk_free);
}
