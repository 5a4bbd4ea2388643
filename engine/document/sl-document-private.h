#pragma once

#include "sl-chain-private.h"
#include "sl-document.h"

G_BEGIN_DECLS

/* One step of the edit history: the state before and after, for the part
 * of the session it touched.  Steps hold copies, never the live objects
 * (except an experiment that was added or removed, which is put back as
 * it was, results and all). */
typedef enum {
  SL_STEP_CHAIN,          /* any edit of the classes */
  SL_STEP_EXPERIMENT,     /* one experiment's settings */
  SL_STEP_EXPERIMENT_ADD,
  SL_STEP_EXPERIMENT_REMOVE,
  SL_STEP_TITLE,
  SL_STEP_NOTES,
  SL_STEP_PYTHON,
} SlStepKind;

typedef struct {
  SlStepKind    kind;
  char         *label;       /* "Rename A to B" */
  char         *merge_key;   /* steps with the same key in a row become one; NULL never merges */
  int           index;       /* the class (SL_STEP_CHAIN) or experiment it touched, or -1 */
  SlChain      *chain_before;
  SlChain      *chain_after;
  SlExperiment *experiment_before;  /* settings (copies) */
  SlExperiment *experiment_after;
  SlExperiment *item;        /* added or removed (the live object) */
  char         *text_before;
  char         *text_after;
} SlStep;

typedef struct {
  GPtrArray *steps;      /* SlStep */
  guint      position;   /* steps[0..position) are done */
  int        clean;      /* position at the last load or save; -1 when no position is */
  gboolean   sealed;     /* the next step does not merge */
} SlHistory;

SlHistory *sl_history_new      (void);
void       sl_history_free     (SlHistory  *history);
/* Adds step after the done ones (dropping what was undone), or merges it
 * into the last.  Takes ownership. */
void       sl_history_push     (SlHistory  *history,
                                SlStep     *step);
SlStep    *sl_history_peek_undo (SlHistory *history);
SlStep    *sl_history_peek_redo (SlHistory *history);
void       sl_step_free        (SlStep     *step);

/* Whether two experiments have the same settings (results aside), and the
 * settings of from copied into self. */
gboolean   sl_experiment_settings_equal  (SlExperiment *a,
                                          SlExperiment *b);
void       sl_experiment_assign_settings (SlExperiment *self,
                                          SlExperiment *from);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlStep, sl_step_free)

G_END_DECLS
