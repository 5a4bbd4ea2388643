/* bench-cold-start.c: from exec to the first frame of the Slot Lab window
 * on the Lecture 17 session (meson benchmark under Xvfb, not a test).
 *
 * The real `slotlab` is started with SLOTLAB_FIRST_FRAME_EXIT=1: its
 * window prints the monotonic time of its first after-paint and exits.
 * Baseline, in the same run and started the same way: this program
 * re-executed with --bare, a GtkWindow with a label and nothing else.
 * Alternated, best and median of 5 each, the load average beside them;
 * also the CPU time each process used until its first frame, which a
 * loaded machine stretches less than the wall clock.
 * Goal (issue 13): under 0.5 s. */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <gtk/gtk.h>

#define ROUNDS 5

static void
after_paint_cb (GdkFrameClock *clock,
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
map_cb (GtkWidget *widget,
        gpointer   user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static int
bare_window (void)
{
  GtkWindow *window;

  gtk_init ();
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  gtk_window_set_child (window, gtk_label_new ("Slot Lab"));
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  gtk_window_present (window);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 1;
}

/* Seconds from just before the exec to the first frame, and the CPU
 * seconds the process used until then (steadier on a loaded machine);
 * FALSE when it did not report. */
static gboolean
start_once (const char * const *argv,
            double             *wall,
            double             *cpu)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  const char *line;
  char *end;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "SLOTLAB_FIRST_FRAME_EXIT", "1", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, NULL) ||
      (line = strstr (out, "first-frame ")) == NULL)
    return FALSE;
  *wall = (g_ascii_strtoll (line + strlen ("first-frame "), &end, 10) - start) / 1e6;
  *cpu = g_ascii_strtoll (end, NULL, 10) / 1e6;
  return TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  *strchr (text, ' ') = '\0';
  return g_steal_pointer (&text);
}

int
main (int   argc,
      char *argv[])
{
  const char *app = g_getenv ("SLOTLAB_APP");
  const char *app_argv[] = { app, NULL };
  const char *bare_argv[] = { argv[0], "--bare", NULL };
  double window[ROUNDS], bare[ROUNDS], window_cpu[ROUNDS], bare_cpu[ROUNDS];
  g_autofree char *load_before = NULL, *load_after = NULL;

  if (argc == 2 && g_str_equal (argv[1], "--bare"))
    return bare_window ();
  if (app == NULL || !g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_print ("SKIP: SLOTLAB_APP names no program\n");
      return 77;
    }

  load_before = load_average ();
  for (guint i = 0; i < ROUNDS; i++)
    if (!start_once (app_argv, &window[i], &window_cpu[i]) || !start_once (bare_argv, &bare[i], &bare_cpu[i]))
      {
        g_printerr ("a start did not report its first frame\n");
        return 1;
      }
  load_after = load_average ();
  qsort (window, ROUNDS, sizeof (double), compare_double);
  qsort (bare, ROUNDS, sizeof (double), compare_double);
  qsort (window_cpu, ROUNDS, sizeof (double), compare_double);
  qsort (bare_cpu, ROUNDS, sizeof (double), compare_double);
  g_print ("exec to first frame, best / median of %d: Slot Lab on Lecture 17 %.3f / %.3f s, "
           "a bare GtkWindow %.3f / %.3f s; ratio %.2fx / %.2fx (goal: < 0.5 s); load %s -> %s\n",
           ROUNDS, window[0], window[ROUNDS / 2], bare[0], bare[ROUNDS / 2],
           window[0] / MAX (bare[0], 0.001), window[ROUNDS / 2] / MAX (bare[ROUNDS / 2], 0.001),
           load_before, load_after);
  g_print ("CPU time of the process until then, best / median: Slot Lab %.3f / %.3f s, "
           "a bare GtkWindow %.3f / %.3f s; ratio %.2fx / %.2fx\n",
           window_cpu[0], window_cpu[ROUNDS / 2], bare_cpu[0], bare_cpu[ROUNDS / 2],
           window_cpu[0] / MAX (bare_cpu[0], 0.001), window_cpu[ROUNDS / 2] / MAX (bare_cpu[ROUNDS / 2], 0.001));
  return 0;
}
