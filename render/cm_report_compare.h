/* In the tree: the public chainmap/report_compare.h with the private headers it builds on. */
#pragma once

#include "cm_report.h"
#include "cm_compare.h"

#include <chainmap/report_compare.h>
