# JsonWriter/JsonReader against Apache Python's TJSONProtocol, which
# json_python_bytes.py drives under Debian's interpreter.
add_executable(interop_json_python_bytes_test json_python_bytes_test.cc)
target_link_libraries(interop_json_python_bytes_test PRIVATE corothrift::runtime GTest::gtest_main)
target_compile_definitions(interop_json_python_bytes_test PRIVATE
  COROTHRIFT_DEBIAN_PYTHON="${COROTHRIFT_DEBIAN_PYTHON}"
  JSON_PYTHON_SCRIPT="${CMAKE_CURRENT_SOURCE_DIR}/json_python_bytes.py")
corothrift_warnings(interop_json_python_bytes_test)
gtest_discover_tests(interop_json_python_bytes_test DISCOVERY_TIMEOUT 30
                     PROPERTIES TIMEOUT 120 LABELS interop)
