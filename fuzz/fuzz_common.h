/* Shared by the fuzz targets: an invariant check that survives NDEBUG (the replay build is
 * RelWithDebInfo) and aborts, so libFuzzer saves the input and the replay test fails. */
#pragma once

#include <stdio.h>
#include <stdlib.h>

#define CM_FUZZ_CHECK(cond)                                                                        \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond);            \
      abort();                                                                                     \
    }                                                                                              \
  } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
