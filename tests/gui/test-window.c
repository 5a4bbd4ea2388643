/* test-window.c: the window, driven through its widgets and actions. */

#include <signal.h>

#include <adwaita.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gui-helpers.h"
#include "sl-application.h"
#include "sl-class-form-private.h"
#include "sl-class-row.h"
#include "sl-compare-view.h"
#include "sl-chart-view.h"
#include "sl-costs-view.h"
#include "sl-demo-view.h"
#include "sl-document.h"
#include "sl-format.h"
#include "sl-layout.h"
#include "sl-python-source.h"
#include "sl-strategy.h"
#include "sl-window-private.h"

static SlApplication *app;
static const char *test_program;   /* argv[0], for the crash child */

static SlWindow *
open_window (void)
{
  return sl_gui_test_open_window (app, NULL, 0, 0);
}

/* ---------------------------------------------------------------------- */
/* Helpers: the tests wait on conditions, never on the clock               */

static gboolean
not_busy (gpointer data)
{
  return sl_window_get_busy (data) == 0;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (data, NULL);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
dismiss_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      sl_gui_test_drain ();
    }
}

static char *
expected_cost (SlChain    *chain,
               const char *name,
               SlProfile  *profile,
               SlStrategy  strategy,
               SlMetric    metric)
{
  g_autoptr(SlChain) variant = sl_strategy_apply (chain, name, strategy);
  g_autoptr(SlLayout) layout = sl_layout_compute (variant, name, profile, NULL);
  double value;

  g_assert_nonnull (layout);
  if (sl_layout_get_error (layout) != NULL)
    return g_strdup (sl_layout_get_error (layout));
  value = sl_layout_get_per_instance (layout, metric);
  return sl_format_bytes (isnan (value) ? -1 : value);
}

static void
assert_costs_match_engine (SlWindow   *window,
                           const char *name)
{
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  SlProfile *profile = sl_window_get_profile (window);

  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    for (guint m = 0; m < SL_N_METRICS; m++)
      {
        g_autofree char *expected = expected_cost (chain, name, profile, s, m);

        g_assert_cmpstr (sl_costs_view_get_cell (sl_window_get_costs_view (window), s, m), ==, expected);
      }
}

/* ---------------------------------------------------------------------- */
/* Tests                                                                  */

static void
test_window_opens_on_lecture_17 (void)
{
  SlWindow *window = open_window ();
  g_autoptr(SlSession) lecture = sl_session_new_lecture_17 ();
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  const char *pitfall;

  g_assert_true (sl_session_equal (sl_window_get_session (window), lecture));
  g_assert_false (sl_session_get_modified (sl_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Slot Lab — Lecture 17");
  g_assert_nonnull (gtk_list_box_get_row_at_index (window->class_list,
                                                   sl_chain_get_n_classes (chain) - 1));
  g_assert_null (gtk_list_box_get_row_at_index (window->class_list, sl_chain_get_n_classes (chain)));
  g_assert_cmpint (sl_window_get_selected (window), ==, 0);
  g_assert_cmpstr (sl_profile_get_id (sl_window_get_profile (window)), ==, "3.12");

  /* Slide 7's pitfall is in the Lecture 17 chain. */
  pitfall = sl_window_get_pitfall_text (window);
  g_assert_nonnull (pitfall);
  g_assert_true (g_str_has_prefix (pitfall, "SensorRecordNoSlots has no __slots__"));

  /* The byte map of the selected class, from the engine. */
  g_assert_nonnull (sl_byte_map_get_layout (window->byte_map));
  g_assert_cmpstr (sl_layout_get_class_name (sl_byte_map_get_layout (window->byte_map)), ==,
                   "PointWithDict");

  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-layout.png");

  /* Dark mode: the byte map follows the style manager. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  sl_window_select_class (window, sl_chain_index_of (chain, "RecordMixed"));
  sl_window_refresh_now (window);
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  sl_gui_test_close_window (window);
}

static void
test_window_byte_map_tooltip (void)
{
  SlWindow *window = open_window ();
  SlLayout *layout;
  const SlField *fields;
  guint n_fields;
  g_autofree char *tooltip = NULL;
  int index = sl_chain_index_of (sl_session_get_chain (sl_window_get_session (window)),
                                 "SensorRecord");

  sl_window_select_class (window, index);
  sl_window_refresh_now (window);
  sl_gui_test_drain ();
  layout = sl_byte_map_get_layout (window->byte_map);
  fields = sl_layout_get_fields (layout, &n_fields);
  g_assert_cmpuint (n_fields, >, 0);

  /* The first cell: the tooltip at its middle names its field. */
  {
    graphene_rect_t cell;

    g_assert_true (sl_byte_map_get_area (window->byte_map, 0, &cell));
    tooltip = sl_byte_map_dup_tooltip_at (window->byte_map, cell.origin.x + cell.size.width / 2,
                                          cell.origin.y + cell.size.height / 2);
  }
  g_test_message ("tooltip: %s", tooltip);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, fields[0].name));
  if (fields[0].purpose)
    {
      g_autofree char *escaped = g_markup_escape_text (fields[0].purpose, -1);
      g_assert_nonnull (strstr (tooltip, escaped));
    }
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-byte-map.png");

  /* The same picture for lecture notes, as the menu's Export Byte Map… writes it. */
  {
    g_autofree char *name = sl_byte_map_dup_export_name (window->byte_map);
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "test-window-byte-map-export.pdf", NULL);
    g_autofree char *data = NULL;
    g_autoptr(GError) error = NULL;
    gsize length;

    g_assert_cmpstr (name, ==, "SensorRecord-3.12-byte-map.svg");
    g_assert_true (sl_byte_map_export (window->byte_map, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &data, &length, NULL));
    g_assert_true (g_str_has_prefix (data, "%PDF-"));
  }
  sl_gui_test_close_window (window);
}

/* Selects a class and a version the way the header's drop-down does. */
static void
show_class_on (SlWindow   *window,
               const char *class_name,
               const char *version)
{
  GPtrArray *profiles = sl_profile_list ();

  for (guint i = 0; i < profiles->len; i++)
    if (g_strcmp0 (sl_profile_get_id (g_ptr_array_index (profiles, i)), version) == 0)
      gtk_drop_down_set_selected (window->python_dropdown, i);
  sl_window_select_class (window, sl_chain_index_of (sl_session_get_chain (sl_window_get_session (window)),
                                                     class_name));
  sl_window_refresh_now (window);
  sl_gui_test_drain ();
  g_assert_cmpstr (sl_profile_get_id (sl_window_get_profile (window)), ==, version);
}

/* Slide 7 on 3.13: the Costs tab says why 408 B, and copies as text. */
static void
test_window_costs_why_and_copy (void)
{
  SlWindow *window = open_window ();
  g_autofree char *text = NULL;

  show_class_on (window, "SensorRecordNoSlots", "3.13");
  adw_view_stack_set_visible_child_name (window->view_stack, "costs");
  text = sl_costs_view_dup_text (sl_window_get_costs_view (window));
  g_test_message ("%s", text);
  /* PRODUCT.md: 408 bytes on 3.13.0, 3.13.15 and 3.13.18 (issue 135385). */
  g_assert_true (g_str_has_prefix (text, "What one SensorRecordNoSlots costs on CPython 3.13\n"));
  g_assert_nonnull (strstr (text, "As declared             \t368 B\t408 B"));
  g_assert_nonnull (strstr (text, "CPython issue 135385"));
  /* Slide 5, checked against every CPython by tests/test-explain.c. */
  g_assert_nonnull (strstr (text, "\n3.8–3.15\tTrue\tworks: stored in the instance's __dict__\n"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sl_window_get_costs_view (window)), "costs.copy", NULL));
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-costs-why.png");
  show_class_on (window, "PointWithSlots", "3.13");
  g_free (text);
  text = sl_costs_view_dup_text (sl_window_get_costs_view (window));
  g_assert_nonnull (strstr (text, "\n3.8–3.12\tFalse\tAttributeError: 'PointWithSlots' object has no attribute "
                                  "'undeclared'\n"));
  g_assert_nonnull (strstr (text, "\n3.13–3.15\tFalse\tAttributeError: 'PointWithSlots' object has no attribute "
                                  "'undeclared' and no __dict__ for setting new attributes\n"));
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-costs-slide-5.png");
  sl_gui_test_close_window (window);
}

/* "880,003,792 bytes" → 880003792 */
static gint64
exact_bytes (SlDecisionCard   *card,
             SlStrategy        strategy,
             SlDecisionColumn  column)
{
  const char *text = sl_decision_card_get_exact (card, strategy, column);
  GString *digits = g_string_new (NULL);
  gboolean negative = g_str_has_prefix (text, "−");
  gint64 value;

  for (const char *p = text; *p && *p != ' '; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  g_assert_cmpuint (digits->len, >, 0);
  value = g_ascii_strtoll (digits->str, NULL, 10);
  g_string_free (digits, TRUE);
  return negative ? -value : value;
}

/* The decision card: N × per instance + the fixed part, for any N up to
 * 10^12.  Per instance from shared/oracle/results/public-3.12.1.jsonl
 * (traced_per_instance of seed_17_1_point_dict, 88.0032, and
 * seed_17_1_point_slots, 56.0): PointWithDict and PointWithSlots. */
/* Whether every widget under `widget` that is shown ends left of `right`
 * (in `window`'s coordinates): at 1280 px the Costs tab was cut off on the
 * right ("tra…" for traced, the decision card's last column).  A table in
 * a scroller of its own (not the first, the view's) may be wider: it
 * scrolls, with a bar. */
static gboolean
all_inside (GtkWidget *widget,
            GtkWidget *window,
            double     right,
            gboolean  *seen_scroller)
{
  graphene_rect_t bounds;

  /* A scroller's own bar sits at its edge by design. */
  if (!gtk_widget_get_mapped (widget) || GTK_IS_SCROLLBAR (widget))
    return TRUE;
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      if (*seen_scroller)
        return gtk_widget_compute_bounds (widget, window, &bounds) &&
               bounds.origin.x + bounds.size.width <= right + 0.5;
      *seen_scroller = TRUE;
    }
  if (gtk_widget_compute_bounds (widget, window, &bounds) &&
      bounds.origin.x + bounds.size.width > right + 0.5)
    {
      g_test_message ("%s (%s) ends at %.0f, beyond %.0f", G_OBJECT_TYPE_NAME (widget),
                      GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "",
                      bounds.origin.x + bounds.size.width, right);
      return FALSE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (!all_inside (child, window, right, seen_scroller))
      return FALSE;
  return TRUE;
}

static void
test_window_costs_fit_1280 (void)
{
  SlWindow *window = sl_gui_test_open_window (app, NULL, 1280, 800);
  GtkWidget *costs = GTK_WIDGET (sl_window_get_costs_view (window));
  graphene_rect_t view;
  gboolean seen_scroller = FALSE;

  show_class_on (window, "PointWithDict", "3.12");
  adw_view_stack_set_visible_child_name (window->view_stack, "costs");
  sl_gui_test_drain ();
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-costs-1280.png");
  sl_gui_test_save_snapshot (GTK_WIDGET (sl_costs_view_get_decision_card (sl_window_get_costs_view (window))),
                             "test-window-costs-1280-card.png");
  g_assert_true (gtk_widget_compute_bounds (costs, GTK_WIDGET (window), &view));
  /* Nothing of the table or the card beyond the view's right edge. */
  g_assert_true (all_inside (costs, GTK_WIDGET (window), view.origin.x + view.size.width, &seen_scroller));
  sl_gui_test_close_window (window);
}

static void
test_window_costs_decision_card (void)
{
  SlWindow *window = open_window ();
  SlDecisionCard *card = sl_costs_view_get_decision_card (sl_window_get_costs_view (window));
  const gint64 per_dict = 88, per_slots = 56;
  const gint64 n1 = 10000000, n2 = 20000000, n3 = G_GINT64_CONSTANT (1000000000000);
  gint64 total1, total2, total3, fixed, sum = 0;

  show_class_on (window, "PointWithDict", "3.12");
  adw_view_stack_set_visible_child_name (window->view_stack, "costs");
  sl_decision_card_set_count (card, n1);
  sl_gui_test_drain ();
  g_assert_cmpuint (sl_decision_card_get_count (card), ==, n1);
  total1 = exact_bytes (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_TOTAL);
  g_assert_cmpstr (sl_decision_card_get_text (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_TOTAL), ==, "880.0\u00a0MB");
  sl_decision_card_set_count (card, n2);
  sl_gui_test_drain ();
  total2 = exact_bytes (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_TOTAL);
  /* Ten million more instances: exactly ten million × 88 bytes more. */
  g_assert_cmpint (total2 - total1, ==, (n2 - n1) * per_dict);
  /* What is left is the fixed part, the same at every N (shared keys:
   * about 2.9 kB in the oracle's traced_fixed, given for reference). */
  fixed = total1 - n1 * per_dict;
  g_assert_cmpint (fixed, >, 0);
  g_assert_cmpint (fixed, <, 8192);
  g_assert_cmpint (exact_bytes (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_FIXED), ==, fixed);
  sl_decision_card_set_count (card, n3);
  sl_gui_test_drain ();
  total3 = exact_bytes (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_TOTAL);
  g_assert_cmpint (total3, ==, n3 * per_dict + fixed);
  g_assert_cmpstr (sl_decision_card_get_text (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_TOTAL), ==, "88.0\u00a0TB");
  /* The break-down adds up to the whole. */
  for (SlDecisionColumn c = SL_DECISION_INSTANCES; c <= SL_DECISION_FIXED; c++)
    sum += exact_bytes (card, SL_STRATEGY_AS_DECLARED, c);
  g_assert_cmpint (sum, ==, total3);
  /* __slots__: 56 bytes each and no shared keys; what it saves is the
   * difference, as a share of the whole. */
  g_assert_cmpint (exact_bytes (card, SL_STRATEGY_SLOTS, SL_DECISION_TOTAL), ==, n3 * per_slots);
  g_assert_cmpint (exact_bytes (card, SL_STRATEGY_SLOTS, SL_DECISION_SAVING), ==, n3 * (per_dict - per_slots) + fixed);
  g_assert_nonnull (strstr (sl_decision_card_get_text (card, SL_STRATEGY_SLOTS, SL_DECISION_SAVING), "(36.4 %)"));
  g_assert_true (g_str_has_prefix (sl_decision_card_get_verdict (card), "__slots__ saves 32.0\u00a0TB"));
  /* The allocator keeps more than is asked for. */
  g_assert_cmpint (exact_bytes (card, SL_STRATEGY_AS_DECLARED, SL_DECISION_RESIDENT), >, total3);
  sl_decision_card_set_count (card, n1);
  sl_gui_test_drain ();
  /* Copy takes the card along, with the exact bytes. */
  {
    g_autofree char *text = sl_costs_view_dup_text (sl_window_get_costs_view (window));

    g_assert_nonnull (strstr (text, "10,000,000 × PointWithDict on CPython 3.12: slots or not?"));
    g_assert_nonnull (strstr (text, "880,003,792 bytes") ? text : NULL);
  }
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-costs-decision-card.png");
  sl_gui_test_close_window (window);
}

static SlCompareView *
find_compare_view (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SL_IS_COMPARE_VIEW (window))
        return SL_COMPARE_VIEW (window);
    }
  return NULL;
}

/* "It depends on your Python": slide 7's class on 3.12 beside 3.13. */
static void
test_window_compare_versions (void)
{
  SlWindow *window = open_window ();
  SlCompareView *compare;
  g_auto(GStrv) changes = NULL;

  show_class_on (window, "SensorRecordNoSlots", "3.12");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-versions", NULL));
  sl_gui_test_drain ();
  compare = find_compare_view ();
  g_assert_nonnull (compare);
  changes = sl_compare_view_dup_changes (compare);
  g_assert_cmpstr (changes[0], ==, "traced per instance: 104 B → 408 B (+304 B)");
  g_assert_cmpstr (sl_compare_view_get_cell (compare, SL_STRATEGY_AS_DECLARED, 0), ==, "104 B");
  g_assert_cmpstr (sl_compare_view_get_cell (compare, SL_STRATEGY_AS_DECLARED, 1), ==, "408 B");
  /* __slots__ costs the same on both: 72 B (PRODUCT.md's seed vectors). */
  g_assert_cmpstr (sl_compare_view_get_cell (compare, SL_STRATEGY_SLOTS, 0), ==, "72 B");
  g_assert_cmpstr (sl_compare_view_get_cell (compare, SL_STRATEGY_SLOTS, 1), ==, "72 B");
  sl_gui_test_save_snapshot (GTK_WIDGET (compare), "test-window-compare-3.12-3.13.png");
  sl_compare_view_set_versions (compare, "3.13", "3.14");
  g_strfreev (changes);
  changes = sl_compare_view_dup_changes (compare);
  g_assert_cmpstr (changes[0], ==, "traced per instance: 408 B → 112 B (-296 B)");
  gtk_window_destroy (GTK_WINDOW (compare));
  sl_gui_test_close_window (window);
}

/* What the Experiments tab's chart draws: its title and legend, and the
 * same words for a screen reader.  Example 17.3 on 3.12: 88 bytes per
 * RecordDict as declared, as __dict__ only and with '__dict__' in its
 * slots, 56 with __slots__ (PRODUCT.md). */
static void
test_window_chart_says_what_it_draws (void)
{
  SlWindow *window = open_window ();
  SlChartView *view;
  SlChart *chart;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_auto(GStrv) legend = NULL;

  adw_view_stack_set_visible_child_name (window->view_stack, "experiments");
  sl_experiments_view_select (sl_window_get_experiments_view (window), 0);
  sl_gui_test_drain ();
  view = SL_CHART_VIEW (sl_experiments_view_get_chart_view (sl_window_get_experiments_view (window)));
  chart = sl_chart_view_get_chart (view);
  title = sl_chart_dup_title (chart);
  subtitle = sl_chart_dup_subtitle (chart);
  legend = sl_chart_dup_legend (chart);
  g_assert_cmpstr (title, ==, "Example 17.3: bulk allocation");
  g_assert_nonnull (strstr (subtitle, "CPython 3.12"));
  g_assert_cmpuint (g_strv_length (legend), ==, 2);
  g_assert_cmpstr (legend[0], ==, "As declared = __dict__ only = __slots__ + '__dict__', 88 B each");
  g_assert_cmpstr (legend[1], ==, "__slots__, 56 B each");
  /* Linear axes by default: the view name a lecturer exports. */
  {
    g_autofree char *name = sl_chart_dup_export_name (chart, "svg");

    g_assert_cmpstr (name, ==, "example-17.3-bulk-allocation-memory.svg");
  }
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-experiments-chart.png");
  sl_gui_test_close_window (window);
}

static void
test_window_edit_class_updates_costs (void)
{
  SlWindow *window = open_window ();
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  int index = sl_chain_index_of (chain, "SensorRecordNoSlots");
  SlClass *klass;
  const char * const slots[] = { "sensorId", "value", "unit", NULL };

  g_assert_cmpint (index, >=, 0);
  sl_window_select_class (window, index);
  adw_view_stack_set_visible_child_name (window->view_stack, "costs");
  sl_window_refresh_now (window);
  assert_costs_match_engine (window, "SensorRecordNoSlots");
  g_assert_true (sl_window_get_pitfall_shown (window));

  /* The banner states the engine's difference, as-declared against slots. */
  {
    g_autoptr(SlChain) slotted = sl_strategy_apply (chain, "SensorRecordNoSlots", SL_STRATEGY_SLOTS);
    g_autoptr(SlLayout) a = sl_layout_compute (chain, "SensorRecordNoSlots", sl_window_get_profile (window), NULL);
    g_autoptr(SlLayout) b = sl_layout_compute (slotted, "SensorRecordNoSlots", sl_window_get_profile (window), NULL);
    g_autofree char *extra = sl_format_bytes (sl_layout_get_per_instance (a, SL_METRIC_TRACED)
                                              - sl_layout_get_per_instance (b, SL_METRIC_TRACED));
    /* RecordMixed's '__dict__' nobody asked for is the other pitfall. */
    g_autofree char *text = g_strdup_printf ("SensorRecordNoSlots has no __slots__: every instance "
                                             "carries a __dict__, +%s per instance on 3.12 (and 1 more class)",
                                             extra);
    g_assert_cmpstr (sl_window_get_pitfall_text (window), ==, text);
  }
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-costs-before.png");

  /* __slots__ = ('sensorId', 'value', 'unit'), through the form. */
  adw_combo_row_set_selected (sl_class_form_get_storage_row (window->class_form), SL_STORAGE_SLOTS);
  gtk_editable_set_text (sl_class_form_get_slots_editable (window->class_form),
                         "sensorId, value, unit");
  sl_gui_test_drain ();
  sl_window_refresh_now (window);

  klass = sl_chain_get_class (chain, index);
  g_assert_true (sl_class_has_slots (klass));
  g_assert_true (g_strv_equal (sl_class_get_slots (klass), slots));
  g_assert_true (sl_session_get_modified (sl_window_get_session (window)));
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_null (sl_class_form_get_message (window->class_form));

  assert_costs_match_engine (window, "SensorRecordNoSlots");
  /* Slide 7's pitfall is gone; left is RecordMixed (Example 17.3): x, y, z
   * all have slots, so its '__dict__' holds nothing.  It costs 32 bytes per
   * instance on 3.12: 88 traced against 56 without '__dict__' (measured
   * with ~/.pyenv/versions/3.12.1/bin/python3, 20,000 instances between N
   * and 2N, as shared/oracle/measure.py measures). */
  g_assert_true (sl_window_get_pitfall_shown (window));
  g_assert_cmpstr (sl_window_get_pitfall_text (window), ==,
                   "RecordMixed lists '__dict__' in __slots__ though every attribute __init__ stores has a slot: "
                   "a '__dict__' nobody asked for, +32 B per instance on 3.12");
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-costs.png");
  sl_gui_test_close_window (window);
}

static void
test_window_form_refuses_bad_name (void)
{
  SlWindow *window = open_window ();
  SlSession *session = sl_window_get_session (window);
  g_autoptr(SlSession) before = sl_session_new_lecture_17 ();
  const char *message;

  sl_window_select_class (window, 1);
  gtk_editable_set_text (sl_class_form_get_name_editable (window->class_form), "class");
  sl_gui_test_drain ();
  message = sl_class_form_get_message (window->class_form);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "keyword"));
  g_assert_true (sl_session_equal (session, before));

  /* Renaming carries over to the classes that name it as a base. */
  sl_window_select_class (window, sl_chain_index_of (sl_session_get_chain (session), "BaseRecord"));
  gtk_editable_set_text (sl_class_form_get_name_editable (window->class_form), "Record");
  sl_gui_test_drain ();
  g_assert_null (sl_class_form_get_message (window->class_form));
  g_assert_cmpstr (sl_class_get_bases (sl_chain_lookup (sl_session_get_chain (session), "SensorRecord"))[0],
                   ==, "Record");
  sl_gui_test_close_window (window);
}

static void
test_window_form_shows_cpython_error (void)
{
  SlWindow *window = open_window ();
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  int index = sl_chain_index_of (chain, "SensorRecord");
  const char * const bases[] = { "PointWithSlots", "BaseRecord", NULL };
  g_autoptr(SlLayout) layout = NULL;

  sl_window_select_class (window, index);
  sl_class_set_bases (sl_chain_get_class (chain, index), bases);
  sl_gui_test_drain ();
  sl_window_refresh_now (window);

  layout = sl_layout_compute (chain, "SensorRecord", sl_window_get_profile (window), NULL);
  g_assert_nonnull (sl_layout_get_error (layout));
  g_assert_cmpstr (sl_class_form_get_message (window->class_form), ==, sl_layout_get_error (layout));
  g_assert_cmpstr (sl_costs_view_get_cell (sl_window_get_costs_view (window), SL_STRATEGY_AS_DECLARED, SL_METRIC_TRACED),
                   ==, sl_layout_get_error (layout));
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-cpython-error.png");
  sl_gui_test_close_window (window);
}

static void
test_window_save_open_round_trip (void)
{
  SlWindow *window = open_window ();
  g_autoptr(SlSession) saved = g_object_ref (sl_window_get_session (window));
  g_autofree char *dir = g_dir_make_tmp ("slotlab-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "round-trip.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  sl_session_set_title (saved, "Round trip");
  sl_session_set_notes (saved, "Notes — with “quotes” and\nnew lines.");
  sl_window_save_async (window, file, NULL, NULL);
  g_assert_true (sl_gui_test_wait_until (not_busy, window, 10000));
  g_assert_false (sl_session_get_modified (saved));
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_true (g_file_equal (sl_window_get_file (window), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Slot Lab — Round trip");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL);
  sl_gui_test_drain ();
  g_assert_true (sl_window_get_session (window) != saved);

  sl_window_open_file (window, file);
  g_assert_true (sl_gui_test_wait_until (not_busy, window, 10000));
  sl_gui_test_drain ();
  g_assert_true (sl_window_get_session (window) != saved);
  g_assert_true (sl_session_equal (sl_window_get_session (window), saved));
  g_assert_false (sl_session_get_modified (sl_window_get_session (window)));
  g_assert_null (find_message_dialog ());

  adw_view_stack_set_visible_child_name (window->view_stack, "session");
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-session.png");
  sl_gui_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Saving over a read-only file: refused with the writer's sentence, Save
 * As offered, the work still unsaved. */
static void
test_window_read_only_offers_save_as (void)
{
  SlWindow *window = open_window ();
  g_autofree char *dir = g_dir_make_tmp ("slotlab-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "read-only.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  sl_window_save_async (window, file, NULL, NULL);
  g_assert_true (sl_gui_test_wait_until (not_busy, window, 10000));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  sl_session_set_title (sl_window_get_session (window), "Edited after");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  g_assert_true (sl_gui_test_wait_until (not_busy, window, 10000));
  g_assert_true (sl_gui_test_wait_until (has_message_dialog, NULL, 5000));
  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "read-only"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_true (sl_session_get_modified (sl_window_get_session (window)));
  sl_gui_test_save_snapshot (GTK_WIDGET (dialog), "test-window-read-only.png");
  dismiss_dialogs ();
  sl_gui_test_close_window (window);
  g_chmod (path, 0644);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_window_broken_file_leaves_session (void)
{
  SlWindow *window = open_window ();
  SlSession *session = sl_window_get_session (window);
  g_autofree char *dir = g_dir_make_tmp ("slotlab-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.slotlab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlSession) copy = NULL;
  g_autofree char *data = NULL;
  gsize length;
  AdwMessageDialog *dialog;

  /* Unsaved work that must survive. */
  sl_session_set_title (session, "Work in progress");
  sl_session_set_modified (session, FALSE);
  data = sl_session_to_data (session, &length);
  copy = sl_session_load_from_data (data, length, NULL);

  g_assert_true (g_file_set_contents (path,
                                      "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": [{\"name\": 3",
                                      -1, NULL));
  sl_window_open_file (window, file);
  g_assert_true (sl_gui_test_wait_until (not_busy, window, 10000));
  g_assert_true (sl_gui_test_wait_until (has_message_dialog, NULL, 5000));

  g_assert_true (sl_window_get_session (window) == session);
  g_assert_true (sl_session_equal (session, copy));
  g_assert_null (sl_window_get_file (window));

  dialog = find_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.slotlab"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  sl_gui_test_save_snapshot (GTK_WIDGET (dialog), "test-window-broken-file.png");

  dismiss_dialogs ();
  sl_gui_test_close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Every file of the hostile catalogue, opened in the window: an error is
 * shown, the session stays as it was, and the file is not touched. */
static void
test_window_hostile_files_leave_session (void)
{
  SlWindow *window = open_window ();
  SlSession *session = sl_window_get_session (window);
  g_autofree char *hostile = g_test_build_filename (G_TEST_DIST, "..", "hostile", NULL);
  g_autoptr(GDir) dir = g_dir_open (hostile, 0, NULL);
  g_autoptr(SlSession) copy = NULL;
  g_autofree char *data = NULL;
  const char *name;
  gsize length;
  guint tried = 0;

  g_assert_nonnull (dir);
  data = sl_session_to_data (session, &length);
  copy = sl_session_load_from_data (data, length, NULL);

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (hostile, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *before = NULL, *after = NULL;
      gsize before_len, after_len;
      AdwMessageDialog *dialog;

      if (!g_str_has_suffix (name, ".slotlab"))
        continue;
      g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
      sl_window_open_file (window, file);
      g_assert_true (sl_gui_test_wait_until (not_busy, window, 10000));
      g_assert_true (sl_gui_test_wait_until (has_message_dialog, NULL, 5000));
      dialog = find_message_dialog ();
      g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), name));
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
      dismiss_dialogs ();

      g_assert_true (sl_window_get_session (window) == session);
      g_assert_true (sl_session_equal (session, copy));
      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (before, before_len, after, after_len);
      tried++;
    }
  g_test_message ("%u hostile files opened in the window", tried);
  g_assert_cmpuint (tried, >=, 40);
  sl_gui_test_close_window (window);
}

static void
test_window_close_with_unsaved_changes_asks (void)
{
  SlWindow *window = open_window ();
  SlWindow *other = open_window ();
  SlSession *session = sl_window_get_session (window);
  AdwMessageDialog *dialog;
  g_autoptr(GFile) autosave = sl_document_get_autosave_file (sl_window_get_document (window));
  g_autoptr(GFile) other_autosave = sl_document_get_autosave_file (sl_window_get_document (other));

  sl_session_set_title (session, "Unsaved");
  sl_session_set_title (sl_window_get_session (other), "Unsaved elsewhere");
  g_assert_true (sl_session_get_modified (session));

  /* Each window's edit is kept in a file of its own after a moment. */
  g_assert_true (sl_gui_test_wait_until (file_exists, autosave, 10000));
  g_assert_true (sl_gui_test_wait_until (file_exists, other_autosave, 10000));
  g_assert_false (g_file_equal (autosave, other_autosave));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sl_gui_test_wait_until (has_message_dialog, NULL, 5000));
  g_assert_nonnull (window);
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  sl_gui_test_save_snapshot (GTK_WIDGET (dialog), "test-window-close-prompt.png");

  /* Cancel keeps the window; Discard closes it and removes its autosave,
   * and only its own: the other window's unsaved work stays kept. */
  adw_message_dialog_response (dialog, "cancel");
  sl_gui_test_drain ();
  g_assert_nonnull (window);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (sl_gui_test_wait_until (has_message_dialog, NULL, 5000));
  adw_message_dialog_response (find_message_dialog (), "discard");
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (window != NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_null (window);
  g_assert_false (g_file_query_exists (autosave, NULL));
  g_assert_true (g_file_query_exists (other_autosave, NULL));
  sl_gui_test_close_window (other);
}

/* The Python tab against source written here, by hand, for a chain whose
 * subclass has no __slots__: what a user pastes into a lecture. */
static void
test_window_python_tab (void)
{
  SlWindow *window = open_window ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SlSession) session = sl_session_load_from_data (
    "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
    "{\"name\": \"Base\", \"bases\": [], \"slots\": [\"a\", \"b\"], \"init\": [\"a\", \"b\"]},"
    "{\"name\": \"Sub\", \"bases\": [\"Base\"], \"slots\": null, \"init\": [\"c\"]}]}", -1, &error);
  const char *expected =
    "class Base:\n"
    "    __slots__ = ('a', 'b')\n"
    "\n"
    "    def __init__(self):\n"
    "        self.a = 0\n"
    "        self.b = 1\n"
    "\n"
    "\n"
    "class Sub(Base):\n"
    "    def __init__(self):\n"
    "        Base.__init__(self)\n"
    "        self.c = 0\n";
  g_autofree char *shown = NULL;

  g_assert_no_error (error);
  sl_window_set_session (window, session, NULL);
  sl_gui_test_drain ();
  shown = sl_python_view_dup_text (sl_window_get_python_view (window));
  g_assert_cmpstr (shown, ==, expected);
  sl_gui_test_close_window (window);

  window = open_window ();
  adw_view_stack_set_visible_child_name (window->view_stack, "python");
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-python.png");
  sl_gui_test_close_window (window);
}

static void
test_window_python_versions (void)
{
  SlWindow *window = open_window ();
  GPtrArray *profiles = sl_profile_list ();
  GListModel *model = gtk_drop_down_get_model (window->python_dropdown);
  SlDocument *document = sl_window_get_document (window);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, profiles->len);
  for (guint i = 0; i < profiles->len; i++)
    if (sl_profile_is_free_threaded (g_ptr_array_index (profiles, i)))
      g_assert_nonnull (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "free-threaded"));

  /* PointWithDict (x, y, z in __init__, no __slots__), traced bytes per
   * instance measured on CPython (PRODUCT.md): 88 on 3.12, 152 on 3.8. */
  sl_window_select_class (window, 0);
  adw_view_stack_set_visible_child_name (window->view_stack, "costs");
  sl_window_refresh_now (window);
  g_assert_cmpstr (sl_costs_view_get_cell (sl_window_get_costs_view (window), SL_STRATEGY_AS_DECLARED, SL_METRIC_TRACED), ==,
                   "88 B");
  g_assert_false (sl_document_get_modified (document));

  /* Choosing 3.8 recomputes every figure and changes the document. */
  g_assert_cmpstr (sl_profile_get_id (g_ptr_array_index (profiles, 0)), ==, "3.8");
  gtk_drop_down_set_selected (window->python_dropdown, 0);
  sl_gui_test_drain ();
  sl_window_refresh_now (window);
  g_assert_cmpstr (sl_profile_get_id (sl_window_get_profile (window)), ==, "3.8");
  g_assert_cmpstr (sl_session_get_python (sl_window_get_session (window)), ==, "3.8");
  g_assert_true (sl_document_get_modified (document));
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_cmpstr (sl_document_get_undo_label (document), ==, "Change Python version");
  g_assert_cmpstr (sl_costs_view_get_cell (sl_window_get_costs_view (window), SL_STRATEGY_AS_DECLARED, SL_METRIC_TRACED), ==,
                   "152 B");
  assert_costs_match_engine (window, "PointWithDict");
  sl_gui_test_close_window (window);
}

/* Ctrl+Z and Ctrl+Shift+Z, and the Undo of the toast after a removal. */
static void
test_window_undo_redo (void)
{
  SlWindow *window = open_window ();
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  guint n = sl_chain_get_n_classes (chain);
  int last = (int) n - 1;

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL)
                  && sl_session_get_modified (sl_window_get_session (window)));

  /* Rename RecordMixed through the form, then remove it. */
  sl_window_select_class (window, last);
  gtk_editable_set_text (sl_class_form_get_name_editable (window->class_form), "Mixed");
  sl_gui_test_drain ();
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, last)), ==, "Mixed");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-class", NULL);
  sl_gui_test_drain ();
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, n - 1);

  /* The toast's button is win.undo: the class comes back, selected. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sl_gui_test_drain ();
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, n);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, last)), ==, "Mixed");
  g_assert_cmpint (sl_window_get_selected (window), ==, last);

  /* Undo the rename: the form shows the old name again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sl_gui_test_drain ();
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, last)), ==, "RecordMixed");
  g_assert_cmpstr (gtk_editable_get_text (sl_class_form_get_name_editable (window->class_form)), ==,
                   "RecordMixed");
  g_assert_false (sl_session_get_modified (sl_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Slot Lab — Lecture 17");

  /* And redo, twice. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  sl_gui_test_drain ();
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, n - 1);
  g_assert_null (sl_chain_lookup (chain, "RecordMixed"));
  g_assert_null (sl_chain_lookup (chain, "Mixed"));
  sl_gui_test_close_window (window);
}

/* The crash child: the application with two windows, each with an
 * unsaved edit typed into its form, that says "ready" once both are
 * autosaved and then waits to be killed. */
static gboolean
both_autosaved (gpointer data)
{
  SlWindow **windows = data;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = sl_document_get_autosave_file (sl_window_get_document (windows[i]));

      if (!g_file_query_exists (file, NULL))
        return FALSE;
    }
  return TRUE;
}

static int
crash_child (void)
{
  SlWindow *windows[2];
  const char *names[] = { "WorkOfWindowOne", "WorkOfWindowTwo" };

  for (guint i = 0; i < 2; i++)
    {
      windows[i] = open_window ();
      sl_window_select_class (windows[i], 0);
      gtk_editable_set_text (sl_class_form_get_name_editable (windows[i]->class_form), names[i]);
      sl_gui_test_drain ();
    }
  if (!sl_gui_test_wait_until (both_autosaved, windows, 20000))
    return 1;
  g_print ("ready\n");
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_n_windows (gpointer data)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    n += SL_IS_WINDOW (l->data);
  return n >= GPOINTER_TO_UINT (data);
}

/* Two windows with unsaved edits, the process killed with SIGKILL (no
 * handler, no clean-up), the application started again: both windows'
 * work comes back, each in its own window, unsaved. */
static void
test_window_recovers_after_kill (void)
{
  const char *argv[] = { test_program, "--crash-child", NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint recovered = 0;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  g_subprocess_send_signal (child, SIGKILL);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* Started again (this process is another Slot Lab). */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (sl_gui_test_wait_until (has_n_windows, GUINT_TO_POINTER (2), 10000));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      SlWindow *window = l->data;
      SlChain *chain;

      if (!SL_IS_WINDOW (window))
        continue;
      chain = sl_session_get_chain (sl_window_get_session (window));
      g_ptr_array_add (names, (gpointer) sl_class_get_name (sl_chain_get_class (chain, 0)));
      g_assert_true (sl_session_get_modified (sl_window_get_session (window)));
      g_assert_null (sl_window_get_file (window));
      g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)), "•"));
      recovered++;
    }
  g_assert_cmpuint (recovered, ==, 2);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "WorkOfWindowOne", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "WorkOfWindowTwo", g_str_equal, NULL));
  sl_gui_test_save_snapshot (GTK_WIDGET (gtk_application_get_windows (GTK_APPLICATION (app))->data),
                             "test-window-recovered.png");

  /* Nothing more to offer while they are open. */
  {
    g_autoptr(GPtrArray) again = sl_document_list_recoverable ();
    g_assert_cmpuint (again->len, ==, 0);
  }
  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    sl_gui_test_close_window (gtk_application_get_windows (GTK_APPLICATION (app))->data);
}

static void
test_window_class_list_actions (void)
{
  SlWindow *window = open_window ();
  SlChain *chain = sl_session_get_chain (sl_window_get_session (window));
  guint n = sl_chain_get_n_classes (chain);
  int base = sl_chain_index_of (chain, "BaseRecord");

  /* Add: a new class at the end, selected. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-class", NULL);
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, n + 1);
  g_assert_cmpint (sl_window_get_selected (window), ==, (int) n);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, n)), ==, "NewClass");

  /* Duplicate: right after the original. */
  sl_window_select_class (window, base);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-class", NULL);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, base + 1)), ==, "BaseRecordCopy");
  g_assert_true (g_strv_equal (sl_class_get_slots (sl_chain_get_class (chain, base + 1)),
                              sl_class_get_slots (sl_chain_get_class (chain, base))));
  g_assert_cmpint (sl_window_get_selected (window), ==, base + 1);

  /* Move: up and down, the selection follows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-up", NULL);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, base)), ==, "BaseRecordCopy");
  g_assert_cmpint (sl_window_get_selected (window), ==, base);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, base + 1)), ==, "BaseRecordCopy");

  /* A class can not move below one that names it as a base. */
  sl_window_select_class (window, base);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL);
  g_assert_cmpint (sl_chain_index_of (chain, "BaseRecord"), <, sl_chain_index_of (chain, "SensorRecord"));

  /* Remove: a class in use stays; the copy goes. */
  sl_window_select_class (window, sl_chain_index_of (chain, "BaseRecord"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-class", NULL);
  g_assert_cmpint (sl_chain_index_of (chain, "BaseRecord"), >=, 0);
  sl_window_select_class (window, sl_chain_index_of (chain, "BaseRecordCopy"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-class", NULL);
  g_assert_cmpint (sl_chain_index_of (chain, "BaseRecordCopy"), <, 0);
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, n + 1);

  sl_window_refresh_now (window);
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-class-list.png");
  sl_gui_test_close_window (window);
}

/* The first cell of a demo view's table under WIDGET, depth first: the
 * cells are made anew by every update. */
static GtkWidget *
demo_view_label (GtkWidget *widget,
                 gboolean   inside)
{
  inside = inside || SL_IS_DEMO_VIEW (widget);
  if (inside && GTK_IS_LABEL (widget) && GTK_IS_GRID (gtk_widget_get_parent (widget)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = demo_view_label (c, inside);

      if (found)
        return found;
    }
  return NULL;
}

/* The class pages (rows, byte map, costs) show the chain: an edit of an
 * experiment (a run clearing its results, a rename) leaves them as they
 * are, and an edit of a class rebuilds them.  Issue 13: a run's first
 * frames rebuilt the hidden Costs page. */
static void
test_window_refresh_only_for_the_chain (void)
{
  SlWindow *window = open_window ();
  SlSession *session = sl_window_get_session (window);
  SlChain *chain = sl_session_get_chain (session);
  int index = sl_chain_index_of (chain, "SensorRecordNoSlots");
  g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (session), 0);
  const char * const slots[] = { "sensorId", "value", "unit", NULL };
  GtkWidget *label;

  g_assert_cmpint (index, >=, 0);
  sl_window_select_class (window, index);
  sl_window_refresh_now (window);
  label = demo_view_label (GTK_WIDGET (sl_window_get_costs_view (window)), FALSE);
  g_assert_nonnull (label);
  g_object_add_weak_pointer (G_OBJECT (label), (gpointer *) &label);

  sl_experiment_set_name (experiment, "Renamed, not a class");
  sl_experiment_clear_results (experiment);
  sl_gui_test_drain ();
  g_assert_nonnull (label);

  sl_class_set_slots (sl_chain_get_class (chain, index), slots);
  sl_gui_test_drain ();
  g_assert_null (label);
  sl_session_set_modified (session, FALSE);
  sl_gui_test_close_window (window);
}

/* Costs, Python, Experiments and Session are built the first time they
 * are shown (cold start, issue 13), and then show the window's document
 * as it is by then: the class edited, the session opened since. */
static void
test_window_pages_built_when_shown (void)
{
  /* Not presented: no first frame, so nothing builds the pages early. */
  SlWindow *window = sl_window_new (GTK_APPLICATION (app));
  g_autoptr(SlSession) other = sl_session_new_lecture_17 ();
  g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (other), 0);
  SlChain *chain;
  int index;
  const char * const slots[] = { "sensorId", "value", "unit", NULL };
  g_autofree char *source = NULL;

  g_assert_null (window->costs_view);
  g_assert_null (window->python_view);
  g_assert_null (window->experiments_view);
  g_assert_null (window->session_page);
  g_assert_null (adw_bin_get_child (window->costs_bin));

  /* Another session, and an edit, before any of them exists. */
  sl_session_set_title (other, "Opened before the pages");
  sl_experiment_set_name (experiment, "Bulk allocation, renamed");
  sl_window_set_session (window, other, NULL);
  chain = sl_session_get_chain (sl_window_get_session (window));
  index = sl_chain_index_of (chain, "SensorRecordNoSlots");
  g_assert_cmpint (index, >=, 0);
  sl_window_select_class (window, index);
  sl_class_set_slots (sl_chain_get_class (chain, index), slots);
  sl_gui_test_drain ();
  g_assert_null (window->costs_view);

  adw_view_stack_set_visible_child_name (window->view_stack, "costs");
  g_assert_nonnull (window->costs_view);
  g_assert_true (adw_bin_get_child (window->costs_bin) == GTK_WIDGET (window->costs_view));
  assert_costs_match_engine (window, "SensorRecordNoSlots");
  g_assert_null (window->python_view);
  g_assert_null (window->experiments_view);

  adw_view_stack_set_visible_child_name (window->view_stack, "python");
  g_assert_nonnull (window->python_view);
  source = sl_python_view_dup_text (window->python_view);
  g_assert_nonnull (strstr (source, "class SensorRecordNoSlots"));
  g_assert_nonnull (strstr (source, "__slots__ = ('sensorId', 'value', 'unit')"));

  adw_view_stack_set_visible_child_name (window->view_stack, "experiments");
  g_assert_nonnull (window->experiments_view);
  g_assert_true (sl_gui_test_shows_text (GTK_WIDGET (window->experiments_view), "Bulk allocation, renamed"));

  g_assert_null (window->session_page);
  adw_view_stack_set_visible_child_name (window->view_stack, "session");
  g_assert_nonnull (window->session_page);
  g_assert_true (sl_gui_test_shows_text (GTK_WIDGET (window->session_page), "Opened before the pages"));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sl_gui_test_wait_until (sl_gui_test_is_mapped_with_size, window, 10000));
  sl_gui_test_save_snapshot (GTK_WIDGET (window), "test-window-session-page.png");
  sl_gui_test_close_window (window);
}

static gboolean
all_pages_built (gpointer data)
{
  SlWindow *window = data;

  sl_gui_test_drain ();
  return window->costs_view && window->python_view && window->experiments_view && window->session_page;
}

/* Once the window has shown its first frame the other pages are built in
 * the background, one per idle, so a first click on a tab does not wait
 * for its page — and each shows the document. */
static void
test_window_pages_built_after_first_frame (void)
{
  SlWindow *window = sl_window_new (GTK_APPLICATION (app));
  g_autofree char *source = NULL;

  g_assert_null (window->experiments_view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sl_gui_test_wait_until (all_pages_built, window, 10000));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "layout");
  g_assert_true (sl_gui_test_shows_text (GTK_WIDGET (window->experiments_view), "Example 17.3: bulk allocation"));
  g_assert_true (sl_gui_test_shows_text (GTK_WIDGET (window->session_page), "Lecture 17"));
  source = sl_python_view_dup_text (window->python_view);
  g_assert_nonnull (strstr (source, "class RecordMixed"));
  assert_costs_match_engine (window, "PointWithDict");
  sl_gui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  test_program = argv[0];
  if (argc > 1 && g_strcmp0 (argv[1], "--crash-child") == 0)
    {
      gtk_init ();
      app = sl_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
      return crash_child ();
    }
  gtk_test_init (&argc, &argv, NULL);

  app = sl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/window/opens-on-lecture-17", test_window_opens_on_lecture_17);
  g_test_add_func ("/window/byte-map/tooltip-names-the-field", test_window_byte_map_tooltip);
  g_test_add_func ("/window/costs/why-and-copy", test_window_costs_why_and_copy);
  g_test_add_func ("/window/costs/decision-card-totals", test_window_costs_decision_card);
  g_test_add_func ("/window/costs/fit-1280", test_window_costs_fit_1280);
  g_test_add_func ("/window/compare-versions", test_window_compare_versions);
  g_test_add_func ("/window/experiments/chart-says-what-it-draws", test_window_chart_says_what_it_draws);
  g_test_add_func ("/window/class-list/add-duplicate-move-remove", test_window_class_list_actions);
  g_test_add_func ("/window/form/edit-updates-costs-and-banner", test_window_edit_class_updates_costs);
  g_test_add_func ("/window/refresh/only-for-the-chain", test_window_refresh_only_for_the_chain);
  g_test_add_func ("/window/pages/built-when-first-shown", test_window_pages_built_when_shown);
  g_test_add_func ("/window/pages/built-after-first-frame", test_window_pages_built_after_first_frame);
  g_test_add_func ("/window/form/refuses-a-bad-name", test_window_form_refuses_bad_name);
  g_test_add_func ("/window/form/shows-cpython-error", test_window_form_shows_cpython_error);
  g_test_add_func ("/window/python-versions", test_window_python_versions);
  g_test_add_func ("/window/python-tab", test_window_python_tab);
  g_test_add_func ("/window/session/save-open-round-trip", test_window_save_open_round_trip);
  g_test_add_func ("/window/session/broken-file-leaves-session", test_window_broken_file_leaves_session);
  g_test_add_func ("/window/session/read-only-offers-save-as", test_window_read_only_offers_save_as);
  g_test_add_func ("/window/session/hostile-files-leave-session", test_window_hostile_files_leave_session);
  g_test_add_func ("/window/session/close-with-unsaved-changes-asks", test_window_close_with_unsaved_changes_asks);

  g_test_add_func ("/window/session/recovers-every-window-after-kill", test_window_recovers_after_kill);
  g_test_add_func ("/window/undo-redo", test_window_undo_redo);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
