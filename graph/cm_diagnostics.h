/* Diagnostics (public: chainmap/diagnostics.h). */
#pragma once

#include <chainmap/diagnostics.h>
