/* The bundled reference chains (templates/ in the source tree, share/chainmap/templates when
 * installed): index.ini names each template, its folder holds segments.csv and README.md. */
#pragma once

#include "cm_diagnostics.h"
#include "cm_i18n.h"

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *id;                 /* the folder name: a short lowercase ASCII slug */
  char *name, *name_en;     /* Chinese and English display names */
  char *scope, *scope_en;   /* one line each */
  char *region, *region_en; /* the example study region init proposes */
  char *segments_path;      /* its segments.csv */
  guint n_segments;         /* data rows of segments.csv */
} CmTemplateInfo;

typedef struct _CmTemplateCatalog CmTemplateCatalog;

/* Environment variable naming the templates folder; it overrides every other place. */
#define CM_TEMPLATES_ENV "CHAINMAP_TEMPLATES"

/* The templates folder: $CHAINMAP_TEMPLATES when set; else the first holding index.ini of
 * ../share/chainmap/templates beside the running program, the source tree's templates/ (a build
 * that is not installed) and the configured install folder. NULL with an error listing the
 * places tried. (transfer full) */
char *cm_template_catalog_find_dir(GError **error);

/* Reads dir/index.ini and counts each template's segments. A missing key, a bad id or an
 * unreadable segments.csv is an error naming the file. (transfer full) */
CmTemplateCatalog *cm_template_catalog_load(const char *dir, GError **error);
void cm_template_catalog_free(CmTemplateCatalog *catalog);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmTemplateCatalog, cm_template_catalog_free)

const char *cm_template_catalog_dir(const CmTemplateCatalog *catalog);
/* Templates in index.ini order. */
guint cm_template_catalog_len(const CmTemplateCatalog *catalog);
const CmTemplateInfo *cm_template_catalog_get(const CmTemplateCatalog *catalog, guint i);
/* The template with that id, or NULL. */
const CmTemplateInfo *cm_template_catalog_lookup(const CmTemplateCatalog *catalog, const char *id);
/* The id closest to a mistyped one (see cm_suggest), or NULL. */
const char *cm_template_catalog_suggest(const CmTemplateCatalog *catalog, const char *id);

/* Name, scope and example region in a language. */
const char *cm_template_info_name(const CmTemplateInfo *t, CmLang lang);
const char *cm_template_info_scope(const CmTemplateInfo *t, CmLang lang);
const char *cm_template_info_region(const CmTemplateInfo *t, CmLang lang);

/* The rows of a template's segments.csv, header first, each a NULL-terminated array of trimmed
 * fields (GStrv). NULL when the file cannot be read as CSV; diags says why. (transfer full) */
GPtrArray *cm_template_read_rows(const CmTemplateInfo *t, CmDiagnostics *diags);

G_END_DECLS
