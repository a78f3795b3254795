/* A streamed targets report (cm_report_targets_write) hands over, piece by piece, exactly the
 * bytes cm_report_targets forms whole, in every format; a failing write stops it. */
#include "report_fixture.h"
#include "report_format.h"
#include "cm_test.h"

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

static void
expect_same_bytes(CmReportFormat format, gboolean color, gsize piece)
{
  g_autoptr(CmDataset) ds = load_tiny();
  g_autoptr(CmTargets) t = fixture_targets(ds);
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
  g_autoptr(CmTargets) t = fixture_targets(ds);
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

/* A table long enough to be filled on two threads: 21 000 outside enterprises making "ore",
 * which the local leader's cell needs and nobody local makes, so each is a priority-1 target
 * with no sales; they tie, so they rank by id. Every target is one row of the text, numbered
 * 1..N, in the order the CSV report (one thread, no table) lists them. */
Test(report_stream, a_long_table_filled_on_two_threads_keeps_every_row_in_order)
{
  enum { N = 21000 };
  g_autoptr(GString) enterprises =
      g_string_new("id,name,region,segments,role,output,status\nlead,宁德时代,R,cell,链主,1,\n");
  for (guint i = 0; i < N; i++) /* ids out of order, names Chinese */
    g_string_append_printf(enterprises, "o%05u,矿业%u有限公司,Jiangxi/Yichun,ore,,,\n",
                           (i * 7919) % N, i);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_text(
      "[dataset]\nname=Long\nregion=R\nunit=u\n",
      "id,name,tier,group,inputs\nore,矿石,upstream,,\ncell,电芯,midstream,,ore\n",
      enterprises->str, NULL, &diags);
  cr_assert_not_null(ds);
  g_autoptr(CmTargets) t = fixture_targets(ds);
  cr_assert_eq(t->targets->len, N);
  CmReportOptions text = {.format = CM_FORMAT_TEXT}, csv = {.format = CM_FORMAT_CSV};
  g_autoptr(GString) table = cm_report_targets(ds, t, &text);
  g_autoptr(GString) rows = cm_report_targets(ds, t, &csv);
  g_auto(GStrv) csv_lines = g_strsplit(rows->str, "\r\n", -1);
  const char *at = table->str;
  for (guint k = 1; k <= N; k++) {
    /* the CSV row's id, then the text row that starts with number k and shows it */
    g_autofree char *id = g_strndup(csv_lines[k], strcspn(csv_lines[k], ","));
    g_autofree char *start = g_strdup_printf("\n  %5u  ", k);
    const char *row = strstr(at, start);
    cr_assert_not_null(row, "row %u is missing", k);
    const char *end = strchr(row + 1, '\n');
    g_autofree char *line = g_strndup(row + 1, end - row - 1);
    cr_assert(strstr(line, id), "row %u shows %s, not %s", k, line, id);
    at = end;
  }
}
