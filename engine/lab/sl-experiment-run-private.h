#pragma once

#include "sl-experiment-run.h"

G_BEGIN_DECLS

/* What a lane's interpreter reads on stdin: the chain of the first
 * strategy as the sweep, the others under "then" (for the tests: the
 * probe's input is a contract with data/slotlab-probe.py). */
char *sl_experiment_run_dup_probe_input (SlExperimentRun  *self,
                                         const SlStrategy *strategies,
                                         guint             n_strategies);

G_END_DECLS
