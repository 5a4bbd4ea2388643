/* sl-results-csv.c: experiment results as CSV (PRODUCT.md's columns). */

#include <string.h>

#include "sl-results-csv.h"
#include "sl-text.h"

static void
append_cell (GString    *csv,
             const char *raw)
{
  /* A name from a session file: no control character or bidi override
   * reaches a terminal or a spreadsheet (sl-text.c). */
  g_autofree char *text = sl_text_escape_for_terminal (raw, -1, SL_TEXT_ESCAPE_ALL);
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@';

  if (!formula && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

void
sl_results_csv_append_header (GString *csv)
{
  g_string_append (csv, "experiment,python,strategy,backend,metric,count,bytes\r\n");
}

void
sl_results_csv_append_experiment (GString      *csv,
                                  SlExperiment *experiment)
{
  GPtrArray *results = sl_experiment_get_results (experiment);

  for (guint i = 0; i < results->len; i++)
    {
      const SlResultPoint *point = g_ptr_array_index (results, i);

      append_cell (csv, sl_experiment_get_name (experiment));
      g_string_append_c (csv, ',');
      append_cell (csv, point->python ? point->python : "");
      g_string_append_printf (csv, ",%s,%s,%s,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT "\r\n",
                              sl_strategy_to_string (point->strategy),
                              sl_backend_to_string (point->backend),
                              sl_metric_to_string (point->metric),
                              point->count, point->bytes);
    }
}

char *
sl_results_csv_build (GPtrArray *experiments)
{
  GString *csv = g_string_new (NULL);

  sl_results_csv_append_header (csv);
  for (guint i = 0; i < experiments->len; i++)
    sl_results_csv_append_experiment (csv, g_ptr_array_index (experiments, i));
  return g_string_free (csv, FALSE);
}
