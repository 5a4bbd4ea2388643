#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_JSON_CHECK_ERROR (sl_json_check_error_quark ())

typedef enum {
  SL_JSON_CHECK_ERROR_PARSE,   /* not strict JSON */
  SL_JSON_CHECK_ERROR_LIMIT,   /* deeper or larger than Slot Lab takes */
} SlJsonCheckError;

/* How deeply a text may nest arrays and objects.  A real session nests
 * four levels (a __slots__ item that is a list, five); the limit keeps
 * hostile text from walking json-glib's recursive parser off the stack. */
#define SL_JSON_CHECK_MAX_DEPTH 64

GQuark   sl_json_check_error_quark (void);

/* The strict JSON check that runs before json-glib sees a byte — of a
 * session file (sl-session-reader.c) and of every line the probe writes
 * (sl-probe-protocol.c): RFC 8259 grammar, UTF-8, no NUL (raw or \u0000),
 * no lone surrogates, no repeated member names, integers that fit 64
 * bits, finite numbers, one value and nothing after it, nesting at most
 * SL_JSON_CHECK_MAX_DEPTH.  Errors name the line and column. */
gboolean sl_json_check_text        (const char  *data,
                                    gsize        length,
                                    GError     **error);

/* A short, printable rendering of a piece of user text for a message. */
char    *sl_json_quote_for_message (const char  *text);

G_END_DECLS
