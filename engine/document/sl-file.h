#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reading and replacing a user's file without losing it: the session
 * (load and save), and the charts and CSV that slotlab-cli and the window
 * export.  Local paths only; sl-session.c falls back to GIO for others. */

#define SL_FILE_ERROR (sl_file_error_quark ())

typedef enum {
  SL_FILE_ERROR_NOT_REGULAR,   /* a folder, a named pipe, a device or a socket */
  SL_FILE_ERROR_READ_ONLY,     /* the file's mode lets nobody write it, or not us */
  SL_FILE_ERROR_TOO_BIG,       /* more than the reader's limit */
  SL_FILE_ERROR_IO,            /* what the system said (no space, no such folder, …) */
} SlFileError;

GQuark    sl_file_error_quark      (void);

/* The contents of the regular file at `path`, at most `max_size` bytes.
 * Anything else is refused at once, never opened for long: a named pipe
 * (opening it would wait for a writer forever), a device, a socket, a
 * folder.  The type is checked before opening and again on the open file
 * (opened with O_NONBLOCK), so a file swapped for a pipe in between is
 * refused too. */
GBytes   *sl_file_read_regular     (const char  *path,
                                    gsize        max_size,
                                    GError     **error);

/* Puts `data` in the file at `path` as GIO's g_file_replace() (without a
 * backup) promises, and more safely:
 *  - a symbolic link is followed and its target is written; the link stays;
 *  - the target keeps its mode, owner and group;
 *  - a target with other hard links is written in place (renaming would
 *    split the links), after the space is reserved with fallocate(), so a
 *    full disk fails before a byte changes;
 *  - otherwise the data goes to a temporary file in the same folder,
 *    fsync()ed, then renamed over the target: a failure (a full disk, a
 *    kill) leaves the old file whole and no temporary file behind;
 *  - a file whose mode lets nobody write it (0444) is refused with
 *    SL_FILE_ERROR_READ_ONLY even for root, as is one this process may
 *    not write; a folder, pipe or device with SL_FILE_ERROR_NOT_REGULAR.
 * A new file gets 0666 less the umask, as open() gives. */
gboolean  sl_file_replace_contents (const char  *path,
                                    const void  *data,
                                    gsize        length,
                                    GError     **error);

/* The refusals of sl_file_replace_contents() that need no writing (not a
 * regular file, read-only), before a long piece of work whose result
 * would be saved there. */
gboolean  sl_file_check_replaceable (const char  *path,
                                     GError     **error);

/* "a folder", "a named pipe (FIFO)", "a device", "a socket", or NULL for
 * a regular file: for messages. */
const char *sl_file_describe_mode  (guint        st_mode);

G_END_DECLS
