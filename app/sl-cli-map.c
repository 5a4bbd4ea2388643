/* sl-cli-map.c: `slotlab-cli map SESSION --class NAME [--python V]
 * [--strategy S] --export FILE.svg|.pdf|.png` — one instance's byte map
 * as a picture for lecture notes, the same picture as the window's Layout
 * tab (in print style), with the mechanisms at work written under it.
 *
 * Exit status: 0 written; 1 CPython would refuse the class (the picture
 * says so, and is written all the same); 2 bad input, usage, or a file
 * that could not be written (the previous file, if any, is left whole).
 */

#include <stdio.h>

#include "sl-byte-map-drawing.h"
#include "sl-explain.h"
#include "sl-document.h"
#include "sl-layout.h"
#include "sl-session.h"
#include "sl-strategy.h"
#include "sl-cli-document.h"

/* sl-cli-import.c */

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_BAD_INPUT = 2 };

int sl_cli_map (int argc, char **argv);

int
sl_cli_map (int    argc,
            char **argv)
{
  g_autofree char *class_name = NULL;
  g_autofree char *python = NULL;
  g_autofree char *strategy_text = NULL;
  g_autofree char *export_path = NULL;
  double dpi = 192;
  const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &class_name, "The class to draw", "NAME" },
    { "python", 'p', 0, G_OPTION_ARG_STRING, &python, "Python version: X.Y or X.Y.Z, t for free-threaded", "VERSION" },
    { "strategy", 's', 0, G_OPTION_ARG_STRING, &strategy_text, "as-declared, dict, slots or mixed", "S" },
    { "export", 'o', 0, G_OPTION_ARG_FILENAME, &export_path, "The picture to write: .svg, .pdf or .png", "FILE" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &dpi, "Resolution of a PNG (default 192)", "DPI" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("SESSION --class NAME --export FILE — one instance's byte map as a picture");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProfile) profile = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlByteMapDrawing) drawing = NULL;
  g_auto(GStrv) notes = NULL;
  SlStrategy strategy = SL_STRATEGY_AS_DECLARED;
  SlDrawingFormat format;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("slotlab-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (argc != 3 || class_name == NULL || export_path == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }
  if (!sl_drawing_format_from_path (export_path, &format))
    {
      g_printerr ("slotlab-cli: --export %s: the file name must end in .svg, .pdf or .png\n", export_path);
      return EXIT_BAD_INPUT;
    }
  if (!(dpi >= 36 && dpi <= 1200))
    {
      g_printerr ("slotlab-cli: --dpi %g is outside 36 to 1,200\n", dpi);
      return EXIT_BAD_INPUT;
    }
  if (strategy_text && !sl_strategy_from_string (strategy_text, &strategy))
    {
      g_printerr ("slotlab-cli: --strategy \"%s\" is not one of as-declared, dict, slots, mixed\n", strategy_text);
      return EXIT_BAD_INPUT;
    }

  if (!(document = sl_cli_open_document (argv[2], python, &profile)))
    return EXIT_BAD_INPUT;
  if (!(layout = sl_document_dup_layout (document, class_name, strategy, profile, &error)))
    {
      g_printerr ("slotlab-cli: %s: %s\n", argv[2], error->message);
      return EXIT_BAD_INPUT;
    }

  drawing = sl_byte_map_drawing_new (layout);
  notes = sl_explain_dup_texts (layout);
  sl_byte_map_drawing_set_notes (drawing, (const char * const *) notes);
  if (!sl_byte_map_drawing_export (drawing, export_path, format, dpi, &error))
    {
      g_printerr ("slotlab-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  return sl_layout_get_error (layout) ? EXIT_REFUSED : EXIT_DONE;
}
