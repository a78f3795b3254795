#include "cli.h"
#include "cm_loader.h"
#include "cm_output.h"
#include "cm_text_escape.h"

#include "cm_i18n.h"
#include "cm_suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
             "Exit codes: 0 success, 1 invalid data, 2 usage error, 3 output not written, 4 out "
             "of memory.\n"));
  return ctx;
}

/* An option of a context as its help lists it: "  -o, --output=FILE   write ...". */
typedef struct {
  char *long_name; /* "--output" */
  char shorthand;  /* 'o' or 0 */
  char *arg;       /* "FILE", NULL for a flag */
} KnownOption;

static void
known_option_clear(gpointer p)
{
  KnownOption *o = p;
  g_free(o->long_name);
  g_free(o->arg);
}

/* The options of ctx, read back from its help text: GOptionContext has no other way to list
 * them. */
static GArray *
known_options(GOptionContext *ctx)
{
  GArray *opts = g_array_new(FALSE, TRUE, sizeof(KnownOption));
  g_array_set_clear_func(opts, known_option_clear);
  g_autofree char *help = g_option_context_get_help(ctx, TRUE, NULL);
  g_autoptr(GRegex) re =
      g_regex_new("^\\s+(?:-(\\w), )?(--[\\w-]+)(?:=(\\S+))?", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  for (g_regex_match(re, help, 0, &m); g_match_info_matches(m); g_match_info_next(m, NULL)) {
    g_autofree char *s = g_match_info_fetch(m, 1);
    g_autofree char *arg = g_match_info_fetch(m, 3);
    KnownOption o = {g_match_info_fetch(m, 2), s && *s ? s[0] : 0,
                     arg && *arg ? g_strdup(arg) : NULL};
    if (g_str_equal(o.long_name, "--help"))
      known_option_clear(&o);
    else
      g_array_append_val(opts, o);
  }
  return opts;
}

static const KnownOption *
find_option(GArray *opts, const char *arg)
{
  g_autofree char *name = g_strdup(arg);
  char *eq = strchr(name, '=');
  if (eq)
    *eq = '\0';
  for (guint i = 0; i < opts->len; i++) {
    const KnownOption *o = &g_array_index(opts, KnownOption, i);
    if (g_str_equal(o->long_name, name) ||
        (o->shorthand && name[0] == '-' && name[1] == o->shorthand && name[2] == '\0'))
      return o;
  }
  return NULL;
}

/* "--output FILE, --scenario LIST, ..." */
static char *
option_list(GArray *opts)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < opts->len; i++) {
    const KnownOption *o = &g_array_index(opts, KnownOption, i);
    g_string_append_printf(s, "%s%s%s%s", i ? ", " : "", o->long_name, o->arg ? " " : "",
                           o->arg ? o->arg : "");
  }
  return g_string_free(s, FALSE);
}

/* GLib's own messages ("Unknown option --top", "Missing argument for -o") in chainmap's words,
 * with the valid choices. args is argv as it was before parsing. */
static void
explain_parse_error(GOptionContext *ctx, const char *name, char **args, const GError *err)
{
  g_autoptr(GArray) opts = known_options(ctx);
  g_autofree char *list = option_list(opts);
  gboolean options = TRUE;
  for (guint i = 1; args[i]; i++) {
    const char *a = args[i];
    if (g_str_equal(a, "--"))
      options = FALSE;
    if (!options || a[0] != '-' || a[1] == '\0')
      continue;
    const KnownOption *o = find_option(opts, a);
    if (!o) {
      g_autofree char *bare = g_strndup(a, strcspn(a, "="));
      g_autoptr(GPtrArray) names = g_ptr_array_new();
      for (guint k = 0; k < opts->len; k++)
        g_ptr_array_add(names, g_array_index(opts, KnownOption, k).long_name);
      const char *close = cm_suggest(bare, (const char *const *)names->pdata, names->len);
      if (close)
        cm_cli_usage_error(name, _("unknown option '%s'; did you mean '%s'? (options: %s)"), bare,
                           close, list);
      else
        cm_cli_usage_error(name, _("unknown option '%s' (options: %s)"), bare, list);
      return;
    }
    if (o->arg && !strchr(a, '=') && !args[i + 1]) {
      cm_cli_usage_error(name, _("%s needs a value: %s %s"), a, o->long_name, o->arg);
      return;
    }
    if (o->arg && !strchr(a, '='))
      i++; /* its value */
  }
  /* a callback's own message (--lang), already in our words */
  cm_cli_usage_error(name, "%s", err->message);
}

gboolean
cm_cli_parse(GOptionContext *ctx, const char *name, int *argc, char ***argv)
{
  g_autoptr(GError) err = NULL;
  g_auto(GStrv) before = g_strdupv(*argv);
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    explain_parse_error(ctx, name, before, err);
    return FALSE;
  }
  return TRUE;
}

gboolean
cm_cli_parse_count(const char *command, const char *option, const char *text, gint lo, gint hi,
                   gint *value)
{
  gint64 v = 0;
  if (!text)
    return TRUE;
  if (!g_ascii_string_to_signed(text, 10, lo, hi, &v, NULL)) {
    if (hi == G_MAXINT)
      cm_cli_usage_error(command, _("bad %s '%s': expected a whole number, %d or more"), option,
                         text, lo);
    else
      cm_cli_usage_error(command, _("bad %s '%s': expected a whole number from %d to %d"), option,
                         text, lo, hi);
    return FALSE;
  }
  *value = (gint)v;
  return TRUE;
}

int
cm_cli_usage_error(const char *name, const char *format, ...)
{
  va_list args;
  va_start(args, format);
  g_autofree char *msg = g_strdup_vprintf(format, args);
  va_end(args);
  g_autofree char *shown = cm_cli_shown(msg);
  fprintf(stderr, "chainmap %s: %s\n", name, shown);
  fprintf(stderr, _("Try 'chainmap help %s'.\n"), name);
  return CM_EXIT_USAGE;
}

char *
cm_cli_shown(const char *text)
{
  return cm_escape_terminal(text ? text : "", CM_ESCAPE_ONE_LINE);
}

void
cm_cli_print_diagnostics(FILE *stream, const CmDiagnostics *diags)
{
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    g_autofree char *line = cm_diagnostic_format(cm_diagnostics_get(diags, i));
    g_autofree char *shown = cm_cli_shown(line);
    fprintf(stream, "%s\n", shown);
  }
  guint total = cm_diagnostics_errors(diags) + cm_diagnostics_warnings(diags);
  if (cm_diagnostics_len(diags) < total)
    fprintf(stream, _("(%u more not shown)\n"), total - cm_diagnostics_len(diags));
}

gboolean
cm_cli_dataset_arg(const char *command, const char *path)
{
  /* enterprises.csv dragged onto the command line: 30 ini errors would not say what is wrong */
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && !g_str_has_suffix(path, ".ini")) {
    g_autofree char *dir = g_path_get_dirname(path);
    cm_cli_usage_error(command,
                       _("DATASET '%s' is a file, not a dataset: give the folder or dataset.ini "
                         "(chainmap %s %s)"),
                       path, command, dir);
    return FALSE;
  }
  return TRUE;
}

CmDataset *
cm_cli_load(const char *path)
{

  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) err = NULL;
  CmDataset *ds = cm_dataset_load(path, diags, &err);
  cm_cli_print_diagnostics(stderr, diags);
  if (!ds && cm_cli_is_out_of_memory(err))
    exit(cm_cli_report_out_of_memory(err));
  if (!ds) {
    g_autofree char *shown = cm_cli_shown(err->message);
    fprintf(stderr, "%s\n", shown);
  }
  return ds;
}

static int
print_output_error(const GError *err)
{
  g_autofree char *shown = cm_cli_shown(err ? err->message : _("the report could not be written"));
  fprintf(stderr, "chainmap: %s\n", shown);
  return CM_EXIT_OUTPUT;
}

gboolean
cm_cli_report_sink_open(CmCliReportSink *sink, const char *path, CmReportFormat format)
{
  gboolean to_stdout = !path || strcmp(path, "-") == 0;
  g_autoptr(GError) err = NULL;
  *sink = (CmCliReportSink){cm_output_open(path, &err), FALSE};
  if (!sink->output) {
    print_output_error(err);
    return FALSE;
  }
  if (format != CM_FORMAT_CSV)
    return TRUE;
  /* Excel and WPS on a Chinese PC read a CSV file without a BOM as GBK (康宁 as 搴峰畞); a pipe
   * goes to programs, for which the BOM is noise (docs/reports.md) */
  if (!to_stdout && !cm_output_append(sink->output, "\xEF\xBB\xBF", 3, &err)) {
    cm_output_abandon(g_steal_pointer(&sink->output));
    print_output_error(err);
    return FALSE;
  }
  sink->escape = to_stdout && isatty(STDOUT_FILENO);
  return TRUE;
}

gboolean
cm_cli_report_sink_write(const char *data, gsize len, gpointer sink, GError **error)
{
  CmCliReportSink *s = sink;
  if (!s->escape)
    return cm_output_append(s->output, data, len, error);
  g_autofree char *piece = g_strndup(data, len);
  if (!cm_escape_terminal_needed(piece, CM_ESCAPE_KEEP_NEWLINES))
    return cm_output_append(s->output, data, len, error);
  g_autofree char *shown = cm_escape_terminal(piece, CM_ESCAPE_KEEP_NEWLINES);
  return cm_output_append(s->output, shown, strlen(shown), error);
}

int
cm_cli_report_sink_close(CmCliReportSink *sink, gboolean ok, const GError *error)
{
  if (!ok) {
    cm_output_abandon(g_steal_pointer(&sink->output));
    return print_output_error(error);
  }
  g_autoptr(GError) err = NULL;
  if (!cm_output_commit(g_steal_pointer(&sink->output), &err))
    return print_output_error(err);
  return CM_EXIT_OK;
}

int
cm_cli_write_report(const char *path, const GString *out, CmReportFormat format)
{
  CmCliReportSink sink;
  if (!cm_cli_report_sink_open(&sink, path, format))
    return CM_EXIT_OUTPUT;
  g_autoptr(GError) err = NULL;
  gboolean ok = cm_cli_report_sink_write(out->str, out->len, &sink, &err);
  return cm_cli_report_sink_close(&sink, ok, err);
}

int
cm_cli_write(const char *path, const GString *out)
{
  g_autoptr(GError) err = NULL;
  return cm_output_write(path, out->str, out->len, &err) ? CM_EXIT_OK : print_output_error(err);
}
