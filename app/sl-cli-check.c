/* sl-cli-check.c: `slotlab-cli check FILE.py|SESSION [--python V…]
 * [--json]` — a slots leak check for CI.  It lists every class whose
 * instances carry a __dict__ that its design says they should not:
 *
 *   dict-under-slots  no __slots__ under bases that all have __slots__
 *                     (the lecture's slide 7: the subclass brings the
 *                     __dict__ back, and every instance pays for it);
 *   unasked-dict      '__dict__' in __slots__ although every attribute
 *                     __init__ stores has a slot,
 *
 * with the bytes per instance it costs (traced, what tracemalloc sees) on
 * each version named.  The findings are the window's
 * (sl_document_dup_pitfalls()).
 *
 * Exit status: 0 nothing found; 4 findings; 2 bad input or usage.  A
 * finding is not an error of the command: CI fails on 4 by choice.
 */

#include <string.h>

#include "sl-document.h"
#include "sl-session.h"
#include "sl-session-load-any.h"

enum { EXIT_DONE = 0, EXIT_BAD_INPUT = 2, EXIT_FINDINGS = 4 };

int  sl_cli_check       (int argc, char **argv);
void sl_cli_print_notes (const char *path, GPtrArray *notes);

typedef struct {
  char          *class_name;
  SlPitfallKind  kind;
  guint          index;       /* definition order */
  double        *extra;       /* per version; -1 where it is not a finding there */
} Finding;

static void
finding_free (Finding *finding)
{
  g_free (finding->class_name);
  g_free (finding->extra);
  g_free (finding);
}

static const char *
kind_word (SlPitfallKind kind)
{
  return kind == SL_PITFALL_DICT_UNDER_SLOTS ? "dict-under-slots" : "unasked-dict";
}

static const char *
kind_sentence (SlPitfallKind kind)
{
  return kind == SL_PITFALL_DICT_UNDER_SLOTS
    ? "has no __slots__ under bases that all have them: its instances carry a __dict__ (slide 7)"
    : "lists '__dict__' in __slots__, but every attribute __init__ stores has a slot";
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const Finding *fa = *(const Finding * const *) a, *fb = *(const Finding * const *) b;

  return fa->index < fb->index ? -1 : fa->index > fb->index;
}

int
sl_cli_check (int    argc,
              char **argv)
{
  g_auto(GStrv) pythons = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "python", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &pythons,
      "A version to check on (repeat for several; default: the session's)", "VERSION" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "One JSON object instead of text", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("FILE.py|SESSION — classes whose instances carry a __dict__ nobody asked for");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  g_autoptr(GHashTable) by_class = g_hash_table_new (g_str_hash, g_str_equal);
  SlChain *chain;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Findings: dict-under-slots (a class without __slots__ under bases that all have them,\n"
    "the lecture's slide 7) and unasked-dict ('__dict__' in __slots__ although every\n"
    "attribute __init__ stores has a slot), each with the bytes per instance it costs.\n\n"
    "Exit status: 0 nothing found; 4 findings; 2 bad input or usage.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("slotlab-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (argc != 3)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }
  if (!(session = sl_session_load_any (argv[2], &notes, &error)))
    {
      g_printerr ("slotlab-cli: %s: %s\n", argv[2], error->message);
      return EXIT_BAD_INPUT;
    }
  sl_cli_print_notes (argv[2], notes);

  if (pythons == NULL || pythons[0] == NULL)
    {
      g_strfreev (pythons);
      pythons = g_new0 (char *, 2);
      pythons[0] = g_strdup (sl_session_get_python (session) ? sl_session_get_python (session) : "");
    }
  for (guint v = 0; pythons[v]; v++)
    {
      SlProfile *profile = sl_profile_lookup_version (pythons[v], &error);

      if (profile == NULL)
        {
          g_printerr ("slotlab-cli: --python: %s\n", error->message);
          return EXIT_BAD_INPUT;
        }
      g_ptr_array_add (profiles, profile);
      g_ptr_array_add (labels, g_strdup (pythons[v][0] ? pythons[v] : sl_profile_get_id (profile)));
    }

  document = sl_document_new_for_session (session, NULL);
  chain = sl_session_get_chain (session);
  for (guint v = 0; v < profiles->len; v++)
    {
      g_autoptr(GPtrArray) pitfalls = sl_document_dup_pitfalls (document, g_ptr_array_index (profiles, v));

      for (guint p = 0; p < pitfalls->len; p++)
        {
          SlPitfall *pitfall = g_ptr_array_index (pitfalls, p);
          Finding *finding = g_hash_table_lookup (by_class, pitfall->class_name);

          if (finding == NULL)
            {
              finding = g_new0 (Finding, 1);
              finding->class_name = g_strdup (pitfall->class_name);
              finding->kind = pitfall->kind;
              finding->index = (guint) sl_chain_index_of (chain, pitfall->class_name);
              finding->extra = g_new (double, profiles->len);
              for (guint k = 0; k < profiles->len; k++)
                finding->extra[k] = -1;
              g_ptr_array_add (findings, finding);
              g_hash_table_insert (by_class, finding->class_name, finding);
            }
          finding->extra[v] = pitfall->extra_traced;
        }
    }
  g_ptr_array_sort (findings, compare_findings);

  if (as_json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, argv[2]);
      json_builder_set_member_name (b, "python");
      json_builder_begin_array (b);
      for (guint v = 0; v < labels->len; v++)
        json_builder_add_string_value (b, g_ptr_array_index (labels, v));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (guint i = 0; i < findings->len; i++)
        {
          Finding *finding = g_ptr_array_index (findings, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "class");
          json_builder_add_string_value (b, finding->class_name);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, kind_word (finding->kind));
          json_builder_set_member_name (b, "costs");
          json_builder_begin_array (b);
          for (guint v = 0; v < labels->len; v++)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "python");
              json_builder_add_string_value (b, g_ptr_array_index (labels, v));
              json_builder_set_member_name (b, "profile");
              json_builder_add_string_value (b, sl_profile_get_id (g_ptr_array_index (profiles, v)));
              json_builder_set_member_name (b, "extra_traced_per_instance");
              if (finding->extra[v] >= 0)
                json_builder_add_int_value (b, (gint64) finding->extra[v]);
              else
                json_builder_add_null_value (b);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else if (findings->len == 0)
    g_print ("%s: no class carries a __dict__ it does not need.\n", argv[2]);
  else
    for (guint i = 0; i < findings->len; i++)
      {
        Finding *finding = g_ptr_array_index (findings, i);

        g_print ("%s: %s [%s] %s.\n", argv[2], finding->class_name, kind_word (finding->kind),
                 kind_sentence (finding->kind));
        for (guint v = 0; v < labels->len; v++)
          {
            if (finding->extra[v] >= 0)
              g_print ("    %-8s +%.0f bytes per instance\n", (char *) g_ptr_array_index (labels, v), finding->extra[v]);
            else
              g_print ("    %-8s not a finding on this version\n", (char *) g_ptr_array_index (labels, v));
          }
      }

  return findings->len > 0 ? EXIT_FINDINGS : EXIT_DONE;
}
