#include "report_briefing.h"
#include "cm_i18n.h"
#include "report_shared.h"
#include "text_table.h"

#include <string.h>

void
cm_report__headline(GString *out, const char *text, const char *sgr, CmReportFormat format,
                    gboolean color)
{
  if (format == CM_FORMAT_MD) {
    g_string_append_printf(out, "**%s**\n\n", text);
    return;
  }
  g_string_append_c(out, '\n');
  gsize at = out->len;
  cm_text_paragraph(out, text, CM_BRIEFING_WIDTH, "");
  if (color) {
    g_autofree char *start = g_strdup_printf("\033[%sm", sgr ? sgr : "1");
    g_string_insert(out, (gssize)at, start);
    g_string_insert(out, (gssize)out->len - 1, "\033[0m");
  }
}

void
cm_report__bullet(GString *out, const char *text, CmReportFormat format)
{
  if (format == CM_FORMAT_MD)
    g_string_append_printf(out, "- %s\n", text);
  else
    cm_text_paragraph(out, text, CM_BRIEFING_WIDTH - 2, "  ");
}

void
cm_report__item(GString *out, guint n, const char *text, CmReportFormat format)
{
  if (format == CM_FORMAT_MD) {
    g_string_append_printf(out, "%u. %s\n", n, text);
    return;
  }
  char label[32], *p = label + sizeof label; /* "  12. ", without printf: plans are long */
  *--p = '\0';
  *--p = ' ';
  *--p = '.';
  do {
    *--p = (char)('0' + n % 10);
    n /= 10;
  } while (n > 0);
  *--p = ' ';
  *--p = ' ';
  gsize width = strlen(p);
  char indent[sizeof label];
  memset(indent, ' ', width);
  indent[width] = '\0';
  gsize at = out->len;
  cm_text_paragraph(out, text, CM_BRIEFING_WIDTH - (guint)width, indent);
  memcpy(out->str + at, p, width);
}

void
cm_report__more(GString *out, guint more, CmReportFormat format)
{
  if (more == 0)
    return;
  g_autofree char *text =
      g_strdup_printf(_("… and %u more (--format csv or json lists them all)."), more);
  if (format == CM_FORMAT_MD)
    g_string_append_printf(out, "%s\n\n", text);
  else
    g_string_append_printf(out, "  %s\n\n", text);
}

void
cm_report__name(GString *out, const char *text, CmReportFormat format)
{
  if (format == CM_FORMAT_MD) {
    cm_report__md_text(out, text);
  } else {
    g_autofree char *clean = cm_text_sanitize(text);
    g_string_append(out, clean);
  }
}

void
cm_report__note(GString *out, const char *text, CmReportFormat format)
{
  if (format == CM_FORMAT_MD)
    g_string_append_printf(out, "%s\n\n", text);
  else
    cm_text_paragraph(out, text, CM_BRIEFING_WIDTH, "");
}
