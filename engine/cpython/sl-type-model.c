/* sl-type-model.c: what type(name, bases, body) makes of a class.
 *
 * The rules follow Objects/typeobject.c: best_base() and solid_base() pick
 * the layout base, the __slots__ loop checks each item in order, slots are
 * mangled and sorted, secondary bases may provide __dict__/__weakref__, the
 * new members follow the base's basicsize, and mro_implementation() runs
 * C3 with its duplicate-base and consistency errors.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sl-chain-private.h"
#include "sl-class-statement-private.h"
#include "sl-enums.h"
#include "sl-mangle.h"

static void
sl_type_model_free (SlTypeModel *type)
{
  if (type == NULL)
    return;
  g_clear_pointer (&type->bases, g_ptr_array_unref);
  g_clear_pointer (&type->mro, g_ptr_array_unref);
  if (type->slots_owned)
    g_strfreev ((GStrv) type->slots);
  if (type->members)
    {
      for (guint i = 0; i < type->members->len; i++)
        if (g_array_index (type->members, SlMember, i).owned)
          g_free ((char *) g_array_index (type->members, SlMember, i).name);
      g_array_unref (type->members);
    }
  g_free (type);
}

void
sl_type_set_free (SlTypeSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->types, g_ptr_array_unref);
  g_clear_pointer (&set->library, g_ptr_array_unref);
  sl_type_model_free (set->object);
  g_clear_object (&set->profile);
  g_free (set->error);
  g_free (set->error_class);
  g_free (set);
}

SlTypeModel *
sl_type_set_lookup (SlTypeSet  *set,
                    const char *name)
{
  for (guint i = 0; i < set->types->len; i++)
    {
      SlTypeModel *type = g_ptr_array_index (set->types, i);

      if (strcmp (type->name, name) == 0)
        return type;
    }
  return NULL;
}

char *
sl_format_message (const char *template,
                   ...)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      const char *value = NULL;
      va_list args;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);

      va_start (args, template);
      for (const char *key = va_arg (args, const char *); key; key = va_arg (args, const char *))
        {
          const char *v = va_arg (args, const char *);

          if ((gsize) (close - open - 1) == strlen (key) && strncmp (open + 1, key, close - open - 1) == 0)
            {
              value = v;
              break;
            }
        }
      va_end (args);

      if (value)
        g_string_append (out, value);
      else
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

static gboolean
mro_contains (SlTypeModel *type,
              SlTypeModel *other)
{
  for (guint i = 0; i < type->mro->len; i++)
    if (g_ptr_array_index (type->mro, i) == other)
      return TRUE;
  return FALSE;
}

/* extra_ivars() (3.8-3.11) or shape_differs() (3.12+). */
static gboolean
adds_layout (const SlProfileFacts *facts,
             SlTypeModel          *type,
             SlTypeModel          *base)
{
  gint64 t_size = type->basicsize;
  gint64 ptr = facts->pointer;

  if (facts->solid_base == SL_SOLID_SHAPE)
    return type->basicsize != base->basicsize || type->itemsize != base->itemsize;

  if (type->itemsize || base->itemsize)
    return t_size != base->basicsize || type->itemsize != base->itemsize;
  if (type->weaklistoffset > 0 && base->weaklistoffset == 0 &&
      type->weaklistoffset + ptr == t_size)
    t_size -= ptr;
  if (type->dictoffset > 0 && base->dictoffset == 0 &&
      type->dictoffset + ptr == t_size)
    t_size -= ptr;
  return t_size != base->basicsize;
}

static SlTypeModel *
solid_base (const SlProfileFacts *facts,
            SlTypeModel          *type,
            SlTypeModel          *object)
{
  SlTypeModel *base = type->base ? solid_base (facts, type->base, object) : object;

  return adds_layout (facts, type, base) ? type : base;
}

/* best_base(): NULL with *error set on a lay-out conflict. */
static SlTypeModel *
best_base (SlTypeSet  *set,
           GPtrArray  *bases,
           char      **error)
{
  const SlProfileFacts *facts = sl_profile_get_facts (set->profile);
  SlTypeModel *base = NULL, *winner = NULL;

  for (guint i = 0; i < bases->len; i++)
    {
      SlTypeModel *base_i = g_ptr_array_index (bases, i);
      SlTypeModel *candidate = solid_base (facts, base_i, set->object);

      if (winner == NULL)
        {
          winner = candidate;
          base = base_i;
        }
      else if (mro_contains (winner, candidate))
        ;
      else if (mro_contains (candidate, winner))
        {
          winner = candidate;
          base = base_i;
        }
      else
        {
          *error = g_strdup (sl_profile_get_message (set->profile, "layout_conflict"));
          return NULL;
        }
    }
  return base;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const SlMember *) a)->name, ((const SlMember *) b)->name);
}

/* g_array_sort()'s order (a stable sort), without its allocations for the
 * few slots a class has. */
static void
sort_members (GArray *members)
{
  SlMember *m = (SlMember *) (gpointer) members->data;

  if (members->len > 32)
    {
      g_array_sort (members, compare_members);
      return;
    }
  for (guint i = 1; i < members->len; i++)
    {
      SlMember key = m[i];
      guint j = i;

      for (; j > 0 && compare_members (&m[j - 1], &key) > 0; j--)
        m[j] = m[j - 1];
      m[j] = key;
    }
}

/* C3 linearisation, as mro_implementation() and pmerge() do it. */
static GPtrArray *
compute_mro (SlTypeSet   *set,
             SlTypeModel *type,
             char       **error)
{
  GPtrArray *bases = type->bases;
  GPtrArray *result = g_ptr_array_sized_new (8);
  g_autofree guint *remain = NULL;
  g_autofree GPtrArray **to_merge = NULL;
  guint n = bases->len;
  gboolean progress;

  g_ptr_array_add (result, type);

  if (n == 1)
    {
      SlTypeModel *base = g_ptr_array_index (bases, 0);

      for (guint i = 0; i < base->mro->len; i++)
        g_ptr_array_add (result, g_ptr_array_index (base->mro, i));
      return result;
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (g_ptr_array_index (bases, i) == g_ptr_array_index (bases, j))
        {
          SlTypeModel *dup = g_ptr_array_index (bases, i);

          *error = sl_format_message (sl_profile_get_message (set->profile, "duplicate_base"),
                                      "name", dup->name, NULL);
          g_ptr_array_unref (result);
          return NULL;
        }

  to_merge = g_new0 (GPtrArray *, n + 1);
  remain = g_new0 (guint, n + 1);
  for (guint i = 0; i < n; i++)
    to_merge[i] = ((SlTypeModel *) g_ptr_array_index (bases, i))->mro;
  to_merge[n] = bases;

  do
    {
      progress = FALSE;
      for (guint i = 0; i <= n && !progress; i++)
        {
          SlTypeModel *candidate;
          gboolean in_tail = FALSE;

          if (remain[i] >= to_merge[i]->len)
            continue;
          candidate = g_ptr_array_index (to_merge[i], remain[i]);
          for (guint j = 0; j <= n && !in_tail; j++)
            for (guint k = remain[j] + 1; k < to_merge[j]->len && !in_tail; k++)
              in_tail = g_ptr_array_index (to_merge[j], k) == candidate;
          if (in_tail)
            continue;

          g_ptr_array_add (result, candidate);
          for (guint j = 0; j <= n; j++)
            if (remain[j] < to_merge[j]->len && g_ptr_array_index (to_merge[j], remain[j]) == candidate)
              remain[j]++;
          progress = TRUE;
        }
    }
  while (progress);

  for (guint i = 0; i <= n; i++)
    if (remain[i] < to_merge[i]->len)
      {
        /* set_mro_error(): the heads left, once each, in a 1000-byte buffer. */
        g_autoptr(GPtrArray) heads = g_ptr_array_new ();
        g_autoptr(GString) names = g_string_new (NULL);
        g_autofree char *message = NULL;

        for (guint j = 0; j <= n; j++)
          if (remain[j] < to_merge[j]->len)
            {
              gpointer head = g_ptr_array_index (to_merge[j], remain[j]);

              if (!g_ptr_array_find (heads, head, NULL))
                g_ptr_array_add (heads, head);
            }
        for (guint j = 0; j < heads->len; j++)
          g_string_append_printf (names, "%s%s", j ? ", " : "",
                                  ((SlTypeModel *) g_ptr_array_index (heads, j))->name);
        message = sl_format_message (sl_profile_get_message (set->profile, "mro_conflict"),
                                     "bases", names->str, NULL);
        /* "TypeError: " is not part of CPython's buffer. */
        if (strlen (message) > 999 + strlen ("TypeError: "))
          message[999 + strlen ("TypeError: ")] = '\0';
        *error = g_steal_pointer (&message);
        g_ptr_array_unref (result);
        return NULL;
      }

  return result;
}

static const char *
python_repr_type (const char *py_type)
{
  return py_type ? py_type : "str";
}

/* A dataclass's own field, `__x` mangled, that is a class variable: in
 * the body every field of a session is one (`x: int = 0`, or
 * `x: float = field(default_factory=…)`, a Field object), which is what
 * type() checks __slots__ against; afterwards dataclass() leaves only a
 * default there (a Field with a default_factory is deleted), and that
 * default hides a base's slot of that name, so __init__ stores it in the
 * dict.  A session's field has a default when it holds a small int (no
 * value kind); any other kind comes from a default_factory, as the export
 * and the probe write it.  _add_slots() (slots=True) takes every field out
 * of the class it makes. */
static gboolean
is_field_variable (SlTypeModel *type,
                   const char  *name,
                   gboolean     after_dataclass)
{
  SlDataclassFlags flags = sl_class_get_dataclass (type->klass);
  const char * const *init = sl_class_get_init (type->klass);

  if (!flags || (flags & SL_DATACLASS_SLOTS))
    return FALSE;
  for (guint i = 0; init[i]; i++)
    if (sl_mangle_equal (type->name, init[i], name))
      {
        const char *kind = sl_class_get_init_value (type->klass, i);

        return !after_dataclass || kind == NULL || strcmp (kind, "small-int") == 0;
      }
  return FALSE;
}

/* Starts like a dunder: the special names compared below all do, and
 * most names a session stores do not (a test before each strcmp). */
static inline gboolean
is_dunder (const char *name)
{
  return name[0] == '_' && name[1] == '_';
}

/* g_strv_contains(), the first byte compared before the rest: these run
 * per name, class and profile. */
static gboolean
name_in (const char * const *names,
         const char         *name)
{
  for (; *names; names++)
    if ((*names)[0] == name[0] && strcmp (*names, name) == 0)
      return TRUE;
  return FALSE;
}

/* A __slots__ item's Python type when it is not a str, else NULL. */
static const char *
slot_py_type (SlTypeModel *type,
              guint        index)
{
  return type->slots_owned ? NULL : sl_class_get_slot_type (type->klass, index);
}

/* type_new()'s __slots__ handling and layout; FALSE with *error set. */
static gboolean
build_layout (SlTypeSet   *set,
              SlTypeModel *type,
              char       **error)
{
  const SlProfileFacts *facts = sl_profile_get_facts (set->profile);
  SlProfile *profile = set->profile;
  SlClass *klass = type->klass;
  SlTypeModel *base = type->base;
  gboolean may_add_dict = base->dictoffset == 0;
  gboolean may_add_weak = base->weaklistoffset == 0 && base->itemsize == 0;
  gboolean add_dict = FALSE, add_weak = FALSE;
  gint64 slotoffset;

  type->members = g_array_sized_new (FALSE, FALSE, sizeof (SlMember),
                                     type->slots ? g_strv_length ((GStrv) type->slots) : 0);

  if (type->slots == NULL)
    {
      add_dict = may_add_dict;
      add_weak = may_add_weak;
    }
  else
    {
      const char * const *slots = type->slots;
      guint n = g_strv_length ((GStrv) slots);

      for (guint i = 0; i < n; i++)
        {
          const char *py_type = slot_py_type (type, i);

          if (py_type != NULL)
            {
              *error = sl_format_message (sl_profile_get_message (profile, "slot_not_string"),
                                          "type", python_repr_type (py_type), NULL);
              return FALSE;
            }
          if (!sl_name_is_str_identifier (slots[i]))
            {
              *error = g_strdup (sl_profile_get_message (profile, "slot_not_identifier"));
              return FALSE;
            }
          if (is_dunder (slots[i]) && strcmp (slots[i], "__dict__") == 0)
            {
              if (!may_add_dict || add_dict)
                {
                  *error = g_strdup (sl_profile_get_message (profile, "dict_slot"));
                  return FALSE;
                }
              add_dict = TRUE;
            }
          if (is_dunder (slots[i]) && strcmp (slots[i], "__weakref__") == 0)
            {
              if (!may_add_weak || add_weak)
                {
                  *error = g_strdup (sl_profile_get_message (profile, "weakref_slot"));
                  return FALSE;
                }
              add_weak = TRUE;
            }
        }

      for (guint i = 0; i < n; i++)
        {
          SlMember member = { NULL, 0, FALSE };
          char *mangled;

          if ((add_dict || add_weak) && slots[i][0] == '_' && slots[i][1] == '_' &&
              ((add_dict && strcmp (slots[i], "__dict__") == 0) ||
               (add_weak && strcmp (slots[i], "__weakref__") == 0)))
            continue;
          mangled = sl_mangle (type->name, slots[i]);
          member.name = mangled ? mangled : slots[i];
          member.owned = mangled != NULL;
          /* The class body holds __slots__ and __init__; a class statement's
           * also what its compiler puts there (__module__, and from 3.13
           * __firstlineno__ and __static_attributes__).  type() adds
           * __module__ only after the slots are made.  A slots=True
           * dataclass's slots are its fields, and dataclasses' _add_slots()
           * pops every field name from the class dict before it makes the
           * new class: a field may be called __firstlineno__. */
          if ((is_dunder (member.name) && strcmp (member.name, "__slots__") == 0) ||
              (is_dunder (member.name) && strcmp (member.name, "__init__") == 0 &&
               !sl_class_get_dataclass (klass)) ||
              is_field_variable (type, member.name, FALSE) ||
              (sl_class_get_created_by (klass) == SL_CREATED_BY_CLASS &&
               !(sl_class_get_dataclass (klass) & SL_DATACLASS_SLOTS) &&
               name_in ((const char * const *) facts->class_body_names, member.name)))
            {
              g_autofree char *repr = g_strdup_printf ("'%s'", member.name);

              *error = sl_format_message (sl_profile_get_message (profile, "slot_conflicts"),
                                          "repr", repr, NULL);
              g_free (mangled);
              return FALSE;
            }
          g_array_append_val (type->members, member);
        }
      sort_members (type->members);

      /* Secondary bases may provide weakrefs or dict. */
      if (type->bases->len > 1 && ((may_add_dict && !add_dict) || (may_add_weak && !add_weak)))
        for (guint i = 0; i < type->bases->len; i++)
          {
            SlTypeModel *other = g_ptr_array_index (type->bases, i);

            if (other == base)
              continue;
            if (may_add_dict && !add_dict && other->dictoffset != 0)
              add_dict = TRUE;
            if (may_add_weak && !add_weak && other->weaklistoffset != 0)
              add_weak = TRUE;
            if (may_add_dict && !add_dict)
              continue;
            if (may_add_weak && !add_weak)
              continue;
            break;
          }
    }

  slotoffset = base->basicsize;
  for (guint i = 0; i < type->members->len; i++)
    {
      g_array_index (type->members, SlMember, i).offset = slotoffset;
      slotoffset += facts->pointer;
    }

  type->added_dict = add_dict;
  type->added_weak = add_weak;

  if (add_dict && facts->dict_ptr == SL_DICT_PTR_INLINE)
    {
      type->dictoffset = slotoffset;
      slotoffset += facts->pointer;
    }
  if (add_weak && facts->weakref_ptr == SL_WEAKREF_INLINE)
    {
      type->weaklistoffset = slotoffset;
      slotoffset += facts->pointer;
    }
  else if (add_weak)
    {
      type->managed_weakref = TRUE;
      type->weaklistoffset = -(gint64) (facts->gc_head + facts->pre_header);
    }
  if (add_dict && facts->dict_ptr == SL_DICT_PTR_MANAGED_311)
    {
      type->managed_dict = TRUE;
      type->dictoffset = -slotoffset - 3 * (gint64) facts->pointer;
    }
  else if (add_dict && facts->dict_ptr == SL_DICT_PTR_MANAGED)
    {
      type->managed_dict = TRUE;
      type->dictoffset = -1;
    }
  type->basicsize = slotoffset;
  type->itemsize = base->itemsize;

  /* PyType_Ready's inheritance from tp_base. */
  if (type->dictoffset == 0)
    type->dictoffset = base->dictoffset;
  if (type->weaklistoffset == 0)
    type->weaklistoffset = base->weaklistoffset;
  type->managed_dict |= base->managed_dict;
  type->managed_weakref |= base->managed_weakref;

  if (type->managed_dict)
    {
      if (facts->inline_values == SL_INLINE_VALUES_ALWAYS)
        type->inline_values = type->itemsize == 0;
      else if (facts->inline_values == SL_INLINE_VALUES_PLAIN)
        type->inline_values = type->itemsize == 0 && type->basicsize == facts->header;
    }
  return TRUE;
}

static void
set_slots_as_written (SlTypeModel *type)
{
  /* Borrowed: the chain outlives the type set built from it. */
  type->slots = sl_class_get_slots (type->klass);
  type->slots_owned = FALSE;
}

/* `@dataclass(slots=..., frozen=..., weakref_slot=...)` is called before
 * the class body runs: a keyword the release's dataclass() lacks fails
 * first.  The session's words, in the order the export writes them. */
static gboolean
dataclass_keywords_ok (SlTypeSet  *set,
                       SlClass    *klass,
                       char      **error)
{
  const SlProfileFacts *facts = sl_profile_get_facts (set->profile);
  SlDataclassFlags flags = sl_class_get_dataclass (klass);

  for (guint flag = SL_DATACLASS_SLOTS; flag & SL_DATACLASS_OPTIONS; flag <<= 1)
    {
      const char *word = sl_flags_to_nick (SL_TYPE_DATACLASS_FLAGS, flag);

      if ((flags & flag) &&
          !g_strv_contains ((const char * const *) facts->dataclass_keywords, word))
        {
          *error = sl_format_message (sl_profile_get_message (set->profile, "dataclass_keyword"),
                                      "name", word, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* What _get_slots() yields for a base: its __slots__ items, or (3.13+)
 * for a class without __slots__, __weakref__ and __dict__ where it has
 * them. */
static void
add_inherited_slots (const SlProfileFacts *facts,
                     SlTypeModel          *base,
                     GHashTable           *out)
{
  if (base->slots != NULL)
    {
      for (guint i = 0; base->slots[i]; i++)
        if (slot_py_type (base, i) == NULL)
          g_hash_table_add (out, (gpointer) base->slots[i]);
    }
  else if (facts->dataclass_inherited_slots == SL_INHERITED_SLOTS_SLOTS_AND_OFFSETS)
    {
      if (base->weaklistoffset != 0)
        g_hash_table_add (out, (gpointer) "__weakref__");
      if (base->dictoffset != 0)
        g_hash_table_add (out, (gpointer) "__dict__");
    }
}

/* The class statement makes the class (its MRO is the bases'), then
 * dataclass() checks frozen against its dataclass bases, and with
 * slots=True _add_slots() makes a new class of the same bases whose
 * __slots__ are the fields, less what the bases hold as the release
 * counts it, plus __weakref__ for weakref_slot. */
static gboolean
build_dataclass (SlTypeSet   *set,
                 SlTypeModel *type,
                 char       **error)
{
  const SlProfileFacts *facts = sl_profile_get_facts (set->profile);
  SlDataclassFlags flags = sl_class_get_dataclass (type->klass);
  gboolean has_dataclass_bases = FALSE, any_frozen_base = FALSE;

  /* The class statement: without slots=True it is the class; with it,
   * a class without __slots__ that cannot fail before its MRO. */
  if (!(flags & SL_DATACLASS_SLOTS))
    {
      set_slots_as_written (type);
      if (!build_layout (set, type, error))
        return FALSE;
    }
  if (!(type->mro = compute_mro (set, type, error)))
    return FALSE;
  for (guint i = 1; i < type->mro->len; i++)
    {
      SlTypeModel *base = g_ptr_array_index (type->mro, i);
      SlDataclassFlags base_flags = base->klass ? sl_class_get_dataclass (base->klass) : 0;

      has_dataclass_bases |= base_flags != 0;
      any_frozen_base |= (base_flags & SL_DATACLASS_FROZEN) != 0;
    }
  if (has_dataclass_bases && any_frozen_base && !(flags & SL_DATACLASS_FROZEN))
    {
      *error = g_strdup (sl_profile_get_message (set->profile, "dataclass_nonfrozen_base"));
      return FALSE;
    }
  if (has_dataclass_bases && !any_frozen_base && (flags & SL_DATACLASS_FROZEN))
    {
      *error = g_strdup (sl_profile_get_message (set->profile, "dataclass_frozen_base"));
      return FALSE;
    }

  if (!(flags & SL_DATACLASS_SLOTS))
    return TRUE;
  else
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) inherited = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GStrvBuilder) slots = g_strv_builder_new ();

      sl_dataclass_fields (type, fields);
      if (flags & SL_DATACLASS_WEAKREF_SLOT)
        g_ptr_array_add (fields, g_strdup ("__weakref__"));
      if (facts->dataclass_inherited_slots != SL_INHERITED_SLOTS_NONE)
        for (guint i = 1; i + 1 < type->mro->len; i++)
          add_inherited_slots (facts, g_ptr_array_index (type->mro, i), inherited);
      for (guint i = 0; i < fields->len; i++)
        if (!g_hash_table_contains (inherited, g_ptr_array_index (fields, i)))
          g_strv_builder_add (slots, g_ptr_array_index (fields, i));
      type->slots = (const char * const *) g_strv_builder_end (slots);
      type->slots_owned = TRUE;
    }
  return build_layout (set, type, error);
}

/* abc.ABC and typing.Generic: `__slots__ = ()` on object, no __init__ of
 * their own, so a class over them lays out as over object, with one more
 * class in its MRO.  (ABC's metaclass ABCMeta still makes the class with
 * type_new.)  klass is NULL: nothing of the session's is stored there. */
static SlTypeModel *
library_type (SlTypeSet  *set,
              const char *name)
{
  SlTypeModel *type;

  if (!sl_name_is_library_base (name))
    return NULL;
  for (guint i = 0; i < set->library->len; i++)
    if (strcmp (((SlTypeModel *) g_ptr_array_index (set->library, i))->name, name) == 0)
      return g_ptr_array_index (set->library, i);
  type = g_new0 (SlTypeModel, 1);
  type->name = sl_name_is_library_base (name) && name[0] == 'A' ? "ABC" : "Generic";
  type->basicsize = set->object->basicsize;
  type->base = set->object;
  type->bases = g_ptr_array_new ();
  g_ptr_array_add (type->bases, set->object);
  type->mro = g_ptr_array_new ();
  g_ptr_array_add (type->mro, type);
  g_ptr_array_add (type->mro, set->object);
  type->members = g_array_new (FALSE, FALSE, sizeof (SlMember));
  type->slots = (const char * const *) g_new0 (char *, 1);
  type->slots_owned = TRUE;
  g_ptr_array_add (set->library, type);
  return type;
}

SlTypeSet *
sl_type_set_build (SlChain   *chain,
                   guint      n_classes,
                   SlProfile *profile)
{
  const SlProfileFacts *facts = sl_profile_get_facts (profile);
  SlTypeSet *set = g_new0 (SlTypeSet, 1);
  guint n = MIN (n_classes, sl_chain_get_n_classes (chain));

  set->profile = g_object_ref (profile);
  set->types = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_type_model_free);
  set->library = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_type_model_free);
  set->object = g_new0 (SlTypeModel, 1);
  set->object->name = "object";
  set->object->basicsize = facts->header;
  set->object->bases = g_ptr_array_new ();
  set->object->mro = g_ptr_array_new ();
  g_ptr_array_add (set->object->mro, set->object);

  for (guint i = 0; i < n; i++)
    {
      SlClass *klass = sl_chain_get_class (chain, i);
      const char * const *bases = sl_class_get_bases (klass);
      SlTypeModel *type = g_new0 (SlTypeModel, 1);
      char *error = NULL;

      type->name = sl_class_get_name (klass);
      type->klass = klass;
      type->bases = g_ptr_array_sized_new (4);
      for (guint b = 0; bases[b]; b++)
        {
          SlTypeModel *base = sl_type_set_lookup (set, bases[b]);

          if (base == NULL)
            base = library_type (set, bases[b]);
          g_assert (base != NULL);  /* sl_chain_validate() guarantees it */
          g_ptr_array_add (type->bases, base);
        }
      if (type->bases->len == 0)
        g_ptr_array_add (type->bases, set->object);

      if (!dataclass_keywords_ok (set, klass, &error) ||
          !(type->base = best_base (set, type->bases, &error)) ||
          !(sl_class_get_dataclass (klass)
              ? build_dataclass (set, type, &error)
              : (set_slots_as_written (type), build_layout (set, type, &error) &&
                 (type->mro = compute_mro (set, type, &error)))))
        {
          set->error = error;
          set->error_class = g_strdup (type->name);
          sl_type_model_free (type);
          break;
        }
      g_ptr_array_add (set->types, type);
    }

  return set;
}

gboolean
sl_type_has_dict (SlTypeModel *type)
{
  return type->dictoffset != 0;
}

gint64
sl_type_pre_header (SlTypeModel *type,
                    SlProfile   *profile)
{
  const SlProfileFacts *facts = sl_profile_get_facts (profile);
  gint64 pre = facts->gc_head;

  if (facts->dict_ptr == SL_DICT_PTR_MANAGED_311)
    pre += type->managed_dict ? facts->pre_header : 0;
  else if (type->managed_dict || type->managed_weakref)
    pre += facts->pre_header;
  return pre;
}

/* What a class's own __dict__ holds besides slot members: the body
 * (__slots__, __init__), what type_new() adds (__module__, __doc__) and
 * the __dict__/__weakref__ getsets it created. */
typedef enum { FOUND_NONE, FOUND_MEMBER, FOUND_DICT, FOUND_WEAKREF, FOUND_CLASS, FOUND_PLAIN } Found;

static Found
lookup_in_class (SlTypeModel  *type,
                 SlProfile    *profile,
                 const char   *name)
{
  gboolean dunder;

  if (type->klass == NULL)
    {
      const SlProfileFacts *facts = sl_profile_get_facts (profile);

      if (strcmp (name, "__class__") == 0)
        return FOUND_CLASS;
      /* Everything in object.__dict__ is a dunder name. */
      if (name[0] != '_' || name[1] != '_')
        return FOUND_NONE;
      return name_in ((const char * const *) facts->object_attributes, name) ? FOUND_PLAIN : FOUND_NONE;
    }

  /* The names below are dunders; most stored names are not. */
  dunder = is_dunder (name);

  /* type_new() puts __module__ in the class dict before PyType_Ready adds
   * the members with PyDict_SetDefault, so a slot of that name takes room
   * in the layout but never gets its descriptor. */
  if (dunder && strcmp (name, "__module__") == 0)
    return FOUND_PLAIN;

  if (type->members->len > 0)
    {
      SlMember key = { name, 0, FALSE };

      if (bsearch (&key, type->members->data, type->members->len, sizeof (SlMember), compare_members))
        return FOUND_MEMBER;
    }
  if (dunder && type->added_dict && strcmp (name, "__dict__") == 0)
    return FOUND_DICT;
  if (dunder && type->added_weak && strcmp (name, "__weakref__") == 0)
    return FOUND_WEAKREF;
  if (dunder && (strcmp (name, "__init__") == 0 || strcmp (name, "__doc__") == 0 ||
                 (type->slots != NULL && strcmp (name, "__slots__") == 0)))
    return FOUND_PLAIN;
  /* A dataclass field's default stays a class variable without slots=True. */
  if (is_field_variable (type, name, TRUE))
    return FOUND_PLAIN;
  if (sl_class_get_created_by (type->klass) == SL_CREATED_BY_CLASS &&
      name_in ((const char * const *) sl_profile_get_facts (profile)->class_body_names, name))
    return FOUND_PLAIN;
  return FOUND_NONE;
}

SlTypeModel *
sl_type_frozen_dataclass (SlTypeModel *type)
{
  for (guint i = 0; i < type->mro->len; i++)
    {
      SlTypeModel *t = g_ptr_array_index (type->mro, i);

      if (t->klass && (sl_class_get_dataclass (t->klass) & SL_DATACLASS_FROZEN))
        return t;
    }
  return NULL;
}

SlStoreKind
sl_type_resolve_store (SlTypeModel *type,
                       SlProfile   *profile,
                       const char  *name,
                       char       **error)
{
  Found found = FOUND_NONE;
  SlTypeModel *owner = NULL;

  for (guint i = 0; i < type->mro->len && found == FOUND_NONE; i++)
    {
      owner = g_ptr_array_index (type->mro, i);
      found = lookup_in_class (owner, profile, name);
    }

  switch (found)
    {
    case FOUND_MEMBER:
      return SL_STORE_SLOT;
    case FOUND_DICT:
      *error = sl_format_message (sl_profile_get_message (profile, "dict_assign"), "type", "int", NULL);
      return SL_STORE_ERROR_NAMES_VALUE;
    case FOUND_WEAKREF:
      *error = sl_format_message (sl_profile_get_message (profile, "not_writable"),
                                  "name", name, "owner", owner->name, NULL);
      return SL_STORE_ERROR;
    case FOUND_CLASS:
      *error = sl_format_message (sl_profile_get_message (profile, "class_assign"), "type", "int", NULL);
      return SL_STORE_ERROR_NAMES_VALUE;
    case FOUND_PLAIN:
    case FOUND_NONE:
    default:
      break;
    }

  if (sl_type_has_dict (type))
    return SL_STORE_DICT;
  /* 3.13+ words this error by the type's tp_setattro
   * (_PyObject_GenericSetAttrWithDict() compares it with
   * PyObject_GenericSetAttr): a frozen dataclass's __setattr__, the only
   * one Slot Lab reads, makes it slot_tp_setattro. */
  *error = sl_format_message (sl_profile_get_message (profile, found == FOUND_PLAIN ? "read_only"
                                                      : sl_type_frozen_dataclass (type) == NULL ? "no_attribute"
                                                      : "no_attribute_own_setattr"),
                              "class", type->name, "name", name, NULL);
  return SL_STORE_ERROR;
}
