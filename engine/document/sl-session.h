#pragma once

#include <gio/gio.h>

#include "sl-chain.h"
#include "sl-experiment.h"

G_BEGIN_DECLS

#define SL_SESSION_ERROR (sl_session_error_quark ())

typedef enum {
  SL_SESSION_ERROR_PARSE,      /* not JSON, not UTF-8, truncated */
  SL_SESSION_ERROR_FORMAT,     /* not a slotlab-session, or a version we do not read */
  SL_SESSION_ERROR_INVALID,    /* a member with the wrong type or value; message names its JSON path */
  SL_SESSION_ERROR_LIMIT,      /* over a stated limit (file size, names, counts) */
  SL_SESSION_ERROR_IO,         /* reading or writing the file failed */
  SL_SESSION_ERROR_READ_ONLY,  /* saving: the file is read-only (0444, or not ours to write); offer Save As */
} SlSessionError;

#define SL_SESSION_MAX_FILE_SIZE (8 * 1024 * 1024)
#define SL_SESSION_MAX_EXPERIMENTS 64
#define SL_SESSION_MAX_TEXT 65536        /* title and notes, bytes */

#define SL_TYPE_SESSION (sl_session_get_type ())
G_DECLARE_FINAL_TYPE (SlSession, sl_session, SL, SESSION, GObject)

/* The session file (PRODUCT.md, "slotlab-session" version 1).  Loading is
 * all or nothing: one GError naming what and where (a JSON path such as
 * `classes[2].bases[0]`), and never a half-filled session.  Saving writes a
 * temporary file beside the target and renames it over, so a failed save
 * leaves the old file whole. */

GQuark       sl_session_error_quark    (void);
SlSession   *sl_session_new            (void);
SlSession   *sl_session_new_lecture_17 (void);

SlSession   *sl_session_load_from_data (const char   *data,
                                        gssize        length,
                                        GError      **error);
SlSession   *sl_session_load_from_file (GFile        *file,
                                        GCancellable *cancellable,
                                        GError      **error);
char        *sl_session_to_data        (SlSession    *self,
                                        gsize        *length);
gboolean     sl_session_save_to_file   (SlSession    *self,
                                        GFile        *file,
                                        GCancellable *cancellable,
                                        GError      **error);
gboolean     sl_session_equal          (SlSession    *a,
                                        SlSession    *b);

const char  *sl_session_get_title      (SlSession    *self);
void         sl_session_set_title      (SlSession    *self,
                                        const char   *title);
const char  *sl_session_get_notes      (SlSession    *self);
void         sl_session_set_notes      (SlSession    *self,
                                        const char   *notes);
const char  *sl_session_get_python     (SlSession    *self);
void         sl_session_set_python     (SlSession    *self,
                                        const char   *python);
/* Owned by the session; edit it in place (its signals mark the session modified). */
SlChain     *sl_session_get_chain      (SlSession    *self);
/* (element-type SlExperiment) */
GListModel  *sl_session_get_experiments (SlSession   *self);
void         sl_session_add_experiment (SlSession    *self,
                                        SlExperiment *experiment);
void         sl_session_insert_experiment (SlSession *self,
                                        guint         position,
                                        SlExperiment *experiment);
void         sl_session_remove_experiment (SlSession *self,
                                        guint         index);
SlExperiment *sl_session_lookup_experiment (SlSession *self,
                                        const char   *name);
/* Any change since load or save; SlSession::changed is emitted on every edit. */
gboolean     sl_session_get_modified   (SlSession    *self);
void         sl_session_set_modified   (SlSession    *self,
                                        gboolean      modified);

G_END_DECLS
