/* The ranking of buyers and targets (graph/rank.c): group ascending, figure descending, id. */
#include "analysis_private.h"
#include "fixture.h"

#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char ini[] = "[dataset]\nname=T\nregion=R\nunit=u\n";
static const char segments[] = "id,tier,inputs\ns,upstream,\n";

Test(rank, group_then_figure_descending_then_id)
{
  g_autoptr(CmDataset) ds = fx_load_text(ini, segments,
                                         "id,region,segments\n"
                                         "b,R,s\na,R,s\nc,R,s\nd,R,s\ne,R,s\nf,R,s\n",
                                         NULL);
  /* entries are the enterprises in file order: b a c d e f */
  static const guint8 group[] = {1, 1, 0, 1, 1, 1};
  static const double figure[] = {5, 5, 1, -0.0, 0.0, INFINITY};
  static const guint32 enterprise[] = {0, 1, 2, 3, 4, 5};
  g_autofree guint32 *order = cm_analysis__rank(ds, 6, group, figure, enterprise);
  /* group 0: c. Group 1: f (infinite), then a and b (5, by id), then d and e (-0 ranks as 0) */
  static const guint32 want[] = {2, 5, 1, 0, 3, 4};
  for (guint k = 0; k < G_N_ELEMENTS(want); k++)
    cr_expect_eq(order[k], want[k], "rank %u: entry %u, expected %u", k, order[k], want[k]);
}

Test(rank, nothing_to_rank)
{
  g_autoptr(CmDataset) ds = fx_load_text(ini, segments, "id,region,segments\na,R,s\n", NULL);
  g_autofree guint32 *order = cm_analysis__rank(ds, 0, NULL, NULL, NULL);
  cr_assert_not_null(order);
}

/* The order by its definition, for qsort. */
typedef struct {
  guint8 group;
  double figure;
  const char *id;
  guint32 entry;
} Entry;

static int
compare_entries(const void *pa, const void *pb)
{
  const Entry *a = pa, *b = pb;
  if (a->group != b->group)
    return a->group < b->group ? -1 : 1;
  if (a->figure != b->figure)
    return a->figure > b->figure ? -1 : 1;
  return strcmp(a->id, b->id);
}

Test(rank, agrees_with_a_comparison_sort_on_random_entries)
{
  enum { N = 400 };
  g_autoptr(GRand) rand = g_rand_new_with_seed(3);
  g_autoptr(GString) csv = g_string_new("id,region,segments\n");
  /* distinct ids in no particular order, sharing prefixes: short ones, credit codes alike in
   * their first 12 characters, ids alike in all of the first 16 bytes (ranked by the rest), and
   * Chinese ones (bytes above 0x7f rank after ASCII) */
  static const char *const shapes[] = {"x%u-%u", "91350902MA2Y%02u%u", "ABCDEFGHIJKLMNOP%u-%u",
                                       "宁德%u号%u"};
  for (guint i = 0; i < N; i++) {
    g_string_append_printf(csv, shapes[i % G_N_ELEMENTS(shapes)], g_rand_int_range(rand, 0, 50), i);
    g_string_append(csv, ",R,s\n");
  }
  g_autoptr(CmDataset) ds = fx_load_text(ini, segments, csv->str, NULL);
  /* few distinct figures, so that many entries tie; large and tiny magnitudes, both zeros */
  static const double pool[] = {0.0, -0.0, 1.0, 2.5, 1e300, 1e-300, INFINITY, 3.0, 7.25, 1e15};
  for (guint round = 0; round < 50; round++) {
    guint n = (guint)g_rand_int_range(rand, 1, N + 1);
    guint8 group[N];
    double figure[N];
    guint32 enterprise[N];
    Entry entries[N];
    for (guint k = 0; k < n; k++) {
      group[k] = (guint8)g_rand_int_range(rand, 0, 4);
      figure[k] = pool[g_rand_int_range(rand, 0, G_N_ELEMENTS(pool))];
      enterprise[k] = (k * 7 + round) % N; /* distinct while n <= N */
      entries[k] = (Entry){group[k], figure[k], cm_dataset_enterprise(ds, enterprise[k])->id, k};
    }
    qsort(entries, n, sizeof *entries, compare_entries);
    g_autofree guint32 *order = cm_analysis__rank(ds, n, group, figure, enterprise);
    for (guint k = 0; k < n; k++)
      cr_assert_eq(order[k], entries[k].entry, "round %u, rank %u", round, k);
  }
}
