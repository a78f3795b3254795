# Differential tests of `chainmap compare` against the oracle's compare (shared/bench/peer.py):
# differential_compare.py, one ctest test per case. Skipped (77) when shared/ is missing.
set(CM_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
  "the folder holding bench/peer.py and bench/gen.py (the oracle)")
if(NOT CM_ORACLE_PYTHON)
  if(EXISTS /usr/bin/python3)
    set(CM_ORACLE_PYTHON /usr/bin/python3)
  else()
    find_program(CM_ORACLE_PYTHON NAMES python3)
  endif()
endif()

if(CM_ORACLE_PYTHON)
  foreach(case samples fixture gen)
    add_test(NAME differential_compare_${case}
      COMMAND ${CM_ORACLE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/differential_compare.py
        --chainmap $<TARGET_FILE:chainmap>
        --source ${PROJECT_SOURCE_DIR}
        --shared ${CM_SHARED_DIR}
        --work ${CMAKE_CURRENT_BINARY_DIR}/differential
        ${case})
    set_tests_properties(differential_compare_${case} PROPERTIES
      SKIP_RETURN_CODE 77
      FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
      ENVIRONMENT "${CM_TEST_ENV}"
      TIMEOUT 600)
  endforeach()
endif()
