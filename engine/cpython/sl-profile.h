#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SL_PROFILE_ERROR (sl_profile_error_quark ())

typedef enum {
  SL_PROFILE_ERROR_BAD_VERSION,   /* not X.Y, X.Y.Z, with an optional t */
  SL_PROFILE_ERROR_UNKNOWN,       /* no profile covers that release */
  SL_PROFILE_ERROR_CORRUPT,       /* a profile file that does not parse */
} SlProfileError;

#define SL_TYPE_PROFILE (sl_profile_get_type ())
G_DECLARE_FINAL_TYPE (SlProfile, sl_profile, SL, PROFILE, GObject)

/* One CPython build (x86-64): its numbers, loaded from
 * data/profiles/cpython-*.json (a GResource of the engine), and the
 * releases it covers. */

GQuark      sl_profile_error_quark        (void);

/* All profiles, oldest first (element-type SlProfile).  Do not modify. */
GPtrArray  *sl_profile_list               (void);

/* "3.12", "3.12.1", "3.14t", "3.13.15t".  (transfer full) */
SlProfile  *sl_profile_lookup             (const char  *version,
                                           GError     **error);

/* The version a session names when it names none (PRODUCT.md: "python"
 * defaults to "3.12"). */
#define SL_PROFILE_DEFAULT_VERSION "3.12"

/* The one rule from a version string -- a session's or an experiment's
 * "python", a --python option, the window's choice -- to a profile: NULL
 * or "" mean SL_PROFILE_DEFAULT_VERSION, anything else must be a release
 * a profile covers (sl_profile_lookup()).  Every caller asks this, so the
 * window, the CLI and the model never disagree.  (transfer full) */
SlProfile  *sl_profile_lookup_version     (const char  *version,
                                           GError     **error);

const char *sl_profile_get_id             (SlProfile   *self);  /* "3.13t" */
const char *sl_profile_get_label          (SlProfile   *self);  /* "CPython 3.13 (free-threaded)" */
const char *sl_profile_get_releases       (SlProfile   *self);  /* "3.13.0 and later 3.13 releases" */
const char *sl_profile_get_first_release  (SlProfile   *self);  /* "3.13.0" */
const char *sl_profile_get_last_release   (SlProfile   *self);  /* NULL = open-ended */
const char * const *sl_profile_get_verified_releases (SlProfile *self);
gboolean    sl_profile_is_free_threaded   (SlProfile   *self);
gboolean    sl_profile_covers             (SlProfile   *self,
                                           const char  *release);
guint       sl_profile_get_minor          (SlProfile   *self);  /* 12 for 3.12 */

G_END_DECLS
