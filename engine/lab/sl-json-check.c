/* sl-json-check.c: the strict JSON text check that runs before json-glib
 * sees a byte of a session file (step 1 of loading; see sl-session.c) or
 * of a line from the probe (sl-probe-protocol.c).
 *
 * Errors name the line and column (`line L, column C: ...`).
 */

#include <errno.h>
#include <math.h>
#include <string.h>

#include "sl-json-check.h"

G_DEFINE_QUARK (sl-json-check-error-quark, sl_json_check_error)

#define MAX_QUOTED              80

/* Text checks ----------------------------------------------------------- */

typedef struct
{
  const char *data;
  const char *end;
  const char *p;
  GHashTable *keys[SL_JSON_CHECK_MAX_DEPTH + 1];  /* member names per open object */
  GString    *text;                            /* the string being decoded */
} Scanner;

static void
position_of (const char *data,
             const char *at,
             guint      *line,
             guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  /* In characters where the text is valid UTF-8 up to here, else bytes. */
  if (g_utf8_validate_len (line_start, at - line_start, NULL))
    *column = g_utf8_strlen (line_start, at - line_start) + 1;
  else
    *column = (guint) (at - line_start) + 1;
}

static gboolean G_GNUC_PRINTF (5, 6)
fail_at (GError     **error,
         int          code,
         const char  *data,
         const char  *at,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  position_of (data, at, &line, &column);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_JSON_CHECK_ERROR, code, "line %u, column %u: %s", line, column, message);
  return FALSE;
}

/* A short, printable rendering of a piece of user text for a message. */
char *
sl_json_quote_for_message (const char *text)
{
  GString *out = g_string_new ("\"");

  if (!g_utf8_validate (text, -1, NULL))
    return g_string_free (g_string_append (out, "(not UTF-8)\""), FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_utf8_strlen (out->str, -1) >= MAX_QUOTED)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c < 0x20 || c == 0x7f || !g_unichar_isprint (c))
        g_string_append_printf (out, c < 0x10000 ? "\\u%04X" : "\\U%08X", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_hex4 (Scanner   *s,
           gunichar  *out)
{
  *out = 0;
  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int v = g_ascii_xdigit_value (s->p[i]);

      if (v < 0)
        return FALSE;
      *out = (*out << 4) | (gunichar) v;
    }
  s->p += 4;
  return TRUE;
}

/* At the opening quote; decodes into s->text. */
static gboolean
scan_string (Scanner  *s,
             GError  **error)
{
  const char *start = s->p;

  g_string_truncate (s->text, 0);
  s->p++;
  while (s->p < s->end)
    {
      const char *at = s->p;
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                        "a control character (0x%02X) inside a string; write it as \\u%04X",
                        c, c);
      if (c != '\\')
        {
          g_string_append_c (s->text, (char) c);
          s->p++;
          continue;
        }

      s->p++;
      if (s->p >= s->end)
        break;
      switch (*s->p++)
        {
        case '"': g_string_append_c (s->text, '"'); break;
        case '\\': g_string_append_c (s->text, '\\'); break;
        case '/': g_string_append_c (s->text, '/'); break;
        case 'b': g_string_append_c (s->text, '\b'); break;
        case 'f': g_string_append_c (s->text, '\f'); break;
        case 'n': g_string_append_c (s->text, '\n'); break;
        case 'r': g_string_append_c (s->text, '\r'); break;
        case 't': g_string_append_c (s->text, '\t'); break;
        case 'u':
          {
            gunichar u, low;

            if (!scan_hex4 (s, &u))
              return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                              "\\u must be followed by four hexadecimal digits");
            if (u == 0)
              return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                              "a string holds a NUL character (\\u0000)");
            if (u >= 0xDC00 && u <= 0xDFFF)
              return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                              "\\u%04X is half of a surrogate pair without its first half", u);
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                  return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                                  "\\u%04X is half of a surrogate pair without its second half", u);
                s->p += 2;
                if (!scan_hex4 (s, &low))
                  return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                                  "\\u must be followed by four hexadecimal digits");
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                                  "\\u%04X is half of a surrogate pair without its second half", u);
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            g_string_append_unichar (s->text, u);
          }
          break;
        default:
          if (g_ascii_isgraph (s->p[-1]))
            return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                            "\\%c is not a JSON escape", s->p[-1]);
          return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, at,
                          "a backslash before a character that is not a JSON escape");
        }
    }

  return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, start,
                  "this string is not closed before the end of the file");
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  const char *start = s->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (*s->p == '-')
    s->p++;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, start, "a number needs digits");
  if (*s->p == '0')
    {
      s->p++;
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, start,
                        "a number cannot start with 0 (write 7, not 07)");
    }
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;

  if (s->p < s->end && *s->p == '.')
    {
      integer = FALSE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, start,
                        "a number needs digits after its decimal point");
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, start,
                        "a number needs digits after its exponent");
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (s->p - start > 64)
    return fail_at (error, SL_JSON_CHECK_ERROR_LIMIT, s->data, start,
                    "a number of %d characters is longer than any this format uses",
                    (int) (s->p - start));

  text = g_strndup (start, s->p - start);
  errno = 0;
  if (integer)
    {
      (void) g_ascii_strtoll (text, NULL, 10);
      if (errno == ERANGE)
        return fail_at (error, SL_JSON_CHECK_ERROR_LIMIT, s->data, start,
                        "the integer %s does not fit in 64 bits", text);
    }
  else
    {
      double d = g_ascii_strtod (text, NULL);

      if (!isfinite (d))
        return fail_at (error, SL_JSON_CHECK_ERROR_LIMIT, s->data, start,
                        "the number %s is too large", text);
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word,
              GError    **error)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return FALSE;
  s->p += len;
  return TRUE;
}

static gboolean
scan_unexpected (Scanner  *s,
                 GError  **error)
{
  if (s->p >= s->end)
    return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p,
                    "the file ends before the JSON value does (truncated?)");
  if ((guchar) *s->p < 0x80 && g_ascii_isprint (*s->p))
    return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p,
                    "unexpected '%c'", *s->p);
  return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p, "unexpected character");
}

static gboolean scan_value (Scanner *s, guint depth, GError **error);

static gboolean
scan_container (Scanner  *s,
                guint     depth,
                GError  **error)
{
  gboolean object = *s->p == '{';
  char close = object ? '}' : ']';
  gboolean ok = FALSE;

  if (depth >= SL_JSON_CHECK_MAX_DEPTH)
    return fail_at (error, SL_JSON_CHECK_ERROR_LIMIT, s->data, s->p,
                    "arrays and objects nest deeper than %d levels", SL_JSON_CHECK_MAX_DEPTH);
  s->p++;
  if (object)
    s->keys[depth] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      ok = TRUE;
      goto out;
    }

  for (;;)
    {
      skip_space (s);
      if (object)
        {
          const char *key_at = s->p;

          if (s->p >= s->end || *s->p != '"')
            {
              if (s->p < s->end && *s->p != '"')
                fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p,
                         "a member name must be a string in double quotes");
              else
                scan_unexpected (s, error);
              goto out;
            }
          if (!scan_string (s, error))
            goto out;
          if (!g_hash_table_add (s->keys[depth], g_strdup (s->text->str)))
            {
              g_autofree char *quoted = sl_json_quote_for_message (s->text->str);

              fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, key_at,
                       "the member %s appears twice in the same object", quoted);
              goto out;
            }
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            {
              if (s->p < s->end)
                fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p,
                         "expected ':' after a member name");
              else
                scan_unexpected (s, error);
              goto out;
            }
          s->p++;
          skip_space (s);
        }

      if (!scan_value (s, depth + 1, error))
        goto out;

      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          skip_space (s);
          if (s->p < s->end && *s->p == close)
            {
              fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p,
                       "a comma before '%c' (JSON has no trailing commas)", close);
              goto out;
            }
          continue;
        }
      if (s->p < s->end && *s->p == close)
        {
          s->p++;
          ok = TRUE;
          goto out;
        }
      if (s->p >= s->end)
        scan_unexpected (s, error);
      else
        fail_at (error, SL_JSON_CHECK_ERROR_PARSE, s->data, s->p,
                 "expected ',' or '%c'", close);
      goto out;
    }

out:
  if (object)
    g_clear_pointer (&s->keys[depth], g_hash_table_unref);
  return ok;
}

static gboolean
scan_value (Scanner  *s,
            guint     depth,
            GError  **error)
{
  skip_space (s);
  if (s->p >= s->end)
    return scan_unexpected (s, error);

  switch (*s->p)
    {
    case '{':
    case '[':
      return scan_container (s, depth, error);
    case '"':
      return scan_string (s, error);
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return scan_number (s, error);
    default:
      if (scan_literal (s, "true", error) ||
          scan_literal (s, "false", error) ||
          scan_literal (s, "null", error))
        return TRUE;
      return scan_unexpected (s, error);
    }
}

gboolean
sl_json_check_text (const char  *data,
                    gsize        length,
                    GError     **error)
{
  Scanner s = { 0, };
  const char *bad;
  const char *nul;
  gboolean ok;

  if ((nul = memchr (data, '\0', length)) != NULL)
    return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, data, nul,
                    "a NUL byte; a session file is UTF-8 text");
  if (!g_utf8_validate_len (data, length, &bad))
    return fail_at (error, SL_JSON_CHECK_ERROR_PARSE, data, bad, "this is not valid UTF-8 text");

  s.data = data;
  s.end = data + length;
  s.p = data;
  s.text = g_string_new (NULL);

  skip_space (&s);
  if (s.p >= s.end)
    {
      g_string_free (s.text, TRUE);
      g_set_error_literal (error, SL_JSON_CHECK_ERROR, SL_JSON_CHECK_ERROR_PARSE,
                           "$: the file is empty");
      return FALSE;
    }

  ok = scan_value (&s, 0, error);
  if (ok)
    {
      skip_space (&s);
      if (s.p < s.end)
        ok = fail_at (error, SL_JSON_CHECK_ERROR_PARSE, data, s.p,
                      "text after the end of the JSON value");
    }
  g_string_free (s.text, TRUE);
  return ok;
}
