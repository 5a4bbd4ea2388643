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

SlChain *
sl_ui_chain_up_to (SlChain    *chain,
                   const char *class_name)
{
  SlChain *prefix = sl_chain_copy (chain);
  int index = sl_chain_index_of (chain, class_name);

  if (index >= 0)
    for (int i = (int) sl_chain_get_n_classes (prefix) - 1; i > index; i--)
      sl_chain_remove (prefix, i, NULL);
  return prefix;
}

SlLayout *
sl_ui_layout_compute (SlChain     *chain,
                      const char  *class_name,
                      SlProfile   *profile,
                      GError     **error)
{
  g_autoptr(SlChain) prefix = sl_ui_chain_up_to (chain, class_name);

  return sl_layout_compute (prefix, class_name, profile, error);
}
