# interop_generated_bytes_test: corothrift's generated ThriftTest types against
# Apache's generated C++ for the same IDL, byte for byte. Apache's code is made
# from a copy of ThriftTest.v0.17.0.thrift whose C++ namespace is
# interop_apache, so both sides' types (thrift::test in each) live in one
# program. Needs corothrift's ThriftTest code (thrift_test_programs.cmake).
if(NOT TARGET thrift_test_idl)
  return()
endif()

set(bytes_dir ${CMAKE_CURRENT_BINARY_DIR}/generated-bytes)
set(bytes_idl ${bytes_dir}/ApacheThriftTest.thrift)
file(READ "${interop_idl}" idl_text)
string(REPLACE "namespace cpp thrift.test\n" "namespace cpp interop_apache\n" idl_text "${idl_text}")
if(NOT idl_text MATCHES "namespace cpp interop_apache\n")
  message(FATAL_ERROR "${interop_idl} has no 'namespace cpp thrift.test' line to rename")
endif()
file(GENERATE OUTPUT ${bytes_idl} CONTENT "${idl_text}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${interop_idl}")

set(bytes_apache_sources ${bytes_dir}/gen-cpp/ApacheThriftTest_types.cpp)
add_custom_command(
  OUTPUT ${bytes_apache_sources}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${bytes_dir}/gen-cpp
  COMMAND ${APACHE_THRIFT_COMPILER} --gen cpp:no_skeleton -out ${bytes_dir}/gen-cpp ${bytes_idl}
  DEPENDS ${bytes_idl}
  COMMENT "Generating Apache Thrift C++ types (namespace interop_apache) for the bytes test"
  VERBATIM)

# Like interop_apache_gen: Apache's code without our warnings, plus the
# operator< it declares but does not define (apache_type_order.cc, built for
# this namespace).
add_library(interop_bytes_apache_gen STATIC ${bytes_apache_sources} apache_type_order.cc)
target_compile_definitions(interop_bytes_apache_gen PRIVATE
  INTEROP_APACHE_TYPES="ApacheThriftTest_types.h" INTEROP_APACHE_NAMESPACE=interop_apache)
target_include_directories(interop_bytes_apache_gen SYSTEM PUBLIC ${bytes_dir}/gen-cpp)
target_link_libraries(interop_bytes_apache_gen PUBLIC PkgConfig::APACHE_THRIFT)

add_executable(interop_generated_bytes_test generated_bytes_test.cc)
target_link_libraries(interop_generated_bytes_test PRIVATE
  interop_bytes_apache_gen thrift_test_idl GTest::gtest_main)
corothrift_warnings(interop_generated_bytes_test)
gtest_discover_tests(interop_generated_bytes_test DISCOVERY_TIMEOUT 30
                     PROPERTIES TIMEOUT 120 LABELS interop)
