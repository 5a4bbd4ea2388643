/* test-cli-escapes.c: no raw control character from a session file, the
 * command line or an interpreter reaches the terminal through slotlab-cli.
 *
 * Every experiment of the session below is named with an OSC title
 * sequence (ESC ] 0 ; … BEL), a colour (ESC [ 31 m), the C1 control CSI
 * (U+009B) and a right-to-left override (U+202E), and sent down each path
 * of issue 9 that echoed it raw: "there is no experiment …" (the name
 * given on the command line), "would need about …" (a live run too big
 * for the machine), "CPython refuses …" (a lay-out conflict), the probe's
 * refusal (a stand-in interpreter that refuses with its own ESC and BEL),
 * and the CSV.  stdout and stderr must hold none of those bytes, and must
 * show each escaped (\e, \a, \u009b, \u202e) where the message is. */

#include <string.h>

#include <glib/gstdio.h>

#include "sl-text.h"

#include "live-helpers.h"

static char *tmp_dir;

/* The hostile part of every name, as C and as JSON. */
#define HOSTILE_C    "\033]0;pwned\007\033[31m\xc2\x9b" "2J\xe2\x80\xae" "evil"
#define HOSTILE_JSON "\\u001b]0;pwned\\u0007\\u001b[31m\\u009b2J\\u202eevil"
#define HOSTILE_SEEN "\\e]0;pwned\\a\\e[31m\\u009b2J\\u202eevil"

static const char session_text[] =
  "{\"format\": \"slotlab-session\", \"version\": 1, \"python\": \"3.12\", \"classes\": ["
  " {\"name\": \"A\", \"bases\": [], \"slots\": [\"a\"], \"init\": [\"a\"]},"
  " {\"name\": \"B\", \"bases\": [], \"slots\": [\"b\"], \"init\": []},"
  " {\"name\": \"C\", \"bases\": [\"A\", \"B\"], \"slots\": [], \"init\": []}],"
  " \"experiments\": ["
  "  {\"name\": \"csv " HOSTILE_JSON "\", \"class\": \"A\", \"strategies\": [\"slots\"],"
  "   \"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"model\","
  "   \"counts\": {\"list\": [10]}},"
  "  {\"name\": \"refused " HOSTILE_JSON "\", \"class\": \"C\", \"strategies\": [\"as-declared\"],"
  "   \"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"model\","
  "   \"counts\": {\"list\": [10]}},"
  "  {\"name\": \"big " HOSTILE_JSON "\", \"class\": \"A\", \"strategies\": [\"slots\"],"
  "   \"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"live\","
  "   \"counts\": {\"list\": [1000000000000]}},"
  "  {\"name\": \"probe " HOSTILE_JSON "\", \"class\": \"A\", \"strategies\": [\"slots\"],"
  "   \"metric\": \"traced\", \"python\": [\"3.12\"], \"backend\": \"live\","
  "   \"counts\": {\"list\": [10, 20]}}]}";

static void
assert_no_control_bytes (const char *what,
                         const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f)
      g_error ("%s: a raw control byte 0x%02x at %d of: %s", what, *p, (int) (p - (const guchar *) text),
               text);
  g_assert_null (strstr (text, "\xc2\x9b"));       /* CSI, C1 */
  g_assert_null (strstr (text, "\xe2\x80\xae"));   /* RIGHT-TO-LEFT OVERRIDE */
}

static void
run_and_check (const char *what,
               const char * const *args,
               int          expected_status,
               const char  *expected_piece)
{
  g_autofree char *out = NULL, *err = NULL;
  int status = sl_test_run_cli (tmp_dir, NULL, args, &out, &err);
  g_autofree char *shown = g_strconcat (out, err, NULL);

  g_test_message ("%s: exit %d, stderr: %s", what, status, err);
  assert_no_control_bytes (what, out);
  assert_no_control_bytes (what, err);
  g_assert_cmpint (status, ==, expected_status);
  if (strstr (shown, expected_piece) == NULL)
    g_error ("%s: “%s” is not in: %s", what, expected_piece, shown);
  /* The name is shown, escaped: the reader sees what the file holds. */
  if (strstr (shown, HOSTILE_SEEN) == NULL)
    g_error ("%s: the escaped name is not in: %s", what, shown);
}

static char *
write_session (void)
{
  char *path = g_build_filename (tmp_dir, "hostile-names.slotlab", NULL);

  g_assert_true (g_file_set_contents (path, session_text, -1, NULL));
  return path;
}

static void
test_unknown_experiment (void)
{
  g_autofree char *path = write_session ();
  const char *args[] = { "run", path, "--experiment", "nope " HOSTILE_C, NULL };

  run_and_check ("there is no experiment", args, 2, "there is no experiment");
}

static void
test_csv (void)
{
  g_autofree char *path = write_session ();
  const char *args[] = { "run", path, "--experiment", "csv " HOSTILE_C, NULL };

  run_and_check ("CSV", args, 0, "csv " HOSTILE_SEEN ",3.12,slots,model,traced,10,400");
}

static void
test_cpython_refuses (void)
{
  g_autofree char *path = write_session ();
  const char *args[] = { "run", path, "--experiment", "refused " HOSTILE_C, NULL };

  run_and_check ("CPython refuses", args, 1, "CPython refuses as-declared");
}

static void
test_would_need_about (void)
{
  g_autofree char *path = write_session ();
  g_autoptr(SlInterpreter) stand_in = sl_test_stand_in (tmp_dir, "stand-in-big", "exit 0");
  const char *args[] = { "run", path, "--experiment", "big " HOSTILE_C,
                         "--interpreter", sl_interpreter_get_path (stand_in), NULL };

  run_and_check ("would need about", args, 3, "would need about");
}

static void
test_probe_refusal (void)
{
  g_autofree char *path = write_session ();
  g_autoptr(SlInterpreter) stand_in =
    sl_test_stand_in (tmp_dir, "stand-in-refuses",
                      "printf '{\"fatal\": \"no \\\\u001b]0;t\\\\u0007 thanks\"}\\n'; exit 2");
  const char *args[] = { "run", path, "--experiment", "probe " HOSTILE_C,
                         "--interpreter", sl_interpreter_get_path (stand_in), NULL };

  run_and_check ("the probe's refusal", args, 3, "slotlab-probe refused its input");
}

/* The helper itself, on what it must change and what it must keep. */
static void
test_escape_helper (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
    { "a\033[2Jb", "a\\e[2Jb" },
    { "\a\b\r\n\t\x01\x7f", "\\a\\b\\r\\n\\t\\x01\\x7f" },
    { "\xc2\x85\xc2\x9b\xc2\x9d", "\\u0085\\u009b\\u009d" },
    { "\xe2\x80\xaa\xe2\x80\xae\xe2\x81\xa6\xe2\x81\xa9\xe2\x80\x8f\xd8\x9c",
      "\\u202a\\u202e\\u2066\\u2069\\u200f\\u061c" },
    { "\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029" },
    { "bad \xff\xc3 utf8", "bad \\xff\\xc3 utf8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = sl_text_escape_for_terminal (cases[i].in, -1, SL_TEXT_ESCAPE_ALL);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  {
    g_autofree char *kept = sl_text_escape_for_terminal ("a\nb\tc\033", -1, SL_TEXT_ESCAPE_KEEP_NEWLINES);
    g_autofree char *nul = sl_text_escape_for_terminal ("a\0b", 3, SL_TEXT_ESCAPE_ALL);

    g_assert_cmpstr (kept, ==, "a\nb\tc\\e");
    g_assert_cmpstr (nul, ==, "a\\x00b");
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-cli-escapes-XXXXXX", NULL);
  g_test_add_func ("/cli/escapes/helper", test_escape_helper);
  g_test_add_func ("/cli/escapes/there-is-no-experiment", test_unknown_experiment);
  g_test_add_func ("/cli/escapes/csv", test_csv);
  g_test_add_func ("/cli/escapes/cpython-refuses", test_cpython_refuses);
  g_test_add_func ("/cli/escapes/would-need-about", test_would_need_about);
  g_test_add_func ("/cli/escapes/probe-refusal", test_probe_refusal);
  status = g_test_run ();
  sl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
