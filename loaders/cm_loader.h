/* Loading a dataset (public: chainmap/loader.h). */
#pragma once

#include "cm_dataset.h"
#include "cm_diagnostics.h"

#include <chainmap/loader.h>
