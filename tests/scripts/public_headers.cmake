# The public headers (include/chainmap/) compile alone as C and as C++ and expose no internals.
find_program(CM_CXX_FOR_HEADERS NAMES g++ c++ clang++)
if(CM_CXX_FOR_HEADERS)
  add_test(NAME public_headers_compile_as_c_and_cxx
    COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/scripts/public_headers.sh ${PROJECT_SOURCE_DIR}
      ${CMAKE_CURRENT_BINARY_DIR}/public_headers ${CMAKE_C_COMPILER} ${CM_CXX_FOR_HEADERS})
  set_tests_properties(public_headers_compile_as_c_and_cxx PROPERTIES TIMEOUT 120)
endif()
