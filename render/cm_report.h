/* Reports (public: chainmap/report.h). */
#pragma once

#include "cm_analysis.h"
#include "cm_diagnostics.h"

#include <chainmap/report.h>
