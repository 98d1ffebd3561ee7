#include "driver.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace corothrift::codegen {
namespace {

using ::testing::HasSubstr;

struct RunResult {
  int status = 0;
  std::string out;
  std::string err;
};

class Driver : public ::testing::Test {
 protected:
  RunResult invoke(std::vector<const char*> args) {
    args.insert(args.begin(), "corothrift");
    std::ostringstream out;
    std::ostringstream err;
    RunResult result;
    result.status =
        codegen::run(static_cast<int>(args.size()), args.data(), files_, sink_, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
  }
  idl::MemorySourceProvider files_;
  MemoryOutputSink sink_;
};

TEST_F(Driver, HelpAndVersionSucceedWithoutInput) {
  RunResult help = invoke({"--help"});
  EXPECT_EQ(help.status, 0);
  EXPECT_THAT(help.out, HasSubstr("--gen cpp"));
  RunResult version = invoke({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_THAT(version.out, HasSubstr("corothrift 0."));
}

TEST_F(Driver, UnknownOptionIsAClearError) {
  RunResult r = invoke({"--frobnicate", "a.thrift"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "corothrift: error: unknown option '--frobnicate' (see --help)\n");
}

TEST_F(Driver, MissingInputMissingValueAndUnknownGeneratorAreErrors) {
  EXPECT_THAT(invoke({}).err, HasSubstr("no input file"));
  EXPECT_THAT(invoke({"a.thrift", "-I"}).err, HasSubstr("option '-I' needs a value"));
  EXPECT_THAT(invoke({"--gen", "java", "a.thrift"}).err, HasSubstr("unknown generator 'java'"));
  EXPECT_THAT(invoke({"a.thrift", "b.thrift"}).err, HasSubstr("more than one input file"));
}

TEST_F(Driver, OptionsParseInEveryAcceptedSpelling) {
  std::ostringstream err;
  std::vector<const char*> args = {
      "corothrift",      "-I", "x",         "-Iy", "-o",         "out",
      "--gen=cpp:a=1,b", "-r", "--depfile", "d.d", "--dump-ast", "in.thrift"};
  auto options = parse_options(static_cast<int>(args.size()), args.data(), err);
  ASSERT_TRUE(options) << err.str();
  EXPECT_EQ(options->include_dirs, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(options->out_dir, "out");
  EXPECT_EQ(options->generator, "cpp");
  EXPECT_EQ(options->generator_options,
            (std::map<std::string, std::string>{{"a", "1"}, {"b", ""}}));
  EXPECT_TRUE(options->recurse);
  EXPECT_EQ(options->depfile, "d.d");
  EXPECT_TRUE(options->dump_ast);
  EXPECT_EQ(options->input, "in.thrift");
}

TEST_F(Driver, CheckOnlySucceedsOnValidInputAndPrintsWarnings) {
  files_.add("a.thrift", "struct S { i32 x }\n");
  RunResult r = invoke({"a.thrift"});
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.err, HasSubstr("a.thrift:1:16: warning: no field id for 'x'"));
  EXPECT_TRUE(sink_.files.empty());
}

TEST_F(Driver, WarningsAsErrorsPrintsWarningsAsErrorsAndFailsWithoutGenerating) {
  files_.add("a.thrift", "struct S { i32 x }\n");
  RunResult r = invoke({"--warnings-as-errors", "--gen", "cpp", "a.thrift"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "a.thrift:1:16: error: no field id for 'x'; it gets -1, which may change if fields "
            "are added [--warnings-as-errors]\n"
            "    1 | struct S { i32 x }\n"
            "      |                ^\n");
  EXPECT_TRUE(sink_.files.empty());
}

TEST_F(Driver, WarningsAsErrorsChangesNothingWithoutWarnings) {
  files_.add("a.thrift", "struct S { 1: i32 x }\n");
  RunResult r = invoke({"--warnings-as-errors", "--gen", "cpp", "a.thrift"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_FALSE(sink_.files.empty());
}

TEST_F(Driver, WarningsAsErrorsAlsoCoversWarningsOfTheSemanticRules) {
  // A rule's warning (sema collects its findings before reporting them).
  files_.add("a.thrift", "service S { void f(1: optional i32 x) }\n");
  EXPECT_EQ(invoke({"a.thrift"}).status, 0);
  RunResult r = invoke({"--warnings-as-errors", "a.thrift"});
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("error: 'optional' has no effect on 'x' in the arguments of "
                               "'S.f' [--warnings-as-errors]"));
}

TEST_F(Driver, ErrorsGiveExitStatusOneAndGccStyleMessages) {
  files_.add("a.thrift", "struct S {\n  1: Foo f\n}\n");
  RunResult r = invoke({"a.thrift"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err,
            "a.thrift:2:6: error: unknown type 'Foo'\n    2 |   1: Foo f\n      |      ^~~\n");
}

TEST_F(Driver, DumpAstPrintsTheRootProgram) {
  files_.add("a.thrift", "struct S {\n  1: i32 x\n}\n");
  RunResult r = invoke({"--dump-ast", "a.thrift"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "program a\n  struct S @1:1\n    field 1: i32 x @2:3\n");
}

TEST_F(Driver, DumpAstWithRecurseDumpsIncludedFilesFirst) {
  files_.add("a.thrift", "include \"b.thrift\"\n");
  files_.add("b.thrift", "struct B {}\n");
  RunResult r = invoke({"--dump-ast", "-r", "a.thrift"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "program b\n  struct B @1:1\nprogram a\n  include \"b.thrift\" -> b @1:1\n");
}

TEST_F(Driver, IncludeDirectoriesReachTheLoader) {
  files_.add("a.thrift", "include \"b.thrift\"\nstruct S { 1: b.B x }\n");
  files_.add("inc/b.thrift", "struct B {}\n");
  EXPECT_EQ(invoke({"a.thrift"}).status, 1);
  EXPECT_EQ(invoke({"-I", "inc", "a.thrift"}).status, 0);
}

TEST_F(Driver, DepfileListsEveryThriftFileRead) {
  files_.add("dir/a.thrift", "include \"b.thrift\"\n");
  files_.add("dir/b.thrift", "include \"my dir/c.thrift\"\n");
  files_.add("dir/my dir/c.thrift", "");
  RunResult r = invoke({"--depfile", "out/a.d", "dir/a.thrift"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(sink_.files["out/a.d"],
            "out/a.d: \\\n  dir/my\\ dir/c.thrift \\\n  dir/b.thrift \\\n  dir/a.thrift\n");
}

TEST_F(Driver, GeneratedFilesGoUnderTheOutputDirectory) {
  files_.add("a.thrift", "struct S {}\n");
  RunResult r = invoke({"--gen", "cpp", "-o", "out/gen", "a.thrift"});
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_FALSE(sink_.outputs().empty());
  for (const auto& path : sink_.outputs()) EXPECT_EQ(path.rfind("out/gen/", 0), 0U) << path;
}

TEST_F(Driver, RecurseAlsoGeneratesForIncludedFiles) {
  files_.add("a.thrift", "include \"b.thrift\"\nstruct A { 1: b.B x }\n");
  files_.add("b.thrift", "struct B {}\n");
  ASSERT_EQ(invoke({"--gen", "cpp", "a.thrift"}).status, 0);
  std::size_t alone = sink_.files.size();
  ASSERT_EQ(invoke({"--gen", "cpp", "-r", "a.thrift"}).status, 0);
  EXPECT_GT(sink_.files.size(), alone);
}

TEST_F(Driver, DepfileTargetsAreTheGeneratedFiles) {
  files_.add("a.thrift", "struct S {}\n");
  ASSERT_EQ(invoke({"--gen", "cpp", "-o", "out", "--depfile", "a.d", "a.thrift"}).status, 0);
  std::string depfile = sink_.files["a.d"];
  std::string targets = depfile.substr(0, depfile.find(':'));
  for (const auto& path : sink_.outputs()) {
    if (path == "a.d") continue;
    EXPECT_NE(targets.find(path), std::string::npos) << path;
  }
  EXPECT_NE(depfile.find(": \\\n  a.thrift\n"), std::string::npos) << depfile;
}

TEST_F(Driver, RunningTwiceWritesNothingTheSecondTime) {
  files_.add("a.thrift", "struct S {}\n");
  ASSERT_EQ(invoke({"--gen", "cpp", "--depfile", "a.d", "a.thrift"}).status, 0);
  int writes = sink_.writes;
  ASSERT_EQ(invoke({"--gen", "cpp", "--depfile", "a.d", "a.thrift"}).status, 0);
  EXPECT_EQ(sink_.writes, writes);
}

TEST(MemoryOutputSink, RewritingTheSameContentIsNotAWrite) {
  MemoryOutputSink sink;
  std::string error;
  EXPECT_TRUE(sink.write("a.h", "x", error));
  EXPECT_TRUE(sink.write("a.h", "x", error));
  EXPECT_EQ(sink.writes, 1);
  EXPECT_TRUE(sink.write("a.h", "y", error));
  EXPECT_EQ(sink.writes, 2);
  EXPECT_EQ(sink.outputs().size(), 3U);
}

TEST(FileOutputSink, WritesOnlyWhenContentChanged) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("corothrift_sink_" + std::to_string(::getpid()));
  fs::remove_all(root);
  FileOutputSink sink(root.string());
  std::string error;
  ASSERT_TRUE(sink.write("sub/a.h", "one", error)) << error;
  auto first_time = fs::last_write_time(root / "sub/a.h");
  ASSERT_TRUE(sink.write("sub/a.h", "one", error));
  EXPECT_EQ(sink.changed().size(), 1U);
  EXPECT_EQ(fs::last_write_time(root / "sub/a.h"), first_time);
  ASSERT_TRUE(sink.write("sub/a.h", "two", error));
  EXPECT_EQ(sink.changed().size(), 2U);
  std::ifstream in(root / "sub/a.h");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "two");
  EXPECT_FALSE(fs::exists(root / "sub/a.h.tmp"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace corothrift::codegen
