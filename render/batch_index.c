/* OUTDIR/index.html: one page listing every dataset with its maps and headline figures, usable
 * offline (no external assets, no script). Dataset text is escaped; file links are our own slugs,
 * percent-encoded. */
#include "batch_private.h"
#include "cm_i18n.h"
#include "cm_output.h"

#include <string.h>

static void
append_escaped(GString *out, const char *text)
{
  g_autofree char *e = g_markup_escape_text(text ? text : "", -1);
  g_string_append(out, e);
}

static void
append_href(GString *out, const char *slug, const char *file)
{
  g_autofree char *a = g_uri_escape_string(slug, NULL, FALSE);
  g_autofree char *b = g_uri_escape_string(file, NULL, FALSE);
  g_string_append_printf(out, "%s/%s", a, b);
}

static const char *const style =
    "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:2rem auto;max-width:72rem;"
    "color:#1f2933;padding:0 1rem;line-height:1.4}"
    "h1{font-size:1.6rem;margin-bottom:.2rem}"
    ".sub{color:#52606d;margin-top:0}"
    "a{color:#0b5cad}"
    "table{border-collapse:collapse}"
    "table.overview{width:100%;margin:1rem 0 1.5rem;font-size:.95rem}"
    ".overview th,.overview td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid "
    "#d9e2ec}"
    ".overview th{background:#f0f4f8;font-weight:600;white-space:nowrap}"
    ".overview td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "section{border:1px solid #d9e2ec;border-radius:8px;padding:1rem 1.2rem;margin:1.2rem 0}"
    "section.failed{border-color:#e12d39;background:#fff5f5}"
    "details.warnings{margin:.4em 0;color:#8a5a00}details.warnings pre{white-space:pre-wrap}"
    "h2{font-size:1.25rem;margin:.1rem 0 .3rem}"
    ".figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.6rem;"
    "margin:.6rem 0 .9rem}"
    ".fig{background:#f0f4f8;border-radius:6px;padding:.45rem .7rem;font-size:.9rem}"
    ".fig b{display:block;font-size:1.3rem}"
    ".ok b,.ok{color:#1f7a3d}.below b,.below{color:#b44d12}"
    "img.thumb{display:block;max-width:100%;max-height:36rem;margin:0 auto;border:1px solid "
    "#d9e2ec;border-radius:4px;background:#fff}"
    "table.files{margin:.8rem 0 .2rem}"
    ".files td{padding:.2rem 1rem .2rem 0;vertical-align:top}"
    ".files a.fmt{display:inline-block;min-width:2.6rem;margin-right:.3rem;padding:0 .3rem;"
    "border:1px solid #bcccdc;border-radius:4px;text-align:center;text-decoration:none;"
    "font-size:.85rem}"
    ".badge{color:#fff;background:#e12d39;border-radius:4px;padding:0 .35rem;font-size:.8rem}"
    "pre{white-space:pre-wrap;font-size:.85rem;background:#fff;border:1px solid #f5c2c7;"
    "padding:.5rem;border-radius:4px}"
    "footer{color:#52606d;font-size:.85rem;margin:2rem 0}";

static const char *
title_of(const CmBatchDataset *d)
{
  return d->has_headline && *d->headline.name ? d->headline.name : d->slug;
}

static void
format_ratio(char *buf, gsize size, const CmBatchHeadline *h)
{
  if (h->has_ratio)
    g_snprintf(buf, size, "%.1f%%", h->ratio * 100);
  else
    g_strlcpy(buf, _("n/a"), size);
}

/* One line per dataset, linking to its section: what a reader of twenty datasets looks at first. */
static void
append_overview(GString *out, GPtrArray *datasets)
{
  g_string_append_printf(out,
                         "<table class=\"overview\">\n<tr><th>%s</th><th>%s</th><th>%s</th>"
                         "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                         _("Dataset"), _("Region"), _("Complete"), _("Leaders' local buying"),
                         C_("action", "strengthen"), C_("action", "supplement"),
                         C_("action", "extend"));
  for (guint i = 0; i < datasets->len; i++) {
    const CmBatchDataset *d = g_ptr_array_index(datasets, i);
    g_string_append(out, "<tr><td><a href=\"#");
    append_escaped(out, d->slug);
    g_string_append(out, "\">");
    append_escaped(out, title_of(d));
    g_string_append(out, "</a>");
    if (d->failed)
      g_string_append_printf(out, " <span class=\"badge\">%s</span>", _("failed"));
    g_string_append(out, "</td>");
    if (!d->has_headline) {
      g_string_append(out, "<td colspan=\"6\"></td></tr>\n");
      continue;
    }
    const CmBatchHeadline *h = &d->headline;
    char ratio[32];
    format_ratio(ratio, sizeof ratio, h);
    g_string_append(out, "<td>");
    append_escaped(out, h->region);
    g_string_append_printf(out,
                           "</td><td class=\"num\">%.0f%%</td><td class=\"num %s\">%s "
                           "<small>/ %.0f%%</small></td><td class=\"num\">%u</td>"
                           "<td class=\"num\">%u</td><td class=\"num\">%u</td></tr>\n",
                           h->completeness * 100, h->meets ? "ok" : "below", ratio, h->target * 100,
                           h->strengthen, h->supplement, h->extend);
  }
  g_string_append(out, "</table>\n");
}

static void
append_figure(GString *out, const char *cls, const char *value, const char *label)
{
  g_string_append_printf(out, "<div class=\"fig %s\"><b>%s</b>%s</div>", cls, value, label);
}

static void
append_figures(GString *out, const CmBatchHeadline *h)
{
  char buf[64], label[128];
  g_string_append(out, "<div class=\"figures\">");
  g_snprintf(buf, sizeof buf, "%.0f%%", h->completeness * 100);
  g_snprintf(label, sizeof label, _("complete: %u of %u links made locally"), h->present,
             h->segments);
  append_figure(out, "", buf, label);
  format_ratio(buf, sizeof buf, h);
  g_snprintf(label, sizeof label,
             h->meets ? _("leaders' local procurement (target %.0f%%, met)")
                      : _("leaders' local procurement (target %.0f%%, not met)"),
             h->target * 100);
  append_figure(out, h->meets ? "ok" : "below", buf, label);
  g_snprintf(buf, sizeof buf, "%u", h->strengthen);
  append_figure(out, "", buf, _("links to strengthen"));
  g_snprintf(buf, sizeof buf, "%u", h->supplement);
  append_figure(out, "", buf, _("links to supplement"));
  g_snprintf(buf, sizeof buf, "%u", h->extend);
  append_figure(out, "", buf, _("links to extend"));
  g_string_append(out, "</div>\n");
}

static const CmBatchFile *
thumbnail(const CmBatchDataset *d)
{
  const CmBatchFile *best = NULL;
  for (guint k = 0; k < d->files->len; k++) {
    const CmBatchFile *f = &g_array_index(d->files, CmBatchFile, k);
    if (strcmp(f->label, _("Chain map")) != 0) /* the label batch.c gave it */
      continue;
    if (g_str_has_suffix(f->file, ".svg"))
      return f;
    if (g_str_has_suffix(f->file, ".png") && !best)
      best = f;
  }
  return best;
}

/* The files, one row per map: files of one map sit next to each other (one per format). */
static void
append_files(GString *out, const CmBatchDataset *d)
{
  g_string_append(out, "<table class=\"files\">\n");
  for (guint k = 0; k < d->files->len;) {
    const CmBatchFile *first = &g_array_index(d->files, CmBatchFile, k);
    g_string_append(out, "<tr><td>");
    append_escaped(out, first->label);
    g_string_append(out, "</td><td>");
    for (; k < d->files->len; k++) {
      const CmBatchFile *f = &g_array_index(d->files, CmBatchFile, k);
      if (strcmp(f->label, first->label) != 0)
        break;
      const char *dot = strrchr(f->file, '.');
      g_autofree char *ext = g_ascii_strup(dot ? dot + 1 : f->file, -1);
      g_string_append(out, "<a class=\"fmt\" href=\"");
      append_href(out, d->slug, f->file);
      g_string_append(out, "\" title=\"");
      append_escaped(out, f->file);
      g_string_append(out, "\">");
      append_escaped(out, ext);
      g_string_append(out, "</a>");
    }
    g_string_append(out, "</td></tr>\n");
  }
  g_string_append(out, "</table>\n");
}

static void
append_dataset(GString *out, const CmBatchDataset *d)
{
  g_string_append_printf(out, "<section%s id=\"", d->failed ? " class=\"failed\"" : "");
  append_escaped(out, d->slug);
  g_string_append(out, "\">\n<h2>");
  append_escaped(out, title_of(d));
  g_string_append(out, "</h2>\n<p class=\"sub\">");
  if (d->has_headline) {
    append_escaped(out, d->headline.region);
    g_string_append(out, " · ");
  }
  append_escaped(out, d->path);
  g_string_append(out, "</p>\n");
  if (d->has_headline)
    append_figures(out, &d->headline);
  guint n_warnings =
      d->has_headline && d->headline.warnings ? g_strv_length(d->headline.warnings) : 0;
  if (n_warnings) {
    g_string_append(out, "<details class=\"warnings\"><summary>");
    g_autofree char *head =
        g_strdup_printf(g_dngettext(GETTEXT_PACKAGE, "%u warning in the dataset",
                                    "%u warnings in the dataset", n_warnings),
                        n_warnings);
    append_escaped(out, head);
    g_string_append(out, "</summary><pre>");
    for (guint k = 0; k < n_warnings; k++) {
      append_escaped(out, d->headline.warnings[k]);
      g_string_append_c(out, '\n');
    }
    g_string_append(out, "</pre></details>\n");
  }
  const CmBatchFile *thumb = thumbnail(d);
  if (thumb) {
    g_string_append(out, "<a href=\"");
    append_href(out, d->slug, thumb->file);
    g_string_append(out, "\"><img class=\"thumb\" loading=\"lazy\" alt=\"");
    g_autofree char *alt = g_strdup_printf(_("chain map of %s"), title_of(d));
    append_escaped(out, alt);
    g_string_append(out, "\" src=\"");
    append_href(out, d->slug, thumb->file);
    g_string_append(out, "\"></a>\n");
  }
  if (d->files->len)
    append_files(out, d);
  if (d->failed) {
    g_string_append_printf(out, "<p><b>%s</b></p><pre>", _("Failed:"));
    append_escaped(out, d->messages->str);
    g_string_append(out, "</pre>\n");
  }
  g_string_append(out, "</section>\n");
}

gboolean
cm_batch__write_index(const char *outdir, GPtrArray *datasets, GError **error)
{
  gboolean zh = cm_lang_get() == CM_LANG_ZH;
  g_autoptr(GString) out = g_string_new(NULL);
  g_string_append_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", zh ? "zh-CN" : "en");
  g_string_append_printf(out,
                         "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                         "content=\"width=device-width, initial-scale=1\">\n"
                         "<title>chainmap — %s</title>\n<style>",
                         _("chain maps and reports"));
  g_string_append(out, style);
  g_string_append_printf(out, "</style>\n</head>\n<body>\n<h1>%s</h1>\n",
                         _("Chain maps and reports"));
  guint failed = 0;
  for (guint d = 0; d < datasets->len; d++)
    failed += ((CmBatchDataset *)g_ptr_array_index(datasets, d))->failed;
  g_autoptr(GDateTime) now = g_date_time_new_now_local();
  g_autofree char *when = g_date_time_format(now, "%Y-%m-%d %H:%M");
  g_string_append(out, "<p class=\"sub\">");
  g_string_append_printf(out,
                         NG_("%u dataset, %u failed · made %s by chainmap",
                             "%u datasets, %u failed · made %s by chainmap", datasets->len),
                         datasets->len, failed, when);
  g_string_append(out, "</p>\n");
  if (datasets->len > 1)
    append_overview(out, datasets);
  for (guint d = 0; d < datasets->len; d++)
    append_dataset(out, g_ptr_array_index(datasets, d));
  g_string_append_printf(out, "<footer>%s</footer>\n",
                         _("SVG maps show the full figures in tooltips; the reports are Markdown. "
                           "Chain leaders' maps show what each leader buys, from whom, and how "
                           "much of it is local (two supply steps upstream)."));
  g_string_append(out, "</body>\n</html>\n");
  g_autofree char *path = g_build_filename(outdir, "index.html", NULL);
  return cm_output_write_replace(path, out->str, out->len, error);
}
