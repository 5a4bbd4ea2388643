#pragma once

#include <adwaita.h>

#include "sl-document.h"

G_BEGIN_DECLS

#define SL_TYPE_COMPARE_VIEW (sl_compare_view_get_type ())
G_DECLARE_FINAL_TYPE (SlCompareView, sl_compare_view, SL, COMPARE_VIEW, AdwWindow)

/* One class on two CPython versions side by side — "it depends on your
 * Python" in one picture: what changed (the engine's sl_explain_compare()),
 * the costs of every strategy on both with the changed ones marked, and
 * the two byte maps with their whys. */
SlCompareView *sl_compare_view_new          (GtkWindow     *parent,
                                             SlDocument    *document,
                                             const char    *class_name,
                                             const char    *left_version,
                                             const char    *right_version);
void           sl_compare_view_set_versions (SlCompareView *self,
                                             const char    *left_version,
                                             const char    *right_version);
/* What the view shows (for tests). */
GStrv          sl_compare_view_dup_changes  (SlCompareView *self);
const char    *sl_compare_view_get_cell     (SlCompareView *self,
                                             guint          strategy,
                                             guint          side);   /* 0 left, 1 right */

G_END_DECLS
