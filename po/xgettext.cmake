# cmake -DXGETTEXT=... -DSOURCE_DIR=... -DDIRS="a;b" (or a,b) -DOUTPUT=... [-DVERSION=...] -P xgettext.cmake
# Writes the gettext template of every string marked _(), N_() or C_() in SOURCE_DIR/DIRS/*.c|h.
set(files)
string(REPLACE "," ";" DIRS "${DIRS}") # DIRS may come comma-separated
foreach(dir ${DIRS})
  file(GLOB_RECURSE found RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${dir}/*.c ${SOURCE_DIR}/${dir}/*.h)
  list(APPEND files ${found})
endforeach()
list(SORT files)
execute_process(
  COMMAND ${XGETTEXT} --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=NG_:1,2 --keyword=g_dngettext:2,3
    --from-code=UTF-8 --language=C --add-comments=TRANSLATORS --package-name=chainmap
    --package-version=${VERSION}
    --sort-by-file -o ${OUTPUT} ${files}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed (${rc})")
endif()
