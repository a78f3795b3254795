/* In the tree: the public chainmap/locality.h with the private headers it builds on. */
#pragma once

#include "cm_dataset.h"

#include <chainmap/locality.h>
