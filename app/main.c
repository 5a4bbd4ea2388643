/* main.c: `slotlab`, the window.  Everything lives in ui/. */

#include <locale.h>

#include <glib/gi18n.h>

#include "sl-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GTK 4.8 opens the GL driver when it opens the X display, to pick a
   * visual for GL, even where the cairo renderer draws every frame
   * (GSK_RENDERER=cairo, as under Xvfb): a quarter of the CPU time to the
   * first frame (tests/gui/bench-cold-start.c).  Not needed then. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", TRUE);

  g_set_application_name (_("Slot Lab"));
  app = sl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
