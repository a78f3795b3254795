# cmake --install into a scratch prefix, then examples/gap_summary.c built against the installed
# library (pkg-config shared and static, find_package) and run on samples/ningde-lithium.
# Not under the sanitizers: the example is built without them and cannot link their runtime.
if(NOT CHAINMAP_SANITIZE)
  add_test(NAME install_and_build_example
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scripts/install_example.sh ${PROJECT_SOURCE_DIR}
      ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR}/install_example)
  set_tests_properties(install_and_build_example PROPERTIES
    ENVIRONMENT "CC=${CMAKE_C_COMPILER}" TIMEOUT 300)
endif()
