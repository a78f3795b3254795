/* The batch plan and process pool, parent side: the parent plans items and hands them out one at
 * a time over pipes, so both cores stay busy. The workers' side is batch_worker.c. */
#include "batch_private.h"
#include "cm_i18n.h"
#include "cm_output.h"
#include "cm_slug.h"
#include "cm_i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef enum {
  ITEM_PENDING,
  ITEM_DONE,
  ITEM_FAILED,
} ItemState;

typedef struct {
  guint dataset;
  ItemKind kind;
  guint formats; /* a map is one item, laid out once, whatever the number of formats */
  char *focus;   /* enterprise id (network), group (detail), or NULL */
  guint depth;
  gboolean slide;
  char *file;  /* relative to the dataset folder: a map's stem, without extension */
  char *label; /* for the index */
  ItemState state;
  char *why; /* when it failed */
} Item;

typedef struct {
  GPid pid;
  int to_worker;
  int from_worker;
  gint item;      /* in flight, or -1 */
  gint64 started; /* monotonic microseconds when the item was handed out */
} Worker;

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

/* --- parent --------------------------------------------------------------------------------- */

typedef struct {
  const CmBatchConfig *config;
  GPtrArray *datasets; /* CmBatchDataset * */
  GArray *items;       /* Item */
  guint next;          /* first item not handed out */
  guint done;
  GTimer *timer;
  GPtrArray *file_slugs; /* CmSlugSet * per dataset: no two items write the same file */
  int lock_fd;           /* OUTDIR/.chainmap.lock, which the workers must not keep */
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
  g_strfreev(d->headline.warnings);
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
add_item(Plan *plan, guint dataset, ItemKind kind, guint formats, const char *focus, guint depth,
         gboolean slide, char *file, char *label)
{
  Item it = {dataset, kind, formats, g_strdup(focus), depth,
             slide,   file, label,   ITEM_PENDING,    NULL};
  g_array_append_val(plan->items, it);
}

static void
add_maps(Plan *plan, guint dataset, const CmBatchJob *job, ItemKind kind, const char *focus,
         const char *stem, const char *label)
{
  if (job->formats)
    add_item(plan, dataset, kind, job->formats, focus, job->depth, job->slide, g_strdup(stem),
             g_strdup(label));
}

/* What a map item is called in progress lines: "chain.svg", or "chain.{svg,png}". */
static char *
item_files(const Item *it)
{
  if (it->kind == ITEM_REPORTS)
    return g_strdup(it->label);
  GString *exts = g_string_new(NULL);
  guint n = 0;
  for (guint f = 0; f < CM_MAP_FORMAT_COUNT; f++)
    if (it->formats & (1u << f))
      g_string_append_printf(exts, "%s%s", n++ ? "," : "", cm_map_format_to_string(f));
  char *name = n == 1 ? g_strdup_printf("%s.%s", it->file, exts->str)
                      : g_strdup_printf("%s.{%s}", it->file, exts->str);
  g_string_free(exts, TRUE);
  return name;
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
      add_item(plan, d, ITEM_REPORTS, 0, NULL, 0, FALSE, NULL,
               g_strdup("brief.html, gaps.md, procurement.md"));
  }
}

/* After a dataset's reports: the maps its jobs ask for, the chain leaders' among them. */
static void
plan_maps(Plan *plan, guint d, GVariant *headline)
{
  CmBatchDataset *ds = g_ptr_array_index(plan->datasets, d);
  CmSlugSet *slugs = g_ptr_array_index(plan->file_slugs, d);
  g_autoptr(GVariantIter) leaders = NULL, warned = NULL;
  g_auto(GStrv) groups = NULL;
  /* CM_BATCH_HEADLINE_TYPE, the groups taken as a string vector */
  g_variant_get(headline, "(sssduuuuubddba(ss)as^as)", &ds->headline.name, &ds->headline.region,
                &ds->headline.unit, &ds->headline.completeness, &ds->headline.segments,
                &ds->headline.present, &ds->headline.strengthen, &ds->headline.supplement,
                &ds->headline.extend, &ds->headline.has_ratio, &ds->headline.ratio,
                &ds->headline.target, &ds->headline.meets, &leaders, &warned, &groups);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new();
  char *warning;
  while (g_variant_iter_next(warned, "s", &warning))
    g_ptr_array_add(warnings, warning);
  g_ptr_array_add(warnings, NULL);
  g_strfreev(ds->headline.warnings);
  ds->headline.warnings = (char **)g_ptr_array_steal(warnings, NULL);
  ds->has_headline = TRUE;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func(g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
  char *id, *name;
  while (g_variant_iter_next(leaders, "(ss)", &id, &name)) {
    g_ptr_array_add(ids, id);
    g_ptr_array_add(names, name);
  }
  gboolean plain_seen = FALSE, xlsx = FALSE;
  for (guint j = 0; j < plan->config->jobs->len; j++) {
    const CmBatchJob *job = g_ptr_array_index(plan->config->jobs, j);
    if (!same_dataset(job->dataset, ds->path))
      continue;
    /* a dataset named twice on the command line is drawn once */
    if (!job->name && plain_seen)
      continue;
    plain_seen |= !job->name;
    xlsx |= (job->formats & CM_BATCH_BRIEF_XLSX) != 0;
    /* every stem goes through the folder's slug set: two jobs never write the same file */
    const char *stem = job->chain || job->network
                           ? cm_slug_set_take(slugs, job->name ? job->name : "chain")
                           : NULL;
    if (job->chain)
      add_maps(plan, d, job, ITEM_CHAIN, NULL, stem, _("Chain map"));
    /* a large template: the chain map is its overview; one detail map per group */
    for (guint k = 0; job->chain && groups && groups[k]; k++) {
      g_autofree char *gname = g_strdup_printf("%s-%s", stem, groups[k]);
      g_autofree char *label = g_strdup_printf(_("Detail: %s"), groups[k]);
      add_maps(plan, d, job, ITEM_DETAIL, groups[k], cm_slug_set_take(slugs, gname), label);
    }
    if (job->network) {
      g_autofree char *nname = g_strdup_printf("%s-network", stem);
      g_autofree char *label = job->focus ? g_strdup_printf(_("Network around %s"), job->focus)
                                          : g_strdup(_("Enterprise network"));
      add_maps(plan, d, job, ITEM_NETWORK, job->focus, cm_slug_set_take(slugs, nname), label);
    }
    for (guint k = 0; job->leaders && k < ids->len; k++) {
      CmBatchJob leader_job = *job;
      leader_job.depth = 2;
      g_autofree char *id_slug = cm_slug(g_ptr_array_index(ids, k));
      g_autofree char *lname = g_strdup_printf("leader-%s", id_slug);
      g_autofree char *label =
          g_strdup_printf(_("Leader: %s"), (char *)g_ptr_array_index(names, k));
      add_maps(plan, d, &leader_job, ITEM_NETWORK, g_ptr_array_index(ids, k),
               cm_slug_set_take(slugs, lname), label);
    }
  }
  if (xlsx)
    add_item(plan, d, ITEM_BRIEF_XLSX, 0, NULL, 0, FALSE, g_strdup("brief.xlsx"),
             g_strdup(_("Briefing")));
}

/* The dataset's brief.xlsx item, when it was written. */
static const Item *
brief_xlsx_done(const Plan *plan, guint dataset)
{
  for (guint i = 0; i < plan->items->len; i++) {
    const Item *it = &g_array_index(plan->items, Item, i);
    if (it->dataset == dataset && it->kind == ITEM_BRIEF_XLSX && it->state == ITEM_DONE)
      return it;
  }
  return NULL;
}

static gboolean
spawn_worker(Plan *plan, Worker *w, GError **error)
{
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0 || pipe2(up, O_CLOEXEC) != 0) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot create a pipe: %s"),
                g_strerror(errno));
    return FALSE;
  }
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot start a worker: %s"),
                g_strerror(errno));
    return FALSE;
  }
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    /* a forked worker shares the parent's lock: closing it here lets the lock go with the
     * parent, not with the last worker (one left stopped by a killed batch kept it) */
    close(plan->lock_fd);
    cm_batch__worker_main(plan->config, parent, down[0], up[1]);
  }
  close(down[0]);
  close(up[1]);
  *w = (Worker){.pid = pid, .to_worker = down[1], .from_worker = up[0], .item = -1};
  return TRUE;
}

/* Stops a worker; returns its wait status (0 when there was none). */
static int
stop_worker(Worker *w, gboolean kill_it)
{
  if (w->pid <= 0)
    return 0;
  if (kill_it)
    kill(w->pid, SIGKILL);
  else
    cm_batch__send(w->to_worker, CM_BATCH_QUIT, 0, "", 0);
  close(w->to_worker);
  close(w->from_worker);
  int status = 0;
  while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
    ;
  w->pid = 0;
  return status;
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
        g_variant_new(CM_BATCH_ITEM_TYPE, id, ds->path, (guint32)it->kind, (guint32)it->formats,
                      it->focus ? it->focus : "", it->depth, it->slide, out));
    w->item = (gint)id;
    w->started = g_get_monotonic_time();
    cm_batch__send(w->to_worker, id, 0, g_variant_get_data(v), (guint32)g_variant_get_size(v));
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
    g_autoptr(GVariant) v = g_variant_ref_sink(
        g_variant_new_from_bytes(G_VARIANT_TYPE(CM_BATCH_HEADLINE_TYPE), payload, FALSE));
    plan_maps(plan, it->dataset, v);
  } else if (!ok) {
    ds->failed = TRUE;
  }
  const char *message = it->why;
  plan->done++;
  g_autofree char *files = item_files(it);
  g_autofree char *what = g_strdup_printf("%s/%s", ds->slug, files);
  if (plan->config->on_event) {
    CmBatchEvent ev = {
        .done = plan->done,
        .total = plan->items->len,
        .item = what,
        .failed = !ok,
        .message = message,
        .warnings = ok && it->kind == ITEM_REPORTS && ds->headline.warnings
                        ? g_strv_length(ds->headline.warnings)
                        : 0,
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
      /* the briefing first: it is what a planner opens */
      CmBatchFile page = {g_strdup(_("Briefing")), g_strdup("brief.html")};
      g_array_append_val(ds->files, page);
      if (brief_xlsx_done(plan, it->dataset)) {
        CmBatchFile book = {g_strdup(_("Briefing")), g_strdup("brief.xlsx")};
        g_array_append_val(ds->files, book);
      }
      CmBatchFile gaps = {g_strdup(_("Gap report")), g_strdup("gaps.md")};
      CmBatchFile proc = {g_strdup(_("Procurement report")), g_strdup("procurement.md")};
      g_array_append_val(ds->files, gaps);
      g_array_append_val(ds->files, proc);
    } else if (it->state == ITEM_DONE && it->kind != ITEM_BRIEF_XLSX) {
      for (guint k = 0; k < CM_MAP_FORMAT_COUNT; k++) {
        if (!(it->formats & (1u << k)))
          continue;
        CmBatchFile f = {g_strdup(it->label),
                         g_strdup_printf("%s.%s", it->file, cm_map_format_to_string(k))};
        g_array_append_val(ds->files, f);
      }
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
    g_string_append_printf(why, _("cannot replace the symlink %s: %s\n"), dir, g_strerror(errno));
    return FALSE;
  }
  if (g_mkdir_with_parents(dir, 0755) != 0 || lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    g_string_append_printf(why, _("cannot create %s: %s\n"), dir, g_strerror(errno));
    return FALSE;
  }
  cm_output_clean_stale(dir);
  return TRUE;
}

static gboolean
overdue(const Plan *plan, const Worker *w)
{
  double limit = plan->config->item_timeout;
  return limit > 0 && w->item >= 0 && (g_get_monotonic_time() - w->started) / 1e6 >= limit;
}

/* Milliseconds until the first item in flight runs out of time; -1 without a limit. */
static int
poll_timeout(const Plan *plan, const Worker *workers, guint n)
{
  double limit = plan->config->item_timeout;
  if (limit <= 0)
    return -1;
  gint64 now = g_get_monotonic_time(), first = G_MAXINT64;
  for (guint i = 0; i < n; i++)
    if (workers[i].item >= 0)
      first = MIN(first, workers[i].started + (gint64)(limit * 1e6) - now);
  if (first == G_MAXINT64)
    return -1;
  return (int)CLAMP((first + 999) / 1000, 0, G_MAXINT);
}

/* Why a worker that did not answer is gone, for the failure line. (transfer full) */
static char *
worker_lost_reason(const Plan *plan, gboolean timed_out, int status)
{
  if (timed_out)
    return g_strdup_printf(_("took longer than the time limit of %g s for one item and was "
                             "stopped (batch --item-timeout SECONDS; 0 for no limit)\n"),
                           plan->config->item_timeout);
  if (WIFEXITED(status) && WEXITSTATUS(status) == CM_BATCH_EXIT_NO_MEMORY)
    return g_strdup(_("out of memory: the worker process could not allocate what this item "
                      "needs\n"));
  if (WIFSIGNALED(status))
    return g_strdup_printf(_("the worker process died (signal %d)\n"), WTERMSIG(status));
  return g_strdup(_("the worker process died\n"));
}

/* Kills (when timed out) or reaps a worker whose item is lost, fails the item and starts a new
 * worker in its place. */
static gboolean
replace_worker(Plan *plan, Worker *w, gboolean timed_out, GError **error)
{
  gint lost = w->item;
  int status = stop_worker(w, timed_out);
  if (lost >= 0) {
    g_autofree char *reason = worker_lost_reason(plan, timed_out, status);
    g_autoptr(GBytes) why = g_bytes_new(reason, strlen(reason));
    finish_item(plan, (guint)lost, FALSE, why);
  }
  return spawn_worker(plan, w, error);
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
    if (poll(fds, n_workers, poll_timeout(plan, workers, n_workers)) < 0 && errno != EINTR) {
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("poll: %s"), g_strerror(errno));
      return FALSE;
    }
    for (guint i = 0; i < n_workers; i++) {
      Worker *w = &workers[i];
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        if (w->item >= 0 && overdue(plan, w) && !replace_worker(plan, w, TRUE, error))
          return FALSE;
        continue;
      }
      guint32 tag, status;
      g_autoptr(GBytes) payload = NULL;
      if (cm_batch__receive(w->from_worker, &tag, &status, &payload)) {
        finish_item(plan, tag, status == 1, payload);
        w->item = -1;
        continue;
      }
      /* the worker died (a crash in a library, out of memory): its item fails, a new worker
       * takes over */
      if (!replace_worker(plan, w, FALSE, error))
        return FALSE;
    }
  }
  for (guint i = 0; i < n_workers; i++)
    stop_worker(&workers[i], FALSE);
  return TRUE;
}

static int try_lock(const char *outdir, const char *path, GError **error);

/* OUTDIR/.chainmap.lock, held (flock) for the whole run: a second batch into the same OUTDIR
 * would rewrite index.html without the first one's datasets. The lock goes with the process (a
 * killed run leaves at most the empty file, which the next run takes over); a finished run
 * removes the file (unlock_outdir). Returns the descriptor, or -1 with error. */
static int
lock_outdir(const char *outdir, GError **error)
{
  g_autofree char *path = g_build_filename(outdir, CM_BATCH_LOCK_FILE, NULL);
  for (guint attempt = 0;; attempt++) {
    int fd = try_lock(outdir, path, error);
    if (fd < 0)
      return -1;
    /* the run before may have removed the file between our open and our flock: the lock is
     * then on a file nobody else can find, so take the one at the path again */
    struct stat held, now;
    if (fstat(fd, &held) == 0 && stat(path, &now) == 0 && held.st_ino == now.st_ino &&
        held.st_dev == now.st_dev)
      return fd;
    close(fd);
    if (attempt == 100) {
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_BUSY,
                  _("another chainmap batch is writing into %s (it holds %s); wait for it to "
                    "finish, or give this run another -d OUTDIR"),
                  outdir, path);
      return -1;
    }
  }
}

static void
unlock_outdir(const char *outdir, int fd)
{
  g_autofree char *path = g_build_filename(outdir, CM_BATCH_LOCK_FILE, NULL);
  g_unlink(path); /* while still holding it: see lock_outdir */
  close(fd);
}

static int
try_lock(const char *outdir, const char *path, GError **error)
{
  /* O_NOFOLLOW and O_NONBLOCK: a planted symlink or FIFO is refused, never followed or waited on */
  int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0644);
  struct stat st;
  if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
    close(fd);
    fd = -1;
    errno = EINVAL;
  }
  if (fd < 0) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot lock %s: %s"), path,
                g_strerror(errno));
    return -1;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    close(fd);
    if (e == EWOULDBLOCK)
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_BUSY,
                  _("another chainmap batch is writing into %s (it holds %s); wait for it to "
                    "finish, or give this run another -d OUTDIR"),
                  outdir, path);
    else
      g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot lock %s: %s"), path,
                  g_strerror(e));
    return -1;
  }
  return fd;
}

gboolean
cm_batch_run(const CmBatchConfig *config, guint *failed, GError **error)
{
  g_return_val_if_fail(config && config->outdir && config->load, FALSE);
  if (g_mkdir_with_parents(config->outdir, 0755) != 0 ||
      !g_file_test(config->outdir, G_FILE_TEST_IS_DIR)) {
    g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_WRITE, _("cannot create %s: %s"),
                config->outdir, g_strerror(errno));
    return FALSE;
  }
  int lock = lock_outdir(config->outdir, error);
  if (lock < 0)
    return FALSE;
  cm_output_clean_stale(config->outdir);
  Plan plan = {
      .config = config,
      .datasets = g_ptr_array_new_with_free_func(dataset_free),
      .items = g_array_new(FALSE, FALSE, sizeof(Item)),
      .timer = g_timer_new(),
      .file_slugs = g_ptr_array_new_with_free_func((GDestroyNotify)cm_slug_set_free),
      .lock_fd = lock,
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
  unlock_outdir(config->outdir, lock);
  return ok;
}
