#pragma once

#include <glib-object.h>

#include "sl-layout.h"
#include "sl-profile.h"

G_BEGIN_DECLS

/* What an attribute holds: the session's `init` item
 * {"name": NAME, "value": KIND}.  A value object shared by every instance
 * costs nothing per instance; a distinct one is its own block (two for a
 * list with items: the list and its item array), priced from CPython's own
 * object layouts of the profile's release. */

#define SL_VALUE_ERROR (sl_value_error_quark ())

typedef enum {
  SL_VALUE_ERROR_BAD_KIND,
} SlValueError;

typedef enum {
  SL_VALUE_SMALL_INT,   /* a cached small int: the default */
  SL_VALUE_NONE,
  SL_VALUE_BOOL,
  SL_VALUE_SHARED,      /* one constant object shared by every instance */
  SL_VALUE_INT,         /* a distinct int below 2**30: one 30-bit digit */
  SL_VALUE_FLOAT,
  SL_VALUE_STR,         /* a distinct ASCII str of `length` characters */
  SL_VALUE_BYTES,
  SL_VALUE_TUPLE,       /* `length` small ints, built by a tuple display */
  SL_VALUE_LIST,        /* `length` small ints, built by a list display */
  SL_VALUE_CONST_LIST,  /* a list display of `length` constants (folded from 3.9) */
} SlValueKind;

/* The longest str/bytes, and the longest tuple/list display, a value may ask for. */
#define SL_VALUE_MAX_CHARS  (1 << 20)
#define SL_VALUE_MAX_ITEMS  10000

typedef struct {
  SlValueKind kind;
  guint       length;   /* str, bytes, tuple, list */
} SlValue;

GQuark      sl_value_error_quark   (void);

/* "float", "str:12" -> SlValue; NULL means a small int.  The message
 * names the text and lists the kinds; callers prefix where it was. */
gboolean    sl_value_parse         (const char     *text,
                                    SlValue        *out,
                                    GError        **error);
/* The canonical text ("str:12"), or NULL for a small int.  (transfer full) */
char       *sl_value_to_string     (const SlValue  *value);
/* type(value).__name__: "int", "NoneType", "str" (the shared constant
 * is a str), "list"... */
const char *sl_value_python_type   (const SlValue  *value);
/* Whether every instance gets an object of its own. */
gboolean    sl_value_is_per_instance (const SlValue *value,
                                      SlProfile     *profile);

/* The blocks one instance's value allocates, as tracemalloc and the
 * allocator see them (0, 1 or 2).  Each block's part is
 * SL_PART_VALUE_OBJECTS. */
guint       sl_value_blocks        (const SlValue  *value,
                                    SlProfile      *profile,
                                    SlBlock         out[2]);

G_END_DECLS
