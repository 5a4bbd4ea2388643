/* sl-cli-costs.c: `slotlab-cli costs SESSION --class NAME [--python V]
 * [--format text|csv|markdown]` — the Costs tab's table: one row per
 * strategy, the figures of `slotlab-cli layout --strategy S`, and (as
 * text) the mechanisms that make them.
 *
 * Columns (csv keeps layout's key names): getsizeof and getsizeof_dict
 * (Example 17.1's method adds them), traced_per_instance,
 * traced_per_instance_touched, pymalloc_per_instance (empty on a
 * free-threaded build), resident_per_instance, and CPython's error for a
 * strategy it refuses.
 *
 * Exit status: 0 done (refused strategies are rows with their error);
 * 1 CPython refuses the class as declared; 2 bad input or usage.
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sl-explain.h"
#include "sl-document.h"
#include "sl-layout.h"
#include "sl-session.h"
#include "sl-strategy.h"
#include "sl-cli-document.h"

/* sl-cli-import.c */

enum { EXIT_DONE = 0, EXIT_REFUSED = 1, EXIT_BAD_INPUT = 2 };

typedef enum { FORMAT_TEXT, FORMAT_CSV, FORMAT_MARKDOWN } Format;

int sl_cli_costs (int argc, char **argv);

/* "—" where a figure does not apply, whole bytes or one decimal. */
static char *
figure (double value)
{
  if (value < 0 || isnan (value))
    return g_strdup ("—");
  if (fabs (value - round (value)) < 0.05)
    return g_strdup_printf ("%.0f", round (value));
  return g_strdup_printf ("%.1f", value);
}

/* Right-aligned to a width in characters, not bytes ("—" is three). */
static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  for (glong i = n; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, text);
}

/* CSV: the figure as `layout` prints it; empty where it leaves it out. */
static char *
csv_figure (gint64 value)
{
  return value < 0 ? g_strdup ("") : g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static char *
csv_field (const char *text)
{
  GString *out;

  if (text == NULL || strpbrk (text, ",\"\r\n") == NULL)
    return g_strdup (text ? text : "");
  out = g_string_new ("\"");
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* Control characters from a session never reach the terminal raw. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      g_string_append_printf (out, "\\x%02x", (guchar) *p);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

int
sl_cli_costs (int    argc,
              char **argv)
{
  g_autofree char *class_name = NULL;
  g_autofree char *python = NULL;
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &class_name, "The class", "NAME" },
    { "python", 'p', 0, G_OPTION_ARG_STRING, &python, "Python version: X.Y or X.Y.Z, t for free-threaded", "VERSION" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "text (default), csv or markdown", "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("SESSION --class NAME — bytes per instance for every strategy");
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProfile) profile = NULL;
  g_autoptr(SlDocument) document = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SlLayout *layouts[SL_N_STRATEGIES] = { NULL, };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *safe_class = NULL;
  Format format = FORMAT_TEXT;
  int status = EXIT_DONE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("slotlab-cli: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (argc != 3 || class_name == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_BAD_INPUT;
    }
  if (format_text == NULL || strcmp (format_text, "text") == 0)
    format = FORMAT_TEXT;
  else if (strcmp (format_text, "csv") == 0)
    format = FORMAT_CSV;
  else if (strcmp (format_text, "markdown") == 0)
    format = FORMAT_MARKDOWN;
  else
    {
      g_autofree char *safe = printable (format_text);

      g_printerr ("slotlab-cli: --format \"%s\" is not text, csv or markdown\n", safe);
      return EXIT_BAD_INPUT;
    }

  if (!(document = sl_cli_open_document (argv[2], python, &profile)))
    return EXIT_BAD_INPUT;
  safe_class = printable (class_name);

  /* The window's costs table: the document's rows (sl-document-queries.c),
   * the same layouts as `layout --strategy S`. */
  rows = sl_document_dup_cost_rows (document, class_name, profile);
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      SlCostRow *row = g_ptr_array_index (rows, s);

      if (row->layout != NULL)
        layouts[s] = sl_layout_ref (row->layout);
      else if (!(layouts[s] = sl_document_dup_layout (document, class_name, s, profile, &error)))
        {
          g_printerr ("slotlab-cli: %s: %s\n", argv[2], error->message);
          for (guint k = 0; k < s; k++)
            sl_layout_unref (layouts[k]);
          return EXIT_BAD_INPUT;
        }
    }
  if (sl_layout_get_error (layouts[SL_STRATEGY_AS_DECLARED]) != NULL)
    status = EXIT_REFUSED;

  if (format == FORMAT_CSV)
    g_string_append (out, "python,class,strategy,getsizeof,getsizeof_dict,traced_per_instance,"
                          "traced_per_instance_touched,pymalloc_per_instance,resident_per_instance,error\r\n");
  else if (format == FORMAT_MARKDOWN)
    g_string_append_printf (out, "| %s on %s | getsizeof + `__dict__` | traced | traced, `__dict__` read "
                                 "| pymalloc | resident |\n|---|--:|--:|--:|--:|--:|\n",
                            safe_class, sl_profile_get_label (profile));
  else
    g_string_append_printf (out, "What one %s costs on %s, in bytes per instance\n\n"
                                 "%-24s %12s %8s %14s %9s %9s\n",
                            safe_class, sl_profile_get_label (profile),
                            "strategy", "getsizeof+", "traced", "traced, read", "pymalloc", "resident");

  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      SlLayout *layout = layouts[s];
      const SlFigures *f = sl_layout_get_figures (layout);
      const char *refusal = sl_layout_get_error (layout);

      if (format == FORMAT_CSV)
        {
          g_autofree char *c = csv_field (class_name);
          g_autofree char *e = csv_field (refusal);
          g_autofree char *a = refusal ? g_strdup ("") : csv_figure (f->getsizeof);
          g_autofree char *b = refusal || !f->has_dict ? g_strdup ("") : csv_figure (f->getsizeof_dict);
          g_autofree char *t = refusal ? g_strdup ("") : csv_figure (f->traced_per_instance);
          g_autofree char *tt = refusal || !f->has_dict ? g_strdup ("") : csv_figure (f->traced_per_instance_touched);
          g_autofree char *p = refusal ? g_strdup ("") : csv_figure (f->pymalloc_per_instance);
          g_autofree char *r = refusal ? g_strdup ("") : g_strdup_printf ("%.1f", f->resident_per_instance);

          g_string_append_printf (out, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\r\n", sl_profile_get_id (profile), c,
                                  sl_strategy_to_string (s), a, b, t, tt, p, r, e);
          continue;
        }
      if (refusal != NULL)
        {
          g_autofree char *safe = printable (refusal);

          if (format == FORMAT_MARKDOWN)
            g_string_append_printf (out, "| %s | %s | | | | |\n", sl_strategy_get_label (s), safe);
          else
            g_string_append_printf (out, "%-24s %s\n", sl_strategy_get_label (s), safe);
          continue;
        }
      {
        g_autofree char *g = figure (sl_layout_get_per_instance (layout, SL_METRIC_GETSIZEOF));
        g_autofree char *t = figure (f->traced_per_instance);
        g_autofree char *tt = figure (f->has_dict ? f->traced_per_instance_touched : -1);
        g_autofree char *p = figure (f->pymalloc_per_instance);
        g_autofree char *r = figure (f->resident_per_instance);

        if (format == FORMAT_MARKDOWN)
          g_string_append_printf (out, "| %s | %s | %s | %s | %s | %s |\n",
                                  sl_strategy_get_label (s), g, t, tt, p, r);
        else
          {
            g_string_append_printf (out, "%-24s", sl_strategy_get_label (s));
            append_padded (out, g, 13);
            append_padded (out, t, 9);
            append_padded (out, tt, 15);
            append_padded (out, p, 10);
            append_padded (out, r, 10);
            g_string_append_c (out, '\n');
          }
      }
    }

  /* The why, for the class as declared. */
  if (format == FORMAT_TEXT && sl_layout_get_error (layouts[SL_STRATEGY_AS_DECLARED]) == NULL)
    {
      g_autoptr(GPtrArray) why = sl_explain_layout (layouts[SL_STRATEGY_AS_DECLARED]);

      g_string_append (out, "\ngetsizeof+ is Example 17.1's method, getsizeof(obj) + getsizeof(obj.__dict__);\n"
                            "traced is what tracemalloc sees allocated; \"read\" after obj.__dict__ is read.\n");
      if (why->len > 0)
        g_string_append_printf (out, "\nWhy, for %s as declared:\n", safe_class);
      for (guint i = 0; i < why->len; i++)
        {
          SlExplanation *e = g_ptr_array_index (why, i);

          g_string_append_printf (out, "- %s. %s (%s)\n", e->title, e->text, e->change);
        }
    }

  fputs (out->str, stdout);
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    sl_layout_unref (layouts[s]);
  return status;
}
