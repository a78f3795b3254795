# cmake -DMSGFMT=msgfmt -DPO=po/zh_CN.po -P po_statistics.cmake: fails on any untranslated or
# fuzzy message, or on a format string whose translation does not match (--check).
execute_process(COMMAND ${MSGFMT} --check --statistics -o /dev/null ${PO}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${err}${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgfmt --check failed on ${PO}")
endif()
if("${err}${out}" MATCHES "untranslated|fuzzy")
  message(FATAL_ERROR "${PO} has untranslated or fuzzy messages: translate them (docs/translating.md)")
endif()
if(NOT "${err}${out}" MATCHES "[1-9][0-9]* translated message")
  message(FATAL_ERROR "${PO}: no translated message at all")
endif()
