/* sl-class-form.c: the form of one class, checked at every edit. */

#include <string.h>

#include <glib/gi18n.h>

#include "sl-class-form-private.h"
#include "sl-format.h"
#include "sl-layout.h"

struct _SlClassForm
{
  GtkWidget     parent_instance;

  SlDocument   *document;       /* edits go through it, as steps of its history */
  SlChain      *chain;          /* the document's */
  SlProfile    *profile;
  SlClass      *klass;          /* the class at index, as last loaded */
  int           index;
  GPtrArray    *bases;          /* char*, the bases as the form holds them, in order */
  char        **base_choices;   /* names of the classes before index */
  char         *pending;        /* a structural error: the edit was not applied */
  char         *message;
  guint         loading : 1;

  GtkStack            *stack;
  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwActionRow        *bases_row;
  GtkMenuButton       *bases_button;
  GtkBox              *bases_box;
  AdwComboRow         *storage_row;
  AdwEntryRow         *slots_row;
  AdwActionRow        *weakref_row;
  GtkSwitch           *weakref_switch;
  AdwEntryRow         *init_row;
  GtkRevealer         *message_revealer;
  GtkLabel            *message_title;
  GtkLabel            *message_label;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *statement_group;
  AdwComboRow         *created_by_row;
  AdwComboRow         *base_init_row;
  AdwComboRow         *base_init_at_row;
  AdwEntryRow         *elsewhere_row;
  AdwComboRow         *spelling_row;
  AdwExpanderRow      *dataclass_row;
  AdwActionRow        *dataclass_slots_row;
  GtkSwitch           *dataclass_slots_switch;
  GtkSwitch           *dataclass_frozen_switch;
  GtkSwitch           *dataclass_weakref_switch;
  GArray              *spellings;       /* SlSlotsSpelling, the spelling row's items in order */
  guint                n_places;        /* items of base_init_at_row */
};

G_DEFINE_FINAL_TYPE (SlClassForm, sl_class_form, GTK_TYPE_WIDGET)

static void on_edited (SlClassForm *self);

/* "x, y z", "('x', 'y')" -> {"x", "y", "z"}: commas, spaces, quotes and
 * brackets separate names. */
static GPtrArray *
split_names (const char *text)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) tokens = g_regex_split_simple ("[\\s,()\\[\\]'\"]+", text ? text : "", 0, 0);

  for (guint i = 0; tokens[i]; i++)
    if (*tokens[i])
      g_ptr_array_add (names, g_strdup (tokens[i]));
  return names;
}

static gboolean
is_special_slot (const char *name)
{
  return g_strcmp0 (name, "__dict__") == 0 || g_strcmp0 (name, "__weakref__") == 0;
}

static char *
join_names (const char * const *names,
            gboolean            skip_special)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; names && names[i]; i++)
    {
      if (skip_special && is_special_slot (names[i]))
        continue;
      if (text->len)
        g_string_append (text, ", ");
      g_string_append (text, names[i]);
    }
  return g_string_free (text, FALSE);
}

/* The slots as the form writes them: the names typed, then '__dict__' and
 * '__weakref__' as the storage row and the switch ask. */
static GStrv
form_slots (const char *typed,
            SlStorage   storage,
            gboolean    weakref)
{
  g_autoptr(GPtrArray) names = split_names (typed);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean has_dict = FALSE, has_weakref = FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      has_dict |= strcmp (name, "__dict__") == 0;
      has_weakref |= strcmp (name, "__weakref__") == 0;
      g_strv_builder_add (builder, name);
    }
  if (storage == SL_STORAGE_SLOTS_DICT && !has_dict)
    g_strv_builder_add (builder, "__dict__");
  if (weakref && !has_weakref)
    g_strv_builder_add (builder, "__weakref__");
  return g_strv_builder_end (builder);
}

static GStrv
strv_from_ptr_array (GPtrArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < array->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (array, i));
  return g_strv_builder_end (builder);
}

static void
show_message (SlClassForm *self,
              const char  *title,
              const char  *text)
{
  g_free (self->message);
  self->message = text ? g_strdup (text) : NULL;
  if (text != NULL)
    {
      gtk_label_set_text (self->message_title, title);
      gtk_label_set_text (self->message_label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }
  gtk_revealer_set_reveal_child (self->message_revealer, text != NULL);
}

static void
update_message (SlClassForm *self)
{
  g_autoptr(SlLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  gtk_label_set_text (self->summary_label, "");

  if (self->pending != NULL)
    {
      show_message (self, _("Not applied"), self->pending);
      return;
    }
  if (self->klass == NULL || self->profile == NULL)
    {
      show_message (self, NULL, NULL);
      return;
    }

  name = sl_class_get_name (self->klass);
  layout = sl_document_dup_layout (self->document, name, SL_STRATEGY_AS_DECLARED, self->profile, &error);
  if (layout == NULL)
    {
      show_message (self, _("Not applied"), error->message);
      return;
    }
  if (sl_layout_get_error (layout) != NULL)
    {
      const char *culprit = sl_layout_get_error_class (layout);
      g_autofree char *title = NULL;

      g_autofree char *text = NULL;

      if (sl_layout_error_is_at_init (layout))
        {
          /* The class is made; an instance is not. */
          title = g_strdup_printf (_("%s.__init__ raises %s"), culprit ? culprit : name,
                                   sl_layout_get_error (layout));
          text = g_strdup_printf (_("On %s the class %s is created; making an instance fails when its "
                                    "__init__ runs: %s"),
                                  sl_profile_get_label (self->profile), name, sl_layout_get_error (layout));
        }
      else if (culprit != NULL && g_strcmp0 (culprit, name) != 0)
        {
          title = g_strdup_printf (_("%s is never created: creating %s fails first"), name, culprit);
          text = g_strdup_printf (_("On %s, class %s raises %s"), sl_profile_get_label (self->profile),
                                  culprit, sl_layout_get_error (layout));
        }
      else
        title = g_strdup_printf (_("%s refuses %s"), sl_profile_get_label (self->profile), name);
      show_message (self, title, text ? text : sl_layout_get_error (layout));
    }
  else
    {
      const SlFigures *figures = sl_layout_get_figures (layout);
      g_autofree char *summary = NULL;

      show_message (self, NULL, NULL);
      summary = g_strdup_printf (_("On %s: basicsize %" G_GINT64_FORMAT " bytes, %s, %s."),
                                 sl_profile_get_label (self->profile),
                                 figures->basicsize,
                                 figures->has_dict ? _("instances have a __dict__")
                                                   : _("no __dict__"),
                                 figures->gc ? _("tracked by the garbage collector")
                                             : _("not tracked by the garbage collector"));
      gtk_label_set_text (self->summary_label, summary);
    }
}

static void
sync_bases_button (SlClassForm *self)
{
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (self->bases->len == 0)
    text = g_strdup ("object");
  else
    {
      g_auto(GStrv) strv = strv_from_ptr_array (self->bases);
      text = g_strjoinv (", ", strv);
    }
  gtk_menu_button_set_label (self->bases_button, text);
  tip = g_strdup_printf (_("Bases: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bases_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
}

static void
on_base_toggled (SlClassForm    *self,
                 GtkCheckButton *button)
{
  const char *name = gtk_check_button_get_label (button);
  guint pos;

  if (self->loading)
    return;

  if (gtk_check_button_get_active (button))
    {
      if (!g_ptr_array_find_with_equal_func (self->bases, name, g_str_equal, NULL))
        g_ptr_array_add (self->bases, g_strdup (name));
    }
  else if (g_ptr_array_find_with_equal_func (self->bases, name, g_str_equal, &pos))
    g_ptr_array_remove_index (self->bases, pos);

  sync_bases_button (self);
  on_edited (self);
}

/* Rebuilds the check buttons when the classes before this one change. */
static void
sync_base_choices (SlClassForm *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) choices = NULL;
  GtkWidget *child;

  if (self->chain != NULL)
    for (int i = 0; i < self->index; i++)
      g_strv_builder_add (builder, sl_class_get_name (sl_chain_get_class (self->chain, i)));
  choices = g_strv_builder_end (builder);

  if (self->base_choices == NULL || !g_strv_equal ((const char * const *) choices,
                                                   (const char * const *) self->base_choices))
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bases_box))))
        gtk_box_remove (self->bases_box, child);

      if (choices[0] == NULL)
        {
          GtkWidget *label = gtk_label_new (_("No class is defined before this one:\nits base is object."));
          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (self->bases_box, label);
        }
      for (guint i = 0; choices[i]; i++)
        {
          GtkWidget *check = gtk_check_button_new_with_label (choices[i]);

          g_signal_connect_object (check, "toggled", G_CALLBACK (on_base_toggled), self,
                                   G_CONNECT_SWAPPED);
          gtk_box_append (self->bases_box, check);
        }
      g_strfreev (self->base_choices);
      self->base_choices = g_steal_pointer (&choices);
    }

  self->loading = TRUE;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->bases_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                   g_ptr_array_find_with_equal_func (self->bases,
                                                                     gtk_check_button_get_label (GTK_CHECK_BUTTON (child)),
                                                                     g_str_equal, NULL));
  self->loading = FALSE;
  sync_bases_button (self);
}

static void
sync_sensitivity (SlClassForm *self)
{
  gboolean slotted = adw_combo_row_get_selected (self->storage_row) != SL_STORAGE_DICT;

  gtk_widget_set_sensitive (GTK_WIDGET (self->slots_row), slotted);
  gtk_widget_set_sensitive (GTK_WIDGET (self->weakref_row), slotted);
}

/* ---- the class statement ------------------------------------------------ */

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  /* Only when it differs: a row being typed into keeps its cursor. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The spellings the class can take (sl_class_get_options()), as items. */
static void
sync_spelling_model (SlClassForm          *self,
                     const SlClassOptions *options)
{
  static const struct { SlSlotsSpelling spelling; const char *label; } all[] = {
    { SL_SLOTS_TUPLE, N_("a tuple: ('a', 'b')") },
    { SL_SLOTS_LIST,  N_("a list: ['a', 'b']") },
    { SL_SLOTS_STR,   N_("one string: 'a'") },
    { SL_SLOTS_DICT,  N_("a dict: {'a': 'doc'}") },
  };
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (SlSlotsSpelling));
  g_autoptr(GtkStringList) model = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i].spelling != SL_SLOTS_STR || options->slots_str)
      g_array_append_val (wanted, all[i].spelling);
  if (self->spellings && self->spellings->len == wanted->len
      && memcmp (self->spellings->data, wanted->data, wanted->len * sizeof (SlSlotsSpelling)) == 0)
    return;
  model = gtk_string_list_new (NULL);
  for (guint i = 0; i < wanted->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (all); j++)
      if (all[j].spelling == g_array_index (wanted, SlSlotsSpelling, i))
        gtk_string_list_append (model, _(all[j].label));
  g_clear_pointer (&self->spellings, g_array_unref);
  self->spellings = g_steal_pointer (&wanted);
  adw_combo_row_set_model (self->spelling_row, G_LIST_MODEL (model));
}

/* "first", "after self.x", …, "last": where among the class's own stores
 * the base's __init__ is called. */
static void
sync_places_model (SlClassForm *self,
                   SlClass     *klass)
{
  const char * const *init = sl_class_get_init (klass);
  guint n = sl_class_get_n_init (klass);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GListModel *old = adw_combo_row_get_model (self->base_init_at_row);
  gboolean same = old != NULL && g_list_model_get_n_items (old) == n + 1;

  gtk_string_list_append (model, _("first"));
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *label = g_strdup_printf (_("after self.%s = …"), init[i]);

      gtk_string_list_append (model, label);
      if (same)
        same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (old), i + 1), label) == 0;
    }
  if (n > 0)
    gtk_string_list_append (model, _("last"));
  if (same)
    return;
  self->n_places = n + 1;
  adw_combo_row_set_model (self->base_init_at_row, G_LIST_MODEL (model));
}

/* The class statement's rows from the class: values and which rows apply. */
static void
sync_statement (SlClassForm *self)
{
  SlClass *klass = self->klass;
  SlClassOptions options;
  SlDataclassFlags dataclass;
  guint at = 0, spelling_index = 0;
  SlBaseInit base_init;
  g_autofree char *elsewhere = NULL;
  gboolean was_loading = self->loading;

  if (klass == NULL)
    return;
  sl_class_get_options (klass, self->chain, &options);
  dataclass = sl_class_get_dataclass (klass);
  base_init = sl_class_get_base_init (klass, &at);
  elsewhere = join_names (sl_class_get_elsewhere (klass), FALSE);

  self->loading = TRUE;
  sync_spelling_model (self, &options);
  sync_places_model (self, klass);
  adw_combo_row_set_selected (self->created_by_row, sl_class_get_created_by (klass));
  adw_combo_row_set_selected (self->base_init_row, base_init);
  adw_combo_row_set_selected (self->base_init_at_row, MIN (at, self->n_places - 1));
  set_entry_text (self->elsewhere_row, elsewhere);
  for (guint i = 0; i < self->spellings->len; i++)
    if (g_array_index (self->spellings, SlSlotsSpelling, i) == sl_class_get_slots_spelling (klass))
      spelling_index = i;
  adw_combo_row_set_selected (self->spelling_row, spelling_index);
  adw_expander_row_set_enable_expansion (self->dataclass_row, dataclass != SL_DATACLASS_NONE);
  gtk_switch_set_active (self->dataclass_slots_switch, (dataclass & SL_DATACLASS_SLOTS) != 0);
  gtk_switch_set_active (self->dataclass_frozen_switch, (dataclass & SL_DATACLASS_FROZEN) != 0);
  gtk_switch_set_active (self->dataclass_weakref_switch, (dataclass & SL_DATACLASS_WEAKREF_SLOT) != 0);
  self->loading = was_loading;

  /* A dataclass's stores are its fields, written NAME: int = 0. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->init_row),
                                 dataclass != SL_DATACLASS_NONE ? _("Fields (dataclass() writes __init__)")
                                                                : _("Attributes __init__ assigns"));

  /* What applies is the engine's answer, never the form's. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->created_by_row),
                            options.created_by_type || sl_class_get_created_by (klass) == SL_CREATED_BY_TYPE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->base_init_row), options.base_init);
  gtk_widget_set_sensitive (GTK_WIDGET (self->base_init_at_row), options.base_init_at);
  gtk_widget_set_sensitive (GTK_WIDGET (self->elsewhere_row), options.elsewhere);
  gtk_widget_set_sensitive (GTK_WIDGET (self->spelling_row), options.slots_spelling);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dataclass_row), options.dataclass);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dataclass_slots_row), options.dataclass_slots);
  gtk_widget_set_sensitive (GTK_WIDGET (self->storage_row), options.own_slots);
}

/* The class statement's rows into edited. */
static void
read_statement (SlClassForm *self,
                SlClass     *edited)
{
  g_autoptr(GPtrArray) elsewhere = split_names (gtk_editable_get_text (GTK_EDITABLE (self->elsewhere_row)));
  g_auto(GStrv) elsewhere_strv = strv_from_ptr_array (elsewhere);
  guint spelling = adw_combo_row_get_selected (self->spelling_row);
  guint at = adw_combo_row_get_selected (self->base_init_at_row);
  SlDataclassFlags dataclass = SL_DATACLASS_NONE;

  sl_class_set_created_by (edited, adw_combo_row_get_selected (self->created_by_row) == 1
                                   ? SL_CREATED_BY_TYPE : SL_CREATED_BY_CLASS);
  /* The last place is "last": as many stores as there are, or more. */
  if (at == GTK_INVALID_LIST_POSITION)
    at = 0;
  sl_class_set_base_init (edited, MIN (adw_combo_row_get_selected (self->base_init_row), SL_BASE_INIT_NONE), at);
  sl_class_set_elsewhere (edited, (const char * const *) elsewhere_strv);
  if (self->spellings && spelling < self->spellings->len)
    sl_class_set_slots_spelling (edited, g_array_index (self->spellings, SlSlotsSpelling, spelling));
  if (adw_expander_row_get_enable_expansion (self->dataclass_row))
    {
      dataclass = SL_DATACLASS;
      if (gtk_switch_get_active (self->dataclass_slots_switch))
        dataclass |= SL_DATACLASS_SLOTS;
      if (gtk_switch_get_active (self->dataclass_frozen_switch))
        dataclass |= SL_DATACLASS_FROZEN;
      if (gtk_switch_get_active (self->dataclass_weakref_switch))
        dataclass |= SL_DATACLASS_WEAKREF_SLOT;
    }
  sl_class_set_dataclass (edited, dataclass);
}

/* Loads the class at index into the widgets. */
static void
load_class (SlClassForm *self)
{
  SlClass *klass = NULL;

  if (self->chain != NULL && self->index >= 0 && (guint) self->index < sl_chain_get_n_classes (self->chain))
    klass = sl_chain_get_class (self->chain, self->index);

  g_set_object (&self->klass, klass);
  g_clear_pointer (&self->pending, g_free);

  if (klass == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      show_message (self, NULL, NULL);
      return;
    }

  self->loading = TRUE;
  {
    g_autofree char *slots = join_names (sl_class_get_slots (klass), TRUE);
    g_autofree char *init = join_names (sl_class_get_init (klass), FALSE);
    const char * const *bases = sl_class_get_bases (klass);

    gtk_editable_set_text (GTK_EDITABLE (self->name_row), sl_class_get_name (klass));
    g_ptr_array_set_size (self->bases, 0);
    for (guint i = 0; bases[i]; i++)
      g_ptr_array_add (self->bases, g_strdup (bases[i]));
    adw_combo_row_set_selected (self->storage_row, sl_class_get_storage (klass));
    gtk_editable_set_text (GTK_EDITABLE (self->slots_row), slots);
    gtk_switch_set_active (self->weakref_switch, sl_class_slots_contain (klass, "__weakref__"));
    gtk_editable_set_text (GTK_EDITABLE (self->init_row), init);
  }
  self->loading = FALSE;

  sync_base_choices (self);
  sync_sensitivity (self);
  sync_statement (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
  update_message (self);
}

/* Whether the slots the widgets describe are the class's own, up to where
 * '__dict__' and '__weakref__' stand (so an unrelated edit keeps them). */
static gboolean
same_slots (SlClass            *klass,
            const char * const *slots)
{
  g_autofree char *current_typed = NULL;
  g_auto(GStrv) normalised = NULL;

  if (!sl_class_has_slots (klass))
    return slots == NULL;
  if (slots == NULL)
    return FALSE;
  current_typed = join_names (sl_class_get_slots (klass), TRUE);
  normalised = form_slots (current_typed, sl_class_get_storage (klass),
                           sl_class_slots_contain (klass, "__weakref__"));
  {
    g_autofree char *typed = join_names (slots, TRUE);
    g_auto(GStrv) mine = form_slots (typed,
                                     g_strv_contains (slots, "__dict__") ? SL_STORAGE_SLOTS_DICT : SL_STORAGE_SLOTS,
                                     g_strv_contains (slots, "__weakref__"));
    return g_strv_equal ((const char * const *) normalised, (const char * const *) mine)
           && g_strv_length ((char **) slots) == sl_class_get_n_slots (klass);
  }
}

static void
on_edited (SlClassForm *self)
{
  g_autoptr(SlClass) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) init = NULL;
  g_auto(GStrv) bases = NULL;
  g_auto(GStrv) init_strv = NULL;
  g_auto(GStrv) slots = NULL;
  const char *name;
  SlStorage storage;

  if (self->loading || self->klass == NULL)
    return;

  sync_sensitivity (self);

  storage = adw_combo_row_get_selected (self->storage_row);
  /* '__dict__' typed among the slot names is slots + __dict__: the row
   * says so (the names shown leave it out from then on). */
  if (storage == SL_STORAGE_SLOTS)
    {
      g_autoptr(GPtrArray) typed = split_names (gtk_editable_get_text (GTK_EDITABLE (self->slots_row)));

      if (g_ptr_array_find_with_equal_func (typed, "__dict__", g_str_equal, NULL))
        {
          storage = SL_STORAGE_SLOTS_DICT;
          self->loading = TRUE;
          adw_combo_row_set_selected (self->storage_row, storage);
          self->loading = FALSE;
        }
    }
  if (storage != SL_STORAGE_DICT
      && !sl_class_has_slots (self->klass)
      && *gtk_editable_get_text (GTK_EDITABLE (self->slots_row)) == '\0')
    {
      /* Choosing __slots__ for a class without: start from what __init__ assigns. */
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->slots_row),
                             gtk_editable_get_text (GTK_EDITABLE (self->init_row)));
      self->loading = FALSE;
    }

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  bases = strv_from_ptr_array (self->bases);
  init = split_names (gtk_editable_get_text (GTK_EDITABLE (self->init_row)));
  init_strv = strv_from_ptr_array (init);
  if (storage != SL_STORAGE_DICT)
    slots = form_slots (gtk_editable_get_text (GTK_EDITABLE (self->slots_row)), storage,
                        gtk_switch_get_active (self->weakref_switch));

  edited = sl_class_copy (self->klass);
  sl_class_set_name (edited, name);
  sl_class_set_bases (edited, (const char * const *) bases);
  sl_class_set_init (edited, (const char * const *) init_strv);
  if (!same_slots (self->klass, (const char * const *) slots))
    sl_class_set_slots (edited, (const char * const *) slots);
  read_statement (self, edited);
  /* A field the edit made inapplicable (one string of two slots, say)
   * goes back to its default, by the engine's rule. */
  sl_class_drop_inapplicable_options (edited, self->chain);

  /* The document checks the edit whole (a rename carries over to later
   * classes' bases) and applies it as one step of its history, or not at
   * all. */
  g_clear_pointer (&self->pending, g_free);
  if (!sl_document_set_class (self->document, self->index, edited, &error))
    self->pending = g_strdup (error->message);
  sync_statement (self);
  update_message (self);
}

static void
on_chain_changed (SlClassForm *self)
{
  SlClass *klass = NULL;

  if (self->index >= 0 && (guint) self->index < sl_chain_get_n_classes (self->chain))
    klass = sl_chain_get_class (self->chain, self->index);
  if (klass != self->klass)
    {
      load_class (self);
      return;
    }
  if (self->klass != NULL)
    {
      sync_base_choices (self);
      sync_statement (self);
    }
  update_message (self);
}

void
sl_class_form_set_document (SlClassForm *self,
                            SlDocument  *document)
{
  SlChain *chain = document ? sl_document_get_chain (document) : NULL;

  g_return_if_fail (SL_IS_CLASS_FORM (self));

  if (self->document == document)
    return;
  if (self->chain)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  g_set_object (&self->document, document);
  g_set_object (&self->chain, chain);
  g_clear_pointer (&self->base_choices, g_strfreev);
  if (chain)
    g_signal_connect_object (chain, "changed", G_CALLBACK (on_chain_changed), self,
                             G_CONNECT_SWAPPED);
  self->index = -1;
  load_class (self);
}

void
sl_class_form_set_profile (SlClassForm *self,
                           SlProfile   *profile)
{
  g_return_if_fail (SL_IS_CLASS_FORM (self));

  g_set_object (&self->profile, profile);
  update_message (self);
}

void
sl_class_form_set_index (SlClassForm *self,
                         int          index)
{
  g_return_if_fail (SL_IS_CLASS_FORM (self));

  if (self->chain == NULL || index >= (int) sl_chain_get_n_classes (self->chain))
    index = -1;
  if (index == self->index && self->klass != NULL
      && index >= 0 && sl_chain_get_class (self->chain, index) == self->klass)
    {
      sync_base_choices (self);
      return;
    }
  self->index = index;
  load_class (self);
}

int
sl_class_form_get_index (SlClassForm *self)
{
  return self->index;
}

const char *
sl_class_form_get_message (SlClassForm *self)
{
  return self->message;
}

GtkEditable *
sl_class_form_get_name_editable (SlClassForm *self)
{
  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
sl_class_form_get_slots_editable (SlClassForm *self)
{
  return GTK_EDITABLE (self->slots_row);
}

GtkEditable *
sl_class_form_get_init_editable (SlClassForm *self)
{
  return GTK_EDITABLE (self->init_row);
}

AdwComboRow *
sl_class_form_get_storage_row (SlClassForm *self)
{
  return self->storage_row;
}

GtkSwitch *
sl_class_form_get_weakref_switch (SlClassForm *self)
{
  return self->weakref_switch;
}

AdwComboRow *
sl_class_form_get_base_init_row (SlClassForm *self)
{
  return self->base_init_row;
}

AdwComboRow *
sl_class_form_get_base_init_at_row (SlClassForm *self)
{
  return self->base_init_at_row;
}

GtkEditable *
sl_class_form_get_elsewhere_editable (SlClassForm *self)
{
  return GTK_EDITABLE (self->elsewhere_row);
}

AdwComboRow *
sl_class_form_get_spelling_row (SlClassForm *self)
{
  return self->spelling_row;
}

AdwExpanderRow *
sl_class_form_get_dataclass_row (SlClassForm *self)
{
  return self->dataclass_row;
}

static void
sl_class_form_dispose (GObject *object)
{
  SlClassForm *self = SL_CLASS_FORM (object);

  if (self->chain)
    g_signal_handlers_disconnect_by_data (self->chain, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_CLASS_FORM);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->chain);
  g_clear_object (&self->document);
  g_clear_object (&self->profile);
  g_clear_object (&self->klass);
  g_clear_pointer (&self->bases, g_ptr_array_unref);
  g_clear_pointer (&self->base_choices, g_strfreev);
  g_clear_pointer (&self->pending, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->spellings, g_array_unref);

  G_OBJECT_CLASS (sl_class_form_parent_class)->dispose (object);
}

static void
sl_class_form_class_init (SlClassFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_class_form_dispose;

  sl_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/slotlab/SlotLab/ui/sl-class-form.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, stack);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, group);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, bases_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, bases_button);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, bases_box);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, storage_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, slots_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, weakref_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, weakref_switch);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, init_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, message_title);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, statement_group);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, created_by_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, base_init_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, base_init_at_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, elsewhere_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, spelling_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, dataclass_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, dataclass_slots_row);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, dataclass_slots_switch);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, dataclass_frozen_switch);
  gtk_widget_class_bind_template_child (widget_class, SlClassForm, dataclass_weakref_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_edited);
}

static void
sl_class_form_init (SlClassForm *self)
{
  self->index = -1;
  self->bases = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->weakref_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("'__weakref__' in __slots__"),
                                  -1);
}

GtkWidget *
sl_class_form_new (void)
{
  return g_object_new (SL_TYPE_CLASS_FORM, NULL);
}
