/* In the tree: the public chainmap/report_resilience.h with the private headers it builds on. */
#pragma once

#include "cm_report.h"
#include "cm_resilience.h"

#include <chainmap/report_resilience.h>
