/* sl-experiment-form.c: the form of one experiment (template:
 * sl-experiment-form.ui).
 *
 * Edits go through the document (sl_document_set_experiment(): the form
 * fills a copy of the experiment and the document assigns its settings),
 * so that each is one named step of the history, saved and undone with
 * the session.  What a typed text
 * means (a list of counts) is the engine's to say (sl_parse_count_list());
 * which interpreter a live run uses is sl_interpreter_choose()'s.
 */

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-document.h"
#include "sl-experiment-form.h"
#include "sl-profile.h"
#include "sl-spin-scroll.h"
#include "sl-string-list.h"
#include "sl-tooltip.h"

struct _SlExperimentForm
{
  GtkWidget            parent_instance;

  SlDocument          *document;
  SlSession           *session;         /* the document's */
  gulong               chain_changed_id; /* on the session's chain */
  SlExperiment        *experiment;      /* the session's, never edited here */
  gboolean             updating;
  gboolean             restoring;       /* filling the interpreter list */
  gboolean             running;
  GPtrArray           *interpreters;    /* SlInterpreter */
  GCancellable        *discovery;
  GSettings           *settings;        /* NULL when the schema is not installed */
  GPtrArray           *version_checks;  /* GtkCheckButton, one per profile */
  GtkCheckButton      *strategy_checks[SL_N_STRATEGIES];

  /* template */
  AdwPreferencesGroup *form_group;
  AdwPreferencesGroup *strategies_group;
  AdwPreferencesGroup *counts_group;
  AdwPreferencesGroup *run_group;
  AdwEntryRow         *name_row;
  AdwComboRow         *class_row;
  GtkStringList       *class_names;
  AdwExpanderRow      *versions_row;
  AdwComboRow         *metric_row;
  AdwComboRow         *scale_row;
  AdwActionRow        *from_row;
  AdwActionRow        *to_row;
  AdwActionRow        *points_row;
  GtkSpinButton       *from_spin;
  GtkSpinButton       *to_spin;
  GtkSpinButton       *points_spin;
  AdwEntryRow         *list_row;
  AdwComboRow         *backend_row;
  AdwComboRow         *interpreter_row;
  GtkStringList       *interpreter_names;
  AdwActionRow        *interpreter_info;
};

G_DEFINE_FINAL_TYPE (SlExperimentForm, sl_experiment_form, GTK_TYPE_WIDGET)

enum { MESSAGE, INTERPRETER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void refresh_interpreter (SlExperimentForm *self);

static void
message (SlExperimentForm *self,
         const char       *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

/* The version a run of the experiment measures: the window's, unless the
 * experiment compares several (then the first of them). */
static char *
dup_version (SlExperimentForm *self)
{
  g_auto(GStrv) pythons = NULL;

  if (self->experiment == NULL || self->session == NULL)
    return NULL;
  pythons = sl_experiment_dup_pythons_for (self->experiment, sl_session_get_python (self->session));
  return pythons[0] ? g_strdup (pythons[0]) : NULL;
}

/* ---- versions ---- */

static void
refresh_versions (SlExperimentForm *self)
{
  GPtrArray *profiles = sl_profile_list ();
  const char *python = self->session ? sl_session_get_python (self->session) : NULL;
  gboolean compares = self->experiment && sl_experiment_compares_versions (self->experiment);
  const char * const *pythons = self->experiment ? sl_experiment_get_pythons (self->experiment) : NULL;
  g_autofree char *subtitle = NULL;

  if (compares)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) pythons);

      subtitle = g_strdup_printf (_("Compares Python %s"), list);
    }
  else
    subtitle = g_strdup_printf (_("Off: Python %s, the version chosen in the header"), python ? python : "");
  adw_expander_row_set_subtitle (self->versions_row, subtitle);
  adw_expander_row_set_enable_expansion (self->versions_row, compares);
  for (guint i = 0; i < profiles->len && i < self->version_checks->len; i++)
    {
      const char *id = sl_profile_get_id (g_ptr_array_index (profiles, i));

      gtk_check_button_set_active (g_ptr_array_index (self->version_checks, i),
                                   compares ? g_strv_contains (pythons, id) : g_strcmp0 (id, python) == 0);
    }
}

/* A copy of the experiment for an edit to fill, then hand to commit(). */
static SlExperiment *
begin_edit (SlExperimentForm *self)
{
  return sl_experiment_copy (self->experiment);
}

/* The edit as one step of the document's history. */
static void
commit (SlExperimentForm *self,
        SlExperiment     *settings)
{
  GListModel *experiments = sl_session_get_experiments (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (experiments); i++)
    {
      g_autoptr(SlExperiment) item = g_list_model_get_item (experiments, i);

      if (item == self->experiment)
        {
          sl_document_set_experiment (self->document, i, settings);
          return;
        }
    }
}

static void
versions_changed_cb (SlExperimentForm *self)
{
  GPtrArray *profiles = sl_profile_list ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) pythons = NULL;
  const char *python = sl_session_get_python (self->session);
  guint n = 0;

  if (self->updating || self->experiment == NULL || self->document == NULL)
    return;
  self->updating = TRUE;
  if (adw_expander_row_get_enable_expansion (self->versions_row))
    {
      for (guint i = 0; i < profiles->len && i < self->version_checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->version_checks, i)))
          {
            g_strv_builder_add (builder, sl_profile_get_id (g_ptr_array_index (profiles, i)));
            n++;
          }
      /* Switched on with one version ticked: the window's and the one
       * before it, so that there is something to compare. */
      if (n < 2)
        {
          g_strv_builder_unref (builder);
          builder = g_strv_builder_new ();
          for (guint i = 0; i < profiles->len; i++)
            if (g_strcmp0 (sl_profile_get_id (g_ptr_array_index (profiles, i)), python) == 0)
              {
                guint other = i > 0 ? i - 1 : MIN (i + 1, profiles->len - 1);

                g_strv_builder_add (builder, sl_profile_get_id (g_ptr_array_index (profiles, MIN (i, other))));
                if (other != i)
                  g_strv_builder_add (builder, sl_profile_get_id (g_ptr_array_index (profiles, MAX (i, other))));
              }
        }
      pythons = g_strv_builder_end (builder);
    }
  else
    pythons = g_strdupv ((char *[]) { (char *) python, NULL });
  {
    g_autoptr(SlExperiment) edit = begin_edit (self);

    sl_experiment_set_pythons (edit, (const char * const *) pythons);
    commit (self, edit);
  }
  refresh_versions (self);
  self->updating = FALSE;
  refresh_interpreter (self);
}

/* ---- the form ---- */

static guint64
spin_value (GtkSpinButton *spin)
{
  return (guint64) llround (gtk_spin_button_get_value (spin));
}

static void
update_sensitivity (SlExperimentForm *self)
{
  gboolean editable = self->experiment != NULL && !self->running;
  gboolean list = self->experiment && sl_experiment_get_scale (self->experiment) == SL_SCALE_LIST;

  GtkWidget *groups[] = { GTK_WIDGET (self->form_group),
                          GTK_WIDGET (self->strategies_group),
                          GTK_WIDGET (self->counts_group) };

  /* A run only locks the form: it stays sensitive and takes neither
   * pointer nor focus.  Making these big groups insensitive restyles
   * and repaints every row in the frame after Run, which alone was
   * longer than a frame (issue 13, tests/gui/bench-frames). */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      gtk_widget_set_sensitive (groups[i], self->experiment != NULL);
      gtk_widget_set_can_target (groups[i], editable);
      gtk_widget_set_can_focus (groups[i], editable);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_group), !self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->list_row), list);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row), !list);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), !list);
  gtk_widget_set_visible (GTK_WIDGET (self->points_row), !list);
}

static void
form_changed_cb (SlExperimentForm *self)
{
  g_autoptr(SlExperiment) e = NULL;
  SlStrategy strategies[SL_N_STRATEGIES];
  guint n = 0, scale;
  const char *class_name;

  /* Locked, not insensitive, during a run (see update_sensitivity). */
  if (self->updating || self->running || self->experiment == NULL || self->document == NULL)
    return;
  self->updating = TRUE;
  e = begin_edit (self);

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

  scale = adw_combo_row_get_selected (self->scale_row);
  if (scale == SL_SCALE_LIST)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) counts = sl_parse_count_list (gtk_editable_get_text (GTK_EDITABLE (self->list_row)), &error);

      if (counts != NULL)
        {
          sl_experiment_set_count_list (e, (guint64 *) counts->data, counts->len);
          gtk_widget_remove_css_class (GTK_WIDGET (self->list_row), "error");
          sl_tooltip_set_text (GTK_WIDGET (self->list_row), NULL);
        }
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->list_row), "error");
          sl_tooltip_set_text (GTK_WIDGET (self->list_row), error->message);
        }
    }
  else
    sl_experiment_set_range (e, spin_value (self->from_spin), spin_value (self->to_spin),
                             (guint) spin_value (self->points_spin), scale);
  commit (self, e);
  self->updating = FALSE;
  update_sensitivity (self);
  refresh_interpreter (self);
}

/* The Class row: the chain's classes, the experiment's selected.  Called
 * with self->updating set, so that the selection is not taken for an
 * edit. */
static void
refresh_class_list (SlExperimentForm *self)
{
  SlChain *chain = sl_session_get_chain (self->session);
  guint n = sl_chain_get_n_classes (chain), selected = GTK_INVALID_LIST_POSITION;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      const char *name = sl_class_get_name (sl_chain_get_class (chain, i));

      g_ptr_array_add (names, (char *) name);
      if (g_strcmp0 (name, sl_experiment_get_class_name (self->experiment)) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);
  /* A splice makes the combo row build its list again, and the form is
   * refreshed on every change of the experiment, a finished run's points
   * among them (a frame of the run, issue 13).  Whole when it is needed:
   * see sl-string-list.c for why not sl_string_list_set. */
  if (!sl_string_list_equals (self->class_names, (const char * const *) names->pdata))
    gtk_string_list_splice (self->class_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->class_names)),
                            (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->class_row, selected);
}

/* A class added, removed or renamed (from the sidebar, which stays on the
 * Experiments page) shows in the Class row at once. */
static void
chain_changed_cb (SlExperimentForm *self)
{
  if (self->experiment == NULL || self->session == NULL || self->updating)
    return;
  self->updating = TRUE;
  refresh_class_list (self);
  self->updating = FALSE;
  update_sensitivity (self);
}

static void
refresh_form (SlExperimentForm *self)
{
  SlExperiment *e = self->experiment;
  guint64 from, to;
  guint points;

  update_sensitivity (self);
  if (e == NULL || self->session == NULL)
    return;
  self->updating = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), sl_experiment_get_name (e));
  refresh_class_list (self);
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
  adw_combo_row_set_selected (self->scale_row, sl_experiment_get_scale (e));
  sl_experiment_get_range (e, &from, &to, &points);
  gtk_spin_button_set_value (self->from_spin, from);
  gtk_spin_button_set_value (self->to_spin, to);
  gtk_spin_button_set_value (self->points_spin, points);
  {
    g_autoptr(GArray) counts = sl_experiment_dup_counts (e);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < counts->len; i++)
      g_string_append_printf (text, "%s%" G_GUINT64_FORMAT, i ? ", " : "", g_array_index (counts, guint64, i));
    gtk_editable_set_text (GTK_EDITABLE (self->list_row), text->str);
  }
  refresh_versions (self);
  self->updating = FALSE;
  update_sensitivity (self);
  refresh_interpreter (self);
}

void
sl_experiment_form_set_document (SlExperimentForm *self,
                                 SlDocument       *document)
{
  g_return_if_fail (SL_IS_EXPERIMENT_FORM (self));

  if (self->session != NULL)
    g_clear_signal_handler (&self->chain_changed_id, sl_session_get_chain (self->session));
  g_set_object (&self->document, document);
  g_set_object (&self->session, (document ? sl_document_get_session (document) : NULL));
  if (self->session != NULL)
    self->chain_changed_id = g_signal_connect_swapped (sl_session_get_chain (self->session), "changed",
                                                       G_CALLBACK (chain_changed_cb), self);
  sl_experiment_form_set_experiment (self, NULL);
}

void
sl_experiment_form_set_experiment (SlExperimentForm *self,
                                   SlExperiment     *experiment)
{
  g_return_if_fail (SL_IS_EXPERIMENT_FORM (self));

  g_set_object (&self->experiment, experiment);
  refresh_form (self);
}

void
sl_experiment_form_reload (SlExperimentForm *self)
{
  g_return_if_fail (SL_IS_EXPERIMENT_FORM (self));

  if (!self->updating)
    refresh_form (self);
}

void
sl_experiment_form_refresh (SlExperimentForm *self)
{
  g_return_if_fail (SL_IS_EXPERIMENT_FORM (self));

  if (self->updating)
    return;
  self->updating = TRUE;
  refresh_versions (self);
  self->updating = FALSE;
  refresh_interpreter (self);
}

void
sl_experiment_form_set_running (SlExperimentForm *self,
                                gboolean          running)
{
  g_return_if_fail (SL_IS_EXPERIMENT_FORM (self));

  self->running = running;
  update_sensitivity (self);
}

/* ---- interpreters ---- */

SlInterpreter *
sl_experiment_form_get_interpreter (SlExperimentForm *self)
{
  guint i;

  g_return_val_if_fail (SL_IS_EXPERIMENT_FORM (self), NULL);

  i = adw_combo_row_get_selected (self->interpreter_row);
  if (self->interpreters == NULL || i >= self->interpreters->len)
    return NULL;
  return g_ptr_array_index (self->interpreters, i);
}

guint
sl_experiment_form_get_n_interpreters (SlExperimentForm *self)
{
  g_return_val_if_fail (SL_IS_EXPERIMENT_FORM (self), 0);
  return self->interpreters ? self->interpreters->len : 0;
}

static void
describe_interpreter (SlExperimentForm *self)
{
  SlInterpreter *interp = sl_experiment_form_get_interpreter (self);
  g_autofree char *version = dup_version (self);
  g_autofree char *text = NULL;

  if (self->interpreters == NULL)
    text = g_strdup (_("Looking for interpreters…"));
  else if (interp == NULL)
    text = g_strdup_printf (_("No Python %s found here: choose one"), version ? version : "");
  else if (version != NULL && !sl_interpreter_is_version (interp, version))
    text = g_strdup_printf (_("Python %s is not the experiment's %s: a live run measures %s"),
                            sl_interpreter_get_version (interp), version, sl_interpreter_get_version (interp));
  else if (sl_interpreter_get_profile_id (interp))
    text = g_strdup_printf (_("Python %s, profile %s"), sl_interpreter_get_version (interp),
                            sl_interpreter_get_profile_id (interp));
  else
    text = g_strdup_printf (_("Python %s: no profile covers it (live only)"),
                            sl_interpreter_get_version (interp));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->interpreter_info), text);
  adw_action_row_set_subtitle (self->interpreter_info, interp ? sl_interpreter_get_path (interp) : "");
}

/* A live run defaults to an interpreter of exactly the experiment's
 * version, the one the user chose last if it is such. */
static void
refresh_interpreter (SlExperimentForm *self)
{
  g_autofree char *version = dup_version (self);
  g_autofree char *saved = NULL;
  SlInterpreter *chosen;
  SlInterpreter *current = sl_experiment_form_get_interpreter (self);

  if (self->interpreters == NULL)
    {
      describe_interpreter (self);
      return;
    }
  /* The user's own pick of exactly this version stays. */
  if (current == NULL || version == NULL || !sl_interpreter_is_version (current, version))
    {
      saved = self->settings ? g_settings_get_string (self->settings, "default-interpreter") : NULL;
      chosen = sl_interpreter_choose (self->interpreters, version, saved);
      self->restoring = TRUE;
      if (chosen != NULL)
        {
          guint index = 0;

          g_ptr_array_find (self->interpreters, chosen, &index);
          adw_combo_row_set_selected (self->interpreter_row, index);
        }
      else
        adw_combo_row_set_selected (self->interpreter_row, GTK_INVALID_LIST_POSITION);
      self->restoring = FALSE;
    }
  describe_interpreter (self);
}

static void
interpreter_selected_cb (SlExperimentForm *self)
{
  SlInterpreter *interp = sl_experiment_form_get_interpreter (self);

  /* The user's choice is remembered: the machine's setting, never the session's. */
  if (!self->restoring && interp != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "default-interpreter", sl_interpreter_get_path (interp));
  describe_interpreter (self);
  g_signal_emit (self, signals[INTERPRETER_CHANGED], 0);
}

static void
add_interpreter (SlExperimentForm *self,
                 SlInterpreter    *interp)
{
  g_autofree char *label = NULL;

  if (self->interpreters == NULL)
    self->interpreters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->interpreters->len; i++)
    if (g_strcmp0 (sl_interpreter_get_path (g_ptr_array_index (self->interpreters, i)),
                   sl_interpreter_get_path (interp)) == 0)
      return;
  /* Each once, with its path: two builds of one release stay apart. */
  label = g_strdup_printf ("%s%s — %s", sl_interpreter_get_version (interp),
                           sl_interpreter_get_profile_id (interp) ? "" : _(" (no profile)"),
                           sl_interpreter_get_path (interp));
  g_ptr_array_add (self->interpreters, g_object_ref (interp));
  gtk_string_list_append (self->interpreter_names, label);
}

/* The interpreter the user picked last time with Other… (settings): probed
 * like any other, and offered if it is still there. */
static void
saved_probe_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlInterpreter) interp = sl_interpreter_probe_finish (result, &error);
  SlExperimentForm *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;    /* the form is gone */
  self = user_data;
  if (interp == NULL)
    return;    /* gone or broken since: the discovered ones are offered */
  self->restoring = TRUE;
  add_interpreter (self, interp);
  self->restoring = FALSE;
  refresh_interpreter (self);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GPtrArray) found = sl_interpreter_discover_finish (result, NULL);
  SlExperimentForm *self;

  if (found == NULL)
    return;    /* cancelled: the form is gone */
  self = user_data;
  self->restoring = TRUE;
  if (self->interpreters == NULL)
    self->interpreters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < found->len; i++)
    add_interpreter (self, g_ptr_array_index (found, i));
  self->restoring = FALSE;
  {
    g_autofree char *saved = self->settings ? g_settings_get_string (self->settings, "default-interpreter") : NULL;
    gboolean known = FALSE;

    for (guint i = 0; saved && i < self->interpreters->len; i++)
      known |= g_strcmp0 (sl_interpreter_get_path (g_ptr_array_index (self->interpreters, i)), saved) == 0;
    if (saved != NULL && *saved != '\0' && !known)
      sl_interpreter_probe_async (saved, self->discovery, saved_probe_cb, self);
  }
  refresh_interpreter (self);
}

static void
choose_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    SlExperimentForm *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlInterpreter) interp = sl_interpreter_probe (path, NULL, &error);

      if (interp == NULL)
        message (self, error->message);
      else
        {
          add_interpreter (self, interp);
          for (guint i = 0; i < self->interpreters->len; i++)
            if (g_strcmp0 (sl_interpreter_get_path (g_ptr_array_index (self->interpreters, i)),
                           sl_interpreter_get_path (interp)) == 0)
              adw_combo_row_set_selected (self->interpreter_row, i);
        }
    }
  g_object_unref (dialog);
}

static void
choose_interpreter_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Choose a Python interpreter"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));

  g_signal_connect (dialog, "response", G_CALLBACK (choose_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- the widget ---- */

static void
sl_experiment_form_map (GtkWidget *widget)
{
  SlExperimentForm *self = SL_EXPERIMENT_FORM (widget);

  GTK_WIDGET_CLASS (sl_experiment_form_parent_class)->map (widget);
  /* Each candidate is probed once, when the form is first shown. */
  if (self->discovery == NULL)
    {
      self->discovery = g_cancellable_new ();
      sl_interpreter_discover_async (self->discovery, discover_cb, self);
    }
}

static void
sl_experiment_form_unroot (GtkWidget *widget)
{
  SlExperimentForm *self = SL_EXPERIMENT_FORM (widget);

  if (self->discovery)
    g_cancellable_cancel (self->discovery);
  GTK_WIDGET_CLASS (sl_experiment_form_parent_class)->unroot (widget);
}

static void
sl_experiment_form_dispose (GObject *object)
{
  SlExperimentForm *self = SL_EXPERIMENT_FORM (object);

  if (self->discovery)
    g_cancellable_cancel (self->discovery);
  g_clear_object (&self->discovery);
  g_clear_object (&self->experiment);
  if (self->session != NULL)
    g_clear_signal_handler (&self->chain_changed_id, sl_session_get_chain (self->session));
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->interpreters, g_ptr_array_unref);
  g_clear_pointer (&self->version_checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_EXPERIMENT_FORM);
  {
    GtkWidget *child;

    /* The template's root is no bound child: it goes here. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  G_OBJECT_CLASS (sl_experiment_form_parent_class)->dispose (object);
}

static void
sl_experiment_form_class_init (SlExperimentFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_experiment_form_dispose;
  widget_class->map = sl_experiment_form_map;
  widget_class->unroot = sl_experiment_form_unroot;

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Another interpreter chosen (or the first found): a live run's version. */
  signals[INTERPRETER_CHANGED] = g_signal_new ("interpreter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/slotlab/SlotLab/ui/sl-experiment-form.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, form_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, strategies_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, counts_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, run_group);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, class_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, class_names);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, versions_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, metric_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, scale_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, from_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, to_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, points_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, from_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, to_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, points_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, list_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, backend_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, interpreter_row);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, interpreter_names);
  gtk_widget_class_bind_template_child (widget_class, SlExperimentForm, interpreter_info);

  gtk_widget_class_install_action (widget_class, "form.choose-interpreter", NULL, choose_interpreter_action);
}

static void
sl_experiment_form_init (SlExperimentForm *self)
{
  GPtrArray *profiles = sl_profile_list ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* One row per strategy, a check box each, so the form stays narrow. */
  for (guint s = 0; s < SL_N_STRATEGIES; s++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_strategy_get_label (s));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      self->strategy_checks[s] = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->strategy_checks[s]), GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (self->strategy_checks[s]));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->strategy_checks[s]));
      g_signal_connect_swapped (self->strategy_checks[s], "toggled", G_CALLBACK (form_changed_cb), self);
      adw_preferences_group_add (self->strategies_group, row);
    }

  /* One row per profile inside "Compare Python versions". */
  self->version_checks = g_ptr_array_new ();
  for (guint i = 0; i < profiles->len; i++)
    {
      SlProfile *profile = g_ptr_array_index (profiles, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sl_profile_get_label (profile));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (versions_changed_cb), self);
      adw_expander_row_add_row (self->versions_row, row);
      g_ptr_array_add (self->version_checks, check);
    }
  g_signal_connect_swapped (self->versions_row, "notify::enable-expansion", G_CALLBACK (versions_changed_cb), self);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->class_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->metric_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->backend_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->list_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->from_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->to_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->points_spin, "value-changed", G_CALLBACK (form_changed_cb), self);
  /* The form scrolls: the wheel passing over a count must not change it. */
  sl_spin_scroll_when_focused (self->from_spin);
  sl_spin_scroll_when_focused (self->to_spin);
  sl_spin_scroll_when_focused (self->points_spin);
  g_signal_connect_swapped (self->interpreter_row, "notify::selected", G_CALLBACK (interpreter_selected_cb), self);

  {
    g_autoptr(GSettingsSchema) schema =
      g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                       "io.github.slotlab.SlotLab", TRUE);

    if (schema != NULL && g_settings_schema_has_key (schema, "default-interpreter"))
      self->settings = g_settings_new ("io.github.slotlab.SlotLab");
  }
  update_sensitivity (self);
}
