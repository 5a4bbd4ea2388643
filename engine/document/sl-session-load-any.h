#pragma once

#include <gio/gio.h>

#include "sl-python-reader.h"
#include "sl-session.h"

G_BEGIN_DECLS

/* A session from Python source (the class statements of a module, read by
 * sl_python_read(), nothing run), titled @title; what the reader ignored
 * or assumed goes to @notes (element-type SlPythonNote). */
SlSession *sl_session_new_from_python (const char    *source,
                                       gssize         length,
                                       const char    *title,
                                       GPtrArray    **notes,
                                       GError       **error);

/* What every command that takes a SESSION calls: a session file, or a
 * Python source file (a name ending in .py, or contents that are not a
 * JSON object), read the same way and within the same 8 MiB.  @path is a
 * command-line argument (a path or a URI).  @notes gets the reader's notes
 * for Python source, an empty array for a session; errors are
 * SL_SESSION_ERROR or SL_PYTHON_READER_ERROR, naming where. */
SlSession *sl_session_load_any        (const char    *path,
                                       GPtrArray    **notes,
                                       GError       **error);
SlSession *sl_session_load_any_file   (GFile         *file,
                                       GPtrArray    **notes,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Always Python source, whatever the file is called (slotlab-cli import). */
SlSession *sl_session_load_python_file (GFile        *file,
                                        GPtrArray    **notes,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* The same, and the source text it read (nullable, transfer full). */
SlSession *sl_session_load_python_file_full (GFile       *file,
                                        char         **source,
                                        GPtrArray    **notes,
                                        GCancellable  *cancellable,
                                        GError       **error);

G_END_DECLS
