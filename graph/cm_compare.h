/* In the tree: the public chainmap/compare.h with the private headers it builds on. */
#pragma once

#include "cm_analysis.h"

#include <chainmap/compare.h>
