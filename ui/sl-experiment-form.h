#pragma once

#include <gtk/gtk.h>

#include "sl-document.h"
#include "sl-interpreter.h"
#include "sl-session.h"

G_BEGIN_DECLS

#define SL_TYPE_EXPERIMENT_FORM (sl_experiment_form_get_type ())
G_DECLARE_FINAL_TYPE (SlExperimentForm, sl_experiment_form, SL, EXPERIMENT_FORM, GtkWidget)

/* The form of one experiment: name, class, versions compared (or the
 * window's one), metric, strategies, counts, backend and interpreter.
 * Each edit is one step of the document's history
 * (sl_document_set_experiment()).  Interpreters are found
 * when it is first shown; the one chosen for a live run is of exactly the
 * experiment's version (sl_interpreter_choose()), the user's last choice
 * first.  SlExperimentForm::message carries what the user should read
 * (a probe that failed). */

void           sl_experiment_form_set_document    (SlExperimentForm *self,
                                                   SlDocument       *document);
void           sl_experiment_form_set_experiment  (SlExperimentForm *self,
                                                   SlExperiment     *experiment);
/* The experiment changed under the form (undo, redo, a test): the
 * widgets show it again; an edit the form itself makes is left alone. */
void           sl_experiment_form_reload          (SlExperimentForm *self);
/* The session's version changed: versions and the interpreter follow. */
void           sl_experiment_form_refresh         (SlExperimentForm *self);
void           sl_experiment_form_set_running     (SlExperimentForm *self,
                                                   gboolean          running);
SlInterpreter *sl_experiment_form_get_interpreter (SlExperimentForm *self);
guint          sl_experiment_form_get_n_interpreters (SlExperimentForm *self);

G_END_DECLS
