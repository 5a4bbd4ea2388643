#pragma once

#include "sl-chain.h"
#include "sl-layout.h"
#include "sl-profile.h"

G_BEGIN_DECLS

/* The why beside the figure: for one layout (a class, a strategy, a
 * profile), the mechanisms of CPython at work in its figures, each in two
 * or three sentences with this layout's own numbers, and the CPython
 * change that brought it.  The texts are data (a table in sl-explain.c);
 * which apply is decided from the layout and the profile's mechanisms. */

typedef struct {
  const char *id;        /* "lazy-dict", "managed-weakref", "issue-135385", … */
  const char *title;     /* "No dict until __dict__ is read" */
  char       *text;      /* with this layout's figures */
  const char *change;    /* "CPython 3.11, bpo-45340: instance dicts created lazily" */
} SlExplanation;

void        sl_explanation_free   (SlExplanation *explanation);

/* (element-type SlExplanation) empty for a class CPython refuses. */
GPtrArray  *sl_explain_layout     (SlLayout      *layout);
/* The same as lines "Title — text (change)", for a picture or a terminal. */
GStrv       sl_explain_dup_texts  (SlLayout      *layout);

/* What changes from layout a to layout b (the same class on two versions):
 * one sentence per figure that differs ("traced per instance: 104 B →
 * 408 B (+304 B)") and per mechanism that comes or goes ("new on 3.13:
 * …", "gone on 3.14: …").  Empty when nothing differs. */
GStrv       sl_explain_compare    (SlLayout      *a,
                                   SlLayout      *b);

/* Slide 5's demonstrations on one class and profile. */
typedef struct {
  char     *class_name;
  char     *python;          /* profile id */
  gboolean  refused;         /* CPython refuses the class (error set) */
  gboolean  has_dict;        /* hasattr(obj, '__dict__') */
  char     *store_name;      /* the attribute set: "undeclared" */
  gboolean  store_ok;        /* obj.undeclared = 1 works */
  char     *store_result;    /* "stored in the instance's __dict__" or CPython's exception */
  char     *error;           /* CPython's error for the class, when refused */
} SlDemonstration;

void             sl_demonstration_free (SlDemonstration *demo);
/* What `hasattr(obj, '__dict__')` answers and what `obj.<attribute> = 1`
 * does for an instance of class_name, laid out against the chain up to it
 * as sl_layout_compute() does.  attribute NULL: "undeclared".  NULL with
 * error for an unknown class. */
SlDemonstration *sl_explain_demonstrate (SlChain    *chain,
                                         const char *class_name,
                                         SlProfile  *profile,
                                         const char *attribute,
                                         GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlExplanation, sl_explanation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlDemonstration, sl_demonstration_free)

G_END_DECLS
