/* test-cli-costs.c: `slotlab-cli costs` prints, for every strategy, the
 * figures `slotlab-cli layout --strategy S` prints, and they are the real
 * interpreters' (the lecture's classes are the seed vectors measured by
 * shared/oracle); `slotlab-cli map` writes the byte map as a picture. */

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "cli-helpers.h"

static const char * const strategies[] = { "as-declared", "dict", "slots", "mixed" };
static const char * const classes[] = { "PointWithDict", "PointWithSlots", "SensorRecord",
                                        "SensorRecordNoSlots", "RecordMixed" };
static const char * const versions[] = { "3.8", "3.11", "3.12", "3.13", "3.13t", "3.14" };

/* The CSV row of a strategy, split; column names from the header. */
static GStrv
csv_row (const char  *csv,
         const char  *strategy,
         GStrv       *header)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

  *header = g_strsplit (lines[0], ",", -1);
  for (guint i = 1; lines[i] && lines[i][0]; i++)
    {
      GStrv cells = g_strsplit (lines[i], ",", -1);

      if (g_strv_length (cells) > 2 && strcmp (cells[2], strategy) == 0)
        return cells;
      g_strfreev (cells);
    }
  return NULL;
}

static void
test_costs_equal_layout (void)
{
  g_autofree char *path = sl_test_lecture_path ();

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      {
        SlTestCliRun costs = { 0, };

        sl_test_cli_run (&costs, "costs", path, "--class", classes[c], "--python", versions[v], "--format", "csv", NULL);
        g_assert_cmpint (costs.status, ==, 0);
        for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
          {
            SlTestCliRun layout = { 0, };
            g_autoptr(JsonNode) node = NULL;
            g_auto(GStrv) header = NULL;
            g_auto(GStrv) row = csv_row (costs.out, strategies[s], &header);
            JsonObject *object;

            g_assert_nonnull (row);
            sl_test_cli_run (&layout, "layout", path, "--class", classes[c], "--python", versions[v],
                             "--strategy", strategies[s], NULL);
            node = json_from_string (layout.out, NULL);
            g_assert_nonnull (node);
            object = json_node_get_object (node);
            if (json_object_has_member (object, "error"))
              {
                g_assert_nonnull (strstr (costs.out, json_object_get_string_member (object, "error")));
                sl_test_cli_run_clear (&layout);
                continue;
              }
            for (guint k = 3; header[k] && strcmp (header[k], "error") != 0; k++)
              {
                const char *cell = row[k];

                if (strcmp (header[k], "resident_per_instance") == 0)
                  g_assert_cmpfloat (fabs (g_ascii_strtod (cell, NULL) -
                                           json_object_get_double_member (object, header[k])), <, 0.051);
                else if (!json_object_has_member (object, header[k]) ||
                         json_node_is_null (json_object_get_member (object, header[k])))
                  g_assert_cmpstr (cell, ==, "");
                else
                  g_assert_cmpint (g_ascii_strtoll (cell, NULL, 10), ==,
                                   json_object_get_int_member (object, header[k]));
              }
            sl_test_cli_run_clear (&layout);
          }
        sl_test_cli_run_clear (&costs);
      }
}

/* The lecture's session with every class made as shared/oracle/measure.py
 * makes it: a type() call ("created_by": "type"), not a class statement
 * (whose __static_attributes__ change the shared keys on 3.13 and later). */
static char *
lecture_as_type_calls (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  g_autofree char *dir = g_dir_make_tmp ("slotlab-costs-XXXXXX", NULL);
  char *out = g_build_filename (dir, "lecture-type.slotlab", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *classes;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  classes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "classes");
  for (guint i = 0; i < json_array_get_length (classes); i++)
    json_object_set_string_member (json_array_get_object_element (classes, i), "created_by", "type");
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, out, NULL));
  return out;
}

/* The seed vectors: the lecture's classes as declared, on real CPython. */
static void
test_costs_equal_real_interpreters (void)
{
  static const struct { const char *id, *klass; } seeds[] = {
    { "seed_17_1_point_dict", "PointWithDict" },
    { "seed_17_1_point_slots", "PointWithSlots" },
    { "seed_17_2_sensor_slots", "SensorRecord" },
    { "seed_17_2_sensor_leaf_without_slots", "SensorRecordNoSlots" },
    { "seed_17_3_record_mixed", "RecordMixed" },
  };
  const char *dir = g_getenv ("SLOTLAB_VECTORS_DIR");
  g_autoptr(GDir) listing = NULL;
  const char *name;
  g_autofree char *python = NULL;
  g_autofree char *typed = lecture_as_type_calls ();
  guint checked = 0;

  g_assert_nonnull (dir);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)))
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_str_has_prefix (name, "public-") || !g_file_get_contents (file, &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
          JsonObject *vector;
          const char *klass = NULL;
          SlTestCliRun costs = { 0, };
          g_auto(GStrv) header = NULL;
          g_auto(GStrv) row = NULL;

          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            continue;
          vector = json_node_get_object (node);
          for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
            if (g_strcmp0 (json_object_get_string_member_with_default (vector, "id", ""), seeds[s].id) == 0)
              klass = seeds[s].klass;
          if (klass == NULL)
            continue;
          /* A free-threaded build's vectors say so with "gil": false. */
          g_free (python);
          python = g_strdup_printf ("%s%s", json_object_get_string_member (vector, "python"),
                                    json_object_get_boolean_member_with_default (vector, "gil", TRUE) ? "" : "t");
          g_test_message ("%s on %s", klass, python);
          sl_test_cli_run (&costs, "costs", typed, "--class", klass, "--python", python, "--format", "csv", NULL);
          g_assert_cmpint (costs.status, ==, 0);
          row = csv_row (costs.out, "as-declared", &header);
          g_assert_nonnull (row);
          g_assert_cmpstr (header[5], ==, "traced_per_instance");
          g_assert_cmpint (g_ascii_strtoll (row[5], NULL, 10), ==,
                           (gint64) round (json_object_get_double_member (vector, "traced_per_instance")));
          g_assert_cmpstr (header[3], ==, "getsizeof");
          g_assert_cmpint (g_ascii_strtoll (row[3], NULL, 10), ==, json_object_get_int_member (vector, "getsizeof"));
          checked++;
          sl_test_cli_run_clear (&costs);
        }
    }
  g_assert_cmpuint (checked, >=, 5);
  g_remove (typed);
}

static void
test_costs_text_says_why (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  SlTestCliRun r13 = { 0, }, r14 = { 0, }, md = { 0, }, bad = { 0, };

  sl_test_cli_run (&r13, "costs", path, "--class", "SensorRecordNoSlots", "--python", "3.13", NULL);
  g_assert_cmpint (r13.status, ==, 0);
  g_assert_nonnull (strstr (r13.out, "408"));
  g_assert_nonnull (strstr (r13.out, "issue 135385"));
  sl_test_cli_run (&r14, "costs", path, "--class", "SensorRecordNoSlots", "--python", "3.14", NULL);
  g_assert_null (strstr (r14.out, "in every 3.13 release"));
  g_assert_nonnull (strstr (r14.out, "the fix of issue 135385"));
  sl_test_cli_run (&md, "costs", path, "--class", "PointWithDict", "--python", "3.12", "--format", "markdown", NULL);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_true (g_str_has_prefix (md.out, "| PointWithDict on CPython 3.12 |"));
  g_assert_nonnull (strstr (md.out, "\n| __slots__ | 56 | 56 | — | 64 |"));
  sl_test_cli_run (&bad, "costs", path, "--class", "PointWithDict", "--format", "yaml", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  sl_test_cli_run_clear (&r13);
  sl_test_cli_run_clear (&r14);
  sl_test_cli_run_clear (&md);
  sl_test_cli_run_clear (&bad);
}

static void
test_map_exports (void)
{
  g_autofree char *path = sl_test_lecture_path ();
  g_autofree char *dir = g_dir_make_tmp ("slotlab-map-XXXXXX", NULL);
  const char * const names[] = { "map.svg", "map.pdf", "map.png" };
  const char * const magic[] = { "<?xml", "%PDF-", "\x89PNG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = NULL;
      gsize length;
      SlTestCliRun run = { 0, };

      sl_test_cli_run (&run, "map", path, "--class", "SensorRecordNoSlots", "--python", "3.13", "--export", file, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_file_get_contents (file, &text, &length, NULL));
      g_assert_cmpmem (text, strlen (magic[i]), magic[i], strlen (magic[i]));
      if (i == 0)
        {
          /* The SVG holds the words: the why is in the picture. */
          g_assert_nonnull (strstr (text, "<svg"));
        }
      g_remove (file);
      sl_test_cli_run_clear (&run);
    }
  {
    SlTestCliRun bad = { 0, };
    g_autofree char *file = g_build_filename (dir, "map.gif", NULL);

    sl_test_cli_run (&bad, "map", path, "--class", "PointWithDict", "--export", file, NULL);
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    sl_test_cli_run_clear (&bad);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/costs/equal-layout-per-strategy", test_costs_equal_layout);
  g_test_add_func ("/cli/costs/equal-real-interpreters", test_costs_equal_real_interpreters);
  g_test_add_func ("/cli/costs/text-says-why", test_costs_text_says_why);
  g_test_add_func ("/cli/map/exports-svg-pdf-png", test_map_exports);
  return g_test_run ();
}
