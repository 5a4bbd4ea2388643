#pragma once

#include "sl-session.h"

G_BEGIN_DECLS

/* How deeply a session file may nest arrays and objects.  A real session
 * nests four levels (a __slots__ item that is a list, five); the limit
 * keeps hostile files from walking json-glib's recursive parser off the
 * stack. */
#define SL_SESSION_MAX_DEPTH 64

/* The strict JSON check that runs before json-glib sees a byte: RFC 8259
 * grammar, UTF-8, no NUL (raw or \u0000), no lone surrogates, no repeated
 * member names, integers that fit 64 bits, finite numbers, one value and
 * nothing after it, nesting at most SL_SESSION_MAX_DEPTH.  Errors name the
 * line and column.  Exposed for the tests. */
gboolean sl_session_check_json_text (const char  *data,
                                     gsize        length,
                                     GError     **error);

/* Python's repr() of a JSON value as json-glib holds it ("None", "1.5",
 * "['a', 1]"), and back; used for __slots__ items that are not strings. */
char     *sl_session_python_repr    (JsonNode    *node,
                                     const char **py_type);
JsonNode *sl_session_parse_repr     (const char  *text,
                                     const char  *py_type);

G_END_DECLS
