#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SL_TYPE_APPLICATION (sl_application_get_type ())
G_DECLARE_FINAL_TYPE (SlApplication, sl_application, SL, APPLICATION, AdwApplication)

/* `slotlab`: one window per file given, the Lecture 17 session without. */
SlApplication *sl_application_new (void);

G_END_DECLS
