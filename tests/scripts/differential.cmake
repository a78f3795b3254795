# Differential tests: chainmap gaps|procurement|targets|resilience|plan --format json against the independent
# oracle shared/bench/peer.py on the samples, the graph fixture and datasets made by
# shared/bench/gen.py (written under the build tree). shared/ sits beside the repository; when it
# is missing the tests report SKIPPED.
set(CM_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
  "the folder holding bench/peer.py and bench/gen.py (the oracle)")
# the oracle needs pandas and networkx: the Debian packages live with the system interpreter
if(EXISTS /usr/bin/python3)
  set(CM_ORACLE_PYTHON /usr/bin/python3)
else()
  find_program(CM_ORACLE_PYTHON NAMES python3)
endif()

if(CM_ORACLE_PYTHON)
  foreach(case samples fixture gen-small gen-medium gen-large)
    string(REPLACE "-" "_" test_case "${case}")
    add_test(NAME differential_${test_case}
      COMMAND ${CM_ORACLE_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/scripts/differential.py
        --chainmap $<TARGET_FILE:chainmap>
        --source ${PROJECT_SOURCE_DIR}
        --shared ${CM_SHARED_DIR}
        --work ${CMAKE_CURRENT_BINARY_DIR}/differential
        ${case})
    set_tests_properties(differential_${test_case} PROPERTIES
      SKIP_RETURN_CODE 77
      FAIL_REGULAR_EXPRESSION "${CM_SANITIZER_FAIL}"
      ENVIRONMENT "${CM_TEST_ENV}"
      TIMEOUT 600)
  endforeach()
else()
  message(STATUS "differential tests: no python3, not registered")
endif()
