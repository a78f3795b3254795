# A CSV report round trip through LibreOffice Calc (tests/scripts/csv_spreadsheet.sh): UTF-8 BOM,
# Chinese text and formula neutralising survive. Without soffice the test reports SKIPPED; CI
# installs libreoffice-calc-nogui (.ci/run).
add_test(NAME csv_spreadsheet
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scripts/csv_spreadsheet.sh
    $<TARGET_FILE:chainmap> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/csv_spreadsheet)
set_tests_properties(csv_spreadsheet PROPERTIES
  SKIP_RETURN_CODE 77
  FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
  ENVIRONMENT "${CM_TEST_ENV}"
  TIMEOUT 300)
