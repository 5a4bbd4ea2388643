/* sl-spawner.c: starting a probe run's process off the caller's thread.
 *
 * A spawn is GLib's bookkeeping (pipes, streams, the child watch) and a
 * vfork: the caller waits until the child has exec'd the warden, and on
 * a busy machine that child waits for a CPU.  Two of them took 3.5 ms of
 * the window's frame that pressed Run (issue 13, tests/gui/bench-frames),
 * so a live run starts its processes on a thread of their own and is told
 * on its own thread when each is there.
 *
 * One thread, for the life of the program, never one of GLib's shared
 * pool: the warden asks for SIGHUP when its parent *thread* ends
 * (PR_SET_PDEATHSIG, engine/lab/sl-warden.c), and a pool thread that
 * ends while its processes still run would end them. */

#include "sl-interpreter-private.h"
#include "sl-spawner.h"

typedef struct {
  char             **argv;
  GSubprocessFlags   flags;
  int                niceness;
} SpawnRequest;

static void
spawn_request_free (SpawnRequest *request)
{
  g_strfreev (request->argv);
  g_free (request);
}

/* The spawner thread's one job: @data is the GTask. */
static void
spawn_in_thread (gpointer data,
                 gpointer user_data)
{
  g_autoptr(GTask) task = data;
  SpawnRequest *request = g_task_get_task_data (task);
  GError *error = NULL;
  GSubprocess *process = sl_interpreter_spawn ((const char * const *) request->argv,
                                               request->flags, request->niceness, &error);

  if (process != NULL)
    g_task_return_pointer (task, process, g_object_unref);
  else
    g_task_return_error (task, error);
}

static GThreadPool *
spawner_thread (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    /* Exclusive: its thread starts now and lives as long as the program. */
    g_once_init_leave (&pool, g_thread_pool_new (spawn_in_thread, NULL, 1, TRUE, NULL));
  return pool;
}

void
sl_spawner_spawn_async (const char * const  *argv,
                        GSubprocessFlags     flags,
                        int                  niceness,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  SpawnRequest *request = g_new0 (SpawnRequest, 1);

  g_task_set_source_tag (task, sl_spawner_spawn_async);
  request->argv = g_strdupv ((char **) argv);
  request->flags = flags;
  request->niceness = niceness;
  g_task_set_task_data (task, request, (GDestroyNotify) spawn_request_free);
  g_thread_pool_push (spawner_thread (), g_steal_pointer (&task), NULL);
}

GSubprocess *
sl_spawner_spawn_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
