/* In the tree: the public chainmap/report_plan.h with the private headers it builds on. */
#pragma once

#include "cm_report.h"
#include "cm_plan.h"

#include <chainmap/report_plan.h>
