/* sl-profile.c: CPython build profiles, loaded from data/profiles/. */

#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sl-engine-resources.h"
#include "sl-profile-private.h"

#define RESOURCE_DIR "/io/github/slotlab/SlotLab/engine/profiles"

struct _SlProfile
{
  GObject parent_instance;

  char  *id;
  char  *label;
  char  *releases;
  char  *first_release;
  char  *last_release;
  GStrv  verified;
  guint  minor;
  gboolean free_threaded;
  /* The resource it was read from, for a release's variant (below). */
  char *path;
  /* A variant for early micro releases: the base profile's facts with the
   * rules those releases still had; NULL on the base profiles. */
  GHashTable *variants;   /* micro (GINT_TO_POINTER) -> SlProfile */

  SlProfileFacts facts;
};

G_DEFINE_FINAL_TYPE (SlProfile, sl_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (sl-profile-error-quark, sl_profile_error)

static void
sl_profile_finalize (GObject *object)
{
  SlProfile *self = SL_PROFILE (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->releases);
  g_free (self->first_release);
  g_free (self->last_release);
  g_free (self->path);
  g_clear_pointer (&self->variants, g_hash_table_unref);
  g_strfreev (self->verified);
  g_clear_pointer (&self->facts.messages, g_hash_table_unref);
  g_strfreev (self->facts.object_attributes);
  g_strfreev (self->facts.class_body_names);
  g_strfreev (self->facts.dataclass_keywords);

  G_OBJECT_CLASS (sl_profile_parent_class)->finalize (object);
}

static void
sl_profile_class_init (SlProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_profile_finalize;
}

static void
sl_profile_init (SlProfile *self)
{
  self->facts.messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

typedef struct {
  const char *name;
  int value;
} NamedValue;

static gboolean
lookup_named (JsonObject        *obj,
              const char        *member,
              const NamedValue  *table,
              int               *out,
              GError           **error)
{
  const char *text = json_object_get_string_member_with_default (obj, member, NULL);

  for (guint i = 0; text && table[i].name; i++)
    if (strcmp (table[i].name, text) == 0)
      {
        *out = table[i].value;
        return TRUE;
      }
  g_set_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_CORRUPT,
               "profile member \"%s\" has no known value", member);
  return FALSE;
}

static const NamedValue const_lists[] = {
  { "display", SL_CONST_LIST_DISPLAY },
  { "extend-resize", SL_CONST_LIST_EXTEND_RESIZE },
  { "extend-exact", SL_CONST_LIST_EXTEND_EXACT },
  { NULL, 0 }
};

static guint
get_uint (JsonObject *obj,
          const char *member)
{
  if (obj == NULL || !json_object_has_member (obj, member) ||
      json_object_get_null_member (obj, member))
    return 0;
  return (guint) json_object_get_int_member (obj, member);
}

static gboolean parse_release (const char *text, guint *major, guint *minor, int *micro, gboolean *ft);

static SlProfile *
profile_from_json (JsonNode  *root,
                   GError   **error)
{
  static const NamedValue dict_ptrs[] = {
    { "inline", SL_DICT_PTR_INLINE }, { "managed-3.11", SL_DICT_PTR_MANAGED_311 },
    { "managed", SL_DICT_PTR_MANAGED }, { NULL } };
  static const NamedValue weakref_ptrs[] = {
    { "inline", SL_WEAKREF_INLINE }, { "managed", SL_WEAKREF_MANAGED }, { NULL } };
  static const NamedValue solid[] = {
    { "extra-ivars", SL_SOLID_EXTRA_IVARS }, { "shape", SL_SOLID_SHAPE }, { NULL } };
  static const NamedValue inline_values[] = {
    { "none", SL_INLINE_VALUES_NONE }, { "plain-object-only", SL_INLINE_VALUES_PLAIN },
    { "always", SL_INLINE_VALUES_ALWAYS }, { NULL } };
  static const NamedValue dict_models[] = {
    { "split-table", SL_DICT_MODEL_SPLIT_TABLE }, { "managed-values", SL_DICT_MODEL_MANAGED_VALUES },
    { "inline-values", SL_DICT_MODEL_INLINE_VALUES }, { NULL } };
  static const NamedValue values_layouts[] = {
    { "usable-array", SL_VALUES_USABLE_ARRAY }, { "prefix", SL_VALUES_PREFIX },
    { "suffix", SL_VALUES_SUFFIX }, { NULL } };
  static const NamedValue allocs[] = {
    { "pymalloc", SL_ALLOC_PYMALLOC }, { "mimalloc", SL_ALLOC_MIMALLOC }, { NULL } };
  static const NamedValue inherited_slots[] = {
    { "none", SL_INHERITED_SLOTS_NONE }, { "slots", SL_INHERITED_SLOTS_SLOTS },
    { "slots-and-offsets", SL_INHERITED_SLOTS_SLOTS_AND_OFFSETS }, { NULL } };
  g_autoptr(SlProfile) self = g_object_new (SL_TYPE_PROFILE, NULL);
  JsonObject *obj, *releases, *object, *layout, *dict, *alloc, *messages, *values;
  JsonArray *verified;
  int v;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto corrupt;
  obj = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "format", NULL),
                 "slotlab-profile") != 0)
    goto corrupt;

  releases = json_object_get_object_member (obj, "releases");
  object = json_object_get_object_member (obj, "object");
  layout = json_object_get_object_member (obj, "layout");
  dict = json_object_get_object_member (obj, "dict");
  alloc = json_object_get_object_member (obj, "allocator");
  messages = json_object_get_object_member (obj, "messages");
  values = json_object_get_object_member (obj, "values");
  if (!releases || !object || !layout || !dict || !alloc || !messages || !values)
    goto corrupt;

  self->id = g_strdup (json_object_get_string_member (obj, "id"));
  self->label = g_strdup (json_object_get_string_member (obj, "label"));
  self->minor = get_uint (obj, "minor");
  self->free_threaded = json_object_get_boolean_member_with_default (obj, "free_threaded", FALSE);
  self->releases = g_strdup (json_object_get_string_member (releases, "text"));
  self->first_release = g_strdup (json_object_get_string_member (releases, "first"));
  self->last_release = g_strdup (json_object_get_string_member_with_default (releases, "last", NULL));
  verified = json_object_get_array_member (releases, "verified");
  self->verified = g_new0 (char *, json_array_get_length (verified) + 1);
  for (guint i = 0; i < json_array_get_length (verified); i++)
    self->verified[i] = g_strdup (json_array_get_string_element (verified, i));

  self->facts.pointer = get_uint (object, "pointer");
  self->facts.header = get_uint (object, "header");
  self->facts.gc_head = get_uint (object, "gc_head");
  self->facts.pre_header = get_uint (object, "pre_header");

  if (!lookup_named (layout, "dict", dict_ptrs, &v, error)) return NULL;
  self->facts.dict_ptr = v;
  if (!lookup_named (layout, "weakref", weakref_ptrs, &v, error)) return NULL;
  self->facts.weakref_ptr = v;
  if (!lookup_named (layout, "solid_base", solid, &v, error)) return NULL;
  self->facts.solid_base = v;
  if (!lookup_named (layout, "inline_values", inline_values, &v, error)) return NULL;
  self->facts.inline_values = v;
  if (!lookup_named (dict, "model", dict_models, &v, error)) return NULL;
  self->facts.dict_model = v;
  if (!lookup_named (dict, "values", values_layouts, &v, error)) return NULL;
  self->facts.values_layout = v;
  if (!lookup_named (alloc, "kind", allocs, &v, error)) return NULL;
  self->facts.alloc = v;

  self->facts.dict_object = get_uint (dict, "object");
  self->facts.keys_header = get_uint (dict, "keys_header");
  self->facts.entry = get_uint (dict, "entry");
  self->facts.unicode_entry = get_uint (dict, "unicode_entry");
  self->facts.min_log2 = get_uint (dict, "min_log2");
  self->facts.shared_keys_max = get_uint (dict, "shared_keys_max");

  self->facts.alignment = get_uint (alloc, "alignment");
  self->facts.small_max = get_uint (alloc, "small_max");
  self->facts.pool = get_uint (alloc, "pool");
  self->facts.pool_header = get_uint (alloc, "pool_header");
  self->facts.arena = get_uint (alloc, "arena");
  self->facts.mi_page = get_uint (alloc, "page");

  self->facts.value_int = get_uint (values, "int");
  self->facts.value_float = get_uint (values, "float");
  self->facts.value_str_ascii = get_uint (values, "str_ascii");
  self->facts.value_bytes = get_uint (values, "bytes");
  self->facts.value_tuple = get_uint (values, "tuple");
  self->facts.value_list = get_uint (values, "list");
  self->facts.value_list_array_header = get_uint (values, "list_array_header");
  self->facts.display_stack_limit = get_uint (values, "display_stack_limit");
  if (!lookup_named (values, "constant_list", const_lists, &v, error)) return NULL;
  self->facts.const_list = v;
  self->facts.const_list_in_flowgraph =
    g_strcmp0 (json_object_get_string_member_with_default (values, "constant_list_folded_by", "ast"), "flowgraph") == 0;

  {
    g_autoptr(GList) members = json_object_get_members (messages);

    for (GList *l = members; l; l = l->next)
      g_hash_table_insert (self->facts.messages, g_strdup (l->data),
                           g_strdup (json_object_get_string_member (messages, l->data)));
  }

  {
    JsonObject *cs = json_object_get_object_member (obj, "class_statement");
    JsonArray *names = cs ? json_object_get_array_member (cs, "body_names") : NULL;
    guint n = names ? json_array_get_length (names) : 0;

    if (cs == NULL)
      goto corrupt;
    self->facts.static_attributes = json_object_get_boolean_member_with_default (cs, "static_attributes", FALSE);
    self->facts.seed_shared_keys = json_object_get_boolean_member_with_default (cs, "seed_shared_keys", FALSE);
    self->facts.class_body_names = g_new0 (char *, n + 1);
    for (guint i = 0; i < n; i++)
      self->facts.class_body_names[i] = g_strdup (json_array_get_string_element (names, i));

    {
      JsonObject *dc = json_object_get_object_member (cs, "dataclass");
      JsonArray *kw = dc ? json_object_get_array_member (dc, "keywords") : NULL;
      guint n_kw = kw ? json_array_get_length (kw) : 0;

      if (dc == NULL || !lookup_named (dc, "inherited_slots", inherited_slots, &v, error))
        return NULL;
      self->facts.dataclass_inherited_slots = v;
      self->facts.dataclass_frozen_slots_super_bug =
        json_object_get_boolean_member_with_default (dc, "frozen_slots_super_bug", FALSE);
      self->facts.dataclass_frozen_slots_super_bug_through = -1;
      if (json_object_has_member (dc, "frozen_slots_super_bug_through"))
        {
          guint bmajor, bminor;
          gboolean bft;
          int bmicro;

          if (!parse_release (json_object_get_string_member_with_default (dc, "frozen_slots_super_bug_through", NULL),
                              &bmajor, &bminor, &bmicro, &bft) || bmicro < 0)
            goto corrupt;
          self->facts.dataclass_frozen_slots_super_bug_through = bmicro;
        }
      self->facts.dataclass_keywords = g_new0 (char *, n_kw + 1);
      for (guint i = 0; i < n_kw; i++)
        self->facts.dataclass_keywords[i] = g_strdup (json_array_get_string_element (kw, i));
    }
  }

  {
    JsonArray *attrs = json_object_get_array_member (obj, "object_attributes");
    guint n = attrs ? json_array_get_length (attrs) : 0;

    self->facts.object_attributes = g_new0 (char *, n + 1);
    for (guint i = 0; i < n; i++)
      self->facts.object_attributes[i] = g_strdup (json_array_get_string_element (attrs, i));
  }

  if (self->id == NULL || self->label == NULL || self->first_release == NULL ||
      self->facts.header == 0 || self->facts.pointer == 0)
    goto corrupt;

  return g_steal_pointer (&self);

corrupt:
  g_set_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_CORRUPT, "a profile is not well formed");
  return NULL;
}

/* Release "3.12.1" or "3.13.15t" as comparable numbers; FALSE if malformed. */
static gboolean
parse_release (const char *text,
               guint      *major,
               guint      *minor,
               int        *micro,   /* -1 when absent */
               gboolean   *ft)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *copy = NULL;
  gsize len;

  if (text == NULL || (len = strlen (text)) == 0 || len > 16)
    return FALSE;
  copy = g_strdup (text);
  *ft = copy[len - 1] == 't';
  if (*ft)
    copy[len - 1] = '\0';
  parts = g_strsplit (copy, ".", -1);
  if (g_strv_length (parts) < 2 || g_strv_length (parts) > 3)
    return FALSE;
  for (guint i = 0; parts[i]; i++)
    {
      if (parts[i][0] == '\0' || strlen (parts[i]) > 4)
        return FALSE;
      for (const char *p = parts[i]; *p; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
    }
  *major = atoi (parts[0]);
  *minor = atoi (parts[1]);
  *micro = parts[2] ? atoi (parts[2]) : -1;
  return TRUE;
}

static int
compare_profiles (gconstpointer a,
                  gconstpointer b)
{
  SlProfile *pa = *(SlProfile **) a, *pb = *(SlProfile **) b;

  if (pa->minor != pb->minor)
    return (int) pa->minor - (int) pb->minor;
  return (int) pa->free_threaded - (int) pb->free_threaded;
}

/* The engine is a static library: naming its resource keeps the linker
 * from dropping the object whose constructor registers it. */
void
sl_engine_ensure_resources (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_assert (sl_engine_get_resource () != NULL);
      g_once_init_leave (&once, 1);
    }
}

GPtrArray *
sl_profile_list (void)
{
  static GPtrArray *profiles;

  sl_engine_ensure_resources ();

  if (g_once_init_enter (&profiles))
    {
      GPtrArray *list = g_ptr_array_new_with_free_func (g_object_unref);
      g_auto(GStrv) names = g_resources_enumerate_children (RESOURCE_DIR, 0, NULL);

      for (guint i = 0; names && names[i]; i++)
        {
          g_autofree char *path = g_build_path ("/", RESOURCE_DIR, names[i], NULL);
          g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          SlProfile *profile;

          if (bytes == NULL ||
              !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                           g_bytes_get_size (bytes), &error) ||
              !(profile = profile_from_json (json_parser_get_root (parser), &error)))
            g_error ("built-in profile %s: %s", names[i], error ? error->message : "missing");
          profile->path = g_strdup (path);
          g_ptr_array_add (list, profile);
        }
      g_ptr_array_sort (list, compare_profiles);
      g_once_init_leave (&profiles, list);
    }
  return profiles;
}

gboolean
sl_profile_covers (SlProfile  *self,
                   const char *release)
{
  guint major, minor, fmajor, fminor;
  int micro, fmicro;
  gboolean ft, fft;

  if (!parse_release (release, &major, &minor, &micro, &ft) || major != 3 ||
      minor != self->minor || ft != self->free_threaded)
    return FALSE;
  if (micro < 0)
    return TRUE;
  if (parse_release (self->first_release, &fmajor, &fminor, &fmicro, &fft) && micro < fmicro)
    return FALSE;
  if (self->last_release != NULL)
    {
      guint lmajor, lminor;
      int lmicro;
      gboolean lft;

      if (parse_release (self->last_release, &lmajor, &lminor, &lmicro, &lft) && micro > lmicro)
        return FALSE;
    }
  return TRUE;
}

/* A profile covers every micro release of its minor one; where an early
 * micro release still had a rule that a later one fixed, the profile
 * names the last release with it and a lookup of that exact release gets
 * a variant: the same profile (same id, numbers and messages) with that
 * rule on.  So far one rule: 3.13.0's dataclasses still built a frozen
 * slots=True class whose __setattr__ calls super(cls, self) on the class
 * _add_slots() replaced; 3.13.1 binds __class__ and updates that cell
 * (gh-90562), so `slotlab-cli layout --python 3.13.0` fails where 3.13.1+
 * stores.  A lookup without a micro release gets the base profile.
 * (transfer full) */
static SlProfile *
release_variant (SlProfile *base,
                 int        micro)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = NULL;
  SlProfile *variant;

  if (micro < 0 || base->facts.dataclass_frozen_slots_super_bug ||
      micro > base->facts.dataclass_frozen_slots_super_bug_through)
    return g_object_ref (base);

  locker = g_mutex_locker_new (&lock);
  if (base->variants == NULL)
    base->variants = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  variant = g_hash_table_lookup (base->variants, GINT_TO_POINTER (micro));
  if (variant == NULL)
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (base->path, 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      if (bytes == NULL ||
          !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error) ||
          !(variant = profile_from_json (json_parser_get_root (parser), &error)))
        g_error ("built-in profile %s: %s", base->path, error ? error->message : "missing");
      variant->path = g_strdup (base->path);
      variant->facts.dataclass_frozen_slots_super_bug = TRUE;
      g_hash_table_insert (base->variants, GINT_TO_POINTER (micro), variant);
    }
  return g_object_ref (variant);
}

SlProfile *
sl_profile_lookup (const char  *version,
                   GError     **error)
{
  GPtrArray *list = sl_profile_list ();
  guint major, minor;
  int micro;
  gboolean ft;

  if (!parse_release (version, &major, &minor, &micro, &ft))
    {
      g_autofree char *quoted = g_strescape (version ? version : "", NULL);

      g_set_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_BAD_VERSION,
                   "\"%s\" is not a Python version (X.Y or X.Y.Z, with t for a free-threaded build)",
                   quoted);
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    if (sl_profile_covers (g_ptr_array_index (list, i), version))
      return release_variant (g_ptr_array_index (list, i), micro);

  g_set_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_UNKNOWN,
               "no profile covers Python %s (see slotlab-cli versions)", version);
  return NULL;
}

SlProfile *
sl_profile_lookup_version (const char  *version,
                           GError     **error)
{
  if (version == NULL || *version == '\0')
    version = SL_PROFILE_DEFAULT_VERSION;
  return sl_profile_lookup (version, error);
}

const char *sl_profile_get_id (SlProfile *self) { return self->id; }
const char *sl_profile_get_label (SlProfile *self) { return self->label; }
const char *sl_profile_get_releases (SlProfile *self) { return self->releases; }
const char *sl_profile_get_first_release (SlProfile *self) { return self->first_release; }
const char *sl_profile_get_last_release (SlProfile *self) { return self->last_release; }
const char * const *sl_profile_get_verified_releases (SlProfile *self) { return (const char * const *) self->verified; }
gboolean sl_profile_is_free_threaded (SlProfile *self) { return self->free_threaded; }
guint sl_profile_get_minor (SlProfile *self) { return self->minor; }
const SlProfileFacts *sl_profile_get_facts (SlProfile *self) { return &self->facts; }

const char *
sl_profile_get_message (SlProfile  *self,
                        const char *key)
{
  const char *text = g_hash_table_lookup (self->facts.messages, key);

  return text ? text : key;
}
