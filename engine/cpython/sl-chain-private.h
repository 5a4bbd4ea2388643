#pragma once

#include "sl-chain.h"

G_BEGIN_DECLS

/* str.isidentifier() alone, without the NFKC rule: what CPython checks
 * for __slots__ items. */
gboolean sl_name_is_str_identifier (const char *name);

G_END_DECLS
