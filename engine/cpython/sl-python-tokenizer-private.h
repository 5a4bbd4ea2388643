#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Python reader's tokenizer and statement tree (internal).
 *
 * It follows CPython's own tokenizer (Parser/lexer/lexer.c of 3.12+):
 * indentation with tabs to multiples of 8 checked against tabs as 1
 * (TabError), backslash continuation, brackets, comments, every string
 * prefix, f-strings with nested quotes (PEP 701), NFKC-normalised
 * identifiers.  Nothing is evaluated.  Errors carry CPython's wording,
 * prefixed with "line L, column C: ". */

typedef enum {
  SL_PY_TOKEN_NAME,
  SL_PY_TOKEN_NUMBER,
  SL_PY_TOKEN_STRING,
  SL_PY_TOKEN_OP,
  SL_PY_TOKEN_NEWLINE,
  SL_PY_TOKEN_INDENT,
  SL_PY_TOKEN_DEDENT,
  SL_PY_TOKEN_END,
} SlPyTokenType;

typedef enum {
  SL_PY_STRING_BYTES  = 1 << 0,
  SL_PY_STRING_RAW    = 1 << 1,
  SL_PY_STRING_F      = 1 << 2,   /* f-string or t-string */
  SL_PY_STRING_FIELDS = 1 << 3,   /* an f-string with a replacement field */
  SL_PY_STRING_OPAQUE = 1 << 4,   /* value not decoded (\N{...}) */
} SlPyStringFlags;

typedef struct {
  SlPyTokenType type;
  guint line;             /* 1-based */
  guint column;           /* 1-based, in characters */
  /* NAME: the identifier, NFKC-normalised; OP: the operator; NUMBER: the
   * literal as written; STRING: the decoded value (NULL for f-strings and
   * opaque values) */
  char *text;
  gsize length;           /* of text (a str value may hold NUL) */
  guint keyword : 1;      /* a NAME that is a hard keyword, as written */
  guint string_flags : 8;
} SlPyToken;

typedef struct _SlPyStmt SlPyStmt;

/* A statement: its tokens [first, last) in the token array (without the
 * NEWLINE), and for a compound statement's clause, the statements of its
 * block.  `if a: b` has the header tokens up to and including ':' and one
 * child `b`. */
struct _SlPyStmt {
  guint first;
  guint last;
  guint colon;            /* index of the header's ':' (compound), else 0 */
  GPtrArray *body;        /* (element-type SlPyStmt) NULL for a simple statement */
  guint depth;            /* block depth, 0 = module */
};

typedef struct {
  GArray *tokens;         /* SlPyToken */
  GPtrArray *module;      /* SlPyStmt */
} SlPyTree;

#define SL_PY_MAX_SOURCE       (8 * 1024 * 1024)
#define SL_PY_MAX_INDENT       100   /* CPython's MAXINDENT */
#define SL_PY_MAX_PARENS       200   /* CPython's MAXLEVEL */
#define SL_PY_MAX_FSTRING_NEST 32

SlPyTree *sl_py_tree_parse (const char  *source,
                            gsize        length,
                            GError     **error);
void      sl_py_tree_free  (SlPyTree    *tree);

static inline SlPyToken *
sl_py_tree_token (SlPyTree *tree,
                  guint     index)
{
  return &g_array_index (tree->tokens, SlPyToken, index);
}

gboolean  sl_py_is_keyword (const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlPyTree, sl_py_tree_free)

G_END_DECLS
