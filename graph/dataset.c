#include "cm_dataset.h"
#include "cm_region.h"
#include "cm_template.h"

#include <string.h>
#include <sys/mman.h>

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
  return ds;
}

void
cm_dataset_free(CmDataset *ds)
{
  if (!ds)
    return;
  g_free(ds->name);
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
  g_free(ds->segment_by_id.slots);
  g_free(ds->enterprise_by_id.slots);
  g_free(ds);
}

const char *
cm_dataset_intern(CmDataset *ds, const char *s)
{
  return g_string_chunk_insert_const(ds->strings, s ? s : "");
}

void
cm_dataset_adopt_strings(CmDataset *ds, GStringChunk *strings)
{
  g_ptr_array_add(ds->adopted_strings, strings);
}

const char *
cm_dataset_store(CmDataset *ds, const char *s)
{
  return g_string_chunk_insert(ds->strings, s ? s : "");
}

#define LONG_ID 0x80000000u

static inline guint64
mix(guint64 h)
{
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 32);
}

/* The key of an id: its bytes inline when it has at most 8 (returns TRUE), else a hash of all. */
static inline gboolean
id_key(const char *id, guint64 *word)
{
  guint64 w = 0;
  gsize n = 0;
  for (; n < 8 && id[n]; n++)
    w |= (guint64)(unsigned char)id[n] << (8 * n);
  if (id[n] == '\0') {
    *word = w;
    return TRUE;
  }
  guint64 h = 0xCBF29CE484222325ull;
  for (const unsigned char *p = (const unsigned char *)id; *p; p++)
    h = (h ^ *p) * 0x100000001B3ull;
  *word = mix(h);
  return FALSE;
}

/* The id of item i of an array of structs whose first member is `const char *id`. */
static inline const char *
item_id(const GArray *items, gsize stride, guint i)
{
  return *(const char *const *)(items->data + (gsize)i * stride);
}

/* The slot of an id from its key, or NULL. */
static const CmIdSlot *
find_key(const CmIdIndex *ix, const GArray *items, gsize stride, const char *id, guint64 word,
         guint32 long_id, guint64 hash)
{
  if (!ix->slots)
    return NULL;
  for (gsize i = hash & ix->mask;; i = (i + 1) & ix->mask) {
    const CmIdSlot *slot = &ix->slots[i];
    if (!slot->ref)
      return NULL;
    if (slot->word != word || (slot->ref & LONG_ID) != long_id)
      continue;
    if (!long_id || strcmp(item_id(items, stride, (slot->ref & ~LONG_ID) - 1), id) == 0)
      return slot;
  }
}

static const CmIdSlot *
find(const CmIdIndex *ix, const GArray *items, gsize stride, const char *id)
{
  guint64 word;
  guint32 long_id = id_key(id, &word) ? 0 : LONG_ID;
  return find_key(ix, items, stride, id, word, long_id, mix(word));
}

static void
place(CmIdSlot *slots, gsize mask, const CmIdSlot *slot)
{
  gsize i = mix(slot->word) & mask;
  while (slots[i].ref)
    i = (i + 1) & mask;
  slots[i] = *slot;
}

/* Big tables are probed at random: huge pages spare a TLB miss per probe. */
static void
advise_huge(void *p, gsize size)
{
#ifdef MADV_HUGEPAGE
  const gsize huge = 2u << 20;
  if (size < 2 * huge)
    return;
  guintptr start = ((guintptr)p + huge - 1) & ~(guintptr)(huge - 1);
  guintptr end = ((guintptr)p + size) & ~(guintptr)(huge - 1);
  if (end > start)
    madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
  (void)p;
  (void)size;
#endif
}

static void
index_add(CmIdIndex *ix, const char *id, guint idx, guint32 aux)
{
  g_return_if_fail(idx < LONG_ID - 1);
  if (!ix->slots || (ix->len + 1) * 2 > ix->mask + 1) {
    gsize cap = ix->slots ? (ix->mask + 1) * 2 : 64;
    CmIdSlot *slots = g_new0(CmIdSlot, cap);
    advise_huge(slots, cap * sizeof *slots);
    for (gsize i = 0; ix->slots && i <= ix->mask; i++)
      if (ix->slots[i].ref)
        place(slots, cap - 1, &ix->slots[i]);
    g_free(ix->slots);
    ix->slots = slots;
    ix->mask = cap - 1;
  }
  CmIdSlot slot = {.ref = idx + 1, .aux = aux};
  if (!id_key(id, &slot.word))
    slot.ref |= LONG_ID;
  place(ix->slots, ix->mask, &slot);
  ix->len++;
}

static gint64
slot_index(const CmIdSlot *slot)
{
  return slot ? (gint64)(slot->ref & ~LONG_ID) - 1 : -1;
}

G_STATIC_ASSERT(G_STRUCT_OFFSET(CmSegment, id) == 0);
G_STATIC_ASSERT(G_STRUCT_OFFSET(CmEnterprise, id) == 0);

gint64
cm_dataset_find_segment(const CmDataset *ds, const char *id)
{
  return slot_index(find(&ds->segment_by_id, ds->segments, sizeof(CmSegment), id));
}

gint64
cm_dataset_find_enterprise(const CmDataset *ds, const char *id)
{
  return slot_index(find(&ds->enterprise_by_id, ds->enterprises, sizeof(CmEnterprise), id));
}

CmIdKey
cm_dataset_enterprise_key(const CmDataset *ds, const char *id)
{
  const CmIdIndex *ix = &ds->enterprise_by_id;
  CmIdKey key;
  key.long_id = id_key(id, &key.word) ? 0 : LONG_ID;
  key.hash = mix(key.word);
  key.slot = ix->slots ? &ix->slots[key.hash & ix->mask] : NULL;
  return key;
}

gint64
cm_dataset_find_enterprise_key(const CmDataset *ds, const char *id, const CmIdKey *key,
                               guint32 *packed)
{
  const CmIdSlot *slot = find_key(&ds->enterprise_by_id, ds->enterprises, sizeof(CmEnterprise), id,
                                  key->word, key->long_id, key->hash);
  *packed = slot ? slot->aux : 0;
  return slot_index(slot);
}

guint
cm_dataset_add_segment(CmDataset *ds, const CmSegment *segment)
{
  guint i = ds->segments->len;
  g_array_append_val(ds->segments, *segment);
  index_add(&ds->segment_by_id, segment->id, i, 0);
  return i;
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
  index_add(&ds->enterprise_by_id, enterprise->id, i, packed);
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
  for (guint i = 0; i < G_N_ELEMENTS(project_statuses); i++)
    if (scenario & project_statuses[i].status)
      v[n++] = project_statuses[i].name;
  return v;
}

gboolean
cm_role_is_leader(const char *role)
{
  return role && (g_ascii_strcasecmp(role, "leader") == 0 || strcmp(role, "链主") == 0);
}
