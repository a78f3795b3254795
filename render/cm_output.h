/* Writing outputs (public: chainmap/output.h). */
#pragma once

#include <chainmap/output.h>
