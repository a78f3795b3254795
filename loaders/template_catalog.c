/* Reading the template catalogue: index.ini and each template's segments.csv. */
#include "cm_template_catalog.h"
#include "cm_csv.h"
#include "cm_loader.h"
#include "cm_suggest.h"

#include <string.h>

struct _CmTemplateCatalog {
  char *dir;
  GPtrArray *templates; /* CmTemplateInfo * */
};

static void
info_free(gpointer p)
{
  CmTemplateInfo *t = p;
  g_free(t->id);
  g_free(t->name);
  g_free(t->name_en);
  g_free(t->scope);
  g_free(t->scope_en);
  g_free(t->region);
  g_free(t->region_en);
  g_free(t->segments_path);
  g_free(t);
}

void
cm_template_catalog_free(CmTemplateCatalog *catalog)
{
  if (!catalog)
    return;
  g_free(catalog->dir);
  g_ptr_array_free(catalog->templates, TRUE);
  g_free(catalog);
}

/* Template ids are folder names and command-line words: lowercase ASCII, digits and '-'. */
static gboolean
id_is_slug(const char *id)
{
  if (!*id || *id == '-' || strlen(id) > 40)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static void
count_record(const CmCsvRecord *rec, gpointer data)
{
  (*(guint *)data)++;
}

static void
collect_record(const CmCsvRecord *rec, gpointer data)
{
  GStrvBuilder *b = g_strv_builder_new();
  for (guint i = 0; i < rec->n_fields; i++)
    g_strv_builder_add(b, rec->fields[i]);
  g_ptr_array_add(data, g_strv_builder_end(b));
  g_strv_builder_unref(b);
}

static gboolean
read_csv(const char *path, CmDiagnostics *diags, CmCsvRecordFunc func, gpointer data)
{
  CmCsvSource src = {.path = path, .display = path, .encoding = CM_ENCODING_UTF8, .diags = diags};
  return cm_csv_read(&src, func, data) && cm_diagnostics_errors(diags) == 0;
}

GPtrArray *
cm_template_read_rows(const CmTemplateInfo *t, CmDiagnostics *diags)
{
  g_return_val_if_fail(t && diags, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
  if (!read_csv(t->segments_path, diags, collect_record, rows) || rows->len == 0) {
    if (rows->len == 0 && cm_diagnostics_errors(diags) == 0)
      cm_diagnostics_add(diags, t->segments_path, 0, CM_SEVERITY_ERROR, _("empty file"));
    g_ptr_array_free(rows, TRUE);
    return NULL;
  }
  return rows;
}

static char *
required_key(GKeyFile *kf, const char *index, const char *group, const char *key, GError **error)
{
  g_autoptr(GError) err = NULL;
  char *v = g_key_file_get_string(kf, group, key, &err);
  if (v)
    g_strstrip(v);
  if (!v || !*v) {
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID,
                _("%s: template '%s' has no %s (every template needs name, name_en, scope, "
                  "scope_en, region and region_en)"),
                index, group, key);
    g_free(v);
    return NULL;
  }
  return v;
}

static CmTemplateInfo *
read_template(GKeyFile *kf, const char *dir, const char *index, const char *id, GError **error)
{
  if (!id_is_slug(id)) {
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID,
                _("%s: bad template id '%s' (use lowercase letters, digits and '-')"), index, id);
    return NULL;
  }
  CmTemplateInfo *t = g_new0(CmTemplateInfo, 1);
  t->id = g_strdup(id);
  struct {
    const char *key;
    char **field;
  } keys[] = {
      {"name", &t->name},         {"name_en", &t->name_en}, {"scope", &t->scope},
      {"scope_en", &t->scope_en}, {"region", &t->region},   {"region_en", &t->region_en},
  };
  for (guint k = 0; k < G_N_ELEMENTS(keys); k++) {
    *keys[k].field = required_key(kf, index, id, keys[k].key, error);
    if (!*keys[k].field) {
      info_free(t);
      return NULL;
    }
  }
  t->segments_path = g_build_filename(dir, id, "segments.csv", NULL);
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  guint records = 0;
  if (!read_csv(t->segments_path, diags, count_record, &records) || records < 2) {
    const CmDiagnostic *d = cm_diagnostics_len(diags) ? cm_diagnostics_get(diags, 0) : NULL;
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID, "%s:%u: %s", t->segments_path,
                d ? d->line : 0, d ? d->message : _("no segments"));
    info_free(t);
    return NULL;
  }
  t->n_segments = records - 1; /* the header */
  return t;
}

CmTemplateCatalog *
cm_template_catalog_load(const char *dir, GError **error)
{
  g_return_val_if_fail(dir, NULL);
  g_autofree char *index = g_build_filename(dir, "index.ini", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new();
  g_autoptr(GError) err = NULL;
  if (!g_key_file_load_from_file(kf, index, G_KEY_FILE_NONE, &err)) {
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID, "%s: %s", index, err->message);
    return NULL;
  }
  g_autoptr(CmTemplateCatalog) cat = g_new0(CmTemplateCatalog, 1);
  cat->dir = g_strdup(dir);
  cat->templates = g_ptr_array_new_with_free_func(info_free);
  gsize n = 0;
  g_auto(GStrv) groups = g_key_file_get_groups(kf, &n);
  for (gsize i = 0; i < n; i++) {
    CmTemplateInfo *t = read_template(kf, dir, index, groups[i], error);
    if (!t)
      return NULL;
    g_ptr_array_add(cat->templates, t);
  }
  if (n == 0) {
    g_set_error(error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID, _("%s: no templates"), index);
    return NULL;
  }
  return g_steal_pointer(&cat);
}

const char *
cm_template_catalog_dir(const CmTemplateCatalog *catalog)
{
  return catalog->dir;
}

guint
cm_template_catalog_len(const CmTemplateCatalog *catalog)
{
  return catalog->templates->len;
}

const CmTemplateInfo *
cm_template_catalog_get(const CmTemplateCatalog *catalog, guint i)
{
  g_return_val_if_fail(i < catalog->templates->len, NULL);
  return g_ptr_array_index(catalog->templates, i);
}

const CmTemplateInfo *
cm_template_catalog_lookup(const CmTemplateCatalog *catalog, const char *id)
{
  for (guint i = 0; i < catalog->templates->len; i++) {
    const CmTemplateInfo *t = g_ptr_array_index(catalog->templates, i);
    if (g_str_equal(t->id, id))
      return t;
  }
  return NULL;
}

const char *
cm_template_catalog_suggest(const CmTemplateCatalog *catalog, const char *id)
{
  g_autofree const char **ids = g_new(const char *, catalog->templates->len);
  for (guint i = 0; i < catalog->templates->len; i++)
    ids[i] = ((const CmTemplateInfo *)g_ptr_array_index(catalog->templates, i))->id;
  const char *best = cm_suggest(id, ids, catalog->templates->len);
  /* a shortened id ("lithium", "display") is too far for the edit distance */
  for (guint i = 0; !best && strlen(id) >= 3 && i < catalog->templates->len; i++)
    if (strstr(ids[i], id))
      best = ids[i];
  return best;
}

const char *
cm_template_info_name(const CmTemplateInfo *t, CmLang lang)
{
  return lang == CM_LANG_ZH ? t->name : t->name_en;
}

const char *
cm_template_info_scope(const CmTemplateInfo *t, CmLang lang)
{
  return lang == CM_LANG_ZH ? t->scope : t->scope_en;
}

const char *
cm_template_info_region(const CmTemplateInfo *t, CmLang lang)
{
  return lang == CM_LANG_ZH ? t->region : t->region_en;
}
