/* Region paths (public: chainmap/region.h). */
#pragma once

#include <chainmap/region.h>
