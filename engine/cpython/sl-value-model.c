/* sl-value-model.c: what the value an attribute holds costs, per release.
 *
 * The objects as CPython lays them out (Include/cpython/longintrepr.h,
 * floatobject.h, unicodeobject.h, bytesobject.h, tupleobject.h,
 * listobject.h), with the numbers in the profile's "values" member, and
 * the rules here:
 * - int: one 30-bit digit below 2**30.  Up to 3.13 _PyLong_New() asks for
 *   offsetof(ob_digit) + 4 bytes (28); from 3.14 _PyLong_FromMedium() asks
 *   for sizeof(PyLongObject), padding included (32).
 * - str: a compact ASCII string is sizeof(PyASCIIObject) + L + 1 (48 up to
 *   3.11, 40 once 3.12 dropped wstr).  CPython caches the empty string and
 *   every one-character Latin-1 string, so L <= 1 is shared.
 * - bytes: offsetof(PyBytesObject, ob_sval) + L + 1 (33 + L); b'' and the
 *   256 one-byte strings are cached, so L <= 1 is shared too.
 * - tuple: the GC head, the var-object header (and from 3.14 the cached
 *   hash, ob_hash) and L item pointers; () is a singleton.
 * - list: the GC head and PyListObject, then a separate item array.  A
 *   display of L items is BUILD_LIST L (exactly L pointers) unless the
 *   compiler builds it item by item: from 3.10 a display longer than
 *   STACK_USE_GUIDELINE (30) is BUILD_LIST 0 and L × LIST_APPEND, and
 *   list_resize() over-allocates on the way.  Free-threaded builds put
 *   the capacity in front of the items (_PyListArray).
 * - const-list: a list display of L constants ([1, 2, 3], ['a', None, 1.5]).
 *   Up to two items, or on 3.8, it is BUILD_LIST L like any display.  From
 *   3.9 the compiler folds three or more constants into one tuple constant
 *   and builds BUILD_LIST 0 + LIST_EXTEND: 3.9's list_extend() grows the
 *   empty list with list_resize() (3 items take 8 slots), 3.10's
 *   list_preallocate_exact() rounds the count up to even (3 take 4).  From
 *   3.14 the folding moved to the flowgraph optimiser, which only sees
 *   BUILD_LIST L, so a display longer than STACK_USE_GUIDELINE is appended
 *   item by item as a list:L is.  Measured with sys.getsizeof on 3.8.18 ...
 *   3.15.2 and 3.13.15t (tests/test-values.c).
 * Blocks go through the profile's allocator: pymalloc's 16-byte classes up
 * to 512 bytes and malloc above (traced, not in pymalloc's figures), or
 * mimalloc's bins on free-threaded builds.
 */

#include <stdlib.h>
#include <string.h>

#include "sl-dict-model-private.h"
#include "sl-enums.h"
#include "sl-value-model.h"

G_DEFINE_QUARK (sl-value-error-quark, sl_value_error)

/* A kind's word is its nick (SL_TYPE_VALUE_KIND); these five take a length
 * after a colon ("str:12"), the others stand alone. */
static gboolean
is_sized (SlValueKind kind)
{
  return kind == SL_VALUE_STR || kind == SL_VALUE_BYTES ||
         kind == SL_VALUE_TUPLE || kind == SL_VALUE_LIST || kind == SL_VALUE_CONST_LIST;
}

static guint
max_length (SlValueKind kind)
{
  return kind == SL_VALUE_STR || kind == SL_VALUE_BYTES ? SL_VALUE_MAX_CHARS : SL_VALUE_MAX_ITEMS;
}

gboolean
sl_value_parse (const char  *text,
                SlValue     *out,
                GError     **error)
{
  memset (out, 0, sizeof *out);
  if (text == NULL)
    return TRUE;

  {
    gsize n = strcspn (text, ":");
    g_autofree char *word = g_strndup (text, n);
    int kind;

    if (sl_enum_from_nick (SL_TYPE_VALUE_KIND, word, &kind))
      {
        if (!is_sized (kind) && text[n] == '\0')
          {
            out->kind = kind;
            return TRUE;
          }
        if (is_sized (kind) && text[n] == ':' && g_ascii_isdigit (text[n + 1]) &&
            (text[n + 1] != '0' || text[n + 2] == '\0'))
          {
            char *end = NULL;
            guint64 length = g_ascii_strtoull (text + n + 1, &end, 10);

            if (*end == '\0' && length <= max_length (kind))
              {
                out->kind = kind;
                out->length = (guint) length;
                return TRUE;
              }
          }
      }
  }

  {
    g_autofree char *quoted = g_strescape (text, NULL);

    g_set_error (error, SL_VALUE_ERROR, SL_VALUE_ERROR_BAD_KIND,
                 "\"%s\" is not a value kind (small-int, none, bool, shared, int, float, "
                 "str:L or bytes:L with L from 0 to %u, tuple:L, list:L or const-list:L with L from 0 to %u)",
                 quoted, SL_VALUE_MAX_CHARS, SL_VALUE_MAX_ITEMS);
  }
  return FALSE;
}

char *
sl_value_to_string (const SlValue *value)
{
  const char *word = sl_enum_to_nick (SL_TYPE_VALUE_KIND, value->kind);

  g_return_val_if_fail (word != NULL, NULL);
  if (value->kind == SL_VALUE_SMALL_INT)
    return NULL;
  if (is_sized (value->kind))
    return g_strdup_printf ("%s:%u", word, value->length);
  return g_strdup (word);
}

const char *
sl_value_python_type (const SlValue *value)
{
  switch (value->kind)
    {
    case SL_VALUE_NONE:   return "NoneType";
    case SL_VALUE_BOOL:   return "bool";
    case SL_VALUE_SHARED: return "str";
    case SL_VALUE_FLOAT:  return "float";
    case SL_VALUE_STR:    return "str";
    case SL_VALUE_BYTES:  return "bytes";
    case SL_VALUE_TUPLE:  return "tuple";
    case SL_VALUE_LIST:
    case SL_VALUE_CONST_LIST: return "list";
    case SL_VALUE_SMALL_INT:
    case SL_VALUE_INT:
    default:              return "int";
    }
}

gboolean
sl_value_is_per_instance (const SlValue *value,
                          SlProfile     *profile)
{
  SlBlock blocks[2];

  return sl_value_blocks (value, profile, blocks) > 0;
}

/* list_resize() from 3.9 on, growing an empty list to `size` at once. */
static guint64
resized_capacity (guint64 size)
{
  guint64 grown = (size + (size >> 3) + 6) & ~(guint64) 3;

  if (size > grown - size)
    grown = (size + 3) & ~(guint64) 3;
  return grown;
}

/* list_resize() from 3.9 on, one append at a time from an empty list. */
static guint64
appended_capacity (guint64 length)
{
  guint64 allocated = 0;

  for (guint64 size = 1; size <= length; size++)
    if (size > allocated)
      {
        guint64 grown = (size + (size >> 3) + 6) & ~(guint64) 3;

        if (1 > grown - size)
          grown = (size + 3) & ~(guint64) 3;
        allocated = grown;
      }
  return allocated;
}

static void
set_block (SlBlock              *block,
           const SlProfileFacts *facts,
           guint64               requested)
{
  memset (block, 0, sizeof *block);
  block->part = SL_PART_VALUE_OBJECTS;
  block->requested = requested;
  block->block = sl_alloc_block (facts, requested, &block->small);
}

guint
sl_value_blocks (const SlValue *value,
                 SlProfile     *profile,
                 SlBlock        out[2])
{
  const SlProfileFacts *facts = sl_profile_get_facts (profile);
  guint64 ptr = facts->pointer;
  guint64 length = value->length;

  switch (value->kind)
    {
    case SL_VALUE_INT:
      set_block (&out[0], facts, facts->value_int);
      return 1;
    case SL_VALUE_FLOAT:
      set_block (&out[0], facts, facts->value_float);
      return 1;
    case SL_VALUE_STR:
      if (length <= 1)
        return 0;
      set_block (&out[0], facts, facts->value_str_ascii + length + 1);
      return 1;
    case SL_VALUE_BYTES:
      if (length <= 1)
        return 0;
      set_block (&out[0], facts, facts->value_bytes + length);
      return 1;
    case SL_VALUE_TUPLE:
      if (length == 0)
        return 0;
      set_block (&out[0], facts, facts->gc_head + facts->value_tuple + length * ptr);
      return 1;
    case SL_VALUE_LIST:
    case SL_VALUE_CONST_LIST:
      {
        guint64 capacity = length;
        gboolean appended = facts->display_stack_limit > 0 && length > facts->display_stack_limit;
        gboolean folded = value->kind == SL_VALUE_CONST_LIST && length > 2 &&
                          facts->const_list != SL_CONST_LIST_DISPLAY &&
                          !(appended && facts->const_list_in_flowgraph);

        if (folded)
          capacity = facts->const_list == SL_CONST_LIST_EXTEND_RESIZE ? resized_capacity (length)
                     : (length + 1) & ~(guint64) 1;
        else if (appended)
          capacity = appended_capacity (length);
        set_block (&out[0], facts, facts->gc_head + facts->value_list);
        if (capacity == 0)
          return 1;
        set_block (&out[1], facts, facts->value_list_array_header + capacity * ptr);
        return 2;
      }
    case SL_VALUE_SMALL_INT:
    case SL_VALUE_NONE:
    case SL_VALUE_BOOL:
    case SL_VALUE_SHARED:
    default:
      return 0;
    }
}
