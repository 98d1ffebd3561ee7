// The compiler's output is a function of its input: byte-identical on every
// run, and a second run over an up-to-date output directory rewrites nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "codegen_test_util.h"
#include "driver.h"

namespace corothrift::codegen::test {
namespace {

namespace fs = std::filesystem;

TEST(Determinism, GeneratingTwiceGivesIdenticalBytes) {
  for (const char* name : {"ThriftTest", "DebugProtoTest", "Recursive", "tutorial"}) {
    COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(kSharedIdlDir / (std::string(name) + ".thrift"));
  }
  for (const char* name : {"ThriftTest", "DebugProtoTest", "Recursive", "tutorial"}) {
    fs::path idl = kSharedIdlDir / (std::string(name) + ".thrift");
    Generated first = generate(idl);
    Generated second = generate(idl);
    ASSERT_TRUE(first.ok) << first.diagnostics;
    EXPECT_FALSE(first.files.empty());
    EXPECT_EQ(first.files, second.files) << name;
  }
}

class OutputDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("corothrift_determinism_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `corothrift --gen cpp -r -o dir_ calculator.thrift` (the example's IDL,
  // which includes ledger.thrift); returns the files it (re)wrote.
  std::vector<std::string> run_compiler() {
    std::string idl = (kExampleIdlDir / "calculator.thrift").string();
    std::string out_dir = dir_.string();
    const char* argv[] = {"corothrift", "--gen", "cpp", "-r", "-o", out_dir.c_str(), idl.c_str()};
    idl::FileSourceProvider provider;
    FileOutputSink sink(".");
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(run(7, argv, provider, sink, out, err), 0) << err.str();
    return sink.changed();
  }

  fs::path dir_;
};

TEST_F(OutputDirectory, SecondRunTouchesNoFile) {
  std::vector<std::string> first = run_compiler();
  EXPECT_EQ(first.size(), 8u);  // ledger + calculator: types .h/.cpp and one service each
  auto stamp = fs::last_write_time(dir_ / "calculator_types.h");
  EXPECT_TRUE(run_compiler().empty());
  EXPECT_EQ(fs::last_write_time(dir_ / "calculator_types.h"), stamp);
}

TEST_F(OutputDirectory, ChangedOutputIsRewritten) {
  run_compiler();
  std::ofstream(dir_ / "Calculator.h") << "edited";
  std::vector<std::string> second = run_compiler();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second[0].find("Calculator.h"), std::string::npos);
}

TEST_F(OutputDirectory, AnUnwritableOutputIsAnErrorThatSaysWhy) {
  std::ofstream(dir_ / "not_a_dir") << "a file where the output folder should be";
  std::string idl = (kExampleIdlDir / "ledger.thrift").string();
  std::string out_dir = (dir_ / "not_a_dir").string();
  const char* argv[] = {"corothrift", "--gen", "cpp", "-o", out_dir.c_str(), idl.c_str()};
  idl::FileSourceProvider provider;
  FileOutputSink sink(".");
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_NE(run(6, argv, provider, sink, out, err), 0);
  EXPECT_NE(err.str().find("cannot write '" + out_dir + "/ledger_types.h.tmp': Not a directory"),
            std::string::npos)
      << err.str();
}

}  // namespace
}  // namespace corothrift::codegen::test
