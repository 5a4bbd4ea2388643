/* sl-session-reader.c: a session file into an SlSession (the loading
 * entry points, and step 3 of loading: see sl-session.c).  Every member is checked for its
 * type and value as the session is built, and the first problem ends the
 * load with one GError whose message starts with the member's JSON path.
 */

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-engine-resources.h"
#include "sl-enums.h"
#include "sl-file.h"
#include "sl-json-check.h"
#include "sl-profile.h"
#include "sl-session-private.h"
#include "sl-value-model.h"

#define LECTURE_17_RESOURCE     "/io/github/slotlab/SlotLab/engine/lecture-17.slotlab"
#define MAX_EXPERIMENT_NAME     1024
#define MAX_EXPERIMENT_PYTHONS  64
#define MAX_RESULTS             262144
#define MAX_RUN_ID              1000000
#define MAX_INTERPRETER_PATH    4096

/* Loading ----------------------------------------------------------------- */

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError     **error,
      int          code,
      const char  *path,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, SL_SESSION_ERROR, code, "%s: %s", path, message);
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return "a boolean";
        case G_TYPE_INT64: return "an integer";
        case G_TYPE_DOUBLE: return "a number with a fraction or exponent";
        case G_TYPE_STRING: return "a string";
        default: break;
        }
      break;
    default:
      break;
    }
  return "a value of another kind";
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
wrong_type (GError    **error,
            const char *path,
            const char *expected,
            JsonNode   *node)
{
  return fail (error, SL_SESSION_ERROR_INVALID, path, "expected %s, found %s",
               expected, describe_node (node));
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *parent,
            const char  *name,
            gboolean     required,
            char       **path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  g_free (*path);
  *path = strcmp (parent, "$") == 0 ? g_strdup (name) : g_strdup_printf ("%s.%s", parent, name);
  if (node == NULL && required)
    fail (error, SL_SESSION_ERROR_INVALID, *path, "missing");
  return node;
}

/* A string member of at most max_len bytes; default_value when absent
 * (NULL: required). */
static gboolean
get_string (JsonObject  *object,
            const char  *parent,
            const char  *name,
            const char  *default_value,
            gsize        max_len,
            const char **out,
            GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, default_value == NULL, &path, error);

  if (node == NULL)
    {
      *out = default_value;
      return default_value != NULL;
    }
  if (!node_is_string (node))
    return wrong_type (error, path, "a string", node);
  *out = json_node_get_string (node);
  if (strlen (*out) > max_len)
    return fail (error, SL_SESSION_ERROR_LIMIT, path, "longer than the limit of %" G_GSIZE_FORMAT
                 " bytes", max_len);
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *parent,
           const char  *name,
           gboolean     required,
           guint        max_len,
           JsonArray  **out,
           GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, required, &path, error);

  *out = NULL;
  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, path, "an array", node);
  *out = json_node_get_array (node);
  if (json_array_get_length (*out) > max_len)
    return fail (error, SL_SESSION_ERROR_LIMIT, path, "%u items, more than the limit of %u",
                 json_array_get_length (*out), max_len);
  return TRUE;
}

static gboolean
get_count (JsonObject  *object,
           const char  *parent,
           const char  *name,
           guint64      min,
           guint64      max,
           guint64     *out,
           GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, TRUE, &path, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  if (!node_is_integer (node))
    return wrong_type (error, path, "an integer", node);
  value = json_node_get_int (node);
  if (value < 0 || (guint64) value < min)
    return fail (error, SL_SESSION_ERROR_INVALID, path,
                 "%" G_GINT64_FORMAT " is smaller than %" G_GUINT64_FORMAT, value, min);
  if ((guint64) value > max)
    return fail (error, SL_SESSION_ERROR_LIMIT, path,
                 "%" G_GINT64_FORMAT " is larger than the limit %" G_GUINT64_FORMAT, value, max);
  *out = (guint64) value;
  return TRUE;
}

static gboolean
check_version (const char *path,
               const char *version,
               gboolean    need_profile,
               GError    **error)
{
  g_autoptr(SlProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;

  profile = sl_profile_lookup (version, &local_error);
  if (profile != NULL)
    return TRUE;
  if (!need_profile && g_error_matches (local_error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_UNKNOWN))
    return TRUE;
  return fail (error, SL_SESSION_ERROR_INVALID, path, "%s", local_error->message);
}

static char *
index_path (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

static gboolean
load_string_list (JsonArray   *array,
                  const char  *path,
                  GPtrArray   *out,
                  GError     **error)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!node_is_string (node))
        {
          g_autofree char *item_path = index_path (path, i);

          return wrong_type (error, item_path, "a string", node);
        }
      g_ptr_array_add (out, (char *) json_node_get_string (node));
    }
  g_ptr_array_add (out, NULL);
  return TRUE;
}

/* init: each item a name (the attribute holds a small int) or
 * {"name": NAME, "value": KIND}. */
static gboolean
load_init (JsonArray   *array,
           const char  *path,
           GPtrArray   *names,
           GPtrArray   *values,
           GError     **error)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_path = index_path (path, i);
      const char *name = NULL, *kind = NULL;

      if (node_is_string (node))
        name = json_node_get_string (node);
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *item = json_node_get_object (node);
          g_autoptr(GError) local_error = NULL;
          g_autofree char *kind_path = NULL;
          SlValue value;

          if (!get_string (item, item_path, "name", NULL, SL_CHAIN_MAX_NAME_LEN * 4, &name, error) ||
              !get_string (item, item_path, "value", "small-int", 64, &kind, error))
            return FALSE;
          kind_path = g_strdup_printf ("%s.value", item_path);
          if (!sl_value_parse (kind, &value, &local_error))
            return fail (error, SL_SESSION_ERROR_INVALID, kind_path, "%s", local_error->message);
        }
      else
        return wrong_type (error, item_path, "a string or an object {\"name\", \"value\"}", node);
      g_ptr_array_add (names, (char *) name);
      g_ptr_array_add (values, (char *) kind);
    }
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
  return TRUE;
}

/* A string that is a word of enum_type (a nick of the generated type,
 * sl-enums.h); FALSE with an error naming what was expected. */
static gboolean
node_to_enum (JsonNode    *node,
              const char  *path,
              GType        enum_type,
              const char  *what,
              int         *out,
              GError     **error)
{
  if (!node_is_string (node))
    return wrong_type (error, path, "a string", node);
  if (!sl_enum_from_nick (enum_type, json_node_get_string (node), out))
    {
      g_autofree char *quoted = sl_json_quote_for_message (json_node_get_string (node));

      return fail (error, SL_SESSION_ERROR_INVALID, path, "%s is not %s", quoted, what);
    }
  return TRUE;
}

/* A member holding one word of enum_type: required, or optional with
 * *present telling whether it was there. */
static gboolean
get_enum_member (JsonObject  *object,
                 const char  *parent,
                 const char  *name,
                 GType        enum_type,
                 const char  *what,
                 gboolean    *present,
                 int         *out,
                 GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (object, parent, name, present == NULL, &path, error);

  if (present != NULL)
    *present = node != NULL;
  if (node == NULL)
    return present != NULL;
  return node_to_enum (node, path, enum_type, what, out, error);
}

#define CREATED_BY_TEXT     "how the class is made (class or type)"
#define BASE_INIT_TEXT      "how __init__ calls the bases' __init__ (explicit, super or none)"
#define SLOTS_SPELLING_TEXT "a spelling of __slots__ (tuple, list, str or dict)"

/* "dataclass": {"slots": bool, "frozen": bool, "weakref_slot": bool}.
 * Unknown members are refused: a misspelt option would silently change
 * every figure. */
static gboolean
load_dataclass (JsonNode          *node,
                const char        *path,
                SlDataclassFlags  *out,
                GError           **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  *out = SL_DATACLASS;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      g_autofree char *member_path = g_strdup_printf ("%s.%s", path, member);
      guint flag;

      if (sl_flags_from_nick (SL_TYPE_DATACLASS_FLAGS, member, &flag) &&
          (flag & SL_DATACLASS_OPTIONS) != 0)
        {
          if (!node_is_boolean (value))
            return wrong_type (error, member_path, "true or false", value);
          if (json_node_get_boolean (value))
            *out |= flag;
        }
      else
        {
          g_autofree char *quoted = sl_json_quote_for_message (member);

          return fail (error, SL_SESSION_ERROR_INVALID, path,
                       "%s is not an option of the session's dataclass "
                       "(slots, frozen or weakref_slot)", quoted);
        }
    }
  if ((*out & SL_DATACLASS_WEAKREF_SLOT) && !(*out & SL_DATACLASS_SLOTS))
    return fail (error, SL_SESSION_ERROR_INVALID, path,
                 "weakref_slot is true but slots is not; dataclass() refuses that");
  return TRUE;
}

/* Names written in source (a class name, a base, self.NAME) as CPython's
 * compiler stores them: their NFKC form, so a session naming `ﬁle` means
 * the attribute `file` (sl_name_normalize()).  Changed strings are kept
 * in `owned`.  __slots__ items are strings, not source: never this. */
static const char *
normalize_name (const char *name,
                GPtrArray  *owned)
{
  char *nfkc = sl_name_normalize (name);

  if (nfkc == NULL || strcmp (nfkc, name) == 0)
    {
      g_free (nfkc);
      return name;
    }
  g_ptr_array_add (owned, nfkc);
  return nfkc;
}

static void
normalize_names (GPtrArray *names,
                 GPtrArray *owned)
{
  for (guint i = 0; i < names->len && names->pdata[i]; i++)
    names->pdata[i] = (char *) normalize_name (names->pdata[i], owned);
}

/* How the class statement is written: the members of issue 10, each
 * optional, each absent in files written before them. */
static gboolean
load_statement (SlChain    *chain,
                SlClass    *klass,
                JsonObject *object,
                const char *path,
                GError    **error)
{
  g_autofree char *member_path = NULL;
  g_autoptr(GPtrArray) elsewhere = g_ptr_array_new ();
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  JsonArray *array;
  JsonNode *node;
  gboolean has_created_by, has_base_init, has_spelling;
  int created_by = SL_CREATED_BY_CLASS, base_init = SL_BASE_INIT_EXPLICIT;
  int spelling = SL_SLOTS_TUPLE;
  guint64 base_init_at = 0;
  gboolean has_base_init_at;
  SlDataclassFlags dataclass = SL_DATACLASS_NONE;

  if (!get_enum_member (object, path, "created_by", SL_TYPE_CREATED_BY, CREATED_BY_TEXT,
                        &has_created_by, &created_by, error) ||
      !get_enum_member (object, path, "base_init", SL_TYPE_BASE_INIT, BASE_INIT_TEXT,
                        &has_base_init, &base_init, error) ||
      !get_enum_member (object, path, "slots_spelling", SL_TYPE_SLOTS_SPELLING,
                        SLOTS_SPELLING_TEXT, &has_spelling, &spelling, error))
    return FALSE;

  has_base_init_at = json_object_has_member (object, "base_init_at");
  if (has_base_init_at)
    {
      if (!get_count (object, path, "base_init_at", 0, SL_CHAIN_MAX_INIT, &base_init_at, error))
        return FALSE;
      if (base_init == SL_BASE_INIT_NONE)
        {
          member_path = g_strdup_printf ("%s.base_init_at", path);
          return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                       "given, but base_init is \"none\": there is no call to place");
        }
    }

  /* slots_spelling: only with __slots__; one string needs one name. */
  if (has_spelling)
    {
      g_clear_pointer (&member_path, g_free);
      member_path = g_strdup_printf ("%s.slots_spelling", path);
      if (!sl_class_has_slots (klass))
        return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                     "given, but the class has no __slots__ (slots is null)");
      if (spelling == SL_SLOTS_STR &&
          (sl_class_get_n_slots (klass) != 1 || sl_class_get_slot_type (klass, 0) != NULL))
        return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                     "\"str\" (__slots__ = 'name') holds exactly one name, "
                     "but slots has %u items", sl_class_get_n_slots (klass));
    }

  /* elsewhere: names stored as self.NAME outside the path __init__ runs. */
  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.elsewhere", path);
  if (!get_array (object, path, "elsewhere", FALSE, SL_CHAIN_MAX_INIT, &array, error) ||
      !load_string_list (array, member_path, elsewhere, error))
    return FALSE;
  normalize_names (elsewhere, owned);
  for (guint i = 0; elsewhere->pdata[i]; i++)
    {
      g_clear_error (&local_error);
      if (!sl_check_name (elsewhere->pdata[i], "the attribute name", &local_error))
        {
          g_autofree char *item_path = index_path (member_path, i);

          return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                                ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                       item_path, "%s", local_error->message);
        }
    }

  g_clear_pointer (&member_path, g_free);
  node = get_member (object, path, "dataclass", FALSE, &member_path, error);
  if (node != NULL && !load_dataclass (node, member_path, &dataclass, error))
    return FALSE;

  /* Combinations no class statement or type() call can be. */
  if (created_by == SL_CREATED_BY_TYPE)
    for (const char * const *b = sl_class_get_bases (klass); *b; b++)
      if (strcmp (*b, "Generic") == 0 && !sl_chain_lookup (chain, "Generic"))
        {
          g_clear_pointer (&member_path, g_free);
          member_path = g_strdup_printf ("%s.created_by", path);
          return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                       "\"type\", but a base is typing.Generic[T], which only a class statement "
                       "can name (type() takes no subscripted generic)");
        }
  if (created_by == SL_CREATED_BY_TYPE && dataclass != SL_DATACLASS_NONE)
    return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                 "a dataclass is made by a class statement, but created_by is \"type\"");
  if (created_by == SL_CREATED_BY_TYPE && elsewhere->len > 1)
    {
      g_clear_pointer (&member_path, g_free);
      member_path = g_strdup_printf ("%s.elsewhere", path);
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "given, but created_by is \"type\": only a class statement's compiler "
                   "sees stores outside __init__");
    }
  if (dataclass != SL_DATACLASS_NONE && (has_base_init || has_base_init_at))
    {
      g_clear_pointer (&member_path, g_free);
      member_path = g_strdup_printf ("%s.%s", path, has_base_init ? "base_init" : "base_init_at");
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "given, but the class is a dataclass: its generated __init__ never "
                   "calls a base's __init__");
    }
  if ((dataclass & SL_DATACLASS_SLOTS) && sl_class_has_slots (klass))
    {
      g_clear_pointer (&member_path, g_free);
      member_path = g_strdup_printf ("%s.slots", path);
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "given, but dataclass slots is true: dataclass() makes __slots__ from the "
                   "fields (init) and refuses a class that already specifies __slots__");
    }

  sl_class_set_created_by (klass, created_by);
  sl_class_set_base_init (klass, base_init, (guint) base_init_at);
  sl_class_set_slots_spelling (klass, spelling);
  sl_class_set_elsewhere (klass, (const char * const *) elsewhere->pdata);
  sl_class_set_dataclass (klass, dataclass);
  return TRUE;
}

static gboolean
load_class (SlChain     *chain,
            JsonNode    *node,
            guint        index,
            GError     **error)
{
  g_autofree char *path = index_path ("classes", index);
  g_autofree char *member_path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SlClass) klass = NULL;
  g_autoptr(GPtrArray) bases = g_ptr_array_new ();
  g_autoptr(GPtrArray) init = g_ptr_array_new ();
  g_autoptr(GPtrArray) init_values = g_ptr_array_new ();
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) slot_types = NULL;
  g_autoptr(GPtrArray) reprs = g_ptr_array_new_with_free_func (g_free);
  JsonObject *object;
  JsonArray *array;
  JsonNode *slots_node;
  const char *name;
  g_autofree char *quoted_name = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  if (!get_string (object, path, "name", NULL, G_MAXSIZE, &name, error))
    return FALSE;
  name = normalize_name (name, reprs);
  member_path = g_strdup_printf ("%s.name", path);
  if (!sl_check_name (name, "the class name", &local_error))
    return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                          ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                 member_path, "%s", local_error->message);
  quoted_name = sl_json_quote_for_message (name);
  {
    int earlier = sl_chain_index_of (chain, name);

    if (earlier >= 0)
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "a class named %s is already defined at classes[%d]", quoted_name, earlier);
  }

  /* bases: earlier classes; an empty list is object. */
  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.bases", path);
  if (!get_array (object, path, "bases", FALSE, SL_CHAIN_MAX_BASES, &array, error) ||
      !load_string_list (array, member_path, bases, error))
    return FALSE;
  normalize_names (bases, reprs);
  for (guint i = 0; bases->pdata[i]; i++)
    if (sl_chain_lookup (chain, bases->pdata[i]) == NULL && !sl_name_is_library_base (bases->pdata[i]))
      {
        g_autofree char *item_path = g_strdup_printf ("%s.bases[%u]", path, i);
        g_autofree char *quoted = sl_json_quote_for_message (bases->pdata[i]);

        return fail (error, SL_SESSION_ERROR_INVALID, item_path,
                     "%s is not a class defined before %s", quoted, quoted_name);
      }

  /* slots: null (no __slots__) or the tuple as written.  Items that are
   * not strings are kept with their Python type; CPython refuses them when
   * the class is made, and the layout reports its message. */
  g_clear_pointer (&member_path, g_free);
  slots_node = get_member (object, path, "slots", FALSE, &member_path, error);
  if (slots_node != NULL && !JSON_NODE_HOLDS_NULL (slots_node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (slots_node))
        return wrong_type (error, member_path, "an array or null", slots_node);
      array = json_node_get_array (slots_node);
      if (json_array_get_length (array) > SL_CHAIN_MAX_SLOTS)
        return fail (error, SL_SESSION_ERROR_LIMIT, member_path,
                     "%u items, more than the limit of %u",
                     json_array_get_length (array), SL_CHAIN_MAX_SLOTS);

      slots = g_ptr_array_new ();
      slot_types = g_ptr_array_new ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *text;
          const char *py_type = "";

          if (node_is_string (item))
            text = json_node_get_string (item);
          else
            {
              char *repr = sl_python_repr_from_json (item, &py_type);

              g_ptr_array_add (reprs, repr);
              text = repr;
            }
          if (strlen (text) > SL_CHAIN_MAX_NAME_LEN)
            {
              g_autofree char *item_path = index_path (member_path, i);

              return fail (error, SL_SESSION_ERROR_LIMIT, item_path,
                           "a __slots__ item longer than the limit of %d bytes",
                           SL_CHAIN_MAX_NAME_LEN);
            }
          g_ptr_array_add (slots, (char *) text);
          g_ptr_array_add (slot_types, (char *) py_type);
        }
      g_ptr_array_add (slots, NULL);
      g_ptr_array_add (slot_types, NULL);
    }

  /* init: the names __init__ assigns to self, and what each holds. */
  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.init", path);
  if (!get_array (object, path, "init", FALSE, SL_CHAIN_MAX_INIT, &array, error) ||
      !load_init (array, member_path, init, init_values, error))
    return FALSE;
  normalize_names (init, reprs);
  for (guint i = 0; init->pdata[i]; i++)
    {
      g_clear_error (&local_error);
      if (!sl_check_name (init->pdata[i], "the attribute name", &local_error))
        {
          g_autofree char *item_path = index_path (member_path, i);

          return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                                ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                       item_path, "%s", local_error->message);
        }
    }

  klass = sl_class_new (name);
  sl_class_set_bases (klass, (const char * const *) bases->pdata);
  if (slots != NULL)
    sl_class_set_slots_full (klass, (const char * const *) slots->pdata,
                             (const char * const *) slot_types->pdata);
  sl_class_set_init_full (klass, (const char * const *) init->pdata,
                          (const char * const *) init_values->pdata);
  if (!load_statement (chain, klass, object, path, error))
    return FALSE;

  /* The chain's own checks have the last word. */
  g_clear_error (&local_error);
  if (!sl_chain_append (chain, klass, &local_error))
    return fail (error, g_error_matches (local_error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT)
                          ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_INVALID,
                 path, "%s", local_error->message);
  return TRUE;
}

#define METRICS_TEXT    "a metric (traced, getsizeof, pymalloc or resident)"
#define STRATEGIES_TEXT "a strategy (as-declared, dict, slots or mixed)"
#define BACKENDS_TEXT   "a backend (model or live)"
#define SCALES_TEXT     "a scale (log or linear)"

static gboolean
load_counts (SlExperiment *experiment,
             JsonObject   *parent,
             const char   *parent_path,
             GError      **error)
{
  g_autofree char *path = NULL;
  JsonNode *node = get_member (parent, parent_path, "counts", TRUE, &path, error);
  JsonObject *object;
  JsonArray *list;
  guint64 from, to, points;
  int scale;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  if (json_object_has_member (object, "list"))
    {
      g_autofree char *list_path = g_strdup_printf ("%s.list", path);
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint64));

      if (json_object_has_member (object, "from") || json_object_has_member (object, "to") ||
          json_object_has_member (object, "points") || json_object_has_member (object, "scale"))
        return fail (error, SL_SESSION_ERROR_INVALID, path,
                     "give either \"list\" or \"from\", \"to\", \"points\" and \"scale\", not both");
      if (!get_array (object, path, "list", TRUE, SL_EXPERIMENT_MAX_POINTS, &list, error))
        return FALSE;
      if (json_array_get_length (list) == 0)
        return fail (error, SL_SESSION_ERROR_INVALID, list_path, "the list of counts is empty");
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          g_autofree char *item_path = index_path (list_path, i);
          JsonNode *item = json_array_get_element (list, i);
          gint64 count;

          if (!node_is_integer (item))
            return wrong_type (error, item_path, "an integer", item);
          count = json_node_get_int (item);
          if (count < 1)
            return fail (error, SL_SESSION_ERROR_INVALID, item_path,
                         "%" G_GINT64_FORMAT " is smaller than 1", count);
          if ((guint64) count > SL_EXPERIMENT_MAX_COUNT)
            return fail (error, SL_SESSION_ERROR_LIMIT, item_path,
                         "%" G_GINT64_FORMAT " is larger than the limit %" G_GUINT64_FORMAT,
                         count, SL_EXPERIMENT_MAX_COUNT);
          g_array_append_val (counts, count);
        }
      sl_experiment_set_count_list (experiment, (const guint64 *) (gpointer) counts->data,
                                    counts->len);
      return TRUE;
    }

  if (!get_count (object, path, "from", 1, SL_EXPERIMENT_MAX_COUNT, &from, error) ||
      !get_count (object, path, "to", 1, SL_EXPERIMENT_MAX_COUNT, &to, error))
    return FALSE;
  if (to < from)
    {
      g_autofree char *to_path = g_strdup_printf ("%s.to", path);

      return fail (error, SL_SESSION_ERROR_INVALID, to_path,
                   "%" G_GUINT64_FORMAT " is smaller than from (%" G_GUINT64_FORMAT ")", to, from);
    }
  if (!get_count (object, path, "points", 1, SL_EXPERIMENT_MAX_POINTS, &points, error) ||
      !get_enum_member (object, path, "scale", SL_TYPE_COUNT_SCALE, SCALES_TEXT, NULL, &scale, error))
    return FALSE;
  sl_experiment_set_range (experiment, from, to, (guint) points, (SlCountScale) scale);
  return TRUE;
}

static gboolean
load_result (SlExperiment *experiment,
             JsonNode     *node,
             const char   *path,
             GError      **error)
{
  g_autofree char *member_path = NULL;
  SlResultPoint point = { 0, };
  JsonObject *object;
  JsonNode *member;
  const char *python;
  int strategy, backend, metric;
  guint64 count, bytes;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  /* A live run may have used a release no profile covers: the version
   * must be well formed, not known. */
  member_path = g_strdup_printf ("%s.python", path);
  if (!get_string (object, path, "python", NULL, 32, &python, error) ||
      !check_version (member_path, python, FALSE, error) ||
      !get_enum_member (object, path, "strategy", SL_TYPE_STRATEGY, STRATEGIES_TEXT,
                        NULL, &strategy, error) ||
      !get_enum_member (object, path, "backend", SL_TYPE_BACKEND, BACKENDS_TEXT,
                        NULL, &backend, error) ||
      !get_enum_member (object, path, "metric", SL_TYPE_METRIC, METRICS_TEXT,
                        NULL, &metric, error) ||
      !get_count (object, path, "count", 1, SL_EXPERIMENT_MAX_COUNT, &count, error) ||
      !get_count (object, path, "bytes", 0, G_MAXINT64, &bytes, error))
    return FALSE;

  point.python = (char *) python;
  point.strategy = strategy;
  point.backend = backend;
  point.metric = metric;
  point.count = count;
  point.bytes = bytes;

  if ((member = get_member (object, path, "partial", FALSE, &member_path, error)) != NULL)
    {
      if (!node_is_boolean (member))
        return wrong_type (error, member_path, "true or false", member);
      point.partial = json_node_get_boolean (member);
    }

  /* Provenance only: which interpreter produced the figure.  Never run. */
  if ((member = get_member (object, path, "interpreter", FALSE, &member_path, error)) != NULL &&
      !JSON_NODE_HOLDS_NULL (member))
    {
      if (!node_is_string (member))
        return wrong_type (error, member_path, "a string or null", member);
      point.interpreter = (char *) json_node_get_string (member);
      if (strlen (point.interpreter) > MAX_INTERPRETER_PATH)
        return fail (error, SL_SESSION_ERROR_LIMIT, member_path,
                     "longer than the limit of %d bytes", MAX_INTERPRETER_PATH);
    }

  /* The run it belongs to (absent in files from before runs were kept:
   * the experiment groups such points itself). */
  if (json_object_get_member (object, "run") != NULL)
    {
      guint64 run;

      if (!get_count (object, path, "run", 1, MAX_RUN_ID, &run, error))
        return FALSE;
      point.run = (guint) run;
    }

  sl_experiment_add_result (experiment, &point);
  return TRUE;
}

/* "runs": [{"id": N, "time": "2026-12-03T08:01:02Z"}, …] — when each run
 * of the results ended.  Optional, like each member of an item. */
static gboolean
load_runs (SlExperiment *experiment,
           JsonObject   *object,
           const char   *path,
           GError      **error)
{
  g_autofree char *member_path = g_strdup_printf ("%s.runs", path);
  JsonArray *array;

  if (!get_array (object, path, "runs", FALSE, MAX_RESULTS, &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (member_path, i);
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GDateTime) time = NULL;
      const char *text;
      guint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return wrong_type (error, item_path, "an object", node);
      if (!get_count (json_node_get_object (node), item_path, "id", 1, MAX_RUN_ID, &id, error) ||
          !get_string (json_node_get_object (node), item_path, "time", "", 64, &text, error))
        return FALSE;
      if (*text != '\0' && (time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
        {
          g_autofree char *time_path = g_strdup_printf ("%s.time", item_path);

          return fail (error, SL_SESSION_ERROR_INVALID, time_path,
                       "\"%s\" is not a time such as 2026-12-03T08:01:02Z", text);
        }
      sl_experiment_set_run_time (experiment, (guint) id, time ? g_date_time_to_unix (time) : 0);
    }
  return TRUE;
}

static gboolean
load_experiment (SlSession  *session,
                 JsonNode   *node,
                 guint       index,
                 GError    **error)
{
  g_autofree char *path = index_path ("experiments", index);
  g_autofree char *member_path = NULL;
  g_autoptr(SlExperiment) experiment = NULL;
  g_autoptr(GArray) strategies = g_array_new (FALSE, FALSE, sizeof (SlStrategy));
  g_autoptr(GPtrArray) pythons = g_ptr_array_new ();
  JsonObject *object;
  JsonArray *array;
  const char *name, *class_name;
  g_autofree char *normalized_class = NULL;
  int metric, backend;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, "an object", node);
  object = json_node_get_object (node);

  /* An "interpreter" member here is ignored: a session never chooses the
   * program a live run executes (PRODUCT.md). */

  if (!get_string (object, path, "name", NULL, MAX_EXPERIMENT_NAME, &name, error) ||
      !get_string (object, path, "class", NULL, G_MAXSIZE, &class_name, error))
    return FALSE;
  /* The class as the compiler names it (`ﬁle` is `file`). */
  {
    char *nfkc = sl_name_normalize (class_name);

    if (nfkc != NULL)
      {
        normalized_class = nfkc;
        class_name = nfkc;
      }
  }
  /* An experiment is chosen by its name (slotlab-cli run --experiment,
   * the window's list): one that is blank, or that an earlier one has,
   * could not be chosen. */
  {
    g_autofree char *stripped = g_strstrip (g_strdup (name));
    GListModel *earlier = sl_session_get_experiments (session);

    member_path = g_strdup_printf ("%s.name", path);
    if (*stripped == '\0')
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "an experiment needs a name; this one is %s",
                   *name ? "only spaces" : "empty");
    for (guint i = 0; i < g_list_model_get_n_items (earlier); i++)
      {
        g_autoptr(SlExperiment) other = g_list_model_get_item (earlier, i);

        if (strcmp (sl_experiment_get_name (other), name) == 0)
          {
            g_autofree char *quoted = sl_json_quote_for_message (name);

            return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                         "%s is already the name of experiments[%u]; each experiment needs its own",
                         quoted, i);
          }
      }
    g_clear_pointer (&member_path, g_free);
  }
  if (sl_chain_lookup (sl_session_get_chain (session), class_name) == NULL)
    {
      g_autofree char *quoted = sl_json_quote_for_message (class_name);

      member_path = g_strdup_printf ("%s.class", path);
      return fail (error, SL_SESSION_ERROR_INVALID, member_path,
                   "%s is not a class of this session", quoted);
    }

  experiment = sl_experiment_new (name, class_name);

  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.strategies", path);
  if (!get_array (object, path, "strategies", TRUE, SL_N_STRATEGIES * 4, &array, error))
    return FALSE;
  if (json_array_get_length (array) == 0)
    return fail (error, SL_SESSION_ERROR_INVALID, member_path, "no strategies; name at least one");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (member_path, i);
      JsonNode *item = json_array_get_element (array, i);
      int strategy;

      if (!node_to_enum (item, item_path, SL_TYPE_STRATEGY, STRATEGIES_TEXT, &strategy, error))
        return FALSE;
      for (guint j = 0; j < strategies->len; j++)
        if (g_array_index (strategies, SlStrategy, j) == (SlStrategy) strategy)
          return fail (error, SL_SESSION_ERROR_INVALID, item_path, "\"%s\" is listed twice",
                       sl_strategy_to_string (strategy));
      g_array_append_val (strategies, strategy);
    }
  sl_experiment_set_strategies (experiment, (const SlStrategy *) (gpointer) strategies->data,
                                strategies->len);

  if (!get_enum_member (object, path, "metric", SL_TYPE_METRIC, METRICS_TEXT, NULL, &metric, error))
    return FALSE;
  sl_experiment_set_metric (experiment, metric);

  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.python", path);
  if (!get_array (object, path, "python", TRUE, MAX_EXPERIMENT_PYTHONS, &array, error) ||
      !load_string_list (array, member_path, pythons, error))
    return FALSE;
  for (guint i = 0; pythons->pdata[i]; i++)
    {
      g_autofree char *item_path = index_path (member_path, i);

      if (!check_version (item_path, pythons->pdata[i], TRUE, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (pythons->pdata[i], pythons->pdata[j]) == 0)
          return fail (error, SL_SESSION_ERROR_INVALID, item_path, "\"%s\" is listed twice",
                       (const char *) pythons->pdata[i]);
    }
  sl_experiment_set_pythons (experiment, (const char * const *) pythons->pdata);

  if (!get_enum_member (object, path, "backend", SL_TYPE_BACKEND, BACKENDS_TEXT, NULL,
                        &backend, error))
    return FALSE;
  sl_experiment_set_backend (experiment, backend);

  if (!load_counts (experiment, object, path, error))
    return FALSE;

  g_clear_pointer (&member_path, g_free);
  member_path = g_strdup_printf ("%s.results", path);
  if (!get_array (object, path, "results", FALSE, MAX_RESULTS, &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = index_path (member_path, i);

      if (!load_result (experiment, json_array_get_element (array, i), item_path, error))
        return FALSE;
    }
  if (!load_runs (experiment, object, path, error))
    return FALSE;

  sl_session_add_experiment (session, experiment);
  return TRUE;
}

static gboolean
load_root (SlSession  *session,
           JsonNode   *root,
           GError    **error)
{
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  const char *text;
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, SL_SESSION_ERROR_FORMAT, "$",
                 "not a JSON object, so not a Slot Lab session (found %s)", describe_node (root));
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL)
    return fail (error, SL_SESSION_ERROR_FORMAT, "format",
                 "missing; this is not a Slot Lab session");
  if (!node_is_string (node) || strcmp (json_node_get_string (node), FORMAT_NAME) != 0)
    {
      g_autofree char *found = node_is_string (node) ? sl_json_quote_for_message (json_node_get_string (node))
                                                      : g_strdup (describe_node (node));

      return fail (error, SL_SESSION_ERROR_FORMAT, "format",
                   "%s is not \"" FORMAT_NAME "\"; this is not a Slot Lab session", found);
    }

  node = json_object_get_member (object, "version");
  if (node == NULL)
    return fail (error, SL_SESSION_ERROR_FORMAT, "version", "missing");
  if (!node_is_integer (node))
    return fail (error, SL_SESSION_ERROR_FORMAT, "version", "expected an integer, found %s",
                 describe_node (node));
  version = json_node_get_int (node);
  if (version > FORMAT_VERSION)
    return fail (error, SL_SESSION_ERROR_FORMAT, "version",
                 "%" G_GINT64_FORMAT ": this file was written by a newer Slot Lab "
                 "(this one reads version %d)", version, FORMAT_VERSION);
  if (version < FORMAT_VERSION)
    return fail (error, SL_SESSION_ERROR_FORMAT, "version",
                 "%" G_GINT64_FORMAT " is not a version of the session format", version);

  if (!get_string (object, "$", "title", "", SL_SESSION_MAX_TEXT, &text, error))
    return FALSE;
  sl_session_set_title (session, text);
  if (!get_string (object, "$", "notes", "", SL_SESSION_MAX_TEXT, &text, error))
    return FALSE;
  sl_session_set_notes (session, text);
  if (!get_string (object, "$", "python", DEFAULT_PYTHON, 32, &text, error) ||
      !check_version ("python", text, TRUE, error))
    return FALSE;
  sl_session_set_python (session, text);

  /* A top-level "interpreter" member is ignored: see the comment at the top. */

  if (!get_array (object, "$", "classes", TRUE, SL_CHAIN_MAX_CLASSES, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_class (sl_session_get_chain (session), json_array_get_element (array, i), i, error))
      return FALSE;

  if (!get_array (object, "$", "experiments", FALSE, SL_SESSION_MAX_EXPERIMENTS, &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    if (!load_experiment (session, json_array_get_element (array, i), i, error))
      return FALSE;

  return TRUE;
}

/* The file ----------------------------------------------------------------- */

GBytes *
sl_session_read_file (GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize total = 0;

  if (g_file_is_native (file))
    {
      g_autofree char *path = g_file_get_path (file);
      GBytes *bytes;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!(bytes = sl_file_read_regular (path, SL_SESSION_MAX_FILE_SIZE, &local_error)))
        {
          if (g_error_matches (local_error, SL_FILE_ERROR, SL_FILE_ERROR_TOO_BIG))
            g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT, "$: %s", local_error->message);
          else if (g_error_matches (local_error, SL_FILE_ERROR, SL_FILE_ERROR_NOT_REGULAR))
            g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, "%s; a session is a file",
                         local_error->message);
          else
            g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
          return NULL;
        }
      return bytes;
    }

  /* Other GIO files: the same rules through GIO. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO,
                           g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                             ? "a folder, not a regular file; a session is a file"
                             : "not a regular file; a session is a file");
      return NULL;
    }
  if (g_file_info_get_size (info) > SL_SESSION_MAX_FILE_SIZE)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                   "$: the file is %" G_GOFFSET_FORMAT " bytes, more than the limit of %d bytes",
                   g_file_info_get_size (info), SL_SESSION_MAX_FILE_SIZE);
      return NULL;
    }
  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
      return NULL;
    }
  /* Read at most one byte past the limit: the file may be growing. */
  buffer = g_malloc (SL_SESSION_MAX_FILE_SIZE + 1);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer + total,
                                      SL_SESSION_MAX_FILE_SIZE + 1 - total,
                                      cancellable, &local_error);
      if (n < 0)
        {
          g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_IO, local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      total += n;
      if (total > SL_SESSION_MAX_FILE_SIZE)
        {
          g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                       "$: the file is more than the limit of %d bytes", SL_SESSION_MAX_FILE_SIZE);
          return NULL;
        }
    }
  return g_bytes_new_take (g_realloc (g_steal_pointer (&buffer), total ? total : 1), total);
}

/* Loading: the entry points (steps 1 and 2, then load_root) -------------- */

/* json-glib's "<data>:3:5: Parse error: ..." as "line 3, column 5: ...". */
static void
set_parser_error (GError     **error,
                  const GError *parser_error)
{
  const char *message = parser_error->message;
  guint line = 0, column = 0;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      message += consumed;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE, "line %u, column %u: %s",
                   line, column, message);
    }
  else
    g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE, "$: %s", message);
}

SlSession *
sl_session_load_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(SlSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (data) : (gsize) length;
  if (len > SL_SESSION_MAX_FILE_SIZE)
    {
      g_set_error (error, SL_SESSION_ERROR, SL_SESSION_ERROR_LIMIT,
                   "$: the file is %" G_GSIZE_FORMAT " bytes, more than the limit of %d bytes",
                   len, SL_SESSION_MAX_FILE_SIZE);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  else if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                           "$: the file is UTF-16 (or UTF-32) text; a session file is UTF-8");
      return NULL;
    }
  else if (len >= 4 && memcmp (data, "\x00\x00\xFE\xFF", 4) == 0)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE,
                           "$: the file is UTF-32 text; a session file is UTF-8");
      return NULL;
    }

  if (!sl_json_check_text (data, len, &local_error))
    {
      /* The session's own domain: a text too deep is over a limit, any
       * other fault is not a session file. */
      g_set_error_literal (error, SL_SESSION_ERROR,
                           g_error_matches (local_error, SL_JSON_CHECK_ERROR, SL_JSON_CHECK_ERROR_LIMIT)
                             ? SL_SESSION_ERROR_LIMIT : SL_SESSION_ERROR_PARSE,
                           local_error->message);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      set_parser_error (error, local_error);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, SL_SESSION_ERROR, SL_SESSION_ERROR_PARSE, "$: the file is empty");
      return NULL;
    }

  session = sl_session_new ();
  if (!load_root (session, json_parser_get_root (parser), error))
    return NULL;

  sl_session_set_modified (session, FALSE);
  return g_steal_pointer (&session);
}

SlSession *
sl_session_load_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* sl-session-reader.c: a regular file only, never a pipe that hangs. */
  if (!(bytes = sl_session_read_file (file, cancellable, error)))
    return NULL;
  return sl_session_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

SlSession *
sl_session_new_lecture_17 (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SlSession *session;

  /* From the engine's own resource, which also keeps it linked in from
   * the static library. */
  bytes = g_resource_lookup_data (sl_engine_get_resource (), LECTURE_17_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("the built-in Lecture 17 session is missing: %s", error->message);
  session = sl_session_load_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       &error);
  if (session == NULL)
    g_error ("the built-in Lecture 17 session does not load: %s", error->message);
  return session;
}
