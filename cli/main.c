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
    {"validate", "DATASET", "check a dataset; list every problem as FILE:LINE", cm_cmd_validate},
    {"gaps", "DATASET",
     "strong, weak, missing and frontier links; what to strengthen, supplement, "
     "extend",
     cm_cmd_gaps},
    {"procurement", "DATASET", "local share of the chain leaders' and the region's procurement",
     cm_cmd_procurement},
    {"targets", "DATASET", "whom to invite: outside suppliers of our weak and missing links",
     cm_cmd_targets},
    {"resilience", "DATASET", "single sources and concentration in the chain leaders' supply",
     cm_cmd_resilience},
    {"plan", "DATASET [--land ID,...]",
     "which outside suppliers to land to reach the leaders' procurement target", cm_cmd_plan},
    {"compare", "DATASET --region R --region R2 ... | --scenario L ... | --year Y ...",
     "side by side: segment status and leaders' local share by region, scenario or year",
     cm_cmd_compare},
    {"render", "DATASET -o FILE", "draw a chain map (chain or enterprise network view)",
     cm_cmd_render},
    {"batch", "DATASET... -d OUTDIR", "render maps and reports of many datasets, in parallel",
     cm_cmd_batch},
    {"templates", "", N_("the bundled reference chains to start a dataset from"), cm_cmd_templates},
    {"init", "DIR --template ID", N_("a new dataset from a bundled chain, ready to fill in Excel"),
     cm_cmd_init},
};
const guint cm_n_commands = G_N_ELEMENTS(cm_commands);

static void
print_usage(FILE *out)
{
  fprintf(out, "Usage: chainmap COMMAND [OPTIONS] ...\n\n"
               "Industrial-chain modelling: strong, weak and missing links, local procurement\n"
               "of chain leaders, investment targets and chain maps.\n\nCommands:\n");
  for (guint i = 0; i < cm_n_commands; i++)
    fprintf(out, "  %-12s %s\n", cm_commands[i].name, cm_commands[i].summary);
  fprintf(out, "\n  chainmap help COMMAND     options of a command\n"
               "  chainmap --version\n");
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
    fprintf(stderr, "chainmap: unknown command '%s'\n\n", name);
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

int
main(int argc, char **argv)
{
  set_locale();
  cm_init();
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
    fprintf(stderr, "chainmap: unknown option '%s'\n\n", first);
    print_usage(stderr);
    return CM_EXIT_USAGE;
  }
  const CmCommand *cmd = find_command(first);
  if (!cmd)
    return unknown_command(first);
  return cmd->run(argc - 1, argv + 1);
}
