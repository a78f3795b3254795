/* A streamed targets report (cm_report_targets_write) hands over, piece by piece, exactly the
 * bytes cm_report_targets forms whole, in every format; a failing write stops it. */
#include "report_fixture.h"
#include "report_format.h"

#include <criterion/criterion.h>

typedef struct {
  GString *got;
  guint pieces;
  guint fail_at; /* the call that fails (1-based); 0 never */
} Sink;

static gboolean
sink_write(const char *data, gsize len, gpointer user_data, GError **error)
{
  Sink *s = user_data;
  s->pieces++;
  if (s->fail_at && s->pieces == s->fail_at) {
    g_set_error_literal(error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "disk full");
    return FALSE;
  }
  g_string_append_len(s->got, data, (gssize)len);
  return TRUE;
}

static CmTargets *
tiny_targets(CmDataset *ds)
{
  CmAnalysisOptions o;
  cm_analysis_options_init(&o, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &o, NULL);
  CmTargets *t = cm_targets_compute(ds, gaps, NULL);
  cr_assert_not_null(t);
  return t;
}

static void
expect_same_bytes(CmReportFormat format, gboolean color, gsize piece)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(CmTargets) t = tiny_targets(ds);
  CmReportOptions ro = {.format = format, .color = color};
  g_autoptr(GString) whole = cm_report_targets(ds, t, &ro);
  g_autoptr(GString) got = g_string_new(NULL);
  Sink sink = {got, 0, 0};
  cm_report__set_piece_size(piece);
  g_autoptr(GError) err = NULL;
  gboolean ok = cm_report_targets_write(ds, t, &ro, sink_write, &sink, &err);
  cm_report__set_piece_size(0);
  cr_assert(ok, "%s", err ? err->message : "");
  cr_expect_str_eq(got->str, whole->str, "format %d, pieces of %zu bytes", format, piece);
  /* three targets (report_fixture.h): with pieces of one byte, each row ends a piece (the
   * title goes with the first, the end of a JSON document may make a fourth) */
  if (piece == 1)
    cr_expect_geq(sink.pieces, 3, "format %d came in %u pieces", format, sink.pieces);
  else
    cr_expect_eq(sink.pieces, 1, "a small report is one piece, not %u", sink.pieces);
}

Test(report_stream, pieces_add_up_to_the_whole_report)
{
  CmReportFormat formats[] = {CM_FORMAT_TEXT, CM_FORMAT_MD, CM_FORMAT_CSV, CM_FORMAT_JSON};
  for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
    expect_same_bytes(formats[i], FALSE, 1);
    expect_same_bytes(formats[i], FALSE, 0);
  }
  expect_same_bytes(CM_FORMAT_TEXT, TRUE, 1);
}

Test(report_stream, a_failed_write_stops_the_report_with_its_error)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(CmTargets) t = tiny_targets(ds);
  CmReportFormat formats[] = {CM_FORMAT_TEXT, CM_FORMAT_MD, CM_FORMAT_CSV, CM_FORMAT_JSON};
  for (guint i = 0; i < G_N_ELEMENTS(formats); i++) {
    CmReportOptions ro = {.format = formats[i]};
    g_autoptr(GString) got = g_string_new(NULL);
    Sink sink = {got, 0, 2};
    cm_report__set_piece_size(1);
    g_autoptr(GError) err = NULL;
    gboolean ok = cm_report_targets_write(ds, t, &ro, sink_write, &sink, &err);
    cm_report__set_piece_size(0);
    cr_expect_not(ok, "format %d", formats[i]);
    cr_expect(g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOSPC), "format %d: %s", formats[i],
              err ? err->message : "no error");
    cr_expect_eq(sink.pieces, 2, "format %d: written on after the failure (%u calls)", formats[i],
                 sink.pieces);
  }
}
