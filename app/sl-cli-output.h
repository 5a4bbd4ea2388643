#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Everything slotlab-cli prints goes through sl_text_escape_for_terminal()
 * (engine/document/sl-text.c): names and messages may come from a session
 * file or an interpreter, and a raw ESC, BEL, C1 control or bidi override
 * must never reach a terminal.  Call once at the start of main(): from
 * then on g_print() and g_printerr() escape every control character but
 * the newline and the tab. */
void sl_cli_output_init (void);

/* "slotlab-cli: MESSAGE\n" on stderr, MESSAGE escaped (newlines and tabs
 * kept: a message may have several lines). */
void sl_cli_printerr    (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);

/* `text` escaped whole, for a message (transfer full). */
char *sl_cli_escape     (const char *text);

G_END_DECLS
