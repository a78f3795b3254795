/* The analyses (public: chainmap/analysis.h) with the dataset's internals. */
#pragma once

#include "cm_dataset.h"

#include <chainmap/analysis.h>
