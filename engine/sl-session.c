/* sl-session.c: the session file (PRODUCT.md, "slotlab-session" version 1).
 *
 * Loading runs in three steps, and a session exists only if all three pass:
 *
 *  1. The bytes: at most SL_SESSION_MAX_FILE_SIZE, UTF-8 without NUL, and
 *     strict JSON (sl_session_check_json_text() below).  json-glib 1.6 is
 *     lenient in ways a file format must not be (it takes `{} {}`, single
 *     quotes, comments and hex numbers, wraps integers that overflow, lets a
 *     lone \udc00 through as invalid UTF-8, and recurses once per nesting
 *     level), so nothing reaches JsonParser before this check passes.
 *     A UTF-8 byte order mark at the very start is skipped: it is harmless,
 *     some editors still write one, and refusing it would lose a file for
 *     nothing.  A UTF-16 or UTF-32 byte order mark is refused by name.
 *  2. The tree: JsonParser builds it.
 *  3. The meaning: every member is checked for its type and value and the
 *     session is built as it goes; the first problem ends the load with one
 *     GError whose message starts with the JSON path of the member at fault
 *     (`classes[2].bases[0]: ...`, `$` for the whole document) or the line
 *     and column for problems of the text.  Classes go through
 *     sl_chain_append(), so the chain's own structural checks hold for a
 *     loaded chain exactly as for an edited one.
 *
 * Members this version does not know are ignored, so that a newer Slot Lab
 * can add optional members without breaking older ones; "title", "notes",
 * "python", "experiments" and a class's "bases", "slots" and "init" may be
 * left out (they default to "", "", "3.12", [], [], null and []).
 *
 * A session never names a program to run.  An "interpreter" member at the
 * top level or in an experiment is ignored here and is never used to choose
 * what to execute; only a result may carry one, and there it is provenance
 * (which interpreter produced that figure), shown, never run.
 *
 * Saving builds the tree with JsonBuilder and writes it out itself (see
 * write_node() for why not JsonGenerator), members in PRODUCT.md's order,
 * to a temporary file in the same folder, and renames that over the
 * target (g_file_set_contents_full() with
 * G_FILE_SET_CONTENTS_CONSISTENT, and DURABLE so that it is on disk before
 * the rename).  A save that fails or is killed leaves the old file whole.
 * Before writing, the text is loaded back, so a session the model can hold
 * but the format refuses (an experiment naming a removed class, say) is
 * reported as a failed save instead of being written as a file that would
 * not open again.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-engine-resources.h"
#include "sl-profile.h"
#include "sl-session-private.h"

#define FORMAT_NAME             "slotlab-session"
#define FORMAT_VERSION          1
#define DEFAULT_PYTHON          "3.12"
#define LECTURE_17_RESOURCE     "/io/github/slotlab/SlotLab/engine/lecture-17.slotlab"
#define MAX_EXPERIMENT_NAME     1024
#define MAX_EXPERIMENT_PYTHONS  64
#define MAX_RESULTS             262144
#define MAX_INTERPRETER_PATH    4096
#define MAX_QUOTED              80

struct _SlSession
{
  GObject     parent_instance;

  char       *title;
  char       *notes;
  char       *python;
  SlChain    *chain;
  GListStore *experiments;   /* SlExperiment */
  gboolean    modified;
};

G_DEFINE_FINAL_TYPE (SlSession, sl_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-session-error-quark, sl_session_error)

enum { PROP_0, PROP_TITLE, PROP_NOTES, PROP_PYTHON, PROP_MODIFIED, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* Text checks ----------------------------------------------------------- */

typedef struct
{
  const char *data;
  const char *end;
  const char *p;
  GHashTable *keys[SL_SESSION_MAX_DEPTH + 1];  /* member names per open object */
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
  g_set_error (error, SL_SESSION_ERROR, code, "line %u, column %u: %s", line, column, message);
  return FALSE;
}

/* A short, printable rendering of a piece of user text for a message. */
static char *
quote_for_message (const char *text)
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

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
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
      int v = hex_value (s->p[i]);

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
        return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
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
              return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                              "\\u must be followed by four hexadecimal digits");
            if (u == 0)
              return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                              "a string holds a NUL character (\\u0000)");
            if (u >= 0xDC00 && u <= 0xDFFF)
              return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                              "\\u%04X is half of a surrogate pair without its first half", u);
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                  return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                                  "\\u%04X is half of a surrogate pair without its second half", u);
                s->p += 2;
                if (!scan_hex4 (s, &low))
                  return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                                  "\\u must be followed by four hexadecimal digits");
                if (low < 0xDC00 || low > 0xDFFF)
                  return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                                  "\\u%04X is half of a surrogate pair without its second half", u);
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            g_string_append_unichar (s->text, u);
          }
          break;
        default:
          if (g_ascii_isgraph (s->p[-1]))
            return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                            "\\%c is not a JSON escape", s->p[-1]);
          return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, at,
                          "a backslash before a character that is not a JSON escape");
        }
    }

  return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, start,
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
    return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, start, "a number needs digits");
  if (*s->p == '0')
    {
      s->p++;
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, start,
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
        return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, start,
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
        return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, start,
                        "a number needs digits after its exponent");
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (s->p - start > 64)
    return fail_at (error, SL_SESSION_ERROR_LIMIT, s->data, start,
                    "a number of %d characters is longer than any this format uses",
                    (int) (s->p - start));

  text = g_strndup (start, s->p - start);
  errno = 0;
  if (integer)
    {
      (void) g_ascii_strtoll (text, NULL, 10);
      if (errno == ERANGE)
        return fail_at (error, SL_SESSION_ERROR_LIMIT, s->data, start,
                        "the integer %s does not fit in 64 bits", text);
    }
  else
    {
      double d = g_ascii_strtod (text, NULL);

      if (!isfinite (d))
        return fail_at (error, SL_SESSION_ERROR_LIMIT, s->data, start,
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
    return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p,
                    "the file ends before the JSON value does (truncated?)");
  if ((guchar) *s->p < 0x80 && g_ascii_isprint (*s->p))
    return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p,
                    "unexpected '%c'", *s->p);
  return fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p, "unexpected character");
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

  if (depth >= SL_SESSION_MAX_DEPTH)
    return fail_at (error, SL_SESSION_ERROR_LIMIT, s->data, s->p,
                    "arrays and objects nest deeper than %d levels", SL_SESSION_MAX_DEPTH);
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
                fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p,
                         "a member name must be a string in double quotes");
              else
                scan_unexpected (s, error);
              goto out;
            }
          if (!scan_string (s, error))
            goto out;
          if (!g_hash_table_add (s->keys[depth], g_strdup (s->text->str)))
            {
              g_autofree char *quoted = quote_for_message (s->text->str);

              fail_at (error, SL_SESSION_ERROR_PARSE, s->data, key_at,
                       "the member %s appears twice in the same object", quoted);
              goto out;
            }
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            {
              if (s->p < s->end)
                fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p,
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
              fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p,
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
        fail_at (error, SL_SESSION_ERROR_PARSE, s->data, s->p,
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
sl_session_check_json_text (const char  *data,
                            gsize        length,
                            GError     **error)
{
  Scanner s = { 0, };
  const char *bad;
  const char *nul;
  gboolean ok;

  if ((nul = memchr (data, '\0', length)) != NULL)
    return fail_at (error, SL_SESSION_ERROR_PARSE, data, nul,
                    "a NUL byte; a session file is UTF-8 text");
  if (!g_utf8_validate_len (data, length, &bad))
    return fail_at (error, SL_SESSION_ERROR_PARSE, data, bad, "this is not valid UTF-8 text");

  s.data = data;
  s.end = data + length;
  s.p = data;
  s.text = g_string_new (NULL);

  skip_space (&s);
  if (s.p >= s.end)
    {
      g_string_free (s.text, TRUE);
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                           "$: the file is empty");
      return FALSE;
    }

  ok = scan_value (&s, 0, error);
  if (ok)
    {
      skip_space (&s);
      if (s.p < s.end)
        ok = fail_at (error, SL_SESSION_ERROR_PARSE, data, s.p,
                      "text after the end of the JSON value");
    }
  g_string_free (s.text, TRUE);
  return ok;
}


/* Python reprs of JSON values --------------------------------------------- */

static void
append_str_repr (GString    *out,
                 const char *text)
{
  char quote = strchr (text, '\'') && !strchr (text, '"') ? '"' : '\'';

  g_string_append_c (out, quote);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (c == (gunichar) quote || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      /* str.isprintable(): not Other (Cc Cf Cs Co Cn) nor a separator but space. */
      else if (t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT || t == G_UNICODE_SURROGATE ||
               t == G_UNICODE_PRIVATE_USE || t == G_UNICODE_UNASSIGNED ||
               t == G_UNICODE_LINE_SEPARATOR || t == G_UNICODE_PARAGRAPH_SEPARATOR ||
               t == G_UNICODE_SPACE_SEPARATOR)
        g_string_append_printf (out, c < 0x100 ? "\\x%02x" : c < 0x10000 ? "\\u%04x" : "\\U%08x",
                                c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, quote);
}

/* repr(float): the shortest digits that read back to the same double,
 * in fixed notation for exponents -4..15 and scientific otherwise. */
static void
append_float_repr (GString *out,
                   double   d)
{
  char buf[64];
  char digits[32];
  guint n_digits = 0;
  const char *e;
  int exponent;

  if (signbit (d))
    {
      g_string_append_c (out, '-');
      d = -d;
    }
  if (d == 0)
    {
      g_string_append (out, "0.0");
      return;
    }

  for (int precision = 0; precision <= 17; precision++)
    {
      g_snprintf (buf, sizeof buf, "%.*e", precision, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }

  for (const char *p = buf; *p && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && n_digits < sizeof digits - 1)
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';
  e = strchr (buf, 'e');
  exponent = e ? atoi (e + 1) : 0;

  if (exponent < -4 || exponent >= 16)
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%c%02d", exponent < 0 ? '-' : '+', ABS (exponent));
    }
  else if (exponent < 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -exponent - 1; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      for (int i = 0; i <= exponent; i++)
        g_string_append_c (out, (guint) i < n_digits ? digits[i] : '0');
      g_string_append_c (out, '.');
      if ((guint) exponent + 1 < n_digits)
        g_string_append (out, digits + exponent + 1);
      else
        g_string_append_c (out, '0');
    }
}

static void
append_repr (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "None");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "True" : "False");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_float_repr (out, json_node_get_double (node));
          break;
        default:
          append_str_repr (out, json_node_get_string (node));
          break;
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append (out, ", ");
            append_repr (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append (out, ", ");
            first = FALSE;
            append_str_repr (out, name);
            g_string_append (out, ": ");
            append_repr (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
sl_session_python_repr (JsonNode    *node,
                        const char **py_type)
{
  GString *out = g_string_new (NULL);
  const char *type = "str";

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL: type = "NoneType"; break;
    case JSON_NODE_ARRAY: type = "list"; break;
    case JSON_NODE_OBJECT: type = "dict"; break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: type = "bool"; break;
        case G_TYPE_INT64: type = "int"; break;
        case G_TYPE_DOUBLE: type = "float"; break;
        default: break;
        }
      break;
    default:
      break;
    }
  if (py_type != NULL)
    *py_type = type;
  append_repr (out, node);
  return g_string_free (out, FALSE);
}

/* The inverse of append_repr(), for the reprs it writes. */
typedef struct
{
  const char *p;
  guint       depth;
} ReprReader;

static JsonNode *read_repr (ReprReader *r);

static gboolean
read_word (ReprReader *r,
           const char *word)
{
  gsize len = strlen (word);

  if (strncmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static char *
read_str_repr (ReprReader *r)
{
  char quote = *r->p++;
  g_autoptr(GString) out = g_string_new (NULL);

  while (*r->p && *r->p != quote)
    {
      if (*r->p != '\\')
        {
          g_string_append_c (out, *r->p++);
          continue;
        }
      r->p++;
      switch (*r->p)
        {
        case '\\': case '\'': case '"':
          g_string_append_c (out, *r->p++);
          break;
        case 't': g_string_append_c (out, '\t'); r->p++; break;
        case 'n': g_string_append_c (out, '\n'); r->p++; break;
        case 'r': g_string_append_c (out, '\r'); r->p++; break;
        case 'x': case 'u': case 'U':
          {
            int n = *r->p == 'x' ? 2 : *r->p == 'u' ? 4 : 8;
            gunichar c = 0;

            r->p++;
            for (int i = 0; i < n; i++)
              {
                int v = hex_value (*r->p);

                if (v < 0)
                  return NULL;
                c = (c << 4) | (gunichar) v;
                r->p++;
              }
            if (c == 0 || !g_unichar_validate (c))
              return NULL;
            g_string_append_unichar (out, c);
          }
          break;
        default:
          return NULL;
        }
    }
  if (*r->p != quote || !g_utf8_validate (out->str, out->len, NULL))
    return NULL;
  r->p++;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonNode *
read_number_repr (ReprReader *r)
{
  const char *start = r->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;
  char *end;

  if (*r->p == '-')
    r->p++;
  while (g_ascii_isdigit (*r->p) || *r->p == '.' || *r->p == 'e' || *r->p == 'E' ||
         ((*r->p == '+' || *r->p == '-') && (r->p[-1] == 'e' || r->p[-1] == 'E')))
    {
      if (!g_ascii_isdigit (*r->p))
        integer = FALSE;
      r->p++;
    }
  text = g_strndup (start, r->p - start);
  errno = 0;
  if (integer)
    {
      gint64 v = g_ascii_strtoll (text, &end, 10);

      if (errno != 0 || *end != '\0' || end == text)
        return NULL;
      return json_node_init_int (json_node_alloc (), v);
    }
  else
    {
      double d = g_ascii_strtod (text, &end);

      /* ERANGE also means a subnormal such as 5e-324: fine if finite. */
      if (*end != '\0' || end == text || !isfinite (d))
        return NULL;
      return json_node_init_double (json_node_alloc (), d);
    }
}

static JsonNode *
read_repr (ReprReader *r)
{
  if (++r->depth > SL_SESSION_MAX_DEPTH)
    return NULL;

  if (read_word (r, "None"))
    return json_node_init_null (json_node_alloc ());
  if (read_word (r, "True"))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  if (read_word (r, "False"))
    return json_node_init_boolean (json_node_alloc (), FALSE);
  if (*r->p == '\'' || *r->p == '"')
    {
      g_autofree char *text = read_str_repr (r);

      return text ? json_node_init_string (json_node_alloc (), text) : NULL;
    }
  if (*r->p == '-' || g_ascii_isdigit (*r->p))
    return read_number_repr (r);

  if (*r->p == '[')
    {
      g_autoptr(JsonArray) array = json_array_new ();

      r->p++;
      while (*r->p != ']')
        {
          JsonNode *element;

          if (json_array_get_length (array) > 0 && !read_word (r, ", "))
            return NULL;
          if ((element = read_repr (r)) == NULL)
            return NULL;
          r->depth--;
          json_array_add_element (array, element);
        }
      r->p++;
      return json_node_init_array (json_node_alloc (), array);
    }

  if (*r->p == '{')
    {
      g_autoptr(JsonObject) object = json_object_new ();

      r->p++;
      while (*r->p != '}')
        {
          g_autofree char *name = NULL;
          JsonNode *member;

          if (json_object_get_size (object) > 0 && !read_word (r, ", "))
            return NULL;
          if ((*r->p != '\'' && *r->p != '"') || (name = read_str_repr (r)) == NULL ||
              !read_word (r, ": ") || json_object_has_member (object, name) ||
              (member = read_repr (r)) == NULL)
            return NULL;
          r->depth--;
          json_object_set_member (object, name, member);
        }
      r->p++;
      return json_node_init_object (json_node_alloc (), object);
    }

  return NULL;
}

JsonNode *
sl_session_parse_repr (const char *text,
                       const char *py_type)
{
  ReprReader r = { text, 0 };
  JsonNode *node = read_repr (&r);
  g_autofree char *again = NULL;
  const char *type = NULL;

  if (node == NULL)
    return NULL;
  /* Only what reads back to the same repr and type is the value it was. */
  again = sl_session_python_repr (node, &type);
  if (*r.p != '\0' || strcmp (again, text) != 0 || g_strcmp0 (type, py_type) != 0)
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}


/* Loading ----------------------------------------------------------------- */

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError     **error,
      int          code,
      const char  *path,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_SESSION_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return "a boolean";
        case G_TYPE_INT64: return "an integer";
        case G_TYPE_DOUBLE: return "a number with a fraction or exponent";
        case G_TYPE_STRING: return "a string";
        default: break;
        }
      break;
    default:
      break;
    }
  return "a value of another kind";
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
wrong_type (GError    **error,
            const char *path,
            const char *expected,
            JsonNode   *node)
{
  return fail (error, SL_SESSION_ERROR_INVALID, path, "expected %s, found %s",
               expected, describe_node (node));
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *parent,
            const char  *name,
            gboolean     required,
            char       **path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  g_free (*path);
  *path = strcmp (parent, "$") == 0 ? g_strdup (name) : g_strdup_printf ("%s.%s", parent, name);
  if (node == NULL && required)
    fail (error, SL_SESSION_ERROR_INVALID, *path, "missing");
  return node;
}

/* A string member of at most max_len bytes; default_value when absent
 * (NULL: required). */
static gboolean
get_string (JsonObject  *object,
            const char  *parent,
            const char  *name,
            const char  *default_value,
            gsize        max_len,
            const char **out,
            GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, default_value == NULL, &path, error);

  if (node == NULL)
    {
      *out = default_value;
      return default_value != NULL;
    }
  if (!node_is_string (node))
    return wrong_type (error, path, "a string", node);
  *out = json_node_get_string (node);
  if (strlen (*out) > max_len)
    return fail (error, SL_SESSION_ERROR_LIMIT, path, "longer than the limit of %" G_GSIZE_FORMAT
                 " bytes", max_len);
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *parent,
           const char  *name,
           gboolean     required,
           guint        max_len,
           JsonArray  **out,
           GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, required, &path, error);

  *out = NULL;
  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, path, "an array", node);
  *out = json_node_get_array (node);
  if (json_array_get_length (*out) > max_len)
    return fail (error, SL_SESSION_ERROR_LIMIT, path, "%u items, more than the limit of %u",
                 json_array_get_length (*out), max_len);
  return TRUE;
}

static gboolean
get_count (JsonObject  *object,
           const char  *parent,
           const char  *name,
           guint64      min,
           guint64      max,
           guint64     *out,
           GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, TRUE, &path, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!node_is_integer (node))
    return wrong_type (error, path, "an integer", node);
  value = json_node_get_int (node);
  if (value < 0 || (guint64) value < min)
    return fail (error, SL_SESSION_ERROR_INVALID, path,
                 "%" G_GINT64_FORMAT " is smaller than %" G_GUINT64_FORMAT, value, min);
  if ((guint64) value > max)
    return fail (error, SL_SESSION_ERROR_LIMIT, path,
                 "%" G_GINT64_FORMAT " is larger than the limit %" G_GUINT64_FORMAT, value, max);
  *out = (guint64) value;
  return TRUE;
}

static gboolean
check_version (const char *path,
               const char *version,
               gboolean    need_profile,
               GError    **error)
{
  g_autoptr(SlProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;

  profile = sl_profile_lookup (version, &local_error);
  if (profile != NULL)
    return TRUE;
  if (!need_profile && g_error_matches (local_error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_UNKNOWN))
    return TRUE;
  return fail (error, SL_SESSION_ERROR_INVALID, path, "%s", local_error->message);
}

static char *
index_path (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static gboolean
load_string_list (JsonArray   *array,
                  const char  *path,
                  GPtrArray   *out,
                  GError     **error)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!node_is_string (node))
        {
          g_autofree char *item_path = index_path (path, i);

          return wrong_type (error, item_path, "a string", node);
        }
      g_ptr_array_add (out, (char *) json_node_get_string (node));
    }
  g_ptr_array_add (out, NULL);
  return TRUE;
}

static gboolean
load_class (SlChain     *chain,
            JsonNode    *node,
            guint        index,
            GError     **error)
{
  g_autofree char *path = index_path ("classes", index);
  g_autofree char *member_path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SlClass) klass = NULL;
  g_autoptr(GPtrArray) bases = g_ptr_array_new ();
  g_autoptr(GPtrArray) init = g_ptr_array_new ();
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) slot_types = NULL;
  g_autoptr(GPtrArray) reprs = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  JsonArray *array;
  JsonNode *slots_node;
  const char *name;
  g_autofree char *quoted_name = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  if (!get_string (object, path, "name", NULL, G_MAXSIZE, &name, error))
    return FALSE;
  member_path = g_strdup_printf ("%s.name", path);
  if (!sl_check_name (name, "the class name", &local_error))
    return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                          ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                 member_path, "%s", local_error->message);
  quoted_name = quote_for_message (name);
  {
    int earlier = sl_chain_index_of (chain, name);

    if (earlier >= 0)
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "a class named %s is already defined at classes[%d]", quoted_name, earlier);
  }

  /* bases: earlier classes; an empty list is object. */
  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.bases", path);
  if (!get_array (object, path, "bases", FALSE, SL_CHAIN_MAX_BASES, &array, error) ||
      !load_string_list (array, member_path, bases, error))
    return FALSE;
  for (guint i = 0; bases->pdata[i]; i++)
    if (sl_chain_lookup (chain, bases->pdata[i]) == NULL)
      {
        g_autofree char *item_path = g_strdup_printf ("%s.bases[%u]", path, i);
        g_autofree char *quoted = quote_for_message (bases->pdata[i]);

        return fail (error, SL_SESSION_ERROR_INVALID, item_path,
                     "%s is not a class defined before %s", quoted, quoted_name);
      }

  /* slots: null (no __slots__) or the tuple as written.  Items that are
   * not strings are kept with their Python type; CPython refuses them when
   * the class is made, and the layout reports its message. */
  g_clear_pointer (&member_path, g_free);
  slots_node = get_member (object, path, "slots", FALSE, &member_path, error);
  if (slots_node != NULL && !JSON_NODE_HOLDS_NULL (slots_node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (slots_node))
        return wrong_type (error, member_path, "an array or null", slots_node);
      array = json_node_get_array (slots_node);
      if (json_array_get_length (array) > SL_CHAIN_MAX_SLOTS)
        return fail (error, SL_SESSION_ERROR_LIMIT, member_path,
                     "%u items, more than the limit of %u",
                     json_array_get_length (array), SL_CHAIN_MAX_SLOTS);

      slots = g_ptr_array_new ();
      slot_types = g_ptr_array_new ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *text;
          const char *py_type = "";

          if (node_is_string (item))
            text = json_node_get_string (item);
          else
            {
              char *repr = sl_session_python_repr (item, &py_type);

              g_ptr_array_add (reprs, repr);
              text = repr;
            }
          if (strlen (text) > SL_CHAIN_MAX_NAME_LEN)
            {
              g_autofree char *item_path = index_path (member_path, i);

              return fail (error, SL_SESSION_ERROR_LIMIT, item_path,
                           "a __slots__ item longer than the limit of %d bytes",
                           SL_CHAIN_MAX_NAME_LEN);
            }
          g_ptr_array_add (slots, (char *) text);
          g_ptr_array_add (slot_types, (char *) py_type);
        }
      g_ptr_array_add (slots, NULL);
      g_ptr_array_add (slot_types, NULL);
    }

  /* init: the names __init__ assigns to self. */
  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.init", path);
  if (!get_array (object, path, "init", FALSE, SL_CHAIN_MAX_INIT, &array, error) ||
      !load_string_list (array, member_path, init, error))
    return FALSE;
  for (guint i = 0; init->pdata[i]; i++)
    {
      g_clear_error (&local_error);
      if (!sl_check_name (init->pdata[i], "the attribute name", &local_error))
        {
          g_autofree char *item_path = index_path (member_path, i);

          return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                                ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                       item_path, "%s", local_error->message);
        }
    }

  klass = sl_class_new (name);
  sl_class_set_bases (klass, (const char * const *) bases->pdata);
  if (slots != NULL)
    sl_class_set_slots_full (klass, (const char * const *) slots->pdata,
                             (const char * const *) slot_types->pdata);
  sl_class_set_init (klass, (const char * const *) init->pdata);

  /* The chain's own checks have the last word. */
  g_clear_error (&local_error);
  if (!sl_chain_append (chain, klass, &local_error))
    return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                          ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                 path, "%s", local_error->message);
  return TRUE;
}

static gboolean
get_enum_string (JsonObject  *object,
                 const char  *parent,
                 const char  *name,
                 gboolean   (*from_string) (const char *, int *),
                 const char  *what,
                 int         *out,
                 GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, TRUE, &path, error);

  if (node == NULL)
    return FALSE;
  if (!node_is_string (node))
    return wrong_type (error, path, "a string", node);
  if (!from_string (json_node_get_string (node), out))
    {
      g_autofree char *quoted = quote_for_message (json_node_get_string (node));

      return fail (error, SL_SESSION_ERROR_INVALID, path, "%s is not %s", quoted, what);
    }
  return TRUE;
}

#define METRICS_TEXT    "a metric (traced, getsizeof, pymalloc or resident)"
#define STRATEGIES_TEXT "a strategy (as-declared, dict, slots or mixed)"
#define BACKENDS_TEXT   "a backend (model or live)"
#define SCALES_TEXT     "a scale (log or linear)"

static gboolean
scale_from_string (const char *text,
                   int        *scale)
{
  if (g_strcmp0 (text, "log") == 0)
    *scale = SL_SCALE_LOG;
  else if (g_strcmp0 (text, "linear") == 0)
    *scale = SL_SCALE_LINEAR;
  else
    return FALSE;
  return TRUE;
}

static gboolean
metric_from_string (const char *text,
                    int        *out)
{
  SlMetric metric;

  if (!sl_metric_from_string (text, &metric))
    return FALSE;
  *out = metric;
  return TRUE;
}

static gboolean
strategy_from_string (const char *text,
                      int        *out)
{
  SlStrategy strategy;

  if (!sl_strategy_from_string (text, &strategy))
    return FALSE;
  *out = strategy;
  return TRUE;
}

static gboolean
backend_from_string (const char *text,
                     int        *out)
{
  SlBackend backend;

  if (!sl_backend_from_string (text, &backend))
    return FALSE;
  *out = backend;
  return TRUE;
}

static gboolean
load_counts (SlExperiment *experiment,
             JsonObject   *parent,
             const char   *parent_path,
             GError      **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (parent, parent_path, "counts", TRUE, &path, error);
  JsonObject *object;
  JsonArray *list;
  guint64 from, to, points;
  int scale;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  if (json_object_has_member (object, "list"))
    {
      g_autofree char *list_path = g_strdup_printf ("%s.list", path);
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint64));

      if (json_object_has_member (object, "from") || json_object_has_member (object, "to") ||
          json_object_has_member (object, "points") || json_object_has_member (object, "scale"))
        return fail (error, SL_SESSION_ERROR_INVALID, path,
                     "give either \"list\" or \"from\", \"to\", \"points\" and \"scale\", not both");
      if (!get_array (object, path, "list", TRUE, SL_EXPERIMENT_MAX_POINTS, &list, error))
        return FALSE;
      if (json_array_get_length (list) == 0)
        return fail (error, SL_SESSION_ERROR_INVALID, list_path, "the list of counts is empty");
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          g_autofree char *item_path = index_path (list_path, i);
          JsonNode *item = json_array_get_element (list, i);
          gint64 count;

          if (!node_is_integer (item))
            return wrong_type (error, item_path, "an integer", item);
          count = json_node_get_int (item);
          if (count < 1)
            return fail (error, SL_SESSION_ERROR_INVALID, item_path,
                         "%" G_GINT64_FORMAT " is smaller than 1", count);
          if ((guint64) count > SL_EXPERIMENT_MAX_COUNT)
            return fail (error, SL_SESSION_ERROR_LIMIT, item_path,
                         "%" G_GINT64_FORMAT " is larger than the limit %" G_GUINT64_FORMAT,
                         count, SL_EXPERIMENT_MAX_COUNT);
          g_array_append_val (counts, count);
        }
      sl_experiment_set_count_list (experiment, (const guint64 *) (gpointer) counts->data,
                                    counts->len);
      return TRUE;
    }

  if (!get_count (object, path, "from", 1, SL_EXPERIMENT_MAX_COUNT, &from, error) ||
      !get_count (object, path, "to", 1, SL_EXPERIMENT_MAX_COUNT, &to, error))
    return FALSE;
  if (to < from)
    {
      g_autofree char *to_path = g_strdup_printf ("%s.to", path);

      return fail (error, SL_SESSION_ERROR_INVALID, to_path,
                   "%" G_GUINT64_FORMAT " is smaller than from (%" G_GUINT64_FORMAT ")", to, from);
    }
  if (!get_count (object, path, "points", 1, SL_EXPERIMENT_MAX_POINTS, &points, error) ||
      !get_enum_string (object, path, "scale", scale_from_string, SCALES_TEXT, &scale, error))
    return FALSE;
  sl_experiment_set_range (experiment, from, to, (guint) points, (SlCountScale) scale);
  return TRUE;
}

static gboolean
load_result (SlExperiment *experiment,
             JsonNode     *node,
             const char   *path,
             GError      **error)
{
  g_autofree char *member_path = NULL;
  SlResultPoint point = { 0, };
  JsonObject *object;
  JsonNode *member;
  const char *python;
  int strategy, backend, metric;
  guint64 count, bytes;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  /* A live run may have used a release no profile covers: the version
   * must be well formed, not known. */
  member_path = g_strdup_printf ("%s.python", path);
  if (!get_string (object, path, "python", NULL, 32, &python, error) ||
      !check_version (member_path, python, FALSE, error) ||
      !get_enum_string (object, path, "strategy", strategy_from_string, STRATEGIES_TEXT,
                        &strategy, error) ||
      !get_enum_string (object, path, "backend", backend_from_string, BACKENDS_TEXT,
                        &backend, error) ||
      !get_enum_string (object, path, "metric", metric_from_string, METRICS_TEXT,
                        &metric, error) ||
      !get_count (object, path, "count", 1, SL_EXPERIMENT_MAX_COUNT, &count, error) ||
      !get_count (object, path, "bytes", 0, G_MAXINT64, &bytes, error))
    return FALSE;

  point.python = (char *) python;
  point.strategy = strategy;
  point.backend = backend;
  point.metric = metric;
  point.count = count;
  point.bytes = bytes;

  if ((member = get_member (object, path, "partial", FALSE, &member_path, error)) != NULL)
    {
      if (!node_is_boolean (member))
        return wrong_type (error, member_path, "true or false", member);
      point.partial = json_node_get_boolean (member);
    }

  /* Provenance only: which interpreter produced the figure.  Never run. */
  if ((member = get_member (object, path, "interpreter", FALSE, &member_path, error)) != NULL &&
      !JSON_NODE_HOLDS_NULL (member))
    {
      if (!node_is_string (member))
        return wrong_type (error, member_path, "a string or null", member);
      point.interpreter = (char *) json_node_get_string (member);
      if (strlen (point.interpreter) > MAX_INTERPRETER_PATH)
        return fail (error, SL_SESSION_ERROR_LIMIT, member_path,
                     "longer than the limit of %d bytes", MAX_INTERPRETER_PATH);
    }

  sl_experiment_add_result (experiment, &point);
  return TRUE;
}

static gboolean
load_experiment (SlSession  *session,
                 JsonNode   *node,
                 guint       index,
                 GError    **error)
{
  g_autofree char *path = index_path ("experiments", index);
  g_autofree char *member_path = NULL;
  g_autoptr(SlExperiment) experiment = NULL;
  g_autoptr(GArray) strategies = g_array_new (FALSE, FALSE, sizeof (SlStrategy));
  g_autoptr(GPtrArray) pythons = g_ptr_array_new ();
  JsonObject *object;
  JsonArray *array;
  const char *name, *class_name;
  int metric, backend;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  /* An "interpreter" member here is ignored: a session never chooses the
   * program a live run executes (PRODUCT.md). */

  if (!get_string (object, path, "name", NULL, MAX_EXPERIMENT_NAME, &name, error) ||
      !get_string (object, path, "class", NULL, G_MAXSIZE, &class_name, error))
    return FALSE;
  if (sl_chain_lookup (session->chain, class_name) == NULL)
    {
      g_autofree char *quoted = quote_for_message (class_name);

      member_path = g_strdup_printf ("%s.class", path);
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "%s is not a class of this session", quoted);
    }

  experiment = sl_experiment_new (name, class_name);

  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.strategies", path);
  if (!get_array (object, path, "strategies", TRUE, SL_N_STRATEGIES * 4, &array, error))
    return FALSE;
  if (json_array_get_length (array) == 0)
    return fail (error, SL_SESSION_ERROR_INVALID, member_path, "no strategies; name at least one");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (member_path, i);
      JsonNode *item = json_array_get_element (array, i);
      SlStrategy strategy;

      if (!node_is_string (item))
        return wrong_type (error, item_path, "a string", item);
      if (!sl_strategy_from_string (json_node_get_string (item), &strategy))
        {
          g_autofree char *quoted = quote_for_message (json_node_get_string (item));

          return fail (error, SL_SESSION_ERROR_INVALID, item_path, "%s is not " STRATEGIES_TEXT,
                       quoted);
        }
      for (guint j = 0; j < strategies->len; j++)
        if (g_array_index (strategies, SlStrategy, j) == strategy)
          return fail (error, SL_SESSION_ERROR_INVALID, item_path, "\"%s\" is listed twice",
                       sl_strategy_to_string (strategy));
      g_array_append_val (strategies, strategy);
    }
  sl_experiment_set_strategies (experiment, (const SlStrategy *) (gpointer) strategies->data,
                                strategies->len);

  if (!get_enum_string (object, path, "metric", metric_from_string, METRICS_TEXT, &metric, error))
    return FALSE;
  sl_experiment_set_metric (experiment, metric);

  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.python", path);
  if (!get_array (object, path, "python", TRUE, MAX_EXPERIMENT_PYTHONS, &array, error) ||
      !load_string_list (array, member_path, pythons, error))
    return FALSE;
  for (guint i = 0; pythons->pdata[i]; i++)
    {
      g_autofree char *item_path = index_path (member_path, i);

      if (!check_version (item_path, pythons->pdata[i], TRUE, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (pythons->pdata[i], pythons->pdata[j]) == 0)
          return fail (error, SL_SESSION_ERROR_INVALID, item_path, "\"%s\" is listed twice",
                       (const char *) pythons->pdata[i]);
    }
  sl_experiment_set_pythons (experiment, (const char * const *) pythons->pdata);

  if (!get_enum_string (object, path, "backend", backend_from_string, BACKENDS_TEXT,
                        &backend, error))
    return FALSE;
  sl_experiment_set_backend (experiment, backend);

  if (!load_counts (experiment, object, path, error))
    return FALSE;

  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.results", path);
  if (!get_array (object, path, "results", FALSE, MAX_RESULTS, &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (member_path, i);

      if (!load_result (experiment, json_array_get_element (array, i), item_path, error))
        return FALSE;
    }

  sl_session_add_experiment (session, experiment);
  return TRUE;
}

static gboolean
load_root (SlSession  *session,
           JsonNode   *root,
           GError    **error)
{
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  const char *text;
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, SL_SESSION_ERROR_FORMAT, "$",
                 "not a JSON object, so not a Slot Lab session (found %s)", describe_node (root));
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL)
    return fail (error, SL_SESSION_ERROR_FORMAT, "format",
                 "missing; this is not a Slot Lab session");
  if (!node_is_string (node) || strcmp (json_node_get_string (node), FORMAT_NAME) != 0)
    {
      g_autofree char *found = node_is_string (node) ? quote_for_message (json_node_get_string (node))
                                                      : g_strdup (describe_node (node));

      return fail (error, SL_SESSION_ERROR_FORMAT, "format",
                   "%s is not \"" FORMAT_NAME "\"; this is not a Slot Lab session", found);
    }

  node = json_object_get_member (object, "version");
  if (node == NULL)
    return fail (error, SL_SESSION_ERROR_FORMAT, "version", "missing");
  if (!node_is_integer (node))
    return fail (error, SL_SESSION_ERROR_FORMAT, "version", "expected an integer, found %s",
                 describe_node (node));
  version = json_node_get_int (node);
  if (version > FORMAT_VERSION)
    return fail (error, SL_SESSION_ERROR_FORMAT, "version",
                 "%" G_GINT64_FORMAT ": this file was written by a newer Slot Lab "
                 "(this one reads version %d)", version, FORMAT_VERSION);
  if (version < FORMAT_VERSION)
    return fail (error, SL_SESSION_ERROR_FORMAT, "version",
                 "%" G_GINT64_FORMAT " is not a version of the session format", version);

  if (!get_string (object, "$", "title", "", SL_SESSION_MAX_TEXT, &text, error))
    return FALSE;
  sl_session_set_title (session, text);
  if (!get_string (object, "$", "notes", "", SL_SESSION_MAX_TEXT, &text, error))
    return FALSE;
  sl_session_set_notes (session, text);
  if (!get_string (object, "$", "python", DEFAULT_PYTHON, 32, &text, error) ||
      !check_version ("python", text, TRUE, error))
    return FALSE;
  sl_session_set_python (session, text);

  /* A top-level "interpreter" member is ignored: see the comment at the top. */

  if (!get_array (object, "$", "classes", TRUE, SL_CHAIN_MAX_CLASSES, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_class (session->chain, json_array_get_element (array, i), i, error))
      return FALSE;

  if (!get_array (object, "$", "experiments", FALSE, SL_SESSION_MAX_EXPERIMENTS, &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    if (!load_experiment (session, json_array_get_element (array, i), i, error))
      return FALSE;

  return TRUE;
}

/* json-glib's "<data>:3:5: Parse error: ..." as "line 3, column 5: ...". */
static void
set_parser_error (GError     **error,
                  const GError *parser_error)
{
  const char *message = parser_error->message;
  guint line = 0, column = 0;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      message += consumed;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE, "line %u, column %u: %s",
                   line, column, message);
    }
  else
    g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE, "$: %s", message);
}

SlSession *
sl_session_load_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > SL_SESSION_MAX_FILE_SIZE)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                   "$: the file is %" G_GSIZE_FORMAT " bytes, more than the limit of %d bytes",
                   len, SL_SESSION_MAX_FILE_SIZE);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  else if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                           "$: the file is UTF-16 (or UTF-32) text; a session file is UTF-8");
      return NULL;
    }
  else if (len >= 4 && memcmp (data, "\x00\x00\xFE\xFF", 4) == 0)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                           "$: the file is UTF-32 text; a session file is UTF-8");
      return NULL;
    }

  if (!sl_session_check_json_text (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      set_parser_error (error, local_error);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE, "$: the file is empty");
      return NULL;
    }

  session = sl_session_new ();
  if (!load_root (session, json_parser_get_root (parser), error))
    return NULL;

  session->modified = FALSE;
  return g_steal_pointer (&session);
}

SlSession *
sl_session_load_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize total = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO,
                           "a folder, not a session file");
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_get_size (info) > SL_SESSION_MAX_FILE_SIZE)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                   "$: the file is %" G_GOFFSET_FORMAT " bytes, more than the limit of %d bytes",
                   g_file_info_get_size (info), SL_SESSION_MAX_FILE_SIZE);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
      return NULL;
    }

  /* Read at most one byte past the limit: the file may be growing, or a
   * device that never ends. */
  buffer = g_malloc (SL_SESSION_MAX_FILE_SIZE + 1);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer + total,
                                      SL_SESSION_MAX_FILE_SIZE + 1 - total,
                                      cancellable, &local_error);
      if (n < 0)
        {
          g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
      if (total > SL_SESSION_MAX_FILE_SIZE)
        {
          g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                       "$: the file is more than the limit of %d bytes", SL_SESSION_MAX_FILE_SIZE);
          return NULL;
        }
    }

  return sl_session_load_from_data (buffer, total, error);
}

SlSession *
sl_session_new_lecture_17 (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SlSession *session;

  /* From the engine's own resource, which also keeps it linked in from
   * the static library. */
  bytes = g_resource_lookup_data (sl_engine_get_resource (), LECTURE_17_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("the built-in Lecture 17 session is missing: %s", error->message);
  session = sl_session_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
  if (session == NULL)
    g_error ("the built-in Lecture 17 session does not load: %s", error->message);
  return session;
}


/* Saving ------------------------------------------------------------------ */

static void
add_string_array (JsonBuilder        *builder,
                  const char * const *strv)
{
  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_class (JsonBuilder *builder,
           SlClass     *klass)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, sl_class_get_name (klass));
  json_builder_set_member_name (builder, "bases");
  add_string_array (builder, sl_class_get_bases (klass));
  json_builder_set_member_name (builder, "slots");
  if (!sl_class_has_slots (klass))
    json_builder_add_null_value (builder);
  else
    {
      const char * const *slots = sl_class_get_slots (klass);

      json_builder_begin_array (builder);
      for (guint i = 0; slots[i]; i++)
        {
          const char *py_type = sl_class_get_slot_type (klass, i);
          JsonNode *value = NULL;

          /* A non-string item goes back as the JSON value it was read
           * from; one that does not read back is kept as its text. */
          if (py_type != NULL && (value = sl_session_parse_repr (slots[i], py_type)) != NULL)
            json_builder_add_value (builder, value);
          else
            json_builder_add_string_value (builder, slots[i]);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "init");
  add_string_array (builder, sl_class_get_init (klass));
  json_builder_end_object (builder);
}

static void
add_result (JsonBuilder         *builder,
            const SlResultPoint *point)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "python");
  json_builder_add_string_value (builder, point->python ? point->python : "");
  json_builder_set_member_name (builder, "strategy");
  json_builder_add_string_value (builder, sl_strategy_to_string (point->strategy));
  json_builder_set_member_name (builder, "backend");
  json_builder_add_string_value (builder, sl_backend_to_string (point->backend));
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, sl_metric_to_string (point->metric));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, (gint64) MIN (point->count, (guint64) G_MAXINT64));
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) MIN (point->bytes, (guint64) G_MAXINT64));
  if (point->partial)
    {
      json_builder_set_member_name (builder, "partial");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (point->interpreter != NULL)
    {
      json_builder_set_member_name (builder, "interpreter");
      json_builder_add_string_value (builder, point->interpreter);
    }
  json_builder_end_object (builder);
}

static void
add_experiment (JsonBuilder  *builder,
                SlExperiment *experiment)
{
  GArray *strategies = sl_experiment_get_strategies (experiment);
  GPtrArray *results = sl_experiment_get_results (experiment);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, sl_experiment_get_name (experiment));
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, sl_experiment_get_class_name (experiment));

  json_builder_set_member_name (builder, "strategies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < strategies->len; i++)
    json_builder_add_string_value (builder,
                                   sl_strategy_to_string (g_array_index (strategies, SlStrategy, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, sl_metric_to_string (sl_experiment_get_metric (experiment)));
  json_builder_set_member_name (builder, "python");
  add_string_array (builder, sl_experiment_get_pythons (experiment));
  json_builder_set_member_name (builder, "backend");
  json_builder_add_string_value (builder,
                                 sl_backend_to_string (sl_experiment_get_backend (experiment)));

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  if (sl_experiment_get_scale (experiment) == SL_SCALE_LIST)
    {
      g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);

      json_builder_set_member_name (builder, "list");
      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->len; i++)
        json_builder_add_int_value (builder, (gint64) g_array_index (counts, guint64, i));
      json_builder_end_array (builder);
    }
  else
    {
      guint64 from, to;
      guint points;

      sl_experiment_get_range (experiment, &from, &to, &points);
      json_builder_set_member_name (builder, "from");
      json_builder_add_int_value (builder, (gint64) from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_int_value (builder, (gint64) to);
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, points);
      json_builder_set_member_name (builder, "scale");
      json_builder_add_string_value (builder,
                                     sl_experiment_get_scale (experiment) == SL_SCALE_LINEAR
                                       ? "linear" : "log");
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    add_result (builder, g_ptr_array_index (results, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* The text of the file.  Not JsonGenerator: json-glib 1.6 writes the
 * double 1e308 as `1e+308.0`, which is not JSON, and a __slots__ item may
 * be any number.  Numbers here are written as Python's repr() writes them
 * (the shortest text that reads back to the same double), which is JSON.
 * Arrays and objects of plain values go on one line when short, so a
 * class's init list or one result is one line, as in PRODUCT.md. */
static void write_node (GString *out, JsonNode *node, guint indent);

static void
write_json_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
is_container (JsonNode *node)
{
  return JSON_NODE_HOLDS_ARRAY (node) || JSON_NODE_HOLDS_OBJECT (node);
}

/* An array or object whose items are plain values (or empty). */
static gboolean
is_flat (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (is_container (item) && !(JSON_NODE_HOLDS_ARRAY (item)
                                        ? json_array_get_length (json_node_get_array (item)) == 0
                                        : json_object_get_size (json_node_get_object (item)) == 0))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (is_container (member))
          return FALSE;
      return TRUE;
    }
  return TRUE;
}

static void
write_indent (GString *out,
              guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
}

static void
write_container (GString  *out,
                 JsonNode *node,
                 guint     indent,
                 gboolean  inline_items)
{
  gboolean object = JSON_NODE_HOLDS_OBJECT (node);
  guint n = 0;

  g_string_append_c (out, object ? '{' : '[');
  if (object)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_string_append (out, n++ ? "," : "");
          if (inline_items)
            g_string_append (out, n > 1 ? " " : "");
          else
            write_indent (out, indent + 2);
          write_json_string (out, name);
          g_string_append (out, ": ");
          write_node (out, member, indent + 2);
        }
    }
  else
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append (out, n++ ? "," : "");
          if (inline_items)
            g_string_append (out, n > 1 ? " " : "");
          else
            write_indent (out, indent + 2);
          write_node (out, json_array_get_element (array, i), indent + 2);
        }
    }
  if (n > 0 && !inline_items)
    write_indent (out, indent);
  g_string_append_c (out, object ? '}' : ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     indent)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_float_repr (out, json_node_get_double (node));
          break;
        default:
          write_json_string (out, json_node_get_string (node));
          break;
        }
      break;

    case JSON_NODE_ARRAY:
    case JSON_NODE_OBJECT:
      if (is_flat (node))
        {
          gsize start = out->len;

          write_container (out, node, indent, TRUE);
          if (out->len - start + indent <= 120)
            break;
          g_string_truncate (out, start);
        }
      write_container (out, node, indent, FALSE);
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
sl_session_to_data (SlSession *self,
                    gsize     *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n_experiments;
  GString *out;
  char *text;

  g_return_val_if_fail (SL_IS_SESSION (self), NULL);

  /* Members in the order of PRODUCT.md, so that saved files diff well. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, self->notes);
  json_builder_set_member_name (builder, "python");
  json_builder_add_string_value (builder, self->python);

  json_builder_set_member_name (builder, "classes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sl_chain_get_n_classes (self->chain); i++)
    add_class (builder, sl_chain_get_class (self->chain, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "experiments");
  json_builder_begin_array (builder);
  n_experiments = g_list_model_get_n_items (G_LIST_MODEL (self->experiments));
  for (guint i = 0; i < n_experiments; i++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), i);

      add_experiment (builder, experiment);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  out = g_string_new (NULL);
  write_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  text = g_string_free (out, FALSE);
  return text;
}

gboolean
sl_session_save_to_file (SlSession     *self,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(SlSession) check = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SL_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = sl_session_to_data (self, &length);

  /* Never write a file that would not open again. */
  check = sl_session_load_from_data (data, length, &local_error);
  if (check == NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, local_error->code,
                   "the session cannot be saved as it is: %s", local_error->message);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);

      /* A temporary file beside the target, fsync()ed, then renamed over it. */
      if (path == NULL ||
          !g_file_set_contents_full (path, data, length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0666, &local_error))
        {
          g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO,
                               local_error ? local_error->message : "not a local file");
          return FALSE;
        }
    }
  else if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                     cancellable, &local_error))
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
      return FALSE;
    }

  sl_session_set_modified (self, FALSE);
  return TRUE;
}


/* The object ------------------------------------------------------------------- */

static void
mark_edited (SlSession *self)
{
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
sl_session_dispose (GObject *object)
{
  SlSession *self = SL_SESSION (object);

  if (self->chain != NULL)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  if (self->experiments != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->experiments));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SlExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), i);

          g_signal_handlers_disconnect_by_data (experiment, self);
        }
    }
  g_clear_object (&self->chain);
  g_clear_object (&self->experiments);

  G_OBJECT_CLASS (sl_session_parent_class)->dispose (object);
}

static void
sl_session_finalize (GObject *object)
{
  SlSession *self = SL_SESSION (object);

  g_free (self->title);
  g_free (self->notes);
  g_free (self->python);

  G_OBJECT_CLASS (sl_session_parent_class)->finalize (object);
}

static void
sl_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SlSession *self = SL_SESSION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_PYTHON:
      g_value_set_string (value, self->python);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SlSession *self = SL_SESSION (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sl_session_set_title (self, g_value_get_string (value));
      break;
    case PROP_NOTES:
      sl_session_set_notes (self, g_value_get_string (value));
      break;
    case PROP_PYTHON:
      sl_session_set_python (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      sl_session_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_session_class_init (SlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_session_dispose;
  object_class->finalize = sl_session_finalize;
  object_class->get_property = sl_session_get_property;
  object_class->set_property = sl_session_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PYTHON] =
    g_param_spec_string ("python", NULL, NULL, DEFAULT_PYTHON,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once per edit: the title, notes and python, the chain (any class),
   * the list of experiments, or any experiment. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_session_init (SlSession *self)
{
  self->title = g_strdup ("");
  self->notes = g_strdup ("");
  self->python = g_strdup (DEFAULT_PYTHON);
  self->chain = sl_chain_new ();
  self->experiments = g_list_store_new (SL_TYPE_EXPERIMENT);
  g_signal_connect_swapped (self->chain, "changed", G_CALLBACK (mark_edited), self);
}

SlSession *
sl_session_new (void)
{
  return g_object_new (SL_TYPE_SESSION, NULL);
}

gboolean
sl_session_equal (SlSession *a,
                  SlSession *b)
{
  guint n;

  g_return_val_if_fail (SL_IS_SESSION (a), FALSE);
  g_return_val_if_fail (SL_IS_SESSION (b), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (a->experiments));
  if (g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0 ||
      g_strcmp0 (a->python, b->python) != 0 ||
      !sl_chain_equal (a->chain, b->chain) ||
      n != g_list_model_get_n_items (G_LIST_MODEL (b->experiments)))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlExperiment) ea = g_list_model_get_item (G_LIST_MODEL (a->experiments), i);
      g_autoptr(SlExperiment) eb = g_list_model_get_item (G_LIST_MODEL (b->experiments), i);

      if (!sl_experiment_equal (ea, eb))
        return FALSE;
    }
  return TRUE;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

const char *
sl_session_get_title (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->title;
}

void
sl_session_set_title (SlSession  *self,
                      const char *title)
{
  g_return_if_fail (SL_IS_SESSION (self));

  if (replace_string (&self->title, title))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
      mark_edited (self);
    }
}

const char *
sl_session_get_notes (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->notes;
}

void
sl_session_set_notes (SlSession  *self,
                      const char *notes)
{
  g_return_if_fail (SL_IS_SESSION (self));

  if (replace_string (&self->notes, notes))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
      mark_edited (self);
    }
}

const char *
sl_session_get_python (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->python;
}

void
sl_session_set_python (SlSession  *self,
                       const char *python)
{
  g_return_if_fail (SL_IS_SESSION (self));

  if (replace_string (&self->python, python))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PYTHON]);
      mark_edited (self);
    }
}

SlChain *
sl_session_get_chain (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return self->chain;
}

GListModel *
sl_session_get_experiments (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->experiments);
}

void
sl_session_add_experiment (SlSession    *self,
                           SlExperiment *experiment)
{
  g_return_if_fail (SL_IS_SESSION (self));
  g_return_if_fail (SL_IS_EXPERIMENT (experiment));

  g_signal_connect_object (experiment, "changed", G_CALLBACK (mark_edited), self,
                           G_CONNECT_SWAPPED);
  g_list_store_append (self->experiments, experiment);
  mark_edited (self);
}

void
sl_session_remove_experiment (SlSession *self,
                              guint      index)
{
  g_autoptr(SlExperiment) experiment = NULL;

  g_return_if_fail (SL_IS_SESSION (self));
  g_return_if_fail (index < g_list_model_get_n_items (G_LIST_MODEL (self->experiments)));

  experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), index);
  g_signal_handlers_disconnect_by_func (experiment, mark_edited, self);
  g_list_store_remove (self->experiments, index);
  mark_edited (self);
}

SlExperiment *
sl_session_lookup_experiment (SlSession  *self,
                              const char *name)
{
  guint n;

  g_return_val_if_fail (SL_IS_SESSION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->experiments));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (self->experiments), i);

      if (g_strcmp0 (sl_experiment_get_name (experiment), name) == 0)
        return experiment;   /* the store keeps it alive */
    }
  return NULL;
}

gboolean
sl_session_get_modified (SlSession *self)
{
  g_return_val_if_fail (SL_IS_SESSION (self), FALSE);
  return self->modified;
}

void
sl_session_set_modified (SlSession *self,
                         gboolean   modified)
{
  g_return_if_fail (SL_IS_SESSION (self));

  modified = !!modified;
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}
