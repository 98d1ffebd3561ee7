#include "corothrift/idl/diagnostics.h"

#include <sstream>

#include <gtest/gtest.h>

namespace corothrift::idl {
namespace {

TEST(SourceManager, LocatesOffsetsAsOneBasedLineAndColumn) {
  SourceManager sources;
  FileId file = sources.add("a.thrift", "ab\ncde\n\nf");
  EXPECT_EQ(sources.locate(file, 0).line, 1U);
  EXPECT_EQ(sources.locate(file, 4).line, 2U);
  EXPECT_EQ(sources.locate(file, 4).column, 2U);
  EXPECT_EQ(sources.locate(file, 7).line, 3U);
  EXPECT_EQ(sources.locate(file, 8).line, 4U);
  EXPECT_EQ(sources.line_text(file, 5), "cde");
  EXPECT_EQ(sources.line_text(file, 7), "");
  EXPECT_EQ(sources.line_text(file, 8), "f");
}

TEST(Diagnostics, ErrorPrintsLikeGccWithSourceLineAndCaret) {
  Diagnostics diags;
  FileId file = diags.sources().add("dir/x.thrift", "struct S {\n  1: Foo f\n}\n");
  diags.error({file, 16, 19}, "unknown type '{}'", "Foo");
  EXPECT_EQ(diags.format(diags.all()[0]),
            "dir/x.thrift:2:6: error: unknown type 'Foo'\n"
            "    2 |   1: Foo f\n"
            "      |      ^~~\n");
}

TEST(Diagnostics, CaretStopsAtTheEndOfTheFirstLine) {
  Diagnostics diags;
  FileId file = diags.sources().add("x.thrift", "ab\ncd");
  diags.warning({file, 0, 5}, "w");
  EXPECT_EQ(diags.format(diags.all()[0]), "x.thrift:1:1: warning: w\n    1 | ab\n      | ^~\n");
}

// The line shown drops a trailing '\r'; an error at the end of a file whose
// last byte is that '\r' (one past the text shown) still gets one caret.
// Before, its caret's width wrapped around and the compiler died allocating
// 4 GiB of '~' (found by the idl fuzz target).
TEST(Diagnostics, ACaretPastALoneCarriageReturnAtTheEndOfTheFileIsOneCharacter) {
  Diagnostics diags;
  FileId file = diags.sources().add("x.thrift", "struct A {\n  1: i32 x\r");
  diags.error({file, 22, 22}, "unexpected end of file");
  EXPECT_EQ(diags.format(diags.all()[0]),
            "x.thrift:2:12: error: unexpected end of file\n"
            "    2 |   1: i32 x\n"
            "      |            ^\n");
}

TEST(Diagnostics, ACaretOnTheNewlineOfACrlfLineIsOneCharacter) {
  Diagnostics diags;
  FileId file = diags.sources().add("x.thrift", "ab\r\ncd");
  diags.error({file, 3, 5}, "here");
  EXPECT_EQ(diags.format(diags.all()[0]), "x.thrift:1:4: error: here\n    1 | ab\n      |    ^\n");
}

TEST(Diagnostics, MessageWithoutLocationNamesTheTool) {
  Diagnostics diags;
  diags.error({}, "cannot open '{}'", "a.thrift");
  EXPECT_EQ(diags.format(diags.all()[0]), "corothrift: error: cannot open 'a.thrift'\n");
}

TEST(Diagnostics, CountsErrorsAndWarningsButNotNotes) {
  Diagnostics diags;
  diags.error({}, "e");
  diags.warning({}, "w");
  diags.note({}, "n");
  EXPECT_EQ(diags.error_count(), 1U);
  EXPECT_EQ(diags.warning_count(), 1U);
  EXPECT_TRUE(diags.has_errors());
  std::ostringstream out;
  diags.print(out);
  EXPECT_EQ(out.str(), "corothrift: error: e\ncorothrift: warning: w\ncorothrift: note: n\n");
}

TEST(Diagnostics, TabsInTheSourceLineAreKeptUnderTheCaret) {
  Diagnostics diags;
  FileId file = diags.sources().add("x.thrift", "\tab");
  diags.error({file, 2, 3}, "here");
  EXPECT_EQ(diags.format(diags.all()[0]),
            "x.thrift:1:3: error: here\n    1 | \tab\n      | \t ^\n");
}

}  // namespace
}  // namespace corothrift::idl
