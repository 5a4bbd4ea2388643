/* The chain model: structural checks, strategies, Python source. */

#include <string.h>

#include "sl-chain.h"
#include "sl-layout.h"
#include "sl-profile.h"
#include "sl-python-source.h"
#include "sl-strategy.h"

static SlClass *
make_class (const char  *name,
            const char **bases,
            const char **slots,
            const char **init)
{
  SlClass *klass = sl_class_new (name);

  sl_class_set_bases (klass, bases);
  sl_class_set_slots (klass, slots);
  sl_class_set_init (klass, init);
  return klass;
}

static SlChain *
sensor_chain (gboolean leaf_slotted)
{
  SlChain *chain = sl_chain_new ();
  const char *base_slots[] = { "recordId", "timestamp", NULL };
  const char *leaf_init[] = { "sensorId", "value", "unit", NULL };
  const char *bases[] = { "BaseRecord", NULL };
  g_autoptr(SlClass) base = make_class ("BaseRecord", NULL, base_slots, base_slots);
  g_autoptr(SlClass) leaf = make_class ("SensorRecord", bases, leaf_slotted ? leaf_init : NULL, leaf_init);

  g_assert_true (sl_chain_append (chain, base, NULL));
  g_assert_true (sl_chain_append (chain, leaf, NULL));
  return chain;
}

static void
test_chain_names_are_checked (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  g_autoptr(GError) error = NULL;
  const char *bad_init[] = { "x-y", NULL };
  g_autoptr(SlClass) keyword = sl_class_new ("class");
  g_autoptr(SlClass) code = sl_class_new ("__import__('os')");
  g_autoptr(SlClass) ok = sl_class_new ("Point");
  g_autoptr(SlClass) bad = make_class ("Bad", NULL, NULL, bad_init);
  g_autoptr(SlClass) ligature = sl_class_new ("\xef\xac\x81le");  /* "ﬁle": not NFKC */

  g_assert_false (sl_chain_append (chain, keyword, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME);
  g_assert_nonnull (strstr (error->message, "keyword"));
  g_clear_error (&error);

  g_assert_false (sl_chain_append (chain, code, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME);
  g_clear_error (&error);

  g_assert_false (sl_chain_append (chain, ligature, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME);
  g_clear_error (&error);

  g_assert_false (sl_chain_append (chain, bad, &error));
  g_assert_nonnull (strstr (error->message, "x-y"));
  g_clear_error (&error);

  g_assert_true (sl_chain_append (chain, ok, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sl_chain_get_n_classes (chain), ==, 1);
}

static void
test_chain_bases_must_come_first (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  g_autoptr(GError) error = NULL;
  const char *bases[] = { "Later", NULL };
  g_autoptr(SlClass) early = make_class ("Early", bases, NULL, NULL);
  g_autoptr(SlClass) dup1 = sl_class_new ("Twice");
  g_autoptr(SlClass) dup2 = sl_class_new ("Twice");

  g_assert_false (sl_chain_append (chain, early, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_BASE);
  g_clear_error (&error);

  g_assert_true (sl_chain_append (chain, dup1, NULL));
  g_assert_false (sl_chain_append (chain, dup2, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_DUPLICATE_CLASS);
}

static void
test_chain_remove_and_move_keep_order (void)
{
  g_autoptr(SlChain) chain = sensor_chain (TRUE);
  g_autoptr(GError) error = NULL;

  g_assert_false (sl_chain_remove (chain, 0, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_false (sl_chain_move (chain, 1, 0, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_BASE);
  g_assert_cmpstr (sl_class_get_name (sl_chain_get_class (chain, 0)), ==, "BaseRecord");

  g_assert_true (sl_chain_remove (chain, 1, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (chain)), ==, 1);
}

static void
test_chain_copy_is_equal_and_independent (void)
{
  g_autoptr(SlChain) chain = sensor_chain (TRUE);
  g_autoptr(SlChain) copy = sl_chain_copy (chain);

  g_assert_true (sl_chain_equal (chain, copy));
  sl_class_set_slots (sl_chain_get_class (copy, 1), NULL);
  g_assert_false (sl_chain_equal (chain, copy));
  g_assert_true (sl_class_has_slots (sl_chain_get_class (chain, 1)));
}

static void
test_strategy_slots_takes_own_names_once (void)
{
  g_autoptr(SlChain) chain = sensor_chain (FALSE);
  g_autoptr(SlChain) slots = sl_strategy_apply (chain, "SensorRecord", SL_STRATEGY_SLOTS);
  g_autoptr(SlChain) mixed = sl_strategy_apply (chain, "SensorRecord", SL_STRATEGY_MIXED);
  g_autoptr(SlChain) dict = sl_strategy_apply (chain, "SensorRecord", SL_STRATEGY_DICT);
  const char *leaf_slots[] = { "sensorId", "value", "unit", NULL };
  const char *leaf_mixed[] = { "sensorId", "value", "unit", "__dict__", NULL };

  g_assert_true (g_strv_equal (sl_class_get_slots (sl_chain_get_class (slots, 1)), leaf_slots));
  g_assert_true (g_strv_equal (sl_class_get_slots (sl_chain_get_class (mixed, 1)), leaf_mixed));
  g_assert_false (sl_class_has_slots (sl_chain_get_class (mixed, 0)) &&
                  sl_class_slots_contain (sl_chain_get_class (mixed, 0), "__dict__"));
  g_assert_false (sl_class_has_slots (sl_chain_get_class (dict, 0)));
  g_assert_false (sl_class_has_slots (sl_chain_get_class (dict, 1)));
}

static void
test_strategy_slots_skips_names_a_base_holds (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  const char *base_init[] = { "a", "b", NULL };
  const char *leaf_init[] = { "b", "c", "c", NULL };
  const char *weak[] = { "__weakref__", NULL };
  const char *bases[] = { "Base", NULL };
  const char *expected[] = { "c", "__weakref__", NULL };
  g_autoptr(SlClass) base = make_class ("Base", NULL, NULL, base_init);
  g_autoptr(SlClass) leaf = make_class ("Leaf", bases, weak, leaf_init);
  g_autoptr(SlChain) slots = NULL;

  g_assert_true (sl_chain_append (chain, base, NULL));
  g_assert_true (sl_chain_append (chain, leaf, NULL));
  slots = sl_strategy_apply (chain, "Leaf", SL_STRATEGY_SLOTS);
  g_assert_true (g_strv_equal (sl_class_get_slots (sl_chain_get_class (slots, 1)), expected));
}

/* Slide 7: a subclass without __slots__ under slotted bases carries a dict. */
static void
test_layout_slide_7_pitfall (void)
{
  g_autoptr(SlChain) good = sensor_chain (TRUE);
  g_autoptr(SlChain) bad = sensor_chain (FALSE);
  g_autoptr(SlProfile) p312 = sl_profile_lookup ("3.12", NULL);
  g_autoptr(SlProfile) p313 = sl_profile_lookup ("3.13.15", NULL);
  g_autoptr(SlProfile) p314 = sl_profile_lookup ("3.14", NULL);
  g_autoptr(SlLayout) good312 = sl_layout_compute (good, "SensorRecord", p312, NULL);
  g_autoptr(SlLayout) bad312 = sl_layout_compute (bad, "SensorRecord", p312, NULL);
  g_autoptr(SlLayout) bad313 = sl_layout_compute (bad, "SensorRecord", p313, NULL);
  g_autoptr(SlLayout) bad314 = sl_layout_compute (bad, "SensorRecord", p314, NULL);

  g_assert_false (sl_layout_get_figures (good312)->has_dict);
  g_assert_cmpint (sl_layout_get_figures (good312)->traced_per_instance, ==, 72);
  g_assert_cmpint (sl_layout_get_figures (bad312)->traced_per_instance, ==, 104);
  /* CPython issue 135385: 408 bytes on every 3.13, fixed in 3.14. */
  g_assert_cmpint (sl_layout_get_figures (bad313)->traced_per_instance, ==, 408);
  g_assert_cmpint (sl_layout_get_figures (bad314)->traced_per_instance, ==, 112);
}

static void
test_layout_refusal_names_the_class (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  const char *a_slots[] = { "a", NULL };
  const char *b_slots[] = { "b", NULL };
  const char *bases[] = { "A", "B", NULL };
  g_autoptr(SlClass) a = make_class ("A", NULL, a_slots, NULL);
  g_autoptr(SlClass) b = make_class ("B", NULL, b_slots, NULL);
  g_autoptr(SlClass) c = make_class ("C", bases, NULL, NULL);
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.8", NULL);
  g_autoptr(SlLayout) layout = NULL;

  g_assert_true (sl_chain_append (chain, a, NULL));
  g_assert_true (sl_chain_append (chain, b, NULL));
  g_assert_true (sl_chain_append (chain, c, NULL));
  layout = sl_layout_compute (chain, "C", profile, NULL);
  g_assert_cmpstr (sl_layout_get_error (layout), ==, "TypeError: multiple bases have instance lay-out conflict");
  g_assert_cmpstr (sl_layout_get_error_class (layout), ==, "C");
  g_assert_null (sl_layout_get_figures (layout));
  g_clear_pointer (&layout, sl_layout_unref);

  /* A exists before the module reaches C: its figures are its own
   * (3.8: A.__basicsize__ 24). */
  layout = sl_layout_compute (chain, "A", profile, NULL);
  g_assert_null (sl_layout_get_error (layout));
  g_assert_cmpint (sl_layout_get_figures (layout)->basicsize, ==, 24);
}

static void
test_layout_unknown_class_is_bad_input (void)
{
  g_autoptr(SlChain) chain = sensor_chain (TRUE);
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.12", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (sl_layout_compute (chain, "Nope", profile, &error));
  g_assert_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS);
}

/* A __module__ slot takes room but no descriptor: type() sets __module__
 * in the class dict after the slots are made, so the store goes to the
 * instance dict. */
static void
test_layout_module_slot_is_shadowed (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  const char *slots[] = { "__module__", "x", "__dict__", NULL };
  const char *init[] = { "x", "__module__", NULL };
  const char *no_dict[] = { "__module__", NULL };
  g_autoptr(SlClass) c = make_class ("C", NULL, slots, init);
  g_autoptr(SlClass) d = make_class ("D", NULL, no_dict, no_dict);
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.12", NULL);
  g_autoptr(SlLayout) lc = NULL;
  g_autoptr(SlLayout) ld = NULL;

  sl_class_set_created_by (c, SL_CREATED_BY_TYPE);
  sl_class_set_created_by (d, SL_CREATED_BY_TYPE);
  g_assert_true (sl_chain_append (chain, c, NULL));
  g_assert_true (sl_chain_append (chain, d, NULL));
  lc = sl_layout_compute (chain, "C", profile, NULL);
  g_assert_cmpint (sl_layout_get_figures (lc)->basicsize, ==, 32);
  /* object 64 + a values array for one key (size 2: 24 bytes) */
  g_assert_cmpint (sl_layout_get_figures (lc)->traced_per_instance, ==, 88);
  ld = sl_layout_compute (chain, "D", profile, NULL);
  g_assert_cmpstr (sl_layout_get_error (ld), ==, "AttributeError: 'D' object attribute '__module__' is read-only");

  /* A class statement's body sets __module__ before type_new() reads
   * __slots__ (CPython 3.12.1: the class statement raises this). */
  g_clear_pointer (&lc, sl_layout_unref);
  sl_class_set_created_by (c, SL_CREATED_BY_CLASS);
  lc = sl_layout_compute (chain, "C", profile, NULL);
  g_assert_cmpstr (sl_layout_get_error (lc), ==, "ValueError: '__module__' in __slots__ conflicts with class variable");
}

/* @dataclass(slots=True) with fields a7 and __firstlineno__: dataclasses
 * pops its field names from the class dict before it makes the slotted
 * class, so the compiler's own __firstlineno__ is gone and no slot
 * conflicts (CPython 3.13.18: basicsize 32, 48 traced bytes per instance;
 * the test's random sources found it). */
static void
test_layout_dataclass_field_named_like_a_body_name (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  const char *fields[] = { "a7", "__firstlineno__", NULL };
  g_autoptr(SlClass) c = make_class ("C0", NULL, NULL, fields);
  g_autoptr(SlProfile) profile = sl_profile_lookup ("3.13", NULL);
  g_autoptr(SlLayout) layout = NULL;

  sl_class_set_dataclass (c, SL_DATACLASS | SL_DATACLASS_SLOTS);
  g_assert_true (sl_chain_append (chain, c, NULL));
  layout = sl_layout_compute (chain, "C0", profile, NULL);
  g_assert_null (sl_layout_get_error (layout));
  g_assert_cmpint (sl_layout_get_figures (layout)->basicsize, ==, 32);
  g_assert_cmpint (sl_layout_get_figures (layout)->traced_per_instance, ==, 48);
}

/* Block sizes: pymalloc's 16-byte classes up to 512 bytes; mimalloc's bins
 * as CPython 3.13t's _mi_bin_size(_mi_bin(n)) reports them. */
static void
test_layout_allocator_blocks (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  const char *one[] = { "a", NULL };
  const char *three[] = { "a", "b", "c", NULL };
  g_autoptr(SlClass) c1 = make_class ("One", NULL, one, one);
  g_autoptr(SlClass) c3 = make_class ("Three", NULL, three, three);
  g_autoptr(SlProfile) ft = sl_profile_lookup ("3.13t", NULL);
  g_autoptr(SlProfile) gil = sl_profile_lookup ("3.13", NULL);
  g_autoptr(SlLayout) l1 = NULL, l3 = NULL, g1 = NULL;
  const SlBlock *blocks;
  guint n;

  g_assert_true (sl_chain_append (chain, c1, NULL));
  g_assert_true (sl_chain_append (chain, c3, NULL));
  l1 = sl_layout_compute (chain, "One", ft, NULL);
  blocks = sl_layout_get_blocks (l1, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (blocks[0].requested, ==, 40);
  g_assert_cmpuint (blocks[0].block, ==, 48);    /* 33-48 -> 48 */
  l3 = sl_layout_compute (chain, "Three", ft, NULL);
  blocks = sl_layout_get_blocks (l3, &n);
  g_assert_cmpuint (blocks[0].requested, ==, 56);
  g_assert_cmpuint (blocks[0].block, ==, 64);    /* 49-64 -> 64 */
  g1 = sl_layout_compute (chain, "One", gil, NULL);
  blocks = sl_layout_get_blocks (g1, &n);
  g_assert_cmpuint (blocks[0].requested, ==, 40);
  g_assert_cmpuint (blocks[0].block, ==, 48);
  g_assert_cmpint (sl_layout_get_figures (g1)->pymalloc_per_instance, ==, 48);
}

/* The inline values of an instance on 3.13 (no seeding there), in key
 * order, which is store order: "d3 d1 d0 d2". */
static char *
inline_value_names (SlChain    *chain,
                    const char *class_name,
                    const char *python)
{
  g_autoptr(SlProfile) profile = sl_profile_lookup (python, NULL);
  g_autoptr(SlLayout) layout = sl_layout_compute (chain, class_name, profile, NULL);
  g_autoptr(GString) names = g_string_new (NULL);
  const SlField *fields;
  guint n;

  g_assert_null (sl_layout_get_error (layout));
  fields = sl_layout_get_fields (layout, &n);
  for (guint i = 0; i < n; i++)
    if (fields[i].kind == SL_FIELD_INLINE_VALUE && strchr (fields[i].name, ' '))
      g_string_append_printf (names, "%s%s", names->len ? " " : "", strchr (fields[i].name, ' ') + 1);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Issue 10, against CPython 3.8.18 and 3.14.10 (the same on both):
 * a base and a subclass that both set self.__p hold _A__p and _B__p, and
 * super() follows the instance's MRO, so D3(D1, D2) over D0 stores
 * d3, d1, d0, d2 when each __init__ stores before or after its super()
 * call as below. */
static void
test_class_statement_mangling_and_super (void)
{
  g_autoptr(SlChain) chain = sl_chain_new ();
  const char *p[] = { "__p", NULL }, *a[] = { "A", NULL };
  const char *d0_init[] = { "d0", NULL }, *d1_init[] = { "d1", NULL };
  const char *d2_init[] = { "d2", NULL }, *d3_init[] = { "d3", NULL };
  const char *d0[] = { "D0", NULL }, *d1_d2[] = { "D1", "D2", NULL };
  g_autoptr(SlClass) ca = make_class ("A", NULL, NULL, p);
  g_autoptr(SlClass) cb = make_class ("B", a, NULL, p);
  g_autoptr(SlClass) c0 = make_class ("D0", NULL, NULL, d0_init);
  g_autoptr(SlClass) c1 = make_class ("D1", d0, NULL, d1_init);
  g_autoptr(SlClass) c2 = make_class ("D2", d0, NULL, d2_init);
  g_autoptr(SlClass) c3 = make_class ("D3", d1_d2, NULL, d3_init);
  g_autofree char *private = NULL, *diamond = NULL, *literal = NULL;

  sl_class_set_base_init (c1, SL_BASE_INIT_SUPER, 1);   /* self.d1 = 0; super().__init__() */
  sl_class_set_base_init (c2, SL_BASE_INIT_SUPER, 0);   /* super().__init__(); self.d2 = 0 */
  sl_class_set_base_init (c3, SL_BASE_INIT_SUPER, 1);
  for (SlClass **k = (SlClass *[]) { ca, cb, c0, c1, c2, c3, NULL }; *k; k++)
    g_assert_true (sl_chain_append (chain, *k, NULL));

  private = inline_value_names (chain, "B", "3.13");
  g_assert_cmpstr (private, ==, "_A__p _B__p");
  diamond = inline_value_names (chain, "D3", "3.13");
  g_assert_cmpstr (diamond, ==, "d3 d1 d0 d2");

  /* type() with an __init__ compiled outside a class: no mangling, one
   * attribute named __p. */
  sl_class_set_created_by (ca, SL_CREATED_BY_TYPE);
  sl_class_set_created_by (cb, SL_CREATED_BY_TYPE);
  literal = inline_value_names (chain, "B", "3.13");
  g_assert_cmpstr (literal, ==, "__p");
}

/* 30 attributes: CPython 3.14.10 and 3.15.2 give 328 traced bytes per
 * instance for a class statement (its __static_attributes__ seed the
 * shared keys), 1,904 for type(); 3.13.0 gives 1,904 for both and 3.12.1
 * 1,632 for both (tracemalloc, 2 x 2000 instances). */
static void
test_class_statement_seeds_shared_keys (void)
{
  static const struct { const char *python; gint64 statement, type; } expected[] = {
    { "3.12.1", 1632, 1632 }, { "3.13.0", 1904, 1904 },
    { "3.14.10", 328, 1904 }, { "3.15.2", 328, 1904 },
  };
  g_autoptr(SlChain) chain = sl_chain_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_autoptr(SlClass) c = NULL, t = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("a%02u", i);

      g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  c = make_class ("C", NULL, NULL, (const char **) names);
  t = make_class ("T", NULL, NULL, (const char **) names);
  sl_class_set_created_by (t, SL_CREATED_BY_TYPE);
  g_assert_true (sl_chain_append (chain, c, NULL));
  g_assert_true (sl_chain_append (chain, t, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SlProfile) profile = sl_profile_lookup (expected[i].python, NULL);
      g_autoptr(SlLayout) lc = sl_layout_compute (chain, "C", profile, NULL);
      g_autoptr(SlLayout) lt = sl_layout_compute (chain, "T", profile, NULL);

      g_assert_cmpint (sl_layout_get_figures (lc)->traced_per_instance, ==, expected[i].statement);
      g_assert_cmpint (sl_layout_get_figures (lt)->traced_per_instance, ==, expected[i].type);
    }
}

/* dataclass(slots=True) with a field named __static_attributes__: the
 * class is made again by type() with that field as a slot, so what the
 * class holds under the name is the slot's descriptor, not the compiler's
 * tuple.  Measured (C0.__dict__["__static_attributes__"]): a
 * member_descriptor on 3.13.0, 3.13.18, 3.13.15t, 3.14.10 and 3.15.2; the
 * same class without that field keeps ('a3',).  Found by test-layout-live's
 * export round trip, seed 4243 on 3.14.10. */
static void
test_dataclass_slot_named_static_attributes (void)
{
  static const char * const releases[] = { "3.13.0", "3.13.18", "3.13.15t", "3.14.10", "3.15.2" };
  const char *with_field[] = { "a8", "__static_attributes__", NULL };
  const char *without[] = { "a8", NULL };
  const char *elsewhere[] = { "a3", "__x__", "a11", NULL };
  const char *elsewhere_e[] = { "a3", NULL };
  g_autoptr(SlChain) chain = sl_chain_new ();
  g_autoptr(SlClass) c = make_class ("C0", NULL, NULL, with_field);
  g_autoptr(SlClass) e = make_class ("E0", NULL, NULL, without);

  sl_class_set_dataclass (c, SL_DATACLASS_SLOTS);
  sl_class_set_elsewhere (c, elsewhere);
  sl_class_set_dataclass (e, SL_DATACLASS_SLOTS);
  sl_class_set_elsewhere (e, elsewhere_e);
  g_assert_true (sl_chain_append (chain, c, NULL));
  g_assert_true (sl_chain_append (chain, e, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (releases); i++)
    {
      g_autoptr(SlProfile) profile = sl_profile_lookup (releases[i], NULL);
      g_autoptr(SlLayout) lc = sl_layout_compute (chain, "C0", profile, NULL);
      g_autoptr(SlLayout) le = sl_layout_compute (chain, "E0", profile, NULL);
      const char * const *kept = sl_layout_get_static_attributes (le);

      g_assert_null (sl_layout_get_error (lc));
      g_assert_null (sl_layout_get_static_attributes (lc));
      g_assert_nonnull (kept);
      g_assert_cmpstr (kept[0], ==, "a3");
      g_assert_null (kept[1]);
    }
}

static void
test_profile_lookup_by_release (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProfile) a = sl_profile_lookup ("3.13.15t", &error);
  g_autoptr(SlProfile) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sl_profile_get_id (a), ==, "3.13t");
  g_assert_true (sl_profile_is_free_threaded (a));

  b = sl_profile_lookup ("3.7", &error);
  g_assert_null (b);
  g_assert_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_null (sl_profile_lookup ("3.x", &error));
  g_assert_error (error, SL_PROFILE_ERROR, SL_PROFILE_ERROR_BAD_VERSION);
}

static void
test_python_source_is_the_chain (void)
{
  g_autoptr(SlChain) chain = sensor_chain (TRUE);
  g_autofree char *source = sl_chain_to_python (chain);

  g_assert_cmpstr (source, ==,
                   "class BaseRecord:\n"
                   "    __slots__ = ('recordId', 'timestamp')\n\n"
                   "    def __init__(self):\n"
                   "        self.recordId = 0\n"
                   "        self.timestamp = 1\n"
                   "\n\n"
                   "class SensorRecord(BaseRecord):\n"
                   "    __slots__ = ('sensorId', 'value', 'unit')\n\n"
                   "    def __init__(self):\n"
                   "        BaseRecord.__init__(self)\n"
                   "        self.sensorId = 0\n"
                   "        self.value = 1\n"
                   "        self.unit = 2\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chain/names-are-checked", test_chain_names_are_checked);
  g_test_add_func ("/chain/bases-must-come-first", test_chain_bases_must_come_first);
  g_test_add_func ("/chain/remove-and-move-keep-order", test_chain_remove_and_move_keep_order);
  g_test_add_func ("/chain/copy-is-equal-and-independent", test_chain_copy_is_equal_and_independent);
  g_test_add_func ("/strategy/slots-takes-own-names-once", test_strategy_slots_takes_own_names_once);
  g_test_add_func ("/strategy/slots-skips-names-a-base-holds", test_strategy_slots_skips_names_a_base_holds);
  g_test_add_func ("/layout/slide-7-pitfall", test_layout_slide_7_pitfall);
  g_test_add_func ("/layout/refusal-names-the-class", test_layout_refusal_names_the_class);
  g_test_add_func ("/layout/unknown-class-is-bad-input", test_layout_unknown_class_is_bad_input);
  g_test_add_func ("/layout/module-slot-is-shadowed", test_layout_module_slot_is_shadowed);
  g_test_add_func ("/layout/dataclass-field-named-like-a-body-name",
                   test_layout_dataclass_field_named_like_a_body_name);
  g_test_add_func ("/layout/allocator-blocks", test_layout_allocator_blocks);
  g_test_add_func ("/profile/lookup-by-release", test_profile_lookup_by_release);
  g_test_add_func ("/layout/class-statement/mangling-and-super", test_class_statement_mangling_and_super);
  g_test_add_func ("/layout/class-statement/seeds-shared-keys", test_class_statement_seeds_shared_keys);
  g_test_add_func ("/layout/class-statement/dataclass-slot-named-static-attributes",
                   test_dataclass_slot_named_static_attributes);
  g_test_add_func ("/python/source-is-the-chain", test_python_source_is_the_chain);
  return g_test_run ();
}
