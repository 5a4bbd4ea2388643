#pragma once

#include "sl-experiment.h"

G_BEGIN_DECLS

/* The model backend: memory(N) = fixed + N × per-instance, from the
 * engine's layout of each strategy's chain, for every Python version of an
 * experiment and every count up to 10^12, at once. */

/* One line of the memory chart: a strategy on a profile. */
typedef struct {
  char       *python;        /* profile id, "3.12" */
  SlStrategy  strategy;
  SlMetric    metric;
  double      fixed;         /* bytes once per class */
  double      per_instance;  /* bytes per instance */
  gint64      by_part[SL_N_PARTS]; /* traced bytes per instance by part */
  guint       n_blocks;      /* allocations per instance (tracemalloc traces one each) */
  char       *refusal;       /* CPython's error for this chain, or NULL */
  char       *unavailable;   /* why the metric does not apply to this build, or why
                              * Slot Lab cannot build this strategy's chain; or NULL */
  gboolean    over_limit;    /* the strategy's chain passes one of Slot Lab's own
                              * limits (256 init names + '__dict__' = 257 slots):
                              * `unavailable` says which; the strategy fails alone */
} SlModelLine;

void       sl_model_line_free          (SlModelLine  *line);

/* fixed + count × per_instance rounded to a whole byte; saturates at
 * G_MAXUINT64 instead of wrapping. */
guint64    sl_experiment_model_bytes   (double        fixed,
                                        double        per_instance,
                                        guint64       count);

/* The lines of an experiment (element-type SlModelLine), python-major in
 * the experiment's order.  `fallback_python` is used when the experiment
 * names no version.  Fails only for bad input: an unknown class or
 * version.  A strategy CPython refuses gives a line with `refusal` set. */
GPtrArray *sl_experiment_model_lines   (SlExperiment *experiment,
                                        SlChain      *chain,
                                        const char   *fallback_python,
                                        GError      **error);

/* One line for a strategy on a profile.  A strategy whose chain Slot Lab's
 * own limits refuse (the chain as declared passes them) gives a line with
 * `over_limit` set, not an error: the other strategies still run. */
SlModelLine *sl_experiment_model_line  (SlChain      *chain,
                                        const char   *class_name,
                                        SlProfile    *profile,
                                        SlStrategy    strategy,
                                        SlMetric      metric,
                                        GError      **error);

/* Every model point (element-type SlResultPoint, backend "model"):
 * python × strategy × count; refused strategies, and metrics that do not
 * apply to a build (pymalloc on a free-threaded one), give no points. */
GPtrArray *sl_experiment_model_points  (SlExperiment *experiment,
                                        SlChain      *chain,
                                        const char   *fallback_python,
                                        GError      **error);

G_END_DECLS
