#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A Python interpreter on this machine, as the probe's "hello" mode
 * reports it.  The live backend runs only interpreters found here or
 * picked by the user (settings, --interpreter): never one named by a
 * session file. */

#define SL_INTERPRETER_ERROR (sl_interpreter_error_quark ())

typedef enum {
  SL_INTERPRETER_ERROR_NOT_FOUND,     /* no such file, or not executable */
  SL_INTERPRETER_ERROR_NOT_PYTHON,    /* ran, but did not answer as the probe does */
  SL_INTERPRETER_ERROR_TIMED_OUT,
} SlInterpreterError;

#define SL_TYPE_INTERPRETER (sl_interpreter_get_type ())
G_DECLARE_FINAL_TYPE (SlInterpreter, sl_interpreter, SL, INTERPRETER, GObject)

GQuark         sl_interpreter_error_quark     (void);

/* The probe script's source (from the engine's GResource). */
GBytes        *sl_interpreter_dup_probe_source (void);

const char    *sl_interpreter_get_path        (SlInterpreter *self);
const char    *sl_interpreter_get_executable  (SlInterpreter *self); /* sys.executable */
const char    *sl_interpreter_get_release     (SlInterpreter *self); /* "3.12.1" */
gboolean       sl_interpreter_is_free_threaded (SlInterpreter *self);
/* "3.12.1", or "3.13.0t" for a free-threaded build: a result's python. */
const char    *sl_interpreter_get_version     (SlInterpreter *self);
/* The profile that covers it ("3.12", "3.13t"), or NULL. */
const char    *sl_interpreter_get_profile_id  (SlInterpreter *self);
/* "CPython 3.12.1 — /usr/bin/python3 (profile 3.12)" */
char          *sl_interpreter_dup_label       (SlInterpreter *self);

/* Runs `path -I -S -c PROBE` in "hello" mode. */
void           sl_interpreter_probe_async     (const char          *path,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
SlInterpreter *sl_interpreter_probe_finish    (GAsyncResult        *result,
                                               GError             **error);
SlInterpreter *sl_interpreter_probe           (const char          *path,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* Where to look: python3 and python3.X on PATH, ~/.pyenv/versions/<v>/bin/python3,
 * $SLOTLAB_PYTHONS_DIR/bin/python3.* (default /opt/slotlab-pythons).  Each
 * file once (by its resolved path); a pyenv shim on PATH is replaced by the
 * files ROOT/versions/<v>/bin/NAME it could run, found without running it
 * (the shim itself only when no version has that command). */
GStrv          sl_interpreter_list_candidates (void);
/* The same candidates, those whose path names `version` ("3.12": a
 * pyenv folder 3.12.x, a file python3.12) and that are not a pyenv shim
 * first, then the rest in their order.  Probing in this order finds an
 * interpreter of that version without starting every shim before it (a
 * shim is a shell script that runs pyenv: 0.1–1 s each, 127 when its
 * version is not the selected one); the probe still decides. */
GStrv          sl_interpreter_list_candidates_for (const char *version);

/* Probes every candidate (element-type SlInterpreter): those that answer,
 * once per executable, in the candidates' order.  Two at a time, and a
 * candidate that missed the hello deadline is asked once more with three
 * times as long, so that a loaded machine still lists all of them. */
void           sl_interpreter_discover_async  (GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray     *sl_interpreter_discover_finish (GAsyncResult        *result,
                                               GError             **error);

/* The interpreter a live run of `version` ("3.12", "3.13t", or a release
 * "3.12.1") uses among `interpreters` (element-type SlInterpreter): one of
 * exactly that version — its profile's, or that release — the one at
 * `preferred_path` (the user's last choice) if it is such, else the first.
 * NULL when none is. */
SlInterpreter *sl_interpreter_choose          (GPtrArray           *interpreters,
                                               const char          *version,
                                               const char          *preferred_path);

G_END_DECLS
