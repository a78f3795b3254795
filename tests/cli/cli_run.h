/* Running the chainmap binary from the CLI tests: in a chosen folder, with a chosen environment,
 * and checking that it tripped no sanitizer (CTest only sees the test binary's own output). */
#pragma once

#include "cm_test.h"

#include <glib.h>

typedef struct {
  int exit; /* exit status, or 128 + signal */
  char *out;
  char *err;
} CmCliResult;

/* Runs chainmap with args (NULL-terminated, no program name; NULL for none) in cwd (NULL: the
 * current folder) with env (NULL: inherited). */
CmCliResult cm_cli_run_in(const char *cwd, const char *const *args, const char *const *env);
void cm_cli_result_clear(CmCliResult *r);

/* Fails the test when the run's stderr holds a sanitizer report or it died of a signal. */
void cm_cli_expect_clean(const char *what, const CmCliResult *r);
