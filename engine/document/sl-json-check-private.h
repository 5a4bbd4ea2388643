#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The check itself, sl_session_check_json_text(), is declared in
 * sl-session-private.h; these helpers of sl-json-check.c are shared with
 * the session's reader and its Python reprs. */

/* A short, printable rendering of a piece of user text for a message. */
char *sl_session_quote_for_message (const char *text);

/* The value of a hexadecimal digit, or -1. */
int   sl_session_hex_value         (char        c);

G_END_DECLS
