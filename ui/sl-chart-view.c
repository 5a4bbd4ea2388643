/* sl-chart-view.c: an SlChart in a GtkDrawingArea, drawn off the main
 * thread.
 *
 * A chart is a PLplot stream and a few hundred cairo calls: 10–30 ms,
 * more than a frame.  So the draw function only paints the last finished
 * picture (scaled while the size changes), and a change (a point arriving,
 * another experiment, dark mode, a new size) starts one render on a worker
 * thread, from a copy of what the chart was given.  One render at a time:
 * changes that come while it runs are folded into the next one, so the
 * chart follows at the pace the machine allows and the main loop never
 * waits.  The first picture of a view is drawn at once, on the main
 * thread, so a view never opens blank.
 *
 * While a live run streams points (sl_chart_view_set_background), the
 * renders run on a thread of the chart views' own at nice 19.  With both
 * cores taken, a render at normal priority is the one program left that
 * the main thread must share a core with: the scheduler then keeps a
 * frame waiting up to a tick (4 ms at HZ=250) behind it, while the other
 * core runs a SCHED_IDLE interpreter the frame could have taken at once
 * (perf sched, issue 13).  Nice 19 and not SCHED_IDLE: a render holds
 * locks the main thread takes too (fontconfig's, cairo's font caches),
 * and at SCHED_IDLE it shares a core evenly with the interpreters while
 * the main thread waits on such a lock, 15–50 ms (perf sched, futex
 * waits); at nice 19 it still comes before them, five to one. */

#define _GNU_SOURCE
#include <sys/resource.h>
#include <unistd.h>

#include <adwaita.h>

#include "sl-chart-view.h"

struct _SlChartView
{
  GtkWidget        parent_instance;
  GtkDrawingArea  *area;
  SlChart         *chart;

  cairo_surface_t *picture;          /* the last finished render, or NULL */
  struct RenderJob *picture_job;     /* what it shows, at which size; set with picture */
  guint            generation;       /* bumped by every change of the chart */
  guint            accessible_generation;
  guint            render_idle_id;    /* a render to start, see queue_draw */
  gboolean         rendering;
  gboolean         background;        /* renders give way to the window */
};

G_DEFINE_FINAL_TYPE (SlChartView, sl_chart_view, GTK_TYPE_WIDGET)

typedef struct RenderJob {
  SlExperiment *experiment;
  SlChain      *chain;
  char         *fallback_python;
  GPtrArray    *extra;
  SlChartKind   kind;
  gboolean      linear;
  int           width, height, scale;
  gboolean      dark;
  guint         generation;
} RenderJob;

static void
render_job_clear (RenderJob *job)
{
  g_clear_object (&job->experiment);
  g_clear_object (&job->chain);
  g_free (job->fallback_python);
  g_clear_pointer (&job->extra, g_ptr_array_unref);
}

/* Shared by the worker and, once drawn, the picture it made. */
static void
render_job_unref (RenderJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) render_job_clear);
}

/* Whether the chart, as it is now, is what @job drew (at any size). */
static gboolean
render_job_shows (RenderJob *job,
                  SlChart   *chart)
{
  SlExperiment *experiment = sl_chart_get_experiment (chart);
  SlChain *chain = sl_chart_get_chain (chart);
  GPtrArray *extra = sl_chart_get_extra_points (chart);

  if ((job->experiment == NULL) != (experiment == NULL) || (job->chain == NULL) != (chain == NULL) ||
      (experiment != NULL && !sl_experiment_equal (job->experiment, experiment)) ||
      (chain != NULL && !sl_chain_equal (job->chain, chain)) ||
      g_strcmp0 (job->fallback_python, sl_chart_get_fallback_python (chart)) != 0 ||
      job->kind != sl_chart_get_kind (chart) || job->linear != sl_chart_get_linear (chart) ||
      job->extra->len != (extra ? extra->len : 0))
    return FALSE;
  for (guint i = 0; i < job->extra->len; i++)
    if (!sl_result_point_equal (g_ptr_array_index (job->extra, i), g_ptr_array_index (extra, i)))
      return FALSE;
  return TRUE;
}

static cairo_surface_t *
render (RenderJob *job)
{
  g_autoptr(SlChart) chart = sl_chart_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         job->width * job->scale,
                                                         job->height * job->scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, job->scale, job->scale);
  sl_chart_set_experiment (chart, job->experiment, job->chain, job->fallback_python);
  sl_chart_set_extra_points (chart, job->extra);
  sl_chart_set_kind (chart, job->kind);
  sl_chart_set_linear (chart, job->linear);
  cr = cairo_create (surface);
  sl_chart_draw (chart, cr, job->width, job->height,
                 job->dark ? SL_CHART_STYLE_DARK : SL_CHART_STYLE_LIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A copy of what the chart shows: the worker owns it, the main thread
 * goes on changing the chart. */
static RenderJob *
render_job_new (SlChartView *self,
                int          width,
                int          height)
{
  RenderJob *job = g_atomic_rc_box_new0 (RenderJob);
  SlExperiment *experiment = sl_chart_get_experiment (self->chart);
  SlChain *chain = sl_chart_get_chain (self->chart);
  GPtrArray *extra = sl_chart_get_extra_points (self->chart);

  job->experiment = experiment ? sl_experiment_copy (experiment) : NULL;
  job->chain = chain ? sl_chain_copy (chain) : NULL;
  job->fallback_python = g_strdup (sl_chart_get_fallback_python (self->chart));
  job->extra = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_result_point_free);
  for (guint i = 0; extra && i < extra->len; i++)
    g_ptr_array_add (job->extra, sl_result_point_copy (g_ptr_array_index (extra, i)));
  job->kind = sl_chart_get_kind (self->chart);
  job->linear = sl_chart_get_linear (self->chart);
  job->width = width;
  job->height = height;
  job->scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  job->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  job->generation = self->generation;
  return job;
}

static void
keep_picture (SlChartView     *self,
              RenderJob       *job,
              cairo_surface_t *surface)
{
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_pointer (&self->picture_job, render_job_unref);
  self->picture = surface;
  self->picture_job = g_atomic_rc_box_acquire (job);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_task_return_pointer (task, render (task_data), (GDestroyNotify) cairo_surface_destroy);
}

static void
render_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SlChartView *self = SL_CHART_VIEW (object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), NULL);

  self->rendering = FALSE;
  if (self->area == NULL)            /* disposed meanwhile */
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  keep_picture (self, job, surface);
  /* Paints it, and starts the next render if the chart changed again. */
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

/* One render of the background thread: @data is its GTask. */
static void
render_in_background (gpointer data,
                      gpointer user_data)
{
  g_autoptr(GTask) task = data;

  /* This thread only (Linux: a thread id for PRIO_PROCESS).  Once is
   * enough, and the call is cheap next to a render: every time keeps it
   * right without a flag shared between threads. */
  setpriority (PRIO_PROCESS, gettid (), 19);
  g_task_return_pointer (task, render (g_task_get_task_data (task)), (GDestroyNotify) cairo_surface_destroy);
}

/* The background renders' thread.  Exclusive: a thread of GLib's shared
 * pool would keep nice 19 for other work, and an unprivileged thread may
 * not lower its nice value again (setpriority(2)). */
static GThreadPool *
background_pool (void)
{
  static GThreadPool *pool;   /* made and used on the main thread only */

  if (pool == NULL)
    pool = g_thread_pool_new (render_in_background, NULL, 1, TRUE, NULL);
  return pool;
}

static void
start_render (SlChartView *self,
              int          width,
              int          height)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, render_done_cb, NULL);

  self->rendering = TRUE;
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, render_job_new (self, width, height), (GDestroyNotify) render_job_unref);
  if (self->background)
    g_thread_pool_push (background_pool (), g_object_ref (task), NULL);
  else
    g_task_run_in_thread (task, render_thread);
}

static gboolean picture_is_current (SlChartView *self, int width, int height);

static gboolean
start_render_idle (gpointer user_data)
{
  SlChartView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->area));
  int height = gtk_widget_get_height (GTK_WIDGET (self->area));

  self->render_idle_id = 0;
  if (width <= 0 || height <= 0)
    gtk_widget_queue_draw (GTK_WIDGET (self->area));
  else if (!self->rendering && !picture_is_current (self, width, height))
    start_render (self, width, height);
  return G_SOURCE_REMOVE;
}

static gboolean
picture_is_current (SlChartView *self,
                    int          width,
                    int          height)
{
  RenderJob *shown = self->picture_job;

  return self->picture != NULL && shown->generation == self->generation &&
         shown->width == width && shown->height == height &&
         shown->scale == MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1) &&
         shown->dark == adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* What the picture says, for screen readers: its title, the line under
 * it, and its legend — the chart's own description of what it draws. */
static void
update_accessible (SlChartView *self)
{
  g_autofree char *title = sl_chart_dup_title (self->chart);
  g_autofree char *subtitle = sl_chart_dup_subtitle (self->chart);
  g_auto(GStrv) legend = sl_chart_dup_legend (self->chart);
  g_autofree char *label = subtitle ? g_strdup_printf ("%s. %s", title, subtitle) : g_strdup (title);
  g_autofree char *description = g_strjoinv ("; ", legend);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  SlChartView *self = user_data;

  if (self->picture == NULL)
    {
      RenderJob *job = render_job_new (self, width, height);

      keep_picture (self, job, render (job));
      render_job_unref (job);
    }
  else if (!picture_is_current (self, width, height) && !self->rendering)
    start_render (self, width, height);

  /* Once per change of the chart, not per frame. */
  if (self->accessible_generation != self->generation)
    {
      update_accessible (self);
      self->accessible_generation = self->generation;
    }

  cairo_save (cr);
  if (self->picture_job->width != width || self->picture_job->height != height)
    cairo_scale (cr, (double) width / self->picture_job->width, (double) height / self->picture_job->height);
  cairo_set_source_surface (cr, self->picture, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 SlChartView     *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

static void
sl_chart_view_dispose (GObject *object)
{
  SlChartView *self = SL_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_handle_id (&self->render_idle_id, g_source_remove);
  if (self->area != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->area));
      self->area = NULL;
    }
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_pointer (&self->picture_job, render_job_unref);
  g_clear_object (&self->chart);
  G_OBJECT_CLASS (sl_chart_view_parent_class)->dispose (object);
}

static void
sl_chart_view_class_init (SlChartViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_chart_view_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "chartview");
}

static void
sl_chart_view_init (SlChartView *self)
{
  self->chart = sl_chart_new ();
  self->generation = 1;              /* 0: nothing drawn or described yet */
  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  /* A small minimum: the chart grows with the window, and must not
   * fold the window's leaflet. */
  gtk_drawing_area_set_content_width (self->area, 240);
  gtk_drawing_area_set_content_height (self->area, 240);
  gtk_widget_set_hexpand (GTK_WIDGET (self->area), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->area), TRUE);
  gtk_drawing_area_set_draw_func (self->area, draw_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->area), GTK_WIDGET (self));
  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (dark_changed_cb), self);
}

GtkWidget *
sl_chart_view_new (void)
{
  return g_object_new (SL_TYPE_CHART_VIEW, NULL);
}

SlChart *
sl_chart_view_get_chart (SlChartView *self)
{
  return self->chart;
}

/* Coalesced by GTK: at most one draw per frame, however many points came. */
void
sl_chart_view_queue_draw (SlChartView *self)
{
  /* A change that changed nothing (Run on an experiment with nothing
   * measured yet, the same experiment selected again) keeps the picture:
   * no render on a worker while the run starts, and no repaint of the
   * whole chart in the run's first frame (issue 13). */
  if (self->picture_job != NULL && !self->rendering && self->render_idle_id == 0 &&
      self->picture_job->generation == self->generation && render_job_shows (self->picture_job, self->chart))
    return;
  self->generation++;
  /* With a picture on screen, repainting it unchanged would only cost a
   * frame (a full-size cairo_paint; issue 13): start the render once the
   * callers' changes are done (an idle, before the next frame) and let
   * its end queue the draw.  A render under way queues a draw when it
   * ends, and that draw starts the next one. */
  if (self->picture != NULL && gtk_widget_get_width (GTK_WIDGET (self->area)) > 0)
    {
      if (self->render_idle_id == 0)
        self->render_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, start_render_idle, self, NULL);
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
sl_chart_view_set_background (SlChartView *self,
                              gboolean     background)
{
  g_return_if_fail (SL_IS_CHART_VIEW (self));

  self->background = !!background;
}

gboolean
sl_chart_view_is_current (SlChartView *self)
{
  g_return_val_if_fail (SL_IS_CHART_VIEW (self), FALSE);

  return !self->rendering && self->picture != NULL && self->picture_job->generation == self->generation;
}

GdkTexture *
sl_chart_view_dup_texture (SlChartView *self,
                           GError     **error)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 640);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 400);
  g_autoptr(GBytes) png = sl_chart_render_png (self->chart, width * 2, height * 2, 192,
                                               SL_CHART_STYLE_PRINT, error);

  return png ? gdk_texture_new_from_bytes (png, error) : NULL;
}
