/* sl-mangle.c: _Py_Mangle() (Python/compile.c; Python/symtable.c from
 * 3.13), in one place. */

#include <string.h>

#include "sl-mangle.h"

/* The class name without its leading underscores, or NULL when `name` is
 * not mangled inside that class. */
static const char *
mangle_prefix (const char *class_name,
               const char *name)
{
  gsize len;

  if (name[0] != '_' || name[1] != '_')
    return NULL;
  len = strlen (name);
  if ((name[len - 1] == '_' && name[len - 2] == '_') || strchr (name, '.'))
    return NULL;
  while (*class_name == '_')
    class_name++;
  return *class_name ? class_name : NULL;
}

char *
sl_mangle (const char *class_name,
           const char *name)
{
  const char *prefix = mangle_prefix (class_name, name);

  return prefix ? g_strconcat ("_", prefix, name, NULL) : NULL;
}

const char *
sl_mangle_to (GString    *scratch,
              const char *class_name,
              const char *name)
{
  const char *prefix = mangle_prefix (class_name, name);

  if (prefix == NULL)
    return name;
  g_string_assign (scratch, "_");
  g_string_append (scratch, prefix);
  g_string_append (scratch, name);
  return scratch->str;
}

gboolean
sl_mangle_equal (const char *class_name,
                 const char *name,
                 const char *stored)
{
  const char *prefix = mangle_prefix (class_name, name);
  gsize len;

  if (prefix == NULL)
    return strcmp (name, stored) == 0;
  len = strlen (prefix);
  return stored[0] == '_' && strncmp (stored + 1, prefix, len) == 0 && strcmp (stored + 1 + len, name) == 0;
}
