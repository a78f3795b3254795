# chainmap brief against the JSON reports (tests/scripts/brief_check.py): the page in headless
# Chromium (no console errors, no requests, the reports' figures in its tables, the map as SVG,
# a hostile dataset injecting nothing) and the workbook read back with openpyxl. Without
# Chromium or python3-openpyxl the test reports SKIPPED; CI installs both.
if(EXISTS /usr/bin/python3)
  set(CM_BRIEF_PYTHON /usr/bin/python3)
else()
  find_program(CM_BRIEF_PYTHON NAMES python3)
endif()

if(CM_BRIEF_PYTHON)
  add_test(NAME brief_check
    COMMAND ${CM_BRIEF_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/brief_check.py
      --chainmap $<TARGET_FILE:chainmap>
      --source ${PROJECT_SOURCE_DIR}
      --work ${CMAKE_CURRENT_BINARY_DIR}/brief_check)
  set_tests_properties(brief_check PROPERTIES
    SKIP_RETURN_CODE 77
    FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
    ENVIRONMENT "${CM_TEST_ENV}"
    TIMEOUT 900)
else()
  message(STATUS "brief_check test: no python3, not registered")
endif()
