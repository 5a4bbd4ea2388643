/* sl-export-dialog.c: the Export dialog (Ctrl+E in the Experiments tab). */

#include <glib/gi18n.h>

#include "sl-export-dialog.h"
#include "sl-export-file.h"
#include "sl-results-csv.h"

struct _SlExportDialog
{
  AdwWindow      parent_instance;

  SlChart       *chart;
  SlExperiment  *experiment;

  AdwComboRow   *format_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  GtkSpinButton *dpi_spin;
  GtkLabel      *error_label;
  GtkButton     *export_button;
};

G_DEFINE_FINAL_TYPE (SlExportDialog, sl_export_dialog, ADW_TYPE_WINDOW)

static const char * const suffixes[] = { ".svg", ".pdf", ".png", ".csv" };

gboolean
sl_export_dialog_export_to (SlExportDialog  *self,
                            const char      *path,
                            GError         **error)
{
  SlExportFormat format = adw_combo_row_get_selected (self->format_row);
  double width = gtk_spin_button_get_value (self->width_spin);
  double height = gtk_spin_button_get_value (self->height_spin);
  double dpi = gtk_spin_button_get_value (self->dpi_spin);

  g_return_val_if_fail (SL_IS_EXPORT_DIALOG (self), FALSE);

  switch (format)
    {
    case SL_EXPORT_CSV:
      {
        g_autoptr(GPtrArray) list = g_ptr_array_new ();
        g_autofree char *csv = NULL;

        g_ptr_array_add (list, self->experiment);
        csv = sl_results_csv_build (list);
        return sl_export_file_write_text (path, csv, -1, error);   /* whole or not there */
      }
    case SL_EXPORT_PNG:
      return sl_chart_export (self->chart, path, SL_CHART_FORMAT_PNG, width, height, dpi, error);
    case SL_EXPORT_SVG:
    case SL_EXPORT_PDF:
    default:
      /* Vector: the pixel size at that resolution, as points. */
      return sl_chart_export (self->chart, path,
                              format == SL_EXPORT_SVG ? SL_CHART_FORMAT_SVG : SL_CHART_FORMAT_PDF,
                              width * 72 / dpi, height * 72 / dpi, 96, error);
    }
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SlExportDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Choose a file on this computer"));
      if (error != NULL || !sl_export_dialog_export_to (self, path, &error))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      else
        gtk_window_destroy (GTK_WINDOW (self));
    }
  g_object_unref (chooser);
}

static void
export_clicked_cb (SlExportDialog *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Export"), _("_Cancel"));
  g_autofree char *name = sl_chart_dup_export_name (self->chart,
                                                    suffixes[MIN (adw_combo_row_get_selected (self->format_row), 3)] + 1);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
format_changed_cb (SlExportDialog *self)
{
  gboolean chart = adw_combo_row_get_selected (self->format_row) != SL_EXPORT_CSV;

  gtk_widget_set_sensitive (GTK_WIDGET (self->width_spin), chart);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height_spin), chart);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dpi_spin), chart);
}

void
sl_export_dialog_set_format (SlExportDialog *self,
                             SlExportFormat  format)
{
  adw_combo_row_set_selected (self->format_row, format);
}

void
sl_export_dialog_set_size (SlExportDialog *self,
                           int             width,
                           int             height,
                           int             dpi)
{
  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  gtk_spin_button_set_value (self->dpi_spin, dpi);
}

static void
sl_export_dialog_dispose (GObject *object)
{
  SlExportDialog *self = SL_EXPORT_DIALOG (object);

  g_clear_object (&self->chart);
  g_clear_object (&self->experiment);
  G_OBJECT_CLASS (sl_export_dialog_parent_class)->dispose (object);
}

static void
sl_export_dialog_class_init (SlExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sl_export_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/slotlab/SlotLab/ui/sl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SlExportDialog, export_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_export_dialog_init (SlExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self);
}

SlExportDialog *
sl_export_dialog_new (GtkWindow    *parent,
                      SlChart      *chart,
                      SlExperiment *experiment)
{
  SlExportDialog *self = g_object_new (SL_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);

  self->chart = g_object_ref (chart);
  self->experiment = g_object_ref (experiment);
  return self;
}

void
sl_export_dialog_present (GtkWindow    *parent,
                          SlChart      *chart,
                          SlExperiment *experiment)
{
  gtk_window_present (GTK_WINDOW (sl_export_dialog_new (parent, chart, experiment)));
}
