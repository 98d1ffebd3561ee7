// Definitions of different files that would be one C++ name are refused with
// both locations and what to change, unless `--gen cpp:file_namespaces` puts
// each file without a namespace into one named after it.
#include <gtest/gtest.h>

#include "codegen_test_util.h"

namespace corothrift::codegen::test {
namespace {

const std::filesystem::path kClashingDir = kSourceDir / "test-idl" / "clashing";

TEST(NameClashes, SameStructInTwoFilesWithoutNamespaceIsAnErrorNamingBothAndTheFix) {
  idl::FileSourceProvider files;
  Generated out = generate_with((kClashingDir / "root.thrift").string(), {}, false, files);
  EXPECT_FALSE(out.ok);
  EXPECT_TRUE(out.files.empty());
  EXPECT_NE(out.diagnostics.find(
                "orders.thrift:2:8: error: struct 'Item' of orders.thrift and struct 'Item' of "
                "inventory.thrift are both '::Item' in C++; add `namespace cpp orders` to "
                "orders.thrift, or pass `--gen cpp:file_namespaces` to put each file without a "
                "namespace into one named after the file\n"),
            std::string::npos)
      << out.diagnostics;
  EXPECT_NE(out.diagnostics.find("inventory.thrift:2:8: note: struct 'Item' is defined here\n"),
            std::string::npos)
      << out.diagnostics;
}

TEST(NameClashes, FileNamespacesPutEachFileWithoutOneIntoItsOwn) {
  idl::FileSourceProvider files;
  CppOptions options{{{"file_namespaces", ""}}};
  Generated out = generate_with((kClashingDir / "root.thrift").string(), options, true, files);
  ASSERT_TRUE(out.ok) << out.diagnostics;
  const std::string& inventory = out.files.at("inventory_types.h");
  EXPECT_NE(inventory.find("namespace inventory {\n"), std::string::npos);
  const std::string& root = out.files.at("root_types.h");
  EXPECT_NE(root.find("namespace root {\n"), std::string::npos);
  EXPECT_NE(root.find("  ::inventory::Item stock;\n"), std::string::npos) << root;
  EXPECT_NE(root.find("  ::orders::Item order;\n"), std::string::npos) << root;
  EXPECT_NE(out.files.at("Shipping.h").find("public ::orders::OrdersHandler"), std::string::npos);
}

TEST(NameClashes, FilesSharingANamespaceAreToldToTakeTheirOwn) {
  idl::MemorySourceProvider files;
  files.add("a.thrift", "namespace cpp shop\nenum Kind { X }\n");
  files.add("b.thrift", "namespace cpp shop\nconst i32 Kind = 1\n");
  files.add("main.thrift", "include \"a.thrift\"\ninclude \"b.thrift\"\n");
  Generated out = generate_with("main.thrift", {{{"file_namespaces", ""}}}, false, files);
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.diagnostics.find("b.thrift:2:11: error: constant 'Kind' of b.thrift and enum "
                                 "'Kind' of a.thrift are both '::shop::Kind' in C++; give "
                                 "b.thrift a `namespace cpp` of its own\n"),
            std::string::npos)
      << out.diagnostics;
}

TEST(NameClashes, ServiceClassesCountAsNamesOfTheirFile) {
  idl::MemorySourceProvider files;
  files.add("main.thrift", "struct LogClient { 1: i32 x }\nservice Log {}\n");
  Generated out = generate_with("main.thrift", {}, false, files);
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.diagnostics.find("main.thrift:2:9: error: service 'Log' of main.thrift and struct "
                                 "'LogClient' of main.thrift are both '::LogClient' in C++; "
                                 "rename one of them\n"),
            std::string::npos)
      << out.diagnostics;
}

TEST(NameClashes, UnknownGeneratorOptionsAreErrorsThatListTheKnownOne) {
  idl::MemorySourceProvider files;
  files.add("main.thrift", "struct S { 1: i32 x }\n");
  Generated out = generate_with("main.thrift", {{{"frobnicate", ""}}}, false, files);
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.diagnostics.find("unknown option 'frobnicate' for --gen cpp (known: "
                                 "file_namespaces)"),
            std::string::npos)
      << out.diagnostics;
}

}  // namespace
}  // namespace corothrift::codegen::test
