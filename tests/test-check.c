/* test-check.c: `slotlab-cli check`, the slots leak check for CI.
 *
 * It must find the lecture's slide 7 (SensorRecordNoSlots: no __slots__
 * under a slotted base) and nothing in an all-slotted chain; the bytes it
 * reports are checked against what real interpreters measured (the public
 * vectors: the leaf without __slots__ minus the same leaf with them).
 */

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct {
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
run_cli (Run *run,
         ...)
{
  const char *cli = g_getenv ("SLOTLAB_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, "check");
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
lecture (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "lecture-17.slotlab", NULL);
}

/* traced_per_instance a real interpreter measured for a public vector. */
static double
measured (const char *release,
          const char *id)
{
  g_autofree char *name = g_strdup_printf ("public-%s.jsonl", release);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "vectors", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] && lines[i][0]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *v;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      v = json_node_get_object (json_parser_get_root (parser));
      if (strcmp (json_object_get_string_member (v, "id"), id) == 0)
        return round (json_object_get_double_member (v, "traced_per_instance"));
    }
  g_error ("no vector %s for %s", id, release);
}

static JsonObject *
finding_of (JsonNode   *root,
            const char *class_name)
{
  JsonArray *findings = json_object_get_array_member (json_node_get_object (root), "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (strcmp (json_object_get_string_member (f, "class"), class_name) == 0)
        return f;
    }
  return NULL;
}

static void
test_finds_slide_7_in_the_lecture (void)
{
  g_autofree char *path = lecture ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  Run run = { 0 };
  JsonObject *f;

  run_cli (&run, path, "--python", "3.12", "--json", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  f = finding_of (json_parser_get_root (parser), "SensorRecordNoSlots");
  g_assert_nonnull (f);
  g_assert_cmpstr (json_object_get_string_member (f, "kind"), ==, "dict-under-slots");
  /* Slotted classes are not findings. */
  g_assert_null (finding_of (json_parser_get_root (parser), "SensorRecord"));
  g_assert_null (finding_of (json_parser_get_root (parser), "BaseRecord"));
  g_assert_null (finding_of (json_parser_get_root (parser), "PointWithDict"));  /* no slotted base */

  /* The text says the same, and what it is. */
  run_cli (&run, path, "--python", "3.12", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.out, "SensorRecordNoSlots [dict-under-slots]"));
  g_assert_nonnull (strstr (run.out, "slide 7"));
  run_clear (&run);
}

/* The chain of the public vectors, built the way they were (type()). */
static void
test_costs_as_measured (void)
{
  static const char * const releases[] = { "3.8.18", "3.12.1", "3.13.0", "3.14.10" };
  const char *session =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
    " {\"name\": \"BaseRecord\", \"bases\": [], \"slots\": [\"recordId\", \"timestamp\"],"
    "  \"init\": [\"recordId\", \"timestamp\"], \"created_by\": \"type\"},"
    " {\"name\": \"SensorRecord\", \"bases\": [\"BaseRecord\"], \"slots\": null,"
    "  \"init\": [\"sensorId\", \"value\", \"unit\"], \"created_by\": \"type\"}]}";
  g_autofree char *dir = g_dir_make_tmp ("slotlab-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slide7.slotlab", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *costs;
  Run run = { 0 };

  g_assert_true (g_file_set_contents (path, session, -1, NULL));
  run_cli (&run, path, "--python", releases[0], "--python", releases[1], "--python", releases[2],
           "--python", releases[3], "--json", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  costs = json_object_get_array_member (finding_of (json_parser_get_root (parser), "SensorRecord"), "costs");
  g_assert_cmpuint (json_array_get_length (costs), ==, G_N_ELEMENTS (releases));
  for (guint i = 0; i < G_N_ELEMENTS (releases); i++)
    {
      JsonObject *cost = json_array_get_object_element (costs, i);
      double want = measured (releases[i], "seed_17_2_sensor_leaf_without_slots")
                    - measured (releases[i], "seed_17_2_sensor_slots");

      g_assert_cmpstr (json_object_get_string_member (cost, "python"), ==, releases[i]);
      g_test_message ("%s: +%.0f bytes per instance", releases[i], want);
      g_assert_cmpint (json_object_get_int_member (cost, "extra_traced_per_instance"), ==, (gint64) want);
    }
  run_clear (&run);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_nothing_in_an_all_slotted_chain (void)
{
  const char *session =
    "{\"format\": \"slotlab-session\", \"version\": 1, \"classes\": ["
    " {\"name\": \"BaseRecord\", \"bases\": [], \"slots\": [\"recordId\", \"timestamp\"],"
    "  \"init\": [\"recordId\", \"timestamp\"]},"
    " {\"name\": \"SensorRecord\", \"bases\": [\"BaseRecord\"], \"slots\": [\"sensorId\", \"value\", \"unit\"],"
    "  \"init\": [\"sensorId\", \"value\", {\"name\": \"unit\", \"value\": \"str:3\"}]},"
    " {\"name\": \"Calibrated\", \"bases\": [\"SensorRecord\"], \"slots\": [\"factor\"],"
    "  \"init\": [{\"name\": \"factor\", \"value\": \"float\"}]}]}";
  const char *source =
    "class BaseRecord:\n"
    "    __slots__ = ('recordId', 'timestamp')\n"
    "    def __init__(self):\n"
    "        self.recordId = 0\n"
    "        self.timestamp = 0\n"
    "\n"
    "class SensorRecordNoSlots(BaseRecord):\n"
    "    def __init__(self):\n"
    "        BaseRecord.__init__(self)\n"
    "        self.sensorId = 0\n";
  g_autofree char *dir = g_dir_make_tmp ("slotlab-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slotted.slotlab", NULL);
  g_autofree char *py = g_build_filename (dir, "slide7.py", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  Run run = { 0 };

  g_assert_true (g_file_set_contents (path, session, -1, NULL));
  run_cli (&run, path, "--python", "3.8", "--python", "3.13", "--python", "3.14t", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json_parser_get_root (parser)), "findings")), ==, 0);
  run_cli (&run, path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "no class carries a __dict__"));

  /* Python source is read the same way (no code runs). */
  g_assert_true (g_file_set_contents (py, source, -1, NULL));
  run_cli (&run, py, "--python", "3.13", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_nonnull (strstr (run.out, "SensorRecordNoSlots [dict-under-slots]"));

  run_clear (&run);
  g_unlink (path);
  g_unlink (py);
  g_rmdir (dir);
}

static void
test_bad_input_is_status_2 (void)
{
  g_autofree char *path = lecture ();
  Run run = { 0 };

  run_cli (&run, "/nonexistent/session.slotlab", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_cli (&run, path, "--python", "2.7", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--python"));
  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/check/finds-slide-7-in-the-lecture", test_finds_slide_7_in_the_lecture);
  g_test_add_func ("/check/costs-as-real-interpreters-measured", test_costs_as_measured);
  g_test_add_func ("/check/nothing-in-an-all-slotted-chain", test_nothing_in_an_all_slotted_chain);
  g_test_add_func ("/check/bad-input-is-status-2", test_bad_input_is_status_2);
  return g_test_run ();
}
