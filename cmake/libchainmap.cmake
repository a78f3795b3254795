# libchainmap: the objects of graph/, loaders/ and render/ (built position-independent) as one
# shared library (SONAME libchainmap.so.<major>) and one static library, with the public headers
# of include/ only. The chainmap program links the static module libraries directly.
set(CM_LIB_OBJECTS $<TARGET_OBJECTS:cm_graph> $<TARGET_OBJECTS:cm_loaders>
                   $<TARGET_OBJECTS:cm_render>)
set(CM_LIB_PUBLIC_DEPS PkgConfig::GLIB PkgConfig::IGRAPH)
set(CM_LIB_PRIVATE_DEPS PkgConfig::GRAPHVIZ ${CSV_LIBRARY} m Threads::Threads)
find_package(Threads REQUIRED)

add_library(chainmap_shared SHARED ${CM_LIB_OBJECTS})
add_library(chainmap_static STATIC ${CM_LIB_OBJECTS})
foreach(lib chainmap_shared chainmap_static)
  target_include_directories(${lib} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
                                           $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${lib} PUBLIC ${CM_LIB_PUBLIC_DEPS})
endforeach()
target_link_libraries(chainmap_shared PRIVATE ${CM_LIB_PRIVATE_DEPS})
# a static archive carries no dependencies: its users link them (chainmap.pc: Libs.private)
target_link_libraries(chainmap_static INTERFACE $<LINK_ONLY:PkgConfig::GRAPHVIZ>
                                                $<LINK_ONLY:${CSV_LIBRARY}> $<LINK_ONLY:m>
                                                $<LINK_ONLY:Threads::Threads>)
set_target_properties(chainmap_shared PROPERTIES
  OUTPUT_NAME chainmap
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}
  EXPORT_NAME chainmap
  LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)
set_target_properties(chainmap_static PROPERTIES
  OUTPUT_NAME chainmap
  EXPORT_NAME chainmap_static
  ARCHIVE_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)
