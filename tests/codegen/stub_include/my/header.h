#pragma once
// Stands in for the header that test-idl/valid/cpp_include.thrift names, so
// its generated code can be compiled by the build check.
