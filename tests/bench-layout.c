/* Benchmark: layout and every figure for 10,000 random chains on every
 * profile.  Reported per chain per profile, and as a ratio to a baseline
 * run in the same process (copying the same chains), so that the figure
 * means the same on a slower machine.  Times are the thread's CPU time. */

#include <time.h>

#include "sl-layout.h"
#include "sl-profile.h"

#include "random-chain.h"

#define N_CHAINS 10000

/* CPU time of this thread: steadier than the wall clock on a busy machine. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr(GPtrArray) chains = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) instances = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *profiles = sl_profile_list ();
  gint64 start, baseline_us, layout_us;
  guint refused = 0;

  for (guint i = 0; i < N_CHAINS; i++)
    {
      g_autoptr(JsonNode) c = sl_test_random_case (rand, i);
      JsonObject *o = json_node_get_object (c);

      g_ptr_array_add (chains, sl_test_chain_from_case (o));
      g_ptr_array_add (instances, g_strdup (json_object_get_string_member (o, "instance")));
    }

  /* Baseline: copy every chain once per profile. */
  start = cpu_time_us ();
  for (guint p = 0; p < profiles->len; p++)
    for (guint i = 0; i < N_CHAINS; i++)
      g_object_unref (sl_chain_copy (g_ptr_array_index (chains, i)));
  baseline_us = cpu_time_us () - start;

  start = cpu_time_us ();
  for (guint p = 0; p < profiles->len; p++)
    for (guint i = 0; i < N_CHAINS; i++)
      {
        SlLayout *layout = sl_layout_compute (g_ptr_array_index (chains, i),
                                              g_ptr_array_index (instances, i),
                                              g_ptr_array_index (profiles, p), NULL);

        refused += sl_layout_get_error (layout) != NULL;
        sl_layout_unref (layout);
      }
  layout_us = cpu_time_us () - start;

  g_print ("chains: %u x %u profiles (%u refused by CPython's rules)\n", N_CHAINS, profiles->len, refused);
  g_print ("layout + every figure: %.2f us per chain per profile (goal, issue 13: <= 10)\n",
           (double) layout_us / (N_CHAINS * profiles->len));
  g_print ("baseline (copying the chain): %.2f us per chain per profile\n",
           (double) baseline_us / (N_CHAINS * profiles->len));
  g_print ("ratio layout / baseline: %.2f\n", (double) layout_us / MAX (baseline_us, 1));
  return 0;
}
