#include "compare_args.h"
#include "cli.h"
#include "cm_i18n.h"
#include "cm_number.h"
#include "cm_region.h"
#include "cm_suggest.h"

#include <stdio.h>
#include <string.h>

static guint
count(const GPtrArray *values)
{
  return values ? values->len : 0;
}

static int
parse_scenario(const char *text, guint *scenario, const char *command)
{
  g_autofree char *bad = NULL;
  if (cm_scenario_parse(text, scenario, &bad))
    return CM_EXIT_OK;
  return cm_cli_usage_error(
      command, _("bad --scenario '%s': '%s' is not operating, construction or signed"), text, bad);
}

static int
parse_year(const char *text, gint32 *year, const char *command)
{
  if (cm_year_parse(text, year))
    return CM_EXIT_OK;
  return cm_cli_usage_error(command, _("bad --year '%s': expected a whole number such as 2024"),
                            text);
}

static int
parse_region(const char *text, const char *command)
{
  g_autofree char *norm = cm_region_normalize(text);
  if (*norm)
    return CM_EXIT_OK;
  return cm_cli_usage_error(
      command, _("bad --region '%s': expected a region path such as Fujian/Ningde"), text);
}

int
cm_cli_compare_parse(CmCliCompare *cmp, const CmCliReportArgs *args, char **regions,
                     const char *command)
{
  memset(cmp, 0, sizeof *cmp);
  cmp->settings = g_array_new(FALSE, TRUE, sizeof(CmCompareSetting));
  guint n_region = regions ? g_strv_length(regions) : 0;
  guint n_scenario = count(args->scenarios), n_year = count(args->years);
  guint kinds = (n_region >= 2) + (n_scenario >= 2) + (n_year >= 2);
  if (kinds == 0)
    return cm_cli_usage_error(command, _("a comparison needs two or more columns: give --region, "
                                         "--scenario or --year two or more times"));
  if (kinds > 1)
    return cm_cli_usage_error(command, _("one kind of comparison at a time: only one of --region, "
                                         "--scenario and --year may be given more than once"));
  int rc = CM_EXIT_OK;
  for (guint i = 0; rc == CM_EXIT_OK && i < n_region; i++)
    rc = parse_region(regions[i], command);
  if (rc != CM_EXIT_OK)
    return rc;
  cmp->by = n_region >= 2     ? CM_COMPARE_BY_REGION
            : n_scenario >= 2 ? CM_COMPARE_BY_SCENARIO
                              : CM_COMPARE_BY_YEAR;
  guint n = MAX(n_region, MAX(n_scenario, n_year));
  g_array_set_size(cmp->settings, n);
  for (guint k = 0; rc == CM_EXIT_OK && k < n; k++) {
    CmCompareSetting *s = &g_array_index(cmp->settings, CmCompareSetting, k);
    if (cmp->by == CM_COMPARE_BY_REGION)
      s->region = regions[k];
    else if (cmp->by == CM_COMPARE_BY_SCENARIO)
      rc = parse_scenario(g_ptr_array_index(args->scenarios, k), &s->scenario, command);
    else
      rc = parse_year(g_ptr_array_index(args->years, k), &s->year, command);
  }
  if (rc != CM_EXIT_OK)
    return rc;
  /* a kind given once is shared by every column */
  if (n_region == 1)
    cmp->region = regions[0];
  guint scenario = 0;
  if (n_scenario == 1 &&
      (rc = parse_scenario(g_ptr_array_index(args->scenarios, 0), &scenario, command)) != 0)
    return rc;
  cmp->base.scenario = scenario; /* 0: the dataset's, see cm_cli_compare_base */
  if (n_year == 1) {
    if ((rc = parse_year(g_ptr_array_index(args->years, 0), &cmp->base.year, command)) != 0)
      return rc;
    cmp->base.by_year = TRUE;
  }
  return CM_EXIT_OK;
}

void
cm_cli_compare_base(CmCliCompare *cmp, const CmDataset *ds)
{
  CmAnalysisOptions dataset;
  cm_analysis_options_init(&dataset, ds);
  if (cmp->base.scenario == 0)
    cmp->base.scenario = dataset.scenario;
  cmp->base.local = NULL;
}

/* Every region of the data and each of its levels ("Fujian", "Fujian/Ningde", ...), once. */
static GPtrArray *
known_regions(const CmDataset *ds)
{
  GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal); /* keys in list */
  g_autoptr(GHashTable) raw = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < cm_dataset_n_enterprises(ds); i++) {
    const char *region = cm_dataset_enterprise(ds, i)->region;
    if (!g_hash_table_add(raw, (gpointer)region))
      continue; /* interned: this string was seen */
    g_autofree char *norm = cm_region_normalize(region);
    for (gsize end = 0;; end++) {
      if (norm[end] != '/' && norm[end] != '\0')
        continue;
      char *level = g_strndup(norm, end);
      if (g_hash_table_contains(seen, level)) {
        g_free(level);
      } else {
        g_ptr_array_add(list, level);
        g_hash_table_add(seen, level);
      }
      if (norm[end] == '\0')
        break;
    }
  }
  return list;
}

static void
warn_region(const CmCompareColumn *col, guint k, const CmDataset *ds, const char *command)
{
  g_autoptr(GPtrArray) regions = known_regions(ds);
  const char *hint = cm_suggest(col->region, (const char *const *)regions->pdata, regions->len);
  if (hint) {
    fprintf(stderr,
            _("chainmap %s: warning: no enterprise is local to region '%s' (column %u); did you "
              "mean '%s'?\n"),
            command, col->region, k + 1, hint);
    return;
  }
  GString *some = g_string_new(NULL);
  for (guint i = 0, shown = 0; i < regions->len && shown < 5; i++) {
    const char *r = g_ptr_array_index(regions, i);
    if (strchr(r, '/') && !strchr(strchr(r, '/') + 1, '/')) { /* two levels: a city */
      g_string_append_printf(some, "%s'%s'", shown ? ", " : "", r);
      shown++;
    }
  }
  if (some->len == 0 && regions->len)
    g_string_append_printf(some, "'%s'", (const char *)g_ptr_array_index(regions, 0));
  fprintf(stderr,
          _("chainmap %s: warning: no enterprise is local to region '%s' (column %u); regions "
            "in the data include %s\n"),
          command, col->region, k + 1, some->str);
  g_string_free(some, TRUE);
}

static gint
compare_years(gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *)a, y = *(const gint32 *)b;
  return x < y ? -1 : x > y;
}

static char *
years_present(const CmDataset *ds)
{
  g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  g_autoptr(GArray) years = g_array_new(FALSE, FALSE, sizeof(gint32));
  gint32 last = CM_NO_YEAR;
  for (guint r = 0; ds->has_supply && r < ds->supply->len; r++) {
    gint32 y = g_array_index(ds->supply, CmSupply, r).year;
    if (y == CM_NO_YEAR || y == last)
      continue;
    last = y;
    if (g_hash_table_add(seen, GINT_TO_POINTER(y)))
      g_array_append_val(years, y);
  }
  g_array_sort(years, compare_years);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < years->len; i++)
    g_string_append_printf(s, "%s%d", i ? ", " : "", (int)g_array_index(years, gint32, i));
  return g_string_free(s, FALSE);
}

void
cm_cli_compare_warn(const CmCompare *c, const CmDataset *ds, const char *command)
{
  g_autofree char *years = NULL;
  for (guint k = 0; k < c->n_columns; k++) {
    const CmCompareColumn *col = &c->columns[k];
    if (col->n_local == 0)
      warn_region(col, k, ds, command);
    if (col->options.by_year && col->year_rows == 0) {
      if (!years)
        years = years_present(ds);
      if (*years)
        fprintf(stderr,
                _("chainmap %s: warning: no supply row has year %d (column %u); the years "
                  "present are %s\n"),
                command, (int)col->options.year, k + 1, years);
      else
        fprintf(stderr,
                _("chainmap %s: warning: no supply row has year %d (column %u); no supply row "
                  "has a year\n"),
                command, (int)col->options.year, k + 1);
    }
  }
}

void
cm_cli_compare_clear(CmCliCompare *cmp)
{
  g_clear_pointer(&cmp->settings, g_array_unref);
}
