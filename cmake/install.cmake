# `cmake --install`: the chainmap program, libchainmap (shared and static), the public headers,
# chainmap.pc, a CMake package (find_package(chainmap): chainmap::chainmap,
# chainmap::chainmap_static), the man page and the templates (the translations: po/).
include(CMakePackageConfigHelpers)

install(TARGETS chainmap RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS chainmap_shared chainmap_static EXPORT chainmapTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/chainmap
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")

file(RELATIVE_PATH CM_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/chainmap.pc.in ${PROJECT_BINARY_DIR}/chainmap.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/chainmap.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(CM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/chainmap)
install(EXPORT chainmapTargets NAMESPACE chainmap:: DESTINATION ${CM_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/chainmapConfig.cmake.in
  ${PROJECT_BINARY_DIR}/chainmapConfig.cmake INSTALL_DESTINATION ${CM_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/chainmapConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/chainmapConfig.cmake
  ${PROJECT_BINARY_DIR}/chainmapConfigVersion.cmake DESTINATION ${CM_CMAKE_DIR})

install(FILES ${PROJECT_SOURCE_DIR}/man/chainmap.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The bundled reference chains (chainmap templates / init) go to share/chainmap/templates; they
# are found in the source tree until installed (loaders/template_dir.c).
if(EXISTS ${PROJECT_SOURCE_DIR}/templates)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/
    DESTINATION ${CMAKE_INSTALL_DATADIR}/chainmap/templates)
endif()
# The translations (po/*.po compiled by msgfmt) are installed by po/CMakeLists.txt, under
# ${CMAKE_INSTALL_LOCALEDIR}.
