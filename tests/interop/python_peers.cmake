# Inputs of the Python peers, made at build time into this build folder:
# Apache's `thrift --gen py` package and the thriftpy-loadable IDL copy.
set(interop_py_gen_dir ${CMAKE_CURRENT_BINARY_DIR}/gen-py)
set(interop_thriftpy_idl ${CMAKE_CURRENT_BINARY_DIR}/ThriftTest_thriftpy.thrift)
add_custom_command(
  OUTPUT ${interop_py_gen_dir}/ThriftTest/ThriftTest.py
  COMMAND ${CMAKE_COMMAND} -E make_directory ${interop_py_gen_dir}
  COMMAND ${APACHE_THRIFT_COMPILER} --gen py -out ${interop_py_gen_dir} ${interop_idl}
  DEPENDS ${interop_idl}
  COMMENT "Generating Apache Thrift Python peer code from ThriftTest.v0.17.0.thrift"
  VERBATIM)
add_custom_command(
  OUTPUT ${interop_thriftpy_idl}
  COMMAND ${COROTHRIFT_DEBIAN_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/derive_thriftpy_idl.py
          ${interop_idl} ${interop_thriftpy_idl}
  DEPENDS ${interop_idl} ${CMAKE_CURRENT_SOURCE_DIR}/derive_thriftpy_idl.py
  COMMENT "Deriving a thriftpy-loadable copy of ThriftTest"
  VERBATIM)
add_custom_target(interop_python_peers ALL
  DEPENDS ${interop_py_gen_dir}/ThriftTest/ThriftTest.py ${interop_thriftpy_idl})
