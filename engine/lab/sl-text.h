#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SL_TEXT_ESCAPE_ALL           = 0,
  SL_TEXT_ESCAPE_KEEP_NEWLINES = 1 << 0,   /* '\n' and '\t' pass: for whole lines of output */
} SlTextEscapeFlags;

/* `text` made safe to print on a terminal: every character that a
 * terminal obeys instead of showing, or that reorders what is shown, is
 * written as an escape instead — the C0 controls (ESC, BEL, CR, … as
 * \e \a \r, others as \xNN), DEL, the C1 controls U+0080–U+009F (CSI,
 * OSC, … as \u009b), the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069), the line and paragraph separators
 * U+2028 and U+2029, and bytes that are not UTF-8 (\xNN).  Everything
 * else, accents and all, is kept.  This is the one helper for untrusted
 * text on a terminal: names and messages from a session file, from an
 * interpreter, from the command line.  `length` -1: up to the NUL. */
char *sl_text_escape_for_terminal (const char        *text,
                                   gssize             length,
                                   SlTextEscapeFlags  flags);

G_END_DECLS
