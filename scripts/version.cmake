# Writes OUTPUT, a header defining REHEARSE_VERSION_STRING: VERSION, and in a
# git checkout of SOURCE_DIR the commit too ("0.2.0 (a1b2c3d)"). The file is
# rewritten only when that changes, so a rebuild recompiles only then.
#   cmake -DSOURCE_DIR=... -DVERSION=... -DOUTPUT=... -P version.cmake
set(version "${VERSION}")
find_package(Git QUIET)
if(GIT_FOUND AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --short=7 HEAD
                  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE failed ERROR_QUIET)
  if(NOT failed AND commit)
    set(version "${VERSION} (${commit})")
  endif()
endif()
set(text "/* Made by scripts/version.cmake. */\n#define REHEARSE_VERSION_STRING \"${version}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE "${OUTPUT}" "${text}")
endif()
