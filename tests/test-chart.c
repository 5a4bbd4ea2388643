/* test-chart.c: what the charts say — titles, legends, export names — asked
 * of the chart without drawing, and the safe export of a picture.
 *
 * Figures: Example 17.3's RecordDict (x, y, z, no __slots__) costs 88
 * bytes per instance traced on CPython 3.12 as declared, as __dict__ only
 * and with __slots__ + '__dict__', and 56 with __slots__ (PRODUCT.md,
 * measured by shared/oracle on 3.12.1); 96 on 3.13. */

#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sl-byte-map-drawing.h"
#include "sl-chart.h"
#include "sl-chart-private.h"
#include "sl-drawing-export.h"
#include "sl-session.h"

static char *tmp_dir;

static SlChart *
lecture_chart (const char  *experiment,
               SlChartKind  kind,
               const char  *fallback)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  SlChart *chart = sl_chart_new ();

  sl_chart_set_experiment (chart, sl_session_lookup_experiment (session, experiment),
                           sl_session_get_chain (session), fallback);
  sl_chart_set_kind (chart, kind);
  return chart;
}

#define BULK "Example 17.3: bulk allocation"
#define SLIDE9 "Slide 9: are slots still worth it, version by version?"

static void
test_chart_equal_strategies_share_an_entry (void)
{
  g_autoptr(SlChart) chart = lecture_chart (BULK, SL_CHART_MEMORY, "3.12");
  g_auto(GStrv) legend = sl_chart_dup_legend (chart);

  g_assert_cmpuint (g_strv_length (legend), ==, 2);
  g_assert_cmpstr (legend[0], ==, "As declared = __dict__ only = __slots__ + '__dict__', 88 B each");
  g_assert_cmpstr (legend[1], ==, "__slots__, 56 B each");
}

static void
test_chart_measured_entry_only_with_measured_points (void)
{
  g_autoptr(SlChart) chart = lecture_chart (BULK, SL_CHART_MEMORY, "3.12");
  SlResultPoint complete = { (char *) "3.12.1", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED,
                             1000, 56000, FALSE, NULL };
  SlResultPoint partial = { (char *) "3.12.1", SL_STRATEGY_DICT, SL_BACKEND_LIVE, SL_METRIC_TRACED,
                            1000, 88000, TRUE, NULL };
  g_auto(GStrv) before = sl_chart_dup_legend (chart);
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) both = NULL;

  for (guint i = 0; before[i]; i++)
    g_assert_null (strstr (before[i], "measured"));
  sl_chart_add_extra_point (chart, &complete);
  after = sl_chart_dup_legend (chart);
  g_assert_cmpuint (g_strv_length (after), ==, 3);
  g_assert_cmpstr (after[2], ==, "measured on Python 3.12.1");
  sl_chart_add_extra_point (chart, &partial);
  both = sl_chart_dup_legend (chart);
  g_assert_cmpuint (g_strv_length (both), ==, 4);
  g_assert_cmpstr (both[3], ==, "measured on Python 3.12.1, run not finished");
}

static void
test_chart_version_is_the_experiments (void)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_new ("Unversioned", "RecordDict");
  g_autoptr(SlChart) chart = sl_chart_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_auto(GStrv) legend = NULL;
  SlStrategy all[] = { SL_STRATEGY_AS_DECLARED, SL_STRATEGY_DICT, SL_STRATEGY_SLOTS };

  sl_experiment_set_strategies (experiment, all, G_N_ELEMENTS (all));
  /* No version of its own: the one the window's header passes. */
  sl_chart_set_experiment (chart, experiment, sl_session_get_chain (session), "3.13");
  title = sl_chart_dup_title (chart);
  subtitle = sl_chart_dup_subtitle (chart);
  legend = sl_chart_dup_legend (chart);
  g_assert_cmpstr (title, ==, "Unversioned");
  g_assert_nonnull (strstr (subtitle, "CPython 3.13 "));
  g_assert_null (strstr (subtitle, "3.12"));
  g_assert_true (g_strv_contains ((const char * const *) legend, "__slots__, 56 B each"));
  g_assert_true (g_strv_contains ((const char * const *) legend, "As declared = __dict__ only, 96 B each"));
}

static void
test_chart_several_versions_say_so (void)
{
  for (SlChartKind kind = 0; kind < SL_N_CHART_KINDS; kind++)
    {
      g_autoptr(SlChart) chart = lecture_chart (SLIDE9, kind, "3.12");
      g_autofree char *title = sl_chart_dup_title (chart);
      g_autofree char *subtitle = sl_chart_dup_subtitle (chart);

      /* The title is the experiment's name alone: nothing joined to its "?". */
      g_assert_cmpstr (title, ==, SLIDE9);
      if (kind == SL_CHART_PARTS)
        g_assert_nonnull (strstr (subtitle, "the experiment's first version"));
      else if (kind == SL_CHART_VERSIONS)
        g_assert_nonnull (strstr (subtitle, "every CPython version, 3.8 to 3.15"));
      else
        g_assert_nonnull (strstr (subtitle, "10 CPython versions, 3.8 to 3.15"));
    }
}

static void
test_chart_versions_legend_joins_equal_strategies (void)
{
  g_autoptr(SlChart) chart = lecture_chart (BULK, SL_CHART_VERSIONS, "3.12");
  g_auto(GStrv) legend = sl_chart_dup_legend (chart);

  /* RecordDict as declared is the dict strategy on every version; mixed
   * differs (64 B on 3.8, against 152). */
  g_assert_cmpuint (g_strv_length (legend), ==, 4);
  g_assert_cmpstr (legend[0], ==, "As declared = __dict__ only");
  g_assert_cmpstr (legend[1], ==, "__slots__");
  g_assert_cmpstr (legend[2], ==, "__slots__ + '__dict__'");
  g_assert_cmpstr (legend[3], ==, "the experiment's: CPython 3.12");
}

/* Live runs kept in the experiment: the model's dot and the measured ring
 * per version, the provenance of each version under the plot. */
static SlChart *
versions_chart_with_runs (guint n_runs)
{
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = sl_experiment_copy (sl_session_lookup_experiment (session, BULK));
  SlChart *chart = sl_chart_new ();
  /* RecordDict: 56 B per instance with __slots__ on 3.12.1 (slope between
   * 1000 and 2000), 96 B as declared on 3.13.0. */
  SlResultPoint on_312[] = {
    { (char *) "3.12.1", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED, 1000, 56100, FALSE,
      (char *) "/usr/bin/python3.12" },
    { (char *) "3.12.1", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED, 2000, 112100, FALSE,
      (char *) "/usr/bin/python3.12" },
  };
  SlResultPoint on_313[] = {
    { (char *) "3.13.0", SL_STRATEGY_AS_DECLARED, SL_BACKEND_LIVE, SL_METRIC_TRACED, 1000, 96050, FALSE,
      (char *) "/opt/x/bin/python3.13" },
    { (char *) "3.13.0", SL_STRATEGY_AS_DECLARED, SL_BACKEND_LIVE, SL_METRIC_TRACED, 2000, 192050, FALSE,
      (char *) "/opt/x/bin/python3.13" },
  };
  g_autoptr(GPtrArray) a = g_ptr_array_new ();
  g_autoptr(GPtrArray) b = g_ptr_array_new ();

  for (guint i = 0; i < 2; i++)
    {
      g_ptr_array_add (a, &on_312[i]);
      g_ptr_array_add (b, &on_313[i]);
    }
  sl_experiment_add_run (experiment, a, 1767225600);
  if (n_runs > 1)
    sl_experiment_add_run (experiment, b, 1767225660);
  sl_chart_set_experiment (chart, experiment, sl_session_get_chain (session), "3.12");
  sl_chart_set_kind (chart, SL_CHART_VERSIONS);
  return chart;
}

/* The message with its word joiners (no wrap inside a path) taken out. */
static char *
plain_message (SlChart *chart)
{
  g_autofree char *message = sl_chart_dup_message (chart);
  g_autoptr(GString) text = g_string_new (message);

  g_string_replace (text, "\u2060", "", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_chart_versions_measured_beside_the_model (void)
{
  g_autoptr(SlChart) one = versions_chart_with_runs (1);
  g_autoptr(SlChart) two = versions_chart_with_runs (2);
  g_autoptr(SlChart) none = lecture_chart (BULK, SL_CHART_VERSIONS, "3.12");
  g_auto(GStrv) legend_one = sl_chart_dup_legend (one);
  g_auto(GStrv) legend_two = sl_chart_dup_legend (two);
  g_autofree char *message_one = plain_message (one);
  g_autofree char *message_two = plain_message (two);
  g_autofree char *message_none = sl_chart_dup_message (none);
  g_autofree char *png = g_build_filename (tmp_dir, "versions-measured.png", NULL);
  g_autoptr(GError) error = NULL;

  /* Model and measured told apart in the legend. */
  g_assert_cmpuint (g_strv_length (legend_one), ==, 5);
  g_assert_cmpstr (legend_one[0], ==, "As declared = __dict__ only — model");
  g_assert_cmpstr (legend_one[1], ==, "__slots__ — model");
  g_assert_cmpstr (legend_one[3], ==, "measured on Python 3.12.1 (/usr/bin/python3.12)");
  g_assert_cmpstr (legend_two[3], ==, "measured on 2 interpreters here (ring right of each model dot)");
  /* Provenance of every version measured, exact release and path. */
  g_assert_nonnull (strstr (message_one, "3.12.1 /usr/bin/python3.12"));
  g_assert_nonnull (strstr (message_two, "3.12.1 /usr/bin/python3.12 · 3.13.0 /opt/x/bin/python3.13"));
  /* Nothing measured: the chart as before. */
  g_assert_null (message_none);
  sl_chart_export (two, png, SL_CHART_FORMAT_PNG, 1600, 1000, 192, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_unlink (png);
}

/* The model's figures on the across-versions chart never overlap: on 3.8
 * bulk allocation has 64 and 56 (8 bytes apart), slide 9 249, 233 and 153;
 * drawn simply above their dots they were printed over each other. */
static void
test_chart_versions_labels_never_overlap (void)
{
  const char *experiments[] = { BULK, SLIDE9 };
  const double sizes[][2] = { { 1600, 1000 }, { 1280, 800 }, { 640, 400 } };

  for (guint e = 0; e < G_N_ELEMENTS (experiments); e++)
    for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
      {
        g_autoptr(SlChart) chart = lecture_chart (experiments[e], SL_CHART_VERSIONS, "3.12");
        g_autoptr(GArray) boxes = sl_chart_dup_label_boxes (chart, sizes[z][0], sizes[z][1]);

        g_assert_cmpuint (boxes->len, >, 3);
        for (guint i = 0; i < boxes->len; i++)
          for (guint j = i + 1; j < boxes->len; j++)
            {
              cairo_rectangle_t *a = &g_array_index (boxes, cairo_rectangle_t, i);
              cairo_rectangle_t *b = &g_array_index (boxes, cairo_rectangle_t, j);
              gboolean meet = a->x < b->x + b->width && b->x < a->x + a->width &&
                              a->y < b->y + b->height && b->y < a->y + a->height;

              if (meet)
                g_test_message ("%s at %.0f×%.0f: label %u (%.0f,%.0f %.0f×%.0f) meets label %u (%.0f,%.0f)",
                                experiments[e], sizes[z][0], sizes[z][1], i, a->x, a->y, a->width, a->height,
                                j, b->x, b->y);
              g_assert_false (meet);
            }
      }
}

static void
test_chart_export_names (void)
{
  g_autoptr(SlChart) chart = lecture_chart (BULK, SL_CHART_MEMORY, "3.12");
  g_autoptr(SlChart) slide9 = lecture_chart (SLIDE9, SL_CHART_PER_INSTANCE, "3.12");
  g_autofree char *svg = sl_chart_dup_export_name (chart, "svg");
  g_autofree char *csv = sl_chart_dup_export_name (chart, "csv");
  g_autofree char *log = NULL;
  g_autofree char *bars = sl_chart_dup_export_name (slide9, "png");

  g_assert_cmpstr (svg, ==, "example-17.3-bulk-allocation-memory.svg");
  g_assert_cmpstr (csv, ==, "example-17.3-bulk-allocation.csv");
  sl_chart_set_linear (chart, FALSE);
  log = sl_chart_dup_export_name (chart, "pdf");
  g_assert_cmpstr (log, ==, "example-17.3-bulk-allocation-memory-log.pdf");
  g_assert_cmpstr (bars, ==, "slide-9-are-slots-still-worth-it-version-by-version-per-instance.png");
}

static void
test_chart_view_names (void)
{
  SlChartKind kind = SL_N_CHART_KINDS;
  gboolean linear = FALSE;

  g_assert_true (sl_chart_view_from_string ("memory", &kind, &linear));
  g_assert_true (kind == SL_CHART_MEMORY && linear);
  g_assert_true (sl_chart_view_from_string ("memory-log", &kind, &linear));
  g_assert_true (kind == SL_CHART_MEMORY && !linear);
  g_assert_true (sl_chart_view_from_string ("memory-linear", &kind, &linear));
  g_assert_true (kind == SL_CHART_MEMORY && linear);
  g_assert_true (sl_chart_view_from_string ("per-instance", &kind, &linear));
  g_assert_true (kind == SL_CHART_PER_INSTANCE);
  g_assert_true (sl_chart_view_from_string ("versions", &kind, &linear));
  g_assert_true (kind == SL_CHART_VERSIONS);
  g_assert_false (sl_chart_view_from_string ("log", &kind, &linear));
}

/* What the attributes hold is drawn, each beside what holds it, and the
 * byte map lists every allocation of the layout exactly once. */
static void
test_byte_map_draws_value_objects (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "values.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlSession) session = NULL;
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.14", NULL);
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(SlByteMapDrawing) drawing = NULL;
  g_autoptr(GError) error = NULL;
  const SlByteMapArea *areas;
  const SlBlock *blocks;
  guint n_areas, n_blocks, n_fields, n_separate = 0, tags = 0;
  double width, height;

  g_assert_true (g_file_set_contents (path,
    "{\"format\": \"slotlab-session\", \"version\": 1, \"title\": \"v\", \"notes\": \"\", \"python\": \"3.14\","
    " \"classes\": [{\"name\": \"SlotReading\", \"bases\": [], \"slots\": [\"sensor\", \"tags\"],"
    " \"init\": [{\"name\": \"sensor\", \"value\": \"str:12\"}, {\"name\": \"tags\", \"value\": \"list:3\"}]}],"
    " \"experiments\": []}", -1, NULL));
  session = sl_session_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  layout = sl_layout_compute (sl_session_get_chain (session), "SlotReading", profile, &error);
  g_assert_no_error (error);
  drawing = sl_byte_map_drawing_new (layout);
  sl_byte_map_drawing_get_size (drawing, &width, &height);
  areas = sl_byte_map_drawing_get_areas (drawing, &n_areas);
  blocks = sl_layout_get_blocks (layout, &n_blocks);
  sl_layout_get_fields (layout, &n_fields);
  for (guint i = 0; i < n_blocks; i++)
    n_separate += blocks[i].part != SL_PART_OBJECT;
  /* A cell per field, an area per separate block. */
  g_assert_cmpuint (n_areas, ==, n_fields + n_separate);
  for (guint i = 0; i < n_areas; i++)
    {
      g_assert_cmpfloat (areas[i].x + areas[i].width, <=, width);
      g_assert_cmpfloat (areas[i].y + areas[i].height, <=, height);
      tags += strstr (areas[i].tooltip, "<b>tags</b> holds a list:3") != NULL;
    }
  /* A list is two blocks: the list object and its items. */
  g_assert_cmpuint (tags, ==, 2);
  g_remove (path);
}

static void
draw_nothing (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  data)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

static void
test_drawing_export_replaces_whole_or_not_at_all (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "picture.svg", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-dir", "picture.svg", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n = 0;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (sl_drawing_export (path, SL_DRAWING_SVG, 100, 100, 96, draw_nothing, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "</svg>"));

  g_assert_false (sl_drawing_export (missing, SL_DRAWING_PDF, 100, 100, 96, draw_nothing, NULL, &error));
  g_assert_nonnull (error);

  /* Nothing left behind beside the one picture. */
  dir = g_dir_open (tmp_dir, 0, NULL);
  while (g_dir_read_name (dir))
    n++;
  g_assert_cmpuint (n, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("slotlab-test-chart-XXXXXX", NULL);
  g_test_add_func ("/chart/legend/equal-strategies-share-an-entry", test_chart_equal_strategies_share_an_entry);
  g_test_add_func ("/chart/legend/measured-entry-only-with-measured-points",
                   test_chart_measured_entry_only_with_measured_points);
  g_test_add_func ("/chart/title/version-is-the-experiments", test_chart_version_is_the_experiments);
  g_test_add_func ("/chart/title/several-versions-say-so", test_chart_several_versions_say_so);
  g_test_add_func ("/chart/versions/legend-joins-equal-strategies", test_chart_versions_legend_joins_equal_strategies);
  g_test_add_func ("/chart/versions/measured-beside-the-model", test_chart_versions_measured_beside_the_model);
  g_test_add_func ("/chart/versions/labels-never-overlap", test_chart_versions_labels_never_overlap);
  g_test_add_func ("/chart/export-names-are-clean", test_chart_export_names);
  g_test_add_func ("/chart/view-names", test_chart_view_names);
  g_test_add_func ("/byte-map/draws-value-objects", test_byte_map_draws_value_objects);
  g_test_add_func ("/drawing/export-replaces-whole-or-not-at-all", test_drawing_export_replaces_whole_or_not_at_all);
  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  return status;
}
