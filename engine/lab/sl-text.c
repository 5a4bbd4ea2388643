/* sl-text.c: untrusted text made safe for a terminal (see sl-text.h).
 *
 * Why: a session file is anyone's, and its experiment names, the messages
 * quoting them and an interpreter's refusals were printed as they came.
 * ESC starts a control sequence (colours, cursor moves, OSC 52 writing the
 * clipboard, OSC 8 links, a new window title), BEL rings, a C1 control is
 * ESC's eight-bit form, and a right-to-left override makes a line read
 * differently from its bytes.
 */

#include <string.h>

#include "sl-text.h"

static gboolean
is_bidi_control (gunichar c)
{
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
sl_text_escape_for_terminal (const char        *text,
                             gssize             length,
                             SlTextEscapeFlags  flags)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (text);
  out = g_string_sized_new (length + 8);
  end = text + length;
  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte, as a byte. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((c == '\n' || c == '\t') && (flags & SL_TEXT_ESCAPE_KEEP_NEWLINES))
        g_string_append_c (out, (char) c);
      else if (c < 0x20 || c == 0x7F)
        {
          switch (c)
            {
            case '\n': g_string_append (out, "\\n"); break;
            case '\t': g_string_append (out, "\\t"); break;
            case '\r': g_string_append (out, "\\r"); break;
            case 0x1B: g_string_append (out, "\\e"); break;
            case 0x07: g_string_append (out, "\\a"); break;
            case 0x08: g_string_append (out, "\\b"); break;
            default:   g_string_append_printf (out, "\\x%02x", c); break;
            }
        }
      else if ((c >= 0x80 && c <= 0x9F) || is_bidi_control (c) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}
