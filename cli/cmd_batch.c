/* chainmap batch DATASET... -d OUTDIR [-T svg,png,...] [-j N] [--slide] [--manifest FILE] */
#include "batch_manifest.h"
#include "cli.h"
#include "cm_batch.h"
#include "cm_i18n.h"
#include "cm_loader.h"
#include "cm_number.h"
#include "cm_output.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* One item (a map, the reports) may take this many seconds by default (docs/batch.md). */
#define CM_BATCH_DEFAULT_ITEM_TIMEOUT 300.0

typedef struct {
  gboolean tty;
  guint width;       /* of the last progress line, to blank it */
  GPtrArray *failed; /* item names */
} Progress;

static void
format_duration(char *buf, gsize size, double seconds)
{
  guint s = (guint)(seconds + 0.5);
  g_snprintf(buf, size, "%u:%02u", s / 60, s % 60);
}

/* Terminal columns taken by s: Chinese characters take two. */
static guint
display_width(const char *s)
{
  guint w = 0;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    w += g_unichar_iszerowidth(c) ? 0 : g_unichar_iswide(c) ? 2 : 1;
  }
  return w;
}

/* The width of the terminal on stderr, so that the bar never wraps (a wrapped line cannot be
 * redrawn in place). */
static guint
terminal_columns(void)
{
  struct winsize ws;
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
    return ws.ws_col;
  return 80;
}

static void
clear_line(Progress *p)
{
  if (p->tty && p->width) {
    fprintf(stderr, "\r%*s\r", (int)p->width, "");
    p->width = 0;
  }
}

static void
on_event(const CmBatchEvent *ev, gpointer data)
{
  Progress *p = data;
  g_autofree char *shown_item = cm_cli_shown(ev->item);
  if (ev->failed) {
    clear_line(p);
    g_ptr_array_add(p->failed, g_strdup(ev->item));
    /* in a log the count goes on through failures: one "[n/m]" line per finished item */
    if (!p->tty)
      fprintf(stderr, "[%u/%u] ", ev->done, ev->total);
    g_autofree char *item = cm_cli_shown(ev->item);
    /* TRANSLATORS: keep FAILED: scripts look for it */
    fprintf(stderr, _("FAILED %s\n"), item);
    if (ev->message) {
      /* the reasons quote the dataset: each line shown escaped */
      g_auto(GStrv) lines = g_strsplit(ev->message, "\n", -1);
      for (guint i = 0; lines[i]; i++) {
        g_autofree char *shown = cm_cli_shown(lines[i]);
        if (*lines[i])
          fprintf(stderr, "    %s\n", shown);
      }
    }
  }
  if (ev->warnings) { /* once per dataset, with its reports: validate lists them */
    clear_line(p);
    if (!p->tty)
      fprintf(stderr, "[%u/%u] %s ", ev->done, ev->total, shown_item);
    fprintf(stderr,
            g_dngettext(GETTEXT_PACKAGE,
                        "(%u warning in the dataset; see the top of its gaps.md)\n",
                        "(%u warnings in the dataset; see the top of its gaps.md)\n", ev->warnings),
            ev->warnings);
    if (!p->tty)
      return;
  }
  if (!p->tty) {
    if (!ev->failed)
      fprintf(stderr, "[%u/%u] %s\n", ev->done, ev->total, shown_item);
    return;
  }
  /* a bar: done/total, the item, elapsed and an estimate of what is left */
  const guint bar = 24;
  guint filled = ev->total ? bar * ev->done / ev->total : 0;
  char elapsed[16], eta[16];
  format_duration(elapsed, sizeof elapsed, ev->elapsed);
  double left = ev->done ? ev->elapsed / ev->done * (ev->total - ev->done) : 0;
  format_duration(eta, sizeof eta, left);
  GString *line = g_string_new("[");
  for (guint i = 0; i < bar; i++)
    g_string_append(line, i < filled ? "#" : "-");
  g_string_append_printf(line, _("] %u/%u  %s elapsed, ETA %s  "), ev->done, ev->total, elapsed,
                         eta);
  /* the item name, its start cut off to keep the line on one terminal row */
  guint columns = terminal_columns() - 1;
  guint used = display_width(line->str);
  const char *item = shown_item;
  if (used + display_width(item) > columns) {
    while (*item && used + 1 + display_width(item) > columns)
      item = g_utf8_next_char(item);
    g_string_append(line, "…");
  }
  g_string_append(line, item);
  guint width = display_width(line->str);
  if (width < p->width)
    g_string_append_printf(line, "%*s", (int)(p->width - width), "");
  fputc('\r', stderr);
  fputs(line->str, stderr);
  fflush(stderr);
  p->width = MAX(width, p->width);
  g_string_free(line, TRUE);
}

static gboolean
looks_like_dataset(const char *path)
{
  if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
    g_autofree char *ini = g_build_filename(path, "dataset.ini", NULL);
    return g_file_test(ini, G_FILE_TEST_EXISTS);
  }
  return g_str_has_suffix(path, ".ini") || !g_file_test(path, G_FILE_TEST_EXISTS);
}

int
cm_cmd_batch(int argc, char **argv)
{
  g_autofree char *outdir = NULL;
  g_autofree char *formats_arg = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *jobs_arg = NULL;
  gint jobs_n = 0; /* one per core */
  gboolean slide = FALSE;
  g_autofree char *scenario = NULL, *year = NULL;
  double item_timeout = CM_BATCH_DEFAULT_ITEM_TIMEOUT;
  GOptionEntry entries[] = {
      {"scenario", 0, 0, G_OPTION_ARG_STRING, &scenario,
       N_("enterprise statuses counted, e.g. operating,construction (default: each dataset's)"),
       "LIST"},
      {"year", 0, 0, G_OPTION_ARG_STRING, &year, N_("count only the supply rows of year Y"), "Y"},
      {"dir", 'd', 0, G_OPTION_ARG_FILENAME, &outdir, N_("write everything under OUTDIR"),
       "OUTDIR"},
      {"formats", 'T', 0, G_OPTION_ARG_STRING, &formats_arg,
       N_("map formats, comma separated (default svg,png); xlsx adds brief.xlsx beside brief.html"),
       "LIST"},
      {"jobs", 'j', 0, G_OPTION_ARG_STRING, &jobs_arg,
       N_("worker processes (default: one per core)"), "N"},
      {"slide", 0, 0, G_OPTION_ARG_NONE, &slide, N_("size maps for a 16:9 slide"), NULL},
      {"item-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &item_timeout,
       N_("seconds one map or report may take before it is stopped and reported as failed "
          "(default 300; 0: no limit)"),
       "SECONDS"},
      {"manifest", 0, 0, G_OPTION_ARG_FILENAME, &manifest,
       N_("jobs from a key file: one [group] per job (see docs/batch.md)"), "FILE"},
      G_OPTION_ENTRY_NULL,
  };
  /* "-j2" as make takes it; GOption only knows "-j 2" */
  g_autoptr(GPtrArray) args = g_ptr_array_new();
  gboolean options = TRUE;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    options &= strcmp(a, "--") != 0;
    if (options && g_str_has_prefix(a, "-j") && a[2] &&
        strspn(a + 2, "0123456789") == strlen(a + 2)) {
      g_ptr_array_add(args, (gpointer) "-j");
      g_ptr_array_add(args, (gpointer)(a + 2));
    } else {
      g_ptr_array_add(args, (gpointer)a);
    }
  }
  g_ptr_array_add(args, NULL);
  argc = (int)args->len - 1;
  argv = (char **)args->pdata;
  g_autoptr(GOptionContext) ctx = cm_cli_context("batch", entries);
  if (!cm_cli_parse(ctx, "batch", &argc, &argv))
    return CM_EXIT_USAGE;
  if (!outdir)
    return cm_cli_usage_error("batch", _("missing -d OUTDIR"));
  if (argc < 2 && !manifest)
    return cm_cli_usage_error("batch", _("missing DATASET (or --manifest FILE)"));
  if (!cm_cli_parse_count("batch", "-j", jobs_arg, 1, 256, &jobs_n))
    return CM_EXIT_USAGE;
  guint scenario_bits = 0;
  g_autofree char *bad_status = NULL;
  if (scenario && !cm_scenario_parse(scenario, &scenario_bits, &bad_status))
    return cm_cli_usage_error(
        "batch", _("bad --scenario '%s': '%s' is not operating, construction or signed"), scenario,
        bad_status);
  gint32 year_value = 0;
  if (year && !cm_year_parse(year, &year_value))
    return cm_cli_usage_error("batch", _("bad --year '%s': expected a whole year such as 2024"),
                              year);
  if (!(item_timeout >= 0 && item_timeout <= 86400))
    return cm_cli_usage_error("batch",
                              _("--item-timeout takes seconds from 0 (no limit) to 86400"));
  guint formats = (1u << CM_MAP_SVG) | (1u << CM_MAP_PNG);
  g_autofree char *bad = NULL;
  if (formats_arg && !cm_cli_parse_formats(formats_arg, &formats, &bad))
    return cm_cli_usage_error("batch", _("unknown format '%s' (svg, png, pdf, dot or xlsx)"), bad);

  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func((GDestroyNotify)cm_batch_job_free);
  for (int i = 1; i < argc; i++) {
    if (!looks_like_dataset(argv[i])) {
      /* so that a glob over a folder of datasets passes over a README beside them */
      if (g_file_test(argv[i], G_FILE_TEST_IS_REGULAR) && g_str_has_suffix(argv[i], ".csv"))
        fprintf(stderr,
                _("chainmap batch: skipping %s: a table file, not a dataset; give the folder or "
                  "dataset.ini\n"),
                argv[i]);
      else
        fprintf(stderr,
                _("chainmap batch: skipping %s: not a dataset (a folder holding dataset.ini, "
                  "or an .ini file)\n"),
                argv[i]);
      continue;
    }
    g_ptr_array_add(jobs, cm_batch_job_new(argv[i], formats, slide));
  }
  if (jobs->len == 0 && !manifest)
    return cm_cli_usage_error("batch", _("no dataset among the arguments"));
  if (manifest) {
    g_autoptr(GError) err = NULL;
    if (!cm_cli_read_manifest(manifest, formats, slide, jobs, &err))
      return cm_cli_usage_error("batch", "%s", err->message);
  }

  Progress progress = {.tty = isatty(STDERR_FILENO),
                       .failed = g_ptr_array_new_with_free_func(g_free)};
  CmBatchConfig config = {
      .has_scenario = scenario != NULL,
      .scenario = scenario_bits,
      .by_year = year != NULL,
      .year = year_value,
      .jobs = jobs,
      .outdir = outdir,
      .workers = (guint)jobs_n,
      .item_timeout = item_timeout,
      .load = cm_dataset_load,
      .on_event = on_event,
      .user_data = &progress,
  };
  g_autoptr(GTimer) timer = g_timer_new();
  guint failed = 0;
  g_autoptr(GError) err = NULL;
  gboolean ok = cm_batch_run(&config, &failed, &err);
  clear_line(&progress);
  g_autofree char *index = g_build_filename(outdir, "index.html", NULL);
  int rc = CM_EXIT_OK;
  if (!ok) {
    g_autofree char *shown = cm_cli_shown(err->message);
    fprintf(stderr, "chainmap batch: %s\n", shown);
    rc = CM_EXIT_OUTPUT;
    /* nothing was written: say so when it is the lock, which is no broken disk */
    if (g_error_matches(err, CM_RENDER_ERROR, CM_RENDER_ERROR_BUSY))
      fprintf(stderr, "%s\n", _("Nothing was written."));
  } else {
    /* one sentence per case, so that each translates whole (no plural suffixes) */
    if (failed)
      fprintf(stderr,
              _("Batch done in %.1f s: jobs %u, failed items %u (see FAILED above). Open %s\n"),
              g_timer_elapsed(timer, NULL), jobs->len, progress.failed->len, index);
    else
      fprintf(stderr, _("Batch done in %.1f s: jobs %u, failed items %u. Open %s\n"),
              g_timer_elapsed(timer, NULL), jobs->len, progress.failed->len, index);
    rc = failed ? CM_EXIT_INVALID : CM_EXIT_OK;
  }
  g_ptr_array_free(progress.failed, TRUE);
  return rc;
}
