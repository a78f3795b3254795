# The catalogue is complete (CI fails on an untranslated string); the checks live in po/:
# - po_statistics: msgfmt --check --statistics on po/zh_CN.po shows no untranslated or fuzzy message;
# - po_covers_sources: a .pot regenerated from the sources has no msgid that zh_CN.po lacks.
find_program(CM_TEST_MSGFMT msgfmt)
find_program(CM_TEST_MSGCMP msgcmp)
find_program(CM_TEST_XGETTEXT xgettext)
if(CM_TEST_MSGFMT AND CM_TEST_MSGCMP AND CM_TEST_XGETTEXT)
  add_test(NAME po_statistics
    COMMAND ${CMAKE_COMMAND} -DMSGFMT=${CM_TEST_MSGFMT} -DPO=${PROJECT_SOURCE_DIR}/po/zh_CN.po
      -P ${PROJECT_SOURCE_DIR}/po/check_statistics.cmake)
  add_test(NAME po_covers_sources
    COMMAND ${CMAKE_COMMAND} -DXGETTEXT=${CM_TEST_XGETTEXT} -DMSGCMP=${CM_TEST_MSGCMP}
      -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DPO=${PROJECT_SOURCE_DIR}/po/zh_CN.po
      -DWORK=${CMAKE_CURRENT_BINARY_DIR}/po
      -P ${PROJECT_SOURCE_DIR}/po/check_sources.cmake)
else()
  message(STATUS "catalogue tests: no gettext tools, not registered")
endif()
