/* sl-experiments-actions.c: the Experiments tab's actions — run, run on
 * every interpreter, cancel,
 * export, copy the chart or the table, remove a run. */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-experiments-view-private.h"
#include "sl-export-dialog.h"

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  if (gtk_widget_get_mapped (widget))
    sl_experiments_view_run (SL_EXPERIMENTS_VIEW (widget));
}

static void
run_everywhere_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  if (gtk_widget_get_mapped (widget))
    sl_experiments_view_run_everywhere (SL_EXPERIMENTS_VIEW (widget));
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
  g_autoptr(SlExperiment) shown = NULL;

  if (self->experiment == NULL || !gtk_widget_get_mapped (widget))
    return;
  /* What is drawn is what is exported: the runs shown, the window's version. */
  shown = sl_experiments_view_dup_shown (self);
  sl_export_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                            sl_chart_view_get_chart (self->chart_view), shown);
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
      sl_experiments_view_set_status (self, error->message);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  sl_experiments_view_toast (self, _("Chart copied"));
}

static void
copy_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);
  g_autofree char *text = sl_results_table_dup_text (self->results_table);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  sl_experiments_view_toast (self, _("Table copied as text"));
}

static void
remove_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlExperimentsView *self = SL_EXPERIMENTS_VIEW (widget);
  guint id = self->shown_run;
  g_autofree char *text = NULL;

  if (self->experiment == NULL || self->run != NULL || id == 0)
    return;
  self->shown_run = 0;     /* the newest left takes its place */
  sl_experiment_remove_run (self->experiment, id);
  text = g_strdup_printf (_("Run #%u removed"), id);
  sl_experiments_view_toast (self, text);
}

void
sl_experiments_view_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "experiments.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "experiments.run-everywhere", NULL, run_everywhere_action);
  gtk_widget_class_install_action (widget_class, "experiments.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "experiments.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "experiments.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "experiments.copy-table", NULL, copy_table_action);
  gtk_widget_class_install_action (widget_class, "experiments.remove-run", NULL, remove_run_action);

  /* Ctrl+R, Ctrl+Shift+R and Ctrl+E are the application's
   * (app.run-experiment, app.run-everywhere, app.export-experiment in
   * sl-application.c): they work from any tab. */
}
