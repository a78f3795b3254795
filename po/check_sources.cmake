# Regenerates the template from the sources (po/xgettext.cmake) and compares it with the
# translation: any marked string that zh_CN.po lacks or leaves untranslated or fuzzy fails.
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -DXGETTEXT=${XGETTEXT} -DSOURCE_DIR=${SOURCE_DIR}
    "-DDIRS=graph;loaders;render;cli;include" -DOUTPUT=${WORK}/fresh.pot -DVERSION=check
    -P ${SOURCE_DIR}/po/xgettext.cmake
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext over the sources failed")
endif()
execute_process(COMMAND ${MSGCMP} ${PO} ${WORK}/fresh.pot
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${err}${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "strings marked in the sources are missing from ${PO}: run "
    "`cmake --build build --target update-po`, translate, rebuild (docs/translating.md)")
endif()
