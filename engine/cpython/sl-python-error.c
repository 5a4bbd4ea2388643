/* sl-python-error.c: where in the source a reader's error points. */

#include <stdlib.h>

#include "sl-python-reader.h"

gboolean
sl_python_error_get_location (const GError  *error,
                              guint         *line,
                              guint         *column,
                              const char   **message)
{
  const char *p;
  char *end;
  guint64 l, c;

  if (error == NULL || error->domain != SL_PYTHON_READER_ERROR || error->message == NULL)
    return FALSE;
  /* Every message of the reader starts "line L, column C: " (see the header). */
  p = error->message;
  if (!g_str_has_prefix (p, "line "))
    return FALSE;
  l = g_ascii_strtoull (p + 5, &end, 10);
  if (end == p + 5 || !g_str_has_prefix (end, ", column "))
    return FALSE;
  p = end + 9;
  c = g_ascii_strtoull (p, &end, 10);
  if (end == p || !g_str_has_prefix (end, ": ") || l == 0 || c == 0 || l > G_MAXUINT || c > G_MAXUINT)
    return FALSE;
  if (line)
    *line = l;
  if (column)
    *column = c;
  if (message)
    *message = end + 2;
  return TRUE;
}
