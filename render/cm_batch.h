/* Batch rendering (public: chainmap/batch.h). */
#pragma once

#include "cm_chainmap.h"
#include "cm_dataset.h"
#include "cm_diagnostics.h"

#include <chainmap/batch.h>
