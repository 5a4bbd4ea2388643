/* sl-python-source.c: the chain as the Python a lecturer pastes into notes. */

#include <string.h>

#include "sl-python-source.h"

/* repr() of a str, with single quotes as Python prefers them. */
static void
append_repr (GString    *out,
             const char *text)
{
  gboolean has_single = strchr (text, '\'') != NULL;
  gboolean has_double = strchr (text, '"') != NULL;
  char quote = has_single && !has_double ? '"' : '\'';

  g_string_append_c (out, quote);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == (gunichar) quote || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (!g_unichar_isprint (c))
        g_string_append_printf (out, c <= 0xff ? "\\x%02x" : c <= 0xffff ? "\\u%04x" : "\\U%08x", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, quote);
}

char *
sl_chain_to_python (SlChain *chain)
{
  GString *out = g_string_new (NULL);
  guint n = sl_chain_get_n_classes (chain);

  for (guint i = 0; i < n; i++)
    {
      SlClass *klass = sl_chain_get_class (chain, i);
      const char * const *bases = sl_class_get_bases (klass);
      const char * const *init = sl_class_get_init (klass);

      if (i > 0)
        g_string_append (out, "\n\n");
      g_string_append_printf (out, "class %s", sl_class_get_name (klass));
      if (bases[0])
        {
          g_autofree char *joined = g_strjoinv (", ", (char **) bases);

          g_string_append_printf (out, "(%s)", joined);
        }
      g_string_append (out, ":\n");

      if (sl_class_has_slots (klass))
        {
          guint n_slots = sl_class_get_n_slots (klass);

          g_string_append (out, "    __slots__ = (");
          for (guint s = 0; s < n_slots; s++)
            {
              if (s > 0)
                g_string_append (out, ", ");
              if (sl_class_get_slot_type (klass, s))
                g_string_append (out, sl_class_get_slots (klass)[s]);
              else
                append_repr (out, sl_class_get_slots (klass)[s]);
            }
          g_string_append (out, n_slots == 1 ? ",)\n\n" : ")\n\n");
        }

      g_string_append (out, "    def __init__(self):\n");
      for (guint b = 0; bases[b]; b++)
        g_string_append_printf (out, "        %s.__init__(self)\n", bases[b]);
      for (guint a = 0; init[a]; a++)
        g_string_append_printf (out, "        self.%s = %u\n", init[a], a % 200);
      if (!bases[0] && !init[0])
        g_string_append (out, "        pass\n");
    }

  return g_string_free (out, FALSE);
}
