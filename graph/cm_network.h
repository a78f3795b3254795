/* The supply network (public: chainmap/network.h). */
#pragma once

#include "cm_analysis.h"

#include <chainmap/network.h>
