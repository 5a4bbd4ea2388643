#pragma once

#include "sl-document.h"
#include "sl-profile.h"

G_BEGIN_DECLS

/* The document of a command's SESSION argument (a session file or Python
 * source, sl-session-load-any.h; the reader's notes on stderr) and the
 * profile of `python` (the session's own version when NULL).  On bad input
 * it says what and where on stderr and returns NULL. */
SlDocument *sl_cli_open_document (const char  *arg,
                                  const char  *python,
                                  SlProfile  **profile);

/* The Python reader's notes ("FILE: note: line L, column C: …") on stderr
 * (sl-cli-import.c). */
void        sl_cli_print_notes   (const char  *path,
                                  GPtrArray   *notes);

G_END_DECLS
