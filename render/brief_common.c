/* The briefing's analyses, computed once for the page and the workbook, and the words they
 * share. */
#include "brief_private.h"
#include "cm_i18n.h"
#include "report_shared.h"
#include "words.h"

#include <string.h>

gboolean
cm_brief_format_from_string(const char *name, CmBriefFormat *format)
{
  if (g_ascii_strcasecmp(name, "html") == 0)
    *format = CM_BRIEF_HTML;
  else if (g_ascii_strcasecmp(name, "xlsx") == 0)
    *format = CM_BRIEF_XLSX;
  else
    return FALSE;
  return TRUE;
}

gboolean
cm_brief_format_from_path(const char *path, CmBriefFormat *format)
{
  const char *dot = strrchr(path, '.');
  if (!dot || strchr(dot, '/'))
    return FALSE;
  if (g_ascii_strcasecmp(dot, ".htm") == 0)
    return cm_brief_format_from_string("html", format);
  return cm_brief_format_from_string(dot + 1, format);
}

CmBrief *
cm_brief_compute(const CmDataset *ds, const CmAnalysisOptions *options, GError **error)
{
  g_autoptr(CmBrief) b = g_new0(CmBrief, 1);
  b->ds = ds;
  b->options = *options;
  if (!(b->gaps = cm_gaps_compute(ds, options, error)) ||
      !(b->procurement = cm_procurement_compute(ds, options, error)) ||
      !(b->targets = cm_targets_compute(ds, b->gaps, error)) ||
      !(b->plan = cm_plan_compute(ds, options, NULL, 0, error)) ||
      !(b->resilience = cm_resilience_compute(ds, options, error)))
    return NULL;
  return g_steal_pointer(&b);
}

void
cm_brief_free(CmBrief *b)
{
  if (!b)
    return;
  g_clear_pointer(&b->gaps, cm_gaps_free);
  g_clear_pointer(&b->procurement, cm_procurement_free);
  g_clear_pointer(&b->targets, cm_targets_free);
  g_clear_pointer(&b->plan, cm_plan_free);
  g_clear_pointer(&b->resilience, cm_resilience_free);
  g_free(b);
}

GBytes *
cm_brief_render(const CmBrief *brief, CmBriefFormat format, const char *date, GError **error)
{
  if (format == CM_BRIEF_XLSX)
    return cm_brief_xlsx(brief, error);
  return cm_brief_html(brief, date, error);
}

const char *
cm_brief__status_word(CmSegmentStatus status)
{
  return cm_words_status(status);
}

const char *
cm_brief__action_word(CmAction action)
{
  switch (action) {
  case CM_ACTION_STRENGTHEN:
  case CM_ACTION_SUPPLEMENT:
  case CM_ACTION_EXTEND:
    return cm_words_action(action);
  case CM_ACTION_NONE:
  default:
    return "";
  }
}

const char *
cm_brief__enterprise_name(const CmBrief *b, guint32 e)
{
  return cm_enterprise_display_name(cm_dataset_enterprise(b->ds, e));
}

const char *
cm_brief__segment_name(const CmBrief *b, guint32 s)
{
  return cm_segment_display_name(cm_dataset_segment(b->ds, s));
}

char *
cm_brief__scenario(guint scenario)
{
  GString *out = g_string_new(NULL);
  static const CmProjectStatus statuses[] = {CM_PROJECT_OPERATING, CM_PROJECT_CONSTRUCTION,
                                             CM_PROJECT_SIGNED};
  for (guint i = 0; i < G_N_ELEMENTS(statuses); i++)
    if (scenario & statuses[i])
      g_string_append_printf(out, "%s%s", out->len ? _(", ") : "",
                             cm_words_project_status(statuses[i]));
  return g_string_free(out, FALSE);
}

double
cm_brief__target_gain(const CmBrief *b, const CmTarget *tg)
{
  double total = b->targets->leaders_total;
  return total > 0 ? tg->leaders_gain / total : 0.0;
}

char *
cm_brief__reason(const CmBrief *b, guint s)
{
  const CmSegmentResult *r = &b->gaps->segments[s];
  const CmAnalysisParams *p = &b->ds->params;
  g_autofree char *coverage =
      r->has_coverage ? cm_report__percent_vs(r->coverage, p->min_coverage) : NULL;
  g_autofree char *min_coverage = cm_report__percent(p->min_coverage);
  const char *other = r->reason_segment >= 0 ? cm_brief__segment_name(b, (guint)r->reason_segment)
                                             : _("the local chain");
  gboolean few = (r->reasons & (1u << CM_REASON_FEW_PRODUCERS)) != 0;
  gboolean low = (r->reasons & (1u << CM_REASON_LOW_COVERAGE)) != 0;
  gboolean feeds = (r->reasons & (1u << CM_REASON_FEEDS_PRESENT)) != 0;
  gboolean demand = (r->reasons & (1u << CM_REASON_LOCAL_DEMAND)) != 0;
  guint n = r->local_producers;
  switch (r->status) {
  case CM_SEGMENT_STRONG:
    if (coverage)
      return g_strdup_printf(dngettext(GETTEXT_PACKAGE,
                                       "%u local producer (minimum %u); local share %s "
                                       "(minimum %s).",
                                       "%u local producers (minimum %u); local share %s "
                                       "(minimum %s).",
                                       n),
                             n, p->min_producers, coverage, min_coverage);
    return g_strdup_printf(dngettext(GETTEXT_PACKAGE, "%u local producer (minimum %u).",
                                     "%u local producers (minimum %u).", n),
                           n, p->min_producers);
  case CM_SEGMENT_WEAK:
    if (few && low)
      return g_strdup_printf(dngettext(GETTEXT_PACKAGE,
                                       "Only %u local producer (minimum %u), and local "
                                       "suppliers cover only %s of local demand (minimum %s).",
                                       "Only %u local producers (minimum %u), and local "
                                       "suppliers cover only %s of local demand (minimum %s).",
                                       n),
                             n, p->min_producers, coverage, min_coverage);
    if (low)
      return g_strdup_printf(_("Local suppliers cover only %s of local demand (minimum %s)."),
                             coverage, min_coverage);
    return g_strdup_printf(dngettext(GETTEXT_PACKAGE, "Only %u local producer (minimum %u).",
                                     "Only %u local producers (minimum %u).", n),
                           n, p->min_producers);
  case CM_SEGMENT_GAP:
    if (feeds && demand)
      return g_strdup_printf(_("Not made locally, though it is an input of %s, which is; local "
                               "buyers buy it from outside."),
                             other);
    if (feeds)
      return g_strdup_printf(_("Not made locally, though it is an input of %s, which is."), other);
    return g_strdup(_("Not made locally; local buyers buy it from outside."));
  case CM_SEGMENT_FRONTIER:
    if (r->direction == CM_DIRECTION_UPSTREAM)
      return g_strdup_printf(
          dngettext(GETTEXT_PACKAGE, "%d step upstream of %s, which is made locally.",
                    "%d steps upstream of %s, which is made locally.", (gulong)r->distance),
          r->distance, other);
    return g_strdup_printf(
        dngettext(GETTEXT_PACKAGE, "%d step downstream of %s, which is made locally.",
                  "%d steps downstream of %s, which is made locally.", (gulong)r->distance),
        r->distance, other);
  case CM_SEGMENT_ABSENT:
  default:
    return g_strdup(_("No template path to or from what is made locally."));
  }
}

static gboolean
unsafe_char(gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069);
}

char *
cm_brief__clean_text(const char *text)
{
  g_autofree char *fixed = g_utf8_make_valid(text ? text : "", -1);
  GString *out = g_string_sized_new(strlen(fixed));
  for (const char *p = fixed; *p; p = g_utf8_next_char(p)) {
    if (unsafe_char(g_utf8_get_char(p)))
      g_string_append_c(out, ' ');
    else
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
  }
  return g_string_free(out, FALSE);
}
