/* gap_summary: load a dataset with libchainmap and print its gap summary: how many segments of
 * the chain are made locally, how many are strong, weak, missing (gap), frontier or absent, and
 * the three action lists (strengthen 强链, supplement 补链, extend 延链).
 *
 *   cc gap_summary.c $(pkg-config --cflags --libs chainmap) -o gap_summary
 *   ./gap_summary samples/ningde-lithium
 *
 * Exit codes as chainmap's: 0 ok, 1 invalid data, 2 usage. */
#include <chainmap/chainmap.h>

#include <stdio.h>

static void
print_list(const char *label, const CmDataset *ds, const GArray *list)
{
  printf("%s (%u):", label, list->len);
  for (guint i = 0; i < list->len; i++)
    printf(" %s", cm_dataset_segment(ds, g_array_index(list, guint32, i))->id);
  printf("\n");
}

int
main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s DATASET\n", argv[0]);
    return 2;
  }
  cm_init();
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new();
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = cm_dataset_load(argv[1], diags, &error);
  for (guint i = 0; i < cm_diagnostics_len(diags); i++) {
    g_autofree char *line = cm_diagnostic_format(cm_diagnostics_get(diags, i));
    fprintf(stderr, "%s\n", line);
  }
  if (!ds) {
    fprintf(stderr, "%s: %s\n", argv[1], error->message);
    return 1;
  }

  CmAnalysisOptions options;
  cm_analysis_options_init(&options, ds);
  g_autoptr(CmGaps) gaps = cm_gaps_compute(ds, &options, &error);
  if (!gaps) {
    fprintf(stderr, "%s: %s\n", argv[1], error->message);
    return 1;
  }

  printf("%s (%s)\n", cm_dataset_name(ds), cm_dataset_region(ds));
  printf("segments: %u, made locally: %u (%.1f%%)\n", gaps->n_segments, gaps->present,
         100 * gaps->completeness);
  for (guint st = 0; st < CM_SEGMENT_STATUS_COUNT; st++)
    printf("%s%s %u", st ? ", " : "", cm_segment_status_to_string((CmSegmentStatus)st),
           gaps->count[st]);
  printf("\n");
  print_list("strengthen", ds, gaps->strengthen);
  print_list("supplement", ds, gaps->supplement);
  print_list("extend", ds, gaps->extend);
  return 0;
}
