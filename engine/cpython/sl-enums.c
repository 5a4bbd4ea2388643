/* sl-enums.c: the engine's enums as words, by their generated GTypes. */

#include "sl-enums.h"

const char *
sl_enum_to_nick (GType enum_type,
                 int   value)
{
  /* The enum types are static: their classes live as long as the program. */
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *found = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return found ? found->value_nick : NULL;
}

gboolean
sl_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  GEnumClass *klass;
  GEnumValue *found;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  found = g_enum_get_value_by_nick (klass, nick);
  g_type_class_unref (klass);
  if (found == NULL)
    return FALSE;
  if (value != NULL)
    *value = found->value;
  return TRUE;
}

const char *
sl_flags_to_nick (GType flags_type,
                  guint flag)
{
  GFlagsClass *klass = g_type_class_ref (flags_type);
  const char *nick = NULL;

  for (guint i = 0; i < klass->n_values && nick == NULL; i++)
    if (klass->values[i].value == flag)
      nick = klass->values[i].value_nick;
  g_type_class_unref (klass);
  return nick;
}

gboolean
sl_flags_from_nick (GType       flags_type,
                    const char *nick,
                    guint      *flag)
{
  GFlagsClass *klass;
  GFlagsValue *found;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (flags_type);
  found = g_flags_get_value_by_nick (klass, nick);
  g_type_class_unref (klass);
  if (found == NULL)
    return FALSE;
  if (flag != NULL)
    *flag = found->value;
  return TRUE;
}
