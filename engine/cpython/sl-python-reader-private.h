#pragma once

/* What the parts of the Python reader share (internal): the reader's state,
 * one class statement as read, and the helpers each part offers the others.
 * sl-python-reader.c reads the module and builds the chain;
 * sl-python-reader-tokens.c, -stores.c, -init.c, -class.c and -dataclass.c
 * do the rest. */

#include "sl-python-reader.h"
#include "sl-python-tokenizer-private.h"
#include "sl-value-model.h"

G_BEGIN_DECLS

#define MAX_INLINE_DEPTH 8

typedef struct { guint a, b; } Range;   /* tokens [a, b) */

typedef struct {
  char *name;
  char *kind;           /* value kind, NULL = small int / unknown */
  guint line, column;
} Store;

typedef struct {
  char *name;
  SlPyStmt *stmt;
  guint line, column;
  GPtrArray *bases;     /* session names */
  gboolean has_slots;
  GPtrArray *slots;
  GPtrArray *slot_types;
  SlSlotsSpelling spelling;
  GPtrArray *init;      /* Store */
  SlBaseInit base_init;
  guint base_init_at;
  GPtrArray *seen;      /* names the compiler sees (char *), first-seen order */
  SlDataclassFlags dataclass;
  GPtrArray *fields;    /* Store: all dataclass fields, inherited first */
  GHashTable *methods;  /* name -> SlPyStmt (the def) */
  GHashTable *properties; /* names that are properties or other descriptors */
  GHashTable *class_vars; /* names assigned in the class body */
} ClassInfo;

typedef struct {
  SlPyTree *tree;
  GPtrArray *notes;
  GError **error;
  GHashTable *imports;  /* local name -> qualified name */
  GPtrArray *classes;   /* ClassInfo */
  /* while reading one class */
  ClassInfo *klass;
  char *self_name;
  guint inline_depth;
  GPtrArray *init_not_literal;  /* names whose value was not a literal */
  gboolean said_values;
  /* __init__'s parameters whose default is a float literal: float(x) of
   * one returns that very float (the measured instance is cls()) */
  GHashTable *float_params;
  /* module names bound to count(START).__next__ with 256 < START <= 2**29:
   * each call a new one-digit int (what the Python export writes) */
  GHashTable *counters;
} Reader;

typedef struct {
  GPtrArray *stores;       /* Store, in the order they run */
  gboolean base_called;
  guint base_at;
  SlBaseInit base_how;
  GPtrArray *explicit_bases; /* char *, the bases whose __init__ is called explicitly */
  gboolean ended;          /* a return or raise ran (or a break: left_loop) */
  gboolean left_loop;
} Run;

#define UNSUPPORTED SL_PYTHON_READER_ERROR_UNSUPPORTED

/* sl-python-reader.c */

void store_free (gpointer data);

/* sl-python-reader-tokens.c */

gboolean
sl_pyr_literal_bool (Reader   *r,
                     Range     range,
                     gboolean *value);

SlPyToken *
sl_pyr_tok (Reader *r,
            guint   i);

gboolean
sl_pyr_is_op (Reader     *r,
              guint       i,
              const char *op);

gboolean
sl_pyr_is_name (Reader     *r,
                guint       i,
                const char *name);

gboolean
sl_pyr_is_open (SlPyToken *t);

gboolean
sl_pyr_is_close (SlPyToken *t);

guint
sl_pyr_matching (Reader *r,
                 guint   i,
                 guint   end);

GArray *
sl_pyr_split_top (Reader     *r,
                  Range       range,
                  const char *sep);

int
sl_pyr_find_top (Reader     *r,
                 Range       range,
                 const char *op);

Range
sl_pyr_strip_parens (Reader *r,
                     Range   range);

char *
sl_pyr_dotted_name (Reader *r,
                    Range   range);

char *
sl_pyr_qualify (Reader     *r,
                const char *dotted);

gboolean
sl_pyr_means (Reader     *r,
              Range       range,
              const char *qualified);

G_GNUC_PRINTF (3, 4) void
sl_pyr_note (Reader     *r,
             SlPyToken  *at,
             const char *format,
             ...);

G_GNUC_PRINTF (4, 5) gboolean
sl_pyr_refuse (Reader     *r,
               SlPyToken  *at,
               int         code,
               const char *format,
               ...);

SlPyToken *
sl_pyr_first_token (Reader   *r,
                    SlPyStmt *stmt);

const char *
sl_pyr_stmt_keyword (Reader   *r,
                     SlPyStmt *stmt);

gboolean
sl_pyr_stmt_is (Reader     *r,
                SlPyStmt   *stmt,
                const char *keyword);

gboolean
sl_pyr_is_decorator (Reader   *r,
                     SlPyStmt *stmt);

const char *
sl_pyr_def_name (Reader   *r,
                 SlPyStmt *def,
                 char    **first_param);

SlPyStmt *
sl_pyr_find_nested (Reader     *r,
                    GPtrArray  *block,
                    const char *keyword);

/* sl-python-reader-stores.c */

void
sl_pyr_add_unique (GPtrArray  *names,
                   const char *name);

gboolean
sl_pyr_contains (GPtrArray  *names,
                 const char *name);

void
sl_pyr_simple_stores (Reader     *r,
                      SlPyStmt   *stmt,
                      const char *self_name,
                      GArray     *out,
                      Range      *value,
                      guint      *n_targets);

void
sl_pyr_header_stores (Reader     *r,
                      SlPyStmt   *stmt,
                      const char *self_name,
                      GArray     *out);

void
sl_pyr_compiler_stores (Reader    *r,
                        GPtrArray *block,
                        GPtrArray *seen);

gboolean
sl_pyr_has_top_keyword (Reader     *r,
                        Range       range,
                        const char *keyword);

char *
sl_pyr_value_kind (Reader  *r,
                   Range    range,
                   gboolean *literal);

/* sl-python-reader-init.c */

void
sl_pyr_run_clear (Run *run);

gboolean
sl_pyr_has_store (GPtrArray  *stores,
                  const char *name);

gboolean
sl_pyr_check_dynamic (Reader     *r,
                      Range       range,
                      const char *self_name,
                      gboolean    running);

gboolean
sl_pyr_check_dynamic_block (Reader     *r,
                            GPtrArray  *block,
                            const char *self_name);

gboolean
sl_pyr_read_block_run (Reader     *r,
                       GPtrArray  *block,
                       Run        *run,
                       const char *where);

/* sl-python-reader-class.c */

ClassInfo *
sl_pyr_lookup_class (Reader     *r,
                     const char *name);

gboolean
sl_pyr_read_class (Reader    *r,
                   SlPyStmt  *stmt,
                   GPtrArray *decorators);

/* sl-python-reader-dataclass.c */

gboolean
sl_pyr_read_decorators (Reader    *r,
                        ClassInfo *c,
                        GPtrArray *decorators);

gboolean
sl_pyr_pseudo_field (Reader *r,
                     Range   annotation);

gboolean
sl_pyr_read_field (Reader    *r,
                   ClassInfo *c,
                   SlPyStmt  *stmt,
                   guint      colon,
                   int        eq);

G_END_DECLS
