#pragma once
// Apache Thrift's IDL files are not in this repository (cmake/apache-idl.cmake):
// a test that reads one skips, saying which file and why, when it is absent.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace corothrift::test {

// Empty when `idl` exists, else the reason to skip.
inline std::string missing_apache_idl(const std::filesystem::path& idl) {
  if (std::filesystem::exists(idl)) return {};
  std::string where = idl.parent_path() == idl.root_path()
                          ? std::string("COROTHRIFT_APACHE_IDL_DIR is empty")
                          : "not in " + idl.parent_path().string();
  return "needs Apache Thrift's IDL files: " + idl.filename().string() + " (" + where +
         "; configure with -DCOROTHRIFT_APACHE_IDL_DIR=<folder>)";
}

}  // namespace corothrift::test

// Skips the calling test when `idl` is absent. Use in a test body (it returns).
#define COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(idl)                                      \
  do {                                                                               \
    if (std::string why = ::corothrift::test::missing_apache_idl(idl); !why.empty()) \
      GTEST_SKIP() << why;                                                           \
  } while (false)
