#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lines data/slotlab-probe.py prints (its docstring is the protocol),
 * read strictly: one JSON object per line, with exactly the members that
 * the script prints for that kind of line, each of its type.  Anything
 * else is an error naming what is wrong; a line never half-parses. */

#define SL_PROBE_ERROR (sl_probe_error_quark ())

typedef enum {
  SL_PROBE_ERROR_MALFORMED,   /* not what the script prints */
} SlProbeError;

#define SL_PROBE_MAX_LINE 8192   /* bytes, newline excluded */

typedef enum {
  SL_PROBE_LINE_HELLO,    /* {"hello": "slotlab-probe", "protocol": 1, "python": ...} */
  SL_PROBE_LINE_POINT,    /* {"strategy", "count", "traced"?, "pymalloc", "resident"?, "getsizeof", "seconds"} */
  SL_PROBE_LINE_DONE,     /* {"done": true, "peak_traced": n or null} */
  SL_PROBE_LINE_ERROR,    /* {"error": "Type: message"} */
  SL_PROBE_LINE_FATAL,    /* {"fatal": "where: what"} */
} SlProbeLineKind;

typedef struct {
  SlProbeLineKind kind;
  /* hello */
  char     *python;          /* "3.12.1" */
  char     *implementation;  /* "cpython" */
  char     *executable;
  gboolean  free_threaded;
  /* point */
  char     *strategy;
  guint64   count;
  gint64    traced;          /* -1 when absent or null */
  gint64    pymalloc;
  gint64    resident;
  gint64    getsizeof;
  double    seconds;
  /* done */
  gint64    peak_traced;
  /* error, fatal */
  char     *message;
} SlProbeLine;

GQuark   sl_probe_error_quark  (void);

/* `length` may be -1 for a NUL-terminated line.  A trailing "\n" is
 * allowed.  Fills `line` (cleared first) or sets `error`. */
gboolean sl_probe_parse_line   (const char  *text,
                                gssize       length,
                                SlProbeLine *line,
                                GError     **error);
void     sl_probe_line_clear   (SlProbeLine *line);

G_END_DECLS
