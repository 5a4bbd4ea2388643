/* slotlab-cli: the engine from the command line (PRODUCT.md's contract).
 *
 * Exit status: 0 done; 1 CPython would refuse the class; 2 bad input or
 * usage; 3 an experiment failed.
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sl-document.h"
#include "sl-cli-output.h"
#include "sl-layout.h"
#include "sl-profile.h"
#include "sl-python-source.h"
#include "sl-session.h"
#include "sl-session-load-any.h"
#include "sl-strategy.h"

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_BAD_INPUT = 2, EXIT_FAILED = 3 };

static int
fail (int         status,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static int
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  sl_cli_printerr ("%s", message);   /* escaped: names from the session */
  return status;
}

/* sl-cli-import.c */
int  sl_cli_import      (int argc, char **argv);
void sl_cli_print_notes (const char *path, GPtrArray *notes);

/* A session file or Python source (sl_session_load_any()); the reader's
 * notes go to stderr. */
static SlSession *
load_session (const char  *path,
              int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  SlSession *session = sl_session_load_any (path, &notes, &error);

  if (session == NULL)
    *status = fail (EXIT_BAD_INPUT, "%s: %s", path, error->message);
  sl_cli_print_notes (path, notes);
  return session;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int              n_positional,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fail (EXIT_BAD_INPUT, "%s", error->message);
      return FALSE;
    }
  if (*argc != n_positional + 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      *status = EXIT_BAD_INPUT;
      return FALSE;
    }
  return TRUE;
}

/* Prints a node and frees it. */
static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
  json_node_unref (node);
}

static int
command_layout (int    argc,
                char **argv)
{
  g_autofree char *class_name = NULL;
  g_autofree char *python = NULL;
  g_autofree char *strategy_text = NULL;
  const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &class_name, "The class to lay out", "NAME" },
    { "python", 'p', 0, G_OPTION_ARG_STRING, &python, "Python version: X.Y or X.Y.Z, t for free-threaded", "VERSION" },
    { "strategy", 's', 0, G_OPTION_ARG_STRING, &strategy_text, "as-declared, dict, slots or mixed", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("SESSION --class NAME — one instance's layout and figures, as JSON");
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlProfile) profile = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  SlStrategy strategy = SL_STRATEGY_AS_DECLARED;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  int status = EXIT_DONE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if (strategy_text && !sl_strategy_from_string (strategy_text, &strategy))
    return fail (EXIT_BAD_INPUT, "--strategy \"%s\" is not one of as-declared, dict, slots, mixed",
                 strategy_text);

  if (!(session = load_session (argv[2], &status)))
    return status;
  if (class_name == NULL && sl_python_source_looks_like (argv[2], NULL, 0))
    {
      /* Python source: the last class of the file */
      SlChain *classes = sl_session_get_chain (session);

      class_name = g_strdup (sl_class_get_name (sl_chain_get_class (classes, sl_chain_get_n_classes (classes) - 1)));
    }
  if (class_name == NULL)
    return fail (EXIT_BAD_INPUT, "layout needs --class NAME");
  if (python == NULL)
    python = g_strdup (sl_session_get_python (session));
  if (!(profile = sl_profile_lookup_version (python, &error)))
    return fail (EXIT_BAD_INPUT, "--python: %s", error->message);

  /* The window's answer, by the same rule (sl-document-queries.c). */
  document = sl_document_new_for_session (session, NULL);
  if (!(layout = sl_document_dup_layout (document, class_name, strategy, profile, &error)))
    return fail (EXIT_BAD_INPUT, "%s: %s", argv[2], error->message);

  body = sl_layout_to_json (layout);
  object = json_node_get_object (body);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "python");
  json_builder_add_string_value (builder, python);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_object_dup_member (object, l->data));
    }
  if (sl_layout_get_error (layout) == NULL)
    {
      json_builder_set_member_name (builder, "profile");
      json_builder_add_string_value (builder, sl_profile_get_id (profile));
    }
  json_builder_end_object (builder);
  print_json (json_builder_get_root (builder));

  return sl_layout_get_error (layout) ? EXIT_REFUSED : EXIT_DONE;
}

static int
command_versions (int    argc,
                  char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "One JSON object per line", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the CPython profiles Slot Lab knows");
  GPtrArray *profiles = sl_profile_list ();
  int status = EXIT_DONE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!parse_options (context, &argc, &argv, 0, &status))
    return status;

  for (guint i = 0; i < profiles->len; i++)
    {
      SlProfile *profile = g_ptr_array_index (profiles, i);
      g_autofree char *verified = g_strjoinv (", ", (char **) sl_profile_get_verified_releases (profile));

      if (as_json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, sl_profile_get_id (profile));
          json_builder_set_member_name (b, "label");
          json_builder_add_string_value (b, sl_profile_get_label (profile));
          json_builder_set_member_name (b, "releases");
          json_builder_add_string_value (b, sl_profile_get_releases (profile));
          json_builder_set_member_name (b, "free_threaded");
          json_builder_add_boolean_value (b, sl_profile_is_free_threaded (profile));
          json_builder_set_member_name (b, "verified");
          json_builder_begin_array (b);
          for (const char * const *v = sl_profile_get_verified_releases (profile); *v; v++)
            json_builder_add_string_value (b, *v);
          json_builder_end_array (b);
          json_builder_end_object (b);
          print_json (json_builder_get_root (b));
        }
      else
        g_print ("%-6s %-30s %-46s verified on %s\n", sl_profile_get_id (profile),
                 sl_profile_get_label (profile), sl_profile_get_releases (profile), verified);
    }
  return EXIT_DONE;
}

static int
command_python (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("SESSION — the chain as Python source");
  g_autoptr(SlSession) session = NULL;
  g_autofree char *source = NULL;
  int status = EXIT_DONE;

  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;
  if (!(session = load_session (argv[2], &status)))
    return status;
  source = sl_chain_to_python (sl_session_get_chain (session));
  g_print ("%s", source);
  return EXIT_DONE;
}

/* sl-cli-run.c */
int sl_cli_run (int argc, char **argv);
int sl_cli_costs (int argc, char **argv);
#ifdef SL_HAVE_CHART
int sl_cli_map (int argc, char **argv);
#endif
int sl_cli_advise (int argc, char **argv);  /* sl-cli-advise.c */
int sl_cli_check (int argc, char **argv);   /* sl-cli-check.c */

static const struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "layout", command_layout, "one instance's byte map and figures, as JSON" },
  { "versions", command_versions, "the CPython profiles it knows" },
  { "python", command_python, "the chain as Python source" },
  { "run", sl_cli_run, "run experiments; results as CSV or a chart" },
  { "import", sl_cli_import, "the session read from Python source (no code runs)" },
  { "costs", sl_cli_costs, "bytes per instance for every strategy, and why" },
  { "advise", sl_cli_advise, "RAM for N instances per strategy, and what __slots__ saves" },
  { "check", sl_cli_check, "classes carrying a __dict__ nobody asked for (exit 4 if any)" },
#ifdef SL_HAVE_CHART
  { "map", sl_cli_map, "one instance's byte map as a picture" },
#endif
};

static int
usage (void)
{
  g_printerr ("Usage: slotlab-cli COMMAND [OPTIONS…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_printerr ("  %-10s %s\n", commands[i].name, commands[i].summary);
  g_printerr ("\nRun “slotlab-cli COMMAND --help” for a command's options.\n");
  return EXIT_BAD_INPUT;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  sl_cli_output_init ();   /* no raw control character reaches a terminal */
  g_set_prgname ("slotlab-cli");

  if (argc < 2)
    return usage ();
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        /* The command's own parser sees "slotlab-cli COMMAND ARGS". */
        g_autofree char *prgname = g_strdup_printf ("slotlab-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (argc, argv);
      }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      usage ();
      return EXIT_DONE;
    }
  fail (EXIT_BAD_INPUT, "unknown command \"%s\"", argv[1]);
  return usage ();
}
