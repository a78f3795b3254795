#include "cm_report.h"
#include "cm_text_escape.h"
#include "report_format.h"

gboolean
cm_report_format_from_string(const char *s, CmReportFormat *format)
{
  static const char *const names[] = {"text", "md", "csv", "json"};
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    if (g_ascii_strcasecmp(s, names[i]) == 0) {
      *format = (CmReportFormat)i;
      return TRUE;
    }
  }
  return FALSE;
}

static const char *
severity_name(CmSeverity s)
{
  return s == CM_SEVERITY_ERROR ? "error" : "warning";
}

static GString *
validate_json(const CmDiagnostics *diags)
{
  GString *out = g_string_new(NULL);
  CmJsonWriter w;
  cm_json_writer_init(&w, out);
  cm_json_begin_object(&w);
  cm_json_member(&w, "errors");
  cm_json_int(&w, cm_diagnostics_errors(diags));
  cm_json_member(&w, "warnings");
  cm_json_int(&w, cm_diagnostics_warnings(diags));
  cm_json_member(&w, "diagnostics");
  cm_json_begin_array(&w);
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    const CmDiagnostic *d = cm_diagnostics_get(diags, i);
    cm_json_begin_object(&w);
    cm_json_member(&w, "file");
    cm_json_string(&w, d->file);
    cm_json_member(&w, "line");
    cm_json_int(&w, d->line);
    cm_json_member(&w, "severity");
    cm_json_string(&w, severity_name(d->severity));
    cm_json_member(&w, "message");
    cm_json_string(&w, d->message);
    cm_json_end_object(&w);
  }
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
  return out;
}

GString *
cm_report_validate(const CmDiagnostics *diags, const char *dataset, CmReportFormat format)
{
  if (format == CM_FORMAT_JSON)
    return validate_json(diags);
  GString *out = g_string_new(NULL);
  guint kept = cm_diagnostics_len(diags);
  guint total = cm_diagnostics_errors(diags) + cm_diagnostics_warnings(diags);
  if (format == CM_FORMAT_CSV)
    g_string_append(out, "file,line,severity,message\r\n");
  for (guint i = 0; i < kept; i++) {
    const CmDiagnostic *d = cm_diagnostics_get(diags, i);
    if (format == CM_FORMAT_CSV) {
      cm_report__csv_cell(out, d->file, TRUE);
      g_string_append_printf(out, ",%u,%s,", d->line, severity_name(d->severity));
      cm_report__csv_cell(out, d->message, TRUE);
      g_string_append(out, "\r\n");
      continue;
    }
    g_autofree char *line = cm_diagnostic_format(d);
    /* the message quotes the dataset: controls and bidi overrides shown, never sent */
    g_autofree char *shown = cm_escape_terminal(line, CM_ESCAPE_ONE_LINE);
    g_string_append_printf(out, "%s%s\n", format == CM_FORMAT_MD ? "- " : "", shown);
  }
  if (format == CM_FORMAT_CSV)
    return out;
  if (kept < total)
    g_string_append_printf(out, _("%s(%u more not shown)\n"), format == CM_FORMAT_MD ? "- " : "",
                           total - kept);
  guint e = cm_diagnostics_errors(diags), w = cm_diagnostics_warnings(diags);
  g_autofree char *errors = g_strdup_printf(NG_("%u error", "%u errors", e), e);
  g_autofree char *warnings = g_strdup_printf(NG_("%u warning", "%u warnings", w), w);
  /* TRANSLATORS: dataset: N errors, N warnings */
  g_string_append_printf(out, _("%s%s: %s, %s%s\n"), format == CM_FORMAT_MD ? "\n**" : "", dataset,
                         errors, warnings, format == CM_FORMAT_MD ? "**" : "");
  return out;
}
