/* sl-export-dialog.c: the Export dialog (Ctrl+E in the Experiments tab). */

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sl-export-dialog.h"
#include "sl-results-csv.h"

typedef struct {
  GtkWindow     *window;
  SlChart       *chart;
  SlExperiment  *experiment;
  AdwComboRow   *format_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  GtkSpinButton *dpi_spin;
  GtkLabel      *error_label;
} ExportDialog;

static const char * const formats[] = { "SVG (vector)", "PDF (vector)", "PNG (image)", "CSV (results)", NULL };
static const char * const suffixes[] = { ".svg", ".pdf", ".png", ".csv" };

static void
export_dialog_free (ExportDialog *dialog)
{
  g_clear_object (&dialog->chart);
  g_clear_object (&dialog->experiment);
  g_free (dialog);
}

static gboolean
write_export (ExportDialog *dialog,
              const char   *path,
              GError      **error)
{
  guint format = adw_combo_row_get_selected (dialog->format_row);
  double width = gtk_spin_button_get_value (dialog->width_spin);
  double height = gtk_spin_button_get_value (dialog->height_spin);
  double dpi = gtk_spin_button_get_value (dialog->dpi_spin);

  if (format == 3)
    {
      g_autoptr(GPtrArray) list = g_ptr_array_new ();
      g_autofree char *csv = NULL;

      g_ptr_array_add (list, dialog->experiment);
      csv = sl_results_csv_build (list);
      return g_file_set_contents (path, csv, -1, error);
    }
  if (format == SL_CHART_FORMAT_PNG)
    return sl_chart_export (dialog->chart, path, SL_CHART_FORMAT_PNG, width, height, dpi, error);
  /* Vector: the on-screen pixel size as points. */
  return sl_chart_export (dialog->chart, path, format, width * 72 / dpi, height * 72 / dpi, 96, error);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  ExportDialog    *dialog)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!write_export (dialog, path, &error))
        {
          gtk_label_set_text (dialog->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), TRUE);
        }
      else
        gtk_window_destroy (dialog->window);
    }
  g_object_unref (chooser);
}

static void
save_clicked_cb (ExportDialog *dialog)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export"), dialog->window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("_Cancel"));
  g_autofree char *name = g_strconcat (sl_experiment_get_name (dialog->experiment),
                                       suffixes[adw_combo_row_get_selected (dialog->format_row)], NULL);

  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), dialog);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          double               min,
          double               max,
          double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

void
sl_export_dialog_present (GtkWindow    *parent,
                          SlChart      *chart,
                          SlExperiment *experiment)
{
  ExportDialog *dialog = g_new0 (ExportDialog, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Export…"));
  g_autoptr(GtkStringList) list = gtk_string_list_new (formats);

  dialog->window = GTK_WINDOW (window);
  dialog->chart = g_object_ref (chart);
  dialog->experiment = g_object_ref (experiment);
  gtk_window_set_title (GTK_WINDOW (window), _("Export"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 420, -1);

  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  dialog->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->format_row), _("Format"));
  adw_combo_row_set_model (dialog->format_row, G_LIST_MODEL (list));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (dialog->format_row));
  dialog->width_spin = spin_row (ADW_PREFERENCES_GROUP (group), _("Width (pixels)"), 64, 20000, 1600);
  dialog->height_spin = spin_row (ADW_PREFERENCES_GROUP (group), _("Height (pixels)"), 64, 20000, 1000);
  dialog->dpi_spin = spin_row (ADW_PREFERENCES_GROUP (group), _("Resolution (DPI)"), 36, 1200, 192);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Charts are exported in print style: white background, black text."));

  dialog->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (dialog->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (dialog->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (dialog->error_label), FALSE);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_box_append (GTK_BOX (content), group);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (dialog->error_label));
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), dialog);
  g_object_set_data_full (G_OBJECT (window), "sl-export-dialog", dialog, (GDestroyNotify) export_dialog_free);
  gtk_window_present (GTK_WINDOW (window));
}
