# `cmake --install`: the chainmap program, libchainmap (shared and static), the public headers,
# chainmap.pc, a CMake package (find_package(chainmap): chainmap::chainmap,
# chainmap::chainmap_static), the man page, and the templates and translations once the tree has
# them (templates/, po/).
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
# Translations (issue 15): po/CMakeLists.txt compiles po/*.po with msgfmt and installs the .mo
# files under ${CMAKE_INSTALL_LOCALEDIR}; without one, the .po files are compiled here.
if(EXISTS ${PROJECT_SOURCE_DIR}/po/CMakeLists.txt)
  add_subdirectory(${PROJECT_SOURCE_DIR}/po ${PROJECT_BINARY_DIR}/po)
elseif(EXISTS ${PROJECT_SOURCE_DIR}/po)
  find_program(CM_MSGFMT msgfmt REQUIRED)
  file(GLOB CM_PO_FILES ${PROJECT_SOURCE_DIR}/po/*.po)
  set(CM_MO_FILES)
  foreach(po ${CM_PO_FILES})
    get_filename_component(lang ${po} NAME_WE)
    set(mo ${PROJECT_BINARY_DIR}/locale/${lang}/LC_MESSAGES/chainmap.mo)
    add_custom_command(OUTPUT ${mo}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/locale/${lang}/LC_MESSAGES
      COMMAND ${CM_MSGFMT} --check -o ${mo} ${po}
      DEPENDS ${po} VERBATIM)
    list(APPEND CM_MO_FILES ${mo})
    install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
  endforeach()
  add_custom_target(chainmap_translations ALL DEPENDS ${CM_MO_FILES})
endif()
