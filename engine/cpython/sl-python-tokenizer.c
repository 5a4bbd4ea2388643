/* sl-python-tokenizer.c: Python source to tokens and a tree of statements.
 *
 * The rules are CPython's (Parser/lexer/lexer.c and Parser/tokenizer of
 * 3.12+), so that what the reader accepts is what CPython compiles, and
 * what CPython refuses gets CPython's words:
 *  - indentation is measured twice, tabs to the next multiple of 8 and tabs
 *    as 1 column; if the two measures disagree about the order of two
 *    lines, CPython raises TabError ("inconsistent use of tabs and spaces
 *    in indentation"); a form feed resets the count;
 *  - blank lines and comment-only lines do not indent; inside brackets or
 *    after a backslash continuation, lines do not indent either;
 *  - strings take the prefixes r, u, b, br, f, fr, t, tr in any case and
 *    order; f-strings nest quotes of any kind (PEP 701, 3.12);
 *  - identifiers are NFKC-normalised (PEP 3131), keywords are matched as
 *    written.
 * Nothing is evaluated; string values are decoded because __slots__ needs
 * them. */

#include <string.h>

#include "sl-python-reader.h"
#include "sl-python-tokenizer-private.h"

typedef struct {
  const char *source;
  const char *end;
  const char *p;
  guint line;
  guint column;            /* 1-based column of p */
  GArray *tokens;
  GError **error;
  /* indentation stacks: columns with tabs as 8 and with tabs as 1 */
  guint indents[SL_PY_MAX_INDENT + 1];
  guint alt_indents[SL_PY_MAX_INDENT + 1];
  guint n_indents;
  /* open brackets */
  char parens[SL_PY_MAX_PARENS];
  guint paren_lines[SL_PY_MAX_PARENS];
  guint paren_columns[SL_PY_MAX_PARENS];
  guint n_parens;
  gboolean at_line_start;
  gboolean continuation;   /* the last line ended in a backslash */
} Lexer;

static const char * const keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break",
  "class", "continue", "def", "del", "elif", "else", "except", "finally",
  "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
};

gboolean
sl_py_is_keyword (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strcmp (name, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

G_GNUC_PRINTF (4, 5) static gboolean
fail_at (Lexer      *lx,
         guint       line,
         guint       column,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (lx->error && *lx->error == NULL)
    g_set_error (lx->error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_SYNTAX,
                 "line %u, column %u: %s", line, column, message);
  return FALSE;
}

/* Moves p forward by n bytes of one line, keeping the column in characters. */
static void
advance (Lexer *lx,
         gsize  n)
{
  for (gsize i = 0; i < n && lx->p < lx->end; i++, lx->p++)
    if (((guchar) *lx->p & 0xc0) != 0x80)
      lx->column++;
}

/* Moves past a line break (\n, \r\n or \r). */
static void
advance_newline (Lexer *lx)
{
  if (*lx->p == '\r' && lx->p + 1 < lx->end && lx->p[1] == '\n')
    lx->p++;
  lx->p++;
  lx->line++;
  lx->column = 1;
}

static gboolean
is_newline (Lexer      *lx,
            const char *p)
{
  return p < lx->end && (*p == '\n' || *p == '\r');
}

static SlPyToken *
push (Lexer         *lx,
      SlPyTokenType  type,
      guint          line,
      guint          column,
      char          *text,
      gsize          length)
{
  SlPyToken token = { type, line, column, text, length, 0, 0 };

  g_array_append_val (lx->tokens, token);
  return &g_array_index (lx->tokens, SlPyToken, lx->tokens->len - 1);
}

static gboolean
is_id_start_ascii (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_id_char_ascii (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* PEP 3131: XID_Start / XID_Continue, close enough through GLib's
 * general categories (letters, letter numbers; plus marks, digits and
 * connector punctuation after the first). */
static gboolean
is_xid (gunichar c,
        gboolean first)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_LETTER_NUMBER:
      return TRUE;
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
      return !first;
    default:
      return c == '_' || (!first && g_ascii_isdigit (c));
    }
}

static gboolean
lex_name (Lexer *lx)
{
  const char *start = lx->p;
  guint line = lx->line, column = lx->column;
  gboolean ascii = TRUE;
  g_autofree char *raw = NULL;
  char *normal;
  SlPyToken *token;

  while (lx->p < lx->end && (is_id_char_ascii (*lx->p) || (guchar) *lx->p >= 0x80))
    {
      if ((guchar) *lx->p >= 0x80)
        {
          ascii = FALSE;
          advance (lx, g_utf8_next_char (lx->p) - lx->p);
        }
      else
        advance (lx, 1);
    }
  raw = g_strndup (start, lx->p - start);
  if (ascii)
    {
      token = push (lx, SL_PY_TOKEN_NAME, line, column, g_steal_pointer (&raw), lx->p - start);
      token->keyword = sl_py_is_keyword (token->text);
      return TRUE;
    }

  /* As CPython: the first character that cannot be part of an identifier
   * is the invalid one. */
  {
    guint col = column;
    gboolean first = TRUE;

    for (const char *q = raw; *q; q = g_utf8_next_char (q), col++, first = FALSE)
      {
        gunichar c = g_utf8_get_char (q);
        g_autofree char *one = g_ucs4_to_utf8 (&c, 1, NULL, NULL, NULL);
        g_autofree char *nfkc = g_utf8_normalize (one, -1, G_NORMALIZE_NFKC);
        gunichar n = nfkc ? g_utf8_get_char (nfkc) : c;

        if (!is_xid (n, first) && !(c < 0x80 && is_id_char_ascii ((char) c) && !(first && g_ascii_isdigit (c))))
          {
            if (!g_unichar_isprint (c))
              return fail_at (lx, line, col, "SyntaxError: invalid non-printable character U+%04X", c);
            return fail_at (lx, line, col, "SyntaxError: invalid character '%s' (U+%04X)", one, c);
          }
      }
  }
  normal = g_utf8_normalize (raw, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return fail_at (lx, line, column, "SyntaxError: invalid identifier");
  push (lx, SL_PY_TOKEN_NAME, line, column, normal, strlen (normal));
  return TRUE;
}

static gboolean
lex_number (Lexer *lx)
{
  const char *start = lx->p;
  guint line = lx->line, column = lx->column;

  if (*lx->p == '0' && lx->p + 1 < lx->end && strchr ("xXoObB", lx->p[1]))
    {
      advance (lx, 2);
      while (lx->p < lx->end && (g_ascii_isxdigit (*lx->p) || *lx->p == '_'))
        advance (lx, 1);
    }
  else
    {
      while (lx->p < lx->end && (g_ascii_isdigit (*lx->p) || *lx->p == '_'))
        advance (lx, 1);
      if (lx->p < lx->end && *lx->p == '.')
        {
          advance (lx, 1);
          while (lx->p < lx->end && (g_ascii_isdigit (*lx->p) || *lx->p == '_'))
            advance (lx, 1);
        }
      if (lx->p < lx->end && (*lx->p == 'e' || *lx->p == 'E'))
        {
          const char *q = lx->p + 1;

          if (q < lx->end && (*q == '+' || *q == '-'))
            q++;
          if (q < lx->end && g_ascii_isdigit (*q))
            {
              advance (lx, q - lx->p);
              while (lx->p < lx->end && (g_ascii_isdigit (*lx->p) || *lx->p == '_'))
                advance (lx, 1);
            }
        }
      if (lx->p < lx->end && (*lx->p == 'j' || *lx->p == 'J'))
        advance (lx, 1);
    }
  push (lx, SL_PY_TOKEN_NUMBER, line, column, g_strndup (start, lx->p - start), lx->p - start);
  return TRUE;
}

/* Which string prefix a name is, if it is one: flags, or -1. */
static int
string_prefix (const char *p,
               gsize       n)
{
  int flags = 0;
  gboolean u = FALSE;

  if (n == 0 || n > 2)
    return -1;
  for (gsize i = 0; i < n; i++)
    switch (g_ascii_tolower (p[i]))
      {
      case 'r': if (flags & SL_PY_STRING_RAW) return -1; flags |= SL_PY_STRING_RAW; break;
      case 'b': if (flags & (SL_PY_STRING_BYTES | SL_PY_STRING_F)) return -1; flags |= SL_PY_STRING_BYTES; break;
      case 'f':
      case 't': if (flags & (SL_PY_STRING_BYTES | SL_PY_STRING_F)) return -1; flags |= SL_PY_STRING_F; break;
      case 'u': if (n != 1) return -1; u = TRUE; break;
      default: return -1;
      }
  (void) u;
  return flags;
}

static void
append_utf8 (GString  *out,
             gunichar  c)
{
  g_string_append_unichar (out, c);
}

/* Decodes one escape after a backslash at *pp; appends it to out.  Returns
 * FALSE where the value cannot be known without Unicode's names (\N{…}). */
static gboolean
decode_escape (const char **pp,
               const char  *end,
               gboolean     bytes,
               GString     *out)
{
  const char *p = *pp;
  char c = *p;

  switch (c)
    {
    case '\n': *pp = p + 1; return TRUE;
    case '\r': *pp = p + 1 < end && p[1] == '\n' ? p + 2 : p + 1; return TRUE;
    case '\\': g_string_append_c (out, '\\'); break;
    case '\'': g_string_append_c (out, '\''); break;
    case '"': g_string_append_c (out, '"'); break;
    case 'a': g_string_append_c (out, '\a'); break;
    case 'b': g_string_append_c (out, '\b'); break;
    case 'f': g_string_append_c (out, '\f'); break;
    case 'n': g_string_append_c (out, '\n'); break;
    case 'r': g_string_append_c (out, '\r'); break;
    case 't': g_string_append_c (out, '\t'); break;
    case 'v': g_string_append_c (out, '\v'); break;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      {
        guint value = 0, n = 0;

        while (n < 3 && p < end && *p >= '0' && *p <= '7')
          value = value * 8 + (guint) (*p++ - '0'), n++;
        if (bytes)
          g_string_append_c (out, (char) (value & 0xff));
        else
          append_utf8 (out, value);
        *pp = p;
        return TRUE;
      }
    case 'x': case 'u': case 'U':
      {
        guint digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        gunichar value = 0;

        if ((c != 'x' && bytes) || (gsize) (end - p) <= digits)
          {
            g_string_append_c (out, '\\');
            g_string_append_c (out, c);
            break;
          }
        for (guint i = 1; i <= digits; i++)
          {
            if (!g_ascii_isxdigit (p[i]))
              return FALSE;
            value = value * 16 + (gunichar) g_ascii_xdigit_value (p[i]);
          }
        if (bytes)
          g_string_append_c (out, (char) value);
        else if (value > 0x10ffff)
          return FALSE;
        else
          append_utf8 (out, value);
        *pp = p + 1 + digits;
        return TRUE;
      }
    case 'N':
      if (!bytes)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    default:
      /* An unknown escape keeps its backslash (a warning in CPython). */
      g_string_append_c (out, '\\');
      if (p < end)
        {
          gsize n = bytes ? 1 : (gsize) (g_utf8_next_char (p) - p);

          g_string_append_len (out, p, n);
          *pp = p + n;
        }
      return TRUE;
    }
  *pp = p + 1;
  return TRUE;
}

/* The line CPython names in "detected at line N": at the end of the
 * source, a final line break does not start another line. */
static guint
detected_line (Lexer *lx)
{
  if (lx->p >= lx->end && lx->p > lx->source && (lx->p[-1] == '\n' || lx->p[-1] == '\r') && lx->line > 1)
    return lx->line - 1;
  return lx->line;
}

static gboolean lex_string_body (Lexer *lx, int flags, guint line, guint column,
                                 guint nest, GString *value, gboolean *opaque);

/* Inside an f-string's replacement field: up to and including its '}'.
 * Brackets nest; quotes start strings (which may be f-strings, nested);
 * at bracket depth 0 a ':' starts the format spec, whose text is literal
 * except for nested fields. */
static gboolean
lex_fstring_field (Lexer    *lx,
                   char      quote,
                   gboolean  triple,
                   guint     line,
                   guint     column,
                   guint     nest)
{
  guint depth = 0;
  gboolean in_spec = FALSE;

  if (nest > SL_PY_MAX_FSTRING_NEST)
    return fail_at (lx, lx->line, lx->column,
                    "SyntaxError: f-string: expressions nested too deeply (Slot Lab reads %u levels)",
                    SL_PY_MAX_FSTRING_NEST);

  while (lx->p < lx->end)
    {
      char c = *lx->p;

      if (is_newline (lx, lx->p))
        {
          if (in_spec && !triple)
            break;
          advance_newline (lx);
          continue;
        }
      if (in_spec)
        {
          if (c == '{')
            {
              advance (lx, 1);
              if (!lex_fstring_field (lx, quote, triple, line, column, nest + 1))
                return FALSE;
            }
          else if (c == '}')
            {
              advance (lx, 1);
              return TRUE;
            }
          else if (c == quote && (!triple || (lx->end - lx->p >= 3 && lx->p[1] == quote && lx->p[2] == quote)))
            break;
          else
            advance (lx, g_utf8_next_char (lx->p) - lx->p);
          continue;
        }

      if (c == '\'' || c == '"')
        {
          /* a string inside the expression: its prefix was scanned as a name */
          int flags = 0;
          const char *q = lx->p;
          guint sl = lx->line, sc = lx->column;
          gboolean opaque;

          while (q > lx->source && g_ascii_isalpha (q[-1]) && lx->p - q < 2)
            q--;
          if (q < lx->p)
            flags = MAX (string_prefix (q, lx->p - q), 0);
          if (!lex_string_body (lx, flags, sl, sc, nest + 1, NULL, &opaque))
            return FALSE;
          continue;
        }
      if (c == '#')
        return fail_at (lx, lx->line, lx->column, "SyntaxError: f-string expression part cannot include '#'");
      if (c == '\\' && !triple)
        {
          advance (lx, 1);
          continue;
        }
      if (c == '(' || c == '[' || c == '{')
        {
          if (++depth > SL_PY_MAX_PARENS)
            return fail_at (lx, lx->line, lx->column, "SyntaxError: too many nested parentheses");
        }
      else if (c == ')' || c == ']' || (c == '}' && depth > 0))
        {
          if (depth > 0)
            depth--;
        }
      else if (c == '}' && depth == 0)
        {
          advance (lx, 1);
          return TRUE;
        }
      else if (c == ':' && depth == 0)
        in_spec = TRUE;
      advance (lx, g_utf8_next_char (lx->p) - lx->p);
    }
  return fail_at (lx, line, column, "SyntaxError: unterminated %sf-string literal (detected at line %u)",
                  triple ? "triple-quoted " : "", detected_line (lx));
}

/* At an opening quote: scans to after the closing quote.  Decodes the value
 * into `value` (NULL: do not keep it). */
static gboolean
lex_string_body (Lexer    *lx,
                 int       flags,
                 guint     line,
                 guint     column,
                 guint     nest,
                 GString  *value,
                 gboolean *opaque)
{
  char quote = *lx->p;
  gboolean triple = lx->end - lx->p >= 3 && lx->p[1] == quote && lx->p[2] == quote;
  gboolean bytes = flags & SL_PY_STRING_BYTES;
  gboolean raw = flags & SL_PY_STRING_RAW;
  gboolean fstring = flags & SL_PY_STRING_F;

  *opaque = FALSE;
  advance (lx, triple ? 3 : 1);
  while (lx->p < lx->end)
    {
      char c = *lx->p;

      if (c == quote && (!triple || (lx->end - lx->p >= 3 && lx->p[1] == quote && lx->p[2] == quote)))
        {
          advance (lx, triple ? 3 : 1);
          return TRUE;
        }
      if (is_newline (lx, lx->p))
        {
          if (!triple)
            break;
          if (value)
            g_string_append_c (value, '\n');
          advance_newline (lx);
          continue;
        }
      if (c == '\\')
        {
          const char *after = lx->p + 1;

          if (after >= lx->end)
            break;
          if (raw || fstring)
            {
              /* the backslash stays; it only keeps the next quote or
               * newline from ending the string */
              if (value)
                g_string_append_c (value, '\\');
              advance (lx, 1);
              if (is_newline (lx, lx->p))
                {
                  if (value)
                    g_string_append_c (value, '\n');
                  advance_newline (lx);
                }
              else if (fstring && (*lx->p == '{' || *lx->p == '}'))
                ;   /* \{ is a backslash then a field */
              else
                {
                  if (value)
                    g_string_append_len (value, lx->p, g_utf8_next_char (lx->p) - lx->p);
                  advance (lx, g_utf8_next_char (lx->p) - lx->p);
                }
              continue;
            }
          if (is_newline (lx, after))
            {
              advance (lx, 1);
              advance_newline (lx);
              continue;
            }
          {
            const char *q = after;

            if (value && !decode_escape (&q, lx->end, bytes, value))
              *opaque = TRUE;
            if (!value || q == after)
              q = after + (g_utf8_next_char (after) - after);
            advance (lx, q - lx->p);
          }
          continue;
        }
      if (fstring && c == '{')
        {
          if (lx->p + 1 < lx->end && lx->p[1] == '{')
            {
              advance (lx, 2);
              continue;
            }
          advance (lx, 1);
          *opaque = TRUE;   /* the value has fields */
          if (!lex_fstring_field (lx, quote, triple, line, column, nest))
            return FALSE;
          continue;
        }
      if (fstring && c == '}')
        {
          if (lx->p + 1 < lx->end && lx->p[1] == '}')
            {
              advance (lx, 2);
              continue;
            }
          return fail_at (lx, lx->line, lx->column, "SyntaxError: f-string: single '}' is not allowed");
        }
      if (bytes && (guchar) c >= 0x80)
        return fail_at (lx, lx->line, lx->column, "SyntaxError: bytes can only contain ASCII literal characters");
      if (value)
        g_string_append_len (value, lx->p, g_utf8_next_char (lx->p) - lx->p);
      advance (lx, g_utf8_next_char (lx->p) - lx->p);
    }
  if (fstring)
    return fail_at (lx, line, column, "SyntaxError: unterminated %sf-string literal (detected at line %u)",
                    triple ? "triple-quoted " : "", detected_line (lx));
  return fail_at (lx, line, column, "SyntaxError: unterminated %sstring literal (detected at line %u)",
                  triple ? "triple-quoted " : "", detected_line (lx));
}

static gboolean
lex_string (Lexer *lx,
            int    flags,
            guint  line,
            guint  column)
{
  g_autoptr(GString) value = g_string_new (NULL);
  gboolean opaque = FALSE;
  SlPyToken *token;

  if (!lex_string_body (lx, flags, line, column, 0, value, &opaque))
    return FALSE;
  if (flags & SL_PY_STRING_F)
    {
      token = push (lx, SL_PY_TOKEN_STRING, line, column, NULL, 0);
      token->string_flags = flags | (opaque ? SL_PY_STRING_FIELDS : 0);
      return TRUE;
    }
  if (opaque)
    {
      token = push (lx, SL_PY_TOKEN_STRING, line, column, NULL, 0);
      token->string_flags = flags | SL_PY_STRING_OPAQUE;
      return TRUE;
    }
  {
    gsize length = value->len;

    token = push (lx, SL_PY_TOKEN_STRING, line, column, g_string_free (g_steal_pointer (&value), FALSE), length);
    token->string_flags = flags;
  }
  return TRUE;
}

static const char * const operators3[] = { "**=", "//=", ">>=", "<<=", "..." };
static const char * const operators2[] = {
  "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=",
  "==", ">=", ">>", "@=", "^=", "|=",
};

static gboolean
lex_operator (Lexer *lx)
{
  guint line = lx->line, column = lx->column;
  gsize left = lx->end - lx->p;
  gsize n = 0;
  char c = *lx->p;

  for (guint i = 0; i < G_N_ELEMENTS (operators3) && !n; i++)
    if (left >= 3 && strlen (operators3[i]) == 3 && memcmp (lx->p, operators3[i], 3) == 0)
      n = 3;
  for (guint i = 0; i < G_N_ELEMENTS (operators2) && !n; i++)
    if (left >= 2 && memcmp (lx->p, operators2[i], 2) == 0)
      n = 2;
  if (!n)
    {
      if (!strchr ("%&()*+,-./:;<=>@[]^{|}~!", c) || c == '\0')
        {
          if ((guchar) c < 0x20 || c == 0x7f)
            return fail_at (lx, line, column, "SyntaxError: invalid non-printable character U+%04X", (guint) (guchar) c);
          return fail_at (lx, line, column, "SyntaxError: invalid character '%c' (U+%04X)", c, (guint) (guchar) c);
        }
      n = 1;
    }

  if (n == 1 && strchr ("([{", c))
    {
      if (lx->n_parens >= SL_PY_MAX_PARENS)
        return fail_at (lx, line, column, "SyntaxError: too many nested parentheses");
      lx->parens[lx->n_parens] = c;
      lx->paren_lines[lx->n_parens] = line;
      lx->paren_columns[lx->n_parens] = column;
      lx->n_parens++;
    }
  else if (n == 1 && strchr (")]}", c))
    {
      char open = c == ')' ? '(' : c == ']' ? '[' : '{';

      if (lx->n_parens == 0)
        return fail_at (lx, line, column, "SyntaxError: unmatched '%c'", c);
      if (lx->parens[lx->n_parens - 1] != open)
        {
          if (lx->paren_lines[lx->n_parens - 1] != line)
            return fail_at (lx, line, column,
                            "SyntaxError: closing parenthesis '%c' does not match opening parenthesis '%c' on line %u",
                            c, lx->parens[lx->n_parens - 1], lx->paren_lines[lx->n_parens - 1]);
          return fail_at (lx, line, column,
                          "SyntaxError: closing parenthesis '%c' does not match opening parenthesis '%c'",
                          c, lx->parens[lx->n_parens - 1]);
        }
      lx->n_parens--;
    }
  push (lx, SL_PY_TOKEN_OP, line, column, g_strndup (lx->p, n), n);
  advance (lx, n);
  return TRUE;
}

/* At the start of a line outside brackets: measures the indentation and
 * pushes INDENT/DEDENT tokens.  Returns FALSE on error; sets *blank for a
 * line with nothing but blanks or a comment. */
static gboolean
lex_indentation (Lexer    *lx,
                 gboolean *blank)
{
  guint col = 0, altcol = 0;
  guint top;

  while (lx->p < lx->end)
    {
      if (*lx->p == ' ')
        col++, altcol++;
      else if (*lx->p == '\t')
        {
          col = (col / 8 + 1) * 8;
          altcol++;
        }
      else if (*lx->p == '\014')
        col = altcol = 0;
      else
        break;
      advance (lx, 1);
    }

  *blank = lx->p >= lx->end || *lx->p == '#' || is_newline (lx, lx->p) ||
           (*lx->p == '\\' && is_newline (lx, lx->p + 1));
  if (*blank)
    return TRUE;

  top = lx->n_indents - 1;
  if (col == lx->indents[top])
    {
      if (altcol != lx->alt_indents[top])
        return fail_at (lx, lx->line, 1, "TabError: inconsistent use of tabs and spaces in indentation");
    }
  else if (col > lx->indents[top])
    {
      if (lx->n_indents >= SL_PY_MAX_INDENT)
        return fail_at (lx, lx->line, 1, "IndentationError: too many levels of indentation (CPython's limit is %d)",
                        SL_PY_MAX_INDENT);
      if (altcol <= lx->alt_indents[top])
        return fail_at (lx, lx->line, 1, "TabError: inconsistent use of tabs and spaces in indentation");
      lx->indents[lx->n_indents] = col;
      lx->alt_indents[lx->n_indents] = altcol;
      lx->n_indents++;
      push (lx, SL_PY_TOKEN_INDENT, lx->line, lx->column, NULL, 0);
    }
  else
    {
      while (lx->n_indents > 1 && col < lx->indents[lx->n_indents - 1])
        {
          lx->n_indents--;
          push (lx, SL_PY_TOKEN_DEDENT, lx->line, lx->column, NULL, 0);
        }
      if (col != lx->indents[lx->n_indents - 1])
        return fail_at (lx, lx->line, lx->column,
                        "IndentationError: unindent does not match any outer indentation level");
      if (altcol != lx->alt_indents[lx->n_indents - 1])
        return fail_at (lx, lx->line, 1, "TabError: inconsistent use of tabs and spaces in indentation");
    }
  return TRUE;
}

static gboolean
lex (Lexer *lx)
{
  gboolean line_has_tokens = FALSE;

  lx->indents[0] = lx->alt_indents[0] = 0;
  lx->n_indents = 1;
  lx->at_line_start = TRUE;

  while (TRUE)
    {
      char c;

      if (lx->at_line_start && lx->n_parens == 0 && !lx->continuation)
        {
          gboolean blank;

          if (!lex_indentation (lx, &blank))
            return FALSE;
        }
      lx->at_line_start = FALSE;
      lx->continuation = FALSE;

      /* blanks */
      while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\014'))
        advance (lx, 1);
      if (lx->p >= lx->end)
        break;
      c = *lx->p;

      if (c == '#')
        {
          while (lx->p < lx->end && !is_newline (lx, lx->p))
            advance (lx, g_utf8_next_char (lx->p) - lx->p);
          continue;
        }
      if (is_newline (lx, lx->p))
        {
          if (line_has_tokens && lx->n_parens == 0)
            {
              push (lx, SL_PY_TOKEN_NEWLINE, lx->line, lx->column, NULL, 0);
              line_has_tokens = FALSE;
            }
          advance_newline (lx);
          lx->at_line_start = TRUE;
          continue;
        }
      if (c == '\\')
        {
          advance (lx, 1);
          if (lx->p >= lx->end)
            return fail_at (lx, lx->line, lx->column, "SyntaxError: unexpected EOF while parsing");
          if (!is_newline (lx, lx->p))
            return fail_at (lx, lx->line, lx->column,
                            "SyntaxError: unexpected character after line continuation character");
          advance_newline (lx);
          if (lx->p >= lx->end)
            return fail_at (lx, lx->line, lx->column, "SyntaxError: unexpected EOF while parsing");
          lx->at_line_start = TRUE;
          lx->continuation = TRUE;
          continue;
        }

      line_has_tokens = TRUE;
      if (is_id_start_ascii (c) || (guchar) c >= 0x80)
        {
          /* a string prefix? */
          const char *q = lx->p;
          int flags;

          while (q < lx->end && g_ascii_isalpha (*q) && q - lx->p < 3)
            q++;
          if (q < lx->end && (*q == '\'' || *q == '"') && (flags = string_prefix (lx->p, q - lx->p)) >= 0)
            {
              guint line = lx->line, column = lx->column;

              advance (lx, q - lx->p);
              if (!lex_string (lx, flags, line, column))
                return FALSE;
              continue;
            }
          if (!lex_name (lx))
            return FALSE;
          continue;
        }
      if (g_ascii_isdigit (c) || (c == '.' && lx->p + 1 < lx->end && g_ascii_isdigit (lx->p[1])))
        {
          lex_number (lx);
          continue;
        }
      if (c == '\'' || c == '"')
        {
          if (!lex_string (lx, 0, lx->line, lx->column))
            return FALSE;
          continue;
        }
      if (!lex_operator (lx))
        return FALSE;
    }

  if (lx->n_parens > 0)
    return fail_at (lx, lx->paren_lines[lx->n_parens - 1], lx->paren_columns[lx->n_parens - 1],
                    "SyntaxError: '%c' was never closed", lx->parens[lx->n_parens - 1]);
  if (line_has_tokens)
    push (lx, SL_PY_TOKEN_NEWLINE, lx->line, lx->column, NULL, 0);
  while (lx->n_indents > 1)
    {
      lx->n_indents--;
      push (lx, SL_PY_TOKEN_DEDENT, lx->line, lx->column, NULL, 0);
    }
  push (lx, SL_PY_TOKEN_END, lx->line, lx->column, NULL, 0);
  return TRUE;
}

/* ---- statements -------------------------------------------------------- */

typedef struct {
  SlPyTree *tree;
  guint pos;
  GError **error;
} Parser;

static SlPyToken *
peek (Parser *ps)
{
  return sl_py_tree_token (ps->tree, ps->pos);
}

static gboolean
token_is (SlPyToken  *token,
          const char *text)
{
  return (token->type == SL_PY_TOKEN_OP || token->type == SL_PY_TOKEN_NAME) &&
         token->text && strcmp (token->text, text) == 0;
}

G_GNUC_PRINTF (3, 4) static gboolean
parse_fail (Parser     *ps,
            SlPyToken  *at,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (*ps->error == NULL)
    g_set_error (ps->error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_SYNTAX,
                 "line %u, column %u: %s", at->line, at->column, message);
  return FALSE;
}

static void
stmt_free (gpointer data)
{
  SlPyStmt *stmt = data;

  if (stmt->body)
    g_ptr_array_unref (stmt->body);
  g_free (stmt);
}

static const char * const compound_keywords[] = {
  "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
  "def", "class", "async",
};

static gboolean
starts_compound (Parser *ps,
                 guint   first,
                 guint   end)
{
  SlPyToken *t = sl_py_tree_token (ps->tree, first);

  if (t->type != SL_PY_TOKEN_NAME)
    return FALSE;
  if (t->keyword)
    {
      for (guint i = 0; i < G_N_ELEMENTS (compound_keywords); i++)
        if (strcmp (t->text, compound_keywords[i]) == 0)
          return TRUE;
      return FALSE;
    }
  /* soft keywords: `match x:` and `case p:` as a header, followed by a
   * block (no simple statement ends in ':') */
  if ((strcmp (t->text, "match") == 0 || strcmp (t->text, "case") == 0) && end > first + 1)
    {
      SlPyToken *last = sl_py_tree_token (ps->tree, end - 1);
      SlPyToken *after = sl_py_tree_token (ps->tree, end);

      if (token_is (last, ":") && after->type == SL_PY_TOKEN_NEWLINE &&
          sl_py_tree_token (ps->tree, end + 1)->type == SL_PY_TOKEN_INDENT)
        return TRUE;
    }
  return FALSE;
}

/* The ':' that ends a compound statement's header, between [first, end):
 * the first at bracket depth 0 that no lambda takes. */
static guint
header_colon (Parser *ps,
              guint   first,
              guint   end)
{
  guint depth = 0, lambdas = 0;

  for (guint i = first; i < end; i++)
    {
      SlPyToken *t = sl_py_tree_token (ps->tree, i);

      if (t->type == SL_PY_TOKEN_OP)
        {
          if (strchr ("([{", t->text[0]) && t->length == 1)
            depth++;
          else if (strchr (")]}", t->text[0]) && t->length == 1)
            depth--;
          else if (depth == 0 && strcmp (t->text, ":") == 0)
            {
              if (lambdas == 0)
                return i;
              lambdas--;
            }
        }
      else if (depth == 0 && t->keyword && strcmp (t->text, "lambda") == 0)
        lambdas++;
    }
  return 0;
}

static GPtrArray *parse_block (Parser *ps, guint depth, gboolean module);

/* Simple statements of one logical line, [first, end) split at top-level ';'. */
static void
add_simple_statements (Parser    *ps,
                       GPtrArray *out,
                       guint      first,
                       guint      end,
                       guint      depth)
{
  guint start = first, nest = 0;

  for (guint i = first; i <= end; i++)
    {
      SlPyToken *t = i < end ? sl_py_tree_token (ps->tree, i) : NULL;

      if (t && t->type == SL_PY_TOKEN_OP && t->length == 1)
        {
          if (strchr ("([{", t->text[0]))
            nest++;
          else if (strchr (")]}", t->text[0]))
            nest--;
        }
      if (!t || (nest == 0 && token_is (t, ";")))
        {
          if (i > start)
            {
              SlPyStmt *stmt = g_new0 (SlPyStmt, 1);

              stmt->first = start;
              stmt->last = i;
              stmt->depth = depth;
              g_ptr_array_add (out, stmt);
            }
          start = i + 1;
        }
    }
}

static gboolean
parse_statement (Parser    *ps,
                 GPtrArray *out,
                 guint      depth)
{
  guint first = ps->pos, end = first;
  SlPyToken *t;

  while (sl_py_tree_token (ps->tree, end)->type != SL_PY_TOKEN_NEWLINE &&
         sl_py_tree_token (ps->tree, end)->type != SL_PY_TOKEN_END)
    {
      SlPyToken *x = sl_py_tree_token (ps->tree, end);

      if (x->type == SL_PY_TOKEN_INDENT || x->type == SL_PY_TOKEN_DEDENT)
        return parse_fail (ps, x, "IndentationError: unexpected indent");
      end++;
    }
  t = sl_py_tree_token (ps->tree, first);

  if (starts_compound (ps, first, end))
    {
      guint colon = header_colon (ps, first, end);
      SlPyStmt *stmt;

      if (colon == 0)
        return parse_fail (ps, sl_py_tree_token (ps->tree, end), "SyntaxError: expected ':'");
      stmt = g_new0 (SlPyStmt, 1);
      stmt->first = first;
      stmt->last = colon + 1;
      stmt->colon = colon;
      stmt->depth = depth;
      g_ptr_array_add (out, stmt);

      if (colon + 1 < end)
        {
          /* `if x: a; b` — the body on the header's line */
          stmt->body = g_ptr_array_new_with_free_func (stmt_free);
          add_simple_statements (ps, stmt->body, colon + 1, end, depth + 1);
          ps->pos = end + 1;
          return TRUE;
        }
      ps->pos = end + 1;   /* past NEWLINE */
      if (peek (ps)->type != SL_PY_TOKEN_INDENT)
        {
          const char *what = t->text;

          if (strcmp (what, "async") == 0 && first + 1 < end)
            what = sl_py_tree_token (ps->tree, first + 1)->text;
          if (strcmp (what, "def") == 0 || strcmp (what, "class") == 0)
            return parse_fail (ps, peek (ps),
                               "IndentationError: expected an indented block after %s definition on line %u",
                               strcmp (what, "def") == 0 ? "function" : "class", t->line);
          return parse_fail (ps, peek (ps),
                             "IndentationError: expected an indented block after '%s' statement on line %u",
                             what, t->line);
        }
      ps->pos++;
      stmt->body = parse_block (ps, depth + 1, FALSE);
      return stmt->body != NULL;
    }

  add_simple_statements (ps, out, first, end, depth);
  ps->pos = end + (sl_py_tree_token (ps->tree, end)->type == SL_PY_TOKEN_NEWLINE ? 1 : 0);
  return TRUE;
}

static GPtrArray *
parse_block (Parser   *ps,
             guint     depth,
             gboolean  module)
{
  g_autoptr(GPtrArray) block = g_ptr_array_new_with_free_func (stmt_free);

  while (TRUE)
    {
      SlPyToken *t = peek (ps);

      if (t->type == SL_PY_TOKEN_END)
        {
          if (!module)
            break;
          return g_steal_pointer (&block);
        }
      if (t->type == SL_PY_TOKEN_DEDENT)
        {
          if (module)
            return parse_fail (ps, t, "IndentationError: unexpected unindent"), NULL;
          ps->pos++;
          return g_steal_pointer (&block);
        }
      if (t->type == SL_PY_TOKEN_INDENT)
        return parse_fail (ps, t, "IndentationError: unexpected indent"), NULL;
      if (t->type == SL_PY_TOKEN_NEWLINE)
        {
          ps->pos++;
          continue;
        }
      if (!parse_statement (ps, block, depth))
        return NULL;
    }
  return g_steal_pointer (&block);
}

void
sl_py_tree_free (SlPyTree *tree)
{
  if (tree == NULL)
    return;
  if (tree->tokens)
    {
      for (guint i = 0; i < tree->tokens->len; i++)
        g_free (g_array_index (tree->tokens, SlPyToken, i).text);
      g_array_unref (tree->tokens);
    }
  if (tree->module)
    g_ptr_array_unref (tree->module);
  g_free (tree);
}

SlPyTree *
sl_py_tree_parse (const char  *source,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(SlPyTree) tree = g_new0 (SlPyTree, 1);
  const char *bad;
  Lexer lx = { 0 };
  Parser ps = { 0 };

  if (length > SL_PY_MAX_SOURCE)
    {
      g_set_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_LIMIT,
                   "line 1, column 1: the source is %" G_GSIZE_FORMAT " bytes; Slot Lab reads at most %d MiB",
                   length, SL_PY_MAX_SOURCE / (1024 * 1024));
      return NULL;
    }
  if (memchr (source, '\0', length))
    {
      const char *nul = memchr (source, '\0', length);
      guint line = 1, column = 1;

      for (const char *p = source; p < nul; p++)
        if (*p == '\n')
          line++, column = 1;
        else if (((guchar) *p & 0xc0) != 0x80)
          column++;
      g_set_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_ENCODING,
                   "line %u, column %u: SyntaxError: source code cannot contain null bytes", line, column);
      return NULL;
    }
  if (!g_utf8_validate_len (source, length, &bad))
    {
      guint line = 1, column = 1;

      for (const char *p = source; p < bad; p++)
        if (*p == '\n')
          line++, column = 1;
        else if (((guchar) *p & 0xc0) != 0x80)
          column++;
      g_set_error (error, SL_PYTHON_READER_ERROR, SL_PYTHON_READER_ERROR_ENCODING,
                   "line %u, column %u: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x%02x in position %"
                   G_GSIZE_FORMAT ": the source is not UTF-8",
                   line, column, (guint) (guchar) *bad, (gsize) (bad - source));
      return NULL;
    }
  if (length >= 3 && memcmp (source, "\xef\xbb\xbf", 3) == 0)
    source += 3, length -= 3;

  tree->tokens = g_array_sized_new (FALSE, FALSE, sizeof (SlPyToken), length / 4 + 16);
  lx.source = source;
  lx.p = source;
  lx.end = source + length;
  lx.line = 1;
  lx.column = 1;
  lx.tokens = tree->tokens;
  lx.error = error;
  if (!lex (&lx))
    return NULL;

  ps.tree = tree;
  ps.error = error;
  tree->module = parse_block (&ps, 0, TRUE);
  if (tree->module == NULL)
    return NULL;
  return g_steal_pointer (&tree);
}
