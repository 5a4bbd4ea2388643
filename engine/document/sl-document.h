#pragma once

#include <gio/gio.h>

#include "sl-interpreter.h"
#include "sl-layout.h"
#include "sl-session.h"
#include "sl-strategy.h"

G_BEGIN_DECLS

#define SL_DOCUMENT_ERROR (sl_document_error_quark ())

typedef enum {
  SL_DOCUMENT_ERROR_BUSY,          /* a load or save of this document is under way */
  SL_DOCUMENT_ERROR_NO_FILE,       /* saved to nothing: the document has no file yet */
  SL_DOCUMENT_ERROR_NOT_RECOVERABLE, /* an autosave that is not one, or still in use */
} SlDocumentError;

#define SL_TYPE_DOCUMENT (sl_document_get_type ())
G_DECLARE_FINAL_TYPE (SlDocument, sl_document, SL, DOCUMENT, GObject)

/* What a user can lose, and the one place the views ask their questions
 * (in the manner of GNOME Text Editor's EditorDocument): the session, the
 * file it came from, its title and unsaved state, the edit history (undo
 * and redo), loading and saving off the main loop, and an autosave of its
 * own so that a crash loses nothing.
 *
 * Autosave: every document has a uuid; while it has unsaved changes it is
 * written, a moment after each edit, to
 * $XDG_STATE_HOME/slotlab/autosave/<uuid>.slotlab with a sidecar
 * <uuid>.json naming the file it came from and the process that owns it.
 * Saving the document, or closing it (sl_document_discard_autosave()),
 * removes only its own pair.  A pair whose owner is no longer running is
 * work a crash left behind: sl_document_list_recoverable() finds it, and a
 * document recovered from it takes over its uuid, so that the work stays
 * in that one file until the user saves or discards it -- a later crash
 * or a second recovery never writes over it. */

GQuark        sl_document_error_quark       (void);
/* An empty session ("Untitled session", the default Python), no file. */
SlDocument   *sl_document_new               (void);
/* session, unsaved state as it is; the document does not autosave until
 * sl_document_set_autosave (TRUE). */
SlDocument   *sl_document_new_for_session   (SlSession     *session,
                                             GFile         *file);

SlSession    *sl_document_get_session       (SlDocument    *self);
SlChain      *sl_document_get_chain         (SlDocument    *self);
GFile        *sl_document_get_file          (SlDocument    *self);
/* The session's title, else the file's name, else "Untitled session". */
char         *sl_document_dup_title         (SlDocument    *self);
gboolean      sl_document_get_modified      (SlDocument    *self);
const char   *sl_document_get_uuid          (SlDocument    *self);
gboolean      sl_document_get_busy          (SlDocument    *self);

/* Loads file into this document: on success the document holds the new
 * session (notify::session), the file, no history, no unsaved changes; on
 * failure it is untouched.  Non-regular files are refused by the reader.
 * A .py file is read as Python source (sl-python-reader.h, nothing runs):
 * the document then has no file (it is never saved over the source), its
 * changes are unsaved, and the reader's notes are the session's notes. */
void          sl_document_load_async        (SlDocument          *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sl_document_load_finish       (SlDocument          *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Saves a snapshot through the session writer (atomic; the writer keeps
 * mode, owner and links and refuses what it must).  file NULL = the
 * document's own file.  Edits may go on meanwhile: the document is clean
 * afterwards only if none was made.  Removes the document's autosave. */
void          sl_document_save_async        (SlDocument          *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      sl_document_save_finish       (SlDocument          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Autosave ---------------------------------------------------------------- */

/* $XDG_STATE_HOME/slotlab/autosave */
char         *sl_document_get_autosave_dir  (void);
void          sl_document_set_autosave      (SlDocument    *self,
                                             gboolean       enabled);
/* Writes the autosave now if there are unsaved changes (what the timer
 * does a moment after an edit).  For tests and for closing. */
gboolean      sl_document_autosave_now      (SlDocument    *self,
                                             GError       **error);
/* The document's autosave file (it may not exist). */
GFile        *sl_document_get_autosave_file (SlDocument    *self);
/* The user closed the document (saved or discarded): its autosave goes. */
void          sl_document_discard_autosave  (SlDocument    *self);
/* Autosaves left by processes that are no longer running, oldest first
 * (element-type GFile, the <uuid>.slotlab files). */
GPtrArray    *sl_document_list_recoverable  (void);
/* Loads an autosave from sl_document_list_recoverable() into this
 * document: the session as it was, unsaved, with the file it came from,
 * and the autosave's uuid (the document now owns that autosave). */
gboolean      sl_document_recover           (SlDocument    *self,
                                             GFile         *autosave,
                                             GError       **error);

/* Edits: each one step of the history ------------------------------------- */

/* The class at index becomes klass's fields; a new name carries over to
 * the bases of later classes.  Edits of one field of one class in a row
 * are one step (typing a name), until sl_document_seal_history(). */
gboolean      sl_document_set_class         (SlDocument    *self,
                                             guint          index,
                                             SlClass       *klass,
                                             GError       **error);
/* Inserts klass (a new class) at position (<= n). */
gboolean      sl_document_insert_class      (SlDocument    *self,
                                             guint          position,
                                             SlClass       *klass,
                                             GError       **error);
gboolean      sl_document_remove_class      (SlDocument    *self,
                                             guint          index,
                                             GError       **error);
gboolean      sl_document_move_class        (SlDocument    *self,
                                             guint          from,
                                             guint          to,
                                             GError       **error);
gboolean      sl_document_rename_class      (SlDocument    *self,
                                             guint          index,
                                             const char    *name,
                                             GError       **error);
/* The chain becomes a copy of chain's classes (the live chain object
 * stays, so views keep it), as one step named label.  Replacements in a
 * row with the same label are one step (typing), until
 * sl_document_seal_history(). */
gboolean      sl_document_replace_chain     (SlDocument    *self,
                                             SlChain       *chain,
                                             const char    *label,
                                             GError       **error);
/* sl-document-source.c: the chain becomes the class statements of source
 * (sl_python_read(), nothing runs), one step "Edit Python source" (edits
 * in a row merge).  Source that does not read is the reader's error
 * ("line L, column C: …", sl_python_error_get_location()) and changes
 * nothing.  notes (nullable, element-type SlPythonNote): what the reader
 * ignored or assumed. */
gboolean      sl_document_set_python_source (SlDocument    *self,
                                             const char    *source,
                                             gssize         length,
                                             GPtrArray    **notes,
                                             GError       **error);
/* The text of the Python source the document was loaded from, while its
 * chain is still the one read from it; else NULL. */
const char   *sl_document_get_loaded_source (SlDocument    *self);
/* Adds the class statements of source to the document, one step ("Paste
 * NAME"): a pasted class may name one of the document's classes as a
 * base, and one named as a class of the document replaces it (as a later
 * class statement rebinds the name): the document's classes before the
 * first one replaced, the pasted ones, then the document's others.
 * Returns how many classes were pasted (first: the position of the first
 * of them; replaced: how many replaced one), 0 with the reader's error (its line and column those of
 * source) or the chain's. */
guint         sl_document_paste_python_source (SlDocument  *self,
                                             const char    *source,
                                             gssize         length,
                                             guint         *first,
                                             guint         *replaced,
                                             GPtrArray    **notes,
                                             GError       **error);
/* The experiment at index takes settings's name, class, strategies,
 * metric, versions, backend and counts (its results stay). */
void          sl_document_set_experiment    (SlDocument    *self,
                                             guint          index,
                                             SlExperiment  *settings);
void          sl_document_add_experiment    (SlDocument    *self,
                                             SlExperiment  *experiment);
void          sl_document_remove_experiment (SlDocument    *self,
                                             guint          index);
void          sl_document_set_title         (SlDocument    *self,
                                             const char    *title);
void          sl_document_set_notes         (SlDocument    *self,
                                             const char    *notes);
void          sl_document_set_python        (SlDocument    *self,
                                             const char    *python);

/* Edit history ------------------------------------------------------------ */

/* An edit made directly on the session (a view that edits the chain or an
 * experiment itself) is recorded too, so every edit can be undone; the
 * functions above only give it a name and group compound edits. */
gboolean      sl_document_can_undo          (SlDocument    *self);
gboolean      sl_document_can_redo          (SlDocument    *self);
/* "Remove NewClass", or NULL */
const char   *sl_document_get_undo_label    (SlDocument    *self);
const char   *sl_document_get_redo_label    (SlDocument    *self);
/* index (nullable): the class the step touched, -1 if none. */
gboolean      sl_document_undo              (SlDocument    *self,
                                             int           *index);
gboolean      sl_document_redo              (SlDocument    *self,
                                             int           *index);
/* The next edit starts a step of its own. */
void          sl_document_seal_history      (SlDocument    *self);

/* Questions the views ask (sl-document-queries.c) ------------------------- */

/* The profile of the session's "python" (sl_profile_lookup_version()). */
SlProfile    *sl_document_dup_profile       (SlDocument    *self,
                                             GError       **error);
/* class_name's layout with strategy applied, laid out by the engine's one
 * rule for how much of the chain counts (the class statements up to and
 * including it: sl_chain_copy_up_to()).  NULL with error for bad input
 * only; what CPython refuses is the layout's error. */
SlLayout     *sl_document_dup_layout        (SlDocument    *self,
                                             const char    *class_name,
                                             SlStrategy     strategy,
                                             SlProfile     *profile,
                                             GError       **error);

/* One row of the costs table. */
typedef struct {
  SlStrategy  strategy;
  SlLayout   *layout;      /* NULL if the strategy does not apply; may carry CPython's error */
  double      per_instance[SL_N_METRICS];
  double      fixed[SL_N_METRICS];
  gboolean    cheapest[SL_N_METRICS];  /* the least of its column (ties all marked) */
} SlCostRow;

/* (element-type SlCostRow) one row per strategy, in SlStrategy order. */
GPtrArray    *sl_document_dup_cost_rows     (SlDocument    *self,
                                             const char    *class_name,
                                             SlProfile     *profile);

typedef enum {
  SL_PITFALL_DICT_UNDER_SLOTS,   /* slide 7: no __slots__ under slotted bases */
  SL_PITFALL_UNASKED_DICT,       /* '__dict__' in __slots__ that __init__ never needs */
} SlPitfallKind;

typedef struct {
  SlPitfallKind kind;
  char         *class_name;
  double        extra_traced;  /* bytes per instance the pitfall costs (traced), -1 unknown */
} SlPitfall;

/* (element-type SlPitfall) in class order. */
GPtrArray    *sl_document_dup_pitfalls      (SlDocument    *self,
                                             SlProfile     *profile);


/* An experiment's version: its first "python", else the session's. */
const char   *sl_document_get_experiment_python (SlDocument   *self,
                                             SlExperiment  *experiment);
/* The same rule, for a caller that holds the session only. */
const char   *sl_experiment_get_version     (SlExperiment  *experiment,
                                             SlSession     *session);
/* The one rule for the interpreter of a live run: among interpreters
 * (element-type SlInterpreter, in discovery order), the first of exactly
 * the experiment's version ("3.12" = a 3.12 build of the same kind,
 * "3.12.1" = that release).  NULL if none. */
SlInterpreter *sl_document_pick_interpreter (SlDocument    *self,
                                             SlExperiment  *experiment,
                                             GPtrArray     *interpreters);
/* The first of interpreters that is exactly version, or NULL. */
SlInterpreter *sl_interpreter_pick          (GPtrArray     *interpreters,
                                             const char    *version);
/* Whether interp is exactly version (see above). */
gboolean      sl_interpreter_is_version     (SlInterpreter *interp,
                                             const char    *version);

/* "1000, 2000 5000" -> counts; error names the item at fault. */
GArray       *sl_parse_count_list           (const char    *text,
                                             GError       **error);
/* "3.12, 3.13t" -> versions, each checked against the profiles. */
GStrv         sl_parse_version_list         (const char    *text,
                                             GError       **error);

G_END_DECLS
