/* sl-cli-document.c: what `costs` and `map` do first — the document of
 * their SESSION and the profile they ask it about. */

#include "sl-cli-document.h"
#include "sl-session-load-any.h"

SlDocument *
sl_cli_open_document (const char  *arg,
                      const char  *python,
                      SlProfile  **profile)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GError) error = NULL;

  if (!(session = sl_session_load_any_file (file, &notes, NULL, &error)))
    {
      g_printerr ("slotlab-cli: %s: %s\n", arg, error->message);
      return NULL;
    }
  sl_cli_print_notes (arg, notes);
  if (!(*profile = sl_profile_lookup_version (python ? python : sl_session_get_python (session), &error)))
    {
      g_printerr ("slotlab-cli: --python: %s\n", error->message);
      return NULL;
    }
  return sl_document_new_for_session (session, NULL);
}
