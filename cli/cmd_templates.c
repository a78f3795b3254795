/* chainmap templates [--format text|json]: the bundled reference chains. */
#include "cli.h"
#include "cm_i18n.h"
#include "cm_template_catalog.h"
#include "init_files.h"
#include "json_writer.h"
#include "text_table.h"

#include <string.h>

/* Scope lines wrap at this many cells (after a 4-cell indent): the list reads at 80 columns. */
#define WRAP 74

static void
write_text(const CmTemplateCatalog *cat, GString *out)
{
  CmLang lang = cm_lang_get();
  guint n = cm_template_catalog_len(cat);
  guint id_width = 0;
  for (guint i = 0; i < n; i++)
    id_width = MAX(id_width, (guint)strlen(cm_template_catalog_get(cat, i)->id));
  g_string_append_printf(out, _("Reference chains bundled with chainmap: %u.\n"), n);
  g_string_append(out, _("Start a dataset from one: chainmap init DIR --template ID\n"));
  for (guint i = 0; i < n; i++) {
    const CmTemplateInfo *t = cm_template_catalog_get(cat, i);
    g_autofree char *name = cm_text_sanitize(cm_template_info_name(t, lang));
    g_autofree char *scope = cm_text_sanitize(cm_template_info_scope(t, lang));
    g_string_append_printf(out, "\n%-*s  %s  ", (int)id_width, t->id, name);
    g_string_append_printf(
        out, g_dngettext(GETTEXT_PACKAGE, "(%u segment)", "(%u segments)", t->n_segments),
        t->n_segments);
    g_string_append_c(out, '\n');
    cm_text_paragraph(out, scope, WRAP, "    ");
  }
}

/* Both languages whatever --lang: the keys of index.ini. */
static void
write_json(const CmTemplateCatalog *cat, GString *out)
{
  CmJsonWriter w;
  cm_json_writer_init(&w, out);
  cm_json_begin_object(&w);
  cm_json_member(&w, "templates");
  cm_json_begin_array(&w);
  for (guint i = 0; i < cm_template_catalog_len(cat); i++) {
    const CmTemplateInfo *t = cm_template_catalog_get(cat, i);
    cm_json_begin_object(&w);
    const char *keys[] = {"id", "name", "name_en", "scope", "scope_en", "region", "region_en"};
    const char *values[] = {t->id,       t->name,   t->name_en,  t->scope,
                            t->scope_en, t->region, t->region_en};
    for (guint k = 0; k < G_N_ELEMENTS(keys); k++) {
      cm_json_member(&w, keys[k]);
      cm_json_string(&w, values[k]);
    }
    cm_json_member(&w, "segments");
    cm_json_int(&w, t->n_segments);
    cm_json_end_object(&w);
  }
  cm_json_end_array(&w);
  cm_json_end_object(&w);
  cm_json_writer_end(&w);
}

CmTemplateCatalog *
cm_cli_templates_load(void)
{
  g_autoptr(GError) err = NULL;
  g_autofree char *dir = cm_template_catalog_find_dir(&err);
  CmTemplateCatalog *cat = dir ? cm_template_catalog_load(dir, &err) : NULL;
  if (!cat)
    fprintf(stderr, "chainmap: %s\n", err->message);
  return cat;
}

int
cm_cmd_templates(int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), "FORMAT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("write to FILE (default: stdout)"),
       "FILE"},
      G_OPTION_ENTRY_NULL,
  };
  g_autoptr(GOptionContext) ctx = cm_cli_context("templates", entries);
  if (!cm_cli_parse(ctx, "templates", &argc, &argv))
    return CM_EXIT_USAGE;
  if (argc > 1)
    return cm_cli_usage_error("templates", _("unexpected argument '%s'"), argv[1]);
  gboolean json = FALSE;
  if (format && !(json = g_str_equal(format, "json")) && !g_str_equal(format, "text"))
    return cm_cli_usage_error("templates", _("unknown format '%s' (text or json)"), format);
  g_autoptr(CmTemplateCatalog) cat = cm_cli_templates_load();
  if (!cat)
    return CM_EXIT_INVALID;
  g_autoptr(GString) out = g_string_new(NULL);
  if (json)
    write_json(cat, out);
  else
    write_text(cat, out);
  return cm_cli_write(output, out);
}
