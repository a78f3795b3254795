#include "options.h"
#include "cli.h"
#include "cm_i18n.h"
#include "cm_number.h"
#include "cm_suggest.h"

#include <stdio.h>

/* The arguments the --scenario and --year callbacks fill in. Entries of the main group get no
 * user data of their own, and a process parses one command line. */
static CmCliReportArgs *parsing;

/* The last value, and the list of all. */
static void
record(char **last, GPtrArray **all, const char *value)
{
  g_free(*last);
  *last = g_strdup(value);
  if (!*all)
    *all = g_ptr_array_new_with_free_func(g_free);
  g_ptr_array_add(*all, g_strdup(value));
}

static gboolean
on_scenario(const char *option, const char *value, gpointer data, GError **error)
{
  record(&parsing->scenario, &parsing->scenarios, value);
  return TRUE;
}

static gboolean
on_year(const char *option, const char *value, gpointer data, GError **error)
{
  record(&parsing->year, &parsing->years, value);
  return TRUE;
}

static gint
compare_years(gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *)a, y = *(const gint32 *)b;
  return x < y ? -1 : x > y;
}

void
cm_cli_check_year(const CmDataset *ds, gint32 year, const char *command)
{
  if (!ds->has_supply)
    return;
  g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  g_autoptr(GArray) years = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint i = 0; i < ds->supply->len; i++) {
    gint32 y = g_array_index(ds->supply, CmSupply, i).year;
    if (y == year)
      return;
    if (y != CM_NO_YEAR && !g_hash_table_contains(seen, GINT_TO_POINTER(y))) {
      g_hash_table_add(seen, GINT_TO_POINTER(y));
      g_array_append_val(years, y);
    }
  }
  g_array_sort(years, compare_years);
  GString *list = g_string_new(NULL);
  for (guint i = 0; i < years->len; i++)
    g_string_append_printf(list, "%s%d", i ? ", " : "", g_array_index(years, gint32, i));
  if (years->len)
    fprintf(stderr,
            _("chainmap %s: warning: no supply row has year %d (the years present: %s); the "
              "figures below count no supply\n"),
            command, year, list->str);
  else
    fprintf(stderr,
            _("chainmap %s: warning: no supply row has year %d (no row of supply.csv gives a "
              "year); the figures below count no supply\n"),
            command, year);
  g_string_free(list, TRUE);
}

void
cm_cli_add_report_options(GOptionContext *ctx, CmCliReportArgs *args, gboolean with_format)
{
  parsing = args;
  GOptionEntry entries[] = {
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output,
       N_("write to FILE (default: stdout)"), "FILE"},
      {"scenario", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)on_scenario,
       N_("enterprise statuses counted, e.g. operating,construction (default: the dataset's)"),
       "LIST"},
      {"year", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)on_year,
       N_("count only the supply rows of year Y"), "Y"},
      {"format", 'f', 0, G_OPTION_ARG_STRING, &args->format, N_("text (default), md, csv or json"),
       "FORMAT"},
      G_OPTION_ENTRY_NULL,
  };
  if (!with_format) { /* render: a picture needs a file, so -o is required */
    entries[0].description = N_("write the map to FILE (required; '-' with -T for stdout)");
    entries[3] = (GOptionEntry)G_OPTION_ENTRY_NULL;
  }
  g_option_context_add_main_entries(ctx, entries, GETTEXT_PACKAGE);
}

void
cm_cli_report_args_clear(CmCliReportArgs *args)
{
  g_clear_pointer(&args->format, g_free);
  g_clear_pointer(&args->output, g_free);
  g_clear_pointer(&args->scenario, g_free);
  g_clear_pointer(&args->year, g_free);
  g_clear_pointer(&args->scenarios, g_ptr_array_unref);
  g_clear_pointer(&args->years, g_ptr_array_unref);
}

gboolean
cm_cli_analysis_options(const CmCliReportArgs *args, const CmDataset *ds, const char *command,
                        CmAnalysisOptions *options)
{
  cm_analysis_options_init(options, ds);
  if (args->scenario) {
    g_autofree char *bad = NULL;
    if (!cm_scenario_parse(args->scenario, &options->scenario, &bad)) {
      static const char *const words[] = {"operating", "construction", "signed"};
      const char *close = cm_suggest(bad, words, G_N_ELEMENTS(words));
      g_autofree char *hint = close ? g_strdup_printf(_("; did you mean '%s'?"), close) : NULL;
      cm_cli_usage_error(command,
                         _("bad --scenario '%s': '%s' is not operating, construction or signed%s"),
                         args->scenario, bad, hint ? hint : "");
      return FALSE;
    }
  }
  if (args->year) {
    if (!cm_year_parse(args->year, &options->year)) {
      cm_cli_usage_error(command, _("bad --year '%s': expected a whole year such as 2024"),
                         args->year);
      return FALSE;
    }
    options->by_year = TRUE;
    cm_cli_check_year(ds, options->year, command);
  }
  return TRUE;
}
