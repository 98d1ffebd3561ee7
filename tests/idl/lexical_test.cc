#include "lexical.h"

#include <gtest/gtest.h>

namespace corothrift::idl {
namespace {

TEST(Lexical, DoubleQuotedLiteralProcessesEveryEscape) {
  std::string error;
  EXPECT_EQ(unescape_literal(R"("a\tb\nc\r\\\"\'")", error), "a\tb\nc\r\\\"'");
}

TEST(Lexical, SingleQuotedLiteralKeepsDoubleQuotes) {
  std::string error;
  EXPECT_EQ(unescape_literal(R"('say "hi"')", error), "say \"hi\"");
}

TEST(Lexical, UnknownEscapeIsAnErrorNamingIt) {
  std::string error;
  EXPECT_FALSE(unescape_literal(R"("a\qb")", error).has_value());
  EXPECT_EQ(error, "bad escape sequence '\\q' in string literal");
}

TEST(Lexical, IntegersParseInDecimalAndHexWithSign) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer("-42"), -42);
  EXPECT_EQ(parse_integer("+7"), 7);
  EXPECT_EQ(parse_integer("0x1F"), 31);
  EXPECT_EQ(parse_integer("-0x10"), -16);
}

TEST(Lexical, IntegersAtTheEdgesOfInt64ParseAndBeyondFail) {
  EXPECT_EQ(parse_integer("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(parse_integer("-9223372036854775808"), INT64_MIN);
  EXPECT_FALSE(parse_integer("9223372036854775808").has_value());
  EXPECT_FALSE(parse_integer("0x10000000000000000").has_value());
}

TEST(Lexical, DocCommentLosesMarkersStarsAndCommonIndent) {
  EXPECT_EQ(clean_doc_comment("/**\n   * First line.\n   *   indented\n   */"),
            "First line.\n  indented");
}

TEST(Lexical, OneLineDocCommentIsTrimmed) {
  EXPECT_EQ(clean_doc_comment("/** Just this. */"), "Just this.");
}

TEST(Lexical, DocCommentWithoutStarsKeepsRelativeIndent) {
  EXPECT_EQ(clean_doc_comment("/**\n    a\n      b\n*/"), "a\n  b");
}

TEST(Lexical, ValidUtf8IsLeftAlone) {
  std::string text = "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x99\x82";
  std::string copy = text;
  EXPECT_FALSE(sanitize_utf8(copy).has_value());
  EXPECT_EQ(copy, text);
}

TEST(Lexical, InvalidUtf8BytesBecomeQuestionMarksKeepingTheLength) {
  std::string text =
      "a\xe9"
      "b\xc3(\xed\xa0\x80";  // Latin-1, cut sequence, surrogate
  EXPECT_EQ(sanitize_utf8(text), 1U);
  EXPECT_EQ(text, "a?b?(???");
}

}  // namespace
}  // namespace corothrift::idl
