/* chainmap plan DATASET [--land ID,...]: which outside suppliers to land to reach the leaders'
 * procurement target, or what landing a given shortlist would do. */
#include "cli.h"
#include "cm_i18n.h"
#include "cm_report_plan.h"
#include "cm_suggest.h"
#include "report_cmd.h"

#include <string.h>

/* The closest id among the outside enterprises, or NULL. */
static const char *
suggest_outside(const CmDataset *ds, const char *id)
{
  guint n = cm_dataset_n_enterprises(ds), m = 0;
  g_autofree const char **ids = g_new(const char *, MAX(n, 1));
  for (guint i = 0; i < n; i++)
    if (!cm_dataset_enterprise(ds, i)->local)
      ids[m++] = cm_dataset_enterprise(ds, i)->id;
  return cm_suggest(id, ids, m);
}

/* The enterprises of --land (each a comma list), in order. Returns CM_EXIT_OK or prints a usage
 * error naming the id at fault. */
static int
parse_land(const CmDataset *ds, char **values, GArray *land)
{
  guint n = cm_dataset_n_enterprises(ds);
  g_autofree guint8 *given = g_new0(guint8, (gsize)n + 1);
  for (guint v = 0; values[v]; v++) {
    g_auto(GStrv) ids = g_strsplit(values[v], ",", -1);
    for (guint i = 0; ids[i]; i++) {
      const char *id = g_strstrip(ids[i]);
      if (*id == '\0')
        continue;
      gint64 e = cm_dataset_find_enterprise(ds, id);
      if (e < 0) {
        const char *hint = suggest_outside(ds, id);
        if (hint)
          return cm_cli_usage_error(
              "plan", _("--land: no enterprise '%s' in the dataset; did you mean '%s'?"), id, hint);
        return cm_cli_usage_error("plan", _("--land: no enterprise '%s' in the dataset"), id);
      }
      const CmEnterprise *ent = cm_dataset_enterprise(ds, (guint)e);
      if (ent->local)
        return cm_cli_usage_error("plan",
                                  _("--land: '%s' is local to %s already; only an enterprise "
                                    "outside the region can be landed"),
                                  id, ds->region);
      if (given[e]++)
        return cm_cli_usage_error("plan", _("--land: '%s' is given twice"), id);
      guint32 idx = (guint32)e;
      g_array_append_val(land, idx);
    }
  }
  if (land->len == 0)
    return cm_cli_usage_error("plan", _("--land: no enterprise id given"));
  return CM_EXIT_OK;
}

int
cm_cmd_plan(int argc, char **argv)
{
  g_auto(GStrv) land_args = NULL;
  GOptionEntry entries[] = {
      {"land", 0, 0, G_OPTION_ARG_STRING_ARRAY, &land_args,
       N_("the effect of landing exactly these outside enterprises, in this order (comma list; may "
          "be repeated)"),
       "ID,..."},
      G_OPTION_ENTRY_NULL,
  };
  entries[0].description = _(entries[0].description);
  g_auto(CmReportCommand) cmd = {0};
  int rc = cm_report_command_parse(&cmd, "plan", entries, argc, argv);
  if (rc == CM_EXIT_OK)
    rc = cm_report_command_load(&cmd, "plan");
  if (rc != CM_EXIT_OK)
    return rc;
  g_autoptr(GArray) land = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (land_args && (rc = parse_land(cmd.dataset, land_args, land)) != CM_EXIT_OK)
    return rc;
  g_autoptr(GError) err = NULL;
  g_autoptr(CmPlan) plan = cm_plan_compute(
      cmd.dataset, &cmd.analysis, land_args ? (const guint32 *)land->data : NULL, land->len, &err);
  if (!plan)
    return cm_report_command_failed("plan", err);
  g_autoptr(GString) out = cm_report_plan(cmd.dataset, plan, &cmd.report);
  return cm_report_command_write(&cmd, out);
}
