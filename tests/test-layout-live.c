/* Random chains, compared figure by figure with every live interpreter on
 * this machine, through the project's own data/slotlab-probe.py.
 *
 * SLOTLAB_SEED fixes the seed (printed on every run); SLOTLAB_LIVE_CASES
 * the number of chains (default 300).  Interpreters: python3 and
 * python3.X on PATH, ~/.pyenv/versions/3.* /bin/python3, and the wrappers
 * in $SLOTLAB_PYTHONS_DIR/bin (tests/setup-newer-pythons.sh).  Where none
 * is found the test is skipped with a message. */

#include <math.h>
#include <string.h>

#include "sl-layout.h"
#include "sl-profile.h"

#define PROBE_N 500

static guint32 seed;
static guint n_cases = 300;

typedef struct {
  char *path;
  char *release;   /* "3.12.1" or "3.13.15t" */
} Interpreter;

static void
interpreter_free (Interpreter *interp)
{
  g_free (interp->path);
  g_free (interp->release);
  g_free (interp);
}

static char *
probe_source (void)
{
  const char *path = g_getenv ("SLOTLAB_PROBE");
  g_autofree char *fallback = NULL;
  char *text = NULL;

  if (path == NULL)
    path = fallback = g_test_build_filename (G_TEST_DIST, "..", "data", "slotlab-probe.py", NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("cannot read the probe script %s", path);
  return text;
}

/* Runs the probe with `input` on stdin; returns its stdout lines. */
static GStrv
run_probe (const char  *python,
           const char  *input,
           GError     **error)
{
  g_autofree char *source = probe_source ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input, strlen (input));
  g_autoptr(GBytes) out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_SILENCE, error,
                           python, "-I", "-S", "-c", source, NULL);
  if (proc == NULL)
    return NULL;
  if (!g_subprocess_communicate (proc, in, NULL, &out, NULL, error))
    return NULL;
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: the probe exited with status %d",
                   python, g_subprocess_get_exit_status (proc));
      return NULL;
    }
  return g_strsplit (g_bytes_get_data (out, NULL), "\n", -1);
}

static void
add_candidate (GPtrArray  *found,
               GHashTable *seen,
               const char *path)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *hello;
  Interpreter *interp;
  const char *version;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return;
  if (!(lines = run_probe (path, "{\"mode\": \"hello\"}", NULL)) || lines[0] == NULL ||
      !json_parser_load_from_data (parser, lines[0], -1, NULL))
    return;
  hello = json_node_get_object (json_parser_get_root (parser));
  version = json_object_get_string_member_with_default (hello, "python", NULL);
  if (version == NULL)
    return;

  interp = g_new0 (Interpreter, 1);
  interp->path = g_strdup (path);
  interp->release = json_object_get_boolean_member_with_default (hello, "free_threaded", FALSE)
                    ? g_strconcat (version, "t", NULL) : g_strdup (version);
  /* One interpreter per release: PATH's python3 is often a pyenv shim. */
  if (!g_hash_table_add (seen, g_strdup (interp->release)))
    {
      interpreter_free (interp);
      return;
    }
  g_ptr_array_add (found, interp);
}

static GPtrArray *
find_interpreters (void)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) interpreter_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *pyenv = g_build_filename (g_get_home_dir (), ".pyenv", "versions", NULL);
  const char *extra = g_getenv ("SLOTLAB_PYTHONS_DIR");
  g_autofree char *extra_bin = g_build_filename (extra ? extra : "/opt/slotlab-pythons", "bin", NULL);
  const char *dirs[] = { pyenv, extra_bin };
  g_autofree char *on_path = g_find_program_in_path ("python3");

  add_candidate (found, seen, on_path);
  for (guint minor = 8; minor <= 20; minor++)
    {
      g_autofree char *name = g_strdup_printf ("python3.%u", minor);
      g_autofree char *path = g_find_program_in_path (name);

      add_candidate (found, seen, path);
    }
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = d == 0
            ? g_build_filename (dirs[d], g_ptr_array_index (names, i), "bin", "python3", NULL)
            : g_build_filename (dirs[d], g_ptr_array_index (names, i), NULL);

          add_candidate (found, seen, path);
        }
    }
  return found;
}

/* A random chain in the session's schema: 1-4 classes, several bases (now
 * and then repeated), 0-60 attributes, slots that are absent, partial,
 * foreign, with '__dict__' and '__weakref__', or invalid. */
static JsonNode *
random_case (GRand *rand,
             guint  index)
{
  static const int attr_counts[] = { 0, 1, 2, 3, 5, 8, 12, 20, 28, 29, 30, 31, 35, 45, 60 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_classes = g_rand_int_range (rand, 1, 5);
  const char *instance;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, g_strdup_printf ("%u", index));
  json_builder_set_member_name (b, "classes");
  json_builder_begin_array (b);
  for (guint c = 0; c < n_classes; c++)
    {
      g_autoptr(GPtrArray) init = g_ptr_array_new_with_free_func (g_free);
      guint n_attrs = attr_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (attr_counts))];
      guint pool = MAX (n_attrs + 5, 10);
      char *name = g_rand_double (rand) < 0.9 ? g_strdup_printf ("C%u", c) : g_strdup_printf ("_K%u", c);

      g_ptr_array_add (names, name);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);

      json_builder_set_member_name (b, "bases");
      json_builder_begin_array (b);
      if (c > 0)
        {
          static const int base_counts[] = { 0, 1, 1, 1, 2, 2, 3 };
          guint nb = base_counts[g_rand_int_range (rand, 0, G_N_ELEMENTS (base_counts))];
          gboolean allow_dup = g_rand_double (rand) < 0.15;
          g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);

          for (guint k = 0; k < nb; k++)
            {
              guint pick = g_rand_int_range (rand, 0, c);

              if (!allow_dup && !g_hash_table_add (used, GUINT_TO_POINTER (pick + 1)))
                continue;
              json_builder_add_string_value (b, g_ptr_array_index (names, pick));
            }
        }
      json_builder_end_array (b);

      for (guint k = 0; k < n_attrs; k++)
        {
          guint pick = g_rand_int_range (rand, 0, pool + 3);
          char *attr = pick == pool ? g_strdup ("__p") : pick == pool + 1 ? g_strdup ("x")
                       : pick == pool + 2 ? g_strdup ("_C0__p") : g_strdup_printf ("a%u", pick);
          gboolean dup = FALSE;

          for (guint j = 0; j < init->len && !dup; j++)
            dup = strcmp (g_ptr_array_index (init, j), attr) == 0;
          if (dup)
            g_free (attr);
          else
            g_ptr_array_add (init, attr);
        }
      if (g_rand_double (rand) < 0.03)
        {
          static const char *special[] = { "__dict__", "__class__", "__weakref__", "__repr__", "__module__" };

          g_ptr_array_add (init, g_strdup (special[g_rand_int_range (rand, 0, G_N_ELEMENTS (special))]));
        }

      json_builder_set_member_name (b, "slots");
      if (g_rand_double (rand) < 0.3)
        json_builder_add_null_value (b);
      else
        {
          guint k = g_rand_int_range (rand, 0, init->len + 1);
          g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_free);

          if (g_rand_double (rand) < 0.75)
            for (guint j = 0; j < k; j++)
              g_ptr_array_add (slots, g_strdup (g_ptr_array_index (init, j)));
          else
            for (guint j = g_rand_int_range (rand, 0, 8); j > 0; j--)
              g_ptr_array_add (slots, g_strdup_printf ("a%u", g_rand_int_range (rand, 0, 40)));
          if (g_rand_double (rand) < 0.3)
            g_ptr_array_add (slots, g_strdup ("__dict__"));
          if (g_rand_double (rand) < 0.2)
            g_ptr_array_add (slots, g_strdup ("__weakref__"));
          if (g_rand_double (rand) < 0.03)
            g_ptr_array_add (slots, g_strdup ("1bad"));
          if (g_rand_double (rand) < 0.02)
            g_ptr_array_add (slots, g_strdup ("__init__"));
          for (guint j = slots->len; j > 1; j--)
            {
              guint r = g_rand_int_range (rand, 0, j);
              gpointer t = slots->pdata[j - 1];

              slots->pdata[j - 1] = slots->pdata[r];
              slots->pdata[r] = t;
            }
          json_builder_begin_array (b);
          for (guint j = 0; j < slots->len; j++)
            json_builder_add_string_value (b, g_ptr_array_index (slots, j));
          if (g_rand_double (rand) < 0.03)
            json_builder_add_int_value (b, 7);
          json_builder_end_array (b);
        }

      json_builder_set_member_name (b, "init");
      json_builder_begin_array (b);
      for (guint j = 0; j < init->len; j++)
        json_builder_add_string_value (b, g_ptr_array_index (init, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  instance = g_rand_double (rand) < 0.3 ? g_ptr_array_index (names, g_rand_int_range (rand, 0, n_classes))
                                         : g_ptr_array_index (names, n_classes - 1);
  json_builder_set_member_name (b, "instance");
  json_builder_add_string_value (b, instance);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static SlChain *
chain_from_case (JsonObject *c)
{
  SlChain *chain = sl_chain_new ();
  JsonArray *classes = json_object_get_array_member (c, "classes");

  for (guint i = 0; i < json_array_get_length (classes); i++)
    {
      JsonObject *k = json_array_get_object_element (classes, i);
      g_autoptr(SlClass) klass = sl_class_new (json_object_get_string_member (k, "name"));
      JsonArray *bases = json_object_get_array_member (k, "bases");
      JsonArray *init = json_object_get_array_member (k, "init");
      g_autoptr(GStrvBuilder) bb = g_strv_builder_new (), ib = g_strv_builder_new ();
      g_auto(GStrv) bv = NULL, iv = NULL;

      for (guint j = 0; j < json_array_get_length (bases); j++)
        g_strv_builder_add (bb, json_array_get_string_element (bases, j));
      for (guint j = 0; j < json_array_get_length (init); j++)
        g_strv_builder_add (ib, json_array_get_string_element (init, j));
      bv = g_strv_builder_end (bb);
      iv = g_strv_builder_end (ib);
      sl_class_set_bases (klass, (const char * const *) bv);
      sl_class_set_init (klass, (const char * const *) iv);
      if (!json_object_get_null_member (k, "slots"))
        {
          JsonArray *slots = json_object_get_array_member (k, "slots");
          g_autoptr(GStrvBuilder) sb = g_strv_builder_new (), tb = g_strv_builder_new ();
          g_auto(GStrv) sv = NULL, tv = NULL;

          for (guint j = 0; j < json_array_get_length (slots); j++)
            {
              JsonNode *item = json_array_get_element (slots, j);
              gboolean is_str = json_node_get_value_type (item) == G_TYPE_STRING;

              g_strv_builder_add (sb, is_str ? json_node_get_string (item) : "7");
              g_strv_builder_add (tb, is_str ? "" : "int");
            }
          sv = g_strv_builder_end (sb);
          tv = g_strv_builder_end (tb);
          sl_class_set_slots_full (klass, (const char * const *) sv, (const char * const *) tv);
        }
      g_assert_true (sl_chain_append (chain, klass, NULL));
    }
  return chain;
}

static gboolean
same_int (JsonObject *live,
          const char *key,
          gint64      model,
          GString    *diff)
{
  gint64 want;

  if (!json_object_has_member (live, key))
    {
      if (model >= 0)
        g_string_append_printf (diff, " %s: model %" G_GINT64_FORMAT ", live has none;", key, model);
      return model < 0;
    }
  if (json_object_get_null_member (live, key))
    want = -1;
  else
    want = (gint64) llround (json_object_get_double_member (live, key));
  if (want != model)
    g_string_append_printf (diff, " %s: model %" G_GINT64_FORMAT ", live %" G_GINT64_FORMAT ";",
                            key, model, want);
  return want == model;
}

static void
test_live_interpreter (gconstpointer data)
{
  const Interpreter *interp = data;
  g_autoptr(SlProfile) profile = sl_profile_lookup (interp->release, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *input = NULL;
  g_auto(GStrv) lines = NULL;
  guint compared = 0, wrong = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, "figures");
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, PROBE_N);
  json_builder_set_member_name (b, "cases");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_cases; i++)
    {
      JsonNode *c = random_case (rand, i);

      g_ptr_array_add (cases, c);
      json_builder_add_value (b, json_node_copy (c));
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_generator_set_root (gen, json_builder_get_root (b));
  input = json_generator_to_data (gen, NULL);

  lines = run_probe (interp->path, input, &error);
  g_assert_no_error (error);

  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(SlChain) chain = NULL;
      g_autoptr(SlLayout) layout = NULL;
      g_autoptr(GString) diff = g_string_new (NULL);
      JsonObject *live, *c;
      const SlFigures *f;
      guint index;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      live = json_node_get_object (json_parser_get_root (parser));
      index = (guint) g_ascii_strtoull (json_object_get_string_member (live, "id"), NULL, 10);
      c = json_node_get_object (g_ptr_array_index (cases, index));
      chain = chain_from_case (c);
      layout = sl_layout_compute (chain, json_object_get_string_member (c, "instance"), profile, &error);
      g_assert_no_error (error);
      compared++;

      if (json_object_has_member (live, "error") || sl_layout_get_error (layout))
        {
          if (g_strcmp0 (json_object_get_string_member_with_default (live, "error", NULL),
                         sl_layout_get_error (layout)) != 0)
            g_string_append_printf (diff, " error: model \"%s\", live \"%s\";", sl_layout_get_error (layout),
                                    json_object_get_string_member_with_default (live, "error", NULL));
        }
      else
        {
          f = sl_layout_get_figures (layout);
          same_int (live, "basicsize", f->basicsize, diff);
          same_int (live, "itemsize", f->itemsize, diff);
          same_int (live, "dictoffset", f->dictoffset, diff);
          same_int (live, "weakrefoffset", f->weakrefoffset, diff);
          same_int (live, "gc", f->gc, diff);
          same_int (live, "has_dict", f->has_dict, diff);
          same_int (live, "getsizeof", f->getsizeof, diff);
          same_int (live, "getsizeof_dict", f->getsizeof_dict, diff);
          same_int (live, "getsizeof_after_touch", f->getsizeof_after_touch, diff);
          same_int (live, "traced_per_instance", f->traced_per_instance, diff);
          same_int (live, "traced_per_instance_touched", f->traced_per_instance_touched, diff);
          same_int (live, "pymalloc_per_instance", f->pymalloc_per_instance, diff);
        }
      if (diff->len)
        {
          g_autoptr(JsonGenerator) g = json_generator_new ();
          g_autofree char *text = NULL;

          json_generator_set_root (g, g_ptr_array_index (cases, index));
          text = json_generator_to_data (g, NULL);
          g_test_message ("seed %u, case %u on %s:%s\n  %s", seed, index, interp->release, diff->str, text);
          wrong++;
        }
    }

  g_test_message ("%s (%s): %u chains compared, %u differ (seed %u)", interp->release, interp->path,
                  compared, wrong, seed);
  g_assert_cmpuint (compared, ==, n_cases);
  g_assert_cmpuint (wrong, ==, 0);
}

static void
test_live_none (void)
{
  g_test_skip ("no Python interpreter found (python3 on PATH, ~/.pyenv/versions, $SLOTLAB_PYTHONS_DIR)");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) interpreters = NULL;
  const char *env;
  guint added = 0;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  env = g_getenv ("SLOTLAB_SEED");
  seed = env ? (guint32) g_ascii_strtoull (env, NULL, 10) : (guint32) g_get_real_time ();
  env = g_getenv ("SLOTLAB_LIVE_CASES");
  if (env)
    n_cases = MAX (1, (guint) g_ascii_strtoull (env, NULL, 10));
  g_test_message ("seed %u (set SLOTLAB_SEED=%u to repeat), %u chains", seed, seed, n_cases);

  interpreters = find_interpreters ();
  for (guint i = 0; i < interpreters->len; i++)
    {
      Interpreter *interp = g_ptr_array_index (interpreters, i);
      g_autoptr(SlProfile) profile = sl_profile_lookup (interp->release, NULL);
      g_autofree char *path = g_strdup_printf ("/layout/live/%s", interp->release);

      if (profile == NULL)
        {
          g_test_message ("%s (%s): no profile covers it, not compared", interp->release, interp->path);
          continue;
        }
      g_test_add_data_func (path, interp, test_live_interpreter);
      added++;
    }
  if (added == 0)
    g_test_add_func ("/layout/live/none", test_live_none);
  return g_test_run ();
}
