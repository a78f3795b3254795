# Every report, map, page and message of the Ningde sample in both languages
# (tests/scripts/i18n_outputs.py): English without CJK outside data values, Chinese without the
# English chrome words, name_en with --lang en, the locale default.
if(EXISTS /usr/bin/python3)
  set(CM_I18N_PYTHON /usr/bin/python3)
else()
  find_program(CM_I18N_PYTHON NAMES python3)
endif()
if(CM_I18N_PYTHON)
  add_test(NAME i18n_outputs
    COMMAND ${CM_I18N_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/i18n_outputs.py
      --chainmap $<TARGET_FILE:chainmap>
      --source ${PROJECT_SOURCE_DIR}
      --work ${CMAKE_CURRENT_BINARY_DIR}/i18n_outputs)
  set_tests_properties(i18n_outputs PROPERTIES
    FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
    ENVIRONMENT "${CM_TEST_ENV}"
    TIMEOUT 600)
else()
  message(STATUS "i18n_outputs test: no python3, not registered")
endif()
