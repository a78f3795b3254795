/* The old name of report_format.h, kept so that report writers begun against it still build;
 * include report_format.h in new code. */
#pragma once

#include "report_format.h"
