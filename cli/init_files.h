/* The files of a new dataset made by chainmap init: dataset.ini with the analysis defaults and
 * comments, segments.csv from a template, and the header rows of enterprises.csv and supply.csv,
 * ready to fill in a spreadsheet (UTF-8 with a BOM, so that Excel reads the Chinese right). */
#pragma once

#include "cm_i18n.h"
#include "cm_template_catalog.h"

#include <glib.h>

typedef struct {
  const char *name; /* file name inside the dataset folder */
  GString *text;
} CmInitFile;

typedef struct {
  CmInitFile files[4]; /* dataset.ini, segments.csv, enterprises.csv, supply.csv */
} CmInitFiles;

/* Builds the four files from the template's rows (cm_template_read_rows) in lang: with zh the
 * CSV headers and tiers are Chinese (SPEC section 1 accepts both) and groups the template's
 * Chinese ones, with en its English ones (group_en). */
void cm_init_files_build(CmInitFiles *files, const CmTemplateInfo *t, const GPtrArray *rows,
                         const char *name, const char *region, CmLang lang);
void cm_init_files_clear(CmInitFiles *files);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmInitFiles, cm_init_files_clear)

/* The bundled templates' catalogue (cmd_templates.c), or NULL after printing why it cannot be
 * read. (transfer full) */
CmTemplateCatalog *cm_cli_templates_load(void);
