/* Pieces of the reports that read as a briefing (plan, resilience): a headline, bullets and
 * numbered items, wrapped for an 80-column terminal in text, plain lines in Markdown. The text
 * is our own words with dataset names already in it: Markdown callers escape names first. */
#pragma once

#include "cm_plan.h"
#include "cm_report.h"

#include <glib.h>

/* Terminal width the briefing text is wrapped to. */
#define CM_BRIEFING_WIDTH 80

/* A headline: bold in Markdown, bold or in colour sgr in a terminal; a blank line before it in
 * text. */
void cm_report__headline(GString *out, const char *text, const char *sgr, CmReportFormat format,
                         gboolean color);

/* "- TEXT" in Markdown; TEXT wrapped and indented two spaces in text. */
void cm_report__bullet(GString *out, const char *text, CmReportFormat format);

/* "N. TEXT" in Markdown; in text "  N. TEXT" with the following lines indented under TEXT. */
void cm_report__item(GString *out, guint n, const char *text, CmReportFormat format);

/* "… and N more (--format csv or json lists them all)." after a list cut short; nothing when
 * more is 0. */
void cm_report__more(GString *out, guint more, CmReportFormat format);

/* Appends dataset text for the format: Markdown-escaped, or sanitised for a terminal. */
void cm_report__name(GString *out, const char *text, CmReportFormat format);

/* A paragraph of our own words: wrapped to CM_BRIEFING_WIDTH in text, one line and a blank line
 * in Markdown. */
void cm_report__note(GString *out, const char *text, CmReportFormat format);

/* The leaders' local share after the plan, as a sentence; one format string per case so that
 * each can be translated whole (the plan report's headline, the brief's too). (transfer full) */
char *cm_report__plan_headline(const CmPlan *p);
