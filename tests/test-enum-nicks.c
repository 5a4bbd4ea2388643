/* test-enum-nicks.c: the engine's enums spell the words of the session
 * file and slotlab-cli exactly as PRODUCT.md and the files already
 * written do.  The words are generated from the headers (glib-mkenums
 * nicks), so a renamed enum value would change a contract silently: the
 * expected words here are written out from PRODUCT.md and README.md's
 * table of limits (const-list), not derived. */

#include "sl-class.h"
#include "sl-enums.h"
#include "sl-experiment.h"
#include "sl-layout.h"
#include "sl-strategy.h"
#include "sl-value-model.h"

static void
assert_words (GType               type,
              const char * const *words)
{
  GEnumClass *klass = g_type_class_ref (type);
  guint n = g_strv_length ((char **) words);

  g_assert_cmpuint (klass->n_values, ==, n);
  for (guint i = 0; i < n; i++)
    {
      int value = -1;

      g_assert_cmpstr (sl_enum_to_nick (type, (int) i), ==, words[i]);
      g_assert_true (sl_enum_from_nick (type, words[i], &value));
      g_assert_cmpint (value, ==, (int) i);
    }
  g_type_class_unref (klass);
}

static void
test_session_words (void)
{
  assert_words (SL_TYPE_STRATEGY, (const char *[]) { "as-declared", "dict", "slots", "mixed", NULL });
  assert_words (SL_TYPE_METRIC, (const char *[]) { "traced", "getsizeof", "pymalloc", "resident", NULL });
  assert_words (SL_TYPE_BACKEND, (const char *[]) { "model", "live", NULL });
  /* an explicit list of counts is written as "list", never as a scale */
  assert_words (SL_TYPE_COUNT_SCALE, (const char *[]) { "log", "linear", NULL });
  assert_words (SL_TYPE_CREATED_BY, (const char *[]) { "class", "type", NULL });
  assert_words (SL_TYPE_BASE_INIT, (const char *[]) { "explicit", "super", "none", NULL });
  assert_words (SL_TYPE_SLOTS_SPELLING, (const char *[]) { "tuple", "list", "str", "dict", NULL });
  assert_words (SL_TYPE_VALUE_KIND, (const char *[]) { "small-int", "none", "bool", "shared", "int",
                                                       "float", "str", "bytes", "tuple", "list",
                                                       "const-list", NULL });
}

static void
test_layout_words (void)
{
  /* slotlab-cli layout's JSON: "kind" of a field, "part" of a block */
  assert_words (SL_TYPE_FIELD_KIND, (const char *[]) {
    "pre-header-weakref", "pre-header-dict", "pre-header-values", "gc-head", "header",
    "refcount", "type", "slot", "dict", "weakref", "inline-values-header", "inline-value", NULL });
  assert_words (SL_TYPE_PART, (const char *[]) { "object", "dict", "keys", "values", "value-objects", NULL });
  /* the class row's CSS classes (ui/style.css) */
  assert_words (SL_TYPE_STORAGE, (const char *[]) { "dict", "slots", "slots-dict", NULL });
}

static void
test_typed_words (void)
{
  SlStrategy strategy;
  SlMetric metric;
  SlBackend backend;
  SlCreatedBy created_by;
  SlValue value;
  g_autofree char *text = NULL;

  g_assert_cmpstr (sl_strategy_to_string (SL_STRATEGY_MIXED), ==, "mixed");
  g_assert_null (sl_strategy_to_string (SL_N_STRATEGIES));
  g_assert_true (sl_strategy_from_string ("as-declared", &strategy));
  g_assert_cmpint (strategy, ==, SL_STRATEGY_AS_DECLARED);
  g_assert_false (sl_strategy_from_string ("As-declared", &strategy));
  g_assert_false (sl_strategy_from_string ("SL_STRATEGY_DICT", &strategy));
  g_assert_false (sl_strategy_from_string (NULL, &strategy));

  g_assert_true (sl_metric_from_string ("resident", &metric));
  g_assert_cmpint (metric, ==, SL_METRIC_RESIDENT);
  g_assert_null (sl_metric_to_string (SL_N_METRICS));
  g_assert_true (sl_backend_from_string ("live", &backend));
  g_assert_cmpint (backend, ==, SL_BACKEND_LIVE);
  g_assert_true (sl_backend_from_string ("model", NULL));
  g_assert_true (sl_created_by_from_string ("type", &created_by));
  g_assert_cmpint (created_by, ==, SL_CREATED_BY_TYPE);
  g_assert_cmpstr (sl_field_kind_to_string (SL_FIELD_REFCNT), ==, "refcount");
  g_assert_cmpstr (sl_part_to_string (SL_PART_VALUE_OBJECTS), ==, "value-objects");

  /* value kinds: a word, or a word and a length */
  g_assert_true (sl_value_parse ("str:12", &value, NULL));
  g_assert_cmpint (value.kind, ==, SL_VALUE_STR);
  g_assert_cmpuint (value.length, ==, 12);
  g_assert_true (sl_value_parse ("none", &value, NULL));
  g_assert_cmpint (value.kind, ==, SL_VALUE_NONE);
  g_assert_false (sl_value_parse ("none:1", &value, NULL));
  g_assert_false (sl_value_parse ("str", &value, NULL));
  g_assert_false (sl_value_parse ("str:012", &value, NULL));
  g_assert_false (sl_value_parse ("str:1:2", &value, NULL));
  g_assert_false (sl_value_parse ("nonex", &value, NULL));
  g_assert_true (sl_value_parse ("const-list:3", &value, NULL));
  g_assert_cmpint (value.kind, ==, SL_VALUE_CONST_LIST);
  g_assert_false (sl_value_parse ("const-list", &value, NULL));
  value = (SlValue) { SL_VALUE_LIST, 3 };
  text = sl_value_to_string (&value);
  g_assert_cmpstr (text, ==, "list:3");
  value = (SlValue) { SL_VALUE_SMALL_INT, 0 };
  g_assert_null (sl_value_to_string (&value));
}

static void
test_dataclass_words (void)
{
  guint flag = 0;

  /* the members of a session's "dataclass" object and dataclass()'s keywords */
  g_assert_cmpstr (sl_flags_to_nick (SL_TYPE_DATACLASS_FLAGS, SL_DATACLASS_SLOTS), ==, "slots");
  g_assert_cmpstr (sl_flags_to_nick (SL_TYPE_DATACLASS_FLAGS, SL_DATACLASS_FROZEN), ==, "frozen");
  g_assert_cmpstr (sl_flags_to_nick (SL_TYPE_DATACLASS_FLAGS, SL_DATACLASS_WEAKREF_SLOT), ==, "weakref_slot");
  g_assert_true (sl_flags_from_nick (SL_TYPE_DATACLASS_FLAGS, "weakref_slot", &flag));
  g_assert_cmpuint (flag, ==, SL_DATACLASS_WEAKREF_SLOT);
  g_assert_cmpuint (SL_DATACLASS_OPTIONS, ==, SL_DATACLASS_SLOTS | SL_DATACLASS_FROZEN | SL_DATACLASS_WEAKREF_SLOT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/session-words-are-the-contract", test_session_words);
  g_test_add_func ("/enums/layout-words-are-the-contract", test_layout_words);
  g_test_add_func ("/enums/typed-functions-speak-the-same-words", test_typed_words);
  g_test_add_func ("/enums/dataclass-options-are-its-keywords", test_dataclass_words);
  return g_test_run ();
}
