/* sl-results-table.c: the points of a run as a table (template:
 * sl-results-table.ui).
 *
 * A GtkColumnView over a GListStore of rows, one per point, kept in the
 * engine's order (sl_result_point_compare()).  While a run streams, the
 * table first shows the points it will measure (their figures pending)
 * and fills each row in as its point arrives: no row is added and no
 * cell changes size, so a point repaints a row and nothing is laid out
 * again — in GTK 4 a new row or a label's new text relayouts the whole
 * window, which on X11 waits on the X server (issue 13).  Hence cells are
 * GtkInscriptions sized for what their column can hold.  A point that
 * no row expects is inserted where it belongs.  The cells are text the
 * table formats from the engine's figures; the ratio to slots divides
 * two of them.
 */

#include <glib/gi18n.h>

#include "sl-results-table.h"

/* ---- one row ---- */

#define SL_TYPE_RESULT_ROW (sl_result_row_get_type ())
G_DECLARE_FINAL_TYPE (SlResultRow, sl_result_row, SL, RESULT_ROW, GObject)

struct _SlResultRow
{
  GObject        parent_instance;
  SlResultPoint *point;
  gboolean       pending;        /* planned, not measured yet */
  char          *cells[SL_RESULTS_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (SlResultRow, sl_result_row, G_TYPE_OBJECT)

enum { ROW_CHANGED, N_ROW_SIGNALS };
static guint row_signals[N_ROW_SIGNALS];

static void
sl_result_row_finalize (GObject *object)
{
  SlResultRow *self = SL_RESULT_ROW (object);

  sl_result_point_free (self->point);
  for (guint i = 0; i < SL_RESULTS_N_COLUMNS; i++)
    g_free (self->cells[i]);
  G_OBJECT_CLASS (sl_result_row_parent_class)->finalize (object);
}

static void
sl_result_row_class_init (SlResultRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_result_row_finalize;

  /* The cells changed in place: the labels bound to the row follow. */
  row_signals[ROW_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_result_row_init (SlResultRow *self)
{
}

/* A row for @point, or with @pending its place before it is measured. */
static SlResultRow *
sl_result_row_new (const SlResultPoint *point,
                   const SlResultPoint *slots,
                   gboolean             pending)
{
  SlResultRow *self = g_object_new (SL_TYPE_RESULT_ROW, NULL);
  g_autofree char *backend = NULL;

  self->point = sl_result_point_copy (point);
  self->pending = pending;
  /* Short, so that every column fits: the run's backend, interpreter and
   * time are in the run list above the table. */
  backend = g_strdup (point->partial ? _(" partial") : "");
  self->cells[SL_RESULTS_COLUMN_RUN] = point->run ? g_strdup_printf ("#%u%s", point->run, backend)
                                     : pending ? g_strdup (_("to measure"))
                                     : g_strdup (_("this run"));
  self->cells[SL_RESULTS_COLUMN_STRATEGY] = g_strdup (sl_strategy_get_label (point->strategy));
  self->cells[SL_RESULTS_COLUMN_PYTHON] = g_strdup (point->python ? point->python : "");
  self->cells[SL_RESULTS_COLUMN_COUNT] = g_strdup_printf ("%'" G_GUINT64_FORMAT, point->count);
  if (pending)
    {
      for (guint c = SL_RESULTS_COLUMN_BYTES; c <= SL_RESULTS_COLUMN_RATIO; c++)
        self->cells[c] = g_strdup ("…");
      return self;
    }
  self->cells[SL_RESULTS_COLUMN_BYTES] = g_format_size_full (point->bytes, G_FORMAT_SIZE_IEC_UNITS);
  self->cells[SL_RESULTS_COLUMN_PER_INSTANCE] = g_strdup_printf ("%.1f", (double) point->bytes / point->count);
  self->cells[SL_RESULTS_COLUMN_RATIO] = slots && slots->bytes > 0
                                         ? g_strdup_printf ("%.2f×", (double) point->bytes / slots->bytes)
                                         : g_strdup ("—");
  return self;
}

/* Takes `from`'s point and cells (from gets the old ones, to free): a
 * row shown keeps its widgets, which a new row in its place would build
 * again — at a run's end, every row of the table in one frame. */
static void
sl_result_row_take (SlResultRow *self,
                    SlResultRow *from)
{
  gboolean same = TRUE, pending = self->pending;
  SlResultPoint *point = self->point;

  self->point = from->point;
  from->point = point;
  self->pending = from->pending;
  from->pending = pending;
  for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
    {
      char *cell = self->cells[c];

      same &= g_strcmp0 (cell, from->cells[c]) == 0;
      self->cells[c] = from->cells[c];
      from->cells[c] = cell;
    }
  if (!same)
    g_signal_emit (self, row_signals[ROW_CHANGED], 0);
}

/* ---- the table ---- */

struct _SlResultsTable
{
  GtkWidget      parent_instance;

  GListStore    *rows;          /* SlResultRow, sorted */
  guint          chars[SL_RESULTS_N_COLUMNS];  /* each column's cells' width, see fit_columns */

  /* template */
  GtkLabel      *placeholder;
  GtkColumnView *column_view;
};

G_DEFINE_FINAL_TYPE (SlResultsTable, sl_results_table, GTK_TYPE_WIDGET)

static const char * const headings[SL_RESULTS_N_COLUMNS] = {
  N_("Run"), N_("Strategy"), N_("Python"), N_("Count"), N_("Bytes"),
  N_("Bytes per instance"), N_("Ratio to slots"),
};

static SlResultRow *
row_at (SlResultsTable *self,
        guint           i)
{
  /* The store keeps a reference: a borrowed pointer is enough here. */
  SlResultRow *row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

  if (row != NULL)
    g_object_unref (row);
  return row;
}

/* The slots point that row's ratio divides by: same run, version, count. */
static const SlResultPoint *
find_slots (SlResultsTable      *self,
            const SlResultPoint *point)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      SlResultRow *row = row_at (self, i);
      const SlResultPoint *q = row->point;

      if (!row->pending && q->strategy == SL_STRATEGY_SLOTS && q->count == point->count && q->run == point->run &&
          q->backend == point->backend && g_strcmp0 (q->python, point->python) == 0)
        return q;
    }
  return NULL;
}

/* The placeholder lies over the empty table rather than in its place:
 * the table is then laid out and styled with the page, not in the frame
 * of a run's first point, which has the chart's first picture of the
 * run to show too (issue 13). */
static void
update_page (SlResultsTable *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder),
                          g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0);
}

/* A slots point makes the ratios of its count's rows known. */
static void
refresh_ratios (SlResultsTable      *self,
                const SlResultPoint *slots)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      SlResultRow *shown = row_at (self, i);
      const SlResultPoint *p = shown->point;

      if (!shown->pending && p->count == slots->count && p->run == slots->run && p->backend == slots->backend &&
          g_strcmp0 (p->python, slots->python) == 0)
        {
          g_autoptr(SlResultRow) row = sl_result_row_new (p, slots, FALSE);

          sl_result_row_take (shown, row);
        }
    }
}

/* The least a figure column is given, in characters: what its figures
 * can print ("1023.9 KiB", "1000 bytes"; "12345.6"; "12.34×"), so that
 * a point filling its row in never widens a column. */
static const guint figure_chars[SL_RESULTS_N_COLUMNS] = {
  [SL_RESULTS_COLUMN_BYTES] = 10, [SL_RESULTS_COLUMN_PER_INSTANCE] = 7, [SL_RESULTS_COLUMN_RATIO] = 6,
};

/* Sizes each column for its widest cell among @rows (GtkInscriptions do
 * not size themselves by their text: that is why they repaint without a
 * relayout).  Columns only change when the rows do, at a run's start and
 * end, not as points fill them in.  Rows bound to cells pass it on. */
static void
fit_columns (SlResultsTable *self,
             GPtrArray      *rows)
{
  guint chars[SL_RESULTS_N_COLUMNS];
  gboolean changed = FALSE;

  for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
    chars[c] = MAX (figure_chars[c], 1);
  for (guint i = 0; i < rows->len; i++)
    for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
      chars[c] = MAX (chars[c], (guint) g_utf8_strlen (((SlResultRow *) g_ptr_array_index (rows, i))->cells[c], -1));
  for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
    {
      changed |= chars[c] != self->chars[c];
      self->chars[c] = chars[c];
    }
  if (changed)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
      g_signal_emit (row_at (self, i), row_signals[ROW_CHANGED], 0);
}

void
sl_results_table_add_point (SlResultsTable      *self,
                            const SlResultPoint *point)
{
  guint lo = 0, hi;
  SlResultRow *expected;
  g_autoptr(SlResultRow) row = NULL;

  g_return_if_fail (SL_IS_RESULTS_TABLE (self));
  g_return_if_fail (point != NULL);

  /* Binary search for the first row after the point. */
  hi = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (sl_result_point_compare (row_at (self, mid)->point, point) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  row = sl_result_row_new (point, find_slots (self, point), FALSE);
  /* Its pending row, if the table expects it, sorts just before. */
  expected = lo > 0 ? row_at (self, lo - 1) : NULL;
  if (expected != NULL && expected->pending && sl_result_point_compare (expected->point, point) == 0)
    sl_result_row_take (expected, row);
  else
    {
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      g_list_store_insert (self->rows, lo, row);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
        g_ptr_array_add (all, row_at (self, i));
      fit_columns (self, all);
    }
  if (point->strategy == SL_STRATEGY_SLOTS)
    refresh_ratios (self, point);
  update_page (self);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  return sl_result_point_compare (*(SlResultPoint * const *) a, *(SlResultPoint * const *) b);
}

/* @rows (sorted) in place of those shown.  As many as shown (a run that
 * starts where its plan has as many points as the table shows, or ends
 * and its points get their run's number): the rows take the new cells in
 * place, and the view keeps its widgets.  Else one splice: the view
 * rebuilds once. */
static void
show_rows (SlResultsTable *self,
           GPtrArray      *rows)
{
  fit_columns (self, rows);
  if (rows->len == g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    for (guint i = 0; i < rows->len; i++)
      sl_result_row_take (row_at (self, i), g_ptr_array_index (rows, i));
  else
    g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                         rows->pdata, rows->len);
  update_page (self);
}

/* @points sorted, as rows (pending ones without figures or ratios). */
static GPtrArray *
rows_for (GPtrArray *points,
          gboolean   pending)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; points && i < points->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (points, i));
  g_ptr_array_sort (sorted, compare_points);
  for (guint i = 0; i < sorted->len; i++)
    {
      const SlResultPoint *p = g_ptr_array_index (sorted, i);
      const SlResultPoint *slots = NULL;

      for (guint j = 0; j < sorted->len && slots == NULL && !pending; j++)
        {
          const SlResultPoint *q = g_ptr_array_index (sorted, j);

          if (q->strategy == SL_STRATEGY_SLOTS && q->count == p->count && q->run == p->run &&
              q->backend == p->backend && g_strcmp0 (q->python, p->python) == 0 && q->bytes > 0)
            slots = q;
        }
      g_ptr_array_add (rows, sl_result_row_new (p, slots, pending));
    }
  return rows;
}

/* @points as the table's rows, measured or (@pending) still to come. */
static void
show_points (SlResultsTable *self,
             GPtrArray      *points,
             gboolean        pending)
{
  g_autoptr(GPtrArray) rows = rows_for (points, pending);

  show_rows (self, rows);
}

void
sl_results_table_set_points (SlResultsTable *self,
                             GPtrArray      *points)
{
  g_return_if_fail (SL_IS_RESULTS_TABLE (self));
  show_points (self, points, FALSE);
}

void
sl_results_table_expect_points (SlResultsTable *self,
                                GPtrArray      *planned)
{
  g_return_if_fail (SL_IS_RESULTS_TABLE (self));
  show_points (self, planned, TRUE);
}

void
sl_results_table_set_placeholder (SlResultsTable *self,
                                  const char     *text)
{
  g_return_if_fail (SL_IS_RESULTS_TABLE (self));
  gtk_label_set_text (self->placeholder, text);
}

guint
sl_results_table_get_n_rows (SlResultsTable *self)
{
  g_return_val_if_fail (SL_IS_RESULTS_TABLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

guint
sl_results_table_get_n_points (SlResultsTable *self)
{
  guint n = 0, rows;

  g_return_val_if_fail (SL_IS_RESULTS_TABLE (self), 0);

  rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < rows; i++)
    n += !row_at (self, i)->pending;
  return n;
}

gboolean
sl_results_table_is_pending (SlResultsTable *self,
                             guint           row)
{
  g_return_val_if_fail (SL_IS_RESULTS_TABLE (self), FALSE);

  return row < sl_results_table_get_n_rows (self) && row_at (self, row)->pending;
}

const char *
sl_results_table_get_cell (SlResultsTable  *self,
                           guint            row,
                           SlResultsColumn  column)
{
  g_return_val_if_fail (SL_IS_RESULTS_TABLE (self), NULL);
  g_return_val_if_fail (column < SL_RESULTS_N_COLUMNS, NULL);

  if (row >= sl_results_table_get_n_rows (self))
    return NULL;
  return row_at (self, row)->cells[column];
}

const SlResultPoint *
sl_results_table_get_point (SlResultsTable *self,
                            guint           row)
{
  g_return_val_if_fail (SL_IS_RESULTS_TABLE (self), NULL);

  if (row >= sl_results_table_get_n_rows (self))
    return NULL;
  return row_at (self, row)->point;
}

char *
sl_results_table_dup_text (SlResultsTable *self)
{
  GString *text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (SL_IS_RESULTS_TABLE (self), NULL);

  for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
    g_string_append_printf (text, "%s%s", c ? "\t" : "", _(headings[c]));
  g_string_append_c (text, '\n');
  n = sl_results_table_get_n_rows (self);
  for (guint r = 0; r < n; r++)
    {
      SlResultRow *row = row_at (self, r);

      if (row->pending)        /* copied: what was measured */
        continue;
      for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
        g_string_append_printf (text, "%s%s", c ? "\t" : "", row->cells[c]);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_autofree char *text = sl_results_table_dup_text (SL_RESULTS_TABLE (widget));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* ---- cells ---- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  g_object_set_data (G_OBJECT (cell), "sl-column", column);
  g_object_set_data (G_OBJECT (cell), "sl-table", g_object_get_data (G_OBJECT (factory), "sl-table"));
  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), GPOINTER_TO_UINT (column) <= SL_RESULTS_COLUMN_PYTHON ? 0 : 1);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (GPOINTER_TO_UINT (column) > SL_RESULTS_COLUMN_PYTHON)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

/* The cell's text, and its column's width (fit_columns): the same width
 * once set, so only a new text, which repaints. */
static void
show_cell (GtkInscription *cell,
           SlResultRow    *row)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "sl-column"));
  SlResultsTable *table = g_object_get_data (G_OBJECT (cell), "sl-table");

  gtk_inscription_set_min_chars (cell, table->chars[column]);
  gtk_inscription_set_nat_chars (cell, table->chars[column]);
  gtk_inscription_set_text (cell, row->cells[column]);
}

static void
row_changed_cb (SlResultRow    *row,
                GtkInscription *cell)
{
  show_cell (cell, row);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  column)
{
  SlResultRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  show_cell (GTK_INSCRIPTION (cell), row);
  g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), cell);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  column)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), row_changed_cb,
                                        gtk_list_item_get_child (item));
}

static void
sl_results_table_dispose (GObject *object)
{
  SlResultsTable *self = SL_RESULTS_TABLE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_RESULTS_TABLE);
  {
    GtkWidget *child;

    /* The template's root is no bound child: it goes here. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (sl_results_table_parent_class)->dispose (object);
}

static void
sl_results_table_class_init (SlResultsTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_results_table_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/slotlab/SlotLab/ui/sl-results-table.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, SlResultsTable, placeholder);
  gtk_widget_class_bind_template_child (widget_class, SlResultsTable, column_view);

  gtk_widget_class_install_action (widget_class, "table.copy", NULL, copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "table.copy", NULL);
}

static void
sl_results_table_init (SlResultsTable *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (SL_TYPE_RESULT_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  for (guint c = 0; c < SL_RESULTS_N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      /* The table outlives its columns' factories and cells. */
      g_object_set_data (G_OBJECT (factory), "sl-table", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(headings[c]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
    }
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  update_page (self);
}
