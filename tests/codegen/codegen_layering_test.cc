// Includes point one way: only render.cc touches the template engine, the
// generator never includes the runtime, and generated code includes only
// the runtime, the standard library, fmt and other generated headers.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "codegen_test_util.h"

namespace corothrift::codegen::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> includes_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  std::string line;
  static const std::regex kInclude(R"(^\s*#\s*include\s*([<"][^>"]+[>"]))");
  std::smatch match;
  while (std::getline(in, line)) {
    if (std::regex_search(line, match, kInclude)) out.push_back(match[1]);
  }
  return out;
}

TEST(Layering, OnlyRenderCcIncludesTheTemplateEngine) {
  int users = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / "codegen")) {
    for (const std::string& include : includes_of(entry.path())) {
      if (include.find("kainjow") == std::string::npos) continue;
      ++users;
      EXPECT_EQ(entry.path().filename(), "render.cc");
    }
  }
  EXPECT_EQ(users, 1);
}

TEST(Layering, GeneratorIncludesNoRuntimeHeader) {
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / "codegen")) {
    for (const std::string& include : includes_of(entry.path())) {
      EXPECT_EQ(include.find("corothrift/"), include.find("corothrift/idl/"))
          << entry.path() << " includes " << include;
    }
  }
}

TEST(Layering, GeneratedCodeIncludesOnlyRuntimeStdFmtAndGeneratedHeaders) {
  static const std::regex kAllowed(
      R"(^(<corothrift/(detail/)?[a-z_]+\.h>|<fmt/[a-z]+\.h>|<[a-z_]+>|"[A-Za-z0-9_]+(_types)?\.h")$)");
  for (const char* name : {"ThriftTest", "tutorial", "DebugProtoTest"}) {
    COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(kSharedIdlDir / (std::string(name) + ".thrift"));
  }
  for (const char* name : {"ThriftTest", "tutorial", "DebugProtoTest"}) {
    Generated generated = generate(kSharedIdlDir / (std::string(name) + ".thrift"));
    ASSERT_TRUE(generated.ok) << generated.diagnostics;
    for (const auto& [path, contents] : generated.files) {
      std::istringstream lines(contents);
      std::string line;
      while (std::getline(lines, line)) {
        if (!line.starts_with("#include ")) continue;
        std::string target = line.substr(9);
        EXPECT_TRUE(std::regex_match(target, kAllowed)) << path << ": " << line;
        EXPECT_EQ(target.find("corothrift/idl"), std::string::npos) << path << ": " << line;
      }
    }
  }
}

}  // namespace
}  // namespace corothrift::codegen::test
