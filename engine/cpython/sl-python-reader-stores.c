/* sl-python-reader-stores.c: what the compiler sees stored on self
 * (__static_attributes__) and the value kind an expression gives.
 *
 * Part of the Python reader; see sl-python-reader.c for what it reads
 * and sl-python-reader-private.h for what the parts share. */

#include <string.h>

#include "sl-python-reader-private.h"

/* ---- what the compiler sees: self.NAME targets ------------------------- */

void
sl_pyr_add_unique (GPtrArray  *names,
                   const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

gboolean
sl_pyr_contains (GPtrArray  *names,
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
  range = sl_pyr_strip_parens (r, range);
  /* self.with is a SyntaxError, not a store (a keyword is no attribute name) */
  if (range.b - range.a == 3 && sl_pyr_is_name (r, range.a, self_name) && sl_pyr_is_op (r, range.a + 1, ".") &&
      sl_pyr_tok (r, range.a + 2)->type == SL_PY_TOKEN_NAME && !sl_pyr_tok (r, range.a + 2)->keyword)
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

  range = sl_pyr_strip_parens (r, range);
  if (range.b <= range.a)
    return;
  if ((name = self_attribute (r, range, self_name)))
    {
      g_array_append_val (out, name);
      return;
    }
  if (sl_pyr_is_op (r, range.a, "*"))
    {
      Range rest = { range.a + 1, range.b };

      target_stores (r, rest, self_name, out);
      return;
    }
  if (sl_pyr_is_op (r, range.a, "[") && sl_pyr_matching (r, range.a, range.b) == range.b - 1)
    {
      range.a++;
      range.b--;
    }
  items = sl_pyr_split_top (r, range, ",");
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
      SlPyToken *t = sl_pyr_tok (r, i);

      if (sl_pyr_is_open (t))
        depth++;
      else if (sl_pyr_is_close (t))
        depth--;
      else if (depth > 0 && t->keyword && strcmp (t->text, "for") == 0)
        {
          guint d = 0, j;

          for (j = i + 1; j < range.b; j++)
            {
              SlPyToken *u = sl_pyr_tok (r, j);

              if (sl_pyr_is_open (u))
                d++;
              else if (sl_pyr_is_close (u))
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
void
sl_pyr_simple_stores (Reader     *r,
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
  eq = sl_pyr_find_top (r, all, "=");
  colon = sl_pyr_find_top (r, all, ":");
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
  parts = sl_pyr_split_top (r, all, "=");
  for (guint i = 0; i + 1 < parts->len; i++)
    target_stores (r, g_array_index (parts, Range, i), self_name, out);
  if (value)
    *value = g_array_index (parts, Range, parts->len - 1);
  if (n_targets)
    *n_targets = parts->len - 1;
}

/* Targets in a compound statement's header: `for T in`, `with X as T`. */
void
sl_pyr_header_stores (Reader     *r,
                      SlPyStmt   *stmt,
                      const char *self_name,
                      GArray     *out)
{
  guint a = stmt->first + (sl_pyr_is_name (r, stmt->first, "async") ? 1 : 0);

  if (sl_pyr_stmt_is (r, stmt, "for"))
    {
      int in = -1;

      for (guint i = a + 1; i < stmt->colon && in < 0; i++)
        if (sl_pyr_is_name (r, i, "in") && sl_pyr_find_top (r, (Range) { a + 1, i }, "(") < 0)
          in = (int) i;
      if (in > 0)
        target_stores (r, (Range) { a + 1, (guint) in }, self_name, out);
    }
  else if (sl_pyr_stmt_is (r, stmt, "with"))
    {
      Range items = sl_pyr_strip_parens (r, (Range) { a + 1, stmt->colon });
      g_autoptr(GArray) parts = sl_pyr_split_top (r, items, ",");

      for (guint i = 0; i < parts->len; i++)
        {
          Range item = g_array_index (parts, Range, i);
          g_autoptr(GArray) as = sl_pyr_split_top (r, item, "as");

          if (as->len == 2)
            target_stores (r, g_array_index (as, Range, 1), self_name, out);
        }
    }
}

/* Every self.NAME target the compiler sees in a block (nested functions
 * included, nested classes not). */
void
sl_pyr_compiler_stores (Reader    *r,
                        GPtrArray *block,
                        GPtrArray *seen)
{
  for (guint i = 0; block && i < block->len; i++)
    {
      SlPyStmt *s = g_ptr_array_index (block, i);
      g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));

      if (sl_pyr_stmt_is (r, s, "class"))
        continue;
      if (s->colon)
        {
          sl_pyr_header_stores (r, s, "self", names);
          comprehension_stores (r, (Range) { s->first, s->colon }, "self", names);
        }
      else
        {
          sl_pyr_simple_stores (r, s, "self", names, NULL, NULL);
          comprehension_stores (r, (Range) { s->first, s->last }, "self", names);
        }
      for (guint n = 0; n < names->len; n++)
        sl_pyr_add_unique (seen, sl_pyr_tok (r, g_array_index (names, guint, n))->text);
      sl_pyr_compiler_stores (r, s->body, seen);
    }
}

/* ---- values ------------------------------------------------------------ */

gboolean
sl_pyr_has_top_keyword (Reader     *r,
                        Range       range,
                        const char *keyword)
{
  guint depth = 0;

  for (guint i = range.a; i < range.b; i++)
    {
      SlPyToken *t = sl_pyr_tok (r, i);

      if (sl_pyr_is_open (t))
        depth++;
      else if (sl_pyr_is_close (t))
        depth--;
      else if (depth == 0 && t->keyword && strcmp (t->text, keyword) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The value of an int literal (underscores, 0x, 0o, 0b); FALSE for a
 * float, a complex or one too large. */
static gboolean
number_value (const char *text,
              guint64    *out)
{
  g_autofree char *digits = g_strdup (text);
  char *w = digits, *end = NULL;
  int base = 10;
  const char *start = digits;

  for (const char *p = text; *p; p++)
    if (*p != '_')
      *w++ = *p;
  *w = '\0';
  if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
    base = 16, start += 2;
  else if (digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O'))
    base = 8, start += 2;
  else if (digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B'))
    base = 2, start += 2;
  else if (strpbrk (digits, ".eEjJ"))
    return FALSE;
  if (*start == '\0')
    return FALSE;
  *out = g_ascii_strtoull (start, &end, base);
  return end && *end == '\0' && *out < G_MAXUINT32;
}

static gboolean
is_float_literal (const char *text)
{
  return strpbrk (text, ".eE") && !strpbrk (text, "xXjJ");
}

/* NAME(), NAME a module counter (read_counter()). */
static gboolean
is_counter_call (Reader *r,
                 guint   i)
{
  SlPyToken *t = sl_pyr_tok (r, i);

  return t->type == SL_PY_TOKEN_NAME && g_hash_table_contains (r->counters, t->text) &&
         sl_pyr_is_op (r, i + 1, "(") && sl_pyr_is_op (r, i + 2, ")");
}

typedef enum {
  ITEMS_CONSTANT,     /* every item a constant: the compiler may fold them */
  ITEMS_RUN_TIME,     /* names and such: objects that exist already */
  ITEMS_OWN_OBJECTS,  /* some item is a new object per instance itself */
  ITEMS_STARRED,      /* *unpacking: a length only known at run time */
} DisplayItems;

/* What a display's items are. */
static DisplayItems
display_items (Reader *r,
               GArray *items,
               guint   count)
{
  DisplayItems what = ITEMS_CONSTANT;

  for (guint i = 0; i < count; i++)
    {
      Range item = g_array_index (items, Range, i);
      gboolean item_literal;
      g_autofree char *kind = NULL;
      guint saved = r->notes ? r->notes->len : 0;

      if (item.a < item.b && (sl_pyr_is_op (r, item.a, "*") || sl_pyr_is_op (r, item.a, "**")))
        return ITEMS_STARRED;
      kind = sl_pyr_value_kind (r, item, &item_literal);
      /* an item's own notes are the display's business */
      if (r->notes)
        g_ptr_array_set_size (r->notes, saved);
      if (item_literal && (kind == NULL || strcmp (kind, "shared") == 0 || strcmp (kind, "none") == 0 ||
                           strcmp (kind, "bool") == 0))
        continue;
      if (item_literal)
        what = ITEMS_OWN_OBJECTS;
      else if (what == ITEMS_CONSTANT)
        what = ITEMS_RUN_TIME;
    }
  return what;
}

/* What the value of `self.x = VALUE` is, as the session's value kinds
 * (PRODUCT.md): NULL for a small int or anything not a literal. */
char *
sl_pyr_value_kind (Reader  *r,
                   Range    range,
                   gboolean *literal)
{
  SlPyToken *t;
  guint n;

  range = sl_pyr_strip_parens (r, range);
  n = range.b - range.a;
  *literal = TRUE;
  if (n == 0)
    return NULL;
  t = sl_pyr_tok (r, range.a);

  if (n == 1 && t->type == SL_PY_TOKEN_NAME && t->keyword)
    {
      if (strcmp (t->text, "None") == 0)
        return g_strdup ("none");
      if (strcmp (t->text, "True") == 0 || strcmp (t->text, "False") == 0)
        return g_strdup ("bool");
    }
  if ((n == 1 && t->type == SL_PY_TOKEN_NUMBER) ||
      (n == 2 && sl_pyr_is_op (r, range.a, "-") && sl_pyr_tok (r, range.a + 1)->type == SL_PY_TOKEN_NUMBER))
    {
      SlPyToken *num = sl_pyr_tok (r, range.b - 1);
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
          if (sl_pyr_tok (r, i)->type != SL_PY_TOKEN_STRING)
            all_strings = FALSE;
          else if (sl_pyr_tok (r, i)->string_flags & SL_PY_STRING_FIELDS)
            fields = TRUE;
        }
      if (all_strings && !fields)
        return g_strdup ("shared");   /* a constant */
      if (all_strings)
        {
          *literal = FALSE;           /* an f-string: a new str, length unknown */
          sl_pyr_note (r, t, "an f-string makes a new str whose length Slot Lab cannot know; "
                       "counted as a small int (no memory of its own)");
          return NULL;
        }
    }
  /* what the Python export writes for a new int, float, str or bytes per
   * instance, through a module counter (read_counter()) */
  if (r->counters && g_hash_table_size (r->counters) > 0)
    {
      guint a = range.a;
      guint64 m, l;

      if (n == 3 && is_counter_call (r, a))
        return g_strdup ("int");
      if (n == 5 && is_counter_call (r, a) && sl_pyr_is_op (r, a + 3, "+") &&
          sl_pyr_tok (r, a + 4)->type == SL_PY_TOKEN_NUMBER && is_float_literal (sl_pyr_tok (r, a + 4)->text))
        return g_strdup ("float");
      /* ('%d' % (next_int() % M)).zfill(L): fewer digits than L, so a new str of L */
      if (n == 16 && sl_pyr_is_op (r, a, "(") && sl_pyr_tok (r, a + 1)->type == SL_PY_TOKEN_STRING &&
          (strcmp (sl_pyr_tok (r, a + 1)->text, "%d") == 0 || strcmp (sl_pyr_tok (r, a + 1)->text, "'%d'") == 0) &&
          sl_pyr_is_op (r, a + 2, "%") && sl_pyr_is_op (r, a + 3, "(") && is_counter_call (r, a + 4) &&
          sl_pyr_is_op (r, a + 7, "%") && number_value (sl_pyr_tok (r, a + 8)->text, &m) &&
          sl_pyr_is_op (r, a + 9, ")") && sl_pyr_is_op (r, a + 10, ")") && sl_pyr_is_op (r, a + 11, ".") &&
          sl_pyr_is_name (r, a + 12, "zfill") && sl_pyr_is_op (r, a + 13, "(") &&
          number_value (sl_pyr_tok (r, a + 14)->text, &l) && sl_pyr_is_op (r, a + 15, ")") &&
          l >= 2 && l <= SL_VALUE_MAX_CHARS && m >= 1)
        {
          guint64 limit = 1;

          /* at most L - 1 digits: M <= 10**(L - 1) */
          for (guint d = 1; d < l && limit < m; d++)
            limit *= 10;
          if (m <= limit)
            return g_strdup_printf ("str:%" G_GUINT64_FORMAT, l);
        }
      /* next_int().to_bytes(L, ...) (L >= 4 holds any int below 2**30) and
       * (next_int() % M).to_bytes(L, ...) with M <= 256**L */
      if ((n == 10 && is_counter_call (r, a) && sl_pyr_is_op (r, a + 3, ".") &&
           sl_pyr_is_name (r, a + 4, "to_bytes") && sl_pyr_is_op (r, a + 5, "(") &&
           number_value (sl_pyr_tok (r, a + 6)->text, &l) && l >= 4 && l <= SL_VALUE_MAX_CHARS &&
           sl_pyr_is_op (r, a + 7, ",") && sl_pyr_tok (r, a + 8)->type == SL_PY_TOKEN_STRING && sl_pyr_is_op (r, a + 9, ")")) ||
          (n == 14 && sl_pyr_is_op (r, a, "(") && is_counter_call (r, a + 1) && sl_pyr_is_op (r, a + 4, "%") &&
           number_value (sl_pyr_tok (r, a + 5)->text, &m) && sl_pyr_is_op (r, a + 6, ")") &&
           sl_pyr_is_op (r, a + 7, ".") && sl_pyr_is_name (r, a + 8, "to_bytes") && sl_pyr_is_op (r, a + 9, "(") &&
           number_value (sl_pyr_tok (r, a + 10)->text, &l) && l >= 2 && l <= 4 && m <= ((guint64) 1 << (8 * l)) &&
           sl_pyr_is_op (r, a + 11, ",") && sl_pyr_tok (r, a + 12)->type == SL_PY_TOKEN_STRING && sl_pyr_is_op (r, a + 13, ")")))
        return g_strdup_printf ("bytes:%" G_GUINT64_FORMAT, l);
    }
  if (n == 1 && sl_pyr_is_op (r, range.a, "..."))
    return g_strdup ("shared");
  if (n == 2 && sl_pyr_is_op (r, range.a, "(") && sl_pyr_is_op (r, range.a + 1, ")"))
    return g_strdup ("shared");       /* the empty tuple is a singleton */
  if (sl_pyr_is_op (r, range.a, "[") && sl_pyr_matching (r, range.a, range.b) == range.b - 1)
    {
      Range inner = { range.a + 1, range.b - 1 };
      g_autoptr(GArray) items = sl_pyr_split_top (r, inner, ",");
      guint count = items->len;

      if (count > 0 && g_array_index (items, Range, count - 1).a == g_array_index (items, Range, count - 1).b)
        count--;   /* trailing comma */
      if (!sl_pyr_has_top_keyword (r, inner, "for"))
        {
          switch (display_items (r, items, count))
            {
            case ITEMS_CONSTANT:
              /* three or more constants are folded into a tuple from 3.9
               * (sl-value-model.c); up to two it is BUILD_LIST as any */
              return g_strdup_printf (count >= 3 ? "const-list:%u" : "list:%u", count);
            case ITEMS_STARRED:
              *literal = FALSE;
              sl_pyr_note (r, t, "a list display with *unpacking has a length Slot Lab cannot know; "
                           "counted as a small int (no memory of its own)");
              return NULL;
            case ITEMS_OWN_OBJECTS:
              sl_pyr_note (r, t, "the list's items are new objects of their own, which no value kind "
                           "holds; only the list and its item array are counted");
              return g_strdup_printf ("list:%u", count);
            case ITEMS_RUN_TIME:
            default:
              return g_strdup_printf ("list:%u", count);
            }
        }
    }
  /* [c] * N, N * [c]: list_repeat() allocates exactly N items */
  if (n == 5 && sl_pyr_is_op (r, range.a, "[") && sl_pyr_is_op (r, range.a + 2, "]") &&
      sl_pyr_is_op (r, range.a + 3, "*") && sl_pyr_tok (r, range.a + 4)->type == SL_PY_TOKEN_NUMBER)
    {
      gboolean item_literal;
      g_autofree char *item = sl_pyr_value_kind (r, (Range) { range.a + 1, range.a + 2 }, &item_literal);
      guint64 times = 0;

      if (number_value (sl_pyr_tok (r, range.a + 4)->text, &times) && times <= SL_VALUE_MAX_ITEMS)
        return g_strdup_printf ("list:%" G_GUINT64_FORMAT, times);
    }
  {
    /* a tuple display: constants only are folded into one shared constant */
    Range inner = range;
    g_autoptr(GArray) items = NULL;

    items = sl_pyr_split_top (r, inner, ",");
    if (items->len > 1 && !sl_pyr_has_top_keyword (r, inner, "for"))
      {
        guint count = items->len;
        gboolean constant = TRUE;

        if (g_array_index (items, Range, count - 1).a == g_array_index (items, Range, count - 1).b)
          count--;
        for (guint i = 0; i < count; i++)
          {
            Range item = g_array_index (items, Range, i);
            gboolean item_literal;
            g_autofree char *kind = sl_pyr_value_kind (r, item, &item_literal);

            if (!item_literal || (kind && strcmp (kind, "shared") != 0 && strcmp (kind, "none") != 0 &&
                                  strcmp (kind, "bool") != 0))
              constant = FALSE;
          }
        if (!constant && display_items (r, items, count) == ITEMS_STARRED)
          {
            *literal = FALSE;
            sl_pyr_note (r, t, "a tuple display with *unpacking has a length Slot Lab cannot know; "
                         "counted as a small int (no memory of its own)");
            return NULL;
          }
        if (!constant && display_items (r, items, count) == ITEMS_OWN_OBJECTS)
          sl_pyr_note (r, t, "the tuple's items are new objects of their own, which no value kind "
                       "holds; only the tuple is counted");
        return constant ? g_strdup ("shared") : g_strdup_printf ("tuple:%u", count);
      }
  }
  /* str(INT) is a new str of its digits;
   * bytes(N) a new bytes of N zero bytes */
  if (n == 4 && (sl_pyr_is_name (r, range.a, "str") || sl_pyr_is_name (r, range.a, "bytes")) &&
      sl_pyr_is_op (r, range.a + 1, "(") && sl_pyr_tok (r, range.a + 2)->type == SL_PY_TOKEN_NUMBER &&
      sl_pyr_is_op (r, range.a + 3, ")"))
    {
      guint64 v;

      if (number_value (sl_pyr_tok (r, range.a + 2)->text, &v) && v <= SL_VALUE_MAX_CHARS)
        {
          /* bytes(0) is the empty singleton; bytes(1) a new one-byte bytes
           * (_PyBytes_FromSize never shares it), which no kind holds */
          if (sl_pyr_is_name (r, range.a, "bytes") && v != 1)
            return v == 0 ? g_strdup ("shared") : g_strdup_printf ("bytes:%" G_GUINT64_FORMAT, v);
          if (sl_pyr_is_name (r, range.a, "bytes"))
            {
              *literal = FALSE;
              sl_pyr_note (r, t, "bytes(1) makes a new one-byte bytes (CPython does not share it), which no "
                           "value kind holds; counted as a small int (no memory of its own)");
              return NULL;
            }
          {
            g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, v);

            /* int.__str__ builds its own str, never the cached one-character
             * one: str(7) is a new str of one character, which no kind holds */
            if (strlen (digits) > 1)
              return g_strdup_printf ("str:%zu", strlen (digits));
            *literal = FALSE;
            sl_pyr_note (r, t, "str() of a one-digit int makes a new one-character str (CPython does not "
                         "share it), which no value kind holds; counted as a small int (no memory of its own)");
            return NULL;
          }
        }
    }
  if (n >= 3 && (sl_pyr_is_name (r, range.a, "str") || sl_pyr_is_name (r, range.a, "repr") || sl_pyr_is_name (r, range.a, "format")) &&
      sl_pyr_is_op (r, range.a + 1, "(") && sl_pyr_matching (r, range.a + 1, range.b) == range.b - 1)
    {
      *literal = FALSE;
      sl_pyr_note (r, t, "%s(…) makes a str whose length Slot Lab cannot know; counted as a small int "
                   "(no memory of its own)", t->text);
      return NULL;
    }
  if (n >= 3 && (sl_pyr_is_name (r, range.a, "dict") || sl_pyr_is_name (r, range.a, "set")) && sl_pyr_is_op (r, range.a + 1, "("))
    {
      *literal = FALSE;
      sl_pyr_note (r, t, "a %s has no value kind in a session; counted as a small int (no memory of its own)", t->text);
      return NULL;
    }
  if (sl_pyr_is_op (r, range.a, "{") && sl_pyr_matching (r, range.a, range.b) == range.b - 1)
    {
      *literal = FALSE;
      sl_pyr_note (r, t, "a dict or set display has no value kind in a session; counted as a small int "
                   "(no memory of its own)");
      return NULL;
    }
  if (n == 3 && sl_pyr_is_name (r, range.a, "list") && sl_pyr_is_op (r, range.a + 1, "(") && sl_pyr_is_op (r, range.a + 2, ")"))
    return g_strdup ("list:0");
  if (n >= 3 && sl_pyr_is_name (r, range.a, "float") && sl_pyr_is_op (r, range.a + 1, "(") &&
      sl_pyr_matching (r, range.a + 1, range.b) == range.b - 1)
    {
      Range arg = sl_pyr_strip_parens (r, (Range) { range.a + 2, range.b - 1 });
      SlPyToken *last = arg.b > arg.a ? sl_pyr_tok (r, arg.b - 1) : NULL;

      /* float() of a float returns that very object (PyNumber_Float on an
       * exact float): float(1.5) is the constant, shared */
      if (last && last->type == SL_PY_TOKEN_NUMBER && is_float_literal (last->text) &&
          (arg.b - arg.a == 1 || (arg.b - arg.a == 2 && (sl_pyr_is_op (r, arg.a, "-") || sl_pyr_is_op (r, arg.a, "+")))))
        return g_strdup ("shared");
      /* float(x), x a parameter defaulting to a float: cls() passes that float */
      if (arg.b - arg.a == 1 && last->type == SL_PY_TOKEN_NAME && r->float_params &&
          g_hash_table_contains (r->float_params, last->text))
        {
          *literal = FALSE;
          return NULL;
        }
      return g_strdup ("float");
    }

  *literal = FALSE;
  return NULL;
}
