#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Python's repr() of a JSON value as json-glib holds it ("None", "1.5",
 * "['a', 1]"), and back: a class keeps a __slots__ item that is not a
 * string as its repr and Python type (sl_class_get_slot_type()); the
 * session file and the probe get the JSON value back. */

/* How deeply a repr may nest lists and dicts: as deep as a session file
 * may nest JSON (sl-session-private.h), so every item read from one reads
 * back. */
#define SL_PYTHON_REPR_MAX_DEPTH 64

/* repr(value) and type(value).__name__ of a JSON value.  (transfer full) */
char     *sl_python_repr_from_json    (JsonNode    *node,
                                       const char **py_type);
/* The JSON value whose repr is text and whose type is py_type, or NULL
 * when there is none (text does not read back to itself).  (transfer full) */
JsonNode *sl_python_repr_to_json      (const char  *text,
                                       const char  *py_type);
/* repr(float): the shortest text that reads back to d, as Python writes it. */
void      sl_python_repr_append_float (GString     *out,
                                       double       d);

G_END_DECLS
