/* sl-python-reader-init.c: what __init__ runs, in order: stores, the
 * base's __init__, branches and loops, methods it calls, what is refused.
 *
 * Part of the Python reader; see sl-python-reader.c for what it reads
 * and sl-python-reader-private.h for what the parts share. */

#include <string.h>

#include "sl-python-reader-private.h"

/* ---- __init__: what runs, in order ------------------------------------- */

void
sl_pyr_run_clear (Run *run)
{
  g_clear_pointer (&run->stores, g_ptr_array_unref);
  g_clear_pointer (&run->explicit_bases, g_ptr_array_unref);
}

gboolean
sl_pyr_has_store (GPtrArray  *stores,
                  const char *name)
{
  for (guint i = 0; i < stores->len; i++)
    if (strcmp (((Store *) g_ptr_array_index (stores, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

static void
run_add_store (Reader     *r,
               Run        *run,
               SlPyToken  *name,
               char       *kind,
               gboolean    literal)
{
  Store *s;

  if (sl_pyr_has_store (run->stores, name->text))
    {
      g_free (kind);
      return;   /* the key is already in the dict or slot; no new storage */
    }
  s = g_new0 (Store, 1);
  s->name = g_strdup (name->text);
  s->kind = kind;
  s->line = name->line;
  s->column = name->column;
  g_ptr_array_add (run->stores, s);
  if (!literal && r->init_not_literal && !sl_pyr_contains (r->init_not_literal, name->text))
    g_ptr_array_add (r->init_not_literal, g_strdup (name->text));
}

/* Looks through an expression for what the reader must not guess at. */
gboolean
sl_pyr_check_dynamic (Reader     *r,
                      Range       range,
                      const char *self_name,
                      gboolean    running)
{
  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = sl_pyr_tok (r, i);

      if (t->type != SL_PY_TOKEN_NAME)
        continue;
      if ((strcmp (t->text, "exec") == 0 || strcmp (t->text, "eval") == 0) && sl_pyr_is_op (r, i + 1, "(") &&
          !(i > range.a && sl_pyr_is_op (r, i - 1, ".")))
        return sl_pyr_refuse (r, t, UNSUPPORTED, "%s() runs code that Slot Lab cannot read without running it", t->text);
      if (!running)
        continue;
      if ((strcmp (t->text, "setattr") == 0 || strcmp (t->text, "delattr") == 0) && sl_pyr_is_op (r, i + 1, "(") &&
          !(i > range.a && sl_pyr_is_op (r, i - 1, ".")))
        return sl_pyr_refuse (r, t, UNSUPPORTED,
                              "%s() in __init__ stores attributes by a name computed at run time; "
                              "write them as self.NAME = … for Slot Lab to read them", t->text);
      if (strcmp (t->text, "vars") == 0 && sl_pyr_is_op (r, i + 1, "(") && sl_pyr_is_name (r, i + 2, self_name))
        return sl_pyr_refuse (r, t, UNSUPPORTED, "vars(%s) in __init__ reaches the instance's __dict__ directly; "
                              "Slot Lab cannot tell what it stores", self_name);
      if (strcmp (t->text, self_name) == 0 && sl_pyr_is_op (r, i + 1, ".") && i + 2 < range.b &&
          (sl_pyr_is_name (r, i + 2, "__dict__") || sl_pyr_is_name (r, i + 2, "__class__")) &&
          !(i > range.a && sl_pyr_is_op (r, i - 1, ".")))
        return sl_pyr_refuse (r, t, UNSUPPORTED, "%s.%s in __init__: Slot Lab cannot tell what it does to the instance's storage",
                              self_name, sl_pyr_tok (r, i + 2)->text);
      if ((strcmp (t->text, "object") == 0 || strcmp (t->text, "super") == 0) &&
          sl_pyr_is_op (r, i + 1, ".") && sl_pyr_is_name (r, i + 2, "__setattr__"))
        return sl_pyr_refuse (r, t, UNSUPPORTED, "%s.__setattr__ in __init__ stores an attribute by a name Slot Lab "
                              "does not read; write self.NAME = …", t->text);
    }
  return TRUE;
}

/* check_dynamic over every statement of a block, branches and loops too */
gboolean
sl_pyr_check_dynamic_block (Reader     *r,
                            GPtrArray  *block,
                            const char *self_name)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);

      if (sl_pyr_stmt_is (r, s, "def") || sl_pyr_stmt_is (r, s, "class"))
        continue;
      if (!sl_pyr_check_dynamic (r, (Range) { s->first, s->colon ? s->colon : s->last }, self_name, TRUE) ||
          !sl_pyr_check_dynamic_block (r, s->body, self_name))
        return FALSE;
    }
  return TRUE;
}

/* `super().__init__(…)`, `super(C, self).__init__(…)` or `B.__init__(self, …)`
 * as a whole statement: returns TRUE and fills how/base. */
static gboolean
base_init_call (Reader     *r,
                SlPyStmt   *stmt,
                SlBaseInit *how,
                char      **base)
{
  Range all = { stmt->first, stmt->last };
  guint i = stmt->first;

  *base = NULL;
  if (sl_pyr_is_name (r, i, "super") && sl_pyr_is_op (r, i + 1, "("))
    {
      guint close = sl_pyr_matching (r, i + 1, stmt->last);

      if (sl_pyr_is_op (r, close + 1, ".") && sl_pyr_is_name (r, close + 2, "__init__") && sl_pyr_is_op (r, close + 3, "(") &&
          sl_pyr_matching (r, close + 3, stmt->last) == stmt->last - 1)
        {
          *how = SL_BASE_INIT_SUPER;
          return TRUE;
        }
      return FALSE;
    }
  {
    int dot_init = -1;

    for (guint j = i; j + 1 < stmt->last; j++)
      if (sl_pyr_is_op (r, j, ".") && sl_pyr_is_name (r, j + 1, "__init__"))
        {
          dot_init = (int) j;
          break;
        }
    if (dot_init > (int) i && sl_pyr_is_op (r, dot_init + 2, "(") &&
        sl_pyr_matching (r, dot_init + 2, stmt->last) == stmt->last - 1)
      {
        char *name = sl_pyr_dotted_name (r, (Range) { i, (guint) dot_init });

        if (name)
          {
            *how = SL_BASE_INIT_EXPLICIT;
            *base = name;
            return TRUE;
          }
      }
  }
  (void) all;
  return FALSE;
}

/* The class of the file that defines a method the instance would find
 * first, when only this class and none of the others defines it. */
static SlPyStmt *
own_method_only (Reader     *r,
                 const char *method)
{
  SlPyStmt *def = g_hash_table_lookup (r->klass->methods, method);

  if (def == NULL)
    return NULL;
  for (guint i = 0; i < r->classes->len; i++)
    {
      ClassInfo *c = g_ptr_array_index (r->classes, i);

      if (c != r->klass && g_hash_table_contains (c->methods, method))
        return NULL;
    }
  return def;
}

static gboolean
read_simple_run (Reader   *r,
                 SlPyStmt *stmt,
                 Run      *run,
                 const char *where)
{
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));
  SlPyToken *first = sl_pyr_first_token (r, stmt);
  Range value;
  guint n_targets;
  SlBaseInit how;
  g_autofree char *base = NULL;

  if (!sl_pyr_check_dynamic (r, (Range) { stmt->first, stmt->last }, r->self_name, TRUE))
    return FALSE;
  if (first->keyword && (strcmp (first->text, "return") == 0 || strcmp (first->text, "raise") == 0))
    {
      run->ended = TRUE;
      return TRUE;
    }
  if (first->keyword && (strcmp (first->text, "break") == 0 || strcmp (first->text, "continue") == 0))
    {
      run->ended = TRUE;
      run->left_loop = TRUE;
      return TRUE;
    }

  if (base_init_call (r, stmt, &how, &base))
    {
      if (how == SL_BASE_INIT_EXPLICIT)
        {
          g_autofree char *q = sl_pyr_qualify (r, base);

          if (strcmp (base, "object") == 0 || strcmp (q, "abc.ABC") == 0 || strcmp (q, "typing.Generic") == 0)
            return TRUE;   /* stores nothing */
          if (!sl_pyr_contains (r->klass->bases, base))
            return sl_pyr_refuse (r, first, UNSUPPORTED, "__init__ calls %s.__init__, and %s is not a base of %s",
                                  base, base, r->klass->name);
          if (run->explicit_bases == NULL)
            run->explicit_bases = g_ptr_array_new_with_free_func (g_free);
          if (run->base_called && run->base_how == SL_BASE_INIT_SUPER)
            return sl_pyr_refuse (r, first, UNSUPPORTED, "__init__ calls both super().__init__ and %s.__init__; "
                                  "Slot Lab models one way of calling the bases", base);
          if (run->base_called && run->base_at != run->stores->len)
            return sl_pyr_refuse (r, first, UNSUPPORTED, "__init__ calls the bases' __init__ at different points; "
                                  "Slot Lab models one point, with no store between the calls");
          g_ptr_array_add (run->explicit_bases, g_steal_pointer (&base));
        }
      else if (run->base_called)
        return sl_pyr_refuse (r, first, UNSUPPORTED, "__init__ calls the base's __init__ twice");
      run->base_called = TRUE;
      run->base_how = how;
      run->base_at = run->stores->len;
      return TRUE;
    }

  /* self.method(…): the stores of a method only this class defines run here */
  if (sl_pyr_is_name (r, stmt->first, r->self_name) && sl_pyr_is_op (r, stmt->first + 1, ".") &&
      sl_pyr_tok (r, stmt->first + 2)->type == SL_PY_TOKEN_NAME && sl_pyr_is_op (r, stmt->first + 3, "(") &&
      sl_pyr_matching (r, stmt->first + 3, stmt->last) == stmt->last - 1)
    {
      const char *method = sl_pyr_tok (r, stmt->first + 2)->text;
      SlPyStmt *def = g_hash_table_lookup (r->klass->methods, method);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

      if (def)
        sl_pyr_compiler_stores (r, def->body, seen);
      for (guint i = 0; i < r->classes->len && seen->len == 0; i++)
        {
          ClassInfo *c = g_ptr_array_index (r->classes, i);
          SlPyStmt *other = g_hash_table_lookup (c->methods, method);

          if (other)
            sl_pyr_compiler_stores (r, other->body, seen);
        }
      if (seen->len > 0)
        {
          g_autofree char *param = NULL;

          def = own_method_only (r, method);
          if (def == NULL)
            return sl_pyr_refuse (r, first, UNSUPPORTED,
                                  "%s calls %s.%s(), which another class of the file defines too; Slot Lab cannot "
                                  "tell which one runs for an instance", where, r->self_name, method);
          if (r->inline_depth >= MAX_INLINE_DEPTH)
            return sl_pyr_refuse (r, first, SL_PYTHON_READER_ERROR_LIMIT,
                                  "%s calls methods %u deep (or in a cycle); Slot Lab follows %u",
                                  where, r->inline_depth, MAX_INLINE_DEPTH);
          sl_pyr_def_name (r, def, &param);
          if (g_strcmp0 (param, r->self_name) != 0)
            return sl_pyr_refuse (r, first, UNSUPPORTED, "%s.%s() stores attributes but its first parameter is not \"%s\"",
                                  r->self_name, method, r->self_name);
          sl_pyr_note (r, first, "%s calls %s.%s(): its stores (line %u) are counted at this point",
                       where, r->self_name, method, sl_pyr_first_token (r, def)->line);
          r->inline_depth++;
          if (!sl_pyr_check_dynamic_block (r, def->body, r->self_name) || !sl_pyr_read_block_run (r, def->body, run, method))
            return FALSE;
          r->inline_depth--;
          run->ended = FALSE;   /* its return ends the method, not __init__ */
        }
      return TRUE;
    }

  sl_pyr_simple_stores (r, stmt, r->self_name, names, &value, &n_targets);
  if (names->len == 0)
    {
      /* self passed to a function: what it stores is not seen */
      for (guint i = stmt->first; i < stmt->last; i++)
        if (sl_pyr_is_name (r, i, r->self_name) && i > stmt->first &&
            (sl_pyr_is_op (r, i - 1, "(") || sl_pyr_is_op (r, i - 1, ",")) &&
            (sl_pyr_is_op (r, i + 1, ")") || sl_pyr_is_op (r, i + 1, ",")))
          {
            sl_pyr_note (r, sl_pyr_tok (r, i), "%s passes %s to a call; attributes stored there are not counted",
                         where, r->self_name);
            break;
          }
      return TRUE;
    }
  for (guint n = 0; n < names->len; n++)
    {
      SlPyToken *name = sl_pyr_tok (r, g_array_index (names, guint, n));
      gboolean literal = FALSE;
      char *kind = NULL;

      if (g_hash_table_contains (r->klass->properties, name->text))
        return sl_pyr_refuse (r, name, UNSUPPORTED, "%s.%s goes through the property or descriptor %s of %s; "
                              "Slot Lab cannot follow it", r->self_name, name->text, name->text, r->klass->name);
      if (n_targets == 1 && names->len == 1)
        kind = sl_pyr_value_kind (r, value, &literal);
      else if (n_targets == 1)
        {
          /* self.a, self.b = x, y */
          g_autoptr(GArray) items = sl_pyr_split_top (r, sl_pyr_strip_parens (r, value), ",");

          if (items->len == names->len)
            kind = sl_pyr_value_kind (r, g_array_index (items, Range, n), &literal);
        }
      else
        kind = sl_pyr_value_kind (r, value, &literal);
      run_add_store (r, run, name, kind, literal);
    }
  return TRUE;
}

/* A condition whose truth the compiler's own constants decide: 1 true,
 * 0 false, -1 not known without running. */
static int
constant_truth (Reader *r,
                Range   range)
{
  SlPyToken *t;

  range = sl_pyr_strip_parens (r, range);
  if (range.b <= range.a)
    return -1;
  t = sl_pyr_tok (r, range.a);
  if (sl_pyr_is_name (r, range.a, "not") && range.b > range.a + 1)
    {
      int inner = constant_truth (r, (Range) { range.a + 1, range.b });

      return inner < 0 ? -1 : !inner;
    }
  if (range.b - range.a != 1)
    return -1;
  if (t->type == SL_PY_TOKEN_NAME)
    {
      if (strcmp (t->text, "True") == 0 || strcmp (t->text, "__debug__") == 0)
        return 1;
      if (strcmp (t->text, "False") == 0 || strcmp (t->text, "None") == 0)
        return 0;
      return -1;
    }
  if (t->type == SL_PY_TOKEN_NUMBER)
    {
      for (const char *p = t->text; *p; p++)
        if (*p >= '1' && *p <= '9')
          return 1;
      return strpbrk (t->text, "xXoObB") ? -1 : 0;
    }
  if (t->type == SL_PY_TOKEN_STRING && t->text && !(t->string_flags & SL_PY_STRING_F))
    return t->length > 0;
  return -1;
}

/* Does a `for` loop's body run at least once (1), never (0), or it
 * depends (-1)?  Known for range(N), a display or a string literal. */
static int
loop_runs (Reader   *r,
           SlPyStmt *stmt)
{
  guint a = stmt->first + (sl_pyr_is_name (r, stmt->first, "async") ? 1 : 0);
  Range iter = { 0, stmt->colon };
  int depth = 0;

  for (guint i = a + 1; i < stmt->colon; i++)
    {
      if (sl_pyr_is_open (sl_pyr_tok (r, i)))
        depth++;
      else if (sl_pyr_is_close (sl_pyr_tok (r, i)))
        depth--;
      else if (depth == 0 && sl_pyr_is_name (r, i, "in"))
        {
          iter.a = i + 1;
          break;
        }
    }
  if (iter.a == 0)
    return -1;
  iter = sl_pyr_strip_parens (r, iter);
  if (iter.b - iter.a == 4 && sl_pyr_is_name (r, iter.a, "range") && sl_pyr_is_op (r, iter.a + 1, "(") &&
      sl_pyr_tok (r, iter.a + 2)->type == SL_PY_TOKEN_NUMBER && sl_pyr_is_op (r, iter.a + 3, ")"))
    return constant_truth (r, (Range) { iter.a + 2, iter.a + 3 }) > 0;
  if ((sl_pyr_is_op (r, iter.a, "[") || sl_pyr_is_op (r, iter.a, "(")) && sl_pyr_matching (r, iter.a, iter.b) == iter.b - 1 &&
      !sl_pyr_has_top_keyword (r, (Range) { iter.a + 1, iter.b - 1 }, "for"))
    return iter.b - iter.a > 2;
  if (iter.b - iter.a == 1 && sl_pyr_tok (r, iter.a)->type == SL_PY_TOKEN_STRING)
    return constant_truth (r, iter);
  return -1;
}

/* Reads a block of __init__ as it runs: stores in order, the base call. */
gboolean
sl_pyr_read_block_run (Reader     *r,
                       GPtrArray  *block,
                       Run        *run,
                       const char *where)
{
  for (guint i = 0; block && i < block->len && !run->ended; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);
      SlPyToken *first = sl_pyr_first_token (r, s);
      const char *keyword = sl_pyr_stmt_keyword (r, s);

      if (keyword == NULL)
        {
          if (!read_simple_run (r, s, run, where))
            return FALSE;
          continue;
        }
      if (!sl_pyr_check_dynamic (r, (Range) { s->first, s->colon }, r->self_name, TRUE))
        return FALSE;

      if (strcmp (keyword, "with") == 0)
        {
          g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));

          sl_pyr_header_stores (r, s, r->self_name, names);
          for (guint n = 0; n < names->len; n++)
            run_add_store (r, run, sl_pyr_tok (r, g_array_index (names, guint, n)), NULL, FALSE);
          if (!sl_pyr_read_block_run (r, s->body, run, where))
            return FALSE;
        }
      else if (strcmp (keyword, "try") == 0 || strcmp (keyword, "finally") == 0)
        {
          if (!sl_pyr_read_block_run (r, s->body, run, where))
            return FALSE;
        }
      else if (strcmp (keyword, "except") == 0)
        {
          sl_pyr_note (r, first, "%s: what the except clause stores is counted as not run", where);
          /* a following else of the try runs */
          while (i + 1 < block->len && sl_pyr_stmt_is (r, g_ptr_array_index (block, i + 1), "except"))
            i++;
          if (i + 1 < block->len && sl_pyr_stmt_is (r, g_ptr_array_index (block, i + 1), "else"))
            {
              i++;
              if (!sl_pyr_read_block_run (r, ((SlPyStmt *) g_ptr_array_index (block, i))->body, run, where))
                return FALSE;
            }
        }
      else if (strcmp (keyword, "if") == 0)
        {
          /* names stored by every branch of if/elif/else are stored for certain */
          g_autoptr(GPtrArray) branches = g_ptr_array_new ();
          gboolean has_else = FALSE;
          Run first_run = { 0 };
          g_autoptr(GPtrArray) partial = g_ptr_array_new_with_free_func (g_free);

          g_ptr_array_add (branches, s);
          while (i + 1 < block->len)
            {
              SlPyStmt *next = g_ptr_array_index (block, i + 1);

              if (sl_pyr_stmt_is (r, next, "elif"))
                g_ptr_array_add (branches, next);
              else if (sl_pyr_stmt_is (r, next, "else"))
                {
                  g_ptr_array_add (branches, next);
                  has_else = TRUE;
                }
              else
                break;
              i++;
              if (has_else)
                break;
            }

          /* conditions the constants decide: a false branch never runs; a
           * true one runs, and none after it */
          {
            g_autoptr(GPtrArray) kept = g_ptr_array_new ();

            has_else = FALSE;
            for (guint b = 0; b < branches->len && !has_else; b++)
              {
                SlPyStmt *branch = g_ptr_array_index (branches, b);
                int truth = sl_pyr_stmt_is (r, branch, "else") ? 1
                            : constant_truth (r, (Range) { branch->first + 1, branch->colon });

                if (truth == 0)
                  continue;
                g_ptr_array_add (kept, branch);
                if (truth == 1)
                  has_else = TRUE;
              }
            g_ptr_array_set_size (branches, 0);
            g_ptr_array_extend (branches, kept, NULL, NULL);
          }
          if (branches->len == 0)
            continue;
          if (branches->len == 1 && has_else)
            {
              /* the one branch that runs */
              if (!sl_pyr_read_block_run (r, ((SlPyStmt *) g_ptr_array_index (branches, 0))->body, run, where))
                return FALSE;
              continue;
            }

          {
            g_autoptr(GPtrArray) runs = g_ptr_array_new ();
            Run *branch_runs = g_new0 (Run, branches->len);
            gboolean ok = TRUE;

            for (guint b = 0; b < branches->len && ok; b++)
              {
                SlPyStmt *branch = g_ptr_array_index (branches, b);

                branch_runs[b].stores = g_ptr_array_new_with_free_func (store_free);
                /* the branch starts from what already ran */
                for (guint k = 0; k < run->stores->len; k++)
                  {
                    Store *old = g_ptr_array_index (run->stores, k), *copy = g_new0 (Store, 1);

                    copy->name = g_strdup (old->name);
                    copy->kind = g_strdup (old->kind);
                    g_ptr_array_add (branch_runs[b].stores, copy);
                  }
                ok = sl_pyr_read_block_run (r, branch->body, &branch_runs[b], where);
                if (ok && branch_runs[b].base_called)
                  ok = sl_pyr_refuse (r, sl_pyr_first_token (r, branch), UNSUPPORTED,
                                      "%s calls the base's __init__ inside a branch; Slot Lab cannot tell whether it runs",
                                      where);
              }
            if (ok)
              {
                Run *one = &branch_runs[0];

                for (guint k = run->stores->len; k < one->stores->len; k++)
                  {
                    Store *st = g_ptr_array_index (one->stores, k);
                    gboolean everywhere = has_else;

                    for (guint b = 1; b < branches->len && everywhere; b++)
                      if (!branch_runs[b].ended && !sl_pyr_has_store (branch_runs[b].stores, st->name))
                        everywhere = FALSE;
                    if (everywhere)
                      {
                        Store *copy = g_new0 (Store, 1);

                        copy->name = g_strdup (st->name);
                        copy->line = st->line;
                        copy->column = st->column;
                        /* the value differs between branches: not a literal */
                        g_ptr_array_add (run->stores, copy);
                        if (r->init_not_literal && !sl_pyr_contains (r->init_not_literal, st->name))
                          g_ptr_array_add (r->init_not_literal, g_strdup (st->name));
                      }
                    else
                      sl_pyr_add_unique (partial, st->name);
                  }
                for (guint b = 1; b < branches->len; b++)
                  for (guint k = run->stores->len; k < branch_runs[b].stores->len; k++)
                    {
                      Store *st = g_ptr_array_index (branch_runs[b].stores, k);

                      if (!sl_pyr_has_store (run->stores, st->name))
                        sl_pyr_add_unique (partial, st->name);
                    }
                if (partial->len > 0)
                  {
                    g_ptr_array_add (partial, NULL);
                    {
                      g_autofree char *list = g_strjoinv (", ", (char **) partial->pdata);

                      sl_pyr_note (r, first, "%s: %s stored in only some branches of this if; counted as not stored "
                                   "(the compiler still sees them)", where, list);
                    }
                  }
              }
            for (guint b = 0; b < branches->len; b++)
              sl_pyr_run_clear (&branch_runs[b]);
            g_free (branch_runs);
            sl_pyr_run_clear (&first_run);
            if (!ok)
              return FALSE;
          }
        }
      else if (strcmp (keyword, "def") == 0 || strcmp (keyword, "class") == 0)
        {
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

          sl_pyr_compiler_stores (r, s->body, seen);
          if (seen->len > 0)
            sl_pyr_note (r, first, "%s defines a nested %s; what it stores is counted as not run",
                         where, strcmp (keyword, "def") == 0 ? "function" : "class");
        }
      else if (strcmp (keyword, "for") == 0 && loop_runs (r, s) >= 0)
        {
          /* range(3), a display, a string: the body runs once at least (the
           * first pass is what stores), or never */
          gboolean runs = loop_runs (r, s) == 1;

          if (runs)
            {
              g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));
              gboolean ended_before = run->ended;

              sl_pyr_header_stores (r, s, r->self_name, names);
              for (guint n = 0; n < names->len; n++)
                run_add_store (r, run, sl_pyr_tok (r, g_array_index (names, guint, n)), NULL, FALSE);
              if (!sl_pyr_read_block_run (r, s->body, run, where))
                return FALSE;
              if (run->left_loop)
                run->ended = ended_before, run->left_loop = FALSE;
            }
          /* a for's else runs after the loop unless it breaks: not read */
          if (i + 1 < block->len && sl_pyr_stmt_is (r, g_ptr_array_index (block, i + 1), "else"))
            {
              i++;
              sl_pyr_note (r, sl_pyr_first_token (r, g_ptr_array_index (block, i)), "%s: what the else of this for "
                           "stores is counted as not run", where);
            }
        }
      else
        {
          /* for, while, match, else of a loop: may run any number of times */
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));

          sl_pyr_header_stores (r, s, r->self_name, names);
          sl_pyr_compiler_stores (r, s->body, seen);
          if (seen->len > 0 || names->len > 0)
            sl_pyr_note (r, first, "%s: what this %s stores is counted as not run", where, keyword);
          /* a base call in a loop cannot be placed */
          for (guint k = 0; s->body && k < s->body->len; k++)
            {
              SlBaseInit how;
              g_autofree char *base = NULL;
              SlPyStmt *inner = g_ptr_array_index (s->body, k);

              if (inner->colon == 0 && base_init_call (r, inner, &how, &base))
                return sl_pyr_refuse (r, sl_pyr_first_token (r, inner), UNSUPPORTED,
                                      "%s calls the base's __init__ inside a %s; Slot Lab cannot tell whether it runs",
                                      where, keyword);
            }
        }
    }
  return TRUE;
}
