/* sl-python-reader-tokens.c: the Python reader's tools: tokens, brackets,
 * dotted names and imports, notes and refusals, statements.
 *
 * Part of the Python reader; see sl-python-reader.c for what it reads
 * and sl-python-reader-private.h for what the parts share. */

#include <string.h>

#include "sl-python-reader-private.h"

/* ---- tokens ------------------------------------------------------------ */

SlPyToken *
sl_pyr_tok (Reader *r,
            guint   i)
{
  return sl_py_tree_token (r->tree, i);
}

gboolean
sl_pyr_is_op (Reader     *r,
              guint       i,
              const char *op)
{
  SlPyToken *t = sl_pyr_tok (r, i);

  return t->type == SL_PY_TOKEN_OP && strcmp (t->text, op) == 0;
}

gboolean
sl_pyr_is_name (Reader     *r,
                guint       i,
                const char *name)
{
  SlPyToken *t = sl_pyr_tok (r, i);

  return t->type == SL_PY_TOKEN_NAME && strcmp (t->text, name) == 0;
}

gboolean
sl_pyr_is_open (SlPyToken *t)
{
  return t->type == SL_PY_TOKEN_OP && t->length == 1 && strchr ("([{", t->text[0]);
}

gboolean
sl_pyr_is_close (SlPyToken *t)
{
  return t->type == SL_PY_TOKEN_OP && t->length == 1 && strchr (")]}", t->text[0]);
}

/* The index of the bracket closing the one at i (the tokenizer checked
 * that they balance). */
guint
sl_pyr_matching (Reader *r,
                 guint   i,
                 guint   end)
{
  guint depth = 0;

  for (guint j = i; j < end; j++)
    {
      if (sl_pyr_is_open (sl_pyr_tok (r, j)))
        depth++;
      else if (sl_pyr_is_close (sl_pyr_tok (r, j)) && --depth == 0)
        return j;
    }
  return end;
}

/* Splits [a, b) at top-level `sep` (an operator or keyword). */
GArray *
sl_pyr_split_top (Reader     *r,
                  Range       range,
                  const char *sep)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (Range));
  guint depth = 0, start = range.a;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = sl_pyr_tok (r, i);

      if (sl_pyr_is_open (t))
        depth++;
      else if (sl_pyr_is_close (t))
        depth--;
      else if (depth == 0 && t->text && strcmp (t->text, sep) == 0)
        {
          Range part = { start, i };

          g_array_append_val (parts, part);
          start = i + 1;
        }
    }
  if (start < range.b || parts->len > 0)
    {
      Range part = { start, range.b };

      g_array_append_val (parts, part);
    }
  return parts;
}

/* The first top-level `op` in [a, b) (':' skips lambdas' colons), or -1. */
int
sl_pyr_find_top (Reader     *r,
                 Range       range,
                 const char *op)
{
  guint depth = 0, lambdas = 0;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = sl_pyr_tok (r, i);

      if (sl_pyr_is_open (t))
        depth++;
      else if (sl_pyr_is_close (t))
        depth--;
      else if (depth == 0 && t->type == SL_PY_TOKEN_NAME && t->keyword && strcmp (t->text, "lambda") == 0)
        lambdas++;
      else if (depth == 0 && t->type == SL_PY_TOKEN_OP && strcmp (t->text, op) == 0)
        {
          if (strcmp (op, ":") == 0 && lambdas > 0)
            {
              lambdas--;
              continue;
            }
          return (int) i;
        }
    }
  return -1;
}

Range
sl_pyr_strip_parens (Reader *r,
                     Range   range)
{
  while (range.b - range.a >= 2 && sl_pyr_is_op (r, range.a, "(") && sl_pyr_matching (r, range.a, range.b) == range.b - 1)
    {
      range.a++;
      range.b--;
    }
  return range;
}

/* "a.b.c" when [a, b) is exactly dotted names, else NULL. */
char *
sl_pyr_dotted_name (Reader *r,
                    Range   range)
{
  GString *out;

  range = sl_pyr_strip_parens (r, range);
  if (range.b <= range.a || (range.b - range.a) % 2 == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = sl_pyr_tok (r, i);

      if ((i - range.a) % 2 == 0 ? t->type != SL_PY_TOKEN_NAME || t->keyword : !sl_pyr_is_op (r, i, "."))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append (out, t->text);
    }
  return g_string_free (out, FALSE);
}

/* The qualified name a dotted name means, through the module's imports:
 * `dc.field` after `import dataclasses as dc` is "dataclasses.field". */
char *
sl_pyr_qualify (Reader     *r,
                const char *dotted)
{
  const char *dot = strchr (dotted, '.');
  g_autofree char *head = dot ? g_strndup (dotted, dot - dotted) : g_strdup (dotted);
  const char *target = g_hash_table_lookup (r->imports, head);

  if (target == NULL)
    return g_strdup (dotted);
  return g_strconcat (target, dot ? dot : "", NULL);
}

gboolean
sl_pyr_means (Reader     *r,
              Range       range,
              const char *qualified)
{
  g_autofree char *dotted = sl_pyr_dotted_name (r, range);
  g_autofree char *q = dotted ? sl_pyr_qualify (r, dotted) : NULL;

  return q && strcmp (q, qualified) == 0;
}

gboolean
sl_pyr_literal_bool (Reader   *r,
                     Range     range,
                     gboolean *value)
{
  range = sl_pyr_strip_parens (r, range);
  if (range.b - range.a != 1)
    return FALSE;
  if (sl_pyr_is_name (r, range.a, "True"))
    return *value = TRUE, TRUE;
  if (sl_pyr_is_name (r, range.a, "False"))
    return *value = FALSE, TRUE;
  return FALSE;
}

/* ---- notes and errors -------------------------------------------------- */

G_GNUC_PRINTF (3, 4) void
sl_pyr_note (Reader     *r,
             SlPyToken  *at,
             const char *format,
             ...)
{
  SlPythonNote *n = g_new0 (SlPythonNote, 1);
  va_list args;

  va_start (args, format);
  n->message = g_strdup_vprintf (format, args);
  va_end (args);
  n->line = at->line;
  n->column = at->column;
  g_ptr_array_add (r->notes, n);
}

G_GNUC_PRINTF (4, 5) gboolean
sl_pyr_refuse (Reader     *r,
               SlPyToken  *at,
               int         code,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (*r->error == NULL)
    g_set_error (r->error, SL_PYTHON_READER_ERROR, code, "line %u, column %u: %s",
                 at->line, at->column, message);
  return FALSE;
}

/* ---- statements -------------------------------------------------------- */

SlPyToken *
sl_pyr_first_token (Reader   *r,
                    SlPyStmt *stmt)
{
  return sl_pyr_tok (r, stmt->first);
}

/* The statement's keyword (after `async`), or NULL for a simple statement. */
const char *
sl_pyr_stmt_keyword (Reader   *r,
                     SlPyStmt *stmt)
{
  SlPyToken *t = sl_pyr_first_token (r, stmt);

  if (stmt->colon == 0)
    return NULL;
  if (strcmp (t->text, "async") == 0)
    return sl_pyr_tok (r, stmt->first + 1)->text;
  return t->text;
}

gboolean
sl_pyr_stmt_is (Reader     *r,
                SlPyStmt   *stmt,
                const char *keyword)
{
  const char *k = sl_pyr_stmt_keyword (r, stmt);

  return k && strcmp (k, keyword) == 0;
}

gboolean
sl_pyr_is_decorator (Reader   *r,
                     SlPyStmt *stmt)
{
  return stmt->colon == 0 && sl_pyr_is_op (r, stmt->first, "@");
}

/* A def's name and the name of its first parameter (NULL if none). */
const char *
sl_pyr_def_name (Reader   *r,
                 SlPyStmt *def,
                 char    **first_param)
{
  guint i = def->first + (sl_pyr_is_name (r, def->first, "async") ? 1 : 0) + 1;
  SlPyToken *name = sl_pyr_tok (r, i);

  if (first_param)
    {
      guint p = i + 1;

      *first_param = NULL;
      if (sl_pyr_is_op (r, p, "["))
        p = sl_pyr_matching (r, p, def->colon) + 1;
      if (sl_pyr_is_op (r, p, "(") && sl_pyr_tok (r, p + 1)->type == SL_PY_TOKEN_NAME)
        *first_param = g_strdup (sl_pyr_tok (r, p + 1)->text);
    }
  return name->text;
}

/* Does any statement in the block (recursively) satisfy `keyword`? */
SlPyStmt *
sl_pyr_find_nested (Reader     *r,
                    GPtrArray  *block,
                    const char *keyword)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);
      SlPyStmt *inner;

      if (sl_pyr_stmt_is (r, s, keyword))
        return s;
      if (s->body && (inner = sl_pyr_find_nested (r, s->body, keyword)))
        return inner;
    }
  return NULL;
}
