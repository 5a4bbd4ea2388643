/* test-experiments.c: the Experiments tab under Xvfb — a model run and a
 * live run from the window to the end, with the chart written to the build
 * directory as test-experiments-*.png. */

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <adwaita.h>

#include "gui-helpers.h"
#include "live-helpers.h"
#include "sl-application.h"
#include "sl-chart-view.h"
#include "sl-experiments-view.h"
#include "sl-export-dialog.h"
#include "sl-document.h"
#include "sl-experiments-view-private.h"
#include "sl-window-private.h"

static SlApplication *app;

/* Every chart view under `widget` shows its chart as it is now: the
 * window renders charts on a worker thread. */
static gboolean
charts_under_current (GtkWidget *widget)
{
  if (SL_IS_CHART_VIEW (widget) && !sl_chart_view_is_current (SL_CHART_VIEW (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_mapped (c) && !charts_under_current (c))
      return FALSE;
  return TRUE;
}

static gboolean
charts_current (gpointer widget)
{
  sl_gui_test_drain ();
  return charts_under_current (widget);
}

/* The widget once every chart in it shows its chart as it is now. */
static void
save_snapshot (GtkWidget  *widget,
               const char *name)
{
  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, widget, 10000));
  g_assert_true (sl_gui_test_wait_until (charts_current, widget, 10000));
  sl_gui_test_save_snapshot (widget, name);
}

static gboolean
not_running (gpointer view)
{
  return !sl_experiments_view_is_running (view);
}

static gboolean
has_interpreter (gpointer view)
{
  return sl_experiments_view_get_n_interpreters (view) > 0;
}

static SlWindow *
open_on_experiments (SlExperimentsView **view)
{
  SlWindow *window = sl_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, window, 10000));
  adw_view_stack_set_visible_child_name (window->view_stack, "experiments");
  *view = sl_window_get_experiments_view (window);
  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, *view, 10000));
  {
    int min = 0, nat = 0;

    gtk_widget_measure (GTK_WIDGET (*view), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("experiments view: minimum width %d, natural %d", min, nat);
    for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (*view))); c; c = gtk_widget_get_next_sibling (c))
      {
        gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
        g_test_message ("  child %s: minimum width %d", G_OBJECT_TYPE_NAME (c), min);
      }
  }
  sl_experiments_view_select (*view, 0);
  sl_gui_test_drain ();
  return window;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of TYPE under WIDGET, depth first. */
static GtkWidget *
first_of_type (GtkWidget *widget,
               GType      type)
{
  return sl_gui_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

/* A run locks the form without greying it (issue 13); a form field that
 * already had the keyboard must lose it, or what is typed there during
 * the run would show and never be kept. */
static void
test_experiments_run_takes_focus_out_of_the_form (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  GtkWidget *text = first_of_type (GTK_WIDGET (view->form), GTK_TYPE_TEXT);
  GtkWidget *focus;

  g_assert_nonnull (text);
  g_assert_true (gtk_widget_grab_focus (text));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == text || gtk_widget_is_ancestor (focus, GTK_WIDGET (view->form)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL));
  if (sl_experiments_view_is_running (view))
    {
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_true (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (view->form)));
    }
  else
    g_test_message ("the model run ended before it could be looked at");
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

static void
test_experiments_model_run (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");

  g_assert_nonnull (experiment);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL));
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  g_assert_cmpuint (sl_experiment_get_results (experiment)->len, ==, 4 * 7);
  g_assert_true (g_str_has_prefix (sl_experiments_view_get_status (view), "28 points"));

  /* The figures: RecordDict stores x, y, z with no __slots__, as
   * PointWithDict does; tracemalloc on CPython 3.12 sees 88 bytes per such
   * instance, 56 slotted (PRODUCT.md, shared/oracle/).  Between 1,000 and
   * 1,000,000 instances the total grows by exactly that per instance. */
  {
    GPtrArray *results = sl_experiment_get_results (experiment);
    const struct { SlStrategy strategy; double per_instance; } expected[] = {
      { SL_STRATEGY_AS_DECLARED, 88 }, { SL_STRATEGY_DICT, 88 }, { SL_STRATEGY_SLOTS, 56 },
    };

    for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
      {
        gint64 low = -1, high = -1;

        for (guint i = 0; i < results->len; i++)
          {
            SlResultPoint *p = g_ptr_array_index (results, i);

            g_assert_cmpstr (p->python, ==, "3.12");
            g_assert_cmpint (p->metric, ==, SL_METRIC_TRACED);
            if (p->strategy != expected[e].strategy)
              continue;
            if (p->count == 1000)
              low = (gint64) p->bytes;
            else if (p->count == 1000000)
              high = (gint64) p->bytes;
          }
        g_assert_cmpint (low, >, 0);
        g_assert_cmpint (high, >, low);
        g_assert_cmpfloat_with_epsilon ((double) (high - low) / (1000000 - 1000), expected[e].per_instance, 1e-9);
      }
  }
  save_snapshot (GTK_WIDGET (window), "test-experiments-model-window.png");
  save_snapshot (sl_experiments_view_get_chart_view (view), "test-experiments-model-chart.png");
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

/* Whether the window was laid out again while a live run's points came
 * in: GdkToplevel::compute-size (every relayout of the window; on X11 it
 * asks the X server for the window's geometry and work area, round trips
 * a frame waits on), counted between frames (after-paint). */
typedef struct {
  SlExperimentsView *view;
  guint              total;             /* points the run will give */
  guint              compute_sizes;
  guint              seen_points, seen_compute_sizes;
  guint              streaming_frames;  /* between the first point and the last */
  guint              streaming_relayouts;
} Relayouts;

static void
compute_size_cb (GdkToplevel     *toplevel,
                 GdkToplevelSize *size,
                 Relayouts       *r)
{
  r->compute_sizes++;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Relayouts     *r)
{
  guint n = sl_results_table_get_n_points (sl_experiments_view_get_results_table (r->view));

  if (r->seen_points >= 1 && n < r->total && sl_experiments_view_is_running (r->view))
    {
      r->streaming_frames++;
      r->streaming_relayouts += r->compute_sizes - r->seen_compute_sizes;
    }
  r->seen_points = n;
  r->seen_compute_sizes = r->compute_sizes;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
test_experiments_live_run (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");
  const guint64 counts[] = { 1000, 3000, 10000, 30000, 100000 };
  Relayouts relayouts = { view, 4 * G_N_ELEMENTS (counts) };
  GdkSurface *surface;
  gulong compute_size_id, after_paint_id;
  GPtrArray *results;
  guint live = 0;

  if (!sl_gui_test_wait_until (has_interpreter, view, 30000))
    {
      g_test_skip ("no Python interpreter found");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  /* The form's rows animate their titles a quarter of a second after
   * their text changes (AdwEntryRow), each frame a relayout: let them end,
   * so that what is counted is what the run's points do. */
  sl_gui_test_wait_until (never, NULL, 500);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  compute_size_id = g_signal_connect (surface, "compute-size", G_CALLBACK (compute_size_cb), &relayouts);
  after_paint_id = g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                                     G_CALLBACK (after_paint_cb), &relayouts);
  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_experiments_view_is_running (view));
  g_assert_true (sl_gui_test_wait_until (not_running, view, 120000));
  g_signal_handler_disconnect (surface, compute_size_id);
  g_signal_handler_disconnect (gdk_surface_get_frame_clock (surface), after_paint_id);
  /* A point fills its row in, the count above the table and the progress
   * change their text: each repaints, none relayouts the window (issue 13). */
  g_test_message ("%u frames while points came, %u relayouts of the window in them (%u in all)",
                  relayouts.streaming_frames, relayouts.streaming_relayouts, relayouts.compute_sizes);
  g_assert_cmpuint (relayouts.streaming_frames, >, 0);
  g_assert_cmpuint (relayouts.streaming_relayouts, ==, 0);
  results = sl_experiment_get_results (experiment);
  for (guint i = 0; i < results->len; i++)
    {
      SlResultPoint *p = g_ptr_array_index (results, i);

      if (p->backend == SL_BACKEND_LIVE)
        {
          g_assert_false (p->partial);
          live++;
        }
    }
  g_test_message ("status: %s", sl_experiments_view_get_status (view));
  g_assert_cmpuint (live, ==, 4 * G_N_ELEMENTS (counts));
  save_snapshot (GTK_WIDGET (window), "test-experiments-live-window.png");
  save_snapshot (sl_experiments_view_get_chart_view (view), "test-experiments-live-chart.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  sl_gui_test_drain ();
  save_snapshot (sl_experiments_view_get_chart_view (view), "test-experiments-live-chart-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

/* ---- Run on Every Interpreter ---- */

static gboolean
first_interpreter_started (gpointer data)
{
  SlExperimentsView *view = data;

  return view->everywhere != NULL && sl_run_everywhere_get_n_runs (view->everywhere) > 0 &&
         sl_run_everywhere_get_run_started (view->everywhere, 0);
}

static void
test_experiments_run_on_every_interpreter (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");
  const guint64 counts[] = { 1000, 2000 };
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(GStrv) legend = NULL;
  g_autofree char *measured = NULL;
  guint before;

  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  before = sl_experiment_dup_runs (experiment)->len;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run-everywhere", NULL));
  g_assert_true (sl_experiments_view_is_running (view));
  /* One Cancel for the whole, Run and Run on Every Interpreter off. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));
  g_assert_true (sl_gui_test_wait_until (not_running, view, 240000));
  g_test_message ("status: %s", sl_experiments_view_get_status (view));
  runs = sl_experiment_dup_runs (experiment);
  if (runs->len - before < 2)
    {
      g_test_skip ("fewer than two interpreters that a profile covers");
      sl_session_set_modified (sl_window_get_session (window), FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      sl_gui_test_drain ();
      return;
    }
  /* One run kept per interpreter, each with its interpreter and time,
   * each of one exact release. */
  for (guint i = before; i < runs->len; i++)
    {
      SlRunInfo *run = g_ptr_array_index (runs, i);

      g_assert_cmpint (run->backend, ==, SL_BACKEND_LIVE);
      g_assert_nonnull (run->interpreter);
      g_assert_cmpint (run->time, >, 0);
      g_assert_false (run->partial);
      g_assert_null (strchr (run->python, ','));
    }
  g_assert_cmpfloat (sl_experiments_view_get_progress (view), ==, 1.0);
  /* The across-versions chart shows them together: model and measured. */
  legend = sl_chart_dup_legend (sl_chart_view_get_chart (SL_CHART_VIEW (sl_experiments_view_get_chart_view (view))));
  measured = g_strdup_printf ("measured on %u interpreters here (ring right of each model dot)", runs->len - before);
  g_assert_true (g_strv_contains ((const char * const *) legend, measured));
  save_snapshot (sl_experiments_view_get_chart_view (view), "test-experiments-everywhere-chart.png");
  save_snapshot (GTK_WIDGET (window), "test-experiments-everywhere-window.png");

  /* Again, cancelled once the first interpreter runs: everything ends. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run-everywhere", NULL));
  g_assert_true (sl_gui_test_wait_until (first_interpreter_started, view, 60000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.cancel", NULL));
  g_assert_true (sl_gui_test_wait_until (not_running, view, 30000));
  g_assert_true (g_str_has_prefix (sl_experiments_view_get_status (view), "The run was cancelled"));

  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

static gboolean
has_points (gpointer table)
{
  return sl_results_table_get_n_points (table) > 0;
}

/* The header's version, chosen as a user does: its drop-down. */
static void
choose_header_version (SlWindow   *window,
                       const char *id)
{
  for (guint i = 0; i < window->profiles->len; i++)
    if (g_strcmp0 (sl_profile_get_id (g_ptr_array_index (window->profiles, i)), id) == 0)
      gtk_drop_down_set_selected (window->python_dropdown, i);
  sl_gui_test_drain ();
}

/* The labels the table's cells show, anywhere under `widget`: how many say
 * `text`. */
static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0) ||
            (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

/* What the table draws is the run: as many rows as the run has points,
 * in the engine's order, the count above it saying the same. */
static void
assert_table_is_run (SlExperimentsView *view,
                     SlExperiment      *experiment,
                     guint              run)
{
  SlResultsTable *table = sl_experiments_view_get_results_table (view);
  g_autoptr(GPtrArray) points = sl_experiment_dup_run_points (experiment, run);
  g_autofree char *expected = g_strdup_printf ("%u points of run #%u", points->len, run);

  g_assert_cmpuint (sl_experiments_view_get_shown_run (view), ==, run);
  g_assert_cmpuint (sl_results_table_get_n_rows (table), ==, points->len);
  for (guint i = 0; i < points->len; i++)
    {
      const SlResultPoint *drawn = sl_results_table_get_point (table, i);
      const SlResultPoint *p = g_ptr_array_index (points, i);
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, p->count);

      g_assert_cmpuint (drawn->count, ==, p->count);
      g_assert_cmpuint (drawn->bytes, ==, p->bytes);
      g_assert_cmpint (drawn->strategy, ==, p->strategy);
      g_assert_cmpstr (sl_results_table_get_cell (table, i, SL_RESULTS_COLUMN_COUNT), ==, count);
      g_assert_cmpstr (sl_results_table_get_cell (table, i, SL_RESULTS_COLUMN_STRATEGY), ==,
                       sl_strategy_get_label (p->strategy));
      /* Sorted: strategy, then count. */
      if (i > 0)
        {
          const SlResultPoint *before = sl_results_table_get_point (table, i - 1);

          g_assert_true (before->strategy < drawn->strategy ||
                         (before->strategy == drawn->strategy && before->count <= drawn->count));
        }
    }
  g_assert_cmpstr (gtk_inscription_get_text (view->points_label), ==, expected);
  /* Drawn, not only held: the cells shown while the run streamed ("this
   * run") now name it, the rows kept in place (sl_result_row_take()). */
  {
    g_autofree char *number = g_strdup_printf ("#%u", run);

    sl_gui_test_drain ();
    g_assert_cmpuint (count_labels (GTK_WIDGET (table), "this run"), ==, 0);
    g_assert_cmpuint (count_labels (GTK_WIDGET (table), number), >, 0);
  }
}

/* What a list model's items-changed said: how often, and the items
 * removed and added, summed. */
typedef struct
{
  guint calls, removed, added;
} ListChanges;

static void
count_list_changes (GListModel  *model,
                    guint        position,
                    guint        removed,
                    guint        added,
                    ListChanges *changes)
{
  changes->calls++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_experiments_table_is_the_run_sorted (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");
  g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  g_assert_cmpuint (sl_results_table_get_n_rows (sl_experiments_view_get_results_table (view)), ==,
                    sl_experiment_get_strategies (experiment)->len * counts->len);
  assert_table_is_run (view, experiment, 1);
  g_assert_cmpfloat (sl_experiments_view_get_progress (view), ==, 1.0);

  /* Copied as text: a header and one line per row. */
  text = sl_results_table_dup_text (sl_experiments_view_get_results_table (view));
  g_assert_true (g_str_has_prefix (text, "Run\tStrategy\tPython\tCount\t"));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 1 + sl_experiment_get_strategies (experiment)->len * counts->len + 1);
  }

  /* Run again: the first run stays; the new one is shown; the first can
   * be shown beside it.  The run list only grows by the new run: its rows
   * are not rebuilt (sl_string_list_set, issue 13). */
  {
    ListChanges changes = { 0 };
    gulong id = g_signal_connect (view->run_names, "items-changed", G_CALLBACK (count_list_changes), &changes);

    gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
    g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
    g_signal_handler_disconnect (view->run_names, id);
    g_assert_cmpuint (changes.removed, ==, 0);
    g_assert_cmpuint (changes.added, ==, 1);
  }
  {
    g_autoptr(GPtrArray) runs = sl_experiment_dup_runs (experiment);

    g_assert_cmpuint (runs->len, ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view->run_names)), ==, 2);
  }
  assert_table_is_run (view, experiment, 2);
  gtk_drop_down_set_selected (view->beside_dropdown, 1);   /* "None", #1, #2 */
  sl_gui_test_drain ();
  g_assert_cmpuint (view->beside_run, ==, 1);
  g_assert_cmpuint (sl_results_table_get_n_rows (sl_experiments_view_get_results_table (view)), ==,
                    2 * sl_experiment_get_strategies (experiment)->len * counts->len);
  save_snapshot (GTK_WIDGET (window), "test-experiments-two-runs-window.png");

  /* Removed: the other one takes its place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.remove-run", NULL));
  sl_gui_test_drain ();
  assert_table_is_run (view, experiment, 1);

  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

/* Switching the header to 3.13 makes the tab, the chart's experiment and a
 * run all 3.13; the interpreter offered is a 3.13 one where there is one. */
static void
test_experiments_version_follows_the_header (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");
  g_autoptr(SlExperiment) shown = NULL;
  g_autoptr(GPtrArray) points = NULL;
  SlInterpreter *interp;

  g_assert_cmpstr (sl_experiments_view_get_version_text (view), ==, "Python 3.12");
  choose_header_version (window, "3.13");
  g_assert_cmpstr (sl_session_get_python (sl_window_get_session (window)), ==, "3.13");
  g_assert_cmpstr (sl_experiments_view_get_version_text (view), ==, "Python 3.13");
  g_assert_cmpstrv (sl_experiment_get_pythons (experiment), ((const char *[]) { "3.13", NULL }));
  shown = sl_experiments_view_dup_shown (view);
  g_assert_cmpstrv (sl_experiment_get_pythons (shown), ((const char *[]) { "3.13", NULL }));

  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  points = sl_experiment_dup_run_points (experiment, sl_experiment_get_last_run (experiment));
  g_assert_cmpuint (points->len, >, 0);
  for (guint i = 0; i < points->len; i++)
    g_assert_cmpstr (((SlResultPoint *) g_ptr_array_index (points, i))->python, ==, "3.13");
  save_snapshot (GTK_WIDGET (window), "test-experiments-3.13-window.png");

  if (sl_gui_test_wait_until (has_interpreter, view, 30000) &&
      (interp = sl_experiment_form_get_interpreter (view->form)) != NULL)
    {
      g_test_message ("3.13 interpreter: %s", sl_interpreter_get_path (interp));
      g_assert_true (sl_interpreter_is_version (interp, "3.13"));
      choose_header_version (window, "3.12");
      interp = sl_experiment_form_get_interpreter (view->form);
      if (interp != NULL)
        g_assert_true (sl_interpreter_is_version (interp, "3.12"));
    }
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

static SlExportDialog *
find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SL_IS_EXPORT_DIALOG (window))
        return SL_EXPORT_DIALOG (window);
    }
  return NULL;
}

static void
test_experiments_export_dialog_writes_files (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "test-experiments-export.png", NULL);
  g_autofree char *svg = g_test_build_filename (G_TEST_BUILT, "test-experiments-export.svg", NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_BUILT, "test-experiments-export.csv", NULL);
  g_autofree guchar *data = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  SlExportDialog *dialog;
  gsize length;

  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.export", NULL));
  sl_gui_test_drain ();
  dialog = find_export_dialog ();
  g_assert_nonnull (dialog);
  save_snapshot (GTK_WIDGET (dialog), "test-experiments-export-dialog.png");

  sl_export_dialog_set_format (dialog, SL_EXPORT_PNG);
  sl_export_dialog_set_size (dialog, 1000, 600, 144);
  g_assert_true (sl_export_dialog_export_to (dialog, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, (char **) &data, &length, NULL));
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, 1000);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, 600);

  sl_export_dialog_set_format (dialog, SL_EXPORT_SVG);
  g_assert_true (sl_export_dialog_export_to (dialog, svg, &error));
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<svg"));
  g_clear_pointer (&text, g_free);

  sl_export_dialog_set_format (dialog, SL_EXPORT_CSV);
  g_assert_true (sl_export_dialog_export_to (dialog, csv, &error));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "experiment,python,strategy,backend,metric,count,bytes\r\n"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

/* Children of this process, from /proc. */
static guint
count_children (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *text = NULL;
      const char *close;
      int ppid = 0;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      if ((close = strrchr (text, ')')) && sscanf (close + 2, "%*c %d", &ppid) == 1 && ppid == getpid ())
        n++;
    }
  return n;
}

static SlRunProgress *
find_progress_bar (GtkWidget *widget)
{
  if (SL_IS_RUN_PROGRESS (widget))
    return SL_RUN_PROGRESS (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      SlRunProgress *found = find_progress_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The run has reported progress: a point has been measured. */
static gboolean
has_a_point (gpointer view)
{
  SlRunProgress *bar = find_progress_bar (view);

  return bar != NULL && sl_run_progress_get_fraction (bar) > 0;
}

/* Starts a live run long enough to be interrupted; NULL (and the test
 * skipped) where no interpreter is found. */
static SlWindow *
start_long_live_run (SlExperimentsView **view,
                     SlExperiment      **experiment,
                     guint               wait_ms)
{
  SlWindow *window = open_on_experiments (view);
  const guint64 counts[] = { 1000, 3000000, 6000000 };

  *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                              "Example 17.3: bulk allocation");
  if (!sl_gui_test_wait_until (has_interpreter, *view, 30000))
    {
      g_test_skip ("no Python interpreter found");
      gtk_window_destroy (GTK_WINDOW (window));
      return NULL;
    }
  sl_experiment_set_backend (*experiment, SL_BACKEND_LIVE);
  sl_experiment_set_count_list (*experiment, counts, G_N_ELEMENTS (counts));
  gtk_widget_activate_action (GTK_WIDGET (*view), "experiments.run", NULL);
  g_assert_true (sl_experiments_view_is_running (*view));
  /* Until the first point is measured (1,000 instances): the run is then
   * under way in the interpreters, with millions still to come. */
  g_assert_true (sl_gui_test_wait_until (has_a_point, *view, MAX (wait_ms, 30000)));
  g_assert_true (sl_experiments_view_is_running (*view));
  return window;
}

/* Cancel after a complete run: the complete run is still the one shown
 * (table and chart), the partial one kept beside it, the bar back at 0. */
static void
test_experiments_cancel_keeps_partial_points (void)
{
  SlExperimentsView *view;
  SlExperiment *experiment;
  SlWindow *window = open_on_experiments (&view);
  const guint64 counts[] = { 1000, 3000000, 6000000 };
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) partial_points = NULL;

  experiment = sl_session_lookup_experiment (sl_window_get_session (window), "Example 17.3: bulk allocation");
  if (!sl_gui_test_wait_until (has_interpreter, view, 30000) || sl_experiment_form_get_interpreter (view->form) == NULL)
    {
      g_test_skip ("no Python 3.12 interpreter found");
      sl_session_set_modified (sl_window_get_session (window), FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  assert_table_is_run (view, experiment, 1);

  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  sl_experiment_set_count_list (experiment, counts, G_N_ELEMENTS (counts));
  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_experiments_view_is_running (view));
  /* During the run the table holds the run's points only: its plan, 4
   * strategies × 3 counts, pending, none measured yet. */
  g_assert_cmpuint (sl_results_table_get_n_rows (sl_experiments_view_get_results_table (view)), ==, 4 * 3);
  g_assert_cmpuint (sl_results_table_get_n_points (sl_experiments_view_get_results_table (view)), ==, 0);
  g_assert_true (sl_results_table_is_pending (sl_experiments_view_get_results_table (view), 0));
  g_assert_cmpstr (sl_results_table_get_cell (sl_experiments_view_get_results_table (view), 0,
                                              SL_RESULTS_COLUMN_BYTES), ==, "…");
  /* Cancelled once a point has come: a partial run to keep. */
  sl_gui_test_wait_until (has_points, sl_experiments_view_get_results_table (view), 30000);
  g_assert_true (sl_experiments_view_is_running (view));
  /* Rows, not the placeholder over an empty table; above them, the count. */
  g_assert_false (sl_gui_test_shows_text (GTK_WIDGET (sl_experiments_view_get_results_table (view)),
                                          "Waiting for the first point…"));
  g_assert_nonnull (strstr (gtk_inscription_get_text (view->points_label), "so far"));
  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.cancel", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  g_assert_cmpuint (count_children (), ==, 0);
  g_test_message ("status: %s", sl_experiments_view_get_status (view));
  g_assert_nonnull (strstr (sl_experiments_view_get_status (view), "cancelled"));

  runs = sl_experiment_dup_runs (experiment);
  g_assert_false (((SlRunInfo *) g_ptr_array_index (runs, 0))->partial);
  if (runs->len == 2)
    {
      g_assert_true (((SlRunInfo *) g_ptr_array_index (runs, 1))->partial);
      partial_points = sl_experiment_dup_run_points (experiment, 2);
      for (guint i = 0; i < partial_points->len; i++)
        g_assert_true (((SlResultPoint *) g_ptr_array_index (partial_points, i))->partial);
    }
  assert_table_is_run (view, experiment, 1);
  g_assert_cmpfloat (sl_experiments_view_get_progress (view), ==, 0.0);
  save_snapshot (GTK_WIDGET (window), "test-experiments-cancelled-window.png");
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

static gboolean
no_children (gpointer data)
{
  return count_children () == 0;
}

/* Closing the window while interpreters measure ends every one of them:
 * nothing keeps running, nothing is left half done. */
static void
test_experiments_closing_the_window_ends_the_run (void)
{
  SlExperimentsView *view;
  SlExperiment *experiment;
  SlWindow *window = start_long_live_run (&view, &experiment, 1500);

  if (window == NULL)
    return;
  g_assert_cmpuint (count_children (), >, 0);

  /* Unsaved changes would bring the prompt; this is about the run. */
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_close (GTK_WINDOW (window));

  g_assert_true (sl_gui_test_wait_until (no_children, NULL, 10000));
  g_assert_cmpuint (count_children (), ==, 0);
}

/* The processes `pid` started, from /proc: the children of each of its
 * threads (a live run's processes are started by a thread of their own,
 * engine/lab/sl-spawner.c). */
static GArray *
children_of (pid_t pid)
{
  g_autofree char *tasks = g_strdup_printf ("/proc/%d/task", (int) pid);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (pid_t));
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tasks, tid, "children", NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) words = NULL;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        continue;
      words = g_strsplit (g_strstrip (text), " ", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          {
            pid_t child = (pid_t) atoi (words[i]);

            g_array_append_val (pids, child);
          }
    }
  return pids;
}

/* A live run from the window leaves it every core it wants: its
 * interpreters (each under a warden this process started) run as
 * SCHED_IDLE at niceness 19 — at niceness 10 alone, one held a core for a
 * whole 4 ms tick while the window's frame waited (issue 13, seen with
 * perf sched in bench-frames). */
static void
test_experiments_live_run_yields_the_cpu (void)
{
  SlExperimentsView *view;
  SlExperiment *experiment;
  SlWindow *window = start_long_live_run (&view, &experiment, 1500);
  g_autoptr(GArray) wardens = NULL;
  guint n_interpreters = 0;

  if (window == NULL)
    return;
  wardens = children_of (getpid ());
  g_assert_cmpuint (wardens->len, >, 0);
  for (guint i = 0; i < wardens->len; i++)
    {
      g_autoptr(GArray) interpreters = children_of (g_array_index (wardens, pid_t, i));

      for (guint j = 0; j < interpreters->len; j++)
        {
          pid_t pid = g_array_index (interpreters, pid_t, j);

          g_assert_cmpint (sched_getscheduler (pid), ==, SCHED_IDLE);
          errno = 0;
          g_assert_cmpint (getpriority (PRIO_PROCESS, pid), ==, 19);
          g_assert_cmpint (errno, ==, 0);
          n_interpreters++;
        }
    }
  g_assert_cmpuint (n_interpreters, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.cancel", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  g_assert_true (sl_gui_test_wait_until (no_children, NULL, 10000));
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

static gboolean
says_waiting_for_cpu (gpointer data)
{
  const char *text = sl_run_progress_get_text (SL_RUN_PROGRESS (data));

  return text != NULL && strstr (text, "waiting while other programs use the processors") != NULL;
}

/* A run that crawls because other programs have the processors says so
 * beside its progress, and so does Run on Every Interpreter: pinned to
 * one CPU beside a process that spins there, the runs' SCHED_IDLE
 * interpreters get almost nothing of it. */
static void
test_experiments_starved_run_says_why (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlExperiment *experiment = sl_session_lookup_experiment (sl_window_get_session (window),
                                                           "Example 17.3: bulk allocation");
  pid_t spinner;

  if (!sl_gui_test_wait_until (has_interpreter, view, 30000))
    {
      g_test_skip ("no Python interpreter found");
      sl_gui_test_close_window (window);
      return;
    }
  if ((spinner = sl_test_spinner_start ()) < 0)
    {
      g_test_skip ("cannot pin this thread to one CPU");
      sl_gui_test_close_window (window);
      return;
    }

  sl_experiment_set_backend (experiment, SL_BACKEND_LIVE);
  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run", NULL);
  g_assert_true (sl_gui_test_wait_until (says_waiting_for_cpu, view->progress_bar, 20000));
  /* No point yet, and the view says what it waits for, not "press Run". */
  g_assert_cmpuint (sl_results_table_get_n_points (sl_experiments_view_get_results_table (view)), ==, 0);
  g_assert_true (sl_gui_test_shows_text (GTK_WIDGET (view), "Waiting for the first point…"));
  g_assert_null (strstr (gtk_inscription_get_text (view->points_label), "press Run"));

  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.cancel", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));

  /* Run on Every Interpreter says it as well, beside its count of runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "experiments.run-everywhere", NULL));
  g_assert_true (sl_gui_test_wait_until (says_waiting_for_cpu, view->progress_bar, 60000));
  g_assert_nonnull (strstr (sl_run_progress_get_text (view->progress_bar), "interpreters done"));
  gtk_widget_activate_action (GTK_WIDGET (view), "experiments.cancel", NULL);
  g_assert_true (sl_gui_test_wait_until (not_running, view, 10000));
  sl_test_spinner_stop (spinner);
  g_assert_true (sl_gui_test_wait_until (no_children, NULL, 10000));
  sl_session_set_modified (sl_window_get_session (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_gui_test_drain ();
}

/* The list's + and − are edits of the document (sl_document_add_experiment()
 * and _remove_experiment()): each one named step, undone at once. */
static void
test_experiments_add_and_remove_are_undoable (void)
{
  SlExperimentsView *view = NULL;
  SlWindow *window = open_on_experiments (&view);
  SlDocument *document = sl_window_get_document (window);
  GListModel *experiments = sl_session_get_experiments (sl_window_get_session (window));
  guint n = g_list_model_get_n_items (experiments);
  g_autofree char *added = g_strdup_printf ("Add experiment “Experiment %u”", n + 1);
  g_autofree char *removed = g_strdup_printf ("Remove experiment “Experiment %u”", n + 1);

  g_signal_emit_by_name (view->add_button, "clicked");
  sl_gui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, n + 1);
  g_assert_cmpstr (sl_document_get_undo_label (document), ==, added);

  sl_experiments_view_select (view, n);
  sl_gui_test_drain ();
  g_signal_emit_by_name (view->remove_button, "clicked");
  sl_gui_test_drain ();
  g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, n);
  g_assert_cmpstr (sl_document_get_undo_label (document), ==, removed);

  g_assert_true (sl_document_undo (document, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, n + 1);
  g_assert_true (sl_document_undo (document, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (experiments), ==, n);
  sl_gui_test_close_window (window);
}

/* A chart told of a change that changed nothing keeps its picture: no
 * render on a worker and no repaint (issue 13: at Run, the experiment's
 * empty results were cleared again, and the whole chart was redrawn in
 * the run's first frame).  A real change still draws. */
static void
test_experiments_unchanged_chart_is_not_redrawn (void)
{
  SlExperimentsView *view = NULL;
  SlWindow *window = open_on_experiments (&view);
  SlChart *chart = sl_chart_view_get_chart (view->chart_view);
  g_autoptr(SlExperiment) same = NULL;
  g_autoptr(SlChain) same_chain = NULL;
  g_autofree char *python = NULL;
  SlResultPoint point = { (char *) "3.12", SL_STRATEGY_SLOTS, SL_BACKEND_LIVE, SL_METRIC_TRACED,
                          1000, 56000, FALSE, NULL, 0 };

  g_assert_true (sl_gui_test_wait_until (charts_current, view, 10000));
  same = sl_experiment_copy (sl_chart_get_experiment (chart));
  same_chain = sl_chain_copy (sl_chart_get_chain (chart));
  python = g_strdup (sl_chart_get_fallback_python (chart));

  /* Equal copies, as the view makes them at every refresh. */
  sl_chart_set_experiment (chart, same, same_chain, python);
  sl_chart_view_queue_draw (view->chart_view);
  g_assert_true (sl_chart_view_is_current (view->chart_view));
  sl_experiments_view_select (view, 0);
  g_assert_true (sl_chart_view_is_current (view->chart_view));

  sl_chart_add_extra_point (chart, &point);
  sl_chart_view_queue_draw (view->chart_view);
  g_assert_false (sl_chart_view_is_current (view->chart_view));
  g_assert_true (sl_gui_test_wait_until (charts_current, view, 10000));

  sl_chart_set_linear (chart, !sl_chart_get_linear (chart));
  sl_chart_view_queue_draw (view->chart_view);
  g_assert_false (sl_chart_view_is_current (view->chart_view));
  g_assert_true (sl_gui_test_wait_until (charts_current, view, 10000));
  sl_gui_test_close_window (window);
}

/* The phase of the spin button's own wheel controller: GTK_PHASE_NONE
 * lets the wheel go on to the scrolled form. */
static GtkPropagationPhase
wheel_phase (GtkWidget *spin)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (spin);
  GtkPropagationPhase phase = GTK_PHASE_NONE;
  guint n_wheels = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        {
          phase = gtk_event_controller_get_propagation_phase (controller);
          n_wheels++;
        }
    }
  g_assert_cmpuint (n_wheels, ==, 1);
  return phase;
}

/* Scrolling the form over From, To or Points scrolls the form: the wheel
 * changes a count only once the user has clicked or tabbed into it (seen
 * under Xvfb with xdotool: before, scrolling to "Where it runs" turned
 * From's 1000 into 999). */
static void
test_experiments_wheel_scrolls_the_form (void)
{
  SlExperimentsView *view = NULL;
  SlWindow *window = open_on_experiments (&view);
  GtkWidget *spin = first_of_type (GTK_WIDGET (view->form), GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);
  g_assert_cmpint (wheel_phase (spin), ==, GTK_PHASE_NONE);
  g_assert_true (gtk_widget_grab_focus (spin));
  sl_gui_test_drain ();
  g_assert_cmpint (wheel_phase (spin), ==, GTK_PHASE_BUBBLE);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  sl_gui_test_drain ();
  g_assert_cmpint (wheel_phase (spin), ==, GTK_PHASE_NONE);
  sl_gui_test_close_window (window);
}

static gboolean
is_combo_row_titled (GtkWidget *widget,
                     gpointer   title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The Class row lists the chain's classes and follows a rename, but a
 * change of the experiment that leaves the classes alone (a finished
 * run's points, the metric) does not build the list again: that rebuilt
 * every row of the drop-down in the frame that ends a run (issue 13). */
static void
test_experiments_class_list_is_rebuilt_only_when_it_changes (void)
{
  SlExperimentsView *view;
  SlWindow *window = open_on_experiments (&view);
  SlSession *session = sl_window_get_session (window);
  SlChain *chain = sl_session_get_chain (session);
  SlExperiment *experiment = sl_session_lookup_experiment (session, "Example 17.3: bulk allocation");
  AdwComboRow *class_row = ADW_COMBO_ROW (sl_gui_test_find_widget (GTK_WIDGET (view->form),
                                                                    is_combo_row_titled, "Class"));
  GListModel *names;
  ListChanges changes = { 0 };

  g_assert_nonnull (experiment);
  g_assert_nonnull (class_row);
  names = adw_combo_row_get_model (class_row);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, sl_chain_get_n_classes (chain));
  for (guint i = 0; i < sl_chain_get_n_classes (chain); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), i), ==,
                     sl_class_get_name (sl_chain_get_class (chain, i)));
  g_signal_connect (names, "items-changed", G_CALLBACK (count_list_changes), &changes);

  sl_experiment_set_metric (experiment, sl_experiment_get_metric (experiment) == SL_METRIC_TRACED
                                        ? SL_METRIC_GETSIZEOF : SL_METRIC_TRACED);
  sl_gui_test_drain ();
  g_assert_cmpuint (changes.calls, ==, 0);

  g_assert_true (sl_document_rename_class (sl_window_get_document (window), 0, "PointRenamed", NULL));
  sl_gui_test_drain ();
  g_assert_cmpuint (changes.calls, >, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "PointRenamed");

  g_signal_handlers_disconnect_by_func (names, count_list_changes, &changes);
  sl_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  app = sl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/experiments/model-run-fills-chart-and-table", test_experiments_model_run);
  g_test_add_func ("/experiments/run-takes-focus-out-of-the-form", test_experiments_run_takes_focus_out_of_the_form);
  g_test_add_func ("/experiments/live-run-streams-to-the-end", test_experiments_live_run);
  g_test_add_func ("/experiments/run-on-every-interpreter", test_experiments_run_on_every_interpreter);
  g_test_add_func ("/experiments/cancel-keeps-partial-points", test_experiments_cancel_keeps_partial_points);
  g_test_add_func ("/experiments/closing-the-window-ends-the-run", test_experiments_closing_the_window_ends_the_run);
  g_test_add_func ("/experiments/export-dialog-writes-png-svg-csv", test_experiments_export_dialog_writes_files);
  g_test_add_func ("/experiments/table-is-the-run-sorted-and-runs-are-kept", test_experiments_table_is_the_run_sorted);
  g_test_add_func ("/experiments/version-follows-the-header", test_experiments_version_follows_the_header);
  g_test_add_func ("/experiments/add-and-remove-are-undoable", test_experiments_add_and_remove_are_undoable);
  g_test_add_func ("/experiments/unchanged-chart-is-not-redrawn", test_experiments_unchanged_chart_is_not_redrawn);
  g_test_add_func ("/experiments/wheel-scrolls-the-form", test_experiments_wheel_scrolls_the_form);
  g_test_add_func ("/experiments/class-list-is-rebuilt-only-when-it-changes",
                   test_experiments_class_list_is_rebuilt_only_when_it_changes);
  g_test_add_func ("/experiments/live-run-yields-the-cpu", test_experiments_live_run_yields_the_cpu);
  g_test_add_func ("/experiments/starved-run-says-why", test_experiments_starved_run_says_why);
  status = g_test_run ();
  g_object_unref (app);
  return status;
}
