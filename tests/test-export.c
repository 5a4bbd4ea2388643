/* test-export.c: the charts as files — SVG parses as XML, a PDF has one
 * page, a PNG has the size asked — and the CSV of PRODUCT.md. */

#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-chart.h"
#include "sl-results-csv.h"
#include "sl-session.h"

static char *tmp_dir;

static SlChart *
lecture_chart (SlChartKind kind)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlChart *chart = sl_chart_new ();

  sl_chart_set_experiment (chart, sl_session_lookup_experiment (session, "Example 17.3: bulk allocation"),
                           sl_session_get_chain (session), "3.12");
  sl_chart_set_kind (chart, kind);
  return chart;
}

static void
test_export_svg_is_xml (void)
{
  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    {
      g_autoptr(SlChart) chart = lecture_chart (kind);
      g_autofree char *path = g_strdup_printf ("%s/%s.svg", tmp_dir, sl_chart_kind_to_string (kind));
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      GMarkupParser parser = { 0, };
      g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);

      g_assert_true (sl_chart_export (chart, path, SL_CHART_FORMAT_SVG, 720, 450, 96, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_nonnull (strstr (text, "<svg"));
      g_assert_true (g_markup_parse_context_parse (context, text, -1, &error) &&
                     g_markup_parse_context_end_parse (context, &error));
      g_assert_no_error (error);
    }
}

static guint
count_pages (const char *pdf,
             gsize       length)
{
  guint n = 0;

  /* memmem: a PDF holds NUL bytes in its streams. */
  for (const char *p = pdf; (p = memmem (p, length - (p - pdf), "/Type /Page", 11)); p++)
    if (p + 11 < pdf + length && p[11] != 's')
      n++;
  return n;
}

static void
test_export_pdf_has_one_page (void)
{
  g_autoptr(SlChart) chart = lecture_chart (SL_CHART_MEMORY);
  g_autofree char *path = g_build_filename (tmp_dir, "memory.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (sl_chart_export (chart, path, SL_CHART_FORMAT_PDF, 720, 450, 96, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF-"));
  g_assert_cmpuint (count_pages (text, length), ==, 1);
}

static void
test_export_png_has_the_size_asked (void)
{
  g_autoptr(SlChart) chart = lecture_chart (SL_CHART_PARTS);
  g_autofree char *path = g_build_filename (tmp_dir, "parts.png", NULL);
  g_autofree guchar *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (sl_chart_export (chart, path, SL_CHART_FORMAT_PNG, 1234, 567, 150, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, 1234);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, 567);
}

static void
test_export_refuses_bad_sizes (void)
{
  g_autoptr(SlChart) chart = lecture_chart (SL_CHART_MEMORY);
  g_autofree char *path = g_build_filename (tmp_dir, "huge.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_chart_export (chart, path, SL_CHART_FORMAT_PNG, 100000, 100, 96, &error));
  g_assert_error (error, SL_CHART_ERROR, SL_CHART_ERROR_SIZE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_export_csv_columns (void)
{
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("=cmd,\"quoted\"", "Point");
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  SlResultPoint point = { (char *) "3.12", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED,
                          1000, 56000, FALSE, NULL };
  g_autofree char *csv = NULL;

  sl_experiment_add_result (experiment, &point);
  g_ptr_array_add (list, experiment);
  csv = sl_results_csv_build (list);
  g_assert_cmpstr (csv, ==,
                   "experiment,python,strategy,backend,metric,count,bytes\r\n"
                   "\"'=cmd,\"\"quoted\"\"\",3.12,slots,live,traced,1000,56000\r\n");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-export-XXXXXX", NULL);
  g_test_add_func ("/export/svg-parses-as-xml", test_export_svg_is_xml);
  g_test_add_func ("/export/pdf-has-one-page", test_export_pdf_has_one_page);
  g_test_add_func ("/export/png-has-the-size-asked", test_export_png_has_the_size_asked);
  g_test_add_func ("/export/refuses-bad-sizes", test_export_refuses_bad_sizes);
  g_test_add_func ("/export/csv-has-the-product-columns", test_export_csv_columns);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  return status;
}
