/* chainmap: industrial-chain modelling for investment planners. Dispatches to the subcommands. */
#include "cli.h"
#include "cm_i18n.h"
#include "cm_init.h"
#include "cm_suggest.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#ifndef CHAINMAP_VERSION
#define CHAINMAP_VERSION "0.0.0"
#endif

const CmCommand cm_commands[] = {
    {"validate", "DATASET", N_("check a dataset; list every problem as FILE:LINE"),
     cm_cmd_validate},
    {"gaps", "DATASET",
     N_("strong, weak, missing and frontier links; what to strengthen, supplement, "
        "extend"),
     cm_cmd_gaps},
    {"procurement", "DATASET", N_("local share of the chain leaders' and the region's procurement"),
     cm_cmd_procurement},
    {"targets", "DATASET", N_("whom to invite: outside suppliers of our weak and missing links"),
     cm_cmd_targets},
    {"resilience", "DATASET", N_("single sources and concentration in the chain leaders' supply"),
     cm_cmd_resilience},
    {"plan", "DATASET [--land ID,...]",
     N_("which outside suppliers to land to reach the leaders' procurement target"), cm_cmd_plan},
    {"compare", "DATASET --region R --region R2 ... | --scenario L ... | --year Y ...",
     N_("side by side: segment status and leaders' local share by region, scenario or year"),
     cm_cmd_compare},
    {"brief", "DATASET -o FILE.html|FILE.xlsx",
     N_("the briefing in one file: figures, chain map and lists as a page or a workbook"),
     cm_cmd_brief},
    {"render", "DATASET -o FILE", N_("draw a chain map (chain or enterprise network view)"),
     cm_cmd_render},
    {"batch", "DATASET... -d OUTDIR", N_("render maps and reports of many datasets, in parallel"),
     cm_cmd_batch},
    {"templates", "", N_("the bundled reference chains to start a dataset from"), cm_cmd_templates},
    {"init", "DIR --template ID", N_("a new dataset from a bundled chain, ready to fill in Excel"),
     cm_cmd_init},
};
const guint cm_n_commands = G_N_ELEMENTS(cm_commands);

static void
print_usage(FILE *out)
{
  fprintf(out, _("Usage: chainmap COMMAND [OPTIONS] ...\n\n"
                 "Industrial-chain modelling: strong, weak and missing links, local procurement\n"
                 "of chain leaders, investment targets and chain maps.\n\nCommands:\n"));
  for (guint i = 0; i < cm_n_commands; i++)
    fprintf(out, "  %-12s %s\n", cm_commands[i].name, _(cm_commands[i].summary));
  fprintf(out, _("\n  chainmap help COMMAND     options of a command\n"
                 "  chainmap --version\n"));
}

static const CmCommand *
find_command(const char *name)
{
  for (guint i = 0; i < cm_n_commands; i++)
    if (strcmp(cm_commands[i].name, name) == 0)
      return &cm_commands[i];
  return NULL;
}

static int
unknown_command(const char *name)
{
  const char *names[G_N_ELEMENTS(cm_commands)];
  for (guint i = 0; i < cm_n_commands; i++)
    names[i] = cm_commands[i].name;
  /* "gap" for gaps: a missing letter at the end is one edit, but short names allow only one */
  const char *close = cm_suggest(name, names, cm_n_commands);
  for (guint i = 0; !close && i < cm_n_commands && strlen(name) >= 3; i++)
    if (g_str_has_prefix(cm_commands[i].name, name))
      close = cm_commands[i].name;
  if (close)
    fprintf(stderr, _("chainmap: unknown command '%s'; did you mean '%s'?\n\n"), name, close);
  else
    fprintf(stderr, _("chainmap: unknown command '%s'\n\n"), name);
  print_usage(stderr);
  return CM_EXIT_USAGE;
}

/* Dataset text is UTF-8: make sure the C library and GLib treat bytes as UTF-8 whatever the
 * environment's locale, and that numbers always print with a '.'. */
static void
set_locale(void)
{
  setlocale(LC_ALL, "");
  if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
    setlocale(LC_CTYPE, "C.UTF-8");
  setlocale(LC_NUMERIC, "C");
}

/* The language before any text is written: --lang anywhere before "--" (so that `chainmap help
 * gaps --lang zh` and usage lines follow it), else the environment's. A bad value is left for
 * the command to report. */
static void
pick_language(int argc, char **argv)
{
  CmLang lang = cm_lang_from_env();
  for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
    const char *value = NULL;
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
      value = argv[i + 1];
    else if (g_str_has_prefix(argv[i], "--lang="))
      value = argv[i] + strlen("--lang=");
    if (value)
      cm_lang_parse(value, &lang);
  }
  cm_lang_set(lang);
}

int
main(int argc, char **argv)
{
  set_locale();
  pick_language(argc, argv);
  cm_init();
  cm_cli_install_out_of_memory_handler();
  /* `chainmap --lang zh gaps ...`: the language was taken above; the command comes next */
  while (argc >= 2 &&
         (g_str_has_prefix(argv[1], "--lang=") || (strcmp(argv[1], "--lang") == 0 && argc >= 3))) {
    int n = strcmp(argv[1], "--lang") == 0 ? 2 : 1;
    const char *value = n == 2 ? argv[2] : argv[1] + strlen("--lang=");
    CmLang lang;
    if (!cm_lang_parse(value, &lang)) {
      fprintf(stderr, _("chainmap: bad --lang '%s': expected zh or en\n"), value);
      return CM_EXIT_USAGE;
    }
    argv[n] = argv[0];
    argv += n;
    argc -= n;
  }
  if (argc < 2) {
    print_usage(stderr);
    return CM_EXIT_USAGE;
  }
  const char *first = argv[1];
  if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
    print_usage(stdout);
    return CM_EXIT_OK;
  }
  if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
    printf("chainmap %s\n", CHAINMAP_VERSION);
    return CM_EXIT_OK;
  }
  if (strcmp(first, "help") == 0) {
    if (argc < 3) {
      print_usage(stdout);
      return CM_EXIT_OK;
    }
    const CmCommand *cmd = find_command(argv[2]);
    if (!cmd)
      return unknown_command(argv[2]);
    char *help_argv[] = {(char *)cmd->name, "--help", NULL};
    return cmd->run(2, help_argv);
  }
  if (first[0] == '-') {
    fprintf(stderr, _("chainmap: unknown option '%s'\n\n"), first);
    print_usage(stderr);
    return CM_EXIT_USAGE;
  }
  const CmCommand *cmd = find_command(first);
  if (!cmd)
    return unknown_command(first);
  return cmd->run(argc - 1, argv + 1);
}
