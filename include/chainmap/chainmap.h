/* chainmap: industrial-chain modelling as a C library (libchainmap). Include this one header;
 * it includes every public header of include/chainmap/ (#include <chainmap/chainmap.h>). Link with
 * `pkg-config --cflags --libs chainmap` or CMake's find_package(chainmap) (chainmap::chainmap).
 * Call cm_init() once before any analysis. */
#pragma once

/* One line per public header (docs/conventions.md: adding a public header). */
#include <chainmap/error.h>
#include <chainmap/init.h>
#include <chainmap/lang.h>
#include <chainmap/diagnostics.h>
#include <chainmap/region.h>
#include <chainmap/dataset.h>
#include <chainmap/display_name.h>
#include <chainmap/template.h>
#include <chainmap/analysis.h>
#include <chainmap/network.h>
#include <chainmap/locality.h>
#include <chainmap/compare.h>
#include <chainmap/resilience.h>
#include <chainmap/plan.h>
#include <chainmap/loader.h>
#include <chainmap/report.h>
#include <chainmap/report_compare.h>
#include <chainmap/report_resilience.h>
#include <chainmap/report_plan.h>
#include <chainmap/map.h>
#include <chainmap/map_change.h>
#include <chainmap/output.h>
#include <chainmap/batch.h>
