#pragma once

#include "sl-chain.h"

G_BEGIN_DECLS

/* str.isidentifier() alone, without the NFKC rule: what CPython checks
 * for __slots__ items. */
gboolean sl_name_is_str_identifier (const char *name);

/* Undo and redo (engine/document/sl-document-history.c): self becomes a
 * copy of from, keeping the classes that did not change. */
void     sl_chain_assign           (SlChain    *self,
                                    SlChain    *from);

G_END_DECLS
