/* The batch process pool: the parent plans items and hands them out one at a time over pipes, so
 * both cores stay busy; workers load datasets (caching the last one), draw and write. */
#include "batch_private.h"
#include "cm_output.h"
#include "cm_report.h"
#include "cm_slug.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef enum {
  ITEM_REPORTS, /* gaps.md and procurement.md; tells the parent the leaders */
  ITEM_CHAIN,
  ITEM_NETWORK,
} ItemKind;

typedef enum {
  ITEM_PENDING,
  ITEM_DONE,
  ITEM_FAILED,
} ItemState;

typedef struct {
  guint dataset;
  ItemKind kind;
  CmMapFormat format;
  char *focus; /* enterprise id, or NULL */
  guint depth;
  gboolean slide;
  char *file;  /* relative to the dataset folder */
  char *label; /* for the index */
  ItemState state;
  char *why; /* when it failed */
} Item;

typedef struct {
  GPid pid;
  int to_worker;
  int from_worker;
  gint item; /* in flight, or -1 */
} Worker;

#define QUIT G_MAXUINT32
#define ITEM_TYPE "(usuusubs)"
#define HEADLINE_TYPE "(sssduuuuubddba(ss))"

CmBatchJob *
cm_batch_job_new(const char *dataset, guint formats, gboolean slide)
{
  CmBatchJob *job = g_new0(CmBatchJob, 1);
  job->dataset = g_strdup(dataset);
  job->chain = TRUE;
  job->leaders = TRUE;
  job->depth = 2;
  job->formats = formats;
  job->slide = slide;
  return job;
}

void
cm_batch_job_free(CmBatchJob *job)
{
  if (!job)
    return;
  g_free(job->dataset);
  g_free(job->name);
  g_free(job->focus);
  g_free(job);
}

/* --- pipes ---------------------------------------------------------------------------------- */

static gboolean
write_all(int fd, const void *data, gsize len)
{
  const char *p = data;
  while (len > 0) {
    gssize n = write(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    p += n;
    len -= (gsize)n;
  }
  return TRUE;
}

static gboolean
read_all(int fd, void *data, gsize len)
{
  char *p = data;
  while (len > 0) {
    gssize n = read(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return FALSE;
    p += n;
    len -= (gsize)n;
  }
  return TRUE;
}

/* A message: a 32-bit tag, a 32-bit status, a 32-bit length, then the bytes. */
static gboolean
send_message(int fd, guint32 tag, guint32 status, const void *data, guint32 len)
{
  guint32 head[3] = {tag, status, len};
  return write_all(fd, head, sizeof head) && write_all(fd, data, len);
}

static gboolean
receive_message(int fd, guint32 *tag, guint32 *status, GBytes **payload)
{
  guint32 head[3];
  if (!read_all(fd, head, sizeof head))
    return FALSE;
  char *data = g_malloc(head[2] + 1);
  if (!read_all(fd, data, head[2])) {
    g_free(data);
    return FALSE;
  }
  *tag = head[0];
  *status = head[1];
  *payload = g_bytes_new_take(data, head[2]);
  return TRUE;
}

/* --- worker --------------------------------------------------------------------------------- */

typedef struct {
  const CmBatchConfig *config;
  char *path; /* of the cached dataset */
  CmDataset *ds;
  GString *failure; /* why the cached dataset did not load */
} WorkerState;

static CmDataset *
worker_dataset(WorkerState *w, const char *path, GString *why)
{
  if (g_strcmp0(w->path, path) != 0) {
    g_clear_pointer(&w->ds, cm_dataset_free);
    g_free(w->path);
    w->path = g_strdup(path);
    g_string_truncate(w->failure, 0);
    g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
    g_autoptr(GError) err = NULL;
    w->ds = w->config->load(path, diags, &err);
    if (!w->ds) {
      for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
        const CmDiagnostic *d = cm_diagnostics_get(diags, i);
        if (d->severity != CM_SEVERITY_ERROR)
          continue;
        g_autofree char *line = cm_diagnostic_format(d);
        g_string_append_printf(w->failure, "%s\n", line);
      }
      g_string_append_printf(w->failure, "%s\n", err ? err->message : "cannot load the dataset");
    }
  }
  if (!w->ds)
    g_string_append(why, w->failure->str);
  return w->ds;
}

static GVariant *
headline_variant(const CmDataset *ds, const CmGaps *gaps, const CmProcurement *p)
{
  GVariantBuilder leaders;
  g_variant_builder_init(&leaders, G_VARIANT_TYPE("a(ss)"));
  for (guint k = 0; k < p->leaders->len; k++) {
    const CmEnterprise *e = cm_dataset_enterprise(ds, g_array_index(p->leaders, guint32, k));
    g_variant_builder_add(&leaders, "(ss)", e->id, e->name);
  }
  return g_variant_new(HEADLINE_TYPE, ds->name, ds->region, ds->unit, gaps->completeness,
                       gaps->n_segments, gaps->present, gaps->strengthen->len,
                       gaps->supplement->len, gaps->extend->len, p->leaders_has_ratio,
                       p->leaders_ratio, p->target, p->meets_target, &leaders);
}

static gboolean
write_report(const char *path, GString *out, GString *why)
{
  g_autoptr(GError) err = NULL;
  if (!cm_output_write(path, out->str, out->len, &err)) {
    g_string_append_printf(why, "%s\n", err->message);
    return FALSE;
  }
  return TRUE;
}

/* gaps.md and procurement.md; the headline goes back to the parent. */
static GVariant *
do_reports(const CmDataset *ds, const char *dir, GString *why)
{
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(GError) err = NULL;
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &options, &err);
  g_autoptr(CmProcurement) p = gaps ? cm_procurement_compute(ds, &options, &err) : NULL;
  if (!p) {
    g_string_append_printf(why, "%s\n", err->message);
    return NULL;
  }
  CmReportOptions ro = {.format = CM_FORMAT_MD};
  g_autoptr(GString) gaps_md = cm_report_gaps(ds, gaps, &ro);
  g_autoptr(GString) proc_md = cm_report_procurement(ds, p, &ro);
  g_autofree char *gaps_path = g_build_filename(dir, "gaps.md", NULL);
  g_autofree char *proc_path = g_build_filename(dir, "procurement.md", NULL);
  if (!write_report(gaps_path, gaps_md, why) || !write_report(proc_path, proc_md, why))
    return NULL;
  return headline_variant(ds, gaps, p);
}

static gboolean
do_map(const CmDataset *ds, ItemKind kind, CmMapFormat format, const char *focus, guint depth,
       gboolean slide, const char *path, GString *why)
{
  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  CmMapStyle style;
  cm_map_style_init(&style, format);
  style.slide = slide;
  g_autoptr(GError) err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  if (kind == ITEM_CHAIN) {
    bytes = cm_chainmap_render(ds, &options, &style, &err);
  } else {
    gint64 f = focus && *focus ? cm_dataset_find_enterprise(ds, focus) : -1;
    if (focus && *focus && f < 0) {
      g_string_append_printf(why, "no enterprise '%s' to focus on\n", focus);
      return FALSE;
    }
    bytes = cm_network_map_render(ds, &options, f, depth, &style, &err);
  }
  if (!bytes) {
    g_string_append_printf(why, "%s\n", err->message);
    return FALSE;
  }
  gsize len = 0;
  const void *data = g_bytes_get_data(bytes, &len);
  if (!cm_output_write(path, data, len, &err)) {
    g_string_append_printf(why, "%s\n", err->message);
    return FALSE;
  }
  return TRUE;
}

static void G_GNUC_NORETURN
worker_main(const CmBatchConfig *config, pid_t parent, int from_parent, int to_parent)
{
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive a killed parent */
  if (getppid() != parent)          /* it died before prctl */
    _exit(0);
  WorkerState w = {.config = config, .failure = g_string_new(NULL)};
  for (;;) {
    guint32 tag, status;
    g_autoptr(GBytes) payload = NULL;
    if (!receive_message(from_parent, &tag, &status, &payload) || tag == QUIT)
      break;
    g_autoptr(GVariant) v =
        g_variant_ref_sink(g_variant_new_from_bytes(G_VARIANT_TYPE(ITEM_TYPE), payload, FALSE));
    guint32 id, kind, format, depth;
    const char *path, *focus, *out;
    gboolean slide;
    g_variant_get(v, "(u&suu&sub&s)", &id, &path, &kind, &format, &focus, &depth, &slide, &out);
    g_autoptr(GString) why = g_string_new(NULL);
    g_autoptr(GVariant) reply = NULL;
    gboolean ok = FALSE;
    const CmDataset *ds = worker_dataset(&w, path, why);
    if (ds && kind == ITEM_REPORTS) {
      reply = do_reports(ds, out, why);
      if (reply)
        g_variant_ref_sink(reply);
      ok = reply != NULL;
    } else if (ds) {
      ok = do_map(ds, kind, format, focus, depth, slide, out, why);
    }
    gboolean sent;
    if (ok && reply)
      sent = send_message(to_parent, id, 1, g_variant_get_data(reply),
                          (guint32)g_variant_get_size(reply));
    else if (ok)
      sent = send_message(to_parent, id, 1, "", 0);
    else
      sent = send_message(to_parent, id, 0, why->str, (guint32)why->len);
    if (!sent)
      break;
  }
  cm_dataset_free(w.ds);
  g_free(w.path);
  g_string_free(w.failure, TRUE);
  cm_graphviz_shutdown();
  _exit(0);
}

/* --- parent --------------------------------------------------------------------------------- */

typedef struct {
  const CmBatchConfig *config;
  GPtrArray *datasets; /* CmBatchDataset * */
  GArray *items;       /* Item */
  guint next;          /* first item not handed out */
  guint done;
  GTimer *timer;
  GPtrArray *file_slugs; /* CmSlugSet * per dataset: no two items write the same file */
} Plan;

static void
dataset_free(gpointer p)
{
  CmBatchDataset *d = p;
  g_free(d->path);
  g_free(d->slug);
  g_string_free(d->messages, TRUE);
  g_free(d->headline.name);
  g_free(d->headline.region);
  g_free(d->headline.unit);
  for (guint k = 0; k < d->files->len; k++) {
    CmBatchFile *f = &g_array_index(d->files, CmBatchFile, k);
    g_free(f->label);
    g_free(f->file);
  }
  g_array_free(d->files, TRUE);
  g_free(d);
}

static void
item_clear(gpointer p)
{
  Item *it = p;
  g_free(it->focus);
  g_free(it->file);
  g_free(it->label);
  g_free(it->why);
}

static void
add_item(Plan *plan, guint dataset, ItemKind kind, CmMapFormat format, const char *focus,
         guint depth, gboolean slide, char *file, char *label)
{
  Item it = {dataset, kind, format, g_strdup(focus), depth, slide, file, label, ITEM_PENDING, NULL};
  g_array_append_val(plan->items, it);
}

static void
add_maps(Plan *plan, guint dataset, const CmBatchJob *job, ItemKind kind, const char *focus,
         const char *stem, const char *label)
{
  for (guint f = CM_MAP_SVG; f <= CM_MAP_DOT; f++) {
    if (!(job->formats & (1u << f)))
      continue;
    add_item(plan, dataset, kind, (CmMapFormat)f, focus, job->depth, job->slide,
             g_strdup_printf("%s.%s", stem, cm_map_format_to_string((CmMapFormat)f)),
             g_strdup(label));
  }
}

/* The folder a DATASET argument stands for: the path itself, or the folder of an .ini file. A
 * path that does not exist is taken as a folder, so that its failure is named after it. */
static char *
dataset_folder(const char *path)
{
  g_autofree char *canon = g_canonicalize_filename(path, NULL);
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR) ||
      (!g_file_test(path, G_FILE_TEST_EXISTS) && g_str_has_suffix(path, ".ini")))
    return g_path_get_dirname(canon);
  return g_steal_pointer(&canon);
}

/* What identifies a dataset: its folder, or the ini when it is not the folder's dataset.ini. */
static char *
dataset_key(const char *path)
{
  g_autofree char *canon = g_canonicalize_filename(path, NULL);
  g_autofree char *base = g_path_get_basename(canon);
  if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && strcmp(base, "dataset.ini") == 0)
    return g_path_get_dirname(canon);
  return g_steal_pointer(&canon);
}

static gboolean
same_dataset(const char *a, const char *b)
{
  g_autofree char *ka = dataset_key(a);
  g_autofree char *kb = dataset_key(b);
  return strcmp(ka, kb) == 0;
}

/* The dataset record of a job's dataset, created on first sight. */
static guint
dataset_of(Plan *plan, CmSlugSet *slugs, const char *path)
{
  for (guint d = 0; d < plan->datasets->len; d++) {
    CmBatchDataset *ds = g_ptr_array_index(plan->datasets, d);
    if (same_dataset(path, ds->path))
      return d;
  }
  /* the folder's name names the dataset */
  g_autofree char *folder = dataset_folder(path);
  g_autofree char *base = g_path_get_basename(folder);
  CmBatchDataset *ds = g_new0(CmBatchDataset, 1);
  ds->path = g_strdup(path);
  ds->slug = g_strdup(cm_slug_set_take(slugs, base));
  ds->messages = g_string_new(NULL);
  ds->files = g_array_new(FALSE, FALSE, sizeof(CmBatchFile));
  g_ptr_array_add(plan->datasets, ds);
  g_ptr_array_add(plan->file_slugs, cm_slug_set_new());
  return plan->datasets->len - 1;
}

/* One reports item per dataset; its maps follow once it has loaded (plan_maps). */
static void
plan_jobs(Plan *plan)
{
  g_autoptr(CmSlugSet) slugs = cm_slug_set_new();
  cm_slug_set_reserve(slugs, "index.html");
  GPtrArray *jobs = plan->config->jobs;
  for (guint j = 0; j < jobs->len; j++) {
    const CmBatchJob *job = g_ptr_array_index(jobs, j);
    guint before = plan->datasets->len;
    guint d = dataset_of(plan, slugs, job->dataset);
    if (d == before)
      add_item(plan, d, ITEM_REPORTS, CM_MAP_SVG, NULL, 0, FALSE, NULL,
               g_strdup("gaps.md, procurement.md"));
  }
}

/* After a dataset's reports: the maps its jobs ask for, the chain leaders' among them. */
static void
plan_maps(Plan *plan, guint d, GVariant *headline)
{
  CmBatchDataset *ds = g_ptr_array_index(plan->datasets, d);
  CmSlugSet *slugs = g_ptr_array_index(plan->file_slugs, d);
  g_autoptr(GVariantIter) leaders = NULL;
  g_variant_get(headline, HEADLINE_TYPE, &ds->headline.name, &ds->headline.region,
                &ds->headline.unit, &ds->headline.completeness, &ds->headline.segments,
                &ds->headline.present, &ds->headline.strengthen, &ds->headline.supplement,
                &ds->headline.extend, &ds->headline.has_ratio, &ds->headline.ratio,
                &ds->headline.target, &ds->headline.meets, &leaders);
  ds->has_headline = TRUE;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  char *id, *name;
  while (g_variant_iter_next(leaders, "(ss)", &id, &name)) {
    g_ptr_array_add(ids, id);
    g_ptr_array_add(names, name);
  }
  gboolean plain_seen = FALSE;
  for (guint j = 0; j < plan->config->jobs->len; j++) {
    const CmBatchJob *job = g_ptr_array_index(plan->config->jobs, j);
    if (!same_dataset(job->dataset, ds->path))
      continue;
    /* a dataset named twice on the command line is drawn once */
    if (!job->name && plain_seen)
      continue;
    plain_seen |= !job->name;
    /* every stem goes through the folder's slug set: two jobs never write the same file */
    const char *stem = job->chain || job->network
                           ? cm_slug_set_take(slugs, job->name ? job->name : "chain")
                           : NULL;
    if (job->chain)
      add_maps(plan, d, job, ITEM_CHAIN, NULL, stem, "Chain map");
    if (job->network) {
      g_autofree char *nname = g_strdup_printf("%s-network", stem);
      g_autofree char *label = job->focus ? g_strdup_printf("Network around %s", job->focus)
                                          : g_strdup("Enterprise network");
      add_maps(plan, d, job, ITEM_NETWORK, job->focus, cm_slug_set_take(slugs, nname), label);
    }
    for (guint k = 0; job->leaders && k < ids->len; k++) {
      CmBatchJob leader_job = *job;
      leader_job.depth = 2;
      g_autofree char *id_slug = cm_slug(g_ptr_array_index(ids, k));
      g_autofree char *lname = g_strdup_printf("leader-%s", id_slug);
      g_autofree char *label = g_strdup_printf("Leader: %s", (char *)g_ptr_array_index(names, k));
      add_maps(plan, d, &leader_job, ITEM_NETWORK, g_ptr_array_index(ids, k),
               cm_slug_set_take(slugs, lname), label);
    }
  }
}

static gboolean
spawn_worker(Plan *plan, Worker *w, GError **error)
{
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0 || pipe2(up, O_CLOEXEC) != 0) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "cannot create a pipe: %s",
                g_strerror(errno));
    return FALSE;
  }
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "cannot start a worker: %s",
                g_strerror(errno));
    return FALSE;
  }
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    worker_main(plan->config, parent, down[0], up[1]);
  }
  close(down[0]);
  close(up[1]);
  *w = (Worker){.pid = pid, .to_worker = down[1], .from_worker = up[0], .item = -1};
  return TRUE;
}

static void
stop_worker(Worker *w, gboolean kill_it)
{
  if (w->pid <= 0)
    return;
  if (kill_it)
    kill(w->pid, SIGKILL);
  else
    send_message(w->to_worker, QUIT, 0, "", 0);
  close(w->to_worker);
  close(w->from_worker);
  int status;
  while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
    ;
  w->pid = 0;
}

static char *
dataset_dir(const Plan *plan, guint d)
{
  const CmBatchDataset *ds = g_ptr_array_index(plan->datasets, d);
  return g_build_filename(plan->config->outdir, ds->slug, NULL);
}

static void finish_item(Plan *plan, guint id, gboolean ok, GBytes *payload);

/* Sends the next item to an idle worker. A failed send means the worker died: it stays busy with
 * the item until poll sees it hang up. */
static void
hand_out(Plan *plan, Worker *w)
{
  while (plan->next < plan->items->len) {
    guint id = plan->next++;
    const Item *it = &g_array_index(plan->items, Item, id);
    CmBatchDataset *ds = g_ptr_array_index(plan->datasets, it->dataset);
    if (ds->failed && !ds->has_headline) { /* its folder could not be made */
      g_autoptr(GBytes) why = g_bytes_new(ds->messages->str, ds->messages->len);
      g_string_truncate(ds->messages, 0);
      finish_item(plan, id, FALSE, why);
      continue;
    }
    g_autofree char *dir = dataset_dir(plan, it->dataset);
    g_autofree char *out = it->file ? g_build_filename(dir, it->file, NULL) : g_strdup(dir);
    g_autoptr(GVariant) v = g_variant_ref_sink(
        g_variant_new(ITEM_TYPE, id, ds->path, (guint32)it->kind, (guint32)it->format,
                      it->focus ? it->focus : "", it->depth, it->slide, out));
    w->item = (gint)id;
    send_message(w->to_worker, id, 0, g_variant_get_data(v), (guint32)g_variant_get_size(v));
    return;
  }
}

static void
finish_item(Plan *plan, guint id, gboolean ok, GBytes *payload)
{
  Item *item = &g_array_index(plan->items, Item, id);
  item->state = ok ? ITEM_DONE : ITEM_FAILED;
  gsize len = 0;
  const char *data = payload ? g_bytes_get_data(payload, &len) : NULL;
  if (!ok)
    item->why = data && len ? g_strndup(data, len) : g_strdup("failed\n");
  /* a copy: plan_maps may grow (move) the array; the strings stay where they are */
  const Item copy = *item;
  const Item *it = &copy;
  CmBatchDataset *ds = g_ptr_array_index(plan->datasets, it->dataset);
  if (ok && it->kind == ITEM_REPORTS) {
    g_autoptr(GVariant) v =
        g_variant_ref_sink(g_variant_new_from_bytes(G_VARIANT_TYPE(HEADLINE_TYPE), payload, FALSE));
    plan_maps(plan, it->dataset, v);
  } else if (!ok) {
    ds->failed = TRUE;
  }
  const char *message = it->why;
  plan->done++;
  g_autofree char *what = g_strdup_printf("%s/%s", ds->slug, it->file ? it->file : it->label);
  if (plan->config->on_event) {
    CmBatchEvent ev = {
        .done = plan->done,
        .total = plan->items->len,
        .item = what,
        .failed = !ok,
        .message = message,
        .elapsed = g_timer_elapsed(plan->timer, NULL),
    };
    plan->config->on_event(&ev, plan->config->user_data);
  }
}

/* The index lists each dataset's files and failures in plan order, which does not depend on the
 * number of workers or on which item finished first. */
static void
collect_results(Plan *plan)
{
  for (guint d = 0; d < plan->datasets->len; d++) {
    CmBatchDataset *ds = g_ptr_array_index(plan->datasets, d);
    g_string_truncate(ds->messages, 0);
  }
  for (guint i = 0; i < plan->items->len; i++) {
    const Item *it = &g_array_index(plan->items, Item, i);
    CmBatchDataset *ds = g_ptr_array_index(plan->datasets, it->dataset);
    if (it->state == ITEM_FAILED) {
      g_string_append(ds->messages, it->why);
    } else if (it->state == ITEM_DONE && it->kind == ITEM_REPORTS) {
      CmBatchFile gaps = {g_strdup("Gap report"), g_strdup("gaps.md")};
      CmBatchFile proc = {g_strdup("Procurement report"), g_strdup("procurement.md")};
      g_array_append_val(ds->files, gaps);
      g_array_append_val(ds->files, proc);
    } else if (it->state == ITEM_DONE) {
      CmBatchFile f = {g_strdup(it->label), g_strdup(it->file)};
      g_array_append_val(ds->files, f);
    }
  }
}

/* Prepares OUTDIR/<slug>: a real folder (a symlink there is replaced, never followed), with
 * temporary files of an earlier killed run removed. */
static gboolean
prepare_dir(const char *dir, GString *why)
{
  struct stat st;
  if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode) && g_unlink(dir) != 0) {
    g_string_append_printf(why, "cannot replace the symlink %s: %s\n", dir, g_strerror(errno));
    return FALSE;
  }
  if (g_mkdir_with_parents(dir, 0755) != 0 || lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    g_string_append_printf(why, "cannot create %s: %s\n", dir, g_strerror(errno));
    return FALSE;
  }
  cm_output_clean_stale(dir);
  return TRUE;
}

static gboolean
run_pool(Plan *plan, guint n_workers, GError **error)
{
  g_autofree Worker *workers = g_new0(Worker, n_workers);
  g_autofree struct pollfd *fds = g_new0(struct pollfd, n_workers);
  for (guint i = 0; i < n_workers; i++)
    if (!spawn_worker(plan, &workers[i], error))
      return FALSE;
  for (;;) {
    guint busy = 0;
    for (guint i = 0; i < n_workers; i++) {
      /* when the pipe broke the worker is dead: poll sees it hang up, and its item fails below */
      if (workers[i].item < 0)
        hand_out(plan, &workers[i]);
      busy += workers[i].item != -1;
      fds[i] = (struct pollfd){.fd = workers[i].from_worker, .events = POLLIN};
    }
    if (busy == 0)
      break;
    if (poll(fds, n_workers, -1) < 0 && errno != EINTR) {
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "poll: %s", g_strerror(errno));
      return FALSE;
    }
    for (guint i = 0; i < n_workers; i++) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      Worker *w = &workers[i];
      guint32 tag, status;
      g_autoptr(GBytes) payload = NULL;
      if (receive_message(w->from_worker, &tag, &status, &payload)) {
        finish_item(plan, tag, status == 1, payload);
        w->item = -1;
        continue;
      }
      /* the worker died (a crash in a library): its item fails, a new worker takes over */
      gint lost = w->item;
      stop_worker(w, TRUE);
      if (lost >= 0) {
        g_autoptr(GBytes) why = g_bytes_new_static("the worker process died\n", 24);
        finish_item(plan, (guint)lost, FALSE, why);
      }
      if (!spawn_worker(plan, w, error))
        return FALSE;
    }
  }
  for (guint i = 0; i < n_workers; i++)
    stop_worker(&workers[i], FALSE);
  return TRUE;
}

gboolean
cm_batch_run(const CmBatchConfig *config, guint *failed, GError **error)
{
  g_return_val_if_fail(config && config->outdir && config->load, FALSE);
  if (g_mkdir_with_parents(config->outdir, 0755) != 0 ||
      !g_file_test(config->outdir, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, "cannot create %s: %s",
                config->outdir, g_strerror(errno));
    return FALSE;
  }
  cm_output_clean_stale(config->outdir);
  Plan plan = {
      .config = config,
      .datasets = g_ptr_array_new_with_free_func(dataset_free),
      .items = g_array_new(FALSE, FALSE, sizeof(Item)),
      .timer = g_timer_new(),
      .file_slugs = g_ptr_array_new_with_free_func((GDestroyNotify)cm_slug_set_free),
  };
  g_array_set_clear_func(plan.items, item_clear);
  plan_jobs(&plan);
  for (guint d = 0; d < plan.datasets->len; d++) {
    CmBatchDataset *ds = g_ptr_array_index(plan.datasets, d);
    g_autofree char *dir = dataset_dir(&plan, d);
    if (!prepare_dir(dir, ds->messages))
      ds->failed = TRUE;
  }
  guint n_workers = config->workers ? config->workers : MAX(1, g_get_num_processors());
  /* a worker that dies makes writes to its pipe fail with EPIPE instead of killing us */
  struct sigaction ignore = {.sa_handler = SIG_IGN}, old_pipe;
  sigaction(SIGPIPE, &ignore, &old_pipe);
  gboolean ok = run_pool(&plan, n_workers, error);
  sigaction(SIGPIPE, &old_pipe, NULL);
  if (ok) {
    collect_results(&plan);
    ok = cm_batch__write_index(config->outdir, plan.datasets, error);
  }
  *failed = 0;
  for (guint d = 0; d < plan.datasets->len; d++)
    *failed += ((CmBatchDataset *)g_ptr_array_index(plan.datasets, d))->failed;
  g_array_free(plan.items, TRUE);
  g_ptr_array_free(plan.datasets, TRUE);
  g_ptr_array_free(plan.file_slugs, TRUE);
  g_timer_destroy(plan.timer);
  return ok;
}
