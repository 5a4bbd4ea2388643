/* slotlab-cli import FILE.py [--output SESSION]: the session read from
 * Python source, nothing run.  The session goes to stdout, or to SESSION
 * through the session writer (a temporary file renamed over the target);
 * what the reader ignored or assumed goes to stderr. */

#include <stdio.h>
#include <string.h>

#include "sl-session-load-any.h"

enum { EXIT_DONE = 0, EXIT_BAD_INPUT = 2 };

void
sl_cli_print_notes (const char *path,
                    GPtrArray  *notes)
{
  for (guint i = 0; notes && i < notes->len; i++)
    {
      g_autofree char *text = sl_python_note_to_string (g_ptr_array_index (notes, i));

      g_printerr ("slotlab-cli: %s: note: %s\n", path, text);
    }
}

int
sl_cli_import (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the session to SESSION (default: standard output)", "SESSION" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.py — the session read from Python source (no code runs)");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GFile) file = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("slotlab-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (argc != 3)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }

  /* Always Python, whatever the file is called. */
  file = g_file_new_for_commandline_arg (argv[2]);
  session = sl_session_load_python_file (file, &notes, NULL, &error);
  if (session == NULL)
    {
      g_printerr ("slotlab-cli: %s: %s\n", argv[2], error->message);
      return EXIT_BAD_INPUT;
    }
  sl_cli_print_notes (argv[2], notes);

  if (output)
    {
      g_autoptr(GFile) target = g_file_new_for_commandline_arg (output);

      if (!sl_session_save_to_file (session, target, NULL, &error))
        {
          g_printerr ("slotlab-cli: %s: %s\n", output, error->message);
          return EXIT_BAD_INPUT;
        }
    }
  else
    {
      gsize n;
      g_autofree char *text = sl_session_to_data (session, &n);

      fwrite (text, 1, n, stdout);
      if (n == 0 || text[n - 1] != '\n')
        fputc ('\n', stdout);
    }
  return EXIT_DONE;
}
