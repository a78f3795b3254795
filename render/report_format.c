/* The pieces every report writer shares (see report_format.h). */
#include "report_format.h"
#include "cm_error.h"
#include "cm_text_escape.h"
#include "text_table.h"

#include <math.h>
#include <string.h>

/* Dataset text in Markdown: controls and bidi overrides made visible (cm_escape_terminal), line
 * breaks as <br>, and every character Markdown or its GFM extensions would read as markup
 * escaped: emphasis, code, tables, links, HTML and entities (&amp; stays "&amp;"),
 * strikethrough (~~), and the autolinks of bare URLs and addresses (http://, www., a@b). */
void
cm_report__md_text(GString *out, const char *text)
{
  g_autofree char *fixed = g_utf8_validate(text, -1, NULL) ? NULL : g_utf8_make_valid(text, -1);
  g_autofree char *shown = cm_escape_terminal(fixed ? fixed : text, CM_ESCAPE_KEEP_NEWLINES);
  for (const char *p = shown; *p; p++) {
    if (*p == '\r' && p[1] == '\n')
      continue;
    if (*p == '\n') {
      g_string_append(out, "<br>");
      continue;
    }
    if (strchr("\\|*_`<>[]&~@:", *p) ||
        (*p == '.' && p - shown >= 3 && g_ascii_strncasecmp(p - 3, "www", 3) == 0))
      g_string_append_c(out, '\\');
    g_string_append_c(out, *p);
  }
}

/* big enough that a write is rare, small enough to stay in cache */
#define PIECE_SIZE ((gsize)1 << 20)
static gsize piece_size = PIECE_SIZE;

void
cm_report__set_piece_size(gsize bytes)
{
  piece_size = bytes ? bytes : PIECE_SIZE;
}

gboolean
cm_report__pump(CmReportStream *s, gboolean all)
{
  if (s->error)
    return FALSE;
  if (!s->write || s->out->len == 0 || (!all && s->out->len < piece_size))
    return TRUE;
  if (!s->write(s->out->str, s->out->len, s->user_data, &s->error)) {
    if (!s->error) /* a write function that forgot to say why */
      g_set_error_literal(&s->error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE,
                          _("the report could not be written"));
    return FALSE;
  }
  g_string_truncate(s->out, 0);
  return TRUE;
}

static gboolean
pump_table(GString *out, gpointer stream)
{
  CmReportStream *s = stream;
  g_assert(s->out == out);
  return cm_report__pump(s, FALSE);
}

/* Appends format's pieces with its %s conversions filled; FALSE (nothing appended) when it has
 * another conversion or one past n_args. */
static gboolean
append_strings(GString *out, const char *format, const char *const *args, guint n_args)
{
  gsize start = out->len;
  guint next = 0; /* the argument of a plain %s */
  for (const char *p = format; *p;) {
    const char *pct = strchr(p, '%');
    if (!pct) {
      g_string_append(out, p);
      break;
    }
    g_string_append_len(out, p, pct - p);
    guint arg;
    if (pct[1] == '%') {
      g_string_append_c(out, '%');
      p = pct + 2;
      continue;
    }
    if (pct[1] == 's') {
      arg = next++;
      p = pct + 2;
    } else if (pct[1] >= '1' && pct[1] <= '9' && pct[2] == '$' && pct[3] == 's') {
      arg = (guint)(pct[1] - '1');
      p = pct + 4;
    } else {
      arg = G_MAXUINT;
    }
    if (arg >= n_args) {
      g_string_truncate(out, start);
      return FALSE;
    }
    g_string_append(out, args[arg]);
  }
  return TRUE;
}

void
cm_report__append_strings(GString *out, const char *format, const char *const *args, guint n_args)
{
  if (n_args <= 9 && append_strings(out, format, args, n_args))
    return;
  const char *a[9] = {""}; /* printf reads as many as the format asks: none is NULL */
  for (guint i = 0; i < 9; i++)
    a[i] = i < n_args ? args[i] : "";
  g_string_append_printf(out, format, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
}

gboolean
cm_report__table_streamed(CmReportStream *s, const CmTextTable *table, CmReportFormat format,
                          gboolean color)
{
  GString *out = s->out;
  if (format != CM_FORMAT_MD) {
    if (!cm_text_table_write_flushing(table, out, "  ", color, s->write ? pump_table : NULL, s))
      return FALSE;
    g_string_append_c(out, '\n');
    return TRUE;
  }
  guint nc = cm_text_table_n_columns(table);
  g_string_append_c(out, '|');
  for (guint c = 0; c < nc; c++) {
    g_autofree char *title = g_strdup(cm_text_table_title(table, c));
    g_strdelimit(title, "\n", ' ');
    g_string_append_c(out, ' ');
    cm_report__md_text(out, title);
    g_string_append(out, " |");
  }
  g_string_append(out, "\n|");
  for (guint c = 0; c < nc; c++)
    g_string_append(out, cm_text_table_align(table, c) == CM_ALIGN_RIGHT ? "---:|" : "---|");
  g_string_append_c(out, '\n');
  for (guint r = 0; r < cm_text_table_n_rows(table); r++) {
    g_string_append_c(out, '|');
    for (guint c = 0; c < nc; c++) {
      g_string_append_c(out, ' ');
      cm_report__md_text(out, cm_text_table_get(table, r, c));
      g_string_append(out, " |");
    }
    g_string_append_c(out, '\n');
    if (!cm_report__pump(s, FALSE))
      return FALSE;
  }
  g_string_append_c(out, '\n');
  return TRUE;
}

void
cm_report__table(GString *out, const CmTextTable *table, CmReportFormat format, gboolean color)
{
  CmReportStream whole = {.out = out};
  cm_report__table_streamed(&whole, table, format, color);
}

void
cm_report__heading(GString *out, const char *text, const char *sgr, CmReportFormat format,
                   gboolean color)
{
  if (format == CM_FORMAT_MD)
    g_string_append_printf(out, "## %s\n\n", text);
  else if (color)
    g_string_append_printf(out, "\033[%sm%s\033[0m\n", sgr ? sgr : "1", text);
  else
    g_string_append_printf(out, "%s\n", text);
}

void
cm_report__paragraph(GString *out, const char *text, CmReportFormat format)
{
  if (format == CM_FORMAT_MD)
    g_string_append_printf(out, "%s\n\n", text);
  else
    cm_text_paragraph(out, text, MIN(96, cm_text_get_width()), "");
}

char *
cm_report__scenario_text(guint scenario)
{
  g_autofree const char **names = cm_scenario_to_strv(scenario);
  return g_strjoinv(", ", (char **)names);
}

/* "enterprises that are operating or under construction" */
static char *
counted_text(guint scenario)
{
  static const struct {
    CmProjectStatus status;
    const char *words;
  } names[] = {{CM_PROJECT_OPERATING, N_("operating")},
               {CM_PROJECT_CONSTRUCTION, N_("under construction")},
               {CM_PROJECT_SIGNED, N_("signed")}};
  GString *s = g_string_new(NULL);
  guint n = 0, total = 0;
  for (guint i = 0; i < G_N_ELEMENTS(names); i++)
    total += (scenario & names[i].status) != 0;
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    if (!(scenario & names[i].status))
      continue;
    if (n > 0)
      g_string_append(s, n + 1 == total ? C_("list of alternatives", " or ") : C_("list", ", "));
    g_string_append(s, _(names[i].words));
    n++;
  }
  g_autofree char *list = g_string_free(s, FALSE);
  return g_strdup_printf(_("enterprises that are %s"), list);
}

static gint
compare_year(gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *)a, y = *(const gint32 *)b;
  return x < y ? -1 : x > y;
}

/* Which supply rows are summed: "purchases of 2023 and 2024 added together". Summing several
 * years is the default, and a reader must not mistake it for one year's figure. */
static char *
purchases_text(const CmDataset *ds, const CmAnalysisOptions *options)
{
  if (!ds->has_supply)
    return g_strdup(_("no purchases (the dataset has no supply table)"));
  if (options->by_year)
    return g_strdup_printf(_("purchases of %d only"), (int)options->year);
  g_autoptr(GArray) years = g_array_new(FALSE, FALSE, sizeof(gint32));
  gboolean undated = FALSE;
  g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  /* years already in seen, direct-mapped: rows repeat a handful of years, and a hash table
   * lookup per row of ten million would cost more than the rest of the report */
  gint32 recent[64];
  for (guint i = 0; i < G_N_ELEMENTS(recent); i++)
    recent[i] = CM_NO_YEAR;
  const CmSupply *rows = (const CmSupply *)ds->supply->data;
  for (guint r = 0; r < ds->supply->len; r++) {
    gint32 y = rows[r].year;
    guint slot = (guint32)y % G_N_ELEMENTS(recent);
    if (y == CM_NO_YEAR) {
      undated = TRUE;
      continue;
    }
    if (recent[slot] == y)
      continue;
    recent[slot] = y;
    if (g_hash_table_add(seen, GINT_TO_POINTER(y)))
      g_array_append_val(years, y);
  }
  g_array_sort(years, compare_year);
  guint n = years->len + undated;
  if (n <= 1)
    return years->len ? g_strdup_printf(_("purchases of %d"), g_array_index(years, gint32, 0))
                      : g_strdup(_("all purchases"));
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < n; i++) {
    if (i > 0)
      g_string_append(s, i + 1 == n ? C_("list of all", " and ") : C_("list", ", "));
    if (i < years->len)
      g_string_append_printf(s, C_("a year in a list", "%d"), g_array_index(years, gint32, i));
    else
      g_string_append(s, _("rows without a year"));
  }
  g_autofree char *list = g_string_free(s, FALSE);
  return g_strdup_printf(_("purchases of %s added together"), list);
}

void
cm_report__header(GString *out, const CmDataset *ds, const CmAnalysisOptions *options,
                  const char *what, CmReportFormat format, gboolean color)
{
  g_autofree char *counted = counted_text(options->scenario);
  g_autofree char *years = purchases_text(ds, options);
  const char *unit_text = cm_unit_display(ds->unit);
  if (format == CM_FORMAT_MD) {
    g_autoptr(GString) name = g_string_new(NULL), region = g_string_new(NULL),
                       unit = g_string_new(NULL);
    cm_report__md_text(name, cm_dataset_display_name(ds));
    cm_report__md_text(region, ds->region);
    cm_report__md_text(unit, unit_text);
    g_string_append_printf(out, "# %s — %s\n\n", name->str, what);
    g_string_append_printf(out, _("- Region: %s\n- Money in %s\n- Counted: %s; %s\n\n"),
                           region->str, unit->str, counted, years);
    return;
  }
  g_autofree char *name = cm_text_sanitize(cm_dataset_display_name(ds));
  g_autofree char *region = cm_text_sanitize(ds->region);
  g_autofree char *unit = cm_text_sanitize(unit_text);
  if (color)
    g_string_append_printf(out, "\033[1m%s — %s\033[0m\n", name, what);
  else
    g_string_append_printf(out, "%s — %s\n", name, what);
  g_string_append_printf(out, _("Region: %s   Money in %s\nCounted: %s; %s\n"), region, unit,
                         counted, years);
}

void
cm_report__json_write_dataset(CmJsonWriter *w, const CmDataset *ds)
{
  cm_json_member(w, "dataset");
  cm_json_string(w, ds->name);
  cm_json_member(w, "region");
  cm_json_string(w, ds->region);
  cm_json_member(w, "unit");
  cm_json_string(w, ds->unit);
}

void
cm_report__json_write_double(CmJsonWriter *w, double v, gboolean has)
{
  if (has && isfinite(v))
    cm_json_double(w, v);
  else
    cm_json_null(w);
}

void
cm_report__csv_cell(GString *out, const char *text, gboolean neutralize)
{
  gboolean risky = neutralize && text[0] && strchr("=+-@\t\r", text[0]);
  gboolean quote = risky || strpbrk(text, ",\"\r\n") != NULL;
  if (!quote) {
    g_string_append(out, text);
    return;
  }
  g_string_append_c(out, '"');
  if (risky)
    g_string_append_c(out, '\'');
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

void
cm_report__csv_text(GString *out, gboolean first, const char *text)
{
  if (!first)
    g_string_append_c(out, ',');
  cm_report__csv_cell(out, text, TRUE);
}

void
cm_report__csv_number(GString *out, double v, gboolean has)
{
  g_string_append_c(out, ',');
  if (has && isfinite(v)) {
    char num[CM_REPORT_NUMBER_BUF];
    g_string_append(out, cm_report__number_buf(num, v));
  }
}

void
cm_report__append_label(GString *out, const char *name, const char *id)
{
  g_string_append(out, name);
  if (name == id || g_str_equal(name, id))
    return;
  g_string_append(out, " (");
  g_string_append(out, id);
  g_string_append_c(out, ')');
}

void
cm_report__csv_end(GString *out)
{
  g_string_append(out, "\r\n");
}

const char *
cm_report__status_color(CmSegmentStatus status)
{
  switch (status) {
  case CM_SEGMENT_STRONG:
    return "32";
  case CM_SEGMENT_WEAK:
    return "33";
  case CM_SEGMENT_GAP:
    return "31";
  case CM_SEGMENT_FRONTIER:
    return "36";
  case CM_SEGMENT_ABSENT:
  default:
    return "2";
  }
}
