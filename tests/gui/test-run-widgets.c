/* test-run-widgets.c: what a live run's points change on screen, and that
 * none of it lays the window out again (issue 13): the results table
 * filling its planned rows in (ui/sl-results-table.c) and the run's
 * progress (ui/sl-run-progress.c).  Under Xvfb, the cairo renderer. */

#include <adwaita.h>

#include "sl-format.h"
#include "sl-results-table.h"
#include "sl-run-progress.h"

#include "gui-helpers.h"

/* Every relayout of a window: GdkToplevel::compute-size. */
static void
compute_size_cb (GdkToplevel     *toplevel,
                 GdkToplevelSize *size,
                 guint           *n)
{
  (*n)++;
}

static GtkWindow *
window_with (GtkWidget *child,
             guint     *relayouts)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 900, 400);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, child, 10000));
  sl_gui_test_drain ();
  g_signal_connect (gtk_native_get_surface (GTK_NATIVE (window)), "compute-size",
                    G_CALLBACK (compute_size_cb), relayouts);
  return window;
}

/* Frames for a while: whatever was queued is laid out and painted. */
static void
let_frames_pass (void)
{
  gint64 end = g_get_monotonic_time () + 150 * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
}

/* Until the window is laid out for good: no relayout for 300 ms. */
static void
settle (guint *relayouts)
{
  guint seen;

  do
    {
      seen = *relayouts;
      let_frames_pass ();
      let_frames_pass ();
    }
  while (*relayouts != seen);
}

static SlResultPoint *
point_new (SlStrategy strategy,
           guint64    count,
           guint64    bytes)
{
  SlResultPoint p = { (char *) "3.12.1", strategy, SL_BACKEND_LIVE, SL_METRIC_TRACED, count, bytes };

  return sl_result_point_copy (&p);
}

static guint
lines_of (const char *text)
{
  guint n = 0;

  for (const char *c = text; *c; c++)
    n += *c == '\n';
  return n;
}

static guint
count_texts (GtkWidget  *widget,
             const char *text)
{
  guint n = GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_texts (child, text);
  return n;
}

/* The plan's rows show pending; each point fills its own in, the ratio
 * follows its slots point, and none of that relayouts the window. */
static void
test_table_fills_its_plan_in_place (void)
{
  SlResultsTable *table = g_object_new (SL_TYPE_RESULTS_TABLE, NULL);
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  g_autoptr(GPtrArray) come = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  SlResultPoint *dict = point_new (SL_STRATEGY_DICT, 1000, 88000);
  SlResultPoint *slots = point_new (SL_STRATEGY_SLOTS, 1000, 56000);
  SlResultPoint *unplanned = point_new (SL_STRATEGY_DICT, 5000, 440000);
  g_autofree char *copied = NULL;
  guint relayouts = 0, before;
  GtkWindow *window;

  g_ptr_array_add (come, dict);
  g_ptr_array_add (come, slots);
  g_ptr_array_add (come, unplanned);
  g_ptr_array_add (plan, point_new (SL_STRATEGY_SLOTS, 3000, 0));
  g_ptr_array_add (plan, point_new (SL_STRATEGY_DICT, 1000, 0));
  g_ptr_array_add (plan, point_new (SL_STRATEGY_SLOTS, 1000, 0));
  g_ptr_array_add (plan, point_new (SL_STRATEGY_DICT, 3000, 0));
  window = window_with (GTK_WIDGET (table), &relayouts);
  sl_results_table_expect_points (table, plan);
  settle (&relayouts);

  /* Sorted as the engine sorts (strategy, then count), all pending. */
  g_assert_cmpuint (sl_results_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (sl_results_table_get_n_points (table), ==, 0);
  g_assert_cmpint (sl_results_table_get_point (table, 0)->strategy, ==, SL_STRATEGY_DICT);
  g_assert_cmpuint (sl_results_table_get_point (table, 1)->count, ==, 3000);
  g_assert_cmpint (sl_results_table_get_point (table, 2)->strategy, ==, SL_STRATEGY_SLOTS);
  for (guint r = 0; r < 4; r++)
    {
      g_assert_true (sl_results_table_is_pending (table, r));
      g_assert_cmpstr (sl_results_table_get_cell (table, r, SL_RESULTS_COLUMN_BYTES), ==, "…");
    }
  g_assert_cmpstr (sl_results_table_get_cell (table, 1, SL_RESULTS_COLUMN_COUNT), ==, "3000");
  g_assert_cmpstr (sl_results_table_get_cell (table, 0, SL_RESULTS_COLUMN_RUN), ==, "to measure");
  /* Copied: what was measured, nothing yet — the header alone. */
  copied = sl_results_table_dup_text (table);
  g_assert_cmpuint (lines_of (copied), ==, 1);

  settle (&relayouts);
  before = relayouts;
  sl_results_table_add_point (table, dict);
  let_frames_pass ();
  g_assert_cmpuint (sl_results_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (sl_results_table_get_n_points (table), ==, 1);
  g_assert_false (sl_results_table_is_pending (table, 0));
  g_assert_cmpstr (sl_results_table_get_cell (table, 0, SL_RESULTS_COLUMN_PER_INSTANCE), ==, "88.0");
  g_assert_cmpstr (sl_results_table_get_cell (table, 0, SL_RESULTS_COLUMN_RATIO), ==, "—");
  g_assert_cmpstr (sl_results_table_get_cell (table, 0, SL_RESULTS_COLUMN_RUN), ==, "this run");
  g_assert_cmpstr (sl_results_table_get_cell (table, 1, SL_RESULTS_COLUMN_RUN), ==, "to measure");
  g_assert_cmpuint (count_texts (GTK_WIDGET (table), "88.0"), ==, 1);   /* drawn, not only held */

  sl_results_table_add_point (table, slots);
  let_frames_pass ();
  g_assert_cmpuint (sl_results_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (sl_results_table_get_n_points (table), ==, 2);
  g_assert_cmpstr (sl_results_table_get_cell (table, 0, SL_RESULTS_COLUMN_RATIO), ==, "1.57×");
  g_assert_cmpstr (sl_results_table_get_cell (table, 2, SL_RESULTS_COLUMN_RATIO), ==, "1.00×");
  g_assert_cmpuint (count_texts (GTK_WIDGET (table), "1.57×"), ==, 1);
  g_assert_cmpuint (relayouts, ==, before);

  /* A point no row expected is inserted where it belongs. */
  sl_results_table_add_point (table, unplanned);
  let_frames_pass ();
  g_assert_cmpuint (sl_results_table_get_n_rows (table), ==, 5);
  g_assert_cmpuint (sl_results_table_get_point (table, 2)->count, ==, 5000);
  g_assert_false (sl_results_table_is_pending (table, 2));
  g_clear_pointer (&copied, g_free);
  copied = sl_results_table_dup_text (table);
  g_assert_nonnull (strstr (copied, "\t88.0\t"));
  g_assert_nonnull (strstr (copied, "\t56.0\t"));
  g_assert_null (strstr (copied, "…"));
  g_assert_cmpuint (lines_of (copied), ==, 1 + 3);   /* the header, the three points */

  gtk_window_destroy (window);
  sl_gui_test_drain ();
}

/* The colour of the pixel at (x, y) of what @widget draws (its snapshot,
 * painted by cairo), 0xAARRGGBB. */
static guint32
pixel_at (GtkWidget *widget,
          int        x,
          int        y)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4);
  cairo_surface_destroy (surface);
  return pixel;
}

/* The bar fills to its fraction in another colour than the trough's, says
 * its text, and repaints for both without a relayout. */
static void
test_progress_repaints_without_relayout (void)
{
  SlRunProgress *progress = SL_RUN_PROGRESS (sl_run_progress_new ());
  GtkWidget *widget = GTK_WIDGET (progress);
  guint relayouts = 0, before;
  GtkWindow *window;
  int width, bar_y;
  guint32 filled, empty;

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  window = window_with (widget, &relayouts);
  settle (&relayouts);
  width = gtk_widget_get_width (widget);
  bar_y = gtk_widget_get_height (widget) - 4;
  g_assert_cmpint (width, >, 100);
  g_assert_cmpfloat (sl_run_progress_get_fraction (progress), ==, 0);
  g_assert_cmpstr (sl_run_progress_get_text (progress), ==, "");
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);

  before = relayouts;
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u %%", i * 5);

      sl_run_progress_set_fraction (progress, i * 0.05);
      sl_run_progress_set_text (progress, text);
      let_frames_pass ();
    }
  g_assert_cmpuint (relayouts, ==, before);
  g_assert_cmpfloat_with_epsilon (sl_run_progress_get_fraction (progress), 0.5, 1e-9);
  g_assert_cmpstr (sl_run_progress_get_text (progress), ==, "50 %");

  /* Half full: the left quarter is filled, the right quarter is trough. */
  filled = pixel_at (widget, width / 4, bar_y);
  empty = pixel_at (widget, width * 3 / 4, bar_y);
  g_test_message ("filled %08x, empty %08x", filled, empty);
  g_assert_cmphex (filled >> 24, >, 0);
  g_assert_cmphex (empty >> 24, >, 0);
  g_assert_cmphex (filled, !=, empty);
  /* Full and out of range: clamped, all filled. */
  sl_run_progress_set_fraction (progress, 1.5);
  g_assert_cmpfloat (sl_run_progress_get_fraction (progress), ==, 1.0);
  g_assert_cmphex (pixel_at (widget, width * 3 / 4, bar_y), ==, filled);
  sl_run_progress_set_fraction (progress, 0);
  g_assert_cmphex (pixel_at (widget, width / 4, bar_y), ==, empty);

  gtk_window_destroy (window);
  sl_gui_test_drain ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  sl_ui_ensure_resources ();
  g_test_add_func ("/run-widgets/table-fills-its-plan-in-place", test_table_fills_its_plan_in_place);
  g_test_add_func ("/run-widgets/progress-repaints-without-relayout", test_progress_repaints_without_relayout);
  return g_test_run ();
}
