/* sl-application.c: the application — windows, accels, About. */

#include <malloc.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sl-application.h"
#include "sl-document.h"
#include "sl-format.h"
#include "sl-window-private.h"

struct _SlApplication
{
  AdwApplication parent_instance;
  gboolean       recovery_done;
};

G_DEFINE_FINAL_TYPE (SlApplication, sl_application, ADW_TYPE_APPLICATION)

/* Work a crash left behind: each autosave whose window is gone comes
 * back in a window of its own, unsaved, once per start. */
static guint
recover_windows (SlApplication *self)
{
  g_autoptr(GPtrArray) autosaves = NULL;
  guint recovered = 0;

  if (self->recovery_done)
    return 0;
  self->recovery_done = TRUE;
  autosaves = sl_document_list_recoverable ();
  for (guint i = 0; i < autosaves->len; i++)
    {
      SlWindow *window = sl_window_new (GTK_APPLICATION (self));
      g_autoptr(GError) error = NULL;

      if (!sl_window_recover (window, g_ptr_array_index (autosaves, i), &error))
        {
          g_warning ("%s", error->message);
          gtk_window_destroy (GTK_WINDOW (window));
          continue;
        }
      gtk_window_present (GTK_WINDOW (window));
      recovered++;
    }
  return recovered;
}

/* SLOTLAB_FIRST_FRAME_EXIT=1 (tests/gui/bench-cold-start.c): print the
 * monotonic time of the first frame painted and the CPU time the process
 * used until then, in µs, and exit. */
static void
first_frame_painted (GdkFrameClock *clock,
                     gpointer       user_data)
{
  struct timespec cpu;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_print ("first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           (gint64) cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000);
  fflush (stdout);
  _exit (0);
}

static void
first_frame_mapped (GtkWidget *window,
                    gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted), NULL);
}

static void
sl_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL && recover_windows (SL_APPLICATION (app)) > 0)
    return;
  if (window == NULL)
    window = GTK_WINDOW (sl_window_new (GTK_APPLICATION (app)));
  if (g_strcmp0 (g_getenv ("SLOTLAB_FIRST_FRAME_EXIT"), "1") == 0)
    g_signal_connect (window, "map", G_CALLBACK (first_frame_mapped), NULL);
  gtk_window_present (window);
}

static void
sl_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  recover_windows (SL_APPLICATION (app));
  for (int i = 0; i < n_files; i++)
    {
      SlWindow *window = sl_window_new (GTK_APPLICATION (app));

      sl_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
action_quit (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window asks about its unsaved changes. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static void
action_about (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "The Slot Lab contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Slot Lab"),
                        "application-icon", SL_APP_ID,
                        "developer-name", _("The Slot Lab contributors"),
                        "version", SL_VERSION,
                        "website", "https://github.com/slotlab/slotlab",
                        "issue-url", "https://github.com/slotlab/slotlab/issues",
                        "comments", _("Where CPython stores an object's attributes — __dict__, "
                                      "__slots__, or both — and what each choice costs, "
                                      "version by version, to the byte."),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The Lecture 17 example in a window of its own: nothing open is replaced. */
static void
action_open_lecture_17 (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  SlWindow *window = sl_window_new (GTK_APPLICATION (user_data));
  g_autoptr(SlSession) session = sl_session_new_lecture_17 ();

  sl_window_set_session (window, session, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* Run and Export from the menu or the keyboard, wherever the focus is:
 * the Experiments tab comes forward and does it. */
static void
activate_on_experiments (SlApplication *self,
                         const char    *action)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  SlWindow *window;

  if (!SL_IS_WINDOW (active))
    return;
  window = SL_WINDOW (active);
  adw_view_stack_set_visible_child_name (window->view_stack, "experiments");
  gtk_widget_activate_action (GTK_WIDGET (sl_window_get_experiments_view (window)), action, NULL);
}

static void
action_run_experiment (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  activate_on_experiments (user_data, "experiments.run");
}

static void
action_run_everywhere (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  activate_on_experiments (user_data, "experiments.run-everywhere");
}

static void
action_export_experiment (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  activate_on_experiments (user_data, "experiments.export");
}

static const GActionEntry app_actions[] = {
  { "quit", action_quit },
  { "about", action_about },
  { "open-lecture-17", action_open_lecture_17 },
  { "run-experiment", action_run_experiment },
  { "run-everywhere", action_run_everywhere },
  { "export-experiment", action_export_experiment },
};

/* Every frame, GTK 4.8 on X11 with the cairo renderer paints into a new
 * image of the damaged area and frees it after.  Above glibc's mmap
 * threshold each of those is fresh memory from the kernel, page-faulted
 * in while it is painted: the paint of a chart-sized frame cost 3–6 ms
 * of the main thread that way (bench-frames, perf).  Kept in the heap
 * (up to 32 MiB per block, trimmed past 64 MiB free), the next frame
 * reuses the same pages. */
static void
keep_frame_memory (void)
{
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}

static void
sl_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "win.new",                { "<Control>n", NULL } },
    { "win.open",               { "<Control>o", NULL } },
    { "win.save",               { "<Control>s", NULL } },
    { "win.save-as",            { "<Control><Shift>s", NULL } },
    { "win.undo",               { "<Control>z", NULL } },
    { "win.redo",               { "<Control><Shift>z", NULL } },
    { "win.add-class",          { "<Control><Shift>n", NULL } },
    { "win.copy-python",        { "<Control><Shift>c", NULL } },
    { "win.show-primary-menu",  { "F10", NULL } },
    { "win.show-help-overlay",  { "<Control>question", NULL } },
    { "app.quit",               { "<Control>q", NULL } },
    { "app.run-experiment",     { "<Control>r", NULL } },
    { "app.run-everywhere",     { "<Control><Shift>r", NULL } },
    { "app.export-experiment",  { "<Control>e", NULL } },
  };

  keep_frame_memory ();
  sl_ui_ensure_resources ();
  G_APPLICATION_CLASS (sl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
sl_application_class_init (SlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sl_application_activate;
  app_class->open = sl_application_open;
  app_class->startup = sl_application_startup;
}

static void
sl_application_init (SlApplication *self)
{
  sl_ui_ensure_resources ();
}

SlApplication *
sl_application_new (void)
{
  SlApplication *self = g_object_new (SL_TYPE_APPLICATION,
                                      "application-id", SL_APP_ID,
                                      "flags", G_APPLICATION_HANDLES_OPEN,
                                      "resource-base-path", "/io/github/slotlab/SlotLab",
                                      NULL);

  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[SESSION.slotlab…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Opens the sessions given, or the built-in Lecture 17 session."));
  return self;
}
