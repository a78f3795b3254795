/* OUTDIR/index.html: one page listing every dataset with its maps and headline figures, usable
 * offline (no external assets). Dataset text is escaped; file links are our own slugs,
 * percent-encoded. */
#include "batch_private.h"
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
    "color:#1f2933;padding:0 1rem}"
    "h1{font-size:1.6rem;margin-bottom:.2rem}"
    ".sub{color:#52606d;margin-top:0}"
    "section{border:1px solid #d9e2ec;border-radius:8px;padding:1rem 1.2rem;margin:1.2rem 0}"
    "section.failed{border-color:#e12d39;background:#fff5f5}"
    "h2{font-size:1.25rem;margin:.1rem 0 .6rem}"
    ".figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:.4rem 0 .8rem}"
    ".fig{background:#f0f4f8;border-radius:6px;padding:.4rem .7rem}"
    ".fig b{display:block;font-size:1.2rem}"
    ".ok b{color:#1f7a3d}.below b{color:#b44d12}"
    "img.thumb{max-width:100%;border:1px solid #d9e2ec;border-radius:4px;background:#fff}"
    "ul{margin:.3rem 0}pre{white-space:pre-wrap;font-size:.85rem}";

static void
append_figure(GString *out, const char *cls, const char *value, const char *label)
{
  g_string_append_printf(out, "<div class=\"fig %s\"><b>%s</b>%s</div>", cls, value, label);
}

static const CmBatchFile *
thumbnail(const CmBatchDataset *d)
{
  const CmBatchFile *best = NULL;
  for (guint k = 0; k < d->files->len; k++) {
    const CmBatchFile *f = &g_array_index(d->files, CmBatchFile, k);
    if (strcmp(f->label, "Chain map") != 0)
      continue;
    if (g_str_has_suffix(f->file, ".svg"))
      return f;
    if (g_str_has_suffix(f->file, ".png"))
      best = f;
  }
  return best;
}

static void
append_dataset(GString *out, const CmBatchDataset *d)
{
  g_string_append_printf(out, "<section%s>\n<h2>", d->failed ? " class=\"failed\"" : "");
  append_escaped(out, d->has_headline && *d->headline.name ? d->headline.name : d->slug);
  g_string_append(out, "</h2>\n<p class=\"sub\">");
  if (d->has_headline) {
    append_escaped(out, d->headline.region);
    g_string_append(out, " · ");
  }
  append_escaped(out, d->path);
  g_string_append(out, "</p>\n");
  if (d->has_headline) {
    const CmBatchHeadline *h = &d->headline;
    char buf[64], label[128];
    g_string_append(out, "<div class=\"figures\">");
    g_snprintf(buf, sizeof buf, "%.0f%%", h->completeness * 100);
    g_snprintf(label, sizeof label, "complete (%u of %u links made locally)", h->present,
               h->segments);
    append_figure(out, "", buf, label);
    if (h->has_ratio)
      g_snprintf(buf, sizeof buf, "%.1f%%", h->ratio * 100);
    else
      g_strlcpy(buf, "n/a", sizeof buf);
    g_snprintf(label, sizeof label, "leaders' local procurement (target %.0f%%%s)",
               h->target * 100, h->meets ? ", met" : ", not met");
    append_figure(out, h->meets ? "ok" : "below", buf, label);
    g_snprintf(buf, sizeof buf, "%u", h->strengthen);
    append_figure(out, "", buf, "to strengthen 强链");
    g_snprintf(buf, sizeof buf, "%u", h->supplement);
    append_figure(out, "", buf, "to supplement 补链");
    g_snprintf(buf, sizeof buf, "%u", h->extend);
    append_figure(out, "", buf, "to extend 延链");
    g_string_append(out, "</div>\n");
  }
  const CmBatchFile *thumb = thumbnail(d);
  if (thumb) {
    g_string_append(out, "<a href=\"");
    append_href(out, d->slug, thumb->file);
    g_string_append(out, "\"><img class=\"thumb\" alt=\"chain map\" src=\"");
    append_href(out, d->slug, thumb->file);
    g_string_append(out, "\"></a>\n");
  }
  if (d->files->len) {
    g_string_append(out, "<ul>\n");
    for (guint k = 0; k < d->files->len; k++) {
      const CmBatchFile *f = &g_array_index(d->files, CmBatchFile, k);
      g_string_append(out, "<li><a href=\"");
      append_href(out, d->slug, f->file);
      g_string_append(out, "\">");
      append_escaped(out, f->label);
      g_string_append(out, "</a> <small>");
      append_escaped(out, f->file);
      g_string_append(out, "</small></li>\n");
    }
    g_string_append(out, "</ul>\n");
  }
  if (d->failed) {
    g_string_append(out, "<p><b>Failed:</b></p><pre>");
    append_escaped(out, d->messages->str);
    g_string_append(out, "</pre>\n");
  }
  g_string_append(out, "</section>\n");
}

gboolean
cm_batch__write_index(const char *outdir, GPtrArray *datasets, GError **error)
{
  g_autoptr(GString) out = g_string_new("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n");
  g_string_append(out, "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                       "content=\"width=device-width, initial-scale=1\">\n"
                       "<title>chainmap — chain maps and reports</title>\n<style>");
  g_string_append(out, style);
  g_string_append(out, "</style>\n</head>\n<body>\n<h1>Chain maps and reports 产业链图谱</h1>\n");
  guint failed = 0;
  for (guint d = 0; d < datasets->len; d++)
    failed += ((CmBatchDataset *)g_ptr_array_index(datasets, d))->failed;
  g_autoptr(GDateTime) now = g_date_time_new_now_local();
  g_autofree char *when = g_date_time_format(now, "%Y-%m-%d %H:%M");
  g_string_append_printf(out, "<p class=\"sub\">%u dataset%s, %u failed · made %s by chainmap</p>\n",
                         datasets->len, datasets->len == 1 ? "" : "s", failed, when);
  for (guint d = 0; d < datasets->len; d++)
    append_dataset(out, g_ptr_array_index(datasets, d));
  g_string_append(out, "</body>\n</html>\n");
  g_autofree char *path = g_build_filename(outdir, "index.html", NULL);
  return cm_output_write(path, out->str, out->len, error);
}
