#pragma once

#include "sl-chain.h"

G_BEGIN_DECLS

/* The chain as Python source, as a lecturer pastes it into notes. */
char *sl_chain_to_python (SlChain *chain);

G_END_DECLS
