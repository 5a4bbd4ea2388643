/* sl-experiments-view.c: the Experiments tab.
 *
 * The form edits the session's SlExperiment in place (so edits mark the
 * session modified and are saved with it); Run takes a copy of it and the
 * chain into an SlExperimentRun, draws each point as it arrives, and at
 * the end stores the points in the experiment (marked partial when the run
 * failed or was cancelled).  No widget here computes a byte: the chart and
 * the table show what the engine says.
 */

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-chart-view.h"
#include "sl-experiment-run.h"
#include "sl-experiments-view.h"
#include "sl-export-dialog.h"
#include "sl-document.h"
#include "sl-interpreter.h"

struct _SlExperimentsView
{
  GtkWidget          parent_instance;

  SlSession         *session;
  SlExperiment      *experiment;     /* selected, owned by the session */
  gulong             changed_id;
  gulong             items_id;
  SlExperimentRun   *run;
  GCancellable      *cancellable;
  GPtrArray         *interpreters;   /* SlInterpreter */
  GCancellable      *discovery;
  char              *status;
  gboolean           updating;
  gboolean           restoring;      /* filling the interpreter list */
  GSettings         *settings;       /* NULL when the schema is not installed */

  /* template */
  GtkListBox        *experiment_list;
  AdwPreferencesGroup *form_group;
  AdwPreferencesGroup *counts_group;
  AdwPreferencesGroup *run_group;
  GtkButton         *add_button;
  GtkButton         *remove_button;
  GtkProgressBar    *progress_bar;
  GtkLabel          *status_label;
  GtkDropDown       *chart_dropdown;
  GtkCheckButton    *linear_check;
  SlChartView       *chart_view;
  GtkGrid           *results_grid;

  /* form, built in code */
  AdwEntryRow       *name_row;
  AdwComboRow       *class_row;
  GtkStringList     *class_names;
  GtkCheckButton    *strategy_checks[SL_N_STRATEGIES];
  AdwComboRow       *metric_row;
  AdwEntryRow       *pythons_row;
  AdwComboRow       *scale_row;
  GtkSpinButton     *from_spin;
  GtkSpinButton     *to_spin;
  GtkSpinButton     *points_spin;
  AdwEntryRow       *list_row;
  AdwComboRow       *backend_row;
  AdwComboRow       *interpreter_row;
  GtkStringList     *interpreter_names;
  AdwActionRow      *interpreter_info;
};

G_DEFINE_FINAL_TYPE (SlExperimentsView, sl_experiments_view, GTK_TYPE_WIDGET)

static void refresh_form    (SlExperimentsView *self);
static void select_interpreter_for_experiment (SlExperimentsView *self);
static void refresh_chart   (SlExperimentsView *self);
static void refresh_results (SlExperimentsView *self);
static void update_actions  (SlExperimentsView *self);

static void
set_status (SlExperimentsView *self,
            const char        *text)
{
  g_free (self->status);
  self->status = g_strdup (text ? text : "");
  gtk_label_set_text (self->status_label, self->status);
}

static void
toast (SlExperimentsView *self,
       const char        *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

/* ---- the list ---- */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SlExperiment *experiment = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", sl_experiment_get_class_name (experiment),
                                               sl_metric_to_string (sl_experiment_get_metric (experiment)),
                                               sl_backend_to_string (sl_experiment_get_backend (experiment)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_experiment_get_name (experiment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

/* A change the form did not make (undo, redo) shows in the form too; a
 * run's results only redraw the chart. */
static void
experiment_changed_cb (SlExperimentsView *self)
{
  if (!self->updating && self->run == NULL)
    refresh_form (self);
  refresh_chart (self);
}

static void
select_experiment (SlExperimentsView *self,
                   SlExperiment      *experiment)
{
  if (self->experiment == experiment)
    return;
  if (self->experiment && self->changed_id)
    g_signal_handler_disconnect (self->experiment, self->changed_id);
  self->changed_id = 0;
  g_set_object (&self->experiment, experiment);
  if (experiment != NULL)
    self->changed_id = g_signal_connect_swapped (experiment, "changed", G_CALLBACK (experiment_changed_cb), self);
  refresh_form (self);
  refresh_chart (self);
  select_interpreter_for_experiment (self);
  update_actions (self);
}

static void
row_selected_cb (GtkListBox        *box,
                 GtkListBoxRow     *row,
                 SlExperimentsView *self)
{
  g_autoptr(SlExperiment) experiment = NULL;

  if (row != NULL && self->session != NULL)
    experiment = g_list_model_get_item (sl_session_get_experiments (self->session),
                                        gtk_list_box_row_get_index (row));
  if (experiment != NULL || row == NULL)
    select_experiment (self, experiment);
}

void
sl_experiments_view_select (SlExperimentsView *self,
                            guint              index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->experiment_list, index);

  if (row != NULL)
    gtk_list_box_select_row (self->experiment_list, row);
}

static void
items_changed_cb (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  SlExperimentsView *self)
{
  if (g_list_model_get_n_items (model) == 0)
    select_experiment (self, NULL);
  else if (gtk_list_box_get_selected_row (self->experiment_list) == NULL)
    sl_experiments_view_select (self, MIN (position, g_list_model_get_n_items (model) - 1));
}

void
sl_experiments_view_set_session (SlExperimentsView *self,
                                 SlSession         *session)
{
  g_return_if_fail (SL_IS_EXPERIMENTS_VIEW (self));

  sl_experiments_view_cancel (self);
  if (self->session && self->items_id)
    g_signal_handler_disconnect (sl_session_get_experiments (self->session), self->items_id);
  self->items_id = 0;
  select_experiment (self, NULL);
  g_set_object (&self->session, session);
  gtk_list_box_bind_model (self->experiment_list,
                           session ? sl_session_get_experiments (session) : NULL,
                           create_row, self, NULL);
  if (session != NULL)
    {
      self->items_id = g_signal_connect (sl_session_get_experiments (session), "items-changed",
                                         G_CALLBACK (items_changed_cb), self);
      sl_experiments_view_select (self, 0);
    }
  set_status (self, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "");
}

/* ---- the chart and the table ---- */

static void
refresh_chart (SlExperimentsView *self)
{
  SlChart *chart = sl_chart_view_get_chart (self->chart_view);

  if (self->updating)
    return;
  sl_chart_set_experiment (chart, self->experiment,
                           self->session ? sl_session_get_chain (self->session) : NULL,
                           self->session ? sl_session_get_python (self->session) : NULL);
  sl_chart_set_kind (chart, gtk_drop_down_get_selected (self->chart_dropdown));
  sl_chart_set_linear (chart, gtk_check_button_get_active (self->linear_check));
  if (self->run == NULL)
    sl_chart_set_extra_points (chart, NULL);
  sl_chart_view_queue_draw (self->chart_view);
  refresh_results (self);
}

static void
add_cell (GtkGrid    *grid,
          const char *text,
          int         column,
          int         row,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
append_points (GPtrArray *into,
               GPtrArray *from)
{
  for (guint i = 0; from && i < from->len; i++)
    g_ptr_array_add (into, g_ptr_array_index (from, i));
}

static void
refresh_results (SlExperimentsView *self)
{
  GtkWidget *child;
  g_autoptr(GPtrArray) points = g_ptr_array_new ();
  static const char * const headings[] = {
    N_("Strategy"), N_("Python"), N_("Backend"), N_("Count"), N_("Bytes"),
    N_("Bytes per instance"), N_("Ratio to slots"),
  };
  int row = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_grid))))
    gtk_grid_remove (self->results_grid, child);
  if (self->experiment == NULL)
    return;
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    add_cell (self->results_grid, _(headings[c]), c, 0, TRUE);

  append_points (points, sl_experiment_get_results (self->experiment));
  if (self->run != NULL)
    append_points (points, sl_experiment_run_get_points (self->run));
  for (guint i = 0; i < points->len && row < 400; i++, row++)
    {
      const SlResultPoint *p = g_ptr_array_index (points, i);
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, p->count);
      g_autofree char *bytes = g_format_size_full (p->bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *per = g_strdup_printf ("%.1f", (double) p->bytes / p->count);
      g_autofree char *ratio = NULL;
      g_autofree char *backend = g_strdup_printf ("%s%s", sl_backend_to_string (p->backend),
                                                  p->partial ? _(" (partial)") : "");

      for (guint j = 0; j < points->len; j++)
        {
          const SlResultPoint *q = g_ptr_array_index (points, j);

          if (q->strategy == SL_STRATEGY_SLOTS && q->count == p->count && q->backend == p->backend &&
              g_strcmp0 (q->python, p->python) == 0 && q->bytes > 0)
            ratio = g_strdup_printf ("%.2f×", (double) p->bytes / q->bytes);
        }
      add_cell (self->results_grid, sl_strategy_get_label (p->strategy), 0, row, FALSE);
      add_cell (self->results_grid, p->python ? p->python : "", 1, row, FALSE);
      add_cell (self->results_grid, backend, 2, row, FALSE);
      add_cell (self->results_grid, count, 3, row, FALSE);
      add_cell (self->results_grid, bytes, 4, row, FALSE);
      add_cell (self->results_grid, per, 5, row, FALSE);
      add_cell (self->results_grid, ratio ? ratio : "—", 6, row, FALSE);
    }
  if (points->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No results yet: press Run (Ctrl+R)."));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->results_grid, label, 0, 1, G_N_ELEMENTS (headings), 1);
    }
}

/* ---- the form ---- */

static guint64
spin_value (GtkSpinButton *spin)
{
  return (guint64) llround (gtk_spin_button_get_value (spin));
}

static void
form_changed_cb (SlExperimentsView *self)
{
  SlExperiment *e = self->experiment;
  SlStrategy strategies[SL_N_STRATEGIES];
  guint n = 0, scale;
  g_auto(GStrv) pythons = NULL;
  const char *class_name;

  if (self->updating || e == NULL)
    return;
  self->updating = TRUE;

  sl_experiment_set_name (e, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  class_name = gtk_string_list_get_string (self->class_names, adw_combo_row_get_selected (self->class_row));
  if (class_name != NULL)
    sl_experiment_set_class_name (e, class_name);
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    if (gtk_check_button_get_active (self->strategy_checks[s]))
      strategies[n++] = s;
  sl_experiment_set_strategies (e, strategies, n);
  sl_experiment_set_metric (e, adw_combo_row_get_selected (self->metric_row));
  sl_experiment_set_backend (e, adw_combo_row_get_selected (self->backend_row));

  /* What was typed, read by the document's rules (sl-document-queries.c). */
  pythons = sl_parse_version_list (gtk_editable_get_text (GTK_EDITABLE (self->pythons_row)), NULL);
  if (pythons != NULL)
    {
      sl_experiment_set_pythons (e, (const char * const *) pythons);
      gtk_widget_remove_css_class (GTK_WIDGET (self->pythons_row), "error");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->pythons_row), "error");

  scale = adw_combo_row_get_selected (self->scale_row);
  if (scale == SL_SCALE_LIST)
    {
      g_autoptr(GArray) counts = sl_parse_count_list (gtk_editable_get_text (GTK_EDITABLE (self->list_row)), NULL);

      if (counts != NULL)
        {
          sl_experiment_set_count_list (e, (guint64 *) counts->data, counts->len);
          gtk_widget_remove_css_class (GTK_WIDGET (self->list_row), "error");
        }
      else
        gtk_widget_add_css_class (GTK_WIDGET (self->list_row), "error");
    }
  else
    sl_experiment_set_range (e, spin_value (self->from_spin), spin_value (self->to_spin),
                             (guint) spin_value (self->points_spin), scale);

  gtk_widget_set_visible (GTK_WIDGET (self->list_row), scale == SL_SCALE_LIST);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_spin), scale != SL_SCALE_LIST);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_spin), scale != SL_SCALE_LIST);
  gtk_widget_set_sensitive (GTK_WIDGET (self->points_spin), scale != SL_SCALE_LIST);
  self->updating = FALSE;

  /* The row's title follows the name. */
  {
    GtkListBoxRow *row = gtk_list_box_get_selected_row (self->experiment_list);

    if (row != NULL && ADW_IS_PREFERENCES_ROW (row))
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_experiment_get_name (e));
  }
  refresh_chart (self);
}

static void
refresh_form (SlExperimentsView *self)
{
  SlExperiment *e = self->experiment;
  guint64 from, to;
  guint points;

  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), e != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->counts_group), e != NULL);
  if (e == NULL)
    return;
  self->updating = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sl_experiment_get_name (e));
  {
    SlChain *chain = sl_session_get_chain (self->session);
    guint n = sl_chain_get_n_classes (chain), selected = GTK_INVALID_LIST_POSITION;
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < n; i++)
      {
        const char *name = sl_class_get_name (sl_chain_get_class (chain, i));

        g_ptr_array_add (names, (char *) name);
        if (g_strcmp0 (name, sl_experiment_get_class_name (e)) == 0)
          selected = i;
      }
    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->class_names, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->class_names)),
                            (const char * const *) names->pdata);
    adw_combo_row_set_selected (self->class_row, selected);
  }
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      GArray *strategies = sl_experiment_get_strategies (e);
      gboolean on = FALSE;

      for (guint i = 0; i < strategies->len; i++)
        on |= g_array_index (strategies, SlStrategy, i) == s;
      gtk_check_button_set_active (self->strategy_checks[s], on);
    }
  adw_combo_row_set_selected (self->metric_row, sl_experiment_get_metric (e));
  adw_combo_row_set_selected (self->backend_row, sl_experiment_get_backend (e));
  {
    g_autofree char *pythons = g_strjoinv (", ", (char **) sl_experiment_get_pythons (e));
    gtk_editable_set_text (GTK_EDITABLE (self->pythons_row), pythons);
  }
  adw_combo_row_set_selected (self->scale_row, sl_experiment_get_scale (e));
  sl_experiment_get_range (e, &from, &to, &points);
  gtk_spin_button_set_value (self->from_spin, from);
  gtk_spin_button_set_value (self->to_spin, to);
  gtk_spin_button_set_value (self->points_spin, points);
  {
    g_autoptr(GArray) counts = sl_experiment_dup_counts (e);
    GString *text = g_string_new (NULL);

    for (guint i = 0; i < counts->len; i++)
      g_string_append_printf (text, "%s%" G_GUINT64_FORMAT, i ? ", " : "", g_array_index (counts, guint64, i));
    gtk_editable_set_text (GTK_EDITABLE (self->list_row), text->str);
    g_string_free (text, TRUE);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->list_row), sl_experiment_get_scale (e) == SL_SCALE_LIST);
  self->updating = FALSE;
}

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           const char * const  *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          double               max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, max, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_form (SlExperimentsView *self)
{
  static const char * const metrics[] = { "traced (tracemalloc)", "getsizeof (Example 17.1)",
                                          "pymalloc blocks", "resident", NULL };
  static const char * const backends[] = { "model", "live", NULL };
  static const char * const scales[] = { "log", "linear", "list", NULL };

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->name_row));

  self->class_names = gtk_string_list_new (NULL);
  self->class_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->class_row), _("Class"));
  adw_combo_row_set_model (self->class_row, G_LIST_MODEL (self->class_names));
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->class_row));

  /* One row per strategy: a check box each, so the form stays narrow. */
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Strategy: %s"), sl_strategy_get_label (s));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      self->strategy_checks[s] = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->strategy_checks[s]), GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->strategy_checks[s]));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->strategy_checks[s]));
      g_signal_connect_swapped (self->strategy_checks[s], "toggled", G_CALLBACK (form_changed_cb), self);
      adw_preferences_group_add (self->form_group, row);
    }

  self->metric_row = combo_row (self->form_group, _("Metric"), metrics);
  self->pythons_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pythons_row), _("Python versions (model)"));
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->pythons_row));

  self->scale_row = combo_row (self->counts_group, _("Scale"), scales);
  self->from_spin = spin_row (self->counts_group, _("From"), (double) SL_EXPERIMENT_MAX_COUNT);
  self->to_spin = spin_row (self->counts_group, _("To"), (double) SL_EXPERIMENT_MAX_COUNT);
  self->points_spin = spin_row (self->counts_group, _("Points"), SL_EXPERIMENT_MAX_POINTS);
  self->list_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->list_row), _("Counts"));
  adw_preferences_group_add (self->counts_group, GTK_WIDGET (self->list_row));

  self->backend_row = combo_row (self->run_group, _("Backend"), backends);
  self->interpreter_names = gtk_string_list_new (NULL);
  self->interpreter_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->interpreter_row), _("Interpreter (live)"));
  adw_combo_row_set_model (self->interpreter_row, G_LIST_MODEL (self->interpreter_names));
  adw_preferences_group_add (self->run_group, GTK_WIDGET (self->interpreter_row));
  self->interpreter_info = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->interpreter_info), _("Looking for interpreters…"));
  {
    GtkWidget *choose = gtk_button_new_with_label (_("Other…"));

    gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (choose), "experiments.choose-interpreter");
    adw_action_row_add_suffix (self->interpreter_info, choose);
  }
  adw_preferences_group_add (self->run_group, GTK_WIDGET (self->interpreter_info));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->class_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->metric_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->backend_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->pythons_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->list_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->from_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->to_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->points_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
}

/* ---- interpreters ---- */

static SlInterpreter *
selected_interpreter (SlExperimentsView *self)
{
  guint i = adw_combo_row_get_selected (self->interpreter_row);

  if (self->interpreters == NULL || i >= self->interpreters->len)
    return NULL;
  return g_ptr_array_index (self->interpreters, i);
}

static void
interpreter_selected_cb (SlExperimentsView *self)
{
  SlInterpreter *interp = selected_interpreter (self);
  g_autofree char *text = NULL;

  /* The user's choice is remembered: the machine's setting, never the session's. */
  if (!self->restoring && interp != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "default-interpreter", sl_interpreter_get_path (interp));

  if (interp == NULL)
    text = g_strdup (_("No interpreter found: choose one"));
  else if (sl_interpreter_get_profile_id (interp))
    text = g_strdup_printf (_("Python %s matches profile %s"), sl_interpreter_get_version (interp),
                            sl_interpreter_get_profile_id (interp));
  else
    text = g_strdup_printf (_("Python %s: no profile covers it (live only)"),
                            sl_interpreter_get_version (interp));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->interpreter_info), text);
  adw_action_row_set_subtitle (self->interpreter_info, interp ? sl_interpreter_get_path (interp) : "");
}

static void
add_interpreter (SlExperimentsView *self,
                 SlInterpreter     *interp)
{
  g_autofree char *label = g_strdup_printf ("%s%s", sl_interpreter_get_version (interp),
                                            sl_interpreter_get_profile_id (interp) ? "" : " (no profile)");

  if (self->interpreters == NULL)
    self->interpreters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->interpreters, g_object_ref (interp));
  gtk_string_list_append (self->interpreter_names, label);
}

static gboolean
select_interpreter_path (SlExperimentsView *self,
                         const char        *path)
{
  for (guint i = 0; self->interpreters && i < self->interpreters->len; i++)
    if (g_strcmp0 (sl_interpreter_get_path (g_ptr_array_index (self->interpreters, i)), path) == 0)
      {
        adw_combo_row_set_selected (self->interpreter_row, i);
        return TRUE;
      }
  return FALSE;
}

static void
saved_probe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlInterpreter) interp = sl_interpreter_probe_finish (result, &error);
  SlExperimentsView *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;    /* the view is gone */
  self = user_data;
  self->restoring = TRUE;
  if (interp != NULL)
    {
      add_interpreter (self, interp);
      adw_combo_row_set_selected (self->interpreter_row, self->interpreters->len - 1);
    }
  else
    set_status (self, error->message);
  self->restoring = FALSE;
  interpreter_selected_cb (self);
  update_actions (self);
}

/* The live run's default: an interpreter of exactly the experiment's
 * version (the CLI's rule, sl_interpreter_pick()); the one selected stays
 * if it is one. */
static void
select_interpreter_for_experiment (SlExperimentsView *self)
{
  const char *version;
  SlInterpreter *current = selected_interpreter (self);
  SlInterpreter *pick;

  if (self->experiment == NULL || self->interpreters == NULL)
    return;
  version = sl_experiment_get_version (self->experiment, self->session);
  if (current != NULL && sl_interpreter_is_version (current, version))
    return;
  pick = sl_interpreter_pick (self->interpreters, version);
  for (guint i = 0; pick != NULL && i < self->interpreters->len; i++)
    if (g_ptr_array_index (self->interpreters, i) == pick)
      adw_combo_row_set_selected (self->interpreter_row, i);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GPtrArray) found = sl_interpreter_discover_finish (result, NULL);
  g_autofree char *saved = NULL;
  SlExperimentsView *self;

  if (found == NULL)
    return;    /* cancelled: the view is gone */
  self = user_data;
  self->restoring = TRUE;
  for (guint i = 0; i < found->len; i++)
    add_interpreter (self, g_ptr_array_index (found, i));
  /* The interpreter chosen last time (settings), probed like any other. */
  saved = self->settings ? g_settings_get_string (self->settings, "default-interpreter") : NULL;
  if (saved != NULL && *saved != '\0' && !select_interpreter_path (self, saved))
    sl_interpreter_probe_async (saved, self->discovery, saved_probe_cb, self);
  select_interpreter_for_experiment (self);
  self->restoring = FALSE;
  interpreter_selected_cb (self);
  update_actions (self);
}

static void
choose_response_cb (GtkNativeDialog   *dialog,
                    int                response,
                    SlExperimentsView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlInterpreter) interp = sl_interpreter_probe (path, NULL, &error);

      if (interp == NULL)
        set_status (self, error->message);
      else
        {
          add_interpreter (self, interp);
          adw_combo_row_set_selected (self->interpreter_row, self->interpreters->len - 1);
          interpreter_selected_cb (self);
        }
    }
  g_object_unref (dialog);
}

static void
choose_interpreter_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Choose a Python interpreter"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));

  g_signal_connect (dialog, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- running ---- */

gboolean
sl_experiments_view_is_running (SlExperimentsView *self)
{
  return self->run != NULL;
}

const char *
sl_experiments_view_get_status (SlExperimentsView *self)
{
  return self->status;
}

guint
sl_experiments_view_get_n_interpreters (SlExperimentsView *self)
{
  return self->interpreters ? self->interpreters->len : 0;
}

GtkWidget *
sl_experiments_view_get_chart_view (SlExperimentsView *self)
{
  return GTK_WIDGET (self->chart_view);
}

static void
update_actions (SlExperimentsView *self)
{
  gboolean running = self->run != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.run", !running && self->experiment);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.export", self->experiment != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiments.copy", self->experiment != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), !running && self->experiment);
  gtk_widget_set_sensitive (GTK_WIDGET (self->counts_group), !running && self->experiment);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_group), !running);
}

static void
point_cb (SlExperimentRun     *run,
          const SlResultPoint *point,
          SlExperimentsView   *self)
{
  sl_chart_add_extra_point (sl_chart_view_get_chart (self->chart_view), point);
  sl_chart_view_queue_draw (self->chart_view);
}

static void
progress_cb (SlExperimentRun   *run,
             double             fraction,
             SlExperimentsView *self)
{
  g_autofree char *text = g_strdup_printf ("%.0f %%", fraction * 100);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SlExperimentsView *self = user_data;
  g_autoptr(SlExperimentRun) run = SL_EXPERIMENT_RUN (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlExperiment) target = g_object_ref (g_object_get_data (object, "experiment"));
  const char * const *refusals;
  g_autoptr(GString) status = g_string_new (NULL);

  sl_experiment_run_run_finish (run, result, &error);
  if (self->run == run)
    g_clear_object (&self->run);
  g_clear_object (&self->cancellable);

  sl_experiment_run_store_results (run, target);
  if (self->session == NULL)
    {
      /* The view was disposed while the run ended: nothing left to show. */
      g_object_unref (self);
      return;
    }
  refusals = sl_experiment_run_get_refusals (run);
  for (guint i = 0; refusals[i]; i++)
    g_string_append_printf (status, "%sCPython refuses %s", status->len ? "\n" : "", refusals[i]);
  if (error != NULL)
    {
      g_string_prepend (status, "\n");
      g_string_prepend (status, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                ? _("The run was cancelled: every interpreter process was ended.")
                                : error->message);
      if (sl_experiment_run_get_points (run)->len > 0 &&
          !g_error_matches (error, SL_EXPERIMENT_RUN_ERROR, SL_EXPERIMENT_RUN_ERROR_OVER_LIMIT))
        g_string_append (status, _("\nThe points measured before are kept, marked partial."));
      toast (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                   ? _("Run cancelled") : _("The run failed"));
    }
  else
    {
      g_autofree char *done = g_strdup_printf (_("%u points"), sl_experiment_run_get_points (run)->len);

      g_string_prepend (status, status->len ? "\n" : "");
      g_string_prepend (status, done);
      gtk_progress_bar_set_text (self->progress_bar, _("Done"));
    }
  set_status (self, status->str);
  refresh_chart (self);
  update_actions (self);
  g_object_unref (self);
}

void
sl_experiments_view_run (SlExperimentsView *self)
{
  g_autoptr(SlExperimentRun) run = NULL;

  if (self->run != NULL || self->experiment == NULL || self->session == NULL)
    return;
  run = sl_experiment_run_new (self->experiment, sl_session_get_chain (self->session),
                               sl_session_get_python (self->session));
  sl_experiment_run_set_interpreter (run, selected_interpreter (self));
  g_object_set_data_full (G_OBJECT (run), "experiment", g_object_ref (self->experiment), g_object_unref);
  g_signal_connect (run, "point", G_CALLBACK (point_cb), self);
  g_signal_connect (run, "progress", G_CALLBACK (progress_cb), self);
  self->run = g_object_ref (run);
  self->cancellable = g_cancellable_new ();
  sl_chart_set_extra_points (sl_chart_view_get_chart (self->chart_view), NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Running…"));
  set_status (self, sl_experiment_get_backend (self->experiment) == SL_BACKEND_LIVE && selected_interpreter (self)
                    ? sl_interpreter_get_path (selected_interpreter (self)) : "");
  update_actions (self);
  sl_experiment_run_run_async (run, self->cancellable, run_done_cb, g_object_ref (self));
  g_steal_pointer (&run);   /* the callback owns it */
}

void
sl_experiments_view_cancel (SlExperimentsView *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  if (gtk_widget_get_mapped (widget))
    sl_experiments_view_run (SL_EXPERIMENTS_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sl_experiments_view_cancel (SL_EXPERIMENTS_VIEW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->experiment == NULL || !gtk_widget_get_mapped (widget))
    return;
  sl_export_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            sl_chart_view_get_chart (self->chart_view), self->experiment);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = sl_chart_view_dup_texture (self->chart_view, &error);

  if (texture == NULL)
    {
      set_status (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  toast (self, _("Chart copied"));
}

static void
add_experiment_cb (SlExperimentsView *self)
{
  SlChain *chain;
  g_autoptr(SlExperiment) experiment = NULL;
  g_autofree char *name = NULL;
  const char *pythons[] = { NULL, NULL };
  static const SlStrategy strategies[] = { SL_STRATEGY_AS_DECLARED, SL_STRATEGY_DICT, SL_STRATEGY_SLOTS };

  if (self->session == NULL)
    return;
  chain = sl_session_get_chain (self->session);
  name = g_strdup_printf (_("Experiment %u"),
                          g_list_model_get_n_items (sl_session_get_experiments (self->session)) + 1);
  experiment = sl_experiment_new (name, sl_chain_get_n_classes (chain)
                                          ? sl_class_get_name (sl_chain_get_class (chain, sl_chain_get_n_classes (chain) - 1))
                                          : "");
  pythons[0] = sl_session_get_python (self->session);
  sl_experiment_set_pythons (experiment, pythons);
  sl_experiment_set_strategies (experiment, strategies, G_N_ELEMENTS (strategies));
  sl_session_add_experiment (self->session, experiment);
  sl_experiments_view_select (self, g_list_model_get_n_items (sl_session_get_experiments (self->session)) - 1);
}

static void
remove_experiment_cb (SlExperimentsView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->experiment_list);

  if (row == NULL || self->session == NULL || self->run != NULL)
    return;
  select_experiment (self, NULL);
  sl_session_remove_experiment (self->session, gtk_list_box_row_get_index (row));
}

static void
chart_options_cb (SlExperimentsView *self)
{
  refresh_chart (self);
}

static void
sl_experiments_view_map (GtkWidget *widget)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);

  GTK_WIDGET_CLASS (sl_experiments_view_parent_class)->map (widget);
  /* Each candidate is probed once, when the tab is first shown. */
  if (self->discovery == NULL)
    {
      self->discovery = g_cancellable_new ();
      sl_interpreter_discover_async (self->discovery, discover_cb, self);
    }
}

/* Leaving the window (closing it, quitting) ends the run: the run's own
 * callback keeps this view alive, so dispose alone would come too late. */
static void
sl_experiments_view_unroot (GtkWidget *widget)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);

  sl_experiments_view_cancel (self);
  if (self->discovery)
    g_cancellable_cancel (self->discovery);
  GTK_WIDGET_CLASS (sl_experiments_view_parent_class)->unroot (widget);
}

static void
sl_experiments_view_dispose (GObject *object)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (object);

  sl_experiments_view_cancel (self);
  if (self->discovery)
    g_cancellable_cancel (self->discovery);
  g_clear_object (&self->discovery);
  if (self->session && self->items_id)
    g_signal_handler_disconnect (sl_session_get_experiments (self->session), self->items_id);
  self->items_id = 0;
  if (self->experiment && self->changed_id)
    g_signal_handler_disconnect (self->experiment, self->changed_id);
  self->changed_id = 0;
  g_clear_object (&self->experiment);
  g_clear_object (&self->session);
  g_clear_pointer (&self->interpreters, g_ptr_array_unref);
  g_clear_object (&self->class_names);
  g_clear_object (&self->interpreter_names);
  g_clear_pointer (&self->status, g_free);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_EXPERIMENTS_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sl_experiments_view_parent_class)->dispose (object);
}

static void
sl_experiments_view_class_init (SlExperimentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_experiments_view_dispose;
  widget_class->map = sl_experiments_view_map;
  widget_class->unroot = sl_experiments_view_unroot;

  g_type_ensure (SL_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/slotlab/SlotLab/ui/sl-experiments-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, experiment_list);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, form_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, counts_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, run_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, linear_check);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, chart_view);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentsView, results_grid);

  gtk_widget_class_install_action (widget_class, "experiments.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "experiments.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "experiments.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "experiments.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "experiments.choose-interpreter", NULL, choose_interpreter_action);
}

static void
sl_experiments_view_init (SlExperimentsView *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  build_form (self);
  {
    g_autoptr(GSettingsSchema) schema =
      g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                       "io.github.slotlab.SlotLab", TRUE);

    if (schema != NULL && g_settings_schema_has_key (schema, "default-interpreter"))
      self->settings = g_settings_new ("io.github.slotlab.SlotLab");
  }
  g_signal_connect (self->experiment_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_experiment_cb), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_experiment_cb), self);
  g_signal_connect_swapped (self->chart_dropdown, "notify::selected", G_CALLBACK (chart_options_cb), self);
  g_signal_connect_swapped (self->linear_check, "toggled", G_CALLBACK (chart_options_cb), self);
  g_signal_connect_swapped (self->interpreter_row, "notify::selected", G_CALLBACK (interpreter_selected_cb), self);

  /* Ctrl+R and Ctrl+E anywhere in the window while this tab is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>r"),
                      gtk_named_action_new ("experiments.run")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>e"),
                      gtk_named_action_new ("experiments.export")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  update_actions (self);
}
