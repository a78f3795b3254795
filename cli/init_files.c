#include "init_files.h"
#include "cm_dataset.h"
#include "text_table.h"

#include <string.h>

#define BOM "\xEF\xBB\xBF"
#define EOL "\r\n" /* what Excel writes */

/* The segments columns SPEC section 1 names, in the order init writes them, with their Chinese
 * header words. group_en of a template is not among them: it becomes group in English. */
static const struct {
  const char *en, *zh;
} segment_columns[] = {
    {"id", "编号"},   {"name", "名称"},  {"name_en", "英文名称"},
    {"tier", "层级"}, {"group", "分组"}, {"inputs", "上游环节"},
};

static const char *const enterprise_header[][2] = {
    {"id", "编号"},   {"name", "名称"},   {"region", "地区"}, {"segments", "环节"},
    {"role", "角色"}, {"output", "产值"}, {"status", "状态"},
};
static const char *const supply_header[][2] = {
    {"supplier", "供应商"}, {"buyer", "采购方"}, {"segment", "环节"},
    {"value", "金额"},      {"year", "年份"},
};

static void
csv_field(GString *out, const char *field, gboolean first)
{
  if (!first)
    g_string_append_c(out, ',');
  if (!strpbrk(field, ",\"\r\n")) {
    g_string_append(out, field);
    return;
  }
  g_string_append_c(out, '"');
  for (const char *p = field; *p; p++) {
    if (*p == '"')
      g_string_append_c(out, '"');
    g_string_append_c(out, *p);
  }
  g_string_append_c(out, '"');
}

static GString *
header_only(const char *const (*cols)[2], guint n, CmLang lang)
{
  GString *out = g_string_new(BOM);
  for (guint i = 0; i < n; i++)
    csv_field(out, cols[i][lang == CM_LANG_ZH ? 1 : 0], i == 0);
  g_string_append(out, EOL);
  return out;
}

static gint
find_column(const char *const *header, const char *name)
{
  for (gint i = 0; header[i]; i++)
    if (g_ascii_strcasecmp(header[i], name) == 0)
      return i;
  return -1;
}

static const char *
tier_word(const char *tier, CmLang lang)
{
  static const char *const zh[CM_TIER_COUNT] = {"上游", "中游", "下游"};
  CmTier t;
  if (lang != CM_LANG_ZH || !cm_tier_from_string(tier, &t))
    return tier;
  return zh[t];
}

static GString *
segments_csv(const GPtrArray *rows, CmLang lang)
{
  const char *const *header = g_ptr_array_index(rows, 0);
  guint n_header = g_strv_length((char **)header);
  gint group_en = find_column(header, "group_en");
  /* where each output column comes from: the named ones first, then the template's extras */
  GArray *from = g_array_new(FALSE, FALSE, sizeof(gint));
  GString *out = g_string_new(BOM);
  for (guint c = 0; c < G_N_ELEMENTS(segment_columns); c++) {
    gint i = find_column(header, segment_columns[c].en);
    if (i < 0)
      continue;
    g_array_append_val(from, i);
    csv_field(out, lang == CM_LANG_ZH ? segment_columns[c].zh : segment_columns[c].en,
              from->len == 1);
  }
  for (guint i = 0; i < n_header; i++) {
    gboolean named = (gint)i == group_en;
    for (guint c = 0; c < G_N_ELEMENTS(segment_columns); c++)
      named = named || g_ascii_strcasecmp(header[i], segment_columns[c].en) == 0;
    if (named)
      continue;
    gint k = (gint)i;
    g_array_append_val(from, k);
    csv_field(out, header[i], from->len == 1);
  }
  g_string_append(out, EOL);
  gint tier = find_column(header, "tier"), group = find_column(header, "group");
  for (guint r = 1; r < rows->len; r++) {
    const char *const *row = g_ptr_array_index(rows, r);
    for (guint c = 0; c < from->len; c++) {
      gint i = g_array_index(from, gint, c);
      const char *v = row[i];
      if (i == tier)
        v = tier_word(v, lang);
      else if (i == group && lang == CM_LANG_EN && group_en >= 0 && *row[group_en])
        v = row[group_en];
      csv_field(out, v, c == 0);
    }
    g_string_append(out, EOL);
  }
  g_array_free(from, TRUE);
  return out;
}

static void
set(GKeyFile *kf, const char *group, const char *key, const char *value, const char *comment)
{
  g_key_file_set_string(kf, group, key, value);
  if (comment) {
    /* GKeyFile puts '#' before each line: wrapped, the file reads in an 80-column editor */
    g_autoptr(GString) c = g_string_new(NULL);
    cm_text_paragraph(c, comment, 76, " ");
    if (c->len && c->str[c->len - 1] == '\n')
      g_string_truncate(c, c->len - 1);
    g_key_file_set_comment(kf, group, key, c->str, NULL);
  }
}

static GString *
ini_text(const CmTemplateInfo *t, const char *name, const char *region, CmLang lang)
{
  g_autoptr(CmDataset) defaults = cm_dataset_new();
  const CmAnalysisParams *p = &defaults->params;
  g_autoptr(GKeyFile) kf = g_key_file_new();
  set(kf, "dataset", "name", name, _("title of reports and maps (UTF-8)"));
  set(kf, "dataset", "region", region,
      _("the study region: an enterprise is local when its region is this path or lies "
        "under it"));
  set(kf, "dataset", "unit", _("100 million CNY"),
      _("unit of every money figure (output, supply value), shown in reports"));
  set(kf, "dataset", "segments", "segments.csv", _("table files"));
  set(kf, "dataset", "enterprises", "enterprises.csv", NULL);
  set(kf, "dataset", "supply", "supply.csv", NULL);
  set(kf, "dataset", "encoding", "auto",
      _("auto | utf-8 | gb18030 (auto also reads tables saved by Chinese Excel)"));
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *min_producers = g_strdup_printf("%u", p->min_producers);
  set(kf, "analysis", "min_producers", min_producers,
      _("a segment made locally is weak with fewer local producers than this"));
  set(kf, "analysis", "min_coverage", g_ascii_formatd(num, sizeof num, "%g", p->min_coverage),
      _("... or when local suppliers cover less than this share of local buyers' demand"));
  set(kf, "analysis", "procurement_target",
      g_ascii_formatd(num, sizeof num, "%g", p->procurement_target),
      _("the chain leaders' local-procurement target (0.8 = 80%)"));
  g_autofree const char **scenario = cm_scenario_to_strv(p->scenario);
  g_autofree char *scenario_list = g_strjoinv(",", (char **)scenario);
  set(kf, "analysis", "scenario", scenario_list,
      _("enterprise statuses counted, a comma list of operating, construction and signed"));
  g_autofree char *tdir = g_path_get_dirname(t->segments_path);
  g_autofree char *readme = g_build_filename(tdir, "README.md", NULL);
  g_autofree char *top = g_strdup_printf(
      _(" chainmap dataset made by 'chainmap init' from the template %s (%s).\n"
        " Its sources and what it simplifies: %s\n"
        " Next: list your enterprises in enterprises.csv and who buys what from whom in\n"
        " supply.csv (both open in Excel), then run chainmap validate, gaps and render."),
      t->id, cm_template_info_name(t, lang), readme);
  g_key_file_set_comment(kf, NULL, NULL, top, NULL);
  gsize len = 0;
  g_autofree char *data = g_key_file_to_data(kf, &len, NULL);
  return g_string_new_len(data, (gssize)len);
}

void
cm_init_files_build(CmInitFiles *files, const CmTemplateInfo *t, const GPtrArray *rows,
                    const char *name, const char *region, CmLang lang)
{
  files->files[0] = (CmInitFile){"dataset.ini", ini_text(t, name, region, lang)};
  files->files[1] = (CmInitFile){"segments.csv", segments_csv(rows, lang)};
  files->files[2] = (CmInitFile){
      "enterprises.csv", header_only(enterprise_header, G_N_ELEMENTS(enterprise_header), lang)};
  files->files[3] =
      (CmInitFile){"supply.csv", header_only(supply_header, G_N_ELEMENTS(supply_header), lang)};
}

void
cm_init_files_clear(CmInitFiles *files)
{
  for (guint i = 0; i < G_N_ELEMENTS(files->files); i++)
    if (files->files[i].text)
      g_string_free(files->files[i].text, TRUE);
  memset(files, 0, sizeof *files);
}
