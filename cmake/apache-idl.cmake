# Apache Thrift's own IDL files (ThriftTest.thrift, DebugProtoTest.thrift, Recursive.thrift,
# tutorial.thrift, shared.thrift, ThriftTest.v0.17.0.thrift) are not part of this repository.
# Every test that reads them finds them through COROTHRIFT_APACHE_IDL_DIR. Without them those
# tests are still registered, and ctest reports each one as skipped; `ctest -V` (or the test's
# output in a JUnit report) shows the reason.

set(_corothrift_apache_idl_default "")
if(EXISTS "${PROJECT_SOURCE_DIR}/../shared/idl/ThriftTest.thrift")
  get_filename_component(_corothrift_apache_idl_default "${PROJECT_SOURCE_DIR}/../shared/idl"
                         ABSOLUTE)
endif()
set(COROTHRIFT_APACHE_IDL_DIR "${_corothrift_apache_idl_default}" CACHE PATH
    "Folder holding Apache Thrift's test IDL files (ThriftTest.thrift, ...); the tests that need them are skipped when it does not")

# corothrift_apache_idl_missing(<out_var> <file>...): <out_var> is the reason to skip (which
# files are missing, where they were looked for), or empty when every file is there.
function(corothrift_apache_idl_missing out_var)
  set(missing "")
  foreach(file IN LISTS ARGN)
    if(NOT COROTHRIFT_APACHE_IDL_DIR OR NOT EXISTS "${COROTHRIFT_APACHE_IDL_DIR}/${file}")
      list(APPEND missing "${file}")
    endif()
  endforeach()
  set(reason "")
  if(missing)
    list(JOIN missing ", " missing)
    set(reason "needs Apache Thrift's IDL files: ${missing} not found in COROTHRIFT_APACHE_IDL_DIR='${COROTHRIFT_APACHE_IDL_DIR}'")
  endif()
  set(${out_var} "${reason}" PARENT_SCOPE)
endfunction()

# corothrift_skipped_test(<name> <reason> [<label>...]): a test that stands for tests which cannot
# be built here. It prints `SKIPPED: <reason>` and ctest reports it as skipped, never passed.
function(corothrift_skipped_test name reason)
  add_test(NAME ${name} COMMAND sh -c "printf 'SKIPPED: %s\\n' \"$1\"; exit 77" skipped "${reason}")
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77 LABELS "skipped;${ARGN}")
endfunction()
