/* sl-probe-protocol.c: strict reading of slotlab-probe.py's output lines.
 *
 * The live backend runs an interpreter the user picked; what it prints is
 * untrusted.  Each line goes through the session loader's strict JSON check
 * (UTF-8, no NUL, no repeated members, bounded depth, 64-bit integers)
 * before json-glib sees it, then must be exactly one of the objects the
 * script prints.  Fuzzed by tests/fuzz/fuzz-probe-line.c.
 */

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-probe-protocol.h"
#include "sl-json-check.h"

#define MAX_TEXT 1024

G_DEFINE_QUARK (sl-probe-error-quark, sl_probe_error)

static gboolean
malformed (GError    **error,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
malformed (GError    **error,
           const char *format,
           ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (SL_PROBE_ERROR, SL_PROBE_ERROR_MALFORMED, format, args);
  va_end (args);
  return FALSE;
}

void
sl_probe_line_clear (SlProbeLine *line)
{
  g_clear_pointer (&line->python, g_free);
  g_clear_pointer (&line->implementation, g_free);
  g_clear_pointer (&line->executable, g_free);
  g_clear_pointer (&line->strategy, g_free);
  g_clear_pointer (&line->message, g_free);
  memset (line, 0, sizeof *line);
  line->traced = line->pymalloc = line->resident = line->getsizeof = line->peak_traced = -1;
}

static gboolean
is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_bool (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

/* Only the members named in `allowed` ("name" required, "?name" optional). */
static gboolean
check_members (JsonObject          *object,
               const char * const  *allowed,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    {
      gboolean known = FALSE;

      for (guint i = 0; allowed[i] && !known; i++)
        known = strcmp (allowed[i] + (allowed[i][0] == '?'), l->data) == 0;
      if (!known)
        return malformed (error, "unexpected member “%.64s”", (const char *) l->data);
    }
  for (guint i = 0; allowed[i]; i++)
    if (allowed[i][0] != '?' && !json_object_has_member (object, allowed[i]))
      return malformed (error, "member “%s” is missing", allowed[i]);
  return TRUE;
}

static gboolean
get_text (JsonObject  *object,
          const char  *name,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *text;

  if (!is_string (node))
    return malformed (error, "“%s” is not a string", name);
  text = json_node_get_string (node);
  if (strlen (text) > MAX_TEXT)
    return malformed (error, "“%s” is longer than %d bytes", name, MAX_TEXT);
  *out = g_strdup (text);
  return TRUE;
}

/* A byte count: a non-negative integer, or null where `nullable`. */
static gboolean
get_bytes (JsonObject  *object,
           const char  *name,
           gboolean     nullable,
           gint64      *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = -1;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node) && nullable)
    return TRUE;
  if (!is_integer (node))
    return malformed (error, "“%s” is not an integer%s", name, nullable ? " or null" : "");
  /* Traced bytes from a baseline can dip below it by a few blocks freed. */
  *out = json_node_get_int (node);
  if (*out < -(G_GINT64_CONSTANT (1) << 40))
    return malformed (error, "“%s” is %" G_GINT64_FORMAT ", far below zero", name, *out);
  return TRUE;
}

static gboolean
is_release (const char *text)
{
  guint dots = 0;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if (*p == '.')
        {
          if (!g_ascii_isdigit (p[1]))
            return FALSE;
          dots++;
        }
      else if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return dots == 2 && strlen (text) <= 16;
}

static gboolean
parse_object (JsonObject  *object,
              SlProbeLine *line,
              GError     **error)
{
  if (json_object_has_member (object, "hello"))
    {
      static const char * const members[] = { "hello", "protocol", "python", "implementation",
                                              "free_threaded", "executable", NULL };
      g_autofree char *hello = NULL;
      JsonNode *node;

      line->kind = SL_PROBE_LINE_HELLO;
      if (!check_members (object, members, error) ||
          !get_text (object, "hello", &hello, error))
        return FALSE;
      if (strcmp (hello, "slotlab-probe") != 0)
        return malformed (error, "“hello” is not “slotlab-probe”");
      node = json_object_get_member (object, "protocol");
      if (!is_integer (node) || json_node_get_int (node) != 1)
        return malformed (error, "“protocol” is not 1");
      if (!get_text (object, "python", &line->python, error) ||
          !get_text (object, "implementation", &line->implementation, error) ||
          !get_text (object, "executable", &line->executable, error))
        return FALSE;
      if (!is_release (line->python))
        return malformed (error, "“python” is not a release X.Y.Z");
      {
        char *minor;
        guint64 major = g_ascii_strtoull (line->python, &minor, 10);

        if (major < 3 || (major == 3 && g_ascii_strtoull (minor + 1, NULL, 10) < 8))
          return malformed (error, "“python” is %s, older than 3.8, the oldest that slotlab-probe runs on",
                            line->python);
      }
      node = json_object_get_member (object, "free_threaded");
      if (!is_bool (node))
        return malformed (error, "“free_threaded” is not true or false");
      line->free_threaded = json_node_get_boolean (node);
      return TRUE;
    }

  if (json_object_has_member (object, "count"))
    {
      static const char * const members[] = { "strategy", "count", "?traced", "pymalloc",
                                               "?resident", "getsizeof", "seconds", NULL };
      JsonNode *node;
      gint64 count;

      line->kind = SL_PROBE_LINE_POINT;
      if (!check_members (object, members, error) ||
          !get_text (object, "strategy", &line->strategy, error))
        return FALSE;
      node = json_object_get_member (object, "count");
      if (!is_integer (node) || (count = json_node_get_int (node)) < 1 ||
          count > G_GINT64_CONSTANT (1000000000000))
        return malformed (error, "“count” is not an integer from 1 to 10^12");
      line->count = (guint64) count;
      if (!get_bytes (object, "traced", FALSE, &line->traced, error) ||
          !get_bytes (object, "pymalloc", TRUE, &line->pymalloc, error) ||
          !get_bytes (object, "resident", TRUE, &line->resident, error) ||
          !get_bytes (object, "getsizeof", FALSE, &line->getsizeof, error))
        return FALSE;
      node = json_object_get_member (object, "seconds");
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
           json_node_get_value_type (node) != G_TYPE_INT64) ||
          !isfinite (json_node_get_double (node)) || json_node_get_double (node) < 0)
        return malformed (error, "“seconds” is not a number of seconds");
      line->seconds = json_node_get_double (node);
      return TRUE;
    }

  if (json_object_has_member (object, "done"))
    {
      static const char * const members[] = { "done", "peak_traced", NULL };
      JsonNode *node = json_object_get_member (object, "done");

      line->kind = SL_PROBE_LINE_DONE;
      if (!check_members (object, members, error))
        return FALSE;
      if (!is_bool (node) || !json_node_get_boolean (node))
        return malformed (error, "“done” is not true");
      return get_bytes (object, "peak_traced", TRUE, &line->peak_traced, error);
    }

  if (json_object_has_member (object, "error"))
    {
      static const char * const members[] = { "error", NULL };

      line->kind = SL_PROBE_LINE_ERROR;
      return check_members (object, members, error) &&
             get_text (object, "error", &line->message, error);
    }

  if (json_object_has_member (object, "fatal"))
    {
      static const char * const members[] = { "fatal", NULL };

      line->kind = SL_PROBE_LINE_FATAL;
      return check_members (object, members, error) &&
             get_text (object, "fatal", &line->message, error);
    }

  return malformed (error, "not a line slotlab-probe prints");
}

gboolean
sl_probe_parse_line (const char  *text,
                     gssize       length,
                     SlProbeLine *line,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  gsize len;

  g_return_val_if_fail (line != NULL, FALSE);

  memset (line, 0, sizeof *line);
  sl_probe_line_clear (line);
  if (text == NULL)
    return malformed (error, "no line");
  len = length < 0 ? strlen (text) : (gsize) length;
  if (len > 0 && text[len - 1] == '\n')
    len--;
  if (len > SL_PROBE_MAX_LINE)
    return malformed (error, "a line of more than %d bytes", SL_PROBE_MAX_LINE);
  if (len == 0)
    return malformed (error, "an empty line");
  if (!sl_json_check_text (text, len, &local_error))
    return malformed (error, "not JSON (%s)", local_error->message);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    return malformed (error, "not JSON (%s)", local_error->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return malformed (error, "not a JSON object");
  if (!parse_object (json_node_get_object (root), line, error))
    {
      sl_probe_line_clear (line);
      return FALSE;
    }
  return TRUE;
}
