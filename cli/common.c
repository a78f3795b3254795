#include "cli.h"
#include "cm_loader.h"
#include "cm_output.h"

#include "cm_i18n.h"

#include <stdio.h>

static gboolean
set_lang(const char *option, const char *value, gpointer data, GError **error)
{
  CmLang lang;
  if (!cm_lang_parse(value, &lang)) {
    g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                _("bad --lang '%s': expected zh or en"), value);
    return FALSE;
  }
  cm_lang_set(lang);
  return TRUE;
}

GOptionContext *
cm_cli_context(const char *name, GOptionEntry *entries)
{
  const CmCommand *cmd = NULL;
  for (guint i = 0; i < cm_n_commands; i++)
    if (g_str_equal(cm_commands[i].name, name))
      cmd = &cm_commands[i];
  g_autofree char *param =
      g_strdup_printf("%s - %s", cmd ? cmd->args : "", cmd ? _(cmd->summary) : "");
  GOptionContext *ctx = g_option_context_new(param);
  /* option descriptions (N_() in the tables) and the description below follow --lang */
  g_option_context_set_translation_domain(ctx, GETTEXT_PACKAGE);
  g_autofree char *prgname = g_strdup_printf("chainmap %s", name);
  g_set_prgname(prgname);
  if (entries)
    g_option_context_add_main_entries(ctx, entries, GETTEXT_PACKAGE);
  /* Every command writes text for people: --lang everywhere (SPEC section 3). */
  static GOptionEntry lang_entry[] = {
      {"lang", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer)set_lang,
       N_("language of the text for people: zh or en (default: from the locale)"), "LANG"},
      G_OPTION_ENTRY_NULL,
  };
  g_option_context_add_main_entries(ctx, lang_entry, GETTEXT_PACKAGE);
  g_option_context_set_description(
      ctx, _("DATASET is a folder holding dataset.ini, or the path of the ini.\n"
             "Exit codes: 0 success, 1 invalid data, 2 usage error, 3 output not written.\n"));
  return ctx;
}

gboolean
cm_cli_parse(GOptionContext *ctx, const char *name, int *argc, char ***argv)
{
  g_autoptr(GError) err = NULL;
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    cm_cli_usage_error(name, "%s", err->message);
    return FALSE;
  }
  return TRUE;
}

int
cm_cli_usage_error(const char *name, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *msg = g_strdup_vprintf(format, args);
  va_end(args);
  fprintf(stderr, "chainmap %s: %s\n", name, msg);
  fprintf(stderr, _("Try 'chainmap help %s'.\n"), name);
  return CM_EXIT_USAGE;
}

void
cm_cli_print_diagnostics(FILE *stream, const CmDiagnostics *diags)
{
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    g_autofree char *line = cm_diagnostic_format(cm_diagnostics_get(diags, i));
    fprintf(stream, "%s\n", line);
  }
  guint total = cm_diagnostics_errors(diags) + cm_diagnostics_warnings(diags);
  if (cm_diagnostics_len(diags) < total)
    fprintf(stream, _("(%u more not shown)\n"), total - cm_diagnostics_len(diags));
}

CmDataset *
cm_cli_load(const char *path)
{
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) err = NULL;
  CmDataset *ds = cm_dataset_load(path, diags, &err);
  cm_cli_print_diagnostics(stderr, diags);
  if (!ds)
    fprintf(stderr, "%s\n", err->message);
  return ds;
}

int
cm_cli_write(const char *path, const GString *out)
{
  g_autoptr(GError) err = NULL;
  if (!cm_output_write(path, out->str, out->len, &err)) {
    fprintf(stderr, "chainmap: %s\n", err->message);
    return CM_EXIT_OUTPUT;
  }
  return CM_EXIT_OK;
}
