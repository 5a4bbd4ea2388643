#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* _Py_Mangle(), the one home of private-name mangling: the type model
 * (slot names) and the class statement (stores, dataclass fields) both
 * call it, and neither calls the other for it. */

/* The private name `__x` inside class `_C` is `_C__x`; NULL when the name
 * stays as it is (not private, a dunder, a dotted name, a class name made
 * of underscores only). */
char        *sl_mangle        (const char *class_name,
                               const char *name);

/* The name as class `class_name` stores it, without allocating: `name`
 * itself when it stays as it is, else the mangled name written into
 * `scratch` (whose str it returns). */
const char  *sl_mangle_to     (GString    *scratch,
                               const char *class_name,
                               const char *name);

/* Whether `stored` is `name` as class `class_name` stores it. */
gboolean     sl_mangle_equal  (const char *class_name,
                               const char *name,
                               const char *stored);

G_END_DECLS
