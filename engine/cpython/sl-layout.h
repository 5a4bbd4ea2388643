#pragma once

#include <json-glib/json-glib.h>

#include "sl-chain.h"
#include "sl-profile.h"

G_BEGIN_DECLS

typedef enum {
  SL_FIELD_PRE_WEAKREF,        /*< nick=pre-header-weakref >*/ /* managed weakref pointer, before the GC head */
  SL_FIELD_PRE_DICT,           /*< nick=pre-header-dict >*/ /* managed dict (or values) pointer */
  SL_FIELD_PRE_VALUES,         /*< nick=pre-header-values >*/ /* 3.11: values pointer */
  SL_FIELD_GC_HEAD,            /* PyGC_Head: two words */
  SL_FIELD_HEADER,             /* free-threaded header words: ob_tid, flags, ob_ref_local */
  SL_FIELD_REFCNT,             /*< nick=refcount >*/
  SL_FIELD_TYPE,
  SL_FIELD_SLOT,
  SL_FIELD_DICT,               /* __dict__ pointer inside the object */
  SL_FIELD_WEAKREF,            /* __weakref__ pointer inside the object */
  SL_FIELD_INLINE_VALUES_HEADER,
  SL_FIELD_INLINE_VALUE,
} SlFieldKind;

typedef struct {
  const char  *name;      /* "ob_refcnt", "x", "__dict__", "values[3]" */
  gint64       offset;    /* from the object start (PyObject *); negative before it */
  guint        size;
  SlFieldKind  kind;
  const char  *owner;     /* the class that declares it, or NULL */
  const char  *purpose;   /* one sentence for a tooltip */
} SlField;

typedef enum {
  SL_PART_OBJECT,     /* the object with its GC head, pre-header and inline values */
  SL_PART_DICT,       /* the dict object */
  SL_PART_KEYS,       /* a keys table owned by this instance's dict */
  SL_PART_VALUES,     /* a separate values array */
  SL_PART_VALUE_OBJECTS, /* what the attributes hold: a float, a str, a list and its items... */
  SL_N_PARTS /*< skip >*/
} SlPart;

typedef struct {
  SlPart   part;
  guint64  requested;   /* bytes asked of the allocator: what tracemalloc traces */
  guint64  block;       /* size class the allocator hands out (pymalloc or mimalloc) */
  gboolean small;       /* served by the small-object allocator (<= 512 bytes with pymalloc) */
  const char *attribute;/* SL_PART_VALUE_OBJECTS: the attribute that holds it */
  const char *value;    /* SL_PART_VALUE_OBJECTS: its kind, "float", "list:3" */
} SlBlock;

typedef enum {
  SL_METRIC_TRACED,
  SL_METRIC_GETSIZEOF,
  SL_METRIC_PYMALLOC,
  SL_METRIC_RESIDENT,
  SL_N_METRICS /*< skip >*/
} SlMetric;

/* Every figure of shared/oracle/README.md, plus what the charts need.
 * -1 where a figure does not apply (no __dict__, no pymalloc). */
typedef struct {
  gint64   basicsize;
  gint64   itemsize;
  gint64   dictoffset;
  gint64   weakrefoffset;
  gboolean gc;
  gboolean has_dict;
  gint64   getsizeof;
  gint64   getsizeof_dict;
  gint64   getsizeof_after_touch;
  gint64   traced_per_instance;
  gint64   traced_per_instance_touched;
  gint64   pymalloc_per_instance;
  gint64   traced_fixed;              /* once per class: shared keys, first-instance growth */
  double   resident_per_instance;     /* blocks plus pool/page and arena overhead */
  gint64   traced_by_part[SL_N_PARTS];/* traced_per_instance split by part */
} SlFigures;

typedef struct _SlLayout SlLayout;

#define SL_TYPE_LAYOUT (sl_layout_get_type ())
GType            sl_layout_get_type            (void) G_GNUC_CONST;

/* error is set only for bad input (no such class).  A chain CPython would
 * refuse gives a layout whose get_error() is CPython's message. */
SlLayout        *sl_layout_compute             (SlChain      *chain,
                                                const char   *class_name,
                                                SlProfile    *profile,
                                                GError      **error);
SlLayout        *sl_layout_ref                 (SlLayout     *self);
void             sl_layout_unref               (SlLayout     *self);

const char      *sl_layout_get_class_name      (SlLayout     *self);
SlProfile       *sl_layout_get_profile         (SlLayout     *self);
/* "TypeError: multiple bases have instance lay-out conflict", or NULL */
const char      *sl_layout_get_error           (SlLayout     *self);
/* The class's own __static_attributes__ as its compiler records them
 * (class statements, 3.13+), or NULL. */
const char * const *sl_layout_get_static_attributes (SlLayout *self);
/* The class whose creation (or __init__) raised it. */
const char      *sl_layout_get_error_class     (SlLayout     *self);
/* Whether the class is created and its __init__ raises the error (an
 * assignment __slots__ has no room for), rather than class creation. */
gboolean         sl_layout_error_is_at_init    (SlLayout     *self);
const SlFigures *sl_layout_get_figures         (SlLayout     *self);
const SlField   *sl_layout_get_fields          (SlLayout     *self,
                                                guint        *n_fields);
/* One instance's allocations after __init__, in the steady state. */
const SlBlock   *sl_layout_get_blocks          (SlLayout     *self,
                                                guint        *n_blocks);
/* The same with __dict__ read after __init__. */
const SlBlock   *sl_layout_get_blocks_touched  (SlLayout     *self,
                                                guint        *n_blocks);

/* Bytes per instance, and once per class, for a metric. */
double           sl_layout_get_per_instance    (SlLayout     *self,
                                                SlMetric      metric);
double           sl_layout_get_fixed           (SlLayout     *self,
                                                SlMetric      metric);

/* The slotlab-cli `layout` object (see PRODUCT.md). */
JsonNode        *sl_layout_to_json             (SlLayout     *self);

const char      *sl_metric_to_string           (SlMetric      metric);
gboolean         sl_metric_from_string         (const char   *text,
                                                SlMetric     *metric);
const char      *sl_part_to_string             (SlPart        part);
const char      *sl_field_kind_to_string       (SlFieldKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlLayout, sl_layout_unref)

G_END_DECLS
