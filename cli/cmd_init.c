/* chainmap init DIR --template ID [--region R] [--name N]: a new dataset from a bundled chain.
 * Nothing existing is ever overwritten: the files are written into a temporary folder beside DIR
 * and then moved into place, so a failed run leaves DIR as it was. */
#include "cli.h"
#include "cm_i18n.h"
#include "cm_loader.h"
#include "cm_output.h"
#include "cm_template_catalog.h"
#include "init_files.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* TRUE when dir exists and holds anything; *is_dir says whether it is a folder. */
static gboolean
dir_in_use(const char *dir, gboolean *exists, gboolean *is_dir)
{
  *exists = g_file_test(dir, G_FILE_TEST_EXISTS) || g_file_test(dir, G_FILE_TEST_IS_SYMLINK);
  *is_dir = g_file_test(dir, G_FILE_TEST_IS_DIR);
  if (!*exists || !*is_dir)
    return *exists;
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d)
    return TRUE; /* unreadable: treat as in use rather than risk it */
  gboolean any = g_dir_read_name(d) != NULL;
  g_dir_close(d);
  return any;
}

static void
remove_staging(const char *staging, const CmInitFiles *files)
{
  for (guint i = 0; i < G_N_ELEMENTS(files->files); i++) {
    g_autofree char *p = g_build_filename(staging, files->files[i].name, NULL);
    g_unlink(p);
  }
  g_rmdir(staging);
}

/* Moves the staged files into target: the whole folder when target does not exist, else file by
 * file with link(2), which never replaces an existing file. On failure undoes what it did and
 * returns errno. */
static int
move_into_place(const char *staging, const char *target, gboolean target_exists,
                const CmInitFiles *files)
{
  if (!target_exists) {
    if (g_rename(staging, target) == 0)
      return 0;
    int e = errno;
    remove_staging(staging, files);
    return e;
  }
  guint done = 0;
  int failure = 0;
  for (; done < G_N_ELEMENTS(files->files); done++) {
    g_autofree char *from = g_build_filename(staging, files->files[done].name, NULL);
    g_autofree char *to = g_build_filename(target, files->files[done].name, NULL);
    if (link(from, to) != 0) {
      failure = errno;
      break;
    }
  }
  if (failure)
    for (guint i = 0; i < done; i++) {
      g_autofree char *to = g_build_filename(target, files->files[i].name, NULL);
      g_unlink(to);
    }
  remove_staging(staging, files);
  return failure;
}

/* Writes the files into a fresh folder beside target; NULL with errno's message in *error. */
static char *
stage(const char *target, const CmInitFiles *files, GError **error)
{
  g_autofree char *parent = g_path_get_dirname(target);
  g_autofree char *base = g_path_get_basename(target);
  if (g_mkdir_with_parents(parent, 0777) != 0) {
    int e = errno;
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "%s: %s", parent, g_strerror(e));
    return NULL;
  }
  g_autofree char *tmpl = g_strdup_printf("%s/.%s" CM_OUTPUT_TMP_MARK "XXXXXX", parent, base);
  if (!g_mkdtemp_full(tmpl, 0777)) {
    int e = errno;
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "%s: %s", parent, g_strerror(e));
    return NULL;
  }
  for (guint i = 0; i < G_N_ELEMENTS(files->files); i++) {
    g_autofree char *p = g_build_filename(tmpl, files->files[i].name, NULL);
    if (!g_file_set_contents(p, files->files[i].text->str, (gssize)files->files[i].text->len,
                             error)) {
      remove_staging(tmpl, files);
      return NULL;
    }
  }
  return g_steal_pointer(&tmpl);
}

/* The template as init writes it must load without a problem: checked before anything is
 * written (in English form, which the loader reads whatever the language). */
static gboolean
template_is_valid(const CmTemplateInfo *t, const GPtrArray *rows)
{
  g_auto(CmInitFiles) en = {0};
  cm_init_files_build(&en, t, rows, t->name_en, t->region_en, CM_LANG_EN);
  CmDatasetText text = {.ini = en.files[0].text->str,
                        .segments = en.files[1].text->str,
                        .enterprises = en.files[2].text->str,
                        .supply = en.files[3].text->str};
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) err = NULL;
  g_autoptr(CmDataset) ds = cm_dataset_load_text(&text, diags, &err);
  if (ds && cm_diagnostics_len(diags) == 0)
    return TRUE;
  fprintf(stderr, _("chainmap init: the template '%s' (%s) is not a valid chain:\n"), t->id,
          t->segments_path);
  cm_cli_print_diagnostics(stderr, diags);
  return FALSE;
}

static int
unknown_template(const CmTemplateCatalog *cat, const char *id)
{
  const char *hint = cm_template_catalog_suggest(cat, id);
  if (hint)
    return cm_cli_usage_error(
        "init", _("unknown template '%s'; did you mean '%s'? ('chainmap templates' lists them)"),
        id, hint);
  return cm_cli_usage_error("init", _("unknown template '%s' ('chainmap templates' lists them)"),
                            id);
}

int
cm_cmd_init(int argc, char **argv)
{
  g_autofree char *template_id = NULL;
  g_autofree char *region_arg = NULL;
  g_autofree char *name_arg = NULL;
  GOptionEntry entries[] = {
      {"template", 't', 0, G_OPTION_ARG_STRING, &template_id,
       N_("the bundled chain to start from (see 'chainmap templates'; required)"), "ID"},
      {"region", 'r', 0, G_OPTION_ARG_STRING, &region_arg,
       N_("the study region, e.g. 四川/绵阳 (default: the template's example region)"), "R"},
      {"name", 'n', 0, G_OPTION_ARG_STRING, &name_arg,
       N_("the dataset's title (default: the chain's name and the region)"), "N"},
      G_OPTION_ENTRY_NULL,
  };
  g_autoptr(GOptionContext) ctx = cm_cli_context("init", entries);
  if (!cm_cli_parse(ctx, "init", &argc, &argv))
    return CM_EXIT_USAGE;
  if (argc != 2)
    return cm_cli_usage_error("init", argc < 2 ? _("missing DIR: the folder of the new dataset")
                                               : _("one DIR at a time"));
  if (!template_id || !*g_strstrip(template_id))
    return cm_cli_usage_error(
        "init", _("missing --template ID ('chainmap templates' lists the bundled chains)"));
  const char *dir = argv[1];
  if (!*dir)
    return cm_cli_usage_error("init", _("DIR is empty"));
  if (region_arg && !*g_strstrip(region_arg))
    return cm_cli_usage_error("init", _("--region is empty: give a region path such as 四川/绵阳"));
  if (name_arg && !*g_strstrip(name_arg))
    return cm_cli_usage_error("init", _("--name is empty"));

  g_autoptr(CmTemplateCatalog) cat = cm_cli_templates_load();
  if (!cat)
    return CM_EXIT_INVALID;
  const CmTemplateInfo *t = cm_template_catalog_lookup(cat, template_id);
  if (!t)
    return unknown_template(cat, template_id);

  g_autofree char *target = g_canonicalize_filename(dir, NULL);
  gboolean exists, is_dir;
  if (dir_in_use(target, &exists, &is_dir))
    return cm_cli_usage_error(
        "init",
        is_dir ? _("'%s' is not empty: init writes a new dataset only into a new or empty folder "
                   "(nothing was changed)")
               : _("'%s' exists and is not a folder (nothing was changed)"),
        dir);

  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GPtrArray) rows = cm_template_read_rows(t, diags);
  if (!rows) {
    cm_cli_print_diagnostics(stderr, diags);
    return CM_EXIT_INVALID;
  }
  if (!template_is_valid(t, rows))
    return CM_EXIT_INVALID;

  CmLang lang = cm_lang_get();
  const char *region = region_arg ? region_arg : cm_template_info_region(t, lang);
  g_autofree char *name =
      name_arg ? g_strdup(name_arg)
               /* TRANSLATORS: the default dataset title: the chain's name, then the region */
               : g_strdup_printf(_("%s — %s"), cm_template_info_name(t, lang), region);
  g_auto(CmInitFiles) files = {0};
  cm_init_files_build(&files, t, rows, name, region, lang);

  g_autoptr(GError) err = NULL;
  g_autofree char *staging = stage(target, &files, &err);
  if (!staging) {
    fprintf(stderr, _("chainmap init: cannot write the dataset: %s\n"), err->message);
    return CM_EXIT_OUTPUT;
  }
  int e = move_into_place(staging, target, exists, &files);
  if (e == EEXIST || e == ENOTEMPTY)
    return cm_cli_usage_error("init", _("'%s' is not empty (nothing was changed)"), dir);
  if (e) {
    fprintf(stderr, _("chainmap init: cannot write the dataset into '%s': %s\n"), dir,
            g_strerror(e));
    return CM_EXIT_OUTPUT;
  }
  printf(g_dngettext(GETTEXT_PACKAGE, "Created %s from the template %s (%s, %u segment).\n",
                     "Created %s from the template %s (%s, %u segments).\n", t->n_segments),
         dir, t->id, cm_template_info_name(t, lang), t->n_segments);
  if (region_arg)
    printf(_("Study region: %s\n"), region);
  else
    printf(_("Study region: %s, the template's example: change it in dataset.ini\n"), region);
  g_autofree char *enterprises = g_build_filename(dir, "enterprises.csv", NULL);
  g_autofree char *supply = g_build_filename(dir, "supply.csv", NULL);
  printf(_("Next: fill in %s (your enterprises) and\n%s (who buys what from whom), then run: "
           "chainmap validate %s\n"),
         enterprises, supply, dir);
  return CM_EXIT_OK;
}
