/* Error domains of the chainmap libraries (public: chainmap/error.h). */
#pragma once

#include <chainmap/error.h>
