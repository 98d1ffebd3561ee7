# apache_cpp_server / apache_cpp_client: C++ ThriftTest peers on libthrift.
set(apache_gen_dir ${CMAKE_CURRENT_BINARY_DIR}/gen-cpp)
set(apache_gen_sources
    ${apache_gen_dir}/ThriftTest.cpp
    ${apache_gen_dir}/SecondService.cpp
    ${apache_gen_dir}/ThriftTest_v0_17_0_types.cpp
    ${apache_gen_dir}/ThriftTest_v0_17_0_constants.cpp)
add_custom_command(
  OUTPUT ${apache_gen_sources}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${apache_gen_dir}
  COMMAND ${APACHE_THRIFT_COMPILER} --gen cpp:no_skeleton -out ${apache_gen_dir} ${interop_idl}
  DEPENDS ${interop_idl}
  COMMENT "Generating Apache Thrift C++ peer code from ThriftTest.v0.17.0.thrift"
  VERBATIM)

# Apache's generated code is not ours to make warning-free: no warning flags,
# and its headers are system headers for the code that includes them.
# apache_type_order.cc defines what the generated types use but do not
# define, so it lives in the same library, with our warnings on it alone.
add_library(interop_apache_gen STATIC ${apache_gen_sources} apache_type_order.cc)
set_source_files_properties(apache_type_order.cc PROPERTIES
  COMPILE_OPTIONS "-Wall;-Wextra;-Wpedantic;$<$<BOOL:${COROTHRIFT_WERROR}>:-Werror>")
target_compile_definitions(interop_apache_gen PRIVATE
  INTEROP_APACHE_TYPES="ThriftTest_v0_17_0_types.h" INTEROP_APACHE_NAMESPACE=thrift::test)
target_include_directories(interop_apache_gen SYSTEM PUBLIC ${apache_gen_dir})
target_link_libraries(interop_apache_gen PUBLIC PkgConfig::APACHE_THRIFT Threads::Threads)

add_library(interop_apache_peer STATIC
  apache_peer_options.cc
  apache_peer_sockets.cc
  apache_test_handler.cc)
target_link_libraries(interop_apache_peer PUBLIC interop_apache_gen OpenSSL::SSL OpenSSL::Crypto)
corothrift_warnings(interop_apache_peer)

add_executable(apache_cpp_server apache_cpp_server.cc)
target_link_libraries(apache_cpp_server PRIVATE interop_apache_peer)
corothrift_warnings(apache_cpp_server)

add_executable(apache_cpp_client
  apache_cpp_client.cc
  apache_client_base_cases.cc
  apache_client_container_cases.cc
  apache_client_struct_cases.cc)
target_link_libraries(apache_cpp_client PRIVATE interop_apache_peer)
corothrift_warnings(apache_cpp_client)
