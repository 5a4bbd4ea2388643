/* sl-format.c: how the window writes the engine's figures. */

#include <math.h>

#include <glib/gi18n.h>

#include "sl-format.h"
#include "sl-ui-resources.h"

char *
sl_format_bytes (double bytes)
{
  if (bytes < 0)
    return g_strdup ("—");
  if (fabs (bytes - round (bytes)) < 0.05)
    return g_strdup_printf (_("%.0f B"), round (bytes));
  return g_strdup_printf (_("%.1f B"), bytes);
}

const char *
sl_format_storage_badge (SlStorage storage)
{
  switch (storage)
    {
    case SL_STORAGE_DICT:
      return _("dict");
    case SL_STORAGE_SLOTS:
      return _("slots");
    case SL_STORAGE_SLOTS_DICT:
      return _("slots + __dict__");
    default:
      g_return_val_if_reached ("");
    }
}

void
sl_ui_ensure_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      sl_ui_register_resource ();
      g_once_init_leave (&done, 1);
    }
}
