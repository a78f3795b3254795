# Replays every fuzz seed and saved crash input through the fuzz targets' entry points
# (fuzz/CMakeLists.txt). Normal build: fuzz_replay_<what> executables built with
# fuzz/replay_main.c. With CHAINMAP_FUZZ=ON the top level adds fuzz/ itself, after tests/, and
# the libFuzzer binaries replay the same files; the test settings reach it as global properties.
set_property(GLOBAL PROPERTY CM_SANITIZER_FAIL "${CM_SANITIZER_FAIL}")
set_property(GLOBAL PROPERTY CM_TEST_ENV "${CM_TEST_ENV}")
if(NOT CHAINMAP_FUZZ)
  add_subdirectory(${PROJECT_SOURCE_DIR}/fuzz ${PROJECT_BINARY_DIR}/fuzz-replay)
endif()
