/* The id index (graph/id_index.c) through the dataset's lookups: ids of every length class
 * (at most 8 bytes inline in a short slot, up to 24 inline in a wide one, longer ones by hash
 * and string compare), the turn from short to wide while ids are added, and keys made before
 * that turn. */
#include "cm_dataset.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static guint
add(CmDataset *ds, const char *id)
{
  CmEnterprise e = {.id = cm_dataset_store(ds, id), .name = "", .region = "", .role = ""};
  return cm_dataset_add_enterprise(ds, &e);
}

/* Ids whose lengths straddle each boundary; the long ones share their first 16 bytes, so only
 * the hash and the string compare tell them apart. */
static const char *const ids[] = {
    "",
    "a",
    "abcdefgh",                       /* 8: short */
    "abcdefghi",                      /* 9: wide */
    "91350902MA2YXXXXX1",             /* 18: a credit code */
    "91350902MA2YXXXXX2",             /* differs in its last byte */
    "abcdefghijklmnopqrstuvwx",       /* 24: the last inline length */
    "abcdefghijklmnopqrstuvwxy",      /* 25: hashed */
    "abcdefghijklmnopqrstuvwxz",      /* 25, same first 24 bytes */
    "abcdefghijklmnop-other-tail-1",  /* same first 16 bytes as the two above */
    "宁德时代新能源科技股份有限公司", /* 45 bytes of UTF-8 */
};

Test(id_index, finds_every_length_class_and_nothing_else)
{
  g_autoptr(CmDataset) ds = cm_dataset_new();
  for (guint i = 0; i < G_N_ELEMENTS(ids); i++)
    cr_assert_eq(add(ds, ids[i]), i);
  for (guint i = 0; i < G_N_ELEMENTS(ids); i++)
    cr_expect_eq(cm_dataset_find_enterprise(ds, ids[i]), (gint64)i, "id '%s'", ids[i]);
  static const char *const absent[] = {"b",
                                       "abcdefg",
                                       "abcdefghij",
                                       "91350902MA2YXXXXX3",
                                       "abcdefghijklmnopqrstuvw",
                                       "abcdefghijklmnopqrstuvwxyz",
                                       "abcdefghijklmnop-other-tail-2",
                                       "宁德时代"};
  for (guint i = 0; i < G_N_ELEMENTS(absent); i++)
    cr_expect_eq(cm_dataset_find_enterprise(ds, absent[i]), -1, "id '%s'", absent[i]);
}

Test(id_index, short_ids_stay_found_when_a_long_one_arrives_after_thousands)
{
  g_autoptr(CmDataset) ds = cm_dataset_new();
  char id[32];
  for (guint i = 0; i < 5000; i++) {
    snprintf(id, sizeof id, "e%u", i); /* at most 5 bytes: the index stays short */
    add(ds, id);
  }
  /* a key made while the index is short, used after it has turned wide (mix(0) = 0 keeps its
   * hash valid) */
  CmIdKey early = cm_dataset__enterprise_key(ds, "e4321");
  cr_assert_eq(add(ds, "91350902MA2YXXXXX1"), 5000);
  guint32 packed;
  cr_expect_eq(cm_dataset__find_enterprise_key(ds, "e4321", &early, &packed), 4321);
  for (guint i = 0; i < 5000; i += 7) {
    snprintf(id, sizeof id, "e%u", i);
    cr_expect_eq(cm_dataset_find_enterprise(ds, id), (gint64)i, "id %s", id);
  }
  cr_expect_eq(cm_dataset_find_enterprise(ds, "91350902MA2YXXXXX1"), 5000);
  cr_expect_eq(cm_dataset_find_enterprise(ds, "e5000"), -1);
}

Test(id_index, a_long_id_is_absent_from_a_short_index)
{
  g_autoptr(CmDataset) ds = cm_dataset_new();
  add(ds, "abcdefgh");
  cr_expect_eq(cm_dataset_find_enterprise(ds, "abcdefgh"), 0);
  cr_expect_eq(cm_dataset_find_enterprise(ds, "abcdefghi"), -1);
}

Test(id_index, keeps_the_packed_segments_of_each_enterprise)
{
  g_autoptr(CmDataset) ds = cm_dataset_new();
  guint32 segs[] = {3, 7};
  g_array_append_vals(ds->enterprise_segments, segs, 2);
  for (guint i = 0; i < 300; i++) {
    char id[32];
    snprintf(id, sizeof id, "91350902MA2Y%06u", i);
    CmEnterprise e = {.id = cm_dataset_store(ds, id),
                      .name = "",
                      .region = "",
                      .role = "",
                      .segments_offset = i % 2,
                      .n_segments = 2 - i % 2};
    cm_dataset_add_enterprise(ds, &e);
  }
  CmIdKey key = cm_dataset__enterprise_key(ds, "91350902MA2Y000011");
  guint32 packed = 0;
  cr_assert_eq(cm_dataset__find_enterprise_key(ds, "91350902MA2Y000011", &key, &packed), 11);
  cr_expect_eq(packed, 8u); /* odd: one segment, 7, packed as 7 + 1 */
  key = cm_dataset__enterprise_key(ds, "91350902MA2Y000012");
  cm_dataset__find_enterprise_key(ds, "91350902MA2Y000012", &key, &packed);
  cr_expect_eq(packed, (3u + 1) | (7u + 1) << 16); /* even: 3 and 7 */
}

/* Id i of the test below: every third an 18-character credit code, the rest short. */
static const char *
mixed_id(guint i, char *buf, gsize size)
{
  if (i % 3 == 0)
    snprintf(buf, size, "91350902MA%08u", i);
  else
    snprintf(buf, size, "e%u", i);
  return buf;
}

/* Room reserved at the header (cm_dataset__reserve_enterprises): the ids added after it are
 * found as before, the array is not moved while it fills (no copy), and the index, reserved
 * while short, turns wide at the first long id. */
Test(id_index, reserved_room_holds_every_id)
{
  CmDataset *ds = cm_dataset_new();
  enum { N = 5000 };
  cm_dataset__reserve_enterprises(ds, N);
  const void *data = ds->enterprises->data;
  char id[32];
  for (guint i = 0; i < N; i++)
    cr_assert_eq(add(ds, mixed_id(i, id, sizeof id)), i);
  cr_assert_eq(ds->enterprises->data, data, "the reserved array was moved while it filled");
  for (guint i = 0; i < N; i++)
    cr_assert_eq(cm_dataset_find_enterprise(ds, mixed_id(i, id, sizeof id)), (gint64)i, "%s", id);
  cr_assert_eq(cm_dataset_find_enterprise(ds, "e5000"), -1);
  cr_assert_eq(cm_dataset_find_enterprise(ds, "91350902MA00005001"), -1);
  cm_dataset_free(ds);
}
