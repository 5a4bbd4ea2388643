#pragma once

#include <json-glib/json-glib.h>

#include "sl-profile.h"
#include "sl-python-repr.h"
#include "sl-session.h"

G_BEGIN_DECLS

#define FORMAT_NAME             "slotlab-session"
#define FORMAT_VERSION          1
#define DEFAULT_PYTHON          SL_PROFILE_DEFAULT_VERSION

/* How deeply a session file may nest arrays and objects.  A real session
 * nests four levels (a __slots__ item that is a list, five); the limit
 * keeps hostile files from walking json-glib's recursive parser off the
 * stack. */
#define SL_SESSION_MAX_DEPTH SL_PYTHON_REPR_MAX_DEPTH

/* The strict JSON check that runs before json-glib sees a byte: RFC 8259
 * grammar, UTF-8, no NUL (raw or \u0000), no lone surrogates, no repeated
 * member names, integers that fit 64 bits, finite numbers, one value and
 * nothing after it, nesting at most SL_SESSION_MAX_DEPTH.  Errors name the
 * line and column.  Exposed for the tests. */
gboolean sl_session_check_json_text (const char  *data,
                                     gsize        length,
                                     GError     **error);

/* The bytes of a session file: at most SL_SESSION_MAX_FILE_SIZE, from a
 * regular file only (a folder, a named pipe or a device is refused at once,
 * never opened for long).  sl-session-reader.c. */
GBytes   *sl_session_read_file      (GFile         *file,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
