// Every test-idl/valid/<name>.thrift loads clean and its --dump-ast output
// equals test-idl/valid/<name>.ast. COROTHRIFT_UPDATE_GOLDEN=1 rewrites the
// .ast files instead and reports each test as skipped, so a run that rewrote
// goldens never looks like one that checked them (then read their diff like code).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "corothrift/idl/dump.h"
#include "corothrift/idl/load.h"

namespace corothrift::idl {
namespace {

namespace fs = std::filesystem;

const fs::path kValidDir = fs::path(COROTHRIFT_TEST_IDL_DIR) / "valid";

std::vector<std::string> valid_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kValidDir)) {
    if (entry.path().extension() == ".thrift") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, DumpMatchesTheGoldenFile) {
  FileSourceProvider files;
  Diagnostics diags;
  LoadOptions options;
  options.include_dirs = {(kValidDir / "include").string()};
  auto compilation = load((kValidDir / (GetParam() + ".thrift")).string(), options, files, diags);
  std::ostringstream printed;
  diags.print(printed);
  ASSERT_TRUE(compilation) << printed.str();
  ASSERT_FALSE(diags.has_errors()) << printed.str();
  std::string dump = dump_ast(*compilation->root, diags.sources());
  fs::path golden = kValidDir / (GetParam() + ".ast");
  const char* update = std::getenv("COROTHRIFT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << dump;
    GTEST_SKIP() << "rewrote " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with COROTHRIFT_UPDATE_GOLDEN=1";
  EXPECT_EQ(dump, read_file(golden));
}

INSTANTIATE_TEST_SUITE_P(Valid, Golden, ::testing::ValuesIn(valid_files()),
                         [](const auto& info) { return info.param; });

TEST(Golden, ThereAreAtLeastThirtyValidFiles) { EXPECT_GE(valid_files().size(), 30U); }

}  // namespace
}  // namespace corothrift::idl
