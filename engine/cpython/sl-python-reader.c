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

#include "sl-python-reader.h"
#include "sl-python-tokenizer-private.h"
#include "sl-value-model.h"

G_DEFINE_QUARK (sl-python-reader-error-quark, sl_python_reader_error)

#define MAX_INLINE_DEPTH 8

typedef struct { guint a, b; } Range;   /* tokens [a, b) */

typedef struct {
  char *name;
  char *kind;           /* value kind, NULL = small int / unknown */
  guint line, column;
} Store;

typedef struct {
  char *name;
  SlPyStmt *stmt;
  guint line, column;
  GPtrArray *bases;     /* session names */
  gboolean has_slots;
  GPtrArray *slots;
  GPtrArray *slot_types;
  SlSlotsSpelling spelling;
  GPtrArray *init;      /* Store */
  SlBaseInit base_init;
  guint base_init_at;
  GPtrArray *seen;      /* names the compiler sees (char *), first-seen order */
  SlDataclassFlags dataclass;
  GPtrArray *fields;    /* Store: all dataclass fields, inherited first */
  GHashTable *methods;  /* name -> SlPyStmt (the def) */
  GHashTable *properties; /* names that are properties or other descriptors */
  GHashTable *class_vars; /* names assigned in the class body */
} ClassInfo;

typedef struct {
  SlPyTree *tree;
  GPtrArray *notes;
  GError **error;
  GHashTable *imports;  /* local name -> qualified name */
  GPtrArray *classes;   /* ClassInfo */
  /* while reading one class */
  ClassInfo *klass;
  char *self_name;
  guint inline_depth;
  GPtrArray *init_not_literal;  /* names whose value was not a literal */
  gboolean said_values;
} Reader;

static void
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

/* ---- tokens ------------------------------------------------------------ */

static SlPyToken *
tok (Reader *r,
     guint   i)
{
  return sl_py_tree_token (r->tree, i);
}

static gboolean
is_op (Reader     *r,
       guint       i,
       const char *op)
{
  SlPyToken *t = tok (r, i);

  return t->type == SL_PY_TOKEN_OP && strcmp (t->text, op) == 0;
}

static gboolean
is_name (Reader     *r,
         guint       i,
         const char *name)
{
  SlPyToken *t = tok (r, i);

  return t->type == SL_PY_TOKEN_NAME && strcmp (t->text, name) == 0;
}

static gboolean
is_open (SlPyToken *t)
{
  return t->type == SL_PY_TOKEN_OP && t->length == 1 && strchr ("([{", t->text[0]);
}

static gboolean
is_close (SlPyToken *t)
{
  return t->type == SL_PY_TOKEN_OP && t->length == 1 && strchr (")]}", t->text[0]);
}

/* The index of the bracket closing the one at i (the tokenizer checked
 * that they balance). */
static guint
matching (Reader *r,
          guint   i,
          guint   end)
{
  guint depth = 0;

  for (guint j = i; j < end; j++)
    {
      if (is_open (tok (r, j)))
        depth++;
      else if (is_close (tok (r, j)) && --depth == 0)
        return j;
    }
  return end;
}

/* Splits [a, b) at top-level `sep` (an operator or keyword). */
static GArray *
split_top (Reader     *r,
           Range       range,
           const char *sep)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (Range));
  guint depth = 0, start = range.a;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = tok (r, i);

      if (is_open (t))
        depth++;
      else if (is_close (t))
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
static int
find_top (Reader     *r,
          Range       range,
          const char *op)
{
  guint depth = 0, lambdas = 0;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = tok (r, i);

      if (is_open (t))
        depth++;
      else if (is_close (t))
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

static Range
strip_parens (Reader *r,
              Range   range)
{
  while (range.b - range.a >= 2 && is_op (r, range.a, "(") && matching (r, range.a, range.b) == range.b - 1)
    {
      range.a++;
      range.b--;
    }
  return range;
}

/* "a.b.c" when [a, b) is exactly dotted names, else NULL. */
static char *
dotted_name (Reader *r,
             Range   range)
{
  GString *out;

  range = strip_parens (r, range);
  if (range.b <= range.a || (range.b - range.a) % 2 == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = tok (r, i);

      if ((i - range.a) % 2 == 0 ? t->type != SL_PY_TOKEN_NAME || t->keyword : !is_op (r, i, "."))
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
static char *
qualify (Reader     *r,
         const char *dotted)
{
  const char *dot = strchr (dotted, '.');
  g_autofree char *head = dot ? g_strndup (dotted, dot - dotted) : g_strdup (dotted);
  const char *target = g_hash_table_lookup (r->imports, head);

  if (target == NULL)
    return g_strdup (dotted);
  return g_strconcat (target, dot ? dot : "", NULL);
}

static gboolean
means (Reader     *r,
       Range       range,
       const char *qualified)
{
  g_autofree char *dotted = dotted_name (r, range);
  g_autofree char *q = dotted ? qualify (r, dotted) : NULL;

  return q && strcmp (q, qualified) == 0;
}

/* ---- notes and errors -------------------------------------------------- */

G_GNUC_PRINTF (3, 4) static void
note (Reader     *r,
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

G_GNUC_PRINTF (4, 5) static gboolean
refuse (Reader     *r,
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

#define UNSUPPORTED SL_PYTHON_READER_ERROR_UNSUPPORTED

/* ---- statements -------------------------------------------------------- */

static SlPyToken *
first_token (Reader   *r,
             SlPyStmt *stmt)
{
  return tok (r, stmt->first);
}

/* The statement's keyword (after `async`), or NULL for a simple statement. */
static const char *
stmt_keyword (Reader   *r,
              SlPyStmt *stmt)
{
  SlPyToken *t = first_token (r, stmt);

  if (stmt->colon == 0)
    return NULL;
  if (strcmp (t->text, "async") == 0)
    return tok (r, stmt->first + 1)->text;
  return t->text;
}

static gboolean
stmt_is (Reader     *r,
         SlPyStmt   *stmt,
         const char *keyword)
{
  const char *k = stmt_keyword (r, stmt);

  return k && strcmp (k, keyword) == 0;
}

static gboolean
is_decorator (Reader   *r,
              SlPyStmt *stmt)
{
  return stmt->colon == 0 && is_op (r, stmt->first, "@");
}

/* A def's name and the name of its first parameter (NULL if none). */
static const char *
def_name (Reader   *r,
          SlPyStmt *def,
          char    **first_param)
{
  guint i = def->first + (is_name (r, def->first, "async") ? 1 : 0) + 1;
  SlPyToken *name = tok (r, i);

  if (first_param)
    {
      guint p = i + 1;

      *first_param = NULL;
      if (is_op (r, p, "["))
        p = matching (r, p, def->colon) + 1;
      if (is_op (r, p, "(") && tok (r, p + 1)->type == SL_PY_TOKEN_NAME)
        *first_param = g_strdup (tok (r, p + 1)->text);
    }
  return name->text;
}

/* Does any statement in the block (recursively) satisfy `keyword`? */
static SlPyStmt *
find_nested (Reader     *r,
             GPtrArray  *block,
             const char *keyword)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);
      SlPyStmt *inner;

      if (stmt_is (r, s, keyword))
        return s;
      if (s->body && (inner = find_nested (r, s->body, keyword)))
        return inner;
    }
  return NULL;
}

/* ---- what the compiler sees: self.NAME targets ------------------------- */

static void
add_unique (GPtrArray  *names,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

static gboolean
contains (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; names && i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

/* Is [a, b) exactly `SELF.NAME` (in parentheses or not)?  Returns NAME's index. */
static guint
self_attribute (Reader     *r,
                Range       range,
                const char *self_name)
{
  range = strip_parens (r, range);
  /* self.with is a SyntaxError, not a store (a keyword is no attribute name) */
  if (range.b - range.a == 3 && is_name (r, range.a, self_name) && is_op (r, range.a + 1, ".") &&
      tok (r, range.a + 2)->type == SL_PY_TOKEN_NAME && !tok (r, range.a + 2)->keyword)
    return range.a + 2;
  return 0;
}

/* The self.NAME targets of one target expression, in order, as token
 * indices of NAME: tuples and lists of targets, starred targets. */
static void
target_stores (Reader     *r,
               Range       range,
               const char *self_name,
               GArray     *out)
{
  g_autoptr(GArray) items = NULL;
  guint name;

  range = strip_parens (r, range);
  if (range.b <= range.a)
    return;
  if ((name = self_attribute (r, range, self_name)))
    {
      g_array_append_val (out, name);
      return;
    }
  if (is_op (r, range.a, "*"))
    {
      Range rest = { range.a + 1, range.b };

      target_stores (r, rest, self_name, out);
      return;
    }
  if (is_op (r, range.a, "[") && matching (r, range.a, range.b) == range.b - 1)
    {
      range.a++;
      range.b--;
    }
  items = split_top (r, range, ",");
  if (items->len > 1)
    for (guint i = 0; i < items->len; i++)
      target_stores (r, g_array_index (items, Range, i), self_name, out);
}

/* Comprehension targets in [a, b): `for TARGET in` inside brackets. */
static void
comprehension_stores (Reader     *r,
                      Range       range,
                      const char *self_name,
                      GArray     *out)
{
  guint depth = 0;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = tok (r, i);

      if (is_open (t))
        depth++;
      else if (is_close (t))
        depth--;
      else if (depth > 0 && t->keyword && strcmp (t->text, "for") == 0)
        {
          guint d = 0, j;

          for (j = i + 1; j < range.b; j++)
            {
              SlPyToken *u = tok (r, j);

              if (is_open (u))
                d++;
              else if (is_close (u))
                d--;
              else if (d == 0 && u->keyword && strcmp (u->text, "in") == 0)
                break;
            }
          target_stores (r, (Range) { i + 1, j }, self_name, out);
        }
    }
}

/* The assignment targets of a simple statement, in the order Python
 * stores them; sets *value to the value's range (b = 0 when none). */
static void
simple_stores (Reader     *r,
               SlPyStmt   *stmt,
               const char *self_name,
               GArray     *out,
               Range      *value,
               guint      *n_targets)
{
  Range all = { stmt->first, stmt->last };
  g_autoptr(GArray) parts = NULL;
  int colon, eq;

  if (value)
    *value = (Range) { 0, 0 };
  if (n_targets)
    *n_targets = 0;
  eq = find_top (r, all, "=");
  colon = find_top (r, all, ":");
  if (colon >= 0 && (eq < 0 || colon < eq))
    {
      /* annotated: a store only with a value */
      if (eq >= 0)
        {
          target_stores (r, (Range) { stmt->first, (guint) colon }, self_name, out);
          if (value)
            *value = (Range) { (guint) eq + 1, stmt->last };
          if (n_targets)
            *n_targets = 1;
        }
      return;
    }
  if (eq < 0)
    return;
  parts = split_top (r, all, "=");
  for (guint i = 0; i + 1 < parts->len; i++)
    target_stores (r, g_array_index (parts, Range, i), self_name, out);
  if (value)
    *value = g_array_index (parts, Range, parts->len - 1);
  if (n_targets)
    *n_targets = parts->len - 1;
}

/* Targets in a compound statement's header: `for T in`, `with X as T`. */
static void
header_stores (Reader     *r,
               SlPyStmt   *stmt,
               const char *self_name,
               GArray     *out)
{
  guint a = stmt->first + (is_name (r, stmt->first, "async") ? 1 : 0);

  if (stmt_is (r, stmt, "for"))
    {
      int in = -1;

      for (guint i = a + 1; i < stmt->colon && in < 0; i++)
        if (is_name (r, i, "in") && find_top (r, (Range) { a + 1, i }, "(") < 0)
          in = (int) i;
      if (in > 0)
        target_stores (r, (Range) { a + 1, (guint) in }, self_name, out);
    }
  else if (stmt_is (r, stmt, "with"))
    {
      Range items = strip_parens (r, (Range) { a + 1, stmt->colon });
      g_autoptr(GArray) parts = split_top (r, items, ",");

      for (guint i = 0; i < parts->len; i++)
        {
          Range item = g_array_index (parts, Range, i);
          g_autoptr(GArray) as = split_top (r, item, "as");

          if (as->len == 2)
            target_stores (r, g_array_index (as, Range, 1), self_name, out);
        }
    }
}

/* Every self.NAME target the compiler sees in a block (nested functions
 * included, nested classes not). */
static void
compiler_stores (Reader    *r,
                 GPtrArray *block,
                 GPtrArray *seen)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);
      g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));

      if (stmt_is (r, s, "class"))
        continue;
      if (s->colon)
        {
          header_stores (r, s, "self", names);
          comprehension_stores (r, (Range) { s->first, s->colon }, "self", names);
        }
      else
        {
          simple_stores (r, s, "self", names, NULL, NULL);
          comprehension_stores (r, (Range) { s->first, s->last }, "self", names);
        }
      for (guint n = 0; n < names->len; n++)
        add_unique (seen, tok (r, g_array_index (names, guint, n))->text);
      compiler_stores (r, s->body, seen);
    }
}

/* ---- values ------------------------------------------------------------ */

static gboolean
has_top_keyword (Reader     *r,
                 Range       range,
                 const char *keyword)
{
  guint depth = 0;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = tok (r, i);

      if (is_open (t))
        depth++;
      else if (is_close (t))
        depth--;
      else if (depth == 0 && t->keyword && strcmp (t->text, keyword) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What the value of `self.x = VALUE` is, as the session's value kinds
 * (PRODUCT.md): NULL for a small int or anything not a literal. */
static char *
value_kind (Reader  *r,
            Range    range,
            gboolean *literal)
{
  SlPyToken *t;
  guint n;

  range = strip_parens (r, range);
  n = range.b - range.a;
  *literal = TRUE;
  if (n == 0)
    return NULL;
  t = tok (r, range.a);

  if (n == 1 && t->type == SL_PY_TOKEN_NAME && t->keyword)
    {
      if (strcmp (t->text, "None") == 0)
        return g_strdup ("none");
      if (strcmp (t->text, "True") == 0 || strcmp (t->text, "False") == 0)
        return g_strdup ("bool");
    }
  if ((n == 1 && t->type == SL_PY_TOKEN_NUMBER) ||
      (n == 2 && is_op (r, range.a, "-") && tok (r, range.a + 1)->type == SL_PY_TOKEN_NUMBER))
    {
      SlPyToken *num = tok (r, range.b - 1);
      g_autofree char *digits = g_strdup (num->text);
      char *w = digits;
      guint64 v;
      char *end;

      /* ints from -5 to 256 are CPython's cached small ints; any other
       * literal is a constant of the code object, one object shared by
       * every instance (a float literal too) */
      for (const char *p = num->text; *p; p++)
        if (*p != '_')
          *w++ = *p;
      *w = '\0';
      if (strpbrk (digits, ".eEjJ") && !g_str_has_prefix (digits, "0x") && !g_str_has_prefix (digits, "0X"))
        return g_strdup ("shared");
      v = g_ascii_strtoull (digits, &end, 0);
      if (g_str_has_prefix (digits, "0o") || g_str_has_prefix (digits, "0O"))
        v = g_ascii_strtoull (digits + 2, &end, 8);
      else if (g_str_has_prefix (digits, "0b") || g_str_has_prefix (digits, "0B"))
        v = g_ascii_strtoull (digits + 2, &end, 2);
      if (*end == '\0' && (n == 1 ? v <= 256 : v <= 5))
        return NULL;
      return g_strdup ("shared");
    }
  if (t->type == SL_PY_TOKEN_STRING)
    {
      gboolean all_strings = TRUE, fields = FALSE;

      for (guint i = range.a; i < range.b; i++)
        {
          if (tok (r, i)->type != SL_PY_TOKEN_STRING)
            all_strings = FALSE;
          else if (tok (r, i)->string_flags & SL_PY_STRING_FIELDS)
            fields = TRUE;
        }
      if (all_strings && !fields)
        return g_strdup ("shared");   /* a constant */
      if (all_strings)
        {
          *literal = FALSE;           /* an f-string: a new str, length unknown */
          note (r, t, "an f-string makes a new str whose length Slot Lab cannot know; "
                "counted as a small int (no memory of its own)");
          return NULL;
        }
    }
  if (n == 1 && is_op (r, range.a, "..."))
    return g_strdup ("shared");
  if (n == 2 && is_op (r, range.a, "(") && is_op (r, range.a + 1, ")"))
    return g_strdup ("shared");       /* the empty tuple is a singleton */
  if (is_op (r, range.a, "[") && matching (r, range.a, range.b) == range.b - 1)
    {
      Range inner = { range.a + 1, range.b - 1 };
      g_autoptr(GArray) items = split_top (r, inner, ",");
      guint count = items->len;

      if (count > 0 && g_array_index (items, Range, count - 1).a == g_array_index (items, Range, count - 1).b)
        count--;   /* trailing comma */
      if (!has_top_keyword (r, inner, "for"))
        return g_strdup_printf ("list:%u", count);
    }
  {
    /* a tuple display: constants only are folded into one shared constant */
    Range inner = range;
    g_autoptr(GArray) items = NULL;

    items = split_top (r, inner, ",");
    if (items->len > 1 && !has_top_keyword (r, inner, "for"))
      {
        guint count = items->len;
        gboolean constant = TRUE;

        if (g_array_index (items, Range, count - 1).a == g_array_index (items, Range, count - 1).b)
          count--;
        for (guint i = 0; i < count; i++)
          {
            Range item = g_array_index (items, Range, i);
            gboolean item_literal;
            g_autofree char *kind = value_kind (r, item, &item_literal);

            if (!item_literal || (kind && strcmp (kind, "shared") != 0 && strcmp (kind, "none") != 0 &&
                                  strcmp (kind, "bool") != 0))
              constant = FALSE;
          }
        return constant ? g_strdup ("shared") : g_strdup_printf ("tuple:%u", count);
      }
  }
  if (n >= 3 && (is_name (r, range.a, "str") || is_name (r, range.a, "repr") || is_name (r, range.a, "format")) &&
      is_op (r, range.a + 1, "(") && matching (r, range.a + 1, range.b) == range.b - 1)
    {
      *literal = FALSE;
      note (r, t, "%s(…) makes a str whose length Slot Lab cannot know; counted as a small int "
            "(no memory of its own)", t->text);
      return NULL;
    }
  if (n >= 3 && (is_name (r, range.a, "dict") || is_name (r, range.a, "set")) && is_op (r, range.a + 1, "("))
    {
      *literal = FALSE;
      note (r, t, "a %s has no value kind in a session; counted as a small int (no memory of its own)", t->text);
      return NULL;
    }
  if (is_op (r, range.a, "{") && matching (r, range.a, range.b) == range.b - 1)
    {
      *literal = FALSE;
      note (r, t, "a dict or set display has no value kind in a session; counted as a small int "
            "(no memory of its own)");
      return NULL;
    }
  if (n == 3 && is_name (r, range.a, "list") && is_op (r, range.a + 1, "(") && is_op (r, range.a + 2, ")"))
    return g_strdup ("list:0");
  if (n >= 3 && is_name (r, range.a, "float") && is_op (r, range.a + 1, "(") &&
      matching (r, range.a + 1, range.b) == range.b - 1)
    return g_strdup ("float");
  *literal = FALSE;
  return NULL;
}

/* ---- __init__: what runs, in order ------------------------------------- */

typedef struct {
  GPtrArray *stores;       /* Store, in the order they run */
  gboolean base_called;
  guint base_at;
  SlBaseInit base_how;
  GPtrArray *explicit_bases; /* char *, the bases whose __init__ is called explicitly */
  gboolean ended;          /* a return or raise ran (or a break: left_loop) */
  gboolean left_loop;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->stores, g_ptr_array_unref);
  g_clear_pointer (&run->explicit_bases, g_ptr_array_unref);
}

static gboolean read_block_run (Reader *r, GPtrArray *block, Run *run, const char *where);

static gboolean
has_store (GPtrArray  *stores,
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

  if (has_store (run->stores, name->text))
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
  if (!literal && r->init_not_literal && !contains (r->init_not_literal, name->text))
    g_ptr_array_add (r->init_not_literal, g_strdup (name->text));
}

/* Looks through an expression for what the reader must not guess at. */
static gboolean
check_dynamic (Reader     *r,
               Range       range,
               const char *self_name,
               gboolean    running)
{
  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = tok (r, i);

      if (t->type != SL_PY_TOKEN_NAME)
        continue;
      if ((strcmp (t->text, "exec") == 0 || strcmp (t->text, "eval") == 0) && is_op (r, i + 1, "(") &&
          !(i > range.a && is_op (r, i - 1, ".")))
        return refuse (r, t, UNSUPPORTED, "%s() runs code that Slot Lab cannot read without running it", t->text);
      if (!running)
        continue;
      if ((strcmp (t->text, "setattr") == 0 || strcmp (t->text, "delattr") == 0) && is_op (r, i + 1, "(") &&
          !(i > range.a && is_op (r, i - 1, ".")))
        return refuse (r, t, UNSUPPORTED,
                       "%s() in __init__ stores attributes by a name computed at run time; "
                       "write them as self.NAME = … for Slot Lab to read them", t->text);
      if (strcmp (t->text, "vars") == 0 && is_op (r, i + 1, "(") && is_name (r, i + 2, self_name))
        return refuse (r, t, UNSUPPORTED, "vars(%s) in __init__ reaches the instance's __dict__ directly; "
                       "Slot Lab cannot tell what it stores", self_name);
      if (strcmp (t->text, self_name) == 0 && is_op (r, i + 1, ".") && i + 2 < range.b &&
          (is_name (r, i + 2, "__dict__") || is_name (r, i + 2, "__class__")) &&
          !(i > range.a && is_op (r, i - 1, ".")))
        return refuse (r, t, UNSUPPORTED, "%s.%s in __init__: Slot Lab cannot tell what it does to the instance's storage",
                       self_name, tok (r, i + 2)->text);
      if ((strcmp (t->text, "object") == 0 || strcmp (t->text, "super") == 0) &&
          is_op (r, i + 1, ".") && is_name (r, i + 2, "__setattr__"))
        return refuse (r, t, UNSUPPORTED, "%s.__setattr__ in __init__ stores an attribute by a name Slot Lab "
                       "does not read; write self.NAME = …", t->text);
    }
  return TRUE;
}

/* check_dynamic over every statement of a block, branches and loops too */
static gboolean
check_dynamic_block (Reader     *r,
                     GPtrArray  *block,
                     const char *self_name)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);

      if (stmt_is (r, s, "def") || stmt_is (r, s, "class"))
        continue;
      if (!check_dynamic (r, (Range) { s->first, s->colon ? s->colon : s->last }, self_name, TRUE) ||
          !check_dynamic_block (r, s->body, self_name))
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
  if (is_name (r, i, "super") && is_op (r, i + 1, "("))
    {
      guint close = matching (r, i + 1, stmt->last);

      if (is_op (r, close + 1, ".") && is_name (r, close + 2, "__init__") && is_op (r, close + 3, "(") &&
          matching (r, close + 3, stmt->last) == stmt->last - 1)
        {
          *how = SL_BASE_INIT_SUPER;
          return TRUE;
        }
      return FALSE;
    }
  {
    int dot_init = -1;

    for (guint j = i; j + 1 < stmt->last; j++)
      if (is_op (r, j, ".") && is_name (r, j + 1, "__init__"))
        {
          dot_init = (int) j;
          break;
        }
    if (dot_init > (int) i && is_op (r, dot_init + 2, "(") &&
        matching (r, dot_init + 2, stmt->last) == stmt->last - 1)
      {
        char *name = dotted_name (r, (Range) { i, (guint) dot_init });

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
  SlPyToken *first = first_token (r, stmt);
  Range value;
  guint n_targets;
  SlBaseInit how;
  g_autofree char *base = NULL;

  if (!check_dynamic (r, (Range) { stmt->first, stmt->last }, r->self_name, TRUE))
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
          g_autofree char *q = qualify (r, base);

          if (strcmp (base, "object") == 0 || strcmp (q, "abc.ABC") == 0 || strcmp (q, "typing.Generic") == 0)
            return TRUE;   /* stores nothing */
          if (!contains (r->klass->bases, base))
            return refuse (r, first, UNSUPPORTED, "__init__ calls %s.__init__, and %s is not a base of %s",
                           base, base, r->klass->name);
          if (run->explicit_bases == NULL)
            run->explicit_bases = g_ptr_array_new_with_free_func (g_free);
          if (run->base_called && run->base_how == SL_BASE_INIT_SUPER)
            return refuse (r, first, UNSUPPORTED, "__init__ calls both super().__init__ and %s.__init__; "
                           "Slot Lab models one way of calling the bases", base);
          if (run->base_called && run->base_at != run->stores->len)
            return refuse (r, first, UNSUPPORTED, "__init__ calls the bases' __init__ at different points; "
                           "Slot Lab models one point, with no store between the calls");
          g_ptr_array_add (run->explicit_bases, g_steal_pointer (&base));
        }
      else if (run->base_called)
        return refuse (r, first, UNSUPPORTED, "__init__ calls the base's __init__ twice");
      run->base_called = TRUE;
      run->base_how = how;
      run->base_at = run->stores->len;
      return TRUE;
    }

  /* self.method(…): the stores of a method only this class defines run here */
  if (is_name (r, stmt->first, r->self_name) && is_op (r, stmt->first + 1, ".") &&
      tok (r, stmt->first + 2)->type == SL_PY_TOKEN_NAME && is_op (r, stmt->first + 3, "(") &&
      matching (r, stmt->first + 3, stmt->last) == stmt->last - 1)
    {
      const char *method = tok (r, stmt->first + 2)->text;
      SlPyStmt *def = g_hash_table_lookup (r->klass->methods, method);
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

      if (def)
        compiler_stores (r, def->body, seen);
      for (guint i = 0; i < r->classes->len && seen->len == 0; i++)
        {
          ClassInfo *c = g_ptr_array_index (r->classes, i);
          SlPyStmt *other = g_hash_table_lookup (c->methods, method);

          if (other)
            compiler_stores (r, other->body, seen);
        }
      if (seen->len > 0)
        {
          g_autofree char *param = NULL;

          def = own_method_only (r, method);
          if (def == NULL)
            return refuse (r, first, UNSUPPORTED,
                           "%s calls %s.%s(), which another class of the file defines too; Slot Lab cannot "
                           "tell which one runs for an instance", where, r->self_name, method);
          if (r->inline_depth >= MAX_INLINE_DEPTH)
            return refuse (r, first, SL_PYTHON_READER_ERROR_LIMIT,
                           "%s calls methods %u deep (or in a cycle); Slot Lab follows %u",
                           where, r->inline_depth, MAX_INLINE_DEPTH);
          def_name (r, def, &param);
          if (g_strcmp0 (param, r->self_name) != 0)
            return refuse (r, first, UNSUPPORTED, "%s.%s() stores attributes but its first parameter is not \"%s\"",
                           r->self_name, method, r->self_name);
          note (r, first, "%s calls %s.%s(): its stores (line %u) are counted at this point",
                where, r->self_name, method, first_token (r, def)->line);
          r->inline_depth++;
          if (!check_dynamic_block (r, def->body, r->self_name) || !read_block_run (r, def->body, run, method))
            return FALSE;
          r->inline_depth--;
          run->ended = FALSE;   /* its return ends the method, not __init__ */
        }
      return TRUE;
    }

  simple_stores (r, stmt, r->self_name, names, &value, &n_targets);
  if (names->len == 0)
    {
      /* self passed to a function: what it stores is not seen */
      for (guint i = stmt->first; i < stmt->last; i++)
        if (is_name (r, i, r->self_name) && i > stmt->first &&
            (is_op (r, i - 1, "(") || is_op (r, i - 1, ",")) &&
            (is_op (r, i + 1, ")") || is_op (r, i + 1, ",")))
          {
            note (r, tok (r, i), "%s passes %s to a call; attributes stored there are not counted",
                  where, r->self_name);
            break;
          }
      return TRUE;
    }
  for (guint n = 0; n < names->len; n++)
    {
      SlPyToken *name = tok (r, g_array_index (names, guint, n));
      gboolean literal = FALSE;
      char *kind = NULL;

      if (g_hash_table_contains (r->klass->properties, name->text))
        return refuse (r, name, UNSUPPORTED, "%s.%s goes through the property or descriptor %s of %s; "
                       "Slot Lab cannot follow it", r->self_name, name->text, name->text, r->klass->name);
      if (n_targets == 1 && names->len == 1)
        kind = value_kind (r, value, &literal);
      else if (n_targets == 1)
        {
          /* self.a, self.b = x, y */
          g_autoptr(GArray) items = split_top (r, strip_parens (r, value), ",");

          if (items->len == names->len)
            kind = value_kind (r, g_array_index (items, Range, n), &literal);
        }
      else
        kind = value_kind (r, value, &literal);
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

  range = strip_parens (r, range);
  if (range.b <= range.a)
    return -1;
  t = tok (r, range.a);
  if (is_name (r, range.a, "not") && range.b > range.a + 1)
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
  guint a = stmt->first + (is_name (r, stmt->first, "async") ? 1 : 0);
  Range iter = { 0, stmt->colon };
  int depth = 0;

  for (guint i = a + 1; i < stmt->colon; i++)
    {
      if (is_open (tok (r, i)))
        depth++;
      else if (is_close (tok (r, i)))
        depth--;
      else if (depth == 0 && is_name (r, i, "in"))
        {
          iter.a = i + 1;
          break;
        }
    }
  if (iter.a == 0)
    return -1;
  iter = strip_parens (r, iter);
  if (iter.b - iter.a == 4 && is_name (r, iter.a, "range") && is_op (r, iter.a + 1, "(") &&
      tok (r, iter.a + 2)->type == SL_PY_TOKEN_NUMBER && is_op (r, iter.a + 3, ")"))
    return constant_truth (r, (Range) { iter.a + 2, iter.a + 3 }) > 0;
  if ((is_op (r, iter.a, "[") || is_op (r, iter.a, "(")) && matching (r, iter.a, iter.b) == iter.b - 1 &&
      !has_top_keyword (r, (Range) { iter.a + 1, iter.b - 1 }, "for"))
    return iter.b - iter.a > 2;
  if (iter.b - iter.a == 1 && tok (r, iter.a)->type == SL_PY_TOKEN_STRING)
    return constant_truth (r, iter);
  return -1;
}

/* Reads a block of __init__ as it runs: stores in order, the base call. */
static gboolean
read_block_run (Reader     *r,
                GPtrArray  *block,
                Run        *run,
                const char *where)
{
  for (guint i = 0; block && i < block->len && !run->ended; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);
      SlPyToken *first = first_token (r, s);
      const char *keyword = stmt_keyword (r, s);

      if (keyword == NULL)
        {
          if (!read_simple_run (r, s, run, where))
            return FALSE;
          continue;
        }
      if (!check_dynamic (r, (Range) { s->first, s->colon }, r->self_name, TRUE))
        return FALSE;

      if (strcmp (keyword, "with") == 0)
        {
          g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));

          header_stores (r, s, r->self_name, names);
          for (guint n = 0; n < names->len; n++)
            run_add_store (r, run, tok (r, g_array_index (names, guint, n)), NULL, FALSE);
          if (!read_block_run (r, s->body, run, where))
            return FALSE;
        }
      else if (strcmp (keyword, "try") == 0 || strcmp (keyword, "finally") == 0)
        {
          if (!read_block_run (r, s->body, run, where))
            return FALSE;
        }
      else if (strcmp (keyword, "except") == 0)
        {
          note (r, first, "%s: what the except clause stores is counted as not run", where);
          /* a following else of the try runs */
          while (i + 1 < block->len && stmt_is (r, g_ptr_array_index (block, i + 1), "except"))
            i++;
          if (i + 1 < block->len && stmt_is (r, g_ptr_array_index (block, i + 1), "else"))
            {
              i++;
              if (!read_block_run (r, ((SlPyStmt *) g_ptr_array_index (block, i))->body, run, where))
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

              if (stmt_is (r, next, "elif"))
                g_ptr_array_add (branches, next);
              else if (stmt_is (r, next, "else"))
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
                int truth = stmt_is (r, branch, "else") ? 1
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
              if (!read_block_run (r, ((SlPyStmt *) g_ptr_array_index (branches, 0))->body, run, where))
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
                ok = read_block_run (r, branch->body, &branch_runs[b], where);
                if (ok && branch_runs[b].base_called)
                  ok = refuse (r, first_token (r, branch), UNSUPPORTED,
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
                      if (!branch_runs[b].ended && !has_store (branch_runs[b].stores, st->name))
                        everywhere = FALSE;
                    if (everywhere)
                      {
                        Store *copy = g_new0 (Store, 1);

                        copy->name = g_strdup (st->name);
                        copy->line = st->line;
                        copy->column = st->column;
                        /* the value differs between branches: not a literal */
                        g_ptr_array_add (run->stores, copy);
                        if (r->init_not_literal && !contains (r->init_not_literal, st->name))
                          g_ptr_array_add (r->init_not_literal, g_strdup (st->name));
                      }
                    else
                      add_unique (partial, st->name);
                  }
                for (guint b = 1; b < branches->len; b++)
                  for (guint k = run->stores->len; k < branch_runs[b].stores->len; k++)
                    {
                      Store *st = g_ptr_array_index (branch_runs[b].stores, k);

                      if (!has_store (run->stores, st->name))
                        add_unique (partial, st->name);
                    }
                if (partial->len > 0)
                  {
                    g_ptr_array_add (partial, NULL);
                    {
                      g_autofree char *list = g_strjoinv (", ", (char **) partial->pdata);

                      note (r, first, "%s: %s stored in only some branches of this if; counted as not stored "
                            "(the compiler still sees them)", where, list);
                    }
                  }
              }
            for (guint b = 0; b < branches->len; b++)
              run_clear (&branch_runs[b]);
            g_free (branch_runs);
            run_clear (&first_run);
            if (!ok)
              return FALSE;
          }
        }
      else if (strcmp (keyword, "def") == 0 || strcmp (keyword, "class") == 0)
        {
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

          compiler_stores (r, s->body, seen);
          if (seen->len > 0)
            note (r, first, "%s defines a nested %s; what it stores is counted as not run",
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

              header_stores (r, s, r->self_name, names);
              for (guint n = 0; n < names->len; n++)
                run_add_store (r, run, tok (r, g_array_index (names, guint, n)), NULL, FALSE);
              if (!read_block_run (r, s->body, run, where))
                return FALSE;
              if (run->left_loop)
                run->ended = ended_before, run->left_loop = FALSE;
            }
          /* a for's else runs after the loop unless it breaks: not read */
          if (i + 1 < block->len && stmt_is (r, g_ptr_array_index (block, i + 1), "else"))
            {
              i++;
              note (r, first_token (r, g_ptr_array_index (block, i)), "%s: what the else of this for "
                    "stores is counted as not run", where);
            }
        }
      else
        {
          /* for, while, match, else of a loop: may run any number of times */
          g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));

          header_stores (r, s, r->self_name, names);
          compiler_stores (r, s->body, seen);
          if (seen->len > 0 || names->len > 0)
            note (r, first, "%s: what this %s stores is counted as not run", where, keyword);
          /* a base call in a loop cannot be placed */
          for (guint k = 0; s->body && k < s->body->len; k++)
            {
              SlBaseInit how;
              g_autofree char *base = NULL;
              SlPyStmt *inner = g_ptr_array_index (s->body, k);

              if (inner->colon == 0 && base_init_call (r, inner, &how, &base))
                return refuse (r, first_token (r, inner), UNSUPPORTED,
                               "%s calls the base's __init__ inside a %s; Slot Lab cannot tell whether it runs",
                               where, keyword);
            }
        }
    }
  return TRUE;
}

/* ---- the class statement ----------------------------------------------- */

static ClassInfo *
lookup_class (Reader     *r,
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

static gboolean
literal_bool (Reader   *r,
              Range     range,
              gboolean *value)
{
  range = strip_parens (r, range);
  if (range.b - range.a != 1)
    return FALSE;
  if (is_name (r, range.a, "True"))
    return *value = TRUE, TRUE;
  if (is_name (r, range.a, "False"))
    return *value = FALSE, TRUE;
  return FALSE;
}

/* `class NAME[T](bases, kw=…):` */
static gboolean
read_header (Reader    *r,
             ClassInfo *c,
             SlPyStmt  *stmt)
{
  guint i = stmt->first + 2;

  if (is_op (r, i, "["))
    {
      /* PEP 695: class C[T] is class C(Generic[T]) */
      i = matching (r, i, stmt->colon) + 1;
      note (r, tok (r, i - 1), "%s's type parameters make typing.Generic a base (__slots__ = ())", c->name);
    }
  if (is_op (r, i, "("))
    {
      guint close = matching (r, i, stmt->colon);
      g_autoptr(GArray) args = split_top (r, (Range) { i + 1, close }, ",");

      for (guint a = 0; a < args->len; a++)
        {
          Range arg = g_array_index (args, Range, a);
          SlPyToken *at;
          g_autofree char *dotted = NULL;
          g_autofree char *q = NULL;
          ClassInfo *base;

          if (arg.a == arg.b)
            continue;   /* trailing comma */
          at = tok (r, arg.a);
          if (is_op (r, arg.a, "*") || is_op (r, arg.a, "**"))
            return refuse (r, at, UNSUPPORTED, "%s's bases are unpacked from an expression; Slot Lab reads bases written out",
                           c->name);
          if (arg.b - arg.a >= 2 && at->type == SL_PY_TOKEN_NAME && is_op (r, arg.a + 1, "="))
            {
              Range value = { arg.a + 2, arg.b };

              if (strcmp (at->text, "metaclass") == 0)
                {
                  if (means (r, value, "abc.ABCMeta"))
                    {
                      note (r, at, "metaclass=ABCMeta does not change an instance's layout");
                      continue;
                    }
                  return refuse (r, at, UNSUPPORTED, "%s has a metaclass; a metaclass can build the class in any way, "
                                 "and Slot Lab cannot read one", c->name);
                }
              return refuse (r, at, UNSUPPORTED, "the class keyword %s= goes to __init_subclass__ or a metaclass, "
                             "which Slot Lab cannot read", at->text);
            }

          /* Generic[T] and Base[int] */
          if (is_op (r, arg.b - 1, "]"))
            {
              guint open = arg.a;

              while (open < arg.b && !is_op (r, open, "["))
                open++;
              if (matching (r, open, arg.b) == arg.b - 1)
                {
                  dotted = dotted_name (r, (Range) { arg.a, open });
                  q = dotted ? qualify (r, dotted) : NULL;
                  if (q && (strcmp (q, "typing.Generic") == 0 || strcmp (q, "Generic") == 0) &&
                      !lookup_class (r, dotted))
                    {
                      g_ptr_array_add (c->bases, g_strdup ("Generic"));
                      continue;
                    }
                  if (dotted && (base = lookup_class (r, dotted)))
                    {
                      note (r, at, "%s[…] is %s as a base", dotted, dotted);
                      g_ptr_array_add (c->bases, g_strdup (base->name));
                      continue;
                    }
                  g_clear_pointer (&dotted, g_free);
                  g_clear_pointer (&q, g_free);
                }
            }

          dotted = dotted_name (r, arg);
          if (dotted == NULL)
            return refuse (r, at, UNSUPPORTED, "a base of %s is an expression; Slot Lab reads bases that are names",
                           c->name);
          if ((base = lookup_class (r, dotted)))
            {
              g_ptr_array_add (c->bases, g_strdup (base->name));
              continue;
            }
          q = qualify (r, dotted);
          if (strcmp (q, "object") == 0 || strcmp (q, "builtins.object") == 0)
            continue;
          if (strcmp (q, "abc.ABC") == 0 || strcmp (dotted, "ABC") == 0)
            {
              g_ptr_array_add (c->bases, g_strdup ("ABC"));
              continue;
            }
          if (strcmp (q, "typing.Generic") == 0 || strcmp (dotted, "Generic") == 0)
            return refuse (r, at, UNSUPPORTED, "TypeError: Cannot inherit from plain Generic");
          return refuse (r, at, UNSUPPORTED,
                         "the base %s of %s is neither a class defined earlier in the file nor object, "
                         "abc.ABC or typing.Generic[…]; Slot Lab cannot know its layout", dotted, c->name);
        }
    }
  if (is_op (r, stmt->first + 2, "[") && !contains (c->bases, "Generic"))
    g_ptr_array_add (c->bases, g_strdup ("Generic"));
  return TRUE;
}

static gboolean
read_decorators (Reader    *r,
                 ClassInfo *c,
                 GPtrArray *decorators)
{
  for (guint d = 0; d < decorators->len; d++)
    {
      SlPyStmt *dec = g_ptr_array_index (decorators, d);
      Range expr = { dec->first + 1, dec->last };
      guint open = expr.a;
      Range callee;
      g_autofree char *dotted = NULL;
      g_autofree char *q = NULL;

      while (open < expr.b && !is_op (r, open, "("))
        open++;
      callee = (Range) { expr.a, open };
      dotted = dotted_name (r, callee);
      q = dotted ? qualify (r, dotted) : NULL;
      if (q && strcmp (q, "dataclasses.dataclass") == 0)
        {
          c->dataclass = SL_DATACLASS;
          if (open < expr.b)
            {
              guint close = matching (r, open, expr.b);
              g_autoptr(GArray) args = split_top (r, (Range) { open + 1, close }, ",");

              for (guint a = 0; a < args->len; a++)
                {
                  Range arg = g_array_index (args, Range, a);
                  SlPyToken *key = tok (r, arg.a);
                  gboolean value;

                  if (arg.a == arg.b)
                    continue;
                  if (!(key->type == SL_PY_TOKEN_NAME && is_op (r, arg.a + 1, "=")))
                    return refuse (r, key, UNSUPPORTED, "dataclass() takes keyword arguments only");
                  if (!literal_bool (r, (Range) { arg.a + 2, arg.b }, &value))
                    return refuse (r, key, UNSUPPORTED, "dataclass(%s=…) is not True or False", key->text);
                  if (strcmp (key->text, "slots") == 0)
                    c->dataclass = value ? c->dataclass | SL_DATACLASS_SLOTS : c->dataclass & ~SL_DATACLASS_SLOTS;
                  else if (strcmp (key->text, "frozen") == 0)
                    c->dataclass = value ? c->dataclass | SL_DATACLASS_FROZEN : c->dataclass & ~SL_DATACLASS_FROZEN;
                  else if (strcmp (key->text, "weakref_slot") == 0)
                    c->dataclass = value ? c->dataclass | SL_DATACLASS_WEAKREF_SLOT
                                         : c->dataclass & ~SL_DATACLASS_WEAKREF_SLOT;
                  else if (strcmp (key->text, "init") == 0 && !value)
                    return refuse (r, key, UNSUPPORTED, "dataclass(init=False): Slot Lab reads dataclasses "
                                   "whose __init__ dataclasses writes");
                  else if (!(strcmp (key->text, "repr") == 0 || strcmp (key->text, "eq") == 0 ||
                             strcmp (key->text, "order") == 0 || strcmp (key->text, "unsafe_hash") == 0 ||
                             strcmp (key->text, "match_args") == 0 || strcmp (key->text, "kw_only") == 0 ||
                             strcmp (key->text, "init") == 0))
                    return refuse (r, key, UNSUPPORTED, "dataclass(%s=…) is not an argument Slot Lab knows",
                                   key->text);
                }
            }
          continue;
        }
      if (q && open == expr.b &&
          (strcmp (q, "functools.total_ordering") == 0 || strcmp (q, "typing.final") == 0 ||
           strcmp (q, "final") == 0 || strcmp (q, "total_ordering") == 0 ||
           strcmp (q, "typing_extensions.final") == 0))
        {
          note (r, tok (r, dec->first), "@%s does not change an instance's layout", dotted);
          continue;
        }
      return refuse (r, tok (r, dec->first + 1), UNSUPPORTED,
                     "%s has a decorator Slot Lab does not know (@%s); it may replace or change the class",
                     c->name, dotted ? dotted : "…");
    }
  return TRUE;
}

/* `__slots__ = …`: a tuple, a list, one string, a dict of docstrings. */
static gboolean
read_slots (Reader    *r,
            ClassInfo *c,
            Range      value)
{
  SlPyToken *at = tok (r, value.a);
  Range inner = value;
  g_autoptr(GArray) items = NULL;
  gboolean is_dict = FALSE;

  if (value.a >= value.b)
    return refuse (r, at, UNSUPPORTED, "__slots__ has no value");
  g_clear_pointer (&c->slots, g_ptr_array_unref);
  g_clear_pointer (&c->slot_types, g_ptr_array_unref);
  c->slots = g_ptr_array_new_with_free_func (g_free);
  c->slot_types = g_ptr_array_new_with_free_func (g_free);
  c->has_slots = TRUE;

  /* one string: __slots__ = 'x' (adjacent literals concatenate) */
  {
    gboolean strings = TRUE;

    for (guint i = value.a; i < value.b; i++)
      if (tok (r, i)->type != SL_PY_TOKEN_STRING)
        strings = FALSE;
    if (strings)
      c->spelling = SL_SLOTS_STR;
  }
  if (c->spelling != SL_SLOTS_STR)
    {
      if (is_op (r, value.a, "[") && matching (r, value.a, value.b) == value.b - 1)
        c->spelling = SL_SLOTS_LIST, inner = (Range) { value.a + 1, value.b - 1 };
      else if (is_op (r, value.a, "{") && matching (r, value.a, value.b) == value.b - 1)
        {
          inner = (Range) { value.a + 1, value.b - 1 };
          if (find_top (r, inner, ":") < 0 && inner.b > inner.a)
            return refuse (r, at, UNSUPPORTED, "__slots__ is a set, whose order changes from run to run "
                           "(str hashes are randomised); write a tuple");
          c->spelling = SL_SLOTS_DICT;
          is_dict = TRUE;
        }
      else
        {
          c->spelling = SL_SLOTS_TUPLE;
          inner = strip_parens (r, value);
        }
    }

  items = c->spelling == SL_SLOTS_STR ? NULL : split_top (r, inner, ",");
  if (c->spelling == SL_SLOTS_TUPLE && items->len == 1 && strip_parens (r, value).a == value.a &&
      inner.b > inner.a && tok (r, inner.a)->type == SL_PY_TOKEN_STRING)
    {
      /* `__slots__ = 'x'` was caught above; `('x')` is a string too */
    }
  if (c->spelling == SL_SLOTS_TUPLE && items->len == 1 && value.b - value.a >= 2 &&
      is_op (r, value.a, "(") && !is_op (r, value.b - 2, ","))
    {
      Range only = g_array_index (items, Range, 0);
      gboolean strings = only.b > only.a;

      for (guint i = only.a; i < only.b; i++)
        if (tok (r, i)->type != SL_PY_TOKEN_STRING)
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
          SlPyToken *t = tok (r, i);

          if (t->text == NULL || (t->string_flags & SL_PY_STRING_BYTES))
            {
              g_string_free (text, TRUE);
              return refuse (r, t, UNSUPPORTED, "__slots__ is a string Slot Lab cannot read as written");
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
          return refuse (r, at, SL_PYTHON_READER_ERROR_SYNTAX, "SyntaxError: invalid syntax in __slots__");
        }
      if (is_dict)
        {
          int colon = find_top (r, item, ":");

          if (colon < 0)
            return refuse (r, tok (r, item.a), UNSUPPORTED, "__slots__ mixes a dict and other items");
          item.b = (guint) colon;   /* the docstring does not matter */
        }
      item = strip_parens (r, item);
      if (tok (r, item.a)->type == SL_PY_TOKEN_NUMBER && item.b == item.a + 1)
        return refuse (r, tok (r, item.a), UNSUPPORTED, "TypeError: __slots__ items must be strings, not '%s'",
                       strpbrk (tok (r, item.a)->text, "jJ") ? "complex"
                       : strpbrk (tok (r, item.a)->text, ".eE") && !strpbrk (tok (r, item.a)->text, "xX") ? "float" : "int");
      text = g_string_new (NULL);
      for (guint i = item.a; i < item.b; i++)
        {
          SlPyToken *t = tok (r, i);

          if (t->type != SL_PY_TOKEN_STRING || t->text == NULL)
            {
              g_string_free (text, TRUE);
              return refuse (r, t, UNSUPPORTED, "a __slots__ item of %s is not a string literal; "
                             "Slot Lab reads the names written out", c->name);
            }
          if (t->string_flags & SL_PY_STRING_BYTES)
            {
              g_string_free (text, TRUE);
              return refuse (r, t, UNSUPPORTED, "TypeError: __slots__ items must be strings, not 'bytes'");
            }
          g_string_append_len (text, t->text, t->length);
        }
      if (memchr (text->str, '\0', text->len))
        {
          g_string_free (text, TRUE);
          return refuse (r, tok (r, item.a), UNSUPPORTED, "a __slots__ name of %s holds a NUL character", c->name);
        }
      g_ptr_array_add (c->slots, g_string_free (text, FALSE));
      g_ptr_array_add (c->slot_types, g_strdup (py_type));
    }
  if (c->slots->len > SL_CHAIN_MAX_SLOTS)
    return refuse (r, at, SL_PYTHON_READER_ERROR_LIMIT, "%s has %u __slots__; Slot Lab reads at most %d",
                   c->name, c->slots->len, SL_CHAIN_MAX_SLOTS);
  return TRUE;
}

/* A dataclass field's annotation says it is not a field. */
static gboolean
pseudo_field (Reader *r,
              Range   annotation)
{
  guint open = annotation.a;
  g_autofree char *dotted = NULL;
  g_autofree char *q = NULL;

  if (annotation.b > annotation.a && tok (r, annotation.a)->type == SL_PY_TOKEN_STRING)
    {
      const char *text = tok (r, annotation.a)->text;

      return text && (g_str_has_prefix (text, "ClassVar") || g_str_has_prefix (text, "typing.ClassVar") ||
                      g_str_has_prefix (text, "InitVar") || g_str_has_prefix (text, "dataclasses.InitVar"));
    }
  while (open < annotation.b && !is_op (r, open, "["))
    open++;
  dotted = dotted_name (r, (Range) { annotation.a, open });
  q = dotted ? qualify (r, dotted) : NULL;
  return q && (strcmp (q, "typing.ClassVar") == 0 || strcmp (q, "ClassVar") == 0 ||
               strcmp (q, "dataclasses.InitVar") == 0 || strcmp (q, "InitVar") == 0 ||
               strcmp (q, "dataclasses.KW_ONLY") == 0 || strcmp (q, "KW_ONLY") == 0);
}

/* A dataclass field `name: T = default`: the value kind its __init__ stores. */
static gboolean
read_field (Reader    *r,
            ClassInfo *c,
            SlPyStmt  *stmt,
            guint      colon,
            int        eq)
{
  SlPyToken *name = tok (r, stmt->first);
  Store *field;
  gboolean literal = FALSE;
  char *kind = NULL;

  if (eq >= 0)
    {
      Range value = { (guint) eq + 1, stmt->last };
      guint open = value.a;

      while (open < value.b && !is_op (r, open, "("))
        open++;
      if (open < value.b && means (r, (Range) { value.a, open }, "dataclasses.field"))
        {
          guint close = matching (r, open, value.b);
          g_autoptr(GArray) args = split_top (r, (Range) { open + 1, close }, ",");

          literal = TRUE;
          for (guint a = 0; a < args->len; a++)
            {
              Range arg = g_array_index (args, Range, a);
              SlPyToken *key = tok (r, arg.a);
              Range v = { arg.a + 2, arg.b };
              gboolean b;

              if (arg.a == arg.b || !(key->type == SL_PY_TOKEN_NAME && is_op (r, arg.a + 1, "=")))
                continue;
              if (strcmp (key->text, "init") == 0 && !(literal_bool (r, v, &b) && b))
                return refuse (r, key, UNSUPPORTED, "field(init=…) other than True: Slot Lab reads fields "
                               "that __init__ stores");
              if (strcmp (key->text, "default") == 0)
                kind = value_kind (r, v, &literal);
              else if (strcmp (key->text, "default_factory") == 0)
                {
                  g_autofree char *factory = dotted_name (r, v);

                  g_free (kind);
                  kind = NULL;
                  literal = FALSE;
                  if (factory && strcmp (factory, "list") == 0)
                    kind = g_strdup ("list:0"), literal = TRUE;
                  else if (factory && (strcmp (factory, "int") == 0 || strcmp (factory, "bool") == 0))
                    literal = TRUE;
                  else if (factory && strcmp (factory, "float") == 0)
                    kind = g_strdup ("float"), literal = TRUE;
                }
            }
        }
      else
        kind = value_kind (r, value, &literal);
    }
  (void) colon;

  /* a redefined field keeps its place (dataclasses' fields are a dict) */
  for (guint i = 0; i < c->fields->len; i++)
    {
      Store *old = g_ptr_array_index (c->fields, i);

      if (strcmp (old->name, name->text) == 0)
        {
          g_free (old->kind);
          old->kind = kind;
          return TRUE;
        }
    }
  field = g_new0 (Store, 1);
  field->name = g_strdup (name->text);
  field->kind = kind;
  field->line = name->line;
  field->column = name->column;
  g_ptr_array_add (c->fields, field);
  if (!literal && r->init_not_literal)
    add_unique (r->init_not_literal, name->text);
  return TRUE;
}

static gboolean
read_body (Reader    *r,
           ClassInfo *c,
           SlPyStmt  *stmt)
{
  g_autoptr(GPtrArray) decorators = g_ptr_array_new ();

  for (guint i = 0; i < stmt->body->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (stmt->body, i);
      SlPyToken *first = first_token (r, s);
      const char *keyword = stmt_keyword (r, s);

      if (is_decorator (r, s))
        {
          g_ptr_array_add (decorators, s);
          continue;
        }
      if (keyword && strcmp (keyword, "def") == 0)
        {
          const char *name = def_name (r, s, NULL);

          if (strcmp (name, "__setattr__") == 0)
            return refuse (r, first, UNSUPPORTED, "%s defines __setattr__, which decides where every attribute "
                           "goes; Slot Lab cannot read it", c->name);
          if (strcmp (name, "__new__") == 0)
            note (r, first, "%s defines __new__; read as if it returns an instance of the class made as usual",
                  c->name);
          if (strcmp (name, "__init_subclass__") == 0)
            note (r, first, "%s defines __init_subclass__; what it does to subclasses is not read", c->name);
          for (guint d = 0; d < decorators->len; d++)
            {
              SlPyStmt *dec = g_ptr_array_index (decorators, d);
              g_autofree char *dotted = dotted_name (r, (Range) { dec->first + 1, dec->last });

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
          note (r, first, "the class %s nested in %s is not read", tok (r, s->first + 1)->text, c->name);
          continue;
        }
      if (keyword)
        {
          if (find_nested (r, s->body, "def") || find_nested (r, s->body, "class"))
            return refuse (r, first, UNSUPPORTED, "%s defines methods under '%s'; Slot Lab reads a class body "
                           "that does not depend on run time", c->name, keyword);
          for (guint t = s->first; t < s->last; t++)
            if (is_name (r, t, "__slots__"))
              return refuse (r, first, UNSUPPORTED, "__slots__ under '%s'", keyword);
          note (r, first, "the '%s' statement in the body of %s is not read", keyword, c->name);
          continue;
        }

      /* simple statements of the class body */
      if (!check_dynamic (r, (Range) { s->first, s->last }, "self", FALSE))
        return FALSE;
      {
        Range all = { s->first, s->last };
        int eq = find_top (r, all, "=");
        int colon = find_top (r, all, ":");
        g_autoptr(GArray) parts = NULL;

        if (first->type == SL_PY_TOKEN_NAME && strcmp (first->text, "__slots__") == 0 &&
            s->last > s->first + 1 && tok (r, s->first + 1)->type == SL_PY_TOKEN_OP &&
            !is_op (r, s->first + 1, "=") && !is_op (r, s->first + 1, ":"))
          return refuse (r, first, UNSUPPORTED, "__slots__ is changed after it is assigned");

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
                if (c->dataclass && !pseudo_field (r, (Range) { (guint) colon + 1, eq >= 0 ? (guint) eq : s->last }))
                  if (!read_field (r, c, s, (guint) colon, eq))
                    return FALSE;
              }
            continue;
          }
        if (eq < 0)
          continue;   /* an expression: a docstring, pass, a call */
        parts = split_top (r, all, "=");
        for (guint p = 0; p + 1 < parts->len; p++)
          {
            Range target = strip_parens (r, g_array_index (parts, Range, p));
            SlPyToken *t = tok (r, target.a);

            if (target.b - target.a == 1 && t->type == SL_PY_TOKEN_NAME)
              {
                Range value = g_array_index (parts, Range, parts->len - 1);

                if (strcmp (t->text, "__slots__") == 0)
                  {
                    if (c->has_slots)
                      note (r, t, "__slots__ of %s is assigned again; the last assignment counts", c->name);
                    if (!read_slots (r, c, value))
                      return FALSE;
                    continue;
                  }
                if (strcmp (t->text, "__setattr__") == 0 || strcmp (t->text, "__init__") == 0 ||
                    strcmp (t->text, "__dict__") == 0 || strcmp (t->text, "__weakref__") == 0)
                  return refuse (r, t, UNSUPPORTED, "%s is assigned in the body of %s; Slot Lab reads %s "
                                 "only as a def", t->text, c->name, t->text);
                g_hash_table_add (c->class_vars, g_strdup (t->text));
                if (tok (r, value.a)->type == SL_PY_TOKEN_NAME && is_op (r, value.a + 1, "(") &&
                    !tok (r, value.a)->keyword)
                  {
                    g_autofree char *callee = dotted_name (r, (Range) { value.a, value.a + 1 });

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
    if (lookup_class (r, g_ptr_array_index (c->bases, b)))
      return TRUE;
  return FALSE;
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
    ok = refuse (r, first_token (r, init), UNSUPPORTED, "the dataclass %s defines its own __init__; Slot Lab "
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

          compiler_stores (r, post_init->body, seen);
          if (seen->len > 0)
            ok = refuse (r, first_token (r, post_init), UNSUPPORTED,
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
      SlPyToken *at = first_token (r, init);

      def_name (r, init, &param);
      if (param == NULL)
        ok = refuse (r, at, UNSUPPORTED, "%s.__init__ has no parameter for the instance", c->name);
      else if (strcmp (param, "self") != 0)
        ok = refuse (r, at, UNSUPPORTED, "%s.__init__ calls the instance \"%s\"; the compiler only sees "
                     "stores to a name \"self\" (__static_attributes__), so Slot Lab reads __init__(self, …)",
                     c->name, param);
      if (ok)
        {
          g_free (r->self_name);
          r->self_name = g_strdup ("self");
          ok = check_dynamic_block (r, init->body, "self") && read_block_run (r, init->body, &run, "__init__");
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
                      ok = refuse (r, at, UNSUPPORTED, "%s.__init__ calls %s; Slot Lab models calling each base's "
                                   "__init__ once, in the order of the bases, or super().__init__()", c->name,
                                   k < run.explicit_bases->len ? "its bases' __init__ in another order or not all of them"
                                                               : "the __init__ of only some of its bases");
                      break;
                    }
                  k++;
                }
              if (ok && k != run.explicit_bases->len)
                ok = refuse (r, at, UNSUPPORTED, "%s.__init__ calls a base's __init__ twice", c->name);
              c->base_init = SL_BASE_INIT_EXPLICIT;
              c->base_init_at = run.base_at;
            }
        }
    }
  if (ok)
    {
      if (run.stores->len > SL_CHAIN_MAX_INIT)
        ok = refuse (r, tok (r, c->stmt->first), SL_PYTHON_READER_ERROR_LIMIT,
                     "%s's __init__ stores %u attributes; Slot Lab reads at most %d",
                     c->name, run.stores->len, SL_CHAIN_MAX_INIT);
      g_ptr_array_extend_and_steal (c->init, g_steal_pointer (&run.stores));
    }
  run_clear (&run);
  return ok;
}

static gboolean
read_class (Reader    *r,
            SlPyStmt  *stmt,
            GPtrArray *decorators)
{
  SlPyToken *name = tok (r, stmt->first + 1);
  ClassInfo *c;

  if (name->type != SL_PY_TOKEN_NAME || name->keyword)
    return refuse (r, name, SL_PYTHON_READER_ERROR_SYNTAX, "SyntaxError: invalid syntax");
  if (lookup_class (r, name->text))
    return refuse (r, name, UNSUPPORTED, "the class %s is defined a second time (first on line %u); "
                   "Slot Lab reads each class once", name->text, lookup_class (r, name->text)->line);
  if (r->classes->len >= SL_CHAIN_MAX_CLASSES)
    return refuse (r, name, SL_PYTHON_READER_ERROR_LIMIT, "more than %d classes; Slot Lab reads at most %d",
                   SL_CHAIN_MAX_CLASSES, SL_CHAIN_MAX_CLASSES);
  if (strlen (name->text) > SL_CHAIN_MAX_NAME_LEN)
    return refuse (r, name, SL_PYTHON_READER_ERROR_LIMIT, "the class name is longer than %d bytes",
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

  if (!read_header (r, c, stmt) || !read_decorators (r, c, decorators))
    return FALSE;

  if ((c->dataclass & SL_DATACLASS_WEAKREF_SLOT) && !(c->dataclass & SL_DATACLASS_SLOTS))
    return refuse (r, name, UNSUPPORTED, "TypeError: weakref_slot is True but slots is False");

  if (!read_body (r, c, stmt))
    return FALSE;
  if (c->dataclass & SL_DATACLASS_SLOTS && c->has_slots)
    return refuse (r, name, UNSUPPORTED, "TypeError: %s already specifies __slots__", c->name);

  compiler_stores (r, stmt->body, c->seen);
  for (guint i = 0; i < stmt->body->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (stmt->body, i);

      /* exec and eval anywhere in a method */
      if (stmt_is (r, s, "def"))
        {
          g_autoptr(GPtrArray) stack = g_ptr_array_new ();

          g_ptr_array_add (stack, s);
          while (stack->len > 0)
            {
              SlPyStmt *x = g_ptr_array_steal_index (stack, stack->len - 1);

              if (!check_dynamic (r, (Range) { x->first, x->colon ? x->colon : x->last }, "self", FALSE))
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
      note (r, name, "values that are not literals (parameters, expressions: %s%s) are counted as small "
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

/* ---- the module -------------------------------------------------------- */

static void
read_import (Reader   *r,
             SlPyStmt *stmt)
{
  Range all = { stmt->first + 1, stmt->last };

  if (is_name (r, stmt->first, "import"))
    {
      g_autoptr(GArray) parts = split_top (r, all, ",");

      for (guint i = 0; i < parts->len; i++)
        {
          Range part = g_array_index (parts, Range, i);
          g_autoptr(GArray) as = split_top (r, part, "as");
          g_autofree char *module = NULL;

          /* `import a,` (a SyntaxError, not ours to report) splits into nothing */
          if (as->len == 0 || !(module = dotted_name (r, g_array_index (as, Range, 0))))
            continue;
          if (as->len == 2)
            {
              g_autofree char *alias = dotted_name (r, g_array_index (as, Range, 1));

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
  else if (is_name (r, stmt->first, "from"))
    {
      int import_at = -1;
      g_autofree char *module = NULL;

      for (guint i = stmt->first + 1; i < stmt->last; i++)
        if (is_name (r, i, "import"))
          {
            import_at = (int) i;
            break;
          }
      if (import_at < 0)
        return;
      module = dotted_name (r, (Range) { stmt->first + 1, (guint) import_at });
      if (module == NULL)
        return;
      {
        Range names = strip_parens (r, (Range) { (guint) import_at + 1, stmt->last });
        g_autoptr(GArray) parts = split_top (r, names, ",");

        for (guint i = 0; i < parts->len; i++)
          {
            g_autoptr(GArray) as = split_top (r, g_array_index (parts, Range, i), "as");
            g_autofree char *name = as->len > 0 ? dotted_name (r, g_array_index (as, Range, 0)) : NULL;
            g_autofree char *alias = as->len == 2 ? dotted_name (r, g_array_index (as, Range, 1)) : NULL;

            if (name == NULL)
              continue;
            g_hash_table_insert (r->imports, g_strdup (alias ? alias : name),
                                 g_strconcat (strcmp (module, "typing_extensions") == 0 ? "typing" : module,
                                              ".", name, NULL));
          }
      }
    }
}

static gboolean
read_module (Reader *r)
{
  g_autoptr(GPtrArray) decorators = g_ptr_array_new ();
  GPtrArray *module = r->tree->module;

  for (guint i = 0; i < module->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (module, i);
      const char *keyword = stmt_keyword (r, s);
      SlPyToken *first = first_token (r, s);

      if (is_decorator (r, s))
        {
          g_ptr_array_add (decorators, s);
          continue;
        }
      if (keyword && strcmp (keyword, "class") == 0)
        {
          if (!read_class (r, s, decorators))
            return FALSE;
          g_ptr_array_set_size (decorators, 0);
          continue;
        }
      g_ptr_array_set_size (decorators, 0);

      if (keyword && strcmp (keyword, "def") == 0)
        {
          if (find_nested (r, s->body, "class"))
            note (r, first, "classes defined inside the function %s are not read", def_name (r, s, NULL));
          if (find_nested (r, s->body, "class") == NULL)
            {
              /* exec anywhere can make classes */
              g_autoptr(GPtrArray) stack = g_ptr_array_new ();

              g_ptr_array_add (stack, s);
              while (stack->len > 0)
                {
                  SlPyStmt *x = g_ptr_array_steal_index (stack, stack->len - 1);

                  if (!check_dynamic (r, (Range) { x->first, x->colon ? x->colon : x->last }, "self", FALSE))
                    return FALSE;
                  for (guint k = 0; x->body && k < x->body->len; k++)
                    g_ptr_array_add (stack, g_ptr_array_index (x->body, k));
                }
            }
          continue;
        }
      if (keyword)
        {
          SlPyStmt *inner = find_nested (r, s->body, "class");

          if (inner)
            return refuse (r, first_token (r, inner), UNSUPPORTED,
                           "the class %s is defined under '%s' at line %u; Slot Lab reads classes whose "
                           "definition does not depend on run time", tok (r, inner->first + 1)->text,
                           keyword, first->line);
          /* imports under `if TYPE_CHECKING:` or `try:` */
          for (guint k = 0; s->body && k < s->body->len; k++)
            {
              SlPyStmt *x = g_ptr_array_index (s->body, k);

              if (x->colon == 0)
                {
                  read_import (r, x);
                  if (!check_dynamic (r, (Range) { x->first, x->last }, "self", FALSE))
                    return FALSE;
                }
            }
          continue;
        }

      read_import (r, s);
      if (!check_dynamic (r, (Range) { s->first, s->last }, "self", FALSE))
        return FALSE;
      /* Name.attr = … after the class statement changes the class */
      if (first->type == SL_PY_TOKEN_NAME && lookup_class (r, first->text) && is_op (r, s->first + 1, "."))
        {
          Range all = { s->first, s->last };
          int eq = find_top (r, all, "=");

          if (eq > 0)
            return refuse (r, first, UNSUPPORTED, "the class %s is changed after its statement; Slot Lab reads "
                           "classes as their statements define them", first->text);
        }
      if ((is_name (r, s->first, "setattr") || is_name (r, s->first, "delattr")) && is_op (r, s->first + 1, "(") &&
          tok (r, s->first + 2)->type == SL_PY_TOKEN_NAME && lookup_class (r, tok (r, s->first + 2)->text))
        return refuse (r, first, UNSUPPORTED, "%s() changes the class %s after its statement",
                       first->text, tok (r, s->first + 2)->text);
    }
  if (decorators->len > 0)
    return refuse (r, first_token (r, g_ptr_array_index (decorators, 0)), SL_PYTHON_READER_ERROR_SYNTAX,
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
            refuse (r, tok (r, c->stmt->first + 1), SL_PYTHON_READER_ERROR_LIMIT,
                    "%s stores an attribute whose name is longer than %d bytes", c->name, SL_CHAIN_MAX_NAME_LEN);
            return NULL;
          }
      for (guint k = 0; k < c->init->len; k++)
        if (strlen (((Store *) g_ptr_array_index (c->init, k))->name) > SL_CHAIN_MAX_NAME_LEN)
          {
            refuse (r, tok (r, c->stmt->first + 1), SL_PYTHON_READER_ERROR_LIMIT,
                    "%s stores an attribute whose name is longer than %d bytes", c->name, SL_CHAIN_MAX_NAME_LEN);
            return NULL;
          }
      for (guint k = 0; c->slots && k < c->slots->len; k++)
        if (strlen (g_ptr_array_index (c->slots, k)) > SL_CHAIN_MAX_NAME_LEN)
          {
            refuse (r, tok (r, c->stmt->first + 1), SL_PYTHON_READER_ERROR_LIMIT,
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
        if (!has_store (c->init, g_ptr_array_index (c->seen, k)))
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
              note (r, tok (r, c->stmt->first + 1), "%s: the value of self.%s (%s) is counted as a small int",
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

              if (lookup_class (r, base))
                g_ptr_array_add (kept, (gpointer) base);
            }
          g_ptr_array_add (kept, NULL);
          sl_class_set_bases (klass, (const char * const *) kept->pdata);
          g_clear_error (&error);
          if (sl_chain_append (chain, klass, &error))
            note (r, tok (r, c->stmt->first + 1), "%s: abc.ABC and typing.Generic have __slots__ = () and "
                  "no __init__; left out of the bases, they change nothing in the layout", c->name);
        }
      if (error)
        {
          refuse (r, tok (r, c->stmt->first + 1), UNSUPPORTED, "%s", error->message);
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
