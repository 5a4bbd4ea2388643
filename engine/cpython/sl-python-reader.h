#pragma once

#include <gio/gio.h>

#include "sl-chain.h"

G_BEGIN_DECLS

#define SL_PYTHON_READER_ERROR (sl_python_reader_error_quark ())

typedef enum {
  SL_PYTHON_READER_ERROR_SYNTAX,       /* CPython would not compile it (SyntaxError, IndentationError, TabError) */
  SL_PYTHON_READER_ERROR_ENCODING,     /* not UTF-8, or a NUL byte */
  SL_PYTHON_READER_ERROR_UNSUPPORTED,  /* valid Python whose layout cannot be read without running it */
  SL_PYTHON_READER_ERROR_LIMIT,        /* file size, nesting, number of classes */
} SlPythonReaderError;

/* Something the reader ignored or assumed, at a place in the source. */
typedef struct {
  guint line;        /* 1-based */
  guint column;      /* 1-based, in characters */
  char *message;     /* a sentence */
} SlPythonNote;

/* Reads the top-level class statements of a module's source, without
 * running anything, into a chain in definition order: names, bases,
 * __slots__ (and its spelling), the self.NAME stores of __init__ in order
 * and where the base's __init__ is called, names stored elsewhere (other
 * methods, branches), dataclasses.
 *
 * What cannot be read faithfully (a metaclass, an unknown decorator or
 * base, setattr(self, …), exec, __setattr__, a class defined under an if,
 * …) is an error "line L, column C: …" of SL_PYTHON_READER_ERROR, never a
 * chain with a wrong figure.  What was ignored or assumed goes to @notes
 * (element-type SlPythonNote), in source order. */

GQuark        sl_python_reader_error_quark (void);

SlChain      *sl_python_read               (const char   *source,
                                            gssize        length,
                                            GPtrArray   **notes,
                                            GError      **error);

/* "line L, column C: message" */
char         *sl_python_note_to_string     (const SlPythonNote *note);
void          sl_python_note_free          (SlPythonNote *note);

/* Where an error of SL_PYTHON_READER_ERROR points: its line and column
 * (1-based; the column in characters) and the message after "line L,
 * column C: " (borrowed from error).  FALSE for any other error. */
gboolean      sl_python_error_get_location (const GError  *error,
                                            guint         *line,
                                            guint         *column,
                                            const char   **message);

/* A file whose name ends in .py, or whose contents do not start (after
 * blanks) with '{', is read as Python source. */
gboolean      sl_python_source_looks_like  (const char   *path,
                                            const char   *data,
                                            gsize         length);

G_END_DECLS
