#pragma once

#include "sl-session.h"

G_BEGIN_DECLS

/* `slotlab-cli run … --all-interpreters`: runs each experiment of
 * `selected` (element-type SlExperiment, from `session`) live on every
 * interpreter of this machine, keeps the runs in the experiments, and
 * prints or exports them.  Returns run's exit status. */
int sl_cli_run_everywhere (SlSession  *session,
                           GPtrArray  *selected,
                           double      timeout,
                           const char *export_path,
                           const char *chart_text);

G_END_DECLS
