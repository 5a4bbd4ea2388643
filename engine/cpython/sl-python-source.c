/* sl-python-source.c: the chain as the Python a lecturer pastes into notes. */

#include <string.h>

#include "sl-python-source.h"
#include "sl-value-model.h"

/* Module names the values use: a counter's __next__ (a new int above 256
 * per call) and a global bound to 0 (not a constant, so a display of it
 * is built at run time). */
typedef struct {
  char *next_int;
  char *item;
} ValueNames;

/* repr() of a str, with single quotes as Python prefers them. */
static void
append_repr (GString    *out,
             const char *text)
{
  gboolean has_single = strchr (text, '\'') != NULL;
  gboolean has_double = strchr (text, '"') != NULL;
  char quote = has_single && !has_double ? '"' : '\'';

  g_string_append_c (out, quote);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == (gunichar) quote || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (!g_unichar_isprint (c))
        g_string_append_printf (out, c <= 0xff ? "\\x%02x" : c <= 0xffff ? "\\u%04x" : "\\U%08x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, quote);
}

/* __slots__ as the class spells it: the items as written, non-strings as
 * the Python values they were read from. */
static void
append_slots (GString *out,
              SlClass *klass)
{
  SlSlotsSpelling spelling = sl_class_get_slots_spelling (klass);
  guint n_slots = sl_class_get_n_slots (klass);
  const char *open = spelling == SL_SLOTS_LIST ? "[" : spelling == SL_SLOTS_DICT ? "{" : "(";
  const char *close = spelling == SL_SLOTS_LIST ? "]" : spelling == SL_SLOTS_DICT ? "}"
                      : n_slots == 1 ? ",)" : ")";

  if (spelling == SL_SLOTS_STR && n_slots == 1 && !sl_class_get_slot_type (klass, 0))
    {
      append_repr (out, sl_class_get_slots (klass)[0]);
      return;
    }
  g_string_append (out, open);
  for (guint s = 0; s < n_slots; s++)
    {
      if (s > 0)
        g_string_append (out, ", ");
      if (sl_class_get_slot_type (klass, s))
        g_string_append (out, sl_class_get_slots (klass)[s]);
      else
        append_repr (out, sl_class_get_slots (klass)[s]);
      if (spelling == SL_SLOTS_DICT)
        g_string_append (out, ": ''");
    }
  g_string_append (out, close);
}

/* A name for a function or method that no class, base, slot or
 * attribute of the chain uses, so it changes nothing it sits beside. */
static char *
fresh_name (SlChain    *chain,
            const char *stem)
{
  GString *name = g_string_new (stem);
  gboolean used;

  do
    {
      used = FALSE;
      for (guint i = 0; i < sl_chain_get_n_classes (chain) && !used; i++)
        {
          SlClass *klass = sl_chain_get_class (chain, i);
          const char * const *slots = sl_class_get_slots (klass);

          used = strcmp (sl_class_get_name (klass), name->str) == 0 ||
                 g_strv_contains (sl_class_get_init (klass), name->str) ||
                 g_strv_contains (sl_class_get_elsewhere (klass), name->str) ||
                 (slots && g_strv_contains (slots, name->str));
        }
      if (used)
        g_string_append_c (name, '_');
    }
  while (used);
  return g_string_free (name, FALSE);
}

/* The expression a store writes, as the value kind says (PRODUCT.md), the
 * same objects data/slotlab-probe.py makes for a live run: a new object per
 * instance where the kind says so.  CPython caches '', every one-character
 * str, b'', every one-byte bytes and (), so those are shared whatever the
 * code does. */
static void
append_value (GString          *out,
              const char       *kind,
              guint             a,
              const ValueNames *names)
{
  SlValue value;

  if (kind == NULL || !sl_value_parse (kind, &value, NULL))
    {
      g_string_append_printf (out, "%u", a % 200);
      return;
    }
  switch (value.kind)
    {
    case SL_VALUE_NONE:
      g_string_append (out, "None");
      break;
    case SL_VALUE_BOOL:
      g_string_append (out, "True");
      break;
    case SL_VALUE_SHARED:
      g_string_append (out, "'shared'");
      break;
    case SL_VALUE_INT:
      g_string_append_printf (out, "%s()", names->next_int);
      break;
    case SL_VALUE_FLOAT:
      g_string_append_printf (out, "(%s() + 0.5)", names->next_int);
      break;
    case SL_VALUE_STR:
      if (value.length <= 1)
        g_string_append (out, value.length ? "'x'" : "''");
      else
        {
          guint64 modulus = 1;

          /* fewer digits than L: zfill() pads into a new str of exactly L */
          for (guint d = 1; d < MIN (value.length, 10); d++)
            modulus *= 10;
          g_string_append_printf (out, "('%%d' %% (%s() %% %" G_GUINT64_FORMAT ")).zfill(%u)",
                                  names->next_int, modulus, value.length);
        }
      break;
    case SL_VALUE_BYTES:
      if (value.length <= 1)
        g_string_append (out, value.length ? "b'x'" : "b''");
      else if (value.length >= 4)
        g_string_append_printf (out, "%s().to_bytes(%u, 'little')", names->next_int, value.length);
      else
        g_string_append_printf (out, "(%s() %% %u).to_bytes(%u, 'little')", names->next_int,
                                1u << (8 * value.length), value.length);
      break;
    case SL_VALUE_TUPLE:
      g_string_append_c (out, '(');
      for (guint i = 0; i < value.length; i++)
        g_string_append_printf (out, "%s, ", names->item);
      g_string_append_c (out, ')');
      break;
    case SL_VALUE_LIST:
    case SL_VALUE_CONST_LIST:
      g_string_append_c (out, '[');
      for (guint i = 0; i < value.length; i++)
        g_string_append_printf (out, "%s%s", i ? ", " : "", value.kind == SL_VALUE_LIST ? names->item : "0");
      g_string_append_c (out, ']');
      break;
    case SL_VALUE_SMALL_INT:
    default:
      g_string_append_printf (out, "%u", a % 200);
      break;
    }
}

/* The body of __init__: own stores, with the bases' __init__ called
 * before the store at base_init_at (after the last when beyond them). */
/* A base that is abc.ABC or typing.Generic: no earlier class has its name. */
static gboolean
library_base (SlChain    *chain,
              SlClass    *klass,
              const char *base)
{
  int at = sl_chain_index_of (chain, base);

  return sl_name_is_library_base (base) && (at < 0 || at >= sl_chain_index_of (chain, sl_class_get_name (klass)));
}

static void
append_init_body (GString          *out,
                  SlChain          *chain,
                  SlClass          *klass,
                  const char       *indent,
                  const char       *self_name,
                  const ValueNames *names)
{
  const char * const *bases = sl_class_get_bases (klass);
  const char * const *init = sl_class_get_init (klass);
  guint n_init = g_strv_length ((char **) init), at;
  SlBaseInit how = sl_class_get_base_init (klass, &at);
  gboolean wrote = FALSE;

  at = MIN (at, n_init);
  for (guint a = 0; a <= n_init; a++)
    {
      if (a == at && how == SL_BASE_INIT_EXPLICIT)
        for (guint b = 0; bases[b]; b++)
          {
            /* abc.ABC's and typing.Generic's __init__ is object's: no call. */
            if (library_base (chain, klass, bases[b]))
              continue;
            g_string_append_printf (out, "%s%s.__init__(%s)\n", indent, bases[b], self_name);
            wrote = TRUE;
          }
      else if (a == at && how == SL_BASE_INIT_SUPER)
        {
          /* Outside a class body super() has no __class__ cell: name the class. */
          if (sl_class_get_created_by (klass) == SL_CREATED_BY_TYPE)
            g_string_append_printf (out, "%ssuper(%s, %s).__init__()\n", indent,
                                    sl_class_get_name (klass), self_name);
          else
            g_string_append_printf (out, "%ssuper().__init__()\n", indent);
          wrote = TRUE;
        }
      if (a < n_init)
        {
          g_string_append_printf (out, "%s%s.%s = ", indent, self_name, init[a]);
          append_value (out, sl_class_get_init_value (klass, a), a, names);
          g_string_append_c (out, '\n');
          wrote = TRUE;
        }
    }
  if (!wrote)
    g_string_append_printf (out, "%spass\n", indent);
}

static char *
self_name_of (SlClass *klass)
{
  const char * const *bases = sl_class_get_bases (klass);
  GString *name = g_string_new ("self");

  /* A base called self would be hidden by the parameter. */
  while (g_strv_contains (bases, name->str))
    g_string_append_c (name, '_');
  return g_string_free (name, FALSE);
}

/* created_by "type": what a class factory does, type() with an __init__
 * defined outside any class body, so its private names are not mangled
 * and the class has no __static_attributes__. */
static void
append_type_call (GString          *out,
                  SlChain          *chain,
                  SlClass          *klass,
                  const ValueNames *names)
{
  const char * const *bases = sl_class_get_bases (klass);
  g_autofree char *self_name = self_name_of (klass);
  g_autofree char *stem = g_strdup_printf ("%s_init", sl_class_get_name (klass));
  g_autofree char *function = fresh_name (chain, stem);

  g_string_append_printf (out, "def %s(%s):\n", function, self_name);
  append_init_body (out, chain, klass, "    ", self_name, names);
  g_string_append_printf (out, "\n\n%s = type(", sl_class_get_name (klass));
  append_repr (out, sl_class_get_name (klass));
  g_string_append (out, ", (");
  for (guint b = 0; bases[b]; b++)
    g_string_append_printf (out, "%s, ", bases[b]);
  g_string_append (out, bases[0] ? ")" : "object,)");
  g_string_append (out, ", {");
  if (sl_class_has_slots (klass))
    {
      g_string_append (out, "'__slots__': ");
      append_slots (out, klass);
      g_string_append (out, ", ");
    }
  g_string_append_printf (out, "'__init__': %s})\n", function);
}

char *
sl_chain_to_python (SlChain *chain)
{
  GString *out = g_string_new (NULL);
  guint n = sl_chain_get_n_classes (chain);
  g_autofree char *elsewhere_method = fresh_name (chain, "assigned_elsewhere");

  g_autofree char *type_var = fresh_name (chain, "T");
  gboolean uses_abc = FALSE, uses_generic = FALSE, uses_dataclass = FALSE;
  gboolean uses_counter = FALSE, uses_item = FALSE, uses_factory = FALSE;
  g_autofree char *next_int = fresh_name (chain, "next_int");
  g_autofree char *item = fresh_name (chain, "item");
  ValueNames names = { next_int, item };

  /* What the classes need from the standard library. */
  for (guint i = 0; i < n; i++)
    {
      SlClass *klass = sl_chain_get_class (chain, i);

      uses_dataclass |= sl_class_get_dataclass (klass) != 0;
      for (guint a = 0; a < sl_class_get_n_init (klass); a++)
        {
          SlValue value;
          const char *kind = sl_class_get_init_value (klass, a);

          if (kind == NULL || !sl_value_parse (kind, &value, NULL) || value.kind == SL_VALUE_SMALL_INT)
            continue;
          uses_counter |= value.kind == SL_VALUE_INT || value.kind == SL_VALUE_FLOAT ||
                          (value.kind == SL_VALUE_STR && value.length > 1) ||
                          (value.kind == SL_VALUE_BYTES && value.length > 1);
          uses_item |= value.kind == SL_VALUE_TUPLE || value.kind == SL_VALUE_LIST;
          uses_factory |= sl_class_get_dataclass (klass) != 0;
        }
      for (const char * const *b = sl_class_get_bases (klass); *b; b++)
        {
          int at = sl_chain_index_of (chain, *b);

          uses_abc |= strcmp (*b, "ABC") == 0 && (at < 0 || (guint) at >= i);
          uses_generic |= strcmp (*b, "Generic") == 0 && (at < 0 || (guint) at >= i);
        }
    }
  if (uses_abc)
    g_string_append (out, "from abc import ABC\n");
  if (uses_dataclass)
    g_string_append (out, uses_factory ? "from dataclasses import dataclass, field\n" : "from dataclasses import dataclass\n");
  if (uses_counter)
    g_string_append (out, "from itertools import count\n");
  if (uses_generic)
    g_string_append_printf (out, "from typing import Generic, TypeVar\n\n%s = TypeVar('%s')\n", type_var, type_var);
  if (uses_counter || uses_item)
    g_string_append (out, "\n# What the attributes hold (the session's value kinds): a new object per instance.\n");
  if (uses_counter)
    g_string_append_printf (out, "%s = count(1 << 20).__next__   # a new int per call\n", next_int);
  if (uses_item)
    g_string_append_printf (out, "%s = 0   # not a constant: a display of it is built per instance\n", item);
  if (uses_abc || uses_dataclass || uses_generic || uses_counter || uses_item)
    g_string_append (out, "\n\n");

  for (guint i = 0; i < n; i++)
    {
      SlClass *klass = sl_chain_get_class (chain, i);
      const char * const *bases = sl_class_get_bases (klass);
      const char * const *elsewhere = sl_class_get_elsewhere (klass);
      g_autofree char *self_name = self_name_of (klass);

      if (i > 0)
        g_string_append (out, "\n\n");
      if (sl_class_get_created_by (klass) == SL_CREATED_BY_TYPE)
        {
          append_type_call (out, chain, klass, &names);
          continue;
        }

      if (sl_class_get_dataclass (klass))
        {
          SlDataclassFlags flags = sl_class_get_dataclass (klass);
          const char *sep = "";

          g_string_append (out, "@dataclass");
          if (flags != SL_DATACLASS)
            {
              g_string_append_c (out, '(');
              if (flags & SL_DATACLASS_SLOTS)
                g_string_append (out, "slots=True"), sep = ", ";
              if (flags & SL_DATACLASS_FROZEN)
                g_string_append_printf (out, "%sfrozen=True", sep), sep = ", ";
              if (flags & SL_DATACLASS_WEAKREF_SLOT)
                g_string_append_printf (out, "%sweakref_slot=True", sep);
              g_string_append_c (out, ')');
            }
          g_string_append_c (out, '\n');
        }
      g_string_append_printf (out, "class %s", sl_class_get_name (klass));
      if (bases[0])
        {
          g_string_append_c (out, '(');
          for (guint b = 0; bases[b]; b++)
            {
              int at = sl_chain_index_of (chain, bases[b]);

              g_string_append_printf (out, "%s%s", b ? ", " : "", bases[b]);
              /* typing.Generic is subscripted in a class statement. */
              if (strcmp (bases[b], "Generic") == 0 && (at < 0 || (guint) at >= i))
                g_string_append_printf (out, "[%s]", type_var);
            }
          g_string_append_c (out, ')');
        }
      g_string_append (out, ":\n");

      if (sl_class_has_slots (klass))
        {
          g_string_append (out, "    __slots__ = ");
          append_slots (out, klass);
          g_string_append (out, "\n\n");
        }

      if (sl_class_get_dataclass (klass))
        {
          /* Fields with defaults: dataclass() writes __init__; a value of
           * its own per instance comes from a default_factory. */
          const char * const *init = sl_class_get_init (klass);

          for (guint a = 0; init[a]; a++)
            {
              const char *kind = sl_class_get_init_value (klass, a);
              SlValue value;

              if (kind == NULL || !sl_value_parse (kind, &value, NULL) || value.kind == SL_VALUE_SMALL_INT)
                {
                  g_string_append_printf (out, "    %s: int = 0\n", init[a]);
                  continue;
                }
              /* annotations are evaluated: NoneType is no builtin name */
              g_string_append_printf (out, "    %s: %s = field(default_factory=lambda: ", init[a],
                                      value.kind == SL_VALUE_NONE ? "object" : sl_value_python_type (&value));
              append_value (out, kind, a, &names);
              g_string_append (out, ")\n");
            }
          if (!init[0] && !sl_class_has_slots (klass) && !(elsewhere && elsewhere[0]))
            g_string_append (out, "    pass\n");
        }
      else
        {
          g_string_append_printf (out, "    def __init__(%s):\n", self_name);
          append_init_body (out, chain, klass, "        ", self_name, &names);
        }

      if (elsewhere && elsewhere[0])
        {
          /* Never called: only the compiler sees these stores. */
          g_string_append_printf (out, "\n    def %s(%s):  # never called\n", elsewhere_method, self_name);
          for (guint e = 0; elsewhere[e]; e++)
            g_string_append_printf (out, "        %s.%s = 0\n", self_name, elsewhere[e]);
        }
    }

  return g_string_free (out, FALSE);
}
