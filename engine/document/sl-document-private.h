#pragma once

#include "sl-chain-private.h"
#include "sl-document.h"

G_BEGIN_DECLS

/* Which write of a document's autosave is the latest one asked for, and
 * the lock that keeps writes and removals of its files in order; shared,
 * reference-counted, with the threads that write (sl-document-autosave.c). */
typedef struct _SlAutosaveState SlAutosaveState;

SlAutosaveState *sl_autosave_state_new   (void);
void             sl_autosave_state_unref (SlAutosaveState *state);

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

/* The document itself, shared by sl-document.c and its parts
 * (sl-document-edits.c, -autosave.c, -io.c). */
#define AUTOSAVE_DELAY_MS 1500

struct _SlDocument
{
  GObject       parent_instance;

  SlSession    *session;
  GFile        *file;
  char         *uuid;
  SlHistory    *history;

  /* The session after the last recorded edit, for the history to compare. */
  SlChain      *chain_snapshot;
  GPtrArray    *experiments;          /* SlExperiment, the live ones, in order */
  GPtrArray    *experiment_settings;  /* SlExperiment copies, parallel */
  char         *title_snapshot;
  char         *notes_snapshot;
  char         *python_snapshot;

  /* The Python source the document was loaded from, and the chain it read
   * to: the Python tab shows that text while the chain is still this one. */
  char         *loaded_source;
  SlChain      *loaded_chain;

  guint         applying;      /* undo or redo under way: record nothing */
  guint         grouping;      /* an sl_document_* edit under way: record at its end */
  gboolean      list_recorded; /* items-changed recorded the edit being signalled */
  gboolean      could_undo;    /* as last notified */
  gboolean      could_redo;
  char         *pending_label;
  char         *pending_key;
  int           pending_index;

  guint64       generation;    /* counts edits, to tell whether a save is still current */
  guint         busy;
  gboolean      autosave_enabled;
  guint         autosave_source;
  SlAutosaveState *autosave_state;  /* shared with autosaves being written */
};

/* sl-document.c */
void     sl_document_begin_edit   (SlDocument *self,
                                   const char *label,
                                   const char *key,
                                   int         index);
void     sl_document_end_edit     (SlDocument *self);
void     sl_document_bind_session (SlDocument *self,
                                   SlSession  *session);
void     sl_document_set_busy     (SlDocument *self,
                                   gboolean    busy);

/* sl-document-autosave.c: the timeout that writes the autosave (from a
 * thread), and whether such a write has yet to end */
gboolean sl_document_autosave_cb         (gpointer    user_data);
gboolean sl_document_autosave_is_writing (SlDocument *self);

G_END_DECLS
