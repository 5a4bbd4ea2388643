/* sl-python-repr.c: Python's repr() of a JSON value as json-glib holds
 * it, and back; for __slots__ items that are not strings (see
 * sl-python-repr.h).
 */

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-python-repr.h"

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
void
sl_python_repr_append_float (GString *out,
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
          sl_python_repr_append_float (out, json_node_get_double (node));
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
sl_python_repr_from_json (JsonNode    *node,
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
                int v = g_ascii_xdigit_value (*r->p);

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
  if (++r->depth > SL_PYTHON_REPR_MAX_DEPTH)
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
sl_python_repr_to_json (const char *text,
                        const char *py_type)
{
  ReprReader r = { text, 0 };
  JsonNode *node = read_repr (&r);
  g_autofree char *again = NULL;
  const char *type = NULL;

  if (node == NULL)
    return NULL;
  /* Only what reads back to the same repr and type is the value it was. */
  again = sl_python_repr_from_json (node, &type);
  if (*r.p != '\0' || strcmp (again, text) != 0 || g_strcmp0 (type, py_type) != 0)
    {
      json_node_unref (node);
      return NULL;
    }
  return node;
}
