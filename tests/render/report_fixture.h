/* A tiny hand-made dataset for the report tests, with every status, CJK names, and names that
 * test escaping (| for Markdown, = + - @ for CSV, a comma, quotes and a line break).
 *
 * Template (inputs):  ore -> salt -> cell -> pack -> ship,  sep -> cell,  misc alone.
 * Local (region R) and operating: lead (cell, leader, output 100), c2 (cell;pack, output 50).
 * Outside: out1 (ore;salt, Jiangxi), out2 (sep, Guangdong), out3 (ship, signed), out4 (misc, no
 * supply), all with names that a spreadsheet would run as formulas.
 * Supply: out1 -> lead salt 30 (2024); c2 -> lead cell 10 (2024); out2 -> lead sep 10 (2023).
 *
 * Worked out by hand from SPEC section 2 (scenario operating, all years):
 *   present P = {cell (lead, c2), pack (c2)}
 *   cell: 2 producers, 1 leader, output 100/1 + 50/2 = 125, demand 10, supplied 10,
 *         coverage 1, leakage 0 -> strong
 *   pack: 1 producer < 2 -> weak; output 50/2 = 25; no demand -> coverage null
 *   salt: not in P, salt -> cell in T -> gap; demand 30, supplied 0, coverage 0, leakage 30
 *   sep:  sep -> cell -> gap; demand 10, coverage 0, leakage 10
 *   ore:  ore -> salt -> cell: frontier, upstream, distance 2
 *   ship: pack -> ship: frontier, downstream, distance 1
 *   misc: absent
 *   summary: 7 segments, 2 present, completeness 2/7; 1 strong, 1 weak, 2 gap, 2 frontier,
 *            1 absent. strengthen [pack]; supplement by leakage [salt 30, sep 10];
 *            extend by leakage (0, 0) then distance [ship 1, ore 2].
 *   procurement: lead bought 30 + 10 + 10 = 50, 10 of it local -> ratio 0.2 < 0.8;
 *            region the same (c2 bought nothing); buyers [lead].
 *   targets: out1 fills [ore, salt] (template order) prio 1, value 30, 1 buyer, serves [lead];
 *            out2 fills [sep] prio 1, value 10, 1 buyer, serves [lead];
 *            out3 fills [ship] prio 3, value 0, 0 buyers; out4 makes only misc (absent) and
 *            supplies nobody -> not a target.  Ranked: out1, out2, out3. */
#pragma once

#include "cm_dataset.h"
#include "cm_report.h"

#include <glib.h>

#define TINY_INI                                                                                   \
  "[dataset]\n"                                                                                    \
  "name=Tiny 小链\n"                                                                             \
  "region=R\n"                                                                                     \
  "unit=亿元\n"                                                                                  \
  "[analysis]\n"                                                                                   \
  "min_producers=2\n"                                                                              \
  "min_coverage=0.5\n"                                                                             \
  "procurement_target=0.8\n"                                                                       \
  "scenario=operating\n"

#define TINY_SEGMENTS                                                                              \
  "id,name,tier,group,inputs\n"                                                                    \
  "ore,矿石 Ore,上游,,\n"                                                                      \
  "salt,锂盐|Salt,upstream,Materials,ore\n"                                                      \
  "sep,=SUM(A1),midstream,,\n"                                                                     \
  "cell,电芯 Cell,midstream,,salt;sep\n"                                                         \
  "pack,Pack,downstream,,cell\n"                                                                   \
  "ship,Ship,downstream,,pack\n"                                                                   \
  "misc,Misc,downstream,,\n"

#define TINY_ENTERPRISES                                                                           \
  "id,name,region,segments,role,output,status\n"                                                   \
  "lead,宁德时代 CATL,R/A,cell,链主,100,operating\n"                                         \
  "c2,时代二号,R/B,cell;pack,,50,\n"                                                           \
  "out1,@risk,Jiangxi,ore;salt,,,\n"                                                               \
  "out2,\"+cmd, \"\"quoted\"\"\nline\",Guangdong,sep,,,\n"                                         \
  "out3,-minus,Zhejiang,ship,,,signed\n"                                                           \
  "out4,Other,Hubei,misc,,,\n"

#define TINY_SUPPLY                                                                                \
  "supplier,buyer,segment,value,year\n"                                                            \
  "out1,lead,salt,30,2024\n"                                                                       \
  "c2,lead,cell,10,2024\n"                                                                         \
  "out2,lead,sep,10,2023\n"

/* The tiny dataset above, loaded (fails the test if it does not load). (transfer full) */
CmDataset *load_tiny(void);
/* The targets of ds with its own analysis options (fails the test if none). (transfer full) */
CmTargets *fixture_targets(CmDataset *ds);
/* Its targets report in format, the first top targets (0: all). (transfer full) */
GString *tiny_targets_report(CmDataset *ds, CmReportFormat format, guint top);
