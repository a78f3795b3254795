/* Pieces shared by the report writers of render/ (gaps, procurement, targets, validate): how
 * numbers read in each format (report_numbers.c), Markdown cells, tables, the header every report
 * starts with, CSV cells and the JSON members every report has (report_format.c). */
#pragma once

#include "cm_analysis.h"
#include "cm_display_name.h"
#include "cm_i18n.h"
#include "cm_report.h"
#include "json_writer.h"
#include "unit_text.h"
#include "words.h"

#include <glib.h>

/* Money for people (text, md): one decimal with thousands separators ("1,234.5"); small non-zero
 * figures keep two significant digits ("0.012") so they do not read as nothing. (transfer full) */
char *cm_report__money(double v);

/* The same into buf, which holds CM_REPORT_NUMBER_BUF bytes; returns buf. */
#define CM_REPORT_NUMBER_BUF 64
const char *cm_report__money_buf(char *buf, double v);

/* format, a text with one "%.1f" ("+%.1f pp", or its translation), with v, into buf (which holds
 * CM_REPORT_NUMBER_BUF bytes); as printf writes it in the C locale, without printf (a report
 * may write it a million times). Returns buf. */
const char *cm_report__one_decimal_buf(char *buf, const char *format, double v);

/* A ratio as a percentage for people: "64.2%", "80%". (transfer full) */
char *cm_report__percent(double ratio);
const char *cm_report__percent_buf(char *buf, double ratio); /* into buf, as above */

/* The same, with as many decimals as it takes not to look equal to threshold when it is not
 * ("79.96%" rather than "80%" against a target of 80%). (transfer full) */
char *cm_report__percent_vs(double ratio, double threshold);

/* The shortest decimal that reads back as exactly v ("64.2", "0.1", "1e+20"): unrounded figures
 * for machines (CSV). (transfer full) */
char *cm_report__number(double v);
const char *cm_report__number_buf(char *buf, double v); /* into buf, as money_buf */

/* Appends format to out with its conversions, "%1$s" .. "%9$s" or "%s" in turn, replaced by
 * args[0 ..] and "%%" by "%": what g_string_append_printf(out, format, args...) writes, without
 * printf (a national plan has 166 737 steps). A format with any other conversion, or one past
 * n_args, goes to printf after all. */
void cm_report__append_strings(GString *out, const char *format, const char *const *args,
                               guint n_args);

/* Appends text as one GitHub-flavoured Markdown table cell or heading text: | and Markdown
 * punctuation are backslash-escaped, line breaks become <br>. */
void cm_report__md_text(GString *out, const char *text);

/* Appends a table: aligned text (indented two spaces, coloured when color) or a GitHub-flavoured
 * Markdown table (numbers right-aligned), followed by a blank line. */
typedef struct _CmTextTable CmTextTable;
void cm_report__table(GString *out, const CmTextTable *table, CmReportFormat format,
                      gboolean color);

/* A report being formed: out holds what is not written yet. With a write function (a streamed
 * report, cm_report_targets_write) cm_report__pump hands out over at a row's end once it holds a
 * piece: a national report need not be held whole. Without one the report stays in out. */
typedef struct {
  GString *out;
  CmReportWriteFunc write; /* NULL: kept whole in out */
  gpointer user_data;
  GError *error; /* the write function's, once it failed */
} CmReportStream;

/* Hands out to the write function when it holds a piece's worth (anything, with all); FALSE
 * once a write failed. Without a write function it only returns TRUE. */
gboolean cm_report__pump(CmReportStream *s, gboolean all);
/* The bytes a piece gathers before it is written: 1 MiB; tests make it small. 0 restores it. */
void cm_report__set_piece_size(gsize bytes);
/* cm_report__table for a stream: the rows are handed over as they are written. */
gboolean cm_report__table_streamed(CmReportStream *s, const CmTextTable *table,
                                   CmReportFormat format, gboolean color);

/* A section heading (our own words, not dataset text): "## TEXT" in Markdown, a line in text
 * (bold, or in colour sgr when color). */
void cm_report__heading(GString *out, const char *text, const char *sgr, CmReportFormat format,
                        gboolean color);

/* A paragraph of our own words: wrapped for a terminal, one line in Markdown; then a blank
 * line in Markdown. */
void cm_report__paragraph(GString *out, const char *text, CmReportFormat format);

/* The scenario as words: "operating, construction". (transfer full) */
char *cm_report__scenario_text(guint scenario);

/* The title block of a text or Markdown report: "TITLE — WHAT", then region, unit, scenario and
 * the year filter. */
void cm_report__header(GString *out, const CmDataset *ds, const CmAnalysisOptions *options,
                       const char *what, CmReportFormat format, gboolean color);

/* "dataset", "region" and "unit" members of a JSON report. */
void cm_report__json_write_dataset(CmJsonWriter *w, const CmDataset *ds);
/* A double member value; JSON null when has is FALSE or v is not finite. */
void cm_report__json_write_double(CmJsonWriter *w, double v, gboolean has);

/* Appends one RFC 4180 cell. With neutralize, a text cell beginning with = + - @ tab or CR is
 * prefixed with ' so that spreadsheets do not run it as a formula. */
void cm_report__csv_cell(GString *out, const char *text, gboolean neutralize);

/* Starts a CSV line of cells: text cells are neutralised against spreadsheet formulas. */
void cm_report__csv_text(GString *out, gboolean first, const char *text);
void cm_report__csv_number(GString *out, double v, gboolean has);
void cm_report__csv_end(GString *out);

/* Appends "name (id)", or id alone when the name is the id: how text reports show a segment or
 * enterprise that a person reads. */
void cm_report__append_label(GString *out, const char *name, const char *id);

/* SGR colour codes of segment statuses in text reports. */
const char *cm_report__status_color(CmSegmentStatus status);
