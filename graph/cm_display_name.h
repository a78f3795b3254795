/* In the tree: the public chainmap/display_name.h with the dataset's private header. */
#pragma once

#include "cm_dataset.h"

#include <chainmap/display_name.h>
