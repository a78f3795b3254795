/* The exported accessors are defined here (in the tree they are inline, see cm_dataset.h). */
#define CM_DATASET_EXPORTS
#include "cm_dataset.h"
#include "cm_region.h"
#include "cm_template.h"
#include "id_index.h"
#include "cm_memory.h"

#include <string.h>

CmDataset *
cm_dataset_new(void)
{
  CmDataset *ds = g_new0(CmDataset, 1);
  ds->name = g_strdup("");
  ds->region = g_strdup("");
  ds->unit = g_strdup("");
  ds->source = g_strdup("");
  ds->params = (CmAnalysisParams){
      .min_producers = 2,
      .min_coverage = 0.5,
      .procurement_target = 0.8,
      .scenario = CM_PROJECT_OPERATING,
  };
  /* sized, so that ->data is never NULL: &g_array_index(a, T, 0) on an empty array must not
   * be NULL + 0 (undefined behaviour) */
  ds->segments = g_array_sized_new(FALSE, FALSE, sizeof(CmSegment), 16);
  ds->segment_inputs = g_array_sized_new(FALSE, FALSE, sizeof(guint32), 16);
  ds->enterprises = g_array_sized_new(FALSE, FALSE, sizeof(CmEnterprise), 16);
  ds->enterprise_segments = g_array_sized_new(FALSE, FALSE, sizeof(guint32), 16);
  ds->supply = g_array_sized_new(FALSE, FALSE, sizeof(CmSupply), 16);
  ds->segment_extra_values = g_ptr_array_new();
  ds->enterprise_extra_values = g_ptr_array_new();
  ds->supply_extra_values = g_ptr_array_new();
  ds->strings = g_string_chunk_new(1 << 16);
  ds->adopted_strings = g_ptr_array_new_with_free_func((GDestroyNotify)g_string_chunk_free);
  ds->segment_by_id = cm_id_index__new();
  ds->enterprise_by_id = cm_id_index__new();
  return ds;
}

void
cm_dataset_free(CmDataset *ds)
{
  if (!ds)
    return;
  g_free(ds->name);
  g_free(ds->name_en);
  g_free(ds->region);
  g_free(ds->unit);
  g_free(ds->source);
  g_array_free(ds->segments, TRUE);
  g_array_free(ds->segment_inputs, TRUE);
  g_array_free(ds->enterprises, TRUE);
  g_array_free(ds->enterprise_segments, TRUE);
  g_array_free(ds->supply, TRUE);
  g_free(ds->segment_extra.names);
  g_free(ds->enterprise_extra.names);
  g_free(ds->supply_extra.names);
  g_ptr_array_free(ds->segment_extra_values, TRUE);
  g_ptr_array_free(ds->enterprise_extra_values, TRUE);
  g_ptr_array_free(ds->supply_extra_values, TRUE);
  cm_template_free(ds->template);
  g_string_chunk_free(ds->strings);
  g_ptr_array_unref(ds->adopted_strings);
  cm_id_index__free(ds->segment_by_id);
  cm_id_index__free(ds->enterprise_by_id);
  g_free(ds);
}

const char *
cm_dataset_intern(CmDataset *ds, const char *s)
{
  return g_string_chunk_insert_const(ds->strings, s ? s : "");
}

void
cm_dataset__adopt_strings(CmDataset *ds, GStringChunk *strings)
{
  g_ptr_array_add(ds->adopted_strings, strings);
}

const char *
cm_dataset_store(CmDataset *ds, const char *s)
{
  return g_string_chunk_insert(ds->strings, s ? s : "");
}

G_STATIC_ASSERT(G_STRUCT_OFFSET(CmSegment, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(CmEnterprise, id) == 0);

static gint64
find(const CmIdIndex *ix, const GArray *items, gsize stride, const char *id)
{
  CmIdKey key = cm_id_index__key(ix, id);
  guint32 aux;
  return cm_id_index__find(ix, items, stride, id, &key, &aux);
}

gint64
cm_dataset_find_segment(const CmDataset *ds, const char *id)
{
  return find(ds->segment_by_id, ds->segments, sizeof(CmSegment), id);
}

gint64
cm_dataset_find_enterprise(const CmDataset *ds, const char *id)
{
  return find(ds->enterprise_by_id, ds->enterprises, sizeof(CmEnterprise), id);
}

CmIdKey
cm_dataset__enterprise_key(const CmDataset *ds, const char *id)
{
  return cm_id_index__key(ds->enterprise_by_id, id);
}

gint64
cm_dataset__find_enterprise_key(const CmDataset *ds, const char *id, const CmIdKey *key,
                                guint32 *packed)
{
  return cm_id_index__find(ds->enterprise_by_id, ds->enterprises, sizeof(CmEnterprise), id, key,
                           packed);
}

guint
cm_dataset_add_segment(CmDataset *ds, const CmSegment *segment)
{
  guint i = ds->segments->len;
  g_array_append_val(ds->segments, *segment);
  cm_id_index__add(ds->segment_by_id, segment->id, i, 0);
  return i;
}

void
cm_dataset__reserve_enterprises(CmDataset *ds, gsize n)
{
  cm_memory__reserve(ds->enterprises, n);
  cm_memory__reserve(ds->enterprise_segments, n);
  cm_id_index__reserve(ds->enterprise_by_id, n);
}

void
cm_dataset__reserve_supply(CmDataset *ds, gsize n)
{
  cm_memory__reserve(ds->supply, n);
}

guint
cm_dataset_add_enterprise(CmDataset *ds, const CmEnterprise *enterprise)
{
  guint i = ds->enterprises->len;
  g_array_append_val(ds->enterprises, *enterprise);
  const guint32 *segs = cm_dataset_enterprise_segments(ds, enterprise);
  guint32 packed = 0;
  if (enterprise->n_segments == 1 && segs[0] < 0xFFFF)
    packed = segs[0] + 1;
  else if (enterprise->n_segments == 2 && segs[0] < 0xFFFF && segs[1] < 0xFFFF)
    packed = (segs[0] + 1) | (segs[1] + 1) << 16;
  cm_id_index__add(ds->enterprise_by_id, enterprise->id, i, packed);
  return i;
}

gboolean
cm_dataset_finish(CmDataset *ds, GError **error)
{
  g_return_val_if_fail(ds->template == NULL, FALSE);
  /* Locality is decided once per distinct region string, not once per enterprise. */
  g_autoptr(GHashTable) local_by_region = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < ds->enterprises->len; i++) {
    CmEnterprise *e = &g_array_index(ds->enterprises, CmEnterprise, i);
    gpointer cached;
    if (!g_hash_table_lookup_extended(local_by_region, e->region, NULL, &cached)) {
      cached = GINT_TO_POINTER(cm_region_is_local(e->region, ds->region));
      g_hash_table_insert(local_by_region, (gpointer)e->region, cached);
    }
    e->local = GPOINTER_TO_INT(cached) != 0;
    e->leader = cm_role_is_leader(e->role);
  }
  ds->template = cm_template_new(ds, error);
  return ds->template != NULL;
}

gboolean
cm_enterprise_produces(const CmDataset *ds, const CmEnterprise *e, guint32 s)
{
  const guint32 *segs = cm_dataset_enterprise_segments(ds, e);
  for (guint k = 0; k < e->n_segments; k++)
    if (segs[k] == s)
      return TRUE;
  return FALSE;
}

const char *
cm_dataset_extra_value(const CmExtraColumns *cols, const GPtrArray *values, guint row, guint k)
{
  if (k >= cols->n || (gsize)row * cols->n + k >= values->len)
    return NULL;
  return g_ptr_array_index(values, (gsize)row * cols->n + k);
}

const char *
cm_dataset_name(const CmDataset *ds)
{
  return ds->name;
}

const char *
cm_dataset_name_en(const CmDataset *ds)
{
  return ds->name_en;
}

const char *
cm_dataset_region(const CmDataset *ds)
{
  return ds->region;
}

const char *
cm_dataset_unit(const CmDataset *ds)
{
  return ds->unit;
}

const char *
cm_dataset_source(const CmDataset *ds)
{
  return ds->source;
}

const CmAnalysisParams *
cm_dataset_params(const CmDataset *ds)
{
  return &ds->params;
}

guint
cm_dataset_n_segments(const CmDataset *ds)
{
  return cm_dataset__n_segments(ds);
}

const CmSegment *
cm_dataset_segment(const CmDataset *ds, guint i)
{
  g_return_val_if_fail(i < ds->segments->len, NULL);
  return cm_dataset__segment(ds, i);
}

const guint32 *
cm_dataset_segment_inputs(const CmDataset *ds, const CmSegment *s)
{
  return cm_dataset__segment_inputs(ds, s);
}

guint
cm_dataset_n_enterprises(const CmDataset *ds)
{
  return cm_dataset__n_enterprises(ds);
}

const CmEnterprise *
cm_dataset_enterprise(const CmDataset *ds, guint i)
{
  g_return_val_if_fail(i < ds->enterprises->len, NULL);
  return cm_dataset__enterprise(ds, i);
}

const guint32 *
cm_dataset_enterprise_segments(const CmDataset *ds, const CmEnterprise *e)
{
  return cm_dataset__enterprise_segments(ds, e);
}

gboolean
cm_dataset_has_supply(const CmDataset *ds)
{
  return ds->has_supply;
}

guint
cm_dataset_n_supply_rows(const CmDataset *ds)
{
  return ds->supply->len;
}

const CmSupply *
cm_dataset_supply_row(const CmDataset *ds, guint i)
{
  g_return_val_if_fail(i < ds->supply->len, NULL);
  return &g_array_index(ds->supply, CmSupply, i);
}

const CmTemplate *
cm_dataset_template(const CmDataset *ds)
{
  return ds->template;
}

const CmExtraColumns *
cm_dataset_extra_columns(const CmDataset *ds, CmDatasetTable table)
{
  switch (table) {
  case CM_DATASET_SEGMENTS:
    return &ds->segment_extra;
  case CM_DATASET_ENTERPRISES:
    return &ds->enterprise_extra;
  case CM_DATASET_SUPPLY:
    return &ds->supply_extra;
  }
  g_return_val_if_reached(NULL);
}

const char *
cm_dataset_extra_field(const CmDataset *ds, CmDatasetTable table, guint row, guint k)
{
  const GPtrArray *values[] = {ds->segment_extra_values, ds->enterprise_extra_values,
                               ds->supply_extra_values};
  const CmExtraColumns *cols = cm_dataset_extra_columns(ds, table);
  if (!cols || !values[table])
    return NULL;
  return cm_dataset_extra_value(cols, values[table], row, k);
}

static const char *const tier_names[CM_TIER_COUNT] = {"upstream", "midstream", "downstream"};
static const char *const tier_names_zh[CM_TIER_COUNT] = {"上游", "中游", "下游"};

const char *
cm_tier_to_string(CmTier tier)
{
  return tier < CM_TIER_COUNT ? tier_names[tier] : "?";
}

gboolean
cm_tier_from_string(const char *s, CmTier *tier)
{
  for (guint t = 0; t < CM_TIER_COUNT; t++) {
    if (g_ascii_strcasecmp(s, tier_names[t]) == 0 || strcmp(s, tier_names_zh[t]) == 0) {
      *tier = (CmTier)t;
      return TRUE;
    }
  }
  return FALSE;
}

static const struct {
  CmProjectStatus status;
  const char *name;
} project_statuses[] = {
    {CM_PROJECT_OPERATING, "operating"},
    {CM_PROJECT_CONSTRUCTION, "construction"},
    {CM_PROJECT_SIGNED, "signed"},
    /* the words of Chinese planners' sheets (SPEC section 1) */
    {CM_PROJECT_OPERATING, "投产"},
    {CM_PROJECT_OPERATING, "运营"},
    {CM_PROJECT_CONSTRUCTION, "在建"},
    {CM_PROJECT_SIGNED, "签约"},
};

const char *
cm_project_status_to_string(CmProjectStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS(project_statuses); i++)
    if (project_statuses[i].status == status)
      return project_statuses[i].name;
  return "?";
}

gboolean
cm_project_status_from_string(const char *s, CmProjectStatus *status)
{
  if (*s == '\0') {
    *status = CM_PROJECT_OPERATING;
    return TRUE;
  }
  for (guint i = 0; i < G_N_ELEMENTS(project_statuses); i++) {
    if (g_ascii_strcasecmp(s, project_statuses[i].name) == 0) {
      *status = project_statuses[i].status;
      return TRUE;
    }
  }
  return FALSE;
}

gboolean
cm_scenario_parse(const char *list, guint *scenario, char **bad)
{
  g_auto(GStrv) words = g_strsplit(list, ",", -1);
  guint mask = 0;
  for (guint i = 0; words[i]; i++) {
    char *w = g_strstrip(words[i]);
    if (*w == '\0')
      continue;
    CmProjectStatus st;
    if (!cm_project_status_from_string(w, &st)) {
      if (bad)
        *bad = g_strdup(w);
      return FALSE;
    }
    mask |= st;
  }
  if (mask == 0) {
    if (bad)
      *bad = g_strdup(list);
    return FALSE;
  }
  *scenario = mask;
  return TRUE;
}

const char **
cm_scenario_to_strv(guint scenario)
{
  const char **v = g_new0(const char *, G_N_ELEMENTS(project_statuses) + 1);
  guint n = 0;
  for (guint i = 0; i < G_N_ELEMENTS(project_statuses);
       i++) /* each status once: its English word */
    if ((scenario & project_statuses[i].status) &&
        g_str_equal(cm_project_status_to_string(project_statuses[i].status),
                    project_statuses[i].name))
      v[n++] = project_statuses[i].name;
  return v;
}

gboolean
cm_role_is_leader(const char *role)
{
  return role && (g_ascii_strcasecmp(role, "leader") == 0 || strcmp(role, "链主") == 0);
}
