// Per-language namespace keywords were removed; each names its replacement.
cpp_namespace example.cpp  # expected-error: 'cpp_namespace' was removed from Thrift; use 'namespace cpp example.cpp' instead
py_module example  # expected-error: 'py_module' was removed from Thrift; use 'namespace py example' instead
ruby_namespace Example  # expected-error: 'ruby_namespace' was removed from Thrift; use 'namespace rb Example' instead
smalltalk_category Ex  # expected-error: 'smalltalk_category' was removed from Thrift; use 'namespace smalltalk.category Ex' instead
java_package org.example  # expected-error: 'java_package' was removed from Thrift; use 'namespace java org.example' instead
