#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes @list hold @strings (NULL-terminated), changing only the run of
 * items that differs: one items-changed for that run, none when @list
 * holds them already. */
void sl_string_list_set (GtkStringList      *list,
                         const char * const *strings);

/* Whether @list holds @strings (NULL-terminated), in order. */
gboolean sl_string_list_equals (GtkStringList      *list,
                                const char * const *strings);

G_END_DECLS
