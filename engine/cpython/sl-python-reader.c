/* sl-python-reader.c: the class statements of a module, read without running.
 *
 * The tokenizer (sl-python-tokenizer.c) gives a tree of statements; this
 * file reads the module's top-level `class` statements from it: bases,
 * __slots__, what __init__ stores on self and in what order, where it calls
 * the base's __init__, the names the compiler sees stored on `self` anywhere
 * in the class (__static_attributes__, 3.13+), dataclasses.
 *
 * What the compiler sees, as CPython 3.13–3.15 compute
 * __static_attributes__ (checked on live interpreters; see
 * tests/test-python-reader.c): every `self.NAME` that is an assignment
 * target — plain, annotated with a value, in a tuple or starred target, a
 * `for` or comprehension target, a `with … as` target — in any function
 * nested in the class body, whatever that function's first parameter is
 * called; not `self.NAME += …`, not `self.NAME: T` without a value, not
 * `del self.NAME`, not the methods of nested classes.
 *
 * What runs: the statements of __init__ in order, straight through `with`
 * and `try` bodies.  A branch stores a name for certain only when every
 * branch of an if/elif/else stores it; loops and partial branches count as
 * not run (noted).  Anything whose effect on the layout would need running
 * the code is refused with line and column, never guessed. */

#include <string.h>

#include "sl-python-reader-private.h"

G_DEFINE_QUARK (sl-python-reader-error-quark, sl_python_reader_error)

void
store_free (gpointer data)
{
  Store *s = data;

  g_free (s->name);
  g_free (s->kind);
  g_free (s);
}

static void
class_info_free (gpointer data)
{
  ClassInfo *c = data;

  g_free (c->name);
  g_ptr_array_unref (c->bases);
  g_clear_pointer (&c->slots, g_ptr_array_unref);
  g_clear_pointer (&c->slot_types, g_ptr_array_unref);
  g_ptr_array_unref (c->init);
  g_ptr_array_unref (c->seen);
  g_ptr_array_unref (c->fields);
  g_hash_table_unref (c->methods);
  g_hash_table_unref (c->properties);
  g_hash_table_unref (c->class_vars);
  g_free (c);
}

void
sl_python_note_free (SlPythonNote *note)
{
  if (note == NULL)
    return;
  g_free (note->message);
  g_free (note);
}

char *
sl_python_note_to_string (const SlPythonNote *note)
{
  return g_strdup_printf ("line %u, column %u: %s", note->line, note->column, note->message);
}

/* ---- the module -------------------------------------------------------- */

static void
read_import (Reader   *r,
             SlPyStmt *stmt)
{
  Range all = { stmt->first + 1, stmt->last };

  if (sl_pyr_is_name (r, stmt->first, "import"))
    {
      g_autoptr(GArray) parts = sl_pyr_split_top (r, all, ",");

      for (guint i = 0; i < parts->len; i++)
        {
          Range part = g_array_index (parts, Range, i);
          g_autoptr(GArray) as = sl_pyr_split_top (r, part, "as");
          g_autofree char *module = NULL;

          /* `import a,` (a SyntaxError, not ours to report) splits into nothing */
          if (as->len == 0 || !(module = sl_pyr_dotted_name (r, g_array_index (as, Range, 0))))
            continue;
          if (as->len == 2)
            {
              g_autofree char *alias = sl_pyr_dotted_name (r, g_array_index (as, Range, 1));

              if (alias)
                g_hash_table_insert (r->imports, g_steal_pointer (&alias), g_strdup (module));
            }
          else
            {
              /* `import a.b` binds a */
              char *dot = strchr (module, '.');

              if (dot)
                *dot = '\0';
              g_hash_table_insert (r->imports, g_strdup (module), g_strdup (module));
            }
        }
    }
  else if (sl_pyr_is_name (r, stmt->first, "from"))
    {
      int import_at = -1;
      g_autofree char *module = NULL;

      for (guint i = stmt->first + 1; i < stmt->last; i++)
        if (sl_pyr_is_name (r, i, "import"))
          {
            import_at = (int) i;
            break;
          }
      if (import_at < 0)
        return;
      module = sl_pyr_dotted_name (r, (Range) { stmt->first + 1, (guint) import_at });
      if (module == NULL)
        return;
      {
        Range names = sl_pyr_strip_parens (r, (Range) { (guint) import_at + 1, stmt->last });
        g_autoptr(GArray) parts = sl_pyr_split_top (r, names, ",");

        for (guint i = 0; i < parts->len; i++)
          {
            g_autoptr(GArray) as = sl_pyr_split_top (r, g_array_index (parts, Range, i), "as");
            g_autofree char *name = as->len > 0 ? sl_pyr_dotted_name (r, g_array_index (as, Range, 0)) : NULL;
            g_autofree char *alias = as->len == 2 ? sl_pyr_dotted_name (r, g_array_index (as, Range, 1)) : NULL;

            if (name == NULL)
              continue;
            g_hash_table_insert (r->imports, g_strdup (alias ? alias : name),
                                 g_strconcat (strcmp (module, "typing_extensions") == 0 ? "typing" : module,
                                              ".", name, NULL));
          }
      }
    }
}

/* `NAME = count(START).__next__` at module level (itertools.count, START
 * a literal or 1 << K above 256 and at most 2**29): NAME() is a new int
 * of one 30-bit digit per call, the "int" value kind.  Any later binding
 * of NAME at module level forgets it. */
static void
read_counter (Reader   *r,
              SlPyStmt *s)
{
  SlPyToken *first = sl_pyr_first_token (r, s);
  guint open, close;
  guint64 start = 0;

  if (first->type != SL_PY_TOKEN_NAME || !sl_pyr_is_op (r, s->first + 1, "="))
    return;
  if (r->counters)
    g_hash_table_remove (r->counters, first->text);
  open = s->first + 2;
  while (open < s->last && !sl_pyr_is_op (r, open, "("))
    open++;
  if (open >= s->last || !sl_pyr_means (r, (Range) { s->first + 2, open }, "itertools.count"))
    return;
  close = sl_pyr_matching (r, open, s->last);
  if (close + 3 != s->last || !sl_pyr_is_op (r, close + 1, ".") || !sl_pyr_is_name (r, close + 2, "__next__"))
    return;
  if (close == open + 2 && sl_pyr_tok (r, open + 1)->type == SL_PY_TOKEN_NUMBER)
    start = g_ascii_strtoull (sl_pyr_tok (r, open + 1)->text, NULL, 10);
  else if (close == open + 4 && sl_pyr_tok (r, open + 1)->type == SL_PY_TOKEN_NUMBER &&
           strcmp (sl_pyr_tok (r, open + 1)->text, "1") == 0 && sl_pyr_is_op (r, open + 2, "<<") &&
           sl_pyr_tok (r, open + 3)->type == SL_PY_TOKEN_NUMBER)
    {
      guint64 shift = g_ascii_strtoull (sl_pyr_tok (r, open + 3)->text, NULL, 10);

      start = shift < 40 ? (guint64) 1 << shift : 0;
    }
  if (start <= 256 || start > (1u << 29))
    return;
  if (r->counters == NULL)
    r->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (r->counters, g_strdup (first->text));
}

static gboolean
read_module (Reader *r)
{
  g_autoptr(GPtrArray) decorators = g_ptr_array_new ();
  GPtrArray *module = r->tree->module;

  for (guint i = 0; i < module->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (module, i);
      const char *keyword = sl_pyr_stmt_keyword (r, s);
      SlPyToken *first = sl_pyr_first_token (r, s);

      if (sl_pyr_is_decorator (r, s))
        {
          g_ptr_array_add (decorators, s);
          continue;
        }
      if (keyword && strcmp (keyword, "class") == 0)
        {
          if (!sl_pyr_read_class (r, s, decorators))
            return FALSE;
          g_ptr_array_set_size (decorators, 0);
          continue;
        }
      g_ptr_array_set_size (decorators, 0);

      if (keyword && strcmp (keyword, "def") == 0)
        {
          if (sl_pyr_find_nested (r, s->body, "class"))
            sl_pyr_note (r, first, "classes defined inside the function %s are not read", sl_pyr_def_name (r, s, NULL));
          if (sl_pyr_find_nested (r, s->body, "class") == NULL)
            {
              /* exec anywhere can make classes */
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
          continue;
        }
      if (keyword)
        {
          SlPyStmt *inner = sl_pyr_find_nested (r, s->body, "class");

          if (inner)
            return sl_pyr_refuse (r, sl_pyr_first_token (r, inner), UNSUPPORTED,
                                  "the class %s is defined under '%s' at line %u; Slot Lab reads classes whose "
                                  "definition does not depend on run time", sl_pyr_tok (r, inner->first + 1)->text,
                                  keyword, first->line);
          /* imports under `if TYPE_CHECKING:` or `try:` */
          for (guint k = 0; s->body && k < s->body->len; k++)
            {
              SlPyStmt *x = g_ptr_array_index (s->body, k);

              if (x->colon == 0)
                {
                  read_import (r, x);
                  if (!sl_pyr_check_dynamic (r, (Range) { x->first, x->last }, "self", FALSE))
                    return FALSE;
                }
            }
          continue;
        }

      read_import (r, s);
      read_counter (r, s);
      if (!sl_pyr_check_dynamic (r, (Range) { s->first, s->last }, "self", FALSE))
        return FALSE;
      /* Name.attr = … after the class statement changes the class */
      if (first->type == SL_PY_TOKEN_NAME && sl_pyr_lookup_class (r, first->text) && sl_pyr_is_op (r, s->first + 1, "."))
        {
          Range all = { s->first, s->last };
          int eq = sl_pyr_find_top (r, all, "=");

          if (eq > 0)
            return sl_pyr_refuse (r, first, UNSUPPORTED, "the class %s is changed after its statement; Slot Lab reads "
                                  "classes as their statements define them", first->text);
        }
      if ((sl_pyr_is_name (r, s->first, "setattr") || sl_pyr_is_name (r, s->first, "delattr")) && sl_pyr_is_op (r, s->first + 1, "(") &&
          sl_pyr_tok (r, s->first + 2)->type == SL_PY_TOKEN_NAME && sl_pyr_lookup_class (r, sl_pyr_tok (r, s->first + 2)->text))
        return sl_pyr_refuse (r, first, UNSUPPORTED, "%s() changes the class %s after its statement",
                              first->text, sl_pyr_tok (r, s->first + 2)->text);
    }
  if (decorators->len > 0)
    return sl_pyr_refuse (r, sl_pyr_first_token (r, g_ptr_array_index (decorators, 0)), SL_PYTHON_READER_ERROR_SYNTAX,
                          "SyntaxError: invalid syntax (a decorator with nothing to decorate)");
  return TRUE;
}

/* ---- the chain --------------------------------------------------------- */

static char **
names_of (GPtrArray *stores)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  for (guint i = 0; i < stores->len; i++)
    g_strv_builder_add (builder, ((Store *) g_ptr_array_index (stores, i))->name);
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return out;
}

static char **
strv_of (GPtrArray *names)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **out;

  for (guint i = 0; names && i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));
  out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return out;
}

static SlChain *
build_chain (Reader *r)
{
  g_autoptr(SlChain) chain = sl_chain_new ();

  for (guint i = 0; i < r->classes->len; i++)
    {
      ClassInfo *c = g_ptr_array_index (r->classes, i);
      g_autoptr(SlClass) klass = sl_class_new (c->name);
      g_auto(GStrv) bases = strv_of (c->bases);
      g_auto(GStrv) init = names_of (c->init);
      g_autoptr(GPtrArray) elsewhere = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      /* the chain's limit on names, as a session file has it */
      for (guint k = 0; k < c->seen->len; k++)
        if (strlen (g_ptr_array_index (c->seen, k)) > SL_CHAIN_MAX_NAME_LEN)
          {
            sl_pyr_refuse (r, sl_pyr_tok (r, c->stmt->first + 1), SL_PYTHON_READER_ERROR_LIMIT,
                           "%s stores an attribute whose name is longer than %d bytes", c->name, SL_CHAIN_MAX_NAME_LEN);
            return NULL;
          }
      for (guint k = 0; k < c->init->len; k++)
        if (strlen (((Store *) g_ptr_array_index (c->init, k))->name) > SL_CHAIN_MAX_NAME_LEN)
          {
            sl_pyr_refuse (r, sl_pyr_tok (r, c->stmt->first + 1), SL_PYTHON_READER_ERROR_LIMIT,
                           "%s stores an attribute whose name is longer than %d bytes", c->name, SL_CHAIN_MAX_NAME_LEN);
            return NULL;
          }
      for (guint k = 0; c->slots && k < c->slots->len; k++)
        if (strlen (g_ptr_array_index (c->slots, k)) > SL_CHAIN_MAX_NAME_LEN)
          {
            sl_pyr_refuse (r, sl_pyr_tok (r, c->stmt->first + 1), SL_PYTHON_READER_ERROR_LIMIT,
                           "a __slots__ name of %s is longer than %d bytes", c->name, SL_CHAIN_MAX_NAME_LEN);
            return NULL;
          }

      sl_class_set_bases (klass, (const char * const *) bases);
      if (c->has_slots)
        {
          g_ptr_array_add (c->slots, NULL);
          g_ptr_array_add (c->slot_types, NULL);
          sl_class_set_slots_full (klass, (const char * const *) c->slots->pdata,
                                   (const char * const *) c->slot_types->pdata);
          g_ptr_array_remove_index (c->slots, c->slots->len - 1);
          g_ptr_array_remove_index (c->slot_types, c->slot_types->len - 1);
          sl_class_set_slots_spelling (klass, c->spelling);
        }
      sl_class_set_init (klass, (const char * const *) init);
      sl_class_set_base_init (klass, c->base_init, c->base_init_at);
      sl_class_set_dataclass (klass, c->dataclass);
      for (guint k = 0; k < c->seen->len; k++)
        if (!sl_pyr_has_store (c->init, g_ptr_array_index (c->seen, k)))
          g_ptr_array_add (elsewhere, g_ptr_array_index (c->seen, k));
      g_ptr_array_add (elsewhere, NULL);
      sl_class_set_elsewhere (klass, (const char * const *) elsewhere->pdata);
      /* what each store assigns, as the session's value kinds */
      for (guint k = 0; k < c->init->len; k++)
        {
          Store *store = g_ptr_array_index (c->init, k);
          SlValue value;
          g_autoptr(GError) value_error = NULL;

          if (store->kind == NULL)
            continue;
          if (!sl_value_parse (store->kind, &value, &value_error))
            {
              sl_pyr_note (r, sl_pyr_tok (r, c->stmt->first + 1), "%s: the value of self.%s (%s) is counted as a small int",
                           c->name, store->name, value_error->message);
              continue;
            }
          sl_class_set_init_value (klass, k, store->kind);
        }

      if (!sl_chain_append (chain, klass, &error) &&
          g_error_matches (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_BASE))
        {
          /* A chain that does not take abc.ABC or typing.Generic as bases:
           * both have __slots__ = () and no __init__, so the class's layout
           * and its stores are those without them. */
          g_autoptr(GPtrArray) kept = g_ptr_array_new ();

          for (guint b = 0; b < c->bases->len; b++)
            {
              const char *base = g_ptr_array_index (c->bases, b);

              if (sl_pyr_lookup_class (r, base))
                g_ptr_array_add (kept, (gpointer) base);
            }
          g_ptr_array_add (kept, NULL);
          sl_class_set_bases (klass, (const char * const *) kept->pdata);
          g_clear_error (&error);
          if (sl_chain_append (chain, klass, &error))
            sl_pyr_note (r, sl_pyr_tok (r, c->stmt->first + 1), "%s: abc.ABC and typing.Generic have __slots__ = () and "
                         "no __init__; left out of the bases, they change nothing in the layout", c->name);
        }
      if (error)
        {
          sl_pyr_refuse (r, sl_pyr_tok (r, c->stmt->first + 1), UNSUPPORTED, "%s", error->message);
          return NULL;
        }
    }
  return g_steal_pointer (&chain);
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const SlPythonNote *x = *(SlPythonNote * const *) a;
  const SlPythonNote *y = *(SlPythonNote * const *) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

SlChain *
sl_python_read (const char  *source,
                gssize       length,
                GPtrArray  **notes,
                GError     **error)
{
  g_autoptr(SlPyTree) tree = NULL;
  g_autoptr(GPtrArray) found_notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_python_note_free);
  g_autoptr(GError) local_error = NULL;
  Reader r = { 0 };
  SlChain *chain = NULL;

  g_return_val_if_fail (source != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (source);
  if (!(tree = sl_py_tree_parse (source ? source : "", length, &local_error)))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  r.tree = tree;
  r.notes = found_notes;
  r.error = &local_error;
  r.imports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.classes = g_ptr_array_new_with_free_func (class_info_free);
  if (read_module (&r))
    {
      if (r.classes->len == 0)
        g_set_error (&local_error, SL_PYTHON_READER_ERROR, UNSUPPORTED,
                     "line 1, column 1: the source defines no class at the top level");
      else
        chain = build_chain (&r);
    }
  g_hash_table_unref (r.imports);
  g_ptr_array_unref (r.classes);
  g_free (r.self_name);
  g_clear_pointer (&r.float_params, g_hash_table_unref);
  g_clear_pointer (&r.counters, g_hash_table_unref);

  if (chain == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_ptr_array_sort (found_notes, compare_notes);
  if (notes)
    *notes = g_steal_pointer (&found_notes);
  return chain;
}

gboolean
sl_python_source_looks_like (const char *path,
                             const char *data,
                             gsize       length)
{
  if (path && (g_str_has_suffix (path, ".py") || g_str_has_suffix (path, ".pyw")))
    return TRUE;
  if (path && (g_str_has_suffix (path, ".slotlab") || g_str_has_suffix (path, ".json")))
    return FALSE;
  for (gsize i = 0; data && i < length; i++)
    {
      if (g_ascii_isspace (data[i]))
        continue;
      return data[i] != '{';
    }
  return FALSE;
}
