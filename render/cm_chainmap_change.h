/* In the tree: the public chainmap/map_change.h with the private headers it builds on. */
#pragma once

#include "cm_chainmap.h"

#include <chainmap/map_change.h>
