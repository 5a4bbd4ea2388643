/* sl-session-writer.c: the session file's text, and saving it (see
 * sl-session.c).
 */

#include <json-glib/json-glib.h>

#include "sl-chain-json.h"
#include "sl-enums.h"
#include "sl-file.h"
#include "sl-session-private.h"

/* Saving ------------------------------------------------------------------ */

static void
add_result (JsonBuilder         *builder,
            const SlResultPoint *point)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "python");
  json_builder_add_string_value (builder, point->python ? point->python : "");
  json_builder_set_member_name (builder, "strategy");
  json_builder_add_string_value (builder, sl_strategy_to_string (point->strategy));
  json_builder_set_member_name (builder, "backend");
  json_builder_add_string_value (builder, sl_backend_to_string (point->backend));
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, sl_metric_to_string (point->metric));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, (gint64) MIN (point->count, (guint64) G_MAXINT64));
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) MIN (point->bytes, (guint64) G_MAXINT64));
  if (point->partial)
    {
      json_builder_set_member_name (builder, "partial");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (point->interpreter != NULL)
    {
      json_builder_set_member_name (builder, "interpreter");
      json_builder_add_string_value (builder, point->interpreter);
    }
  if (point->run != 0)
    {
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, point->run);
    }
  json_builder_end_object (builder);
}

/* When each run ended (runs of a file from before times were kept have none). */
static void
add_runs (JsonBuilder  *builder,
          SlExperiment *experiment)
{
  g_autoptr(GPtrArray) runs = sl_experiment_dup_runs (experiment);
  gboolean any = FALSE;

  for (guint i = 0; i < runs->len; i++)
    any |= ((SlRunInfo *) g_ptr_array_index (runs, i))->time != 0;
  if (!any)
    return;
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      SlRunInfo *run = g_ptr_array_index (runs, i);
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *text = NULL;

      if (run->time == 0 || !(time = g_date_time_new_from_unix_utc (run->time)))
        continue;
      text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, run->id);
      json_builder_set_member_name (builder, "time");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_experiment (JsonBuilder  *builder,
                SlExperiment *experiment)
{
  GArray *strategies = sl_experiment_get_strategies (experiment);
  GPtrArray *results = sl_experiment_get_results (experiment);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, sl_experiment_get_name (experiment));
  json_builder_set_member_name (builder, "class");
  json_builder_add_string_value (builder, sl_experiment_get_class_name (experiment));

  json_builder_set_member_name (builder, "strategies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < strategies->len; i++)
    json_builder_add_string_value (builder,
                                   sl_strategy_to_string (g_array_index (strategies, SlStrategy, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, sl_metric_to_string (sl_experiment_get_metric (experiment)));
  json_builder_set_member_name (builder, "python");
  sl_chain_json_add_strv (builder, sl_experiment_get_pythons (experiment));
  json_builder_set_member_name (builder, "backend");
  json_builder_add_string_value (builder,
                                 sl_backend_to_string (sl_experiment_get_backend (experiment)));

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  if (sl_experiment_get_scale (experiment) == SL_SCALE_LIST)
    {
      g_autoptr(GArray) counts = sl_experiment_dup_counts (experiment);

      json_builder_set_member_name (builder, "list");
      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->len; i++)
        json_builder_add_int_value (builder, (gint64) g_array_index (counts, guint64, i));
      json_builder_end_array (builder);
    }
  else
    {
      guint64 from, to;
      guint points;

      sl_experiment_get_range (experiment, &from, &to, &points);
      json_builder_set_member_name (builder, "from");
      json_builder_add_int_value (builder, (gint64) from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_int_value (builder, (gint64) to);
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, points);
      json_builder_set_member_name (builder, "scale");
      json_builder_add_string_value (builder, sl_enum_to_nick (SL_TYPE_COUNT_SCALE,
                                                               sl_experiment_get_scale (experiment)));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    add_result (builder, g_ptr_array_index (results, i));
  json_builder_end_array (builder);
  add_runs (builder, experiment);
  json_builder_end_object (builder);
}

/* The text of the file.  Not JsonGenerator: json-glib 1.6 writes the
 * double 1e308 as `1e+308.0`, which is not JSON, and a __slots__ item may
 * be any number.  Numbers here are written as Python's repr() writes them
 * (the shortest text that reads back to the same double), which is JSON.
 * Arrays and objects of plain values go on one line when short, so a
 * class's init list or one result is one line, as in PRODUCT.md. */
static void write_node (GString *out, JsonNode *node, guint indent);

static void
write_json_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
is_container (JsonNode *node)
{
  return JSON_NODE_HOLDS_ARRAY (node) || JSON_NODE_HOLDS_OBJECT (node);
}

/* An array or object whose items are plain values (or empty). */
static gboolean
is_flat (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (is_container (item) && !(JSON_NODE_HOLDS_ARRAY (item)
                                        ? json_array_get_length (json_node_get_array (item)) == 0
                                        : json_object_get_size (json_node_get_object (item)) == 0))
            return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        if (is_container (member))
          return FALSE;
      return TRUE;
    }
  return TRUE;
}

static void
write_indent (GString *out,
              guint    indent)
{
  g_string_append_c (out, '\n');
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
}

static void
write_container (GString  *out,
                 JsonNode *node,
                 guint     indent,
                 gboolean  inline_items)
{
  gboolean object = JSON_NODE_HOLDS_OBJECT (node);
  guint n = 0;

  g_string_append_c (out, object ? '{' : '[');
  if (object)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_string_append (out, n++ ? "," : "");
          if (inline_items)
            g_string_append (out, n > 1 ? " " : "");
          else
            write_indent (out, indent + 2);
          write_json_string (out, name);
          g_string_append (out, ": ");
          write_node (out, member, indent + 2);
        }
    }
  else
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_string_append (out, n++ ? "," : "");
          if (inline_items)
            g_string_append (out, n > 1 ? " " : "");
          else
            write_indent (out, indent + 2);
          write_node (out, json_array_get_element (array, i), indent + 2);
        }
    }
  if (n > 0 && !inline_items)
    write_indent (out, indent);
  g_string_append_c (out, object ? '}' : ']');
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     indent)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          sl_python_repr_append_float (out, json_node_get_double (node));
          break;
        default:
          write_json_string (out, json_node_get_string (node));
          break;
        }
      break;

    case JSON_NODE_ARRAY:
    case JSON_NODE_OBJECT:
      if (is_flat (node))
        {
          gsize start = out->len;

          write_container (out, node, indent, TRUE);
          if (out->len - start + indent <= 120)
            break;
          g_string_truncate (out, start);
        }
      write_container (out, node, indent, FALSE);
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
sl_session_to_data (SlSession *self,
                    gsize     *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  guint n_experiments;
  GString *out;
  char *text;

  g_return_val_if_fail (SL_IS_SESSION (self), NULL);

  /* Members in the order of PRODUCT.md, so that saved files diff well. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, sl_session_get_title (self));
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, sl_session_get_notes (self));
  json_builder_set_member_name (builder, "python");
  json_builder_add_string_value (builder, sl_session_get_python (self));

  json_builder_set_member_name (builder, "classes");
  json_builder_add_value (builder, sl_chain_to_json (sl_session_get_chain (self),
                                                     SL_CHAIN_JSON_SESSION));

  json_builder_set_member_name (builder, "experiments");
  json_builder_begin_array (builder);
  n_experiments = g_list_model_get_n_items (sl_session_get_experiments (self));
  for (guint i = 0; i < n_experiments; i++)
    {
      g_autoptr(SlExperiment) experiment = g_list_model_get_item (sl_session_get_experiments (self), i);

      add_experiment (builder, experiment);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  out = g_string_new (NULL);
  write_node (out, root, 0);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  text = g_string_free (out, FALSE);
  return text;
}

gboolean
sl_session_save_to_file (SlSession     *self,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(SlSession) check = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (SL_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = sl_session_to_data (self, &length);

  /* Never write a file that would not open again. */
  check = sl_session_load_from_data (data, length, &local_error);
  if (check == NULL)
    {
      g_set_error (error, SL_SESSION_ERROR, local_error->code,
                   "the session cannot be saved as it is: %s", local_error->message);
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);

      /* A temporary file beside the target, fsync()ed, then renamed over
       * it, keeping mode, owner, a symbolic link and hard links; a
       * read-only file refused (sl-file.c). */
      if (path == NULL || !sl_file_replace_contents (path, data, length, &local_error))
        {
          g_set_error_literal (error, SL_SESSION_ERROR,
                               g_error_matches (local_error, SL_FILE_ERROR, SL_FILE_ERROR_READ_ONLY)
                                 ? SL_SESSION_ERROR_READ_ONLY : SL_SESSION_ERROR_IO,
                               local_error ? local_error->message : "not a local file");
          return FALSE;
        }
    }
  /* No G_FILE_CREATE_REPLACE_DESTINATION: it would replace a symbolic
   * link, and drop the file's mode and owner. */
  else if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                     G_FILE_CREATE_NONE, NULL,
                                     cancellable, &local_error))
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
      return FALSE;
    }

  sl_session_set_modified (self, FALSE);
  return TRUE;
}
