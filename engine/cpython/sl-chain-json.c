/* sl-chain-json.c: a chain as the session file's JSON, written once for
 * the session writer (engine/document/sl-session-writer.c) and the probe's
 * input (engine/lab/sl-experiment-run.c). */

#include "sl-chain-json.h"
#include "sl-enums.h"
#include "sl-python-repr.h"

void
sl_chain_json_add_strv (JsonBuilder        *builder,
                        const char * const *strv)
{
  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_word (JsonBuilder *builder,
          const char  *member,
          const char  *word)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, word);
}

static void
add_dataclass (JsonBuilder      *builder,
               SlDataclassFlags  dataclass)
{
  json_builder_set_member_name (builder, "dataclass");
  json_builder_begin_object (builder);
  for (guint flag = SL_DATACLASS_SLOTS; flag & SL_DATACLASS_OPTIONS; flag <<= 1)
    {
      json_builder_set_member_name (builder, sl_flags_to_nick (SL_TYPE_DATACLASS_FLAGS, flag));
      json_builder_add_boolean_value (builder, (dataclass & flag) != 0);
    }
  json_builder_end_object (builder);
}

/* How the class statement is written (issue 10): only what differs from
 * the defaults, so a file written before these members saves unchanged. */
static void
add_statement (JsonBuilder       *builder,
               SlClass           *klass,
               SlChainJsonReader  reader)
{
  SlCreatedBy created_by = sl_class_get_created_by (klass);
  SlSlotsSpelling spelling = sl_class_get_slots_spelling (klass);
  SlDataclassFlags dataclass = sl_class_get_dataclass (klass);
  const char * const *elsewhere = sl_class_get_elsewhere (klass);
  gboolean has_elsewhere = elsewhere != NULL && elsewhere[0] != NULL;
  guint at;
  SlBaseInit base_init = sl_class_get_base_init (klass, &at);
  gboolean has_base_init_at = at != 0 && (reader == SL_CHAIN_JSON_PROBE ||
                                          base_init != SL_BASE_INIT_NONE);

  if (created_by != SL_CREATED_BY_CLASS)
    add_word (builder, "created_by", sl_created_by_to_string (created_by));
  if (spelling != SL_SLOTS_TUPLE && reader == SL_CHAIN_JSON_SESSION)
    add_word (builder, "slots_spelling", sl_slots_spelling_to_string (spelling));
  if (base_init != SL_BASE_INIT_EXPLICIT)
    add_word (builder, "base_init", sl_base_init_to_string (base_init));
  if (has_base_init_at)
    {
      json_builder_set_member_name (builder, "base_init_at");
      json_builder_add_int_value (builder, at);
    }
  if (spelling != SL_SLOTS_TUPLE && reader == SL_CHAIN_JSON_PROBE)
    add_word (builder, "slots_spelling", sl_slots_spelling_to_string (spelling));
  if (dataclass != SL_DATACLASS_NONE && reader == SL_CHAIN_JSON_PROBE)
    add_dataclass (builder, dataclass);
  if (has_elsewhere)
    {
      json_builder_set_member_name (builder, "elsewhere");
      sl_chain_json_add_strv (builder, elsewhere);
    }
  if (dataclass != SL_DATACLASS_NONE && reader == SL_CHAIN_JSON_SESSION)
    add_dataclass (builder, dataclass);
}

void
sl_chain_json_add_class (JsonBuilder       *builder,
                         SlClass           *klass,
                         SlChainJsonReader  reader)
{
  const char * const *init = sl_class_get_init (klass);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, sl_class_get_name (klass));
  json_builder_set_member_name (builder, "bases");
  sl_chain_json_add_strv (builder, sl_class_get_bases (klass));
  json_builder_set_member_name (builder, "slots");
  if (!sl_class_has_slots (klass))
    json_builder_add_null_value (builder);
  else
    {
      const char * const *slots = sl_class_get_slots (klass);

      json_builder_begin_array (builder);
      for (guint i = 0; slots[i]; i++)
        {
          const char *py_type = sl_class_get_slot_type (klass, i);
          JsonNode *value = NULL;

          /* A non-string item goes back as the JSON value it was read
           * from; one that does not read back is kept as its text. */
          if (py_type != NULL && (value = sl_python_repr_to_json (slots[i], py_type)) != NULL)
            json_builder_add_value (builder, value);
          else
            json_builder_add_string_value (builder, slots[i]);
        }
      json_builder_end_array (builder);
    }

  /* The object form only where a value kind is set: a file without
   * values is written as before. */
  json_builder_set_member_name (builder, "init");
  json_builder_begin_array (builder);
  for (guint i = 0; init && init[i]; i++)
    {
      const char *kind = sl_class_get_init_value (klass, i);

      if (kind == NULL)
        json_builder_add_string_value (builder, init[i]);
      else
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, init[i]);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, kind);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  add_statement (builder, klass, reader);
  json_builder_end_object (builder);
}

JsonNode *
sl_chain_to_json (SlChain           *chain,
                  SlChainJsonReader  reader)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < sl_chain_get_n_classes (chain); i++)
    sl_chain_json_add_class (builder, sl_chain_get_class (chain, i), reader);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
