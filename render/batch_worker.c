/* The worker side of the batch pool, and the pipe protocol both sides speak: a worker loads
 * datasets (caching the last one), writes reports and maps, and answers each item. */
#include "batch_private.h"
#include "cm_i18n.h"
#include "cm_output.h"
#include "output_private.h"
#include "cm_brief.h"
#include "cm_report.h"
#include "cm_text_escape.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* --- the pipe protocol --------------------------------------------------------------------- */

static gboolean
read_all(int fd, void *data, gsize len)
{
  char *p = data;
  while (len > 0) {
    gssize n = read(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    p += n;
    len -= (gsize)n;
  }
  return TRUE;
}

/* A message: a 32-bit tag, a 32-bit status, a 32-bit length, then the bytes. */
gboolean
cm_batch__send(int fd, guint32 tag, guint32 status, const void *data, guint32 len)
{
  guint32 head[3] = {tag, status, len};
  return cm_output__write_all(fd, head, sizeof head) && cm_output__write_all(fd, data, len);
}

gboolean
cm_batch__receive(int fd, guint32 *tag, guint32 *status, GBytes **payload)
{
  guint32 head[3];
  if (!read_all(fd, head, sizeof head))
    return FALSE;
  char *data = g_malloc(head[2] + 1);
  if (!read_all(fd, data, head[2])) {
    g_free(data);
    return FALSE;
  }
  *tag = head[0];
  *status = head[1];
  *payload = g_bytes_new_take(data, head[2]);
  return TRUE;
}

/* --- worker --------------------------------------------------------------------------------- */

typedef struct {
  const CmBatchConfig *config;
  char *path; /* of the cached dataset */
  CmDataset *ds;
  GString *failure;    /* why the cached dataset did not load */
  GPtrArray *warnings; /* of the cached dataset, formatted */
} WorkerState;

/* The dataset's analysis options with batch's --scenario and --year. */
static void
batch_options(const CmBatchConfig *config, const CmDataset *ds, CmAnalysisOptions *options)
{
  cm_analysis_options_init(options, ds);
  if (config->has_scenario)
    options->scenario = config->scenario;
  if (config->by_year) {
    options->by_year = TRUE;
    options->year = config->year;
  }
}

/* SPEC section 1: a --year that no supply row has is a warning (the years present named). */
static void
check_year(const CmBatchConfig *config, const CmDataset *ds, GPtrArray *warnings)
{
  if (!config->by_year || !ds->has_supply)
    return;
  g_autoptr(GArray) years = g_array_new(FALSE, FALSE, sizeof(gint32));
  for (guint i = 0; i < ds->supply->len; i++) {
    gint32 y = g_array_index(ds->supply, CmSupply, i).year;
    if (y == config->year)
      return;
    gboolean seen = y == CM_NO_YEAR;
    for (guint k = 0; k < years->len && !seen; k++)
      seen = g_array_index(years, gint32, k) == y;
    if (!seen)
      g_array_append_val(years, y);
  }
  GString *list = g_string_new(NULL);
  for (guint k = 0; k < years->len; k++)
    g_string_append_printf(list, "%s%d", k ? ", " : "", g_array_index(years, gint32, k));
  g_ptr_array_add(warnings,
                  g_strdup_printf(_("%s: warning: no supply row has year %d (the years present: "
                                    "%s)"),
                                  ds->source, config->year, years->len ? list->str : "none"));
  g_string_free(list, TRUE);
}

static CmDataset *
worker_dataset(WorkerState *w, const char *path, GString *why)
{
  if (g_strcmp0(w->path, path) != 0) {
    g_clear_pointer(&w->ds, cm_dataset_free);
    g_free(w->path);
    w->path = g_strdup(path);
    g_string_truncate(w->failure, 0);
    g_ptr_array_set_size(w->warnings, 0);
    g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
    g_autoptr(GError) err = NULL;
    w->ds = w->config->load(path, diags, &err);
    for (guint i = 0; w->ds && i < cm_diagnostics_len(diags); i++)
      if (cm_diagnostics_get(diags, i)->severity == CM_SEVERITY_WARNING)
        g_ptr_array_add(w->warnings, cm_diagnostic_format(cm_diagnostics_get(diags, i)));
    if (w->ds)
      check_year(w->config, w->ds, w->warnings);
    if (!w->ds) {
      for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
        const CmDiagnostic *d = cm_diagnostics_get(diags, i);
        if (d->severity != CM_SEVERITY_ERROR)
          continue;
        g_autofree char *line = cm_diagnostic_format(d);
        g_string_append_printf(w->failure, "%s\n", line);
      }
      g_string_append_printf(w->failure, "%s\n", err ? err->message : "cannot load the dataset");
    }
  }
  if (!w->ds)
    g_string_append(why, w->failure->str);
  return w->ds;
}

static GVariant *
headline_variant(const CmDataset *ds, const CmGaps *gaps, const CmProcurement *p,
                 GPtrArray *warnings)
{
  GVariantBuilder warned;
  g_variant_builder_init(&warned, G_VARIANT_TYPE("as"));
  for (guint k = 0; k < warnings->len; k++)
    g_variant_builder_add(&warned, "s", (const char *)g_ptr_array_index(warnings, k));
  GVariantBuilder leaders;
  g_variant_builder_init(&leaders, G_VARIANT_TYPE("a(ss)"));
  for (guint k = 0; k < p->leaders->len; k++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, g_array_index(p->leaders, guint32, k));
    g_variant_builder_add(&leaders, "(ss)", e->id, cm_enterprise_display_name(e));
  }
  g_auto(GStrv) groups = cm_chainmap_detail_groups(ds);
  GVariantBuilder detail;
  g_variant_builder_init(&detail, G_VARIANT_TYPE("as"));
  for (guint k = 0; groups && groups[k]; k++)
    g_variant_builder_add(&detail, "s", groups[k]);
  /* names and unit as the index shows them to people, in the language in force */
  return g_variant_new(CM_BATCH_HEADLINE_TYPE, cm_dataset_display_name(ds), ds->region,
                       cm_unit_display(ds->unit), gaps->completeness, gaps->n_segments,
                       gaps->present, gaps->strengthen->len, gaps->supplement->len,
                       gaps->extend->len, p->leaders_has_ratio, p->leaders_ratio, p->target,
                       p->meets_target, &leaders, &warned, &detail);
}

static gboolean
write_report(const char *path, GString *out, GString *why)
{
  g_autoptr(GError) err = NULL;
  if (!cm_output_write_replace(path, out->str, out->len, &err)) {
    g_string_append_printf(why, "%s\n", err->message);
    return FALSE;
  }
  return TRUE;
}

/* The dataset's warnings at the top of a Markdown report, after its title line: a reader of
 * gaps.md should not have to run validate to learn that rows were dropped or summed. */
static void
insert_warnings(GString *md, GPtrArray *warnings)
{
  if (warnings->len == 0)
    return;
  GString *block = g_string_new("\n> ");
  g_string_append_printf(block,
                         g_dngettext(GETTEXT_PACKAGE, "**%u warning** in the dataset:",
                                     "**%u warnings** in the dataset:", warnings->len),
                         warnings->len);
  g_string_append(block, "\n>\n");
  for (guint k = 0; k < warnings->len; k++) {
    g_string_append(block, "> - `");
    /* the warning quotes the dataset: controls and bidi overrides shown, never passed on */
    g_autofree char *shown = cm_escape_terminal(g_ptr_array_index(warnings, k), CM_ESCAPE_ONE_LINE);
    for (const char *p = shown; *p; p++)
      g_string_append_c(block, *p == '`' ? '\'' : *p);
    g_string_append(block, "`\n");
  }
  const char *eol = strchr(md->str, '\n');
  g_string_insert(md, eol ? eol - md->str + 1 : 0, block->str);
  g_string_free(block, TRUE);
}

/* The briefing's analyses, under the dataset's settings and batch's --scenario and --year. */
static CmBrief *
brief_of(const CmBatchConfig *config, const CmDataset *ds, GString *why)
{
  CmAnalysisOptions options;
  batch_options(config, ds, &options);
  g_autoptr(GError) err = NULL;
  CmBrief *brief = cm_brief_compute(ds, &options, &err);
  if (!brief)
    g_string_append_printf(why, "%s\n", err->message);
  return brief;
}

static gboolean
write_bytes(const char *path, GBytes *bytes, const GError *render_error, GString *why)
{
  g_autoptr(GError) err = NULL;
  if (!bytes) {
    g_string_append_printf(why, "%s\n", render_error ? render_error->message : "failed");
    return FALSE;
  }
  gsize len = 0;
  const void *data = g_bytes_get_data(bytes, &len);
  if (!cm_output_write(path, data, len, &err)) {
    g_string_append_printf(why, "%s\n", err->message);
    return FALSE;
  }
  return TRUE;
}

/* brief.html, gaps.md and procurement.md from one set of analyses; the headline goes back to
 * the parent. */
static GVariant *
do_reports(const CmBatchConfig *config, const CmDataset *ds, GPtrArray *warnings, const char *dir,
           GString *why)
{
  g_autoptr(CmBrief) brief = brief_of(config, ds, why);
  if (!brief)
    return NULL;
  CmReportOptions ro = {.format = CM_FORMAT_MD};
  g_autoptr(GString) gaps_md = cm_report_gaps(ds, brief->gaps, &ro);
  g_autoptr(GString) proc_md = cm_report_procurement(ds, brief->procurement, &ro);
  insert_warnings(gaps_md, warnings);
  insert_warnings(proc_md, warnings);
  g_autofree char *gaps_path = g_build_filename(dir, "gaps.md", NULL);
  g_autofree char *proc_path = g_build_filename(dir, "procurement.md", NULL);
  if (!write_report(gaps_path, gaps_md, why) || !write_report(proc_path, proc_md, why))
    return NULL;
  g_autoptr(GError) err = NULL;
  g_autoptr(GBytes) page = cm_brief_html(brief, NULL, &err);
  g_autofree char *page_path = g_build_filename(dir, "brief.html", NULL);
  if (!write_bytes(page_path, page, err, why))
    return NULL;
  return headline_variant(ds, brief->gaps, brief->procurement, warnings);
}

static gboolean
do_brief_xlsx(const CmBatchConfig *config, const CmDataset *ds, const char *path, GString *why)
{
  g_autoptr(CmBrief) brief = brief_of(config, ds, why);
  if (!brief)
    return FALSE;
  g_autoptr(GError) err = NULL;
  g_autoptr(GBytes) book = cm_brief_xlsx(brief, &err);
  return write_bytes(path, book, err, why);
}

/* One map, laid out once, written in every format asked: stem.svg, stem.png ... */
static gboolean
do_map(const CmBatchConfig *config, const CmDataset *ds, ItemKind kind, guint formats,
       const char *focus, guint depth, gboolean slide, const char *stem, GString *why)
{
  CmAnalysisOptions options;
  batch_options(config, ds, &options);
  CmMapStyle style;
  cm_map_style_init(&style, CM_MAP_SVG);
  style.slide = slide;
  g_autoptr(GError) err = NULL;
  GBytes *out[CM_MAP_FORMAT_COUNT] = {NULL};
  gboolean ok;
  if (kind == ITEM_CHAIN || kind == ITEM_DETAIL) {
    CmChainMapOptions chain;
    cm_chain_map_options_init(&chain);
    chain.group = kind == ITEM_DETAIL ? focus : NULL;
    ok = cm_chainmap_draw(ds, &options, &chain, &style, formats, out, &err);
  } else {
    gint64 f = focus && *focus ? cm_dataset_find_enterprise(ds, focus) : -1;
    if (focus && *focus && f < 0) {
      g_string_append_printf(why, _("no enterprise '%s' to focus on\n"), focus);
      return FALSE;
    }
    ok = cm_network_map_draw(ds, &options, f, depth, NULL, &style, formats, out, &err);
  }
  if (!ok) {
    g_string_append_printf(why, "%s\n", err->message);
    return FALSE;
  }
  for (guint k = 0; k < CM_MAP_FORMAT_COUNT; k++) {
    if (!out[k])
      continue;
    g_autofree char *path = g_strdup_printf("%s.%s", stem, cm_map_format_to_string(k));
    gsize len = 0;
    const void *data = g_bytes_get_data(out[k], &len);
    if (ok && !cm_output_write_replace(path, data, len, &err)) {
      g_string_append_printf(why, "%s\n", err->message);
      ok = FALSE;
    }
    g_bytes_unref(out[k]);
  }
  return ok;
}

void
cm_batch__worker_main(const CmBatchConfig *config, pid_t parent, int from_parent, int to_parent)
{
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive a killed parent */
  if (getppid() != parent)          /* it died before prctl */
    _exit(0);
  WorkerState w = {.config = config,
                   .failure = g_string_new(NULL),
                   .warnings = g_ptr_array_new_with_free_func(g_free)};
  for (;;) {
    guint32 tag, status;
    g_autoptr(GBytes) payload = NULL;
    if (!cm_batch__receive(from_parent, &tag, &status, &payload) || tag == CM_BATCH_QUIT)
      break;
    g_autoptr(GVariant) v = g_variant_ref_sink(
        g_variant_new_from_bytes(G_VARIANT_TYPE(CM_BATCH_ITEM_TYPE), payload, FALSE));
    guint32 id, kind, formats, depth;
    const char *path, *focus, *out;
    gboolean slide;
    g_variant_get(v, "(u&suu&sub&s)", &id, &path, &kind, &formats, &focus, &depth, &slide, &out);
    g_autoptr(GString) why = g_string_new(NULL);
    g_autoptr(GVariant) reply = NULL;
    gboolean ok = FALSE;
    const CmDataset *ds = worker_dataset(&w, path, why);
    if (ds && kind == ITEM_REPORTS) {
      reply = do_reports(config, ds, w.warnings, out, why);
      if (reply)
        g_variant_ref_sink(reply);
      ok = reply != NULL;
    } else if (ds && kind == ITEM_BRIEF_XLSX) {
      ok = do_brief_xlsx(config, ds, out, why);
    } else if (ds) {
      ok = do_map(config, ds, kind, formats, focus, depth, slide, out, why);
    }
    gboolean sent;
    if (ok && reply)
      sent = cm_batch__send(to_parent, id, 1, g_variant_get_data(reply),
                            (guint32)g_variant_get_size(reply));
    else if (ok)
      sent = cm_batch__send(to_parent, id, 1, "", 0);
    else
      sent = cm_batch__send(to_parent, id, 0, why->str, (guint32)why->len);
    if (!sent)
      break;
  }
  cm_dataset_free(w.ds);
  g_free(w.path);
  g_string_free(w.failure, TRUE);
  g_ptr_array_free(w.warnings, TRUE);
  cm_graphviz_shutdown();
  _exit(0);
}
