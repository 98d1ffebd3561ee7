// The ANTLR parse tree never leaves the builder: no other front-end or codegen
// file may include an ANTLR header, save the builder's input stream.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;

TEST(Layering, OnlyTheBuilderIncludesAntlrHeaders) {
  const fs::path root = COROTHRIFT_SOURCE_DIR;
  int checked = 0;
  for (const char* dir : {"idl-parser", "codegen"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      auto ext = entry.path().extension();
      if (ext != ".h" && ext != ".cc") continue;
      ++checked;
      if (entry.path().filename() == "builder.cc") continue;
      if (entry.path().filename() == "char_stream.cc") continue;
      std::ifstream in(entry.path());
      std::ostringstream text;
      text << in.rdbuf();
      EXPECT_EQ(text.str().find("#include <antlr4"), std::string::npos) << entry.path();
      EXPECT_EQ(text.str().find("#include \"Thrift"), std::string::npos) << entry.path();
    }
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
