#pragma once

#include <json-glib/json-glib.h>

#include "sl-json-check.h"
#include "sl-profile.h"
#include "sl-python-repr.h"
#include "sl-session.h"

G_BEGIN_DECLS

#define FORMAT_NAME             "slotlab-session"
#define FORMAT_VERSION          1
#define DEFAULT_PYTHON          SL_PROFILE_DEFAULT_VERSION

/* How deeply a session file may nest arrays and objects: as deep as the
 * strict check lets a text nest (sl-json-check.h), and as a __slots__
 * item's repr may (sl-python-repr.h). */
#define SL_SESSION_MAX_DEPTH SL_JSON_CHECK_MAX_DEPTH
G_STATIC_ASSERT (SL_JSON_CHECK_MAX_DEPTH == SL_PYTHON_REPR_MAX_DEPTH);

/* The bytes of a session file: at most SL_SESSION_MAX_FILE_SIZE, from a
 * regular file only (a folder, a named pipe or a device is refused at once,
 * never opened for long).  sl-session-reader.c. */
GBytes   *sl_session_read_file      (GFile         *file,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
