/* A dataset big enough that the analyses split their passes between two threads (at least
 * CM_ANALYSIS_TWO_THREADS_ROWS supply rows and CM_ANALYSIS_TWO_THREADS_ENTERPRISES enterprises,
 * graph/analysis_private.h), with figures that follow from a formula.
 *
 * Region Home. Template: up, up2 -> mid -> top. Local and operating: lead (top, leader) and the
 * buyers b0000 .. b0999 (mid). Outside (Away): the suppliers x00000 .. x09999, making up, and the
 * odd ones up2 as well; both are gaps (not made locally, inputs of mid), so every supplier is a
 * priority 1 target that fills [up] or [up, up2].
 * Supplier i sells:
 *   - when i % 1000 == 0: 1 to each of b0000 .. b0019 in 2023 and again in 2024 (40 rows, 20
 *     distinct buyers: a list long enough to be marked off buyer by buyer);
 *   - otherwise: (i % 50) + 1 to each of b((i + j) % 1000), j = 0 .. 6 (7 rows, 7 buyers);
 *   - and (i % 7) + 1 to lead.
 * So 80 330 rows and 11 001 enterprises; all years counted, procurement target 0.8. */
#pragma once

#include "cm_dataset.h"

#define HALVES_SUPPLIERS 10000

/* value_to_local of supplier i: what it sells the buyers and lead. */
double halves_value(guint i);
/* Its distinct local buyers (lead among them). */
guint halves_buyers(guint i);
/* What it sells lead: its gain for the leaders. */
double halves_leader_value(guint i);

/* The dataset (fails the test when it does not load). (transfer full) */
CmDataset *halves_load(void);
