// Generated output is pinned by golden files in test-idl/golden/<idl name>/:
// every file the generator writes must match byte for byte, and no golden
// file may be left over. COROTHRIFT_UPDATE_GOLDEN=1 rewrites them instead.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "codegen_test_util.h"

namespace corothrift::codegen::test {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string name;
  fs::path idl;
  bool apache = false;  // one of Apache Thrift's IDL files, which may be absent
};

// ctest names a case after this (not the struct's bytes, which change every build).
[[maybe_unused]] void PrintTo(const GoldenCase& c, std::ostream* out) { *out << c.name; }

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  for (const char* name : {"ThriftTest", "DebugProtoTest", "Recursive", "tutorial", "shared"}) {
    cases.push_back({name, kSharedIdlDir / (std::string(name) + ".thrift"), true});
  }
  for (const char* name :
       {"union", "struct_defaults", "struct_requiredness", "const_references", "const_escapes",
        "nested_containers", "reference_fields", "keyword_field_names", "service_extends_include",
        "service_oneway", "service_throws", "type_annotations", "typedef_chain", "uuid",
        "enum_implicit_values", "doc_comments", "empty"}) {
    cases.push_back({name, kValidIdlDir / (std::string(name) + ".thrift")});
  }
  // Shapes of real projects' IDL that once failed (issue 11).
  for (const char* name : {"recursive_optional", "container_cycle", "enum_aliases",
                           "optional_arguments", "generated_name_clashes", "old_style_service",
                           "global_names", "optional_union_members", "empty_enum", "member_names"}) {
    cases.push_back({name, kValidIdlDir / (std::string(name) + ".thrift")});
  }
  return cases;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool updating() {
  const char* flag = std::getenv("COROTHRIFT_UPDATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

void update(const fs::path& dir, const Generated& generated) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [path, contents] : generated.files) {
    std::ofstream(dir / path, std::ios::binary) << contents;
  }
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, GeneratedFilesMatchTheGoldenFilesByteForByte) {
  const GoldenCase& c = GetParam();
  if (c.apache) COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(c.idl);
  Generated generated = generate(c.idl);
  ASSERT_TRUE(generated.ok) << generated.diagnostics;
  fs::path dir = kGoldenDir / c.name;
  if (updating()) {
    update(dir, generated);
    GTEST_SKIP() << "rewrote " << dir;
  }
  std::set<std::string> golden_files;
  if (fs::exists(dir)) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      golden_files.insert(entry.path().filename().string());
    }
  }
  for (const auto& [path, contents] : generated.files) {
    EXPECT_TRUE(golden_files.erase(path) == 1) << path << " has no golden file in " << dir;
    EXPECT_EQ(contents, read_file(dir / path)) << path << " differs from its golden file";
  }
  for (const std::string& stale : golden_files) ADD_FAILURE() << "stale golden file " << stale;
}

INSTANTIATE_TEST_SUITE_P(Idls, Golden, ::testing::ValuesIn(golden_cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace corothrift::codegen::test
