/* sl-chain.c: the class chain a user builds, in definition order. */

#include <string.h>

#include "sl-chain-private.h"
#include "sl-value-model.h"

struct _SlChain
{
  GObject    parent_instance;
  GPtrArray *classes;   /* SlClass */
  gboolean   valid;     /* sl_chain_validate() passed since the last change */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlChain, sl_chain, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (sl-chain-error-quark, sl_chain_error)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Python's hard keywords, the same from 3.7 on; soft keywords (match, case,
 * type, _) are ordinary identifiers. */
static const char * const python_keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break",
  "class", "continue", "def", "del", "elif", "else", "except", "finally",
  "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  NULL
};

static GType
list_model_get_item_type (GListModel *model)
{
  return SL_TYPE_CLASS;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return SL_CHAIN (model)->classes->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  SlChain *self = SL_CHAIN (model);

  if (position >= self->classes->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->classes, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
on_class_changed (SlChain *self,
                  SlClass *klass)
{
  self->valid = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
watch_class (SlChain *self,
             SlClass *klass)
{
  g_signal_connect_object (klass, "changed", G_CALLBACK (on_class_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
sl_chain_dispose (GObject *object)
{
  SlChain *self = SL_CHAIN (object);

  if (self->classes)
    for (guint i = 0; i < self->classes->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->classes, i), self);
  g_clear_pointer (&self->classes, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_chain_parent_class)->dispose (object);
}

static void
sl_chain_class_init (SlChainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_chain_dispose;

  /* Once per edit, after items-changed, and when any class changes. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_chain_init (SlChain *self)
{
  self->classes = g_ptr_array_new_with_free_func (g_object_unref);
}

SlChain *
sl_chain_new (void)
{
  return g_object_new (SL_TYPE_CHAIN, NULL);
}

SlChain *
sl_chain_copy (SlChain *self)
{
  SlChain *copy = sl_chain_new ();

  for (guint i = 0; i < self->classes->len; i++)
    {
      SlClass *klass = sl_class_copy (g_ptr_array_index (self->classes, i));

      watch_class (copy, klass);
      g_ptr_array_add (copy->classes, klass);
    }
  return copy;
}

SlChain *
sl_chain_copy_up_to (SlChain    *self,
                     const char *class_name)
{
  SlChain *copy = sl_chain_new ();
  int index = class_name ? sl_chain_index_of (self, class_name) : -1;
  guint n = index < 0 ? self->classes->len : (guint) index + 1;

  for (guint i = 0; i < n; i++)
    {
      SlClass *klass = sl_class_copy (g_ptr_array_index (self->classes, i));

      watch_class (copy, klass);
      g_ptr_array_add (copy->classes, klass);
    }
  return copy;
}

gboolean
sl_chain_equal (SlChain *a,
                SlChain *b)
{
  if (a->classes->len != b->classes->len)
    return FALSE;
  for (guint i = 0; i < a->classes->len; i++)
    if (!sl_class_equal (g_ptr_array_index (a->classes, i), g_ptr_array_index (b->classes, i)))
      return FALSE;
  return TRUE;
}

guint
sl_chain_get_n_classes (SlChain *self)
{
  g_return_val_if_fail (SL_IS_CHAIN (self), 0);
  return self->classes->len;
}

SlClass *
sl_chain_get_class (SlChain *self,
                    guint    index)
{
  g_return_val_if_fail (SL_IS_CHAIN (self), NULL);
  g_return_val_if_fail (index < self->classes->len, NULL);
  return g_ptr_array_index (self->classes, index);
}

int
sl_chain_index_of (SlChain    *self,
                   const char *name)
{
  for (guint i = 0; i < self->classes->len; i++)
    if (g_strcmp0 (sl_class_get_name (g_ptr_array_index (self->classes, i)), name) == 0)
      return (int) i;
  return -1;
}

SlClass *
sl_chain_lookup (SlChain    *self,
                 const char *name)
{
  int i = sl_chain_index_of (self, name);

  return i < 0 ? NULL : g_ptr_array_index (self->classes, i);
}

gboolean
sl_name_is_keyword (const char *name)
{
  static GHashTable *keywords;
  gsize len;

  if (name == NULL || (len = strlen (name)) < 2 || len > 8)
    return FALSE;
  if (g_once_init_enter (&keywords))
    {
      GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; python_keywords[i]; i++)
        g_hash_table_add (set, (gpointer) python_keywords[i]);
      g_once_init_leave (&keywords, set);
    }
  return g_hash_table_contains (keywords, name);
}

/* str.isidentifier(), approximated with GLib's Unicode tables, and the name
 * must already be in NFKC form: the parser normalises identifiers, setattr
 * does not, so anything else would name two different attributes. */
gboolean
sl_name_is_str_identifier (const char *name)
{
  gboolean first = TRUE;
  const char *q;

  if (name == NULL || *name == '\0')
    return FALSE;

  /* ASCII, the usual case, by its own rule (the same as below for c < 0x80),
   * without asking Unicode's tables: type() checks every slot per profile. */
  if (name[0] == '_' || g_ascii_isalpha (name[0]))
    {
      for (q = name + 1; *q == '_' || g_ascii_isalnum (*q); q++)
        ;
      if (*q == '\0')
        return TRUE;
    }

  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;

  for (const char *p = name; *p; p = g_utf8_next_char (p), first = FALSE)
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);
      gboolean start = c == '_' ||
                       t == G_UNICODE_UPPERCASE_LETTER || t == G_UNICODE_LOWERCASE_LETTER ||
                       t == G_UNICODE_TITLECASE_LETTER || t == G_UNICODE_MODIFIER_LETTER ||
                       t == G_UNICODE_OTHER_LETTER || t == G_UNICODE_LETTER_NUMBER;
      gboolean cont = start ||
                      t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
                      t == G_UNICODE_DECIMAL_NUMBER || t == G_UNICODE_CONNECT_PUNCTUATION;

      if (c < 0x80)
        {
          start = c == '_' || g_ascii_isalpha (c);
          cont = start || g_ascii_isdigit (c);
        }
      if (first ? !start : !cont)
        return FALSE;
    }
  return TRUE;
}

gboolean
sl_name_is_identifier (const char *name)
{
  g_autofree char *nfkc = NULL;

  if (!sl_name_is_str_identifier (name))
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p >= 0x80)
      goto non_ascii;
  return TRUE;  /* ASCII is its own NFKC form */

non_ascii:
  nfkc = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  return nfkc != NULL && strcmp (nfkc, name) == 0;
}

gboolean
sl_check_name (const char  *name,
               const char  *what,
               GError     **error)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME,
                   "%s is not valid UTF-8 text", what);
      return FALSE;
    }
  if (strlen (name) > SL_CHAIN_MAX_NAME_LEN)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "%s is longer than %d bytes", what, SL_CHAIN_MAX_NAME_LEN);
      return FALSE;
    }
  if (!sl_name_is_identifier (name))
    {
      g_autofree char *quoted = g_strescape (name, NULL);

      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME,
                   "%s \"%s\" is not a Python identifier", what, quoted);
      return FALSE;
    }
  if (sl_name_is_keyword (name))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME,
                   "%s \"%s\" is a Python keyword", what, name);
      return FALSE;
    }
  /* Not a keyword, but CPython's compiler refuses any store to it
   * ("SyntaxError: cannot assign to __debug__"), as a class name and as
   * self.__debug__ (3.8 to 3.15).  As a __slots__ string it is data, and
   * type() takes it: slots are not checked here. */
  if (strcmp (name, "__debug__") == 0)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME,
                   "%s \"__debug__\" cannot be assigned to in Python "
                   "(SyntaxError: cannot assign to __debug__)", what);
      return FALSE;
    }
  return TRUE;
}

char *
sl_name_normalize (const char *name)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  return g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
}

gboolean
sl_name_is_library_base (const char *name)
{
  return g_strcmp0 (name, "ABC") == 0 || g_strcmp0 (name, "Generic") == 0;
}

/* Checks class i against classes 0..i-1 of `classes`. */
static gpointer
ref_class (gconstpointer klass,
           gpointer      user_data)
{
  return g_object_ref ((gpointer) klass);
}

static gboolean
check_class_at (GPtrArray  *classes,
                guint       index,
                GError    **error)
{
  SlClass *klass = g_ptr_array_index (classes, index);
  const char *name = sl_class_get_name (klass);
  const char * const *bases = sl_class_get_bases (klass);
  const char * const *init = sl_class_get_init (klass);

  if (!sl_check_name (name, "the class name", error))
    return FALSE;

  for (guint j = 0; j < index; j++)
    if (strcmp (sl_class_get_name (g_ptr_array_index (classes, j)), name) == 0)
      {
        g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_DUPLICATE_CLASS,
                     "a class named \"%s\" is already defined", name);
        return FALSE;
      }

  if (g_strv_length ((char **) bases) > SL_CHAIN_MAX_BASES)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "\"%s\" has more than %d bases", name, SL_CHAIN_MAX_BASES);
      return FALSE;
    }

  for (guint b = 0; bases[b]; b++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < index && !found; j++)
        found = strcmp (sl_class_get_name (g_ptr_array_index (classes, j)), bases[b]) == 0;
      if (!found && !sl_name_is_library_base (bases[b]))
        {
          g_autofree char *quoted = g_strescape (bases[b], NULL);

          g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_BASE,
                       "base \"%s\" of \"%s\" is not a class defined before it", quoted, name);
          return FALSE;
        }
    }

  if (sl_class_get_n_slots (klass) > SL_CHAIN_MAX_SLOTS)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "\"%s\" has more than %d __slots__ items", name, SL_CHAIN_MAX_SLOTS);
      return FALSE;
    }
  for (guint s = 0; s < sl_class_get_n_slots (klass); s++)
    {
      const char *slot = sl_class_get_slots (klass)[s];

      if (!g_utf8_validate (slot, -1, NULL) || strlen (slot) > SL_CHAIN_MAX_NAME_LEN)
        {
          g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                       "a __slots__ item of \"%s\" is not UTF-8 or longer than %d bytes",
                       name, SL_CHAIN_MAX_NAME_LEN);
          return FALSE;
        }
    }

  if (g_strv_length ((char **) init) > SL_CHAIN_MAX_INIT)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "\"%s\" assigns more than %d attributes", name, SL_CHAIN_MAX_INIT);
      return FALSE;
    }
  for (guint a = 0; init[a]; a++)
    if (strlen (init[a]) > SL_CHAIN_MAX_NAME_LEN || !sl_name_is_identifier (init[a]) ||
        sl_name_is_keyword (init[a]) || strcmp (init[a], "__debug__") == 0)
      {
        g_autofree char *what = g_strdup_printf ("attribute %u of %s.__init__", a, name);

        return sl_check_name (init[a], what, error);
      }
  for (guint a = 0; init[a]; a++)
    {
      g_autoptr(GError) local_error = NULL;
      SlValue value;

      if (!sl_value_parse (sl_class_get_init_value (klass, a), &value, &local_error))
        {
          g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_INVALID_NAME,
                       "attribute %u of %s.__init__: %s", a, name, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sl_chain_validate (SlChain  *self,
                   GError  **error)
{
  /* Layouts are recomputed on every keystroke: validate once per change. */
  if (self->valid)
    return TRUE;
  if (self->classes->len > SL_CHAIN_MAX_CLASSES)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "a chain holds at most %d classes", SL_CHAIN_MAX_CLASSES);
      return FALSE;
    }
  for (guint i = 0; i < self->classes->len; i++)
    if (!check_class_at (self->classes, i, error))
      return FALSE;
  self->valid = TRUE;
  return TRUE;
}

static void
emit_items_changed (SlChain *self,
                    guint    position,
                    guint    removed,
                    guint    added)
{
  self->valid = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
sl_chain_append (SlChain  *self,
                 SlClass  *klass,
                 GError  **error)
{
  g_return_val_if_fail (SL_IS_CHAIN (self), FALSE);
  g_return_val_if_fail (SL_IS_CLASS (klass), FALSE);

  if (self->classes->len >= SL_CHAIN_MAX_CLASSES)
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_LIMIT,
                   "a chain holds at most %d classes", SL_CHAIN_MAX_CLASSES);
      return FALSE;
    }

  g_ptr_array_add (self->classes, g_object_ref (klass));
  if (!check_class_at (self->classes, self->classes->len - 1, error))
    {
      g_ptr_array_remove_index (self->classes, self->classes->len - 1);
      return FALSE;
    }
  watch_class (self, klass);
  emit_items_changed (self, self->classes->len - 1, 0, 1);
  return TRUE;
}

gboolean
sl_chain_replace (SlChain  *self,
                  guint     index,
                  SlClass  *klass,
                  GError  **error)
{
  g_autoptr(GPtrArray) trial = NULL;
  SlClass *old;

  g_return_val_if_fail (index < self->classes->len, FALSE);

  /* A rename must not strand later classes that name the old one. */
  trial = g_ptr_array_copy (self->classes, ref_class, NULL);
  g_ptr_array_set_free_func (trial, g_object_unref);
  old = g_ptr_array_index (trial, index);
  g_ptr_array_index (trial, index) = g_object_ref (klass);
  g_object_unref (old);
  for (guint i = index; i < trial->len; i++)
    if (!check_class_at (trial, i, error))
      return FALSE;

  old = g_ptr_array_index (self->classes, index);
  g_signal_handlers_disconnect_by_data (old, self);
  g_ptr_array_index (self->classes, index) = g_object_ref (klass);
  g_object_unref (old);
  watch_class (self, klass);
  emit_items_changed (self, index, 1, 1);
  return TRUE;
}

gboolean
sl_chain_remove (SlChain  *self,
                 guint     index,
                 GError  **error)
{
  const char *name;

  g_return_val_if_fail (index < self->classes->len, FALSE);

  name = sl_class_get_name (g_ptr_array_index (self->classes, index));
  for (guint i = index + 1; i < self->classes->len; i++)
    {
      SlClass *later = g_ptr_array_index (self->classes, i);

      if (g_strv_contains (sl_class_get_bases (later), name))
        {
          g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_IN_USE,
                       "\"%s\" is a base of \"%s\"", name, sl_class_get_name (later));
          return FALSE;
        }
    }

  g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->classes, index), self);
  g_ptr_array_remove_index (self->classes, index);
  emit_items_changed (self, index, 1, 0);
  return TRUE;
}

gboolean
sl_chain_move (SlChain  *self,
               guint     from,
               guint     to,
               GError  **error)
{
  g_autoptr(GPtrArray) trial = NULL;
  gpointer item;

  g_return_val_if_fail (from < self->classes->len && to < self->classes->len, FALSE);
  if (from == to)
    return TRUE;

  trial = g_ptr_array_copy (self->classes, ref_class, NULL);
  g_ptr_array_set_free_func (trial, g_object_unref);
  item = g_ptr_array_steal_index (trial, from);
  g_ptr_array_insert (trial, to, item);
  for (guint i = MIN (from, to); i < trial->len; i++)
    if (!check_class_at (trial, i, error))
      return FALSE;

  item = g_ptr_array_steal_index (self->classes, from);
  g_ptr_array_insert (self->classes, to, item);
  self->valid = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to), ABS ((int) from - (int) to) + 1,
                              ABS ((int) from - (int) to) + 1);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Makes self hold copies of from's classes, for undo and redo: the
 * classes that are equal at the same place at both ends are kept (their
 * rows too), the run between them is replaced in one items-changed.  No
 * structural check: from was a state of a chain that passed them. */
void
sl_chain_assign (SlChain *self,
                 SlChain *from)
{
  guint n_old, n_new, head = 0, tail = 0;

  g_return_if_fail (SL_IS_CHAIN (self));
  g_return_if_fail (SL_IS_CHAIN (from));

  n_old = self->classes->len;
  n_new = from->classes->len;
  while (head < n_old && head < n_new
         && sl_class_equal (g_ptr_array_index (self->classes, head),
                            g_ptr_array_index (from->classes, head)))
    head++;
  while (tail < n_old - head && tail < n_new - head
         && sl_class_equal (g_ptr_array_index (self->classes, n_old - 1 - tail),
                            g_ptr_array_index (from->classes, n_new - 1 - tail)))
    tail++;
  if (head == n_old && head == n_new)
    return;

  for (guint i = head; i < n_old - tail; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->classes, i), self);
  g_ptr_array_remove_range (self->classes, head, n_old - tail - head);
  for (guint i = head; i < n_new - tail; i++)
    {
      SlClass *klass = sl_class_copy (g_ptr_array_index (from->classes, i));

      watch_class (self, klass);
      g_ptr_array_insert (self->classes, i, klass);
    }
  self->valid = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), head, n_old - tail - head, n_new - tail - head);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A rename is a copy: the window and the CLI try it on the copy and take
 * it only when the chain accepts it (sl_document_rename_class()). */
SlChain *
sl_chain_renamed (SlChain     *chain,
                  guint        index,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(SlChain) trial = NULL;
  g_autoptr(SlClass) renamed = NULL;
  g_autofree char *old_name = NULL;

  g_return_val_if_fail (SL_IS_CHAIN (chain), NULL);

  if (index >= sl_chain_get_n_classes (chain))
    {
      g_set_error (error, SL_CHAIN_ERROR, SL_CHAIN_ERROR_UNKNOWN_CLASS,
                   "there is no class at position %u", index + 1);
      return NULL;
    }
  trial = sl_chain_copy (chain);
  old_name = g_strdup (sl_class_get_name (sl_chain_get_class (trial, index)));
  if (g_strcmp0 (old_name, name) == 0)
    return g_steal_pointer (&trial);

  /* Later classes name their bases by name: they follow the rename. */
  for (guint i = index + 1; i < sl_chain_get_n_classes (trial); i++)
    {
      SlClass *later = sl_chain_get_class (trial, i);
      g_auto(GStrv) bases = g_strdupv ((char **) sl_class_get_bases (later));
      gboolean changed = FALSE;

      for (guint b = 0; bases[b]; b++)
        if (strcmp (bases[b], old_name) == 0)
          {
            g_free (bases[b]);
            bases[b] = g_strdup (name);
            changed = TRUE;
          }
      if (changed)
        sl_class_set_bases (later, (const char * const *) bases);
    }
  renamed = sl_class_copy (sl_chain_get_class (trial, index));
  sl_class_set_name (renamed, name);
  if (!sl_chain_replace (trial, index, renamed, error))
    return NULL;
  return g_steal_pointer (&trial);
}
