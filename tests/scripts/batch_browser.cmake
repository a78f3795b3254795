# The batch index in headless Chromium (tests/scripts/batch_browser.py): a batch of the two samples,
# a 1280x2000 screenshot of OUTDIR/index.html, and every href/src resolving to a file under OUTDIR.
# Without /usr/bin/chromium (or $CHROMIUM) the test reports SKIPPED; CI installs chromium.
if(EXISTS /usr/bin/python3)
  set(CM_BROWSER_PYTHON /usr/bin/python3)
else()
  find_program(CM_BROWSER_PYTHON NAMES python3)
endif()

if(CM_BROWSER_PYTHON)
  add_test(NAME batch_browser
    COMMAND ${CM_BROWSER_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/batch_browser.py
      --chainmap $<TARGET_FILE:chainmap>
      --source ${PROJECT_SOURCE_DIR}
      --work ${CMAKE_CURRENT_BINARY_DIR}/batch_browser)
  set_tests_properties(batch_browser PROPERTIES
    SKIP_RETURN_CODE 77
    FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
    ENVIRONMENT "${CM_TEST_ENV}"
    TIMEOUT 900)
else()
  message(STATUS "batch_browser test: no python3, not registered")
endif()
