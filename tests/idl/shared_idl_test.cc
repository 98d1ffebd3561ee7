// Every one of Apache Thrift's IDL files (COROTHRIFT_APACHE_IDL_DIR) parses, resolves and
// checks clean.
#include <algorithm>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "../apache_idl.h"
#include "corothrift/idl/load.h"

namespace corothrift::idl {
namespace {

namespace fs = std::filesystem;

class SharedIdl : public ::testing::TestWithParam<std::string> {};

TEST_P(SharedIdl, LoadsWithoutErrors) {
  FileSourceProvider files;
  Diagnostics diags;
  COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(fs::path(COROTHRIFT_SHARED_IDL_DIR) / GetParam());
  auto compilation = load(fs::path(COROTHRIFT_SHARED_IDL_DIR) / GetParam(), {}, files, diags);
  std::ostringstream printed;
  diags.print(printed);
  EXPECT_TRUE(compilation) << printed.str();
  EXPECT_FALSE(diags.has_errors()) << printed.str();
}

INSTANTIATE_TEST_SUITE_P(All, SharedIdl,
                         ::testing::Values("ThriftTest.thrift", "ThriftTest.v0.17.0.thrift",
                                           "DebugProtoTest.thrift", "Recursive.thrift",
                                           "shared.thrift", "tutorial.thrift"),
                         [](const auto& info) {
                           std::string name = fs::path(info.param).stem().string();
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

TEST(SharedIdl, TutorialResolvesItsIncludeAndExtends) {
  FileSourceProvider files;
  Diagnostics diags;
  COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(fs::path(COROTHRIFT_SHARED_IDL_DIR) / "shared.thrift");
  COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(fs::path(COROTHRIFT_SHARED_IDL_DIR) / "tutorial.thrift");
  auto c = load(fs::path(COROTHRIFT_SHARED_IDL_DIR) / "tutorial.thrift", {}, files, diags);
  ASSERT_TRUE(c);
  ASSERT_EQ(c->programs.size(), 2U);
  const auto* calculator = c->root->find("Calculator")->as<Service>();
  ASSERT_NE(calculator->extends, nullptr);
  EXPECT_EQ(calculator->extends->name, "SharedService");
  EXPECT_EQ(c->root->namespace_for("cpp"), "tutorial");
}

}  // namespace
}  // namespace corothrift::idl
