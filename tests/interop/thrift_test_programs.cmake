# corothrift's own ThriftTest server and client (thrift_test_server /
# thrift_test_client), generated at build time from ThriftTest.thrift (the one
# with uuid). Built by the default build, interop on or off; the matrix picks
# them up by target name (matrix_tests.cmake).
if(NOT TARGET corothrift)
  return()
endif()

add_library(thrift_test_idl STATIC)
corothrift_generate(TARGET thrift_test_idl
  IDL "${COROTHRIFT_APACHE_IDL_DIR}/ThriftTest.thrift"
  OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/thrift_test_gen")
target_include_directories(thrift_test_idl PUBLIC "${CMAKE_CURRENT_BINARY_DIR}/thrift_test_gen")
target_link_libraries(thrift_test_idl PUBLIC corothrift::runtime)

add_executable(thrift_test_server thrift_test_server.cc thrift_test_handler.cc)
add_executable(thrift_test_client thrift_test_client.cc thrift_test_base_cases.cc
                                  thrift_test_container_cases.cc thrift_test_struct_cases.cc
                                  thrift_test_in_flight_case.cc)
corothrift_warnings(thrift_test_idl)
foreach(target thrift_test_server thrift_test_client)
  target_link_libraries(${target} PRIVATE thrift_test_idl corothrift::tls)
  corothrift_warnings(${target})
endforeach()
