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
 * - __init__ calls the bases' __init__ explicitly (each base in `bases`
 *   order), through super() (the next class of the instance's MRO), or not
 *   at all, before, between or after its own stores.
 */

#include <string.h>

#include "sl-chain-private.h"
#include "sl-type-model-private.h"

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

typedef struct {
  SlTypeModel *instance;   /* whose MRO super() follows */
  GHashTable  *memo;       /* SlTypeModel* -> GPtrArray of Store, as the call stores them */
} Run;

typedef struct {
  char       *name;
  const char *owner;
  gboolean    generated;   /* by a dataclass's __init__: object.__setattr__ */
} Store;

static void
store_free (gpointer data)
{
  Store *store = data;

  g_free (store->name);
  g_free (store);
}

static void
append_store (GPtrArray  *out,
              GHashTable *seen,
              const char *name,
              const char *owner,
              gboolean    generated)
{
  Store *store;
  /* Once per name and kind: the first store makes the dict's key, and the
   * first through __setattr__ (not a dataclass's own __init__) meets a
   * frozen dataclass's check. */
  char *key = g_strdup_printf ("%c%s", generated ? 'g' : 's', name);

  if (!g_hash_table_add (seen, key))
    return;
  store = g_new0 (Store, 1);
  store->name = g_strdup (name);
  store->owner = owner;
  store->generated = generated;
  g_ptr_array_add (out, store);
}

static GPtrArray *run_init (Run *run, SlTypeModel *type);

static void
append_run (Run         *run,
            SlTypeModel *callee,
            GPtrArray   *out,
            GHashTable  *seen)
{
  GPtrArray *stores = run_init (run, callee);

  for (guint i = 0; i < stores->len; i++)
    {
      Store *store = g_ptr_array_index (stores, i);

      append_store (out, seen, store->name, store->owner, store->generated);
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
dataclass_fields (SlTypeModel *type,
                  const char  *owner,
                  GPtrArray   *out,
                  GHashTable  *seen)
{
  for (guint i = type->mro->len; i-- > 1;)
    {
      SlTypeModel *base = g_ptr_array_index (type->mro, i);

      if (base->klass && sl_class_get_dataclass (base->klass))
        dataclass_fields (base, owner, out, seen);
    }
  for (const char * const *init = sl_class_get_init (type->klass); *init; init++)
    {
      g_autofree char *mangled = sl_mangle (type->name, *init);

      append_store (out, seen, mangled ? mangled : *init, owner, TRUE);
    }
}

/* What `type.__init__(self)` stores, once each, in order. */
static GPtrArray *
run_init (Run         *run,
          SlTypeModel *type)
{
  GPtrArray *out;
  g_autoptr(GHashTable) seen = NULL;
  SlClass *klass = type->klass;
  const char * const *init;
  gboolean mangles;
  guint n_init, at;
  SlBaseInit how;

  if (klass == NULL)
    return NULL;
  if ((out = g_hash_table_lookup (run->memo, type)) != NULL)
    return out;

  out = g_ptr_array_new_with_free_func (store_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (sl_class_get_dataclass (klass))
    {
      dataclass_fields (type, type->name, out, seen);
      g_hash_table_insert (run->memo, type, out);
      return out;
    }

  init = sl_class_get_init (klass);
  n_init = g_strv_length ((char **) init);
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
                    append_run (run, base, out, seen);
                }
            }
          else if (how == SL_BASE_INIT_SUPER)
            {
              SlTypeModel *next = next_in_mro (run, type);

              if (next && next->klass)
                append_run (run, next, out, seen);
            }
        }
      if (i < n_init)
        {
          g_autofree char *mangled = mangles ? sl_mangle (type->name, init[i]) : NULL;

          append_store (out, seen, mangled ? mangled : init[i], type->name, FALSE);
        }
    }

  g_hash_table_insert (run->memo, type, out);
  return out;
}

void
sl_dataclass_fields (SlTypeModel *type,
                     GPtrArray   *out)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (store_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  dataclass_fields (type, type->name, stores, seen);
  for (guint i = 0; i < stores->len; i++)
    g_ptr_array_add (out, g_strdup (((Store *) g_ptr_array_index (stores, i))->name));
}

void
sl_class_statement_stores (SlTypeModel *type,
                           GPtrArray   *names,
                           GPtrArray   *owners,
                           GArray      *generated)
{
  Run run = { type, g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref) };
  GPtrArray *stores = run_init (&run, type);

  for (guint i = 0; stores && i < stores->len; i++)
    {
      Store *store = g_ptr_array_index (stores, i);

      g_ptr_array_add (names, g_strdup (store->name));
      g_ptr_array_add (owners, (gpointer) store->owner);
      g_array_append_val (generated, store->generated);
    }
  g_hash_table_unref (run.memo);
}
