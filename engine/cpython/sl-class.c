/* sl-class.c: one class of a chain. */

#include <string.h>

#include "sl-class.h"
#include "sl-enums.h"

struct _SlClass
{
  GObject parent_instance;

  char  *name;
  GStrv  bases;
  GStrv  slots;       /* NULL: no __slots__ */
  GStrv  slot_types;  /* parallel to slots; "" for str */
  GStrv  init;
  GStrv  init_values; /* parallel to init; "" for a small int */
  guint  n_slots;     /* lengths of slots and init: asked per item in the */
  guint  n_init;      /* engine's inner loops, so not counted each time   */

  SlCreatedBy      created_by;
  SlBaseInit       base_init;
  guint            base_init_at;
  GStrv            elsewhere;
  SlSlotsSpelling  slots_spelling;
  SlDataclassFlags dataclass;
};

G_DEFINE_FINAL_TYPE (SlClass, sl_class, G_TYPE_OBJECT)

enum { PROP_0, PROP_NAME, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

static void
sl_class_finalize (GObject *object)
{
  SlClass *self = SL_CLASS (object);

  g_free (self->name);
  g_strfreev (self->bases);
  g_strfreev (self->slots);
  g_strfreev (self->slot_types);
  g_strfreev (self->init);
  g_strfreev (self->init_values);
  g_strfreev (self->elsewhere);

  G_OBJECT_CLASS (sl_class_parent_class)->finalize (object);
}

static void
sl_class_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SlClass *self = SL_CLASS (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_class_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SlClass *self = SL_CLASS (object);

  switch (prop_id)
    {
    case PROP_NAME:
      sl_class_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_class_class_init (SlClassClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_class_finalize;
  object_class->get_property = sl_class_get_property;
  object_class->set_property = sl_class_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "C",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on any change of name, bases, slots, init or how the class
   * statement is written. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_class_init (SlClass *self)
{
  self->name = g_strdup ("C");
  self->bases = g_new0 (char *, 1);
  self->init = g_new0 (char *, 1);
  self->init_values = g_new0 (char *, 1);
  self->elsewhere = g_new0 (char *, 1);
}

SlClass *
sl_class_new (const char *name)
{
  return g_object_new (SL_TYPE_CLASS, "name", name, NULL);
}

SlClass *
sl_class_copy (SlClass *self)
{
  SlClass *copy = sl_class_new (self->name);

  sl_class_set_bases (copy, (const char * const *) self->bases);
  sl_class_set_slots_full (copy, (const char * const *) self->slots,
                           (const char * const *) self->slot_types);
  sl_class_set_init (copy, (const char * const *) self->init);
  g_strfreev (copy->init_values);
  copy->init_values = g_strdupv (self->init_values);
  copy->created_by = self->created_by;
  copy->base_init = self->base_init;
  copy->base_init_at = self->base_init_at;
  sl_class_set_elsewhere (copy, (const char * const *) self->elsewhere);
  copy->slots_spelling = self->slots_spelling;
  copy->dataclass = self->dataclass;
  return copy;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
sl_class_equal (SlClass *a,
                SlClass *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         strv_equal0 (a->bases, b->bases) &&
         strv_equal0 (a->slots, b->slots) &&
         strv_equal0 (a->slot_types, b->slot_types) &&
         strv_equal0 (a->init, b->init) &&
         strv_equal0 (a->init_values, b->init_values) &&
         a->created_by == b->created_by &&
         a->base_init == b->base_init &&
         a->base_init_at == b->base_init_at &&
         strv_equal0 (a->elsewhere, b->elsewhere) &&
         a->slots_spelling == b->slots_spelling &&
         a->dataclass == b->dataclass;
}

static void
emit_changed (SlClass *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
sl_class_get_name (SlClass *self)
{
  g_return_val_if_fail (SL_IS_CLASS (self), NULL);
  return self->name;
}

void
sl_class_set_name (SlClass    *self,
                   const char *name)
{
  g_return_if_fail (SL_IS_CLASS (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  emit_changed (self);
}

const char * const *
sl_class_get_bases (SlClass *self)
{
  return (const char * const *) self->bases;
}

guint
sl_class_get_n_bases (SlClass *self)
{
  return g_strv_length (self->bases);
}

void
sl_class_set_bases (SlClass            *self,
                    const char * const *bases)
{
  if (bases == NULL)
    bases = empty_strv;
  if (g_strv_equal (bases, (const char * const *) self->bases))
    return;
  g_strfreev (self->bases);
  self->bases = g_strdupv ((char **) bases);
  emit_changed (self);
}

gboolean
sl_class_has_slots (SlClass *self)
{
  return self->slots != NULL;
}

const char * const *
sl_class_get_slots (SlClass *self)
{
  return (const char * const *) self->slots;
}

guint
sl_class_get_n_slots (SlClass *self)
{
  return self->n_slots;
}

const char *
sl_class_get_slot_type (SlClass *self,
                        guint    index)
{
  const char *type;

  g_return_val_if_fail (index < sl_class_get_n_slots (self), NULL);
  type = self->slot_types[index];
  return type[0] ? type : NULL;
}

void
sl_class_set_slots (SlClass            *self,
                    const char * const *slots)
{
  sl_class_set_slots_full (self, slots, NULL);
}

void
sl_class_set_slots_full (SlClass            *self,
                         const char * const *slots,
                         const char * const *py_types)
{
  g_auto(GStrv) types = NULL;

  if (slots != NULL)
    {
      guint n = g_strv_length ((char **) slots);

      types = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        types[i] = g_strdup (py_types && py_types[i] ? py_types[i] : "");
    }

  if (strv_equal0 ((char **) slots, self->slots) && strv_equal0 (types, self->slot_types))
    return;

  g_strfreev (self->slots);
  g_strfreev (self->slot_types);
  self->slots = slots ? g_strdupv ((char **) slots) : NULL;
  self->n_slots = slots ? g_strv_length (self->slots) : 0;
  self->slot_types = g_steal_pointer (&types);
  emit_changed (self);
}

const char * const *
sl_class_get_init (SlClass *self)
{
  return (const char * const *) self->init;
}

guint
sl_class_get_n_init (SlClass *self)
{
  return self->n_init;
}

void
sl_class_set_init (SlClass            *self,
                   const char * const *init)
{
  g_autofree const char **values = NULL;
  guint n;

  if (init == NULL)
    init = empty_strv;
  if (g_strv_equal (init, (const char * const *) self->init))
    return;

  /* A name that stays keeps what it holds. */
  n = g_strv_length ((char **) init);
  values = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; self->init[j]; j++)
      if (strcmp (self->init[j], init[i]) == 0)
        {
          values[i] = self->init_values[j];
          break;
        }
  sl_class_set_init_full (self, init, values);
}

void
sl_class_set_init_full (SlClass            *self,
                        const char * const *init,
                        const char * const *values)
{
  g_auto(GStrv) kinds = NULL;
  guint n;

  if (init == NULL)
    init = empty_strv;
  n = g_strv_length ((char **) init);
  kinds = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    kinds[i] = g_strdup (values && values[i] && g_strcmp0 (values[i], "small-int") != 0 ? values[i] : "");

  if (g_strv_equal (init, (const char * const *) self->init) &&
      g_strv_equal ((const char * const *) kinds, (const char * const *) self->init_values))
    return;
  g_strfreev (self->init);
  g_strfreev (self->init_values);
  self->init = g_strdupv ((char **) init);
  self->n_init = n;
  self->init_values = g_steal_pointer (&kinds);
  emit_changed (self);
}

const char *
sl_class_get_init_value (SlClass *self,
                         guint    index)
{
  g_return_val_if_fail (SL_IS_CLASS (self), NULL);
  g_return_val_if_fail (index < self->n_init, NULL);
  return self->init_values[index][0] ? self->init_values[index] : NULL;
}

void
sl_class_set_init_value (SlClass    *self,
                         guint       index,
                         const char *kind)
{
  g_return_if_fail (SL_IS_CLASS (self));
  g_return_if_fail (index < self->n_init);

  if (kind == NULL || strcmp (kind, "small-int") == 0)
    kind = "";
  if (strcmp (self->init_values[index], kind) == 0)
    return;
  g_free (self->init_values[index]);
  self->init_values[index] = g_strdup (kind);
  emit_changed (self);
}

gboolean
sl_class_slots_contain (SlClass    *self,
                        const char *name)
{
  if (self->slots == NULL)
    return FALSE;
  for (guint i = 0; self->slots[i]; i++)
    if (self->slot_types[i][0] == '\0' && strcmp (self->slots[i], name) == 0)
      return TRUE;
  return FALSE;
}

SlStorage
sl_class_get_storage (SlClass *self)
{
  if (self->slots == NULL)
    return SL_STORAGE_DICT;
  return sl_class_slots_contain (self, "__dict__") ? SL_STORAGE_SLOTS_DICT : SL_STORAGE_SLOTS;
}

/* dataclasses._add_slots() writes the fields (and '__weakref__' with
 * weakref_slot=True), never '__dict__'; a body with __slots__ of its own
 * is refused by the decorator, so the body's storage stands. */
SlStorage
sl_class_get_created_storage (SlClass *self)
{
  g_return_val_if_fail (SL_IS_CLASS (self), SL_STORAGE_DICT);
  if (self->slots == NULL && (self->dataclass & SL_DATACLASS_SLOTS))
    return SL_STORAGE_SLOTS;
  return sl_class_get_storage (self);
}

SlCreatedBy
sl_class_get_created_by (SlClass *self)
{
  g_return_val_if_fail (SL_IS_CLASS (self), SL_CREATED_BY_CLASS);
  return self->created_by;
}

void
sl_class_set_created_by (SlClass     *self,
                         SlCreatedBy  how)
{
  g_return_if_fail (SL_IS_CLASS (self));
  g_return_if_fail (how <= SL_CREATED_BY_TYPE);
  if (self->created_by == how)
    return;
  self->created_by = how;
  emit_changed (self);
}

SlBaseInit
sl_class_get_base_init (SlClass *self,
                        guint   *at)
{
  g_return_val_if_fail (SL_IS_CLASS (self), SL_BASE_INIT_EXPLICIT);
  if (at != NULL)
    *at = self->base_init_at;
  return self->base_init;
}

void
sl_class_set_base_init (SlClass    *self,
                        SlBaseInit  how,
                        guint       at)
{
  g_return_if_fail (SL_IS_CLASS (self));
  g_return_if_fail (how <= SL_BASE_INIT_NONE);
  if (self->base_init == how && self->base_init_at == at)
    return;
  self->base_init = how;
  self->base_init_at = at;
  emit_changed (self);
}

const char * const *
sl_class_get_elsewhere (SlClass *self)
{
  g_return_val_if_fail (SL_IS_CLASS (self), NULL);
  return (const char * const *) self->elsewhere;
}

void
sl_class_set_elsewhere (SlClass            *self,
                        const char * const *names)
{
  g_return_if_fail (SL_IS_CLASS (self));
  if (names == NULL)
    names = empty_strv;
  if (g_strv_equal (names, (const char * const *) self->elsewhere))
    return;
  g_strfreev (self->elsewhere);
  self->elsewhere = g_strdupv ((char **) names);
  emit_changed (self);
}

SlSlotsSpelling
sl_class_get_slots_spelling (SlClass *self)
{
  g_return_val_if_fail (SL_IS_CLASS (self), SL_SLOTS_TUPLE);
  return self->slots_spelling;
}

void
sl_class_set_slots_spelling (SlClass         *self,
                             SlSlotsSpelling  spelling)
{
  g_return_if_fail (SL_IS_CLASS (self));
  g_return_if_fail (spelling <= SL_SLOTS_DICT);
  if (self->slots_spelling == spelling)
    return;
  self->slots_spelling = spelling;
  emit_changed (self);
}

SlDataclassFlags
sl_class_get_dataclass (SlClass *self)
{
  g_return_val_if_fail (SL_IS_CLASS (self), SL_DATACLASS_NONE);
  return self->dataclass;
}

void
sl_class_set_dataclass (SlClass          *self,
                        SlDataclassFlags  flags)
{
  g_return_if_fail (SL_IS_CLASS (self));
  /* Any option makes it a dataclass. */
  if (flags != SL_DATACLASS_NONE)
    flags |= SL_DATACLASS;
  if (self->dataclass == flags)
    return;
  self->dataclass = flags;
  emit_changed (self);
}

/* Session words: the nicks of the generated enum types ---------------------- */

const char *
sl_created_by_to_string (SlCreatedBy how)
{
  return sl_enum_to_nick (SL_TYPE_CREATED_BY, how);
}

gboolean
sl_created_by_from_string (const char  *text,
                           SlCreatedBy *how)
{
  return sl_enum_from_nick (SL_TYPE_CREATED_BY, text, (int *) how);
}

const char *
sl_base_init_to_string (SlBaseInit how)
{
  return sl_enum_to_nick (SL_TYPE_BASE_INIT, how);
}

gboolean
sl_base_init_from_string (const char *text,
                          SlBaseInit *how)
{
  return sl_enum_from_nick (SL_TYPE_BASE_INIT, text, (int *) how);
}

const char *
sl_slots_spelling_to_string (SlSlotsSpelling spelling)
{
  return sl_enum_to_nick (SL_TYPE_SLOTS_SPELLING, spelling);
}

gboolean
sl_slots_spelling_from_string (const char      *text,
                               SlSlotsSpelling *spelling)
{
  return sl_enum_from_nick (SL_TYPE_SLOTS_SPELLING, text, (int *) spelling);
}
