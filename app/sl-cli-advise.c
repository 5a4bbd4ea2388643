/* sl-cli-advise.c: `slotlab-cli advise SESSION --class NAME --count N
 * [--python V] [--json]` — the decision card: what N instances of the
 * class take as declared and with each strategy, what holds it, what the
 * allocator keeps beyond it, and what __slots__ saves of the whole, values
 * included.  The numbers are sl_advice_compute()'s, the same the window
 * shows; N up to 10^12 at once (the model, nothing runs).
 *
 * Exit status: 0 done (a strategy CPython refuses is a row with its
 * error); 1 CPython refuses the class as declared; 2 bad input or usage.
 */

#include <math.h>
#include <string.h>

#include "sl-advice.h"
#include "sl-session.h"
#include "sl-session-load-any.h"

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_BAD_INPUT = 2 };

int  sl_cli_advise      (int argc, char **argv);
void sl_cli_print_notes (const char *path, GPtrArray *notes);

/* "10000000", "10_000_000", "10,000,000", "1e7": a whole count. */
static gboolean
parse_count (const char *text,
             guint64    *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *e;
  guint64 mantissa, exponent = 0;

  for (const char *p = text; *p; p++)
    if (*p != '_' && *p != ',')
      g_string_append_c (digits, *p);
  e = strpbrk (digits->str, "eE");
  if (e != NULL)
    {
      g_autofree char *head = g_strndup (digits->str, e - digits->str);

      if (!g_ascii_string_to_unsigned (head, 10, 1, SL_ADVICE_MAX_COUNT, &mantissa, NULL) ||
          !g_ascii_string_to_unsigned (e + 1, 10, 0, 12, &exponent, NULL))
        return FALSE;
      for (; exponent > 0; exponent--)
        if ((mantissa *= 10) > SL_ADVICE_MAX_COUNT)
          return FALSE;
      *out = mantissa;
      return TRUE;
    }
  return g_ascii_string_to_unsigned (digits->str, 10, 1, SL_ADVICE_MAX_COUNT, out, NULL);
}

/* 1,234,567,890 */
static char *
grouped (double value)
{
  g_autofree char *plain = g_strdup_printf ("%.0f", round (fabs (value)));
  GString *out = g_string_new (value < -0.5 ? "-" : "");
  gsize n = strlen (plain);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, plain[i]);
    }
  return g_string_free (out, FALSE);
}

/* "1.2 GB" (powers of 1000, as g_format_size()), signed. */
static char *
size (double value)
{
  g_autofree char *text = g_format_size ((guint64) round (fabs (value)));

  return value < -0.5 ? g_strconcat ("-", text, NULL) : g_steal_pointer (&text);
}

static void
print_text (SlAdvice   *advice,
            const char *python)
{
  const SlAdviceRow *declared = &advice->rows[SL_STRATEGY_AS_DECLARED];
  const SlAdviceRow *slots = &advice->rows[SL_STRATEGY_SLOTS];
  const SlAdviceRow *dict = &advice->rows[SL_STRATEGY_DICT];
  g_autofree char *count = grouped ((double) advice->count);

  g_print ("%s × %s on %s (profile %s)\n\n", count, advice->class_name,
           sl_profile_get_label (advice->profile), python);
  g_print ("%-12s %11s %10s %11s %13s %13s %9s %11s %11s\n", "strategy", "total", "each",
           "instances", "dicts+values", "value objects", "fixed", "RAM", "allocator");
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      const SlAdviceRow *row = &advice->rows[s];
      g_autofree char *total = NULL, *instances = NULL, *dicts = NULL, *values = NULL;
      g_autofree char *fixed = NULL, *resident = NULL, *overhead = NULL, *each = NULL;

      if (row->error != NULL)
        {
          g_print ("%-12s CPython refuses it: %s\n", sl_strategy_to_string (s), row->error);
          continue;
        }
      total = size (row->requested);
      each = g_strdup_printf ("%.0f B", row->per_instance);
      instances = size (row->instances);
      dicts = size (row->dicts);
      values = size (row->value_objects);
      fixed = size (row->fixed);
      resident = size (row->resident);
      overhead = size (row->overhead);
      g_print ("%-12s %11s %10s %11s %13s %13s %9s %11s %11s\n", sl_strategy_to_string (s), total, each,
               instances, dicts, values, fixed, resident, overhead);
    }
  g_print ("\ntotal: the bytes CPython asks for (what tracemalloc traces), fixed + N × each;\n"
           "RAM: what the allocator holds for them (size classes, pools, arenas: a model);\n"
           "allocator: RAM − total.\n\n");

  if (declared->error != NULL)
    {
      g_print ("CPython refuses %s as declared: %s\n", advice->class_name, declared->error);
      return;
    }
  if (slots->error == NULL)
    {
      g_autofree char *saved = size (declared->requested - slots->requested);
      g_autofree char *exact = grouped (declared->requested - slots->requested);
      g_autofree char *whole = size (declared->requested);

      g_print ("__slots__ saves %s (%s bytes) of the %s %s take as declared: %.1f%%, values included.\n",
               saved, exact, whole, count, 100.0 * (declared->requested - slots->requested) / declared->requested);
      if (dict->error == NULL && dict->requested > 0)
        {
          g_autofree char *vs_dict = size (dict->requested - slots->requested);
          g_autofree char *dict_whole = size (dict->requested);

          g_print ("Against no __slots__ anywhere it saves %s: %.1f%% of %s.\n", vs_dict,
                   100.0 * (dict->requested - slots->requested) / dict->requested, dict_whole);
        }
      if (declared->requested > 0)
        g_print ("What the attributes hold is %.1f%% of it as declared, whatever the strategy.\n",
                 100.0 * declared->value_objects / declared->requested);
    }
  else
    g_print ("CPython refuses the slots strategy here: %s\n", slots->error);
}

int
sl_cli_advise (int    argc,
               char **argv)
{
  g_autofree char *class_name = NULL;
  g_autofree char *python = NULL;
  g_autofree char *count_text = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &class_name, "The class", "NAME" },
    { "count", 'n', 0, G_OPTION_ARG_STRING, &count_text, "How many instances, 1 to 10^12 (10000000, 10_000_000, 1e7)", "N" },
    { "python", 'p', 0, G_OPTION_ARG_STRING, &python, "Python version: X.Y or X.Y.Z, t for free-threaded", "VERSION" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "One JSON object instead of the table", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new ("SESSION --class NAME --count N — RAM for N instances, and what __slots__ saves");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlProfile) profile = NULL;
  g_autoptr(SlAdvice) advice = NULL;
  guint64 count = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Exit status: 0 done; 1 CPython refuses the class as declared; 2 bad input or usage.");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("slotlab-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (argc != 3 || class_name == NULL || count_text == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }
  if (!parse_count (count_text, &count))
    {
      g_autofree char *safe = g_strescape (count_text, NULL);

      g_printerr ("slotlab-cli: --count \"%s\" is not a whole number from 1 to 10^12\n", safe);
      return EXIT_BAD_INPUT;
    }

  if (!(session = sl_session_load_any (argv[2], &notes, &error)))
    {
      g_printerr ("slotlab-cli: %s: %s\n", argv[2], error->message);
      return EXIT_BAD_INPUT;
    }
  sl_cli_print_notes (argv[2], notes);
  if (python == NULL)
    python = g_strdup (sl_session_get_python (session));
  if (!(profile = sl_profile_lookup_version (python, &error)))
    {
      g_printerr ("slotlab-cli: --python: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (!(advice = sl_advice_compute (sl_session_get_chain (session), class_name, profile, count, &error)))
    {
      g_printerr ("slotlab-cli: %s: %s\n", argv[2], error->message);
      return EXIT_BAD_INPUT;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = sl_advice_to_json (advice);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;
      JsonObject *object = json_node_get_object (node);

      json_object_set_string_member (object, "python", python ? python : sl_profile_get_id (profile));
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    print_text (advice, python ? python : sl_profile_get_id (profile));

  return advice->rows[SL_STRATEGY_AS_DECLARED].error ? EXIT_REFUSED : EXIT_DONE;
}
