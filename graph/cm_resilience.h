/* In the tree: the public chainmap/resilience.h with the private headers it builds on. */
#pragma once

#include "cm_analysis.h"

#include <chainmap/resilience.h>
