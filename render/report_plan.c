/* The plan report: the path to the leaders' procurement target, told as a planner would say it
 * ("landing these 4 outside suppliers locally would lift the leaders' local share from 62.8% to
 * 81.0%"), with what each landed supplier sells to which leader. */
#include "cm_i18n.h"
#include "cm_memory.h"
#include "cm_threads.h"
#include "cm_report_plan.h"
#include "report_briefing.h"
#include "report_shared.h"
#include "text_table.h"

static const CmEnterprise *
enterprise(const CmDataset *ds, guint32 i)
{
  return cm_dataset_enterprise(ds, i);
}

static const CmPlanStep *
step_at(const CmPlan *p, guint k)
{
  return &g_array_index(p->steps, CmPlanStep, k);
}

/* Fetches the enterprise records and names of the steps a few ahead of k: the suppliers of a
 * national plan lie all over memory, and their first reads were a quarter of the report's time. */
static void
prefetch_steps(const CmDataset *ds, const CmPlan *p, guint k)
{
  enum { AHEAD = 8 };
  guint n = p->steps->len;
  if (k + 2 * AHEAD < n)
    __builtin_prefetch(enterprise(ds, step_at(p, k + 2 * AHEAD)->enterprise));
  if (k + AHEAD < n) {
    const CmEnterprise *e = enterprise(ds, step_at(p, k + AHEAD)->enterprise);
    __builtin_prefetch(e->name);
    __builtin_prefetch(e->name_en);
    __builtin_prefetch(e->region);
  }
}

char *
cm_report__plan_headline(const CmPlan *p)
{
  guint n = p->steps->len;
  g_autofree char *from = cm_report__percent_vs(p->ratio, p->target);
  g_autofree char *to = cm_report__percent_vs(p->ratio_after, p->target);
  g_autofree char *target = cm_report__percent(p->target);
  if (p->leaders->len == 0)
    return g_strdup(_("No chain leader (role leader) among the counted local enterprises: "
                      "there is no leaders' share to plan for."));
  if (!p->has_ratio)
    return g_strdup(
        _("The chain leaders bought nothing in the supply rows counted: nothing to plan."));
  double goal = p->target * p->total, after = p->ratio_after * p->total;
  g_autofree char *short_by = cm_report__money(MAX(0.0, goal - after));
  if (!p->landed) {
    if (n == 0)
      return g_strdup_printf(_("The chain leaders' local share is %s, at or above the %s target "
                               "already: no supplier has to be landed."),
                             from, target);
    if (p->reaches_target)
      return g_strdup_printf(dngettext(GETTEXT_PACKAGE,
                                       "Landing this %u outside supplier locally would lift the "
                                       "leaders' local share from %s to %s, reaching the %s "
                                       "target.",
                                       "Landing these %u outside suppliers locally would lift "
                                       "the leaders' local share from %s to %s, reaching the %s "
                                       "target.",
                                       n),
                             n, from, to, target);
    return g_strdup_printf(
        dngettext(GETTEXT_PACKAGE,
                  "Even landing the only outside supplier of the leaders "
                  "(%u) would lift their local share from %s to %s only, "
                  "short of the %s target: another %s would have to be bought locally.",
                  "Even landing all %u outside suppliers of the leaders "
                  "would lift their local share from %s to %s only, short of "
                  "the %s target: another %s would have to be bought "
                  "locally.",
                  n),
        n, from, to, target, short_by);
  }
  if (p->reaches_target)
    return g_strdup_printf(dngettext(GETTEXT_PACKAGE,
                                     "Landing the %u supplier given locally would lift the "
                                     "leaders' local share from %s to %s, reaching the %s target.",
                                     "Landing the %u suppliers given locally would lift the "
                                     "leaders' local share from %s to %s, reaching the %s target.",
                                     n),
                           n, from, to, target);
  return g_strdup_printf(dngettext(GETTEXT_PACKAGE,
                                   "Landing the %u supplier given locally would lift the "
                                   "leaders' local share from %s to %s, still short of the %s "
                                   "target: another %s would have to be bought locally.",
                                   "Landing the %u suppliers given locally would lift the "
                                   "leaders' local share from %s to %s, still short of the %s "
                                   "target: another %s would have to be bought locally.",
                                   n),
                         n, from, to, target, short_by);
}

static void
headline(GString *out, const CmPlan *p, const CmReportOptions *o)
{
  gboolean color = o->color && o->format != CM_FORMAT_MD;
  g_autofree char *line = cm_report__plan_headline(p);
  cm_report__headline(out, line, p->reaches_target ? "1;32" : "1;31", o->format, color);
  if (!p->has_ratio) {
    g_string_append_c(out, '\n');
    return;
  }
  g_autofree char *total = cm_report__money(p->total);
  g_autofree char *local = cm_report__money(p->local);
  g_autofree char *ratio = cm_report__percent_vs(p->ratio, p->target);
  g_autofree char *target = cm_report__percent(p->target);
  g_autofree char *needed = cm_report__money(p->needed);
  g_autofree char *today = NULL;
  if (p->needed > 0)
    today = g_strdup_printf(_("Today the chain leaders buy %s in all, %s of it (%s) from local "
                              "suppliers: reaching %s takes %s more from local suppliers instead "
                              "of outside ones."),
                            total, local, ratio, target, needed);
  else
    today = g_strdup_printf(_("Today the chain leaders buy %s in all, %s of it (%s) from local "
                              "suppliers."),
                            total, local, ratio);
  cm_report__bullet(out, today, o->format);
  if (p->landed)
    cm_report__bullet(out,
                      _("The suppliers are the ones given with --land, in that order. Landing "
                        "one means it sets up locally and keeps supplying the leaders, so what it "
                        "sells them counts as local."),
                      o->format);
  else if (p->steps->len > 0)
    cm_report__bullet(out,
                      _("The path takes the leaders' outside suppliers by what they sell to the "
                        "leaders, largest first, until the target is reached. Landing one means "
                        "it sets up locally and keeps supplying the leaders, so what it sells them "
                        "counts as local."),
                      o->format);
  if (!p->landed && !p->reaches_target && p->steps->len > 0)
    cm_report__bullet(out,
                      _("The rest has to come from local producers winning more of the leaders' "
                        "orders: see chainmap gaps and chainmap targets for the links to "
                        "strengthen."),
                      o->format);
  if (p->landed && p->candidates > 0) {
    g_autofree char *all = cm_report__money(p->candidates_gain);
    g_autofree char *more = g_strdup_printf(
        _("All %u outside suppliers of the leaders together sell them %s."), p->candidates, all);
    cm_report__bullet(out, more, o->format);
  }
  g_string_append_c(out, '\n');
}

/* The words of a step, translated once, not for each of a national plan's steps. */
typedef struct {
  const char *sold_to, *stays, *rises;
} StepWords;

/* Steps from .. to - 1 of a plan's list, formatted into out. */
typedef struct {
  const CmDataset *ds;
  const CmPlan *p;
  const StepWords *words;
  CmReportFormat format;
  guint from, to;
  GString *out;
} Steps;

/* Room for a step's text, more than most take (about 270 bytes in either language): the text of
 * a long plan is given its room at once, on huge pages, and taken only as it is written. */
#define STEP_BYTES 512

static void
reserve_room(GString *out, gsize more)
{
  if (more < ((gsize)2 << 20))
    return;
  gsize len = out->len;
  g_string_set_size(out, len + more);
  g_string_truncate(out, len);
  cm_memory__advise_huge(out->str + len, more);
}

/* Plans from this many steps up are formatted on two threads, a half each. */
#define STEPS_FOR_TWO_THREADS 4096

/* "LCO cathode to ATL (40.2); copper foil to CATL (21.7), ATL (6.0)": segments in template
 * order, leaders in file order. */
static void
supplies_text(GString *s, GString *leaders, GString *segment, const Steps *job,
              const CmPlanStep *st)
{
  const CmDataset *ds = job->ds;
  g_string_truncate(s, 0);
  const guint32 *segs = cm_plan_step_segments(job->p, st);
  const CmPlanFlow *flows = cm_plan_step_flows(job->p, st);
  char money[CM_REPORT_NUMBER_BUF];
  for (guint i = 0; i < st->n_segments; i++) {
    g_string_truncate(leaders, 0);
    for (guint k = 0; k < st->n_flows; k++) {
      if (flows[k].segment != segs[i])
        continue;
      if (leaders->len)
        g_string_append(leaders, ", ");
      cm_report__name(leaders, cm_enterprise_display_name(enterprise(ds, flows[k].leader)),
                      job->format);
      g_string_append(leaders, " (");
      g_string_append(leaders, cm_report__money_buf(money, flows[k].value));
      g_string_append_c(leaders, ')');
    }
    g_string_truncate(segment, 0);
    cm_report__name(segment, cm_segment_display_name(cm_dataset_segment(ds, segs[i])), job->format);
    if (i > 0)
      g_string_append(s, "; ");
    const char *args[] = {segment->str, leaders->str};
    cm_report__append_strings(s, job->words->sold_to, args, G_N_ELEMENTS(args));
  }
}

static void
format_steps(Steps *job)
{
  const CmDataset *ds = job->ds;
  const CmPlan *p = job->p;
  g_autoptr(GString) s = g_string_new(NULL), leaders = g_string_new(NULL),
                     segment = g_string_new(NULL), name = g_string_new(NULL),
                     region = g_string_new(NULL), text = g_string_new(NULL);
  char buf[CM_REPORT_NUMBER_BUF];
  for (guint k = job->from; k < job->to; k++) {
    prefetch_steps(ds, p, k);
    const CmPlanStep *st = step_at(p, k);
    const CmEnterprise *e = enterprise(ds, st->enterprise);
    g_string_truncate(name, 0);
    g_string_truncate(region, 0);
    cm_report__name(name, cm_enterprise_display_name(e), job->format);
    cm_report__name(region, e->region, job->format);
    g_autofree char *after =
        st->has_ratio ? cm_report__percent_vs(st->ratio_after, p->target) : g_strdup("-");
    cm_report__money_buf(buf, st->gain);
    g_string_truncate(text, 0);
    if (st->n_segments > 0)
      supplies_text(s, leaders, segment, job, st);
    const char *args[] = {name->str, region->str, buf, after, s->str};
    cm_report__append_strings(text, st->n_segments == 0 ? job->words->stays : job->words->rises,
                              args, st->n_segments == 0 ? 4 : 5);
    cm_report__item(job->out, k + 1, text->str, job->format);
  }
}

static gpointer
format_steps_thread(gpointer job)
{
  format_steps(job);
  return NULL;
}

static void
steps_list(GString *out, const CmDataset *ds, const CmPlan *p, const CmReportOptions *o)
{
  gboolean md = o->format == CM_FORMAT_MD, color = o->color && !md;
  if (p->steps->len == 0)
    return;
  cm_report__heading(out,
                     p->landed ? _("The shortlist, one supplier at a time") : _("Step by step"),
                     NULL, o->format, color);
  cm_report__note(out,
                  _("Each step lands one more supplier: what it sells the leaders becomes "
                    "local, and their local share rises to the figure shown."),
                  o->format);
  if (!md)
    g_string_append_c(out, '\n');
  StepWords words = {
      /* TRANSLATORS: a segment, then the leaders it is sold to, e.g. "anode to CATL (11.8)" */
      _("%1$s to %2$s"),
      _("%1$s (now in %2$s): +%3$s, the leaders' local share stays at %4$s: "
        "it sells them nothing in the supply rows counted."),
      _("%1$s (now in %2$s): +%3$s, the leaders' local share rises to %4$s. "
        "It sells %5$s.")};
  (void)cm_lang_get(); /* chosen here, before a second thread reads it */
  /* a long plan is formatted on two threads, a half each, and written as one */
  guint n = p->steps->len;
  reserve_room(out, (gsize)n * STEP_BYTES);
  Steps first = {ds, p, &words, o->format, 0, n, out};
  Steps second = {ds, p, &words, o->format, n, n, NULL};
  if (n >= STEPS_FOR_TWO_THREADS) {
    first.to = second.from = n / 2;
    second.out = g_string_new(NULL);
    reserve_room(second.out, (gsize)(n - n / 2) * STEP_BYTES);
  }
  cm_threads__run_halves("plan-steps", format_steps_thread, &first, second.out ? &second : NULL);
  if (second.out) {
    g_string_append_len(out, second.out->str, (gssize)second.out->len);
    g_string_free(second.out, TRUE);
  }
  g_string_append_c(out, '\n');
}

static GString *
plan_document(const CmDataset *ds, const CmPlan *p, const CmReportOptions *o)
{
  GString *out = g_string_new(NULL);
  cm_report__header(out, ds, &p->options, _("path to the procurement target"), o->format, o->color);
  headline(out, p, o);
  steps_list(out, ds, p, o);
  g_string_truncate(out, out->len - 1);
  return out;
}

static GString *
plan_json(const CmDataset *ds, const CmPlan *p)
{
  GString *out = g_string_new(NULL);
  CmJsonWriter w;
  cm_json_writer_init(&w, out);
  cm_json_begin_object(&w);
  cm_report__json_write_dataset(&w, ds);
  cm_json_member(&w, "target");
  cm_json_double(&w, p->target);
  cm_json_member(&w, "leaders");
  cm_json_begin_object(&w);
  cm_json_member(&w, "local");
  cm_json_double(&w, p->local);
  cm_json_member(&w, "total");
  cm_json_double(&w, p->total);
  cm_json_member(&w, "ratio");
  cm_report__json_write_double(&w, p->ratio, p->has_ratio);
  cm_json_end_object(&w);
  cm_json_member(&w, "needed");
  cm_json_double(&w, p->needed);
  cm_json_member(&w, "steps");
  cm_json_begin_array(&w);
  for (guint k = 0; k < p->steps->len; k++) {
    const CmPlanStep *st = step_at(p, k);
    const CmEnterprise *e = enterprise(ds, st->enterprise);
    cm_json_begin_object(&w);
    cm_json_member(&w, "id");
    cm_json_string(&w, e->id);
    cm_json_member(&w, "name");
    cm_json_string(&w, e->name);
    cm_json_member(&w, "region");
    cm_json_string(&w, e->region);
    cm_json_member(&w, "gain");
    cm_json_double(&w, st->gain);
    cm_json_member(&w, "ratio_after");
    cm_report__json_write_double(&w, st->ratio_after, st->has_ratio);
    cm_json_member(&w, "segments");
    cm_json_begin_array(&w);
    const guint32 *segs = cm_plan_step_segments(p, st);
    for (guint i = 0; i < st->n_segments; i++)
      cm_json_string(&w, cm_dataset_segment(ds, segs[i])->id);
    cm_json_end_array(&w);
    cm_json_end_object(&w);
  }
  cm_json_end_array(&w);
  cm_json_member(&w, "reaches_target");
  cm_json_boolean(&w, p->reaches_target);
  cm_json_member(&w, "ratio_after");
  cm_report__json_write_double(&w, p->ratio_after, p->has_ratio_after);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  return out;
}

static GString *
plan_csv(const CmDataset *ds, const CmPlan *p)
{
  GString *out = g_string_new("step,id,name,region,gain,ratio_after,segments,leaders\r\n");
  g_autoptr(GString) list = g_string_new(NULL);
  for (guint k = 0; k < p->steps->len; k++) {
    const CmPlanStep *st = step_at(p, k);
    const CmEnterprise *e = enterprise(ds, st->enterprise);
    g_string_append_printf(out, "%u", k + 1);
    cm_report__csv_text(out, FALSE, e->id);
    cm_report__csv_text(out, FALSE, e->name);
    cm_report__csv_text(out, FALSE, e->region);
    cm_report__csv_number(out, st->gain, TRUE);
    cm_report__csv_number(out, st->ratio_after, st->has_ratio);
    g_string_truncate(list, 0);
    const guint32 *segs = cm_plan_step_segments(p, st);
    for (guint i = 0; i < st->n_segments; i++)
      g_string_append_printf(list, "%s%s", i ? ";" : "", cm_dataset_segment(ds, segs[i])->id);
    cm_report__csv_text(out, FALSE, list->str);
    /* flows are by leader: distinct leaders are adjacent */
    g_string_truncate(list, 0);
    const CmPlanFlow *flows = cm_plan_step_flows(p, st);
    for (guint i = 0; i < st->n_flows; i++)
      if (i == 0 || flows[i].leader != flows[i - 1].leader)
        g_string_append_printf(list, "%s%s", list->len ? ";" : "",
                               enterprise(ds, flows[i].leader)->id);
    cm_report__csv_text(out, FALSE, list->str);
    cm_report__csv_end(out);
  }
  return out;
}

GString *
cm_report_plan(const CmDataset *ds, const CmPlan *plan, const CmReportOptions *options)
{
  g_return_val_if_fail(ds && plan && options, NULL);
  switch (options->format) {
  case CM_FORMAT_JSON:
    return plan_json(ds, plan);
  case CM_FORMAT_CSV:
    return plan_csv(ds, plan);
  default:
    return plan_document(ds, plan, options);
  }
}
