#include "cm_report.h"
#include "report_private.h"

#include "cm_i18n.h"

#include <json-glib/json-glib.h>

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
  g_autoptr(JsonBuilder) b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "errors");
  json_builder_add_int_value(b, cm_diagnostics_errors(diags));
  json_builder_set_member_name(b, "warnings");
  json_builder_add_int_value(b, cm_diagnostics_warnings(diags));
  json_builder_set_member_name(b, "diagnostics");
  json_builder_begin_array(b);
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    const CmDiagnostic *d = cm_diagnostics_get(diags, i);
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "file");
    json_builder_add_string_value(b, d->file);
    json_builder_set_member_name(b, "line");
    json_builder_add_int_value(b, d->line);
    json_builder_set_member_name(b, "severity");
    json_builder_add_string_value(b, severity_name(d->severity));
    json_builder_set_member_name(b, "message");
    json_builder_add_string_value(b, d->message);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  return cm_report__json_to_gstring(b);
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
    g_string_append_printf(out, "%s%s\n", format == CM_FORMAT_MD ? "- " : "", line);
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
