#pragma once

#include <glib-object.h>

#include "sl-layout.h"
#include "sl-strategy.h"

G_BEGIN_DECLS

/* An allocation experiment as the session file states it (PRODUCT.md):
 * a class, strategies, counts, a metric, Python versions, a backend, and
 * the results measured so far.  Running one lives in sl-experiment-run*. */

typedef enum {
  SL_BACKEND_MODEL,
  SL_BACKEND_LIVE,
} SlBackend;

typedef enum {
  SL_SCALE_LOG,
  SL_SCALE_LINEAR,
  SL_SCALE_LIST,       /*< skip >*/ /* an explicit list of counts: "list", not "scale" */
} SlCountScale;

#define SL_EXPERIMENT_MAX_COUNT  G_GUINT64_CONSTANT (1000000000000)  /* 10^12 */
#define SL_EXPERIMENT_MAX_POINTS 1000

/* One measured (or modelled) point. */
typedef struct {
  char      *python;      /* profile id or release, "3.12" */
  SlStrategy strategy;
  SlBackend  backend;
  SlMetric   metric;
  guint64    count;
  guint64    bytes;       /* total at that count */
  gboolean   partial;     /* from a run that did not finish */
  char      *interpreter; /* provenance only (nullable): the path that produced it */
  guint      run;         /* the run it belongs to (SlRunInfo.id); 0 = not yet kept */
} SlResultPoint;

/* One run of an experiment, as kept in its history: every run (model or
 * live, complete or partial) stays until the user removes it.  Backend,
 * interpreter and versions are those of its points. */
typedef struct {
  guint      id;          /* unique within the experiment, from 1, never reused while kept */
  gint64     time;        /* when it ended, Unix seconds; 0 = unknown (a file from before runs) */
  SlBackend  backend;
  gboolean   partial;     /* a point is partial: the run failed or was cancelled */
  char      *interpreter; /* nullable: the path of a live run's interpreter */
  char      *python;      /* the versions of its points, in order met, ", "-joined */
  guint      n_points;
} SlRunInfo;

void           sl_run_info_free     (SlRunInfo           *info);
/* The order of a run's points in a table: strategy (SlStrategy order),
 * count, version ("3.9" before "3.10"), run. */
int            sl_result_point_compare (const SlResultPoint *a,
                                        const SlResultPoint *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlRunInfo, sl_run_info_free)

SlResultPoint *sl_result_point_copy (const SlResultPoint *point);
void           sl_result_point_free (SlResultPoint       *point);
gboolean       sl_result_point_equal (const SlResultPoint *a,
                                      const SlResultPoint *b);

#define SL_TYPE_EXPERIMENT (sl_experiment_get_type ())
G_DECLARE_FINAL_TYPE (SlExperiment, sl_experiment, SL, EXPERIMENT, GObject)

SlExperiment       *sl_experiment_new             (const char    *name,
                                                   const char    *class_name);
SlExperiment       *sl_experiment_copy            (SlExperiment  *self);
gboolean            sl_experiment_equal           (SlExperiment  *a,
                                                   SlExperiment  *b);

const char         *sl_experiment_get_name        (SlExperiment  *self);
void                sl_experiment_set_name        (SlExperiment  *self,
                                                   const char    *name);
const char         *sl_experiment_get_class_name  (SlExperiment  *self);
void                sl_experiment_set_class_name  (SlExperiment  *self,
                                                   const char    *class_name);
/* (element-type SlStrategy as GINT_TO_POINTER) in the order given */
GArray             *sl_experiment_get_strategies  (SlExperiment  *self);
void                sl_experiment_set_strategies  (SlExperiment  *self,
                                                   const SlStrategy *strategies,
                                                   guint          n);
SlMetric            sl_experiment_get_metric      (SlExperiment  *self);
void                sl_experiment_set_metric      (SlExperiment  *self,
                                                   SlMetric       metric);
const char * const *sl_experiment_get_pythons     (SlExperiment  *self);
void                sl_experiment_set_pythons     (SlExperiment  *self,
                                                   const char * const *pythons);
SlBackend           sl_experiment_get_backend     (SlExperiment  *self);
void                sl_experiment_set_backend     (SlExperiment  *self,
                                                   SlBackend      backend);

/* Counts: from/to/points with a log or linear scale, or an explicit list. */
SlCountScale        sl_experiment_get_scale       (SlExperiment  *self);
void                sl_experiment_set_range       (SlExperiment  *self,
                                                   guint64        from,
                                                   guint64        to,
                                                   guint          points,
                                                   SlCountScale   scale);
void                sl_experiment_get_range       (SlExperiment  *self,
                                                   guint64       *from,
                                                   guint64       *to,
                                                   guint         *points);
void                sl_experiment_set_count_list  (SlExperiment  *self,
                                                   const guint64 *counts,
                                                   guint          n);
/* The counts to measure, ascending, without repeats (element-type guint64). */
GArray             *sl_experiment_dup_counts      (SlExperiment  *self);

/* (element-type SlResultPoint) */
GPtrArray          *sl_experiment_get_results     (SlExperiment  *self);
void                sl_experiment_add_result      (SlExperiment  *self,
                                                   const SlResultPoint *point);
void                sl_experiment_clear_results   (SlExperiment  *self);

/* Runs: the results grouped by the run that produced them.  A point added
 * with run 0 (a file written before runs were kept) joins a run of its
 * backend, interpreter and partial flag.  Adding a run never replaces
 * another; it returns the new run's id, or 0 when there is no point to keep. */
guint               sl_experiment_add_run         (SlExperiment  *self,
                                                   GPtrArray     *points,
                                                   gint64         time);
/* The reader's half: a run's time, before or after its points. */
void                sl_experiment_set_run_time    (SlExperiment  *self,
                                                   guint          id,
                                                   gint64         time);
gboolean            sl_experiment_remove_run      (SlExperiment  *self,
                                                   guint          id);
/* (element-type SlRunInfo) oldest first */
GPtrArray          *sl_experiment_dup_runs        (SlExperiment  *self);
/* The id of the newest run, or 0. */
guint               sl_experiment_get_last_run    (SlExperiment  *self);
/* A run's points sorted by strategy (declaration order of SlStrategy),
 * count, then version (element-type SlResultPoint). */
GPtrArray          *sl_experiment_dup_run_points  (SlExperiment  *self,
                                                   guint          id);
/* A copy whose results are only those of the runs named (to draw or
 * export some runs of a history); ids of runs not kept are ignored. */
SlExperiment       *sl_experiment_copy_with_runs  (SlExperiment  *self,
                                                   const guint   *ids,
                                                   guint          n_ids);

/* One version, or several: an experiment that names at most one version
 * is drawn and run in the version the user has chosen (the session's);
 * one that compares several keeps its list.  A new strv. */
GStrv               sl_experiment_dup_pythons_for (SlExperiment  *self,
                                                   const char    *session_python);
gboolean            sl_experiment_compares_versions (SlExperiment *self);
/* The session's version changed: an experiment of at most one version
 * takes it (one compares several keeps its list).  Whether it changed. */
gboolean            sl_experiment_follow_python   (SlExperiment  *self,
                                                   const char    *python);

const char         *sl_backend_to_string          (SlBackend      backend);
gboolean            sl_backend_from_string        (const char    *text,
                                                   SlBackend     *backend);

G_END_DECLS
