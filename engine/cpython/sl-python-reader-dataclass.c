/* sl-python-reader-dataclass.c: decorators and a dataclass's fields.
 *
 * Part of the Python reader; see sl-python-reader.c for what it reads
 * and sl-python-reader-private.h for what the parts share. */

#include <string.h>

#include "sl-python-reader-private.h"

gboolean
sl_pyr_read_decorators (Reader    *r,
                        ClassInfo *c,
                        GPtrArray *decorators)
{
  for (guint d = 0; d < decorators->len; d++)
    {
      SlPyStmt *dec = g_ptr_array_index (decorators, d);
      Range expr = { dec->first + 1, dec->last };
      guint open = expr.a;
      Range callee;
      g_autofree char *dotted = NULL;
      g_autofree char *q = NULL;

      while (open < expr.b && !sl_pyr_is_op (r, open, "("))
        open++;
      callee = (Range) { expr.a, open };
      dotted = sl_pyr_dotted_name (r, callee);
      q = dotted ? sl_pyr_qualify (r, dotted) : NULL;
      if (q && strcmp (q, "dataclasses.dataclass") == 0)
        {
          c->dataclass = SL_DATACLASS;
          if (open < expr.b)
            {
              guint close = sl_pyr_matching (r, open, expr.b);
              g_autoptr(GArray) args = sl_pyr_split_top (r, (Range) { open + 1, close }, ",");

              for (guint a = 0; a < args->len; a++)
                {
                  Range arg = g_array_index (args, Range, a);
                  SlPyToken *key = sl_pyr_tok (r, arg.a);
                  gboolean value;

                  if (arg.a == arg.b)
                    continue;
                  if (!(key->type == SL_PY_TOKEN_NAME && sl_pyr_is_op (r, arg.a + 1, "=")))
                    return sl_pyr_refuse (r, key, UNSUPPORTED, "dataclass() takes keyword arguments only");
                  if (!sl_pyr_literal_bool (r, (Range) { arg.a + 2, arg.b }, &value))
                    return sl_pyr_refuse (r, key, UNSUPPORTED, "dataclass(%s=…) is not True or False", key->text);
                  if (strcmp (key->text, "slots") == 0)
                    c->dataclass = value ? c->dataclass | SL_DATACLASS_SLOTS : c->dataclass & ~SL_DATACLASS_SLOTS;
                  else if (strcmp (key->text, "frozen") == 0)
                    c->dataclass = value ? c->dataclass | SL_DATACLASS_FROZEN : c->dataclass & ~SL_DATACLASS_FROZEN;
                  else if (strcmp (key->text, "weakref_slot") == 0)
                    c->dataclass = value ? c->dataclass | SL_DATACLASS_WEAKREF_SLOT
                                         : c->dataclass & ~SL_DATACLASS_WEAKREF_SLOT;
                  else if (strcmp (key->text, "init") == 0 && !value)
                    return sl_pyr_refuse (r, key, UNSUPPORTED, "dataclass(init=False): Slot Lab reads dataclasses "
                                          "whose __init__ dataclasses writes");
                  else if (!(strcmp (key->text, "repr") == 0 || strcmp (key->text, "eq") == 0 ||
                             strcmp (key->text, "order") == 0 || strcmp (key->text, "unsafe_hash") == 0 ||
                             strcmp (key->text, "match_args") == 0 || strcmp (key->text, "kw_only") == 0 ||
                             strcmp (key->text, "init") == 0))
                    return sl_pyr_refuse (r, key, UNSUPPORTED, "dataclass(%s=…) is not an argument Slot Lab knows",
                                          key->text);
                }
            }
          continue;
        }
      if (q && open == expr.b &&
          (strcmp (q, "functools.total_ordering") == 0 || strcmp (q, "typing.final") == 0 ||
           strcmp (q, "final") == 0 || strcmp (q, "total_ordering") == 0 ||
           strcmp (q, "typing_extensions.final") == 0))
        {
          sl_pyr_note (r, sl_pyr_tok (r, dec->first), "@%s does not change an instance's layout", dotted);
          continue;
        }
      return sl_pyr_refuse (r, sl_pyr_tok (r, dec->first + 1), UNSUPPORTED,
                            "%s has a decorator Slot Lab does not know (@%s); it may replace or change the class",
                            c->name, dotted ? dotted : "…");
    }
  return TRUE;
}

/* `__slots__ = …`: a tuple, a list, one string, a dict of docstrings. */
gboolean
sl_pyr_pseudo_field (Reader *r,
                     Range   annotation)
{
  guint open = annotation.a;
  g_autofree char *dotted = NULL;
  g_autofree char *q = NULL;

  if (annotation.b > annotation.a && sl_pyr_tok (r, annotation.a)->type == SL_PY_TOKEN_STRING)
    {
      const char *text = sl_pyr_tok (r, annotation.a)->text;

      return text && (g_str_has_prefix (text, "ClassVar") || g_str_has_prefix (text, "typing.ClassVar") ||
                      g_str_has_prefix (text, "InitVar") || g_str_has_prefix (text, "dataclasses.InitVar"));
    }
  while (open < annotation.b && !sl_pyr_is_op (r, open, "["))
    open++;
  dotted = sl_pyr_dotted_name (r, (Range) { annotation.a, open });
  q = dotted ? sl_pyr_qualify (r, dotted) : NULL;
  return q && (strcmp (q, "typing.ClassVar") == 0 || strcmp (q, "ClassVar") == 0 ||
               strcmp (q, "dataclasses.InitVar") == 0 || strcmp (q, "InitVar") == 0 ||
               strcmp (q, "dataclasses.KW_ONLY") == 0 || strcmp (q, "KW_ONLY") == 0);
}

/* A field's default is evaluated once, in the class body: every instance
 * shares that one object, whatever kind it is, and it is a class variable
 * (which hides a base's slot of that name).  In a session that is a field
 * without a value kind (written `= 0`: shared, a class variable); a kind
 * of its own means a default_factory (sl-type-model.c, is_field_variable).
 * A list, dict or set is refused by dataclasses as CPython says. */
static gboolean
default_kind (Reader    *r,
              Range      value,
              SlPyToken *name,
              char     **out,
              gboolean  *literal)
{
  g_autofree char *kind = sl_pyr_value_kind (r, value, literal);
  Range bare = sl_pyr_strip_parens (r, value);
  const char *mutable = NULL;

  if (kind && (g_str_has_prefix (kind, "list:") || g_str_has_prefix (kind, "const-list:")))
    mutable = "list";
  else if (bare.b > bare.a && sl_pyr_is_op (r, bare.a, "{") && sl_pyr_matching (r, bare.a, bare.b) == bare.b - 1)
    mutable = "dict";   /* or a set: either way refused */
  *out = NULL;
  if (mutable)
    return sl_pyr_refuse (r, name, UNSUPPORTED, "ValueError: mutable default <class '%s'> for field %s is not "
                          "allowed: use default_factory", mutable, name->text);
  if (kind != NULL)
    *literal = TRUE;      /* whatever it is, one object for all: nothing per instance */
  return TRUE;
}

/* A dataclass field `name: T = default`: the value kind its __init__ stores. */
gboolean
sl_pyr_read_field (Reader    *r,
                   ClassInfo *c,
                   SlPyStmt  *stmt,
                   guint      colon,
                   int        eq)
{
  SlPyToken *name = sl_pyr_tok (r, stmt->first);
  Store *field;
  gboolean literal = FALSE;
  char *kind = NULL;

  if (eq >= 0)
    {
      Range value = { (guint) eq + 1, stmt->last };
      guint open = value.a;

      while (open < value.b && !sl_pyr_is_op (r, open, "("))
        open++;
      if (open < value.b && sl_pyr_means (r, (Range) { value.a, open }, "dataclasses.field"))
        {
          guint close = sl_pyr_matching (r, open, value.b);
          g_autoptr(GArray) args = sl_pyr_split_top (r, (Range) { open + 1, close }, ",");

          literal = TRUE;
          for (guint a = 0; a < args->len; a++)
            {
              Range arg = g_array_index (args, Range, a);
              SlPyToken *key = sl_pyr_tok (r, arg.a);
              Range v = { arg.a + 2, arg.b };
              gboolean b;

              if (arg.a == arg.b || !(key->type == SL_PY_TOKEN_NAME && sl_pyr_is_op (r, arg.a + 1, "=")))
                continue;
              if (strcmp (key->text, "init") == 0 && !(sl_pyr_literal_bool (r, v, &b) && b))
                return sl_pyr_refuse (r, key, UNSUPPORTED, "field(init=…) other than True: Slot Lab reads fields "
                                      "that __init__ stores");
              if (strcmp (key->text, "default") == 0)
                {
                  g_free (kind);
                  if (!default_kind (r, v, name, &kind, &literal))
                    return FALSE;
                }
              else if (strcmp (key->text, "default_factory") == 0)
                {
                  g_autofree char *factory = sl_pyr_dotted_name (r, v);

                  g_free (kind);
                  kind = NULL;
                  literal = FALSE;
                  if (v.b - v.a >= 2 && sl_pyr_tok (r, v.a)->keyword && strcmp (sl_pyr_tok (r, v.a)->text, "lambda") == 0 &&
                      sl_pyr_is_op (r, v.a + 1, ":"))
                    /* called once per instance: its body is what __init__ stores */
                    kind = sl_pyr_value_kind (r, (Range) { v.a + 2, v.b }, &literal);
                  else if (factory && strcmp (factory, "list") == 0)
                    kind = g_strdup ("list:0"), literal = TRUE;
                  else if (factory && (strcmp (factory, "int") == 0 || strcmp (factory, "bool") == 0))
                    literal = TRUE;
                  else if (factory && strcmp (factory, "float") == 0)
                    kind = g_strdup ("float"), literal = TRUE;
                  /* a factory puts nothing in the class: a field that holds
                   * a shared object through one says so with a kind */
                  if (kind == NULL && literal)
                    kind = g_strdup ("shared");
                }
            }
        }
      else
        {
          if (!default_kind (r, value, name, &kind, &literal))
            return FALSE;
        }
    }
  (void) colon;

  /* a redefined field keeps its place (dataclasses' fields are a dict) */
  for (guint i = 0; i < c->fields->len; i++)
    {
      Store *old = g_ptr_array_index (c->fields, i);

      if (strcmp (old->name, name->text) == 0)
        {
          g_free (old->kind);
          old->kind = kind;
          return TRUE;
        }
    }
  field = g_new0 (Store, 1);
  field->name = g_strdup (name->text);
  field->kind = kind;
  field->line = name->line;
  field->column = name->column;
  g_ptr_array_add (c->fields, field);
  if (!literal && r->init_not_literal)
    sl_pyr_add_unique (r->init_not_literal, name->text);
  return TRUE;
}
