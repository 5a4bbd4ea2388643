/* sl-python-reader-class.c: one class statement: its header (bases and
 * keywords), __slots__, its body and __init__.
 *
 * Part of the Python reader; see sl-python-reader.c for what it reads
 * and sl-python-reader-private.h for what the parts share. */

#include <string.h>

#include "sl-python-reader-private.h"

/* ---- the class statement ----------------------------------------------- */

ClassInfo *
sl_pyr_lookup_class (Reader     *r,
                     const char *name)
{
  for (guint i = 0; i < r->classes->len; i++)
    {
      ClassInfo *c = g_ptr_array_index (r->classes, i);

      if (strcmp (c->name, name) == 0)
        return c;
    }
  return NULL;
}

/* `class NAME[T](bases, kw=…):` */
static gboolean
read_header (Reader    *r,
             ClassInfo *c,
             SlPyStmt  *stmt)
{
  guint i = stmt->first + 2;

  if (sl_pyr_is_op (r, i, "["))
    {
      /* PEP 695: class C[T] is class C(Generic[T]) */
      i = sl_pyr_matching (r, i, stmt->colon) + 1;
      sl_pyr_note (r, sl_pyr_tok (r, i - 1), "%s's type parameters make typing.Generic a base (__slots__ = ())", c->name);
    }
  if (sl_pyr_is_op (r, i, "("))
    {
      guint close = sl_pyr_matching (r, i, stmt->colon);
      g_autoptr(GArray) args = sl_pyr_split_top (r, (Range) { i + 1, close }, ",");

      for (guint a = 0; a < args->len; a++)
        {
          Range arg = g_array_index (args, Range, a);
          SlPyToken *at;
          g_autofree char *dotted = NULL;
          g_autofree char *q = NULL;
          ClassInfo *base;

          if (arg.a == arg.b)
            continue;   /* trailing comma */
          at = sl_pyr_tok (r, arg.a);
          if (sl_pyr_is_op (r, arg.a, "*") || sl_pyr_is_op (r, arg.a, "**"))
            return sl_pyr_refuse (r, at, UNSUPPORTED, "%s's bases are unpacked from an expression; Slot Lab reads bases written out",
                                  c->name);
          if (arg.b - arg.a >= 2 && at->type == SL_PY_TOKEN_NAME && sl_pyr_is_op (r, arg.a + 1, "="))
            {
              Range value = { arg.a + 2, arg.b };

              if (strcmp (at->text, "metaclass") == 0)
                {
                  if (sl_pyr_means (r, value, "abc.ABCMeta"))
                    {
                      sl_pyr_note (r, at, "metaclass=ABCMeta does not change an instance's layout");
                      continue;
                    }
                  return sl_pyr_refuse (r, at, UNSUPPORTED, "%s has a metaclass; a metaclass can build the class in any way, "
                                        "and Slot Lab cannot read one", c->name);
                }
              return sl_pyr_refuse (r, at, UNSUPPORTED, "the class keyword %s= goes to __init_subclass__ or a metaclass, "
                                    "which Slot Lab cannot read", at->text);
            }

          /* Generic[T] and Base[int] */
          if (sl_pyr_is_op (r, arg.b - 1, "]"))
            {
              guint open = arg.a;

              while (open < arg.b && !sl_pyr_is_op (r, open, "["))
                open++;
              if (sl_pyr_matching (r, open, arg.b) == arg.b - 1)
                {
                  dotted = sl_pyr_dotted_name (r, (Range) { arg.a, open });
                  q = dotted ? sl_pyr_qualify (r, dotted) : NULL;
                  if (q && (strcmp (q, "typing.Generic") == 0 || strcmp (q, "Generic") == 0) &&
                      !sl_pyr_lookup_class (r, dotted))
                    {
                      g_ptr_array_add (c->bases, g_strdup ("Generic"));
                      continue;
                    }
                  if (dotted && (base = sl_pyr_lookup_class (r, dotted)))
                    {
                      sl_pyr_note (r, at, "%s[…] is %s as a base", dotted, dotted);
                      g_ptr_array_add (c->bases, g_strdup (base->name));
                      continue;
                    }
                  g_clear_pointer (&dotted, g_free);
                  g_clear_pointer (&q, g_free);
                }
            }

          dotted = sl_pyr_dotted_name (r, arg);
          if (dotted == NULL)
            return sl_pyr_refuse (r, at, UNSUPPORTED, "a base of %s is an expression; Slot Lab reads bases that are names",
                                  c->name);
          if ((base = sl_pyr_lookup_class (r, dotted)))
            {
              g_ptr_array_add (c->bases, g_strdup (base->name));
              continue;
            }
          q = sl_pyr_qualify (r, dotted);
          if (strcmp (q, "object") == 0 || strcmp (q, "builtins.object") == 0)
            continue;
          if (strcmp (q, "abc.ABC") == 0 || strcmp (dotted, "ABC") == 0)
            {
              g_ptr_array_add (c->bases, g_strdup ("ABC"));
              continue;
            }
          if (strcmp (q, "typing.Generic") == 0 || strcmp (dotted, "Generic") == 0)
            return sl_pyr_refuse (r, at, UNSUPPORTED, "TypeError: Cannot inherit from plain Generic");
          return sl_pyr_refuse (r, at, UNSUPPORTED,
                                "the base %s of %s is neither a class defined earlier in the file nor object, "
                                "abc.ABC or typing.Generic[…]; Slot Lab cannot know its layout", dotted, c->name);
        }
    }
  if (sl_pyr_is_op (r, stmt->first + 2, "[") && !sl_pyr_contains (c->bases, "Generic"))
    g_ptr_array_add (c->bases, g_strdup ("Generic"));
  return TRUE;
}

static gboolean
read_slots (Reader    *r,
            ClassInfo *c,
            Range      value)
{
  SlPyToken *at = sl_pyr_tok (r, value.a);
  Range inner = value;
  g_autoptr(GArray) items = NULL;
  gboolean is_dict = FALSE;

  if (value.a >= value.b)
    return sl_pyr_refuse (r, at, UNSUPPORTED, "__slots__ has no value");
  g_clear_pointer (&c->slots, g_ptr_array_unref);
  g_clear_pointer (&c->slot_types, g_ptr_array_unref);
  c->slots = g_ptr_array_new_with_free_func (g_free);
  c->slot_types = g_ptr_array_new_with_free_func (g_free);
  c->has_slots = TRUE;

  /* one string: __slots__ = 'x' (adjacent literals concatenate) */
  {
    gboolean strings = TRUE;

    for (guint i = value.a; i < value.b; i++)
      if (sl_pyr_tok (r, i)->type != SL_PY_TOKEN_STRING)
        strings = FALSE;
    if (strings)
      c->spelling = SL_SLOTS_STR;
  }
  if (c->spelling != SL_SLOTS_STR)
    {
      if (sl_pyr_is_op (r, value.a, "[") && sl_pyr_matching (r, value.a, value.b) == value.b - 1)
        c->spelling = SL_SLOTS_LIST, inner = (Range) { value.a + 1, value.b - 1 };
      else if (sl_pyr_is_op (r, value.a, "{") && sl_pyr_matching (r, value.a, value.b) == value.b - 1)
        {
          inner = (Range) { value.a + 1, value.b - 1 };
          if (sl_pyr_find_top (r, inner, ":") < 0 && inner.b > inner.a)
            return sl_pyr_refuse (r, at, UNSUPPORTED, "__slots__ is a set, whose order changes from run to run "
                                  "(str hashes are randomised); write a tuple");
          c->spelling = SL_SLOTS_DICT;
          is_dict = TRUE;
        }
      else
        {
          c->spelling = SL_SLOTS_TUPLE;
          inner = sl_pyr_strip_parens (r, value);
        }
    }

  items = c->spelling == SL_SLOTS_STR ? NULL : sl_pyr_split_top (r, inner, ",");
  if (c->spelling == SL_SLOTS_TUPLE && items->len == 1 && sl_pyr_strip_parens (r, value).a == value.a &&
      inner.b > inner.a && sl_pyr_tok (r, inner.a)->type == SL_PY_TOKEN_STRING)
    {
      /* `__slots__ = 'x'` was caught above; `('x')` is a string too */
    }
  if (c->spelling == SL_SLOTS_TUPLE && items->len == 1 && value.b - value.a >= 2 &&
      sl_pyr_is_op (r, value.a, "(") && !sl_pyr_is_op (r, value.b - 2, ","))
    {
      Range only = g_array_index (items, Range, 0);
      gboolean strings = only.b > only.a;

      for (guint i = only.a; i < only.b; i++)
        if (sl_pyr_tok (r, i)->type != SL_PY_TOKEN_STRING)
          strings = FALSE;
      if (strings)
        {
          c->spelling = SL_SLOTS_STR;   /* ('x') is the string 'x' */
          g_clear_pointer (&items, g_array_unref);
          value = only;
        }
    }

  if (c->spelling == SL_SLOTS_STR)
    {
      GString *text = g_string_new (NULL);

      for (guint i = value.a; i < value.b; i++)
        {
          SlPyToken *t = sl_pyr_tok (r, i);

          if (t->text == NULL || (t->string_flags & SL_PY_STRING_BYTES))
            {
              g_string_free (text, TRUE);
              return sl_pyr_refuse (r, t, UNSUPPORTED, "__slots__ is a string Slot Lab cannot read as written");
            }
          g_string_append_len (text, t->text, t->length);
        }
      g_ptr_array_add (c->slots, g_string_free (text, FALSE));
      g_ptr_array_add (c->slot_types, NULL);
      return TRUE;
    }

  for (guint k = 0; k < items->len; k++)
    {
      Range item = g_array_index (items, Range, k);
      GString *text;
      const char *py_type = NULL;

      if (item.a == item.b)
        {
          if (k == items->len - 1 && k > 0)
            continue;   /* trailing comma */
          if (items->len == 1)
            continue;   /* () or [] */
          return sl_pyr_refuse (r, at, SL_PYTHON_READER_ERROR_SYNTAX, "SyntaxError: invalid syntax in __slots__");
        }
      if (is_dict)
        {
          int colon = sl_pyr_find_top (r, item, ":");

          if (colon < 0)
            return sl_pyr_refuse (r, sl_pyr_tok (r, item.a), UNSUPPORTED, "__slots__ mixes a dict and other items");
          item.b = (guint) colon;   /* the docstring does not matter */
        }
      item = sl_pyr_strip_parens (r, item);
      if (sl_pyr_tok (r, item.a)->type == SL_PY_TOKEN_NUMBER && item.b == item.a + 1)
        return sl_pyr_refuse (r, sl_pyr_tok (r, item.a), UNSUPPORTED, "TypeError: __slots__ items must be strings, not '%s'",
                              strpbrk (sl_pyr_tok (r, item.a)->text, "jJ") ? "complex"
                              : strpbrk (sl_pyr_tok (r, item.a)->text, ".eE") && !strpbrk (sl_pyr_tok (r, item.a)->text, "xX") ? "float" : "int");
      text = g_string_new (NULL);
      for (guint i = item.a; i < item.b; i++)
        {
          SlPyToken *t = sl_pyr_tok (r, i);

          if (t->type != SL_PY_TOKEN_STRING || t->text == NULL)
            {
              g_string_free (text, TRUE);
              return sl_pyr_refuse (r, t, UNSUPPORTED, "a __slots__ item of %s is not a string literal; "
                                    "Slot Lab reads the names written out", c->name);
            }
          if (t->string_flags & SL_PY_STRING_BYTES)
            {
              g_string_free (text, TRUE);
              return sl_pyr_refuse (r, t, UNSUPPORTED, "TypeError: __slots__ items must be strings, not 'bytes'");
            }
          g_string_append_len (text, t->text, t->length);
        }
      if (memchr (text->str, '\0', text->len))
        {
          g_string_free (text, TRUE);
          return sl_pyr_refuse (r, sl_pyr_tok (r, item.a), UNSUPPORTED, "a __slots__ name of %s holds a NUL character", c->name);
        }
      g_ptr_array_add (c->slots, g_string_free (text, FALSE));
      g_ptr_array_add (c->slot_types, g_strdup (py_type));
    }
  if (c->slots->len > SL_CHAIN_MAX_SLOTS)
    return sl_pyr_refuse (r, at, SL_PYTHON_READER_ERROR_LIMIT, "%s has %u __slots__; Slot Lab reads at most %d",
                          c->name, c->slots->len, SL_CHAIN_MAX_SLOTS);
  return TRUE;
}

/* A dataclass field's annotation says it is not a field. */
static gboolean
read_body (Reader    *r,
           ClassInfo *c,
           SlPyStmt  *stmt)
{
  g_autoptr(GPtrArray) decorators = g_ptr_array_new ();

  for (guint i = 0; i < stmt->body->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (stmt->body, i);
      SlPyToken *first = sl_pyr_first_token (r, s);
      const char *keyword = sl_pyr_stmt_keyword (r, s);

      if (sl_pyr_is_decorator (r, s))
        {
          g_ptr_array_add (decorators, s);
          continue;
        }
      if (keyword && strcmp (keyword, "def") == 0)
        {
          const char *name = sl_pyr_def_name (r, s, NULL);

          if (strcmp (name, "__setattr__") == 0)
            return sl_pyr_refuse (r, first, UNSUPPORTED, "%s defines __setattr__, which decides where every attribute "
                                  "goes; Slot Lab cannot read it", c->name);
          if (strcmp (name, "__new__") == 0)
            sl_pyr_note (r, first, "%s defines __new__; read as if it returns an instance of the class made as usual",
                         c->name);
          if (strcmp (name, "__init_subclass__") == 0)
            sl_pyr_note (r, first, "%s defines __init_subclass__; what it does to subclasses is not read", c->name);
          for (guint d = 0; d < decorators->len; d++)
            {
              SlPyStmt *dec = g_ptr_array_index (decorators, d);
              g_autofree char *dotted = sl_pyr_dotted_name (r, (Range) { dec->first + 1, dec->last });

              if (dotted && (strcmp (dotted, "property") == 0 || strcmp (dotted, "functools.cached_property") == 0 ||
                             strcmp (dotted, "cached_property") == 0 || g_str_has_suffix (dotted, ".setter")))
                g_hash_table_add (c->properties, g_strdup (name));
            }
          if (!g_hash_table_contains (c->methods, name) || decorators->len == 0)
            g_hash_table_insert (c->methods, g_strdup (name), s);
          g_ptr_array_set_size (decorators, 0);
          continue;
        }
      g_ptr_array_set_size (decorators, 0);

      if (keyword && strcmp (keyword, "class") == 0)
        {
          sl_pyr_note (r, first, "the class %s nested in %s is not read", sl_pyr_tok (r, s->first + 1)->text, c->name);
          continue;
        }
      if (keyword)
        {
          if (sl_pyr_find_nested (r, s->body, "def") || sl_pyr_find_nested (r, s->body, "class"))
            return sl_pyr_refuse (r, first, UNSUPPORTED, "%s defines methods under '%s'; Slot Lab reads a class body "
                                  "that does not depend on run time", c->name, keyword);
          for (guint t = s->first; t < s->last; t++)
            if (sl_pyr_is_name (r, t, "__slots__"))
              return sl_pyr_refuse (r, first, UNSUPPORTED, "__slots__ under '%s'", keyword);
          sl_pyr_note (r, first, "the '%s' statement in the body of %s is not read", keyword, c->name);
          continue;
        }

      /* simple statements of the class body */
      if (!sl_pyr_check_dynamic (r, (Range) { s->first, s->last }, "self", FALSE))
        return FALSE;
      {
        Range all = { s->first, s->last };
        int eq = sl_pyr_find_top (r, all, "=");
        int colon = sl_pyr_find_top (r, all, ":");
        g_autoptr(GArray) parts = NULL;

        if (first->type == SL_PY_TOKEN_NAME && strcmp (first->text, "__slots__") == 0 &&
            s->last > s->first + 1 && sl_pyr_tok (r, s->first + 1)->type == SL_PY_TOKEN_OP &&
            !sl_pyr_is_op (r, s->first + 1, "=") && !sl_pyr_is_op (r, s->first + 1, ":"))
          return sl_pyr_refuse (r, first, UNSUPPORTED, "__slots__ is changed after it is assigned");

        if (colon >= 0 && (eq < 0 || colon < eq))
          {
            /* NAME: annotation [= value] */
            if (colon == (int) s->first + 1 && first->type == SL_PY_TOKEN_NAME)
              {
                if (strcmp (first->text, "__slots__") == 0)
                  {
                    if (eq < 0)
                      continue;
                    if (!read_slots (r, c, (Range) { (guint) eq + 1, s->last }))
                      return FALSE;
                    continue;
                  }
                if (eq >= 0)
                  g_hash_table_add (c->class_vars, g_strdup (first->text));
                if (c->dataclass && !sl_pyr_pseudo_field (r, (Range) { (guint) colon + 1, eq >= 0 ? (guint) eq : s->last }))
                  if (!sl_pyr_read_field (r, c, s, (guint) colon, eq))
                    return FALSE;
              }
            continue;
          }
        if (eq < 0)
          continue;   /* an expression: a docstring, pass, a call */
        parts = sl_pyr_split_top (r, all, "=");
        for (guint p = 0; p + 1 < parts->len; p++)
          {
            Range target = sl_pyr_strip_parens (r, g_array_index (parts, Range, p));
            SlPyToken *t = sl_pyr_tok (r, target.a);

            if (target.b - target.a == 1 && t->type == SL_PY_TOKEN_NAME)
              {
                Range value = g_array_index (parts, Range, parts->len - 1);

                if (strcmp (t->text, "__slots__") == 0)
                  {
                    if (c->has_slots)
                      sl_pyr_note (r, t, "__slots__ of %s is assigned again; the last assignment counts", c->name);
                    if (!read_slots (r, c, value))
                      return FALSE;
                    continue;
                  }
                if (strcmp (t->text, "__setattr__") == 0 || strcmp (t->text, "__init__") == 0 ||
                    strcmp (t->text, "__dict__") == 0 || strcmp (t->text, "__weakref__") == 0)
                  return sl_pyr_refuse (r, t, UNSUPPORTED, "%s is assigned in the body of %s; Slot Lab reads %s "
                                        "only as a def", t->text, c->name, t->text);
                g_hash_table_add (c->class_vars, g_strdup (t->text));
                if (sl_pyr_tok (r, value.a)->type == SL_PY_TOKEN_NAME && sl_pyr_is_op (r, value.a + 1, "(") &&
                    !sl_pyr_tok (r, value.a)->keyword)
                  {
                    g_autofree char *callee = sl_pyr_dotted_name (r, (Range) { value.a, value.a + 1 });

                    /* x = property(…), or any object made by a call: it may be a descriptor */
                    if (callee && strcmp (callee, "property") == 0)
                      g_hash_table_add (c->properties, g_strdup (t->text));
                  }
              }
          }
      }
    }
  return TRUE;
}

static gboolean
has_file_base (Reader    *r,
               ClassInfo *c)
{
  for (guint b = 0; b < c->bases->len; b++)
    if (sl_pyr_lookup_class (r, g_ptr_array_index (c->bases, b)))
      return TRUE;
  return FALSE;
}

/* __init__'s parameters whose default is a float literal (`x=0.0`,
 * `y: float = -1.5`), into r->float_params. */
static void
read_float_params (Reader   *r,
                   SlPyStmt *def)
{
  guint i = def->first + (sl_pyr_is_name (r, def->first, "async") ? 1 : 0) + 2;
  guint close;
  g_autoptr(GArray) params = NULL;

  if (r->float_params == NULL)
    r->float_params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_remove_all (r->float_params);
  if (sl_pyr_is_op (r, i, "["))
    i = sl_pyr_matching (r, i, def->colon) + 1;
  if (!sl_pyr_is_op (r, i, "(") || (close = sl_pyr_matching (r, i, def->colon)) >= def->colon)
    return;
  params = sl_pyr_split_top (r, (Range) { i + 1, close }, ",");
  for (guint p = 0; p < params->len; p++)
    {
      Range param = g_array_index (params, Range, p);
      g_autoptr(GArray) sides = NULL;
      Range value;
      SlPyToken *last;

      if (param.b - param.a < 3 || sl_pyr_tok (r, param.a)->type != SL_PY_TOKEN_NAME)
        continue;
      sides = sl_pyr_split_top (r, param, "=");
      if (sides->len != 2)
        continue;
      value = sl_pyr_strip_parens (r, g_array_index (sides, Range, 1));
      if (value.b <= value.a)
        continue;
      last = sl_pyr_tok (r, value.b - 1);
      if (last->type == SL_PY_TOKEN_NUMBER && strpbrk (last->text, ".eE") && !strpbrk (last->text, "xXjJ") &&
          (value.b - value.a == 1 ||
           (value.b - value.a == 2 && (sl_pyr_is_op (r, value.a, "-") || sl_pyr_is_op (r, value.a, "+")))))
        g_hash_table_add (r->float_params, g_strdup (sl_pyr_tok (r, param.a)->text));
    }
}

/* Reads __init__ (or the dataclass's) into c->init and base_init. */
static gboolean
read_init (Reader    *r,
           ClassInfo *c)
{
  SlPyStmt *init = g_hash_table_lookup (c->methods, "__init__");
  SlPyStmt *post_init = g_hash_table_lookup (c->methods, "__post_init__");
  Run run = { 0 };
  gboolean ok = TRUE;

  run.stores = g_ptr_array_new_with_free_func (store_free);

  if (c->dataclass && init != NULL)
    ok = sl_pyr_refuse (r, sl_pyr_first_token (r, init), UNSUPPORTED, "the dataclass %s defines its own __init__; Slot Lab "
                        "reads the stores of the __init__ that dataclasses generates", c->name);
  else if (c->dataclass)
    {
      /* The generated __init__ stores every field of the dataclasses of
       * the MRO, most basic first; the session lists a dataclass's own
       * fields (sl-class-statement.c adds the inherited ones) and no base
       * call. */
      for (guint i = 0; i < c->fields->len; i++)
        {
          Store *f = g_ptr_array_index (c->fields, i), *copy = g_new0 (Store, 1);

          copy->name = g_strdup (f->name);
          copy->kind = g_strdup (f->kind);
          g_ptr_array_add (run.stores, copy);
        }
      c->base_init = SL_BASE_INIT_EXPLICIT;
      c->base_init_at = 0;
      if (post_init)
        {
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

          sl_pyr_compiler_stores (r, post_init->body, seen);
          if (seen->len > 0)
            ok = sl_pyr_refuse (r, sl_pyr_first_token (r, post_init), UNSUPPORTED,
                                "%s.__post_init__ stores self.%s; Slot Lab reads the stores of a dataclass's "
                                "generated __init__ only", c->name, (char *) g_ptr_array_index (seen, 0));
        }
    }
  else if (init == NULL)
    {
      /* No __init__: the instance runs the first __init__ of the MRO after
       * this class, which is what super().__init__() calls. */
      c->base_init = has_file_base (r, c) ? SL_BASE_INIT_SUPER : SL_BASE_INIT_EXPLICIT;
      c->base_init_at = 0;
    }
  else
    {
      g_autofree char *param = NULL;
      SlPyToken *at = sl_pyr_first_token (r, init);

      sl_pyr_def_name (r, init, &param);
      if (param == NULL)
        ok = sl_pyr_refuse (r, at, UNSUPPORTED, "%s.__init__ has no parameter for the instance", c->name);
      else if (strcmp (param, "self") != 0)
        ok = sl_pyr_refuse (r, at, UNSUPPORTED, "%s.__init__ calls the instance \"%s\"; the compiler only sees "
                            "stores to a name \"self\" (__static_attributes__), so Slot Lab reads __init__(self, …)",
                            c->name, param);
      if (ok)
        {
          g_free (r->self_name);
          r->self_name = g_strdup ("self");
          read_float_params (r, init);
          ok = sl_pyr_check_dynamic_block (r, init->body, "self") && sl_pyr_read_block_run (r, init->body, &run, "__init__");
        }
      if (ok)
        {
          if (!run.base_called)
            c->base_init = SL_BASE_INIT_NONE;
          else if (run.base_how == SL_BASE_INIT_SUPER)
            c->base_init = SL_BASE_INIT_SUPER, c->base_init_at = run.base_at;
          else
            {
              /* every base of the file called, in bases order */
              guint k = 0;

              for (guint b = 0; b < c->bases->len; b++)
                {
                  const char *base = g_ptr_array_index (c->bases, b);

                  if (strcmp (base, "ABC") == 0 || strcmp (base, "Generic") == 0)
                    continue;
                  if (k >= run.explicit_bases->len || strcmp (g_ptr_array_index (run.explicit_bases, k), base) != 0)
                    {
                      ok = sl_pyr_refuse (r, at, UNSUPPORTED, "%s.__init__ calls %s; Slot Lab models calling each base's "
                                          "__init__ once, in the order of the bases, or super().__init__()", c->name,
                                          k < run.explicit_bases->len ? "its bases' __init__ in another order or not all of them"
                                                                      : "the __init__ of only some of its bases");
                      break;
                    }
                  k++;
                }
              if (ok && k != run.explicit_bases->len)
                ok = sl_pyr_refuse (r, at, UNSUPPORTED, "%s.__init__ calls a base's __init__ twice", c->name);
              c->base_init = SL_BASE_INIT_EXPLICIT;
              c->base_init_at = run.base_at;
            }
        }
    }
  if (ok)
    {
      if (run.stores->len > SL_CHAIN_MAX_INIT)
        ok = sl_pyr_refuse (r, sl_pyr_tok (r, c->stmt->first), SL_PYTHON_READER_ERROR_LIMIT,
                            "%s's __init__ stores %u attributes; Slot Lab reads at most %d",
                            c->name, run.stores->len, SL_CHAIN_MAX_INIT);
      g_ptr_array_extend_and_steal (c->init, g_steal_pointer (&run.stores));
    }
  sl_pyr_run_clear (&run);
  return ok;
}

gboolean
sl_pyr_read_class (Reader    *r,
                   SlPyStmt  *stmt,
                   GPtrArray *decorators)
{
  SlPyToken *name = sl_pyr_tok (r, stmt->first + 1);
  ClassInfo *c;

  if (name->type != SL_PY_TOKEN_NAME || name->keyword)
    return sl_pyr_refuse (r, name, SL_PYTHON_READER_ERROR_SYNTAX, "SyntaxError: invalid syntax");
  if (sl_pyr_lookup_class (r, name->text))
    return sl_pyr_refuse (r, name, UNSUPPORTED, "the class %s is defined a second time (first on line %u); "
                          "Slot Lab reads each class once", name->text, sl_pyr_lookup_class (r, name->text)->line);
  if (r->classes->len >= SL_CHAIN_MAX_CLASSES)
    return sl_pyr_refuse (r, name, SL_PYTHON_READER_ERROR_LIMIT, "more than %d classes; Slot Lab reads at most %d",
                          SL_CHAIN_MAX_CLASSES, SL_CHAIN_MAX_CLASSES);
  if (strlen (name->text) > SL_CHAIN_MAX_NAME_LEN)
    return sl_pyr_refuse (r, name, SL_PYTHON_READER_ERROR_LIMIT, "the class name is longer than %d bytes",
                          SL_CHAIN_MAX_NAME_LEN);

  c = g_new0 (ClassInfo, 1);
  c->name = g_strdup (name->text);
  c->stmt = stmt;
  c->line = name->line;
  c->column = name->column;
  c->bases = g_ptr_array_new_with_free_func (g_free);
  c->init = g_ptr_array_new_with_free_func (store_free);
  c->seen = g_ptr_array_new_with_free_func (g_free);
  c->fields = g_ptr_array_new_with_free_func (store_free);
  c->methods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->class_vars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->spelling = SL_SLOTS_TUPLE;
  g_ptr_array_add (r->classes, c);
  r->klass = c;

  if (!read_header (r, c, stmt) || !sl_pyr_read_decorators (r, c, decorators))
    return FALSE;

  if ((c->dataclass & SL_DATACLASS_WEAKREF_SLOT) && !(c->dataclass & SL_DATACLASS_SLOTS))
    return sl_pyr_refuse (r, name, UNSUPPORTED, "TypeError: weakref_slot is True but slots is False");

  if (!read_body (r, c, stmt))
    return FALSE;
  if (c->dataclass & SL_DATACLASS_SLOTS && c->has_slots)
    return sl_pyr_refuse (r, name, UNSUPPORTED, "TypeError: %s already specifies __slots__", c->name);

  sl_pyr_compiler_stores (r, stmt->body, c->seen);
  for (guint i = 0; i < stmt->body->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (stmt->body, i);

      /* exec and eval anywhere in a method */
      if (sl_pyr_stmt_is (r, s, "def"))
        {
          g_autoptr(GPtrArray) stack = g_ptr_array_new ();

          g_ptr_array_add (stack, s);
          while (stack->len > 0)
            {
              SlPyStmt *x = g_ptr_array_steal_index (stack, stack->len - 1);

              if (!sl_pyr_check_dynamic (r, (Range) { x->first, x->colon ? x->colon : x->last }, "self", FALSE))
                return FALSE;
              for (guint k = 0; x->body && k < x->body->len; k++)
                g_ptr_array_add (stack, g_ptr_array_index (x->body, k));
            }
        }
    }

  r->init_not_literal = g_ptr_array_new_with_free_func (g_free);
  if (!read_init (r, c))
    {
      g_clear_pointer (&r->init_not_literal, g_ptr_array_unref);
      return FALSE;
    }
  if (r->init_not_literal->len > 0 && !r->said_values)
    {
      /* said once per file: it is what every session means by a value */
      sl_pyr_note (r, name, "values that are not literals (parameters, expressions: %s%s) are counted as small "
                   "ints, which take no memory of their own", (char *) g_ptr_array_index (r->init_not_literal, 0),
                   r->init_not_literal->len > 1 ? ", …" : "");
      r->said_values = TRUE;
    }
  if (c->bases->len == 0 || (c->base_init == SL_BASE_INIT_NONE && !has_file_base (r, c)))
    {
      /* no base of the file: where its __init__ is called stores nothing */
      c->base_init = SL_BASE_INIT_EXPLICIT;
      c->base_init_at = 0;
    }
  g_clear_pointer (&r->init_not_literal, g_ptr_array_unref);
  return TRUE;
}
