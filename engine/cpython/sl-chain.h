#pragma once

#include <gio/gio.h>

#include "sl-class.h"

G_BEGIN_DECLS

#define SL_CHAIN_ERROR (sl_chain_error_quark ())

typedef enum {
  SL_CHAIN_ERROR_INVALID_NAME,     /* not an identifier, or a keyword */
  SL_CHAIN_ERROR_DUPLICATE_CLASS,
  SL_CHAIN_ERROR_UNKNOWN_BASE,     /* not a class defined earlier */
  SL_CHAIN_ERROR_UNKNOWN_CLASS,
  SL_CHAIN_ERROR_IN_USE,           /* a later class names it as a base */
  SL_CHAIN_ERROR_LIMIT,            /* over one of the limits below */
} SlChainError;

/* Limits, stated in the README and enforced at every entry point. */
#define SL_CHAIN_MAX_CLASSES   64
#define SL_CHAIN_MAX_BASES     16
#define SL_CHAIN_MAX_SLOTS     256
#define SL_CHAIN_MAX_INIT      256
#define SL_CHAIN_MAX_NAME_LEN  128

#define SL_TYPE_CHAIN (sl_chain_get_type ())
G_DECLARE_FINAL_TYPE (SlChain, sl_chain, SL, CHAIN, GObject)

/* A GListModel of SlClass in definition order.  Every change emits
 * GListModel::items-changed and then SlChain::changed (once). */

GQuark    sl_chain_error_quark      (void);
SlChain  *sl_chain_new              (void);
/* "ABC" and "Generic": a base of that name that no earlier class defines
 * is abc.ABC or typing.Generic[T] (both `__slots__ = ()`, no __init__). */
gboolean  sl_name_is_library_base   (const char  *name);
SlChain  *sl_chain_copy             (SlChain     *self);
/* The classes CPython has created when it finishes `class_name`'s class
 * statement: the chain up to and including it (a copy of the whole chain
 * if there is no such class).  A class is laid out, measured and run
 * against this prefix by every caller: classes defined after it do not
 * exist yet when it is created, so their refusals are not its own. */
SlChain  *sl_chain_copy_up_to       (SlChain     *self,
                                     const char  *class_name);
gboolean  sl_chain_equal            (SlChain     *a,
                                     SlChain     *b);

guint     sl_chain_get_n_classes    (SlChain     *self);
SlClass  *sl_chain_get_class        (SlChain     *self,
                                     guint        index);
SlClass  *sl_chain_lookup           (SlChain     *self,
                                     const char  *name);
int       sl_chain_index_of         (SlChain     *self,
                                     const char  *name);

/* Structural checks only (names are identifiers and not keywords, class
 * names unique, bases name earlier classes, limits).  What CPython itself
 * would refuse is not an error here: sl_layout_compute() reports it. */
gboolean  sl_chain_append           (SlChain     *self,
                                     SlClass     *klass,
                                     GError     **error);
gboolean  sl_chain_replace          (SlChain     *self,
                                     guint        index,
                                     SlClass     *klass,
                                     GError     **error);
/* The chain with class index renamed and later classes' bases following
 * (transfer full), or NULL with the chain's error. */
SlChain  *sl_chain_renamed          (SlChain     *chain,
                                     guint        index,
                                     const char  *name,
                                     GError     **error);
gboolean  sl_chain_remove           (SlChain     *self,
                                     guint        index,
                                     GError     **error);
gboolean  sl_chain_move             (SlChain     *self,
                                     guint        from,
                                     guint        to,
                                     GError     **error);
gboolean  sl_chain_validate         (SlChain     *self,
                                     GError     **error);

/* Helpers used by the session loader, the UI and the CLI. */
gboolean  sl_name_is_identifier     (const char  *name);
gboolean  sl_name_is_keyword        (const char  *name);
/* A name as a chain holds it: an identifier in NFKC form, not a keyword,
 * not __debug__ (CPython's compiler refuses to assign to it). */
gboolean  sl_check_name             (const char  *name,
                                     const char  *what,
                                     GError     **error);
/* The name CPython's compiler makes of `name` written in source (a class
 * name, a base, self.NAME): its NFKC form (PEP 3131), so `ﬁle` is `file`.
 * __slots__ items are strings, not source, and keep their spelling.  NULL
 * if `name` is not UTF-8. */
char     *sl_name_normalize         (const char  *name);

G_END_DECLS
