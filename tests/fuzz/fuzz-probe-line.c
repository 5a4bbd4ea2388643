/* fuzz-probe-line.c: the live backend's reader of slotlab-probe.py's lines
 * under fuzzing.  Whatever an interpreter prints, sl_probe_parse_line()
 * either fills a line whose fields hold what the protocol allows, or sets
 * an error; it never crashes, and never both. */

#include <stdint.h>
#include <string.h>

#include "sl-probe-protocol.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  SlProbeLine line;

  if (sl_probe_parse_line ((const char *) data, (gssize) size, &line, &error))
    {
      g_assert_no_error (error);
      switch (line.kind)
        {
        case SL_PROBE_LINE_HELLO:
          g_assert_nonnull (line.python);
          g_assert_nonnull (line.executable);
          break;
        case SL_PROBE_LINE_POINT:
          g_assert_nonnull (line.strategy);
          g_assert_cmpuint (line.count, >=, 1);
          g_assert_cmpuint (line.count, <=, G_GUINT64_CONSTANT (1000000000000));
          g_assert_cmpfloat (line.seconds, >=, 0);
          break;
        case SL_PROBE_LINE_DONE:
          break;
        case SL_PROBE_LINE_ERROR:
        case SL_PROBE_LINE_FATAL:
          g_assert_nonnull (line.message);
          g_assert_cmpuint (strlen (line.message), <=, 1024);
          break;
        default:
          g_assert_not_reached ();
        }
      sl_probe_line_clear (&line);
    }
  else
    g_assert_nonnull (error);
  return 0;
}
