# CTest entries: the whole matrix, a few single cells (quick to rerun when
# one breaks), the Apache multiplexed check, and the runner's own tests.
# corothrift's thrift_test_server/thrift_test_client are part of every matrix
# run: without targets of those names (COROTHRIFT_BUILD_COMPILER off) the
# full matrix fails, naming them, instead of leaving their column out.
set(interop_matrix ${COROTHRIFT_DEBIAN_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/run_matrix.py
    --python=${COROTHRIFT_DEBIAN_PYTHON}
    --path=apache_cpp_server=$<TARGET_FILE:apache_cpp_server>
    --path=apache_cpp_client=$<TARGET_FILE:apache_cpp_client>
    --path=py_gen_dir=${interop_py_gen_dir}
    --path=thriftpy_idl=${interop_thriftpy_idl}
    "--path=thrift_test_server=$<$<TARGET_EXISTS:thrift_test_server>:$<TARGET_FILE:thrift_test_server>>"
    "--path=thrift_test_client=$<$<TARGET_EXISTS:thrift_test_client>:$<TARGET_FILE:thrift_test_client>>")

# The matrix tests run alone (RUN_SERIAL) and six cells at a time: a cell waits more than it
# computes (a corothrift server drains the oneway case's 2 s sleep when stopped), so the matrix
# took 55 s at two cells at a time and 19 s at eight, for the same 22 s of CPU.
list(APPEND interop_matrix --jobs=6)

# ctest runs the cells with corothrift on one side: the cells between two other peers prove
# nothing of ours, and `run_matrix.py --write-docs` (docs/interop.md) runs them all.
add_test(NAME interop.matrix COMMAND ${interop_matrix} --involving=corothrift)
set_tests_properties(interop.matrix PROPERTIES TIMEOUT 600 LABELS interop RUN_SERIAL TRUE)

function(interop_cell name server client protocol transport mode)
  add_test(NAME interop.cell.${name} COMMAND ${interop_matrix} --server=${server}
           --client=${client} --protocol=${protocol} --transport=${transport} --mode=${mode})
  set_tests_properties(interop.cell.${name} PROPERTIES TIMEOUT 60 LABELS interop)
endfunction()
interop_cell(apache_cpp_to_apache_py_compact_framed apache-cpp apache-py compact framed plain)
interop_cell(apache_py_to_thriftpy_binary_buffered apache-py thriftpy binary buffered plain)
interop_cell(thriftpy_to_apache_cpp_compact_buffered thriftpy apache-cpp compact buffered plain)
# Item 6 of the interop issue: an Apache TMultiplexedProtocol client against
# Apache's TMultiplexedProcessor hosting ThriftTest and SecondService.
interop_cell(apache_cpp_multiplexed apache-cpp apache-cpp binary framed multiplexed)

# THeader's zlib transform: every header client compresses its requests,
# against the header servers, plain and multiplexed. Not apache-cpp's
# server: libthrift 0.17's THeaderTransport copies an inflated payload back
# over its smaller receive buffer (heap corruption; fixed upstream after
# 0.17), so it fails with every client, its own included.
add_test(NAME interop.header_zlib COMMAND ${interop_matrix} --protocol=header
         --transport=buffered --mode=both --zlib --server=apache-py --server=corothrift)
set_tests_properties(interop.header_zlib PROPERTIES TIMEOUT 280 LABELS interop RUN_SERIAL TRUE)
add_test(NAME interop.runner_self_test
         COMMAND ${COROTHRIFT_DEBIAN_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/matrix_runner_test.py)
set_tests_properties(interop.runner_self_test PROPERTIES TIMEOUT 60 LABELS interop
  ENVIRONMENT "INTEROP_APACHE_CPP_SERVER=$<TARGET_FILE:apache_cpp_server>;INTEROP_APACHE_CPP_CLIENT=$<TARGET_FILE:apache_cpp_client>;INTEROP_PY_GEN_DIR=${interop_py_gen_dir};INTEROP_THRIFTPY_IDL=${interop_thriftpy_idl};INTEROP_THRIFT_TEST_CLIENT=$<$<TARGET_EXISTS:thrift_test_client>:$<TARGET_FILE:thrift_test_client>>")

# The matrix over TLS (one-way and mutual) between corothrift and the
# implementations that have it (Apache C++ TSSLSocket, Apache Python
# TSSLSocket), with a test CA made by the runner with the `openssl` command.
# TLS sits below every protocol and transport, and multiplexing is a name prefix above them
# (the plaintext matrix runs it on every wire): one-way TLS runs every protocol and transport
# without multiplexing; mutual TLS differs from one-way only in the handshake, so its ctest runs
# binary and compact (`run_matrix.py --tls=oneway|mutual` alone runs every cell).
add_test(NAME interop.matrix_tls_oneway COMMAND ${interop_matrix} --tls=oneway
         --involving=corothrift --mode=plain)
add_test(NAME interop.matrix_tls_mutual COMMAND ${interop_matrix} --tls=mutual
         --involving=corothrift --protocol=binary --protocol=compact --mode=plain)
set_tests_properties(interop.matrix_tls_oneway interop.matrix_tls_mutual
                     PROPERTIES TIMEOUT 450 LABELS interop RUN_SERIAL TRUE)
