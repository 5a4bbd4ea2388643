/* sl-cli-output.c: slotlab-cli's output, escaped for a terminal (see
 * sl-cli-output.h). */

#include <stdio.h>

#include "sl-cli-output.h"
#include "sl-text.h"

static void
print_escaped (const char *text,
               FILE       *stream)
{
  g_autofree char *safe = sl_text_escape_for_terminal (text, -1, SL_TEXT_ESCAPE_KEEP_NEWLINES);

  fputs (safe, stream);
  fflush (stream);
}

static void
print_stdout (const char *text)
{
  print_escaped (text, stdout);
}

static void
print_stderr (const char *text)
{
  print_escaped (text, stderr);
}

void
sl_cli_output_init (void)
{
  g_set_print_handler (print_stdout);
  g_set_printerr_handler (print_stderr);
}

char *
sl_cli_escape (const char *text)
{
  return sl_text_escape_for_terminal (text, -1, SL_TEXT_ESCAPE_ALL);
}

void
sl_cli_printerr (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  g_autofree char *safe = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* A message may hold several lines (a run that failed in several
   * strategies); a newline is no control sequence. */
  safe = sl_text_escape_for_terminal (message, -1, SL_TEXT_ESCAPE_KEEP_NEWLINES);
  g_printerr ("slotlab-cli: %s\n", safe);
}
