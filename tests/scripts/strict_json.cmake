# Strict JSON: every JSON report of a dataset with every control character in its names parses
# with Python's json (NaN, raw control characters and duplicate keys refused).
find_program(CM_PYTHON3 NAMES python3)
if(CM_PYTHON3)
  add_test(NAME strict_json_reports
    COMMAND ${CM_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/strict_json.py
      --chainmap $<TARGET_FILE:chainmap>
      --source ${PROJECT_SOURCE_DIR}
      --work ${CMAKE_CURRENT_BINARY_DIR}/strict_json)
  set_tests_properties(strict_json_reports PROPERTIES
    FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
    ENVIRONMENT "${CM_TEST_ENV}"
    TIMEOUT 120)
endif()
