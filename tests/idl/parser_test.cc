#include <fstream>
#include <iterator>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../apache_idl.h"
#include "char_stream.h"
#include "corothrift/idl/dump.h"
#include "idl_test_util.h"

namespace corothrift::idl::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Parser, DocCommentAttachesToTheNextDefinitionFieldFunctionAndEnumValue) {
  auto loaded = load_text(
      "/** A struct. */\nstruct S {\n  /** A field. */\n  1: i32 a\n}\n"
      "/** An enum. */ enum E {\n  /** A value. */ X\n}\n"
      "service V {\n  /** A function. */\n  void f()\n}\n");
  ASSERT_TRUE(loaded.compilation) << loaded.errors().size();
  EXPECT_EQ(definition<Struct>(loaded, "S").doc, "A struct.");
  EXPECT_EQ(definition<Struct>(loaded, "S").fields[0]->doc, "A field.");
  EXPECT_EQ(definition<Enum>(loaded, "E").doc, "An enum.");
  EXPECT_EQ(definition<Enum>(loaded, "E").values[0]->doc, "A value.");
  EXPECT_EQ(definition<Service>(loaded, "V").functions[0]->doc, "A function.");
}

TEST(Parser, PlainCommentsAreNotDocComments) {
  auto loaded = load_text("/* plain */\n// line\n# hash\nstruct S {}\n");
  ASSERT_TRUE(loaded.compilation);
  EXPECT_EQ(definition<Struct>(loaded, "S").doc, "");
}

TEST(Parser, CommentOnTheLastLineWithoutNewlineIsAccepted) {
  EXPECT_TRUE(load_text("struct S {}\n// the end").compilation);
  EXPECT_TRUE(load_text("struct S {}\n# the end").compilation);
}

TEST(Parser, FieldsWithoutIdsGetNegativeIdsAndAWarning) {
  auto loaded = load_text("struct S {\n  1: i32 a\n  i32 b\n  i32 c\n}\n");
  ASSERT_TRUE(loaded.compilation);
  const auto& fields = definition<Struct>(loaded, "S").fields;
  EXPECT_EQ(fields[1]->id, -1);
  EXPECT_TRUE(fields[1]->id_was_implicit);
  EXPECT_EQ(fields[2]->id, -2);
  EXPECT_FALSE(fields[0]->id_was_implicit);
  EXPECT_THAT(loaded.warnings(), ElementsAre(HasSubstr("'b'"), HasSubstr("'c'")));
}

TEST(Parser, ImplicitIdsRestartInEachFieldList) {
  auto loaded = load_text("exception E {}\nservice S { void f(i32 a) throws (E e) }\n");
  ASSERT_TRUE(loaded.compilation);
  const auto& f = *definition<Service>(loaded, "S").functions[0];
  EXPECT_EQ(f.params[0]->id, -1);
  EXPECT_EQ(f.throws[0]->id, -1);
}

TEST(Parser, KeywordsAreAllowedAsFieldAndParameterNames) {
  auto loaded = load_text(
      "struct S { 1: i32 required, 2: string list, 3: bool service }\n"
      "service V { void f(1: i32 struct) }\n");
  ASSERT_TRUE(loaded.compilation) << loaded.diags->all().size();
  EXPECT_EQ(definition<Struct>(loaded, "S").fields[1]->name, "list");
}

TEST(Parser, EnumValuesCountOnFromThePreviousValue) {
  auto loaded = load_text("enum E { A, B = 10, C, D = -1, F }\n");
  ASSERT_TRUE(loaded.compilation);
  std::vector<int> values;
  for (const auto& v : definition<Enum>(loaded, "E").values) values.push_back(v->value);
  EXPECT_THAT(values, ElementsAre(0, 10, 11, -1, 0));
}

TEST(Parser, AnnotationsWithAndWithoutValuesAreKeptOnTypes) {
  auto loaded = load_text("typedef list<i32 (cpp.template = \"std::deque\")> (novalue) L\n");
  ASSERT_TRUE(loaded.compilation);
  const TypeRef& list = definition<Typedef>(loaded, "L").type;
  EXPECT_EQ(*list.element->annotations.find("cpp.template"), "std::deque");
  EXPECT_TRUE(list.annotations.has("novalue"));
  EXPECT_EQ(*list.annotations.find("novalue"), "");
  EXPECT_FALSE(list.annotations.has("cpp.template"));
}

TEST(Parser, ReferenceFieldsAreMarked) {
  auto loaded = load_text("struct S { 1: optional S & next }\n");
  ASSERT_TRUE(loaded.compilation);
  EXPECT_TRUE(definition<Struct>(loaded, "S").fields[0]->is_reference);
}

TEST(Parser, SyntaxErrorPointsAtTheOffendingToken) {
  auto loaded = load_text("struct S {\n  1: i32 a\n}}\n");
  EXPECT_FALSE(loaded.compilation);
  ASSERT_FALSE(loaded.diags->all().empty());
  const Diagnostic& d = loaded.diags->all()[0];
  LineColumn at = loaded.diags->sources().locate(d.range.file, d.range.begin);
  EXPECT_EQ(at.line, 3U);
  EXPECT_EQ(at.column, 2U);
  EXPECT_THAT(d.message, HasSubstr("'}'"));
}

TEST(Parser, UnterminatedStringAndCommentAreNamed) {
  EXPECT_THAT(load_text("const string X = \"abc\n").errors(),
              ::testing::Contains("unterminated string literal"));
  EXPECT_THAT(load_text("struct S {}\n/* never closed\n").errors(),
              ::testing::Contains("unterminated comment"));
}

TEST(Parser, RemovedNamespaceKeywordSaysWhatToUseInstead) {
  auto loaded = load_text("cpp_namespace foo.bar\n");
  EXPECT_FALSE(loaded.compilation);
  EXPECT_THAT(loaded.errors(), ElementsAre("'cpp_namespace' was removed from Thrift; use "
                                           "'namespace cpp foo.bar' instead"));
}

TEST(Parser, EveryOldNamespaceKeywordIsReportedAsRemoved) {
  for (const char* keyword :
       {"php_namespace", "py_module", "perl_package", "ruby_namespace", "smalltalk_category",
        "smalltalk_prefix", "java_package", "cocoa_prefix", "csharp_namespace", "xsd_namespace"}) {
    auto loaded = load_text(std::string(keyword) + " x\n");
    ASSERT_EQ(loaded.errors().size(), 1U) << keyword;
    EXPECT_THAT(loaded.errors()[0], HasSubstr("was removed from Thrift")) << keyword;
  }
}

TEST(Parser, SenumSlistAndXsdKeywordsAreReportedAsRemoved) {
  EXPECT_THAT(load_text("senum S { \"a\", \"b\" }\n").errors(),
              ElementsAre(HasSubstr("'senum' was removed")));
  EXPECT_THAT(load_text("struct S { 1: slist x }\n").errors(),
              ElementsAre(HasSubstr("'slist' was removed from Thrift; use 'string'")));
  EXPECT_THAT(
      load_text("struct S xsd_all { 1: i32 x xsd_optional xsd_nillable }\n").errors(),
      ElementsAre(HasSubstr("'xsd_all' was removed"), HasSubstr("'xsd_optional' was removed"),
                  HasSubstr("'xsd_nillable' was removed")));
}

TEST(Parser, LiteralsKeepTheirValues) {
  auto loaded = load_text(
      "const i64 H = -0x10\nconst double D = 1.5e3\nconst double E = -.5\n"
      "const string S = 'it\\'s'\nconst bool T = true\n");
  ASSERT_TRUE(loaded.compilation);
  EXPECT_EQ(definition<Const>(loaded, "H").value->int_value, -16);
  EXPECT_EQ(definition<Const>(loaded, "D").value->double_value, 1500.0);
  EXPECT_EQ(definition<Const>(loaded, "E").value->double_value, -0.5);
  EXPECT_EQ(definition<Const>(loaded, "S").value->string_value, "it's");
  EXPECT_EQ(definition<Const>(loaded, "T").value->kind, ConstValue::Kind::kBool);
}

TEST(Parser, Latin1BytesInACommentAreAWarningNotAnError) {
  auto loaded = load_text("// caf\xe9\nstruct S {}\n");
  ASSERT_TRUE(loaded.compilation);
  EXPECT_THAT(loaded.warnings(), ElementsAre("invalid UTF-8 byte; read as '?'"));
  EXPECT_EQ(definition<Struct>(loaded, "S").range.begin, 8U);
}

TEST(Parser, FieldIdOutside16BitsIsAnError) {
  EXPECT_THAT(load_text("struct S { 40000: i32 a }\n").errors(),
              ElementsAre("field id 40000 of 'a' does not fit in 16 bits"));
}

TEST(Parser, RangesCoverTheWholeDefinitionInBytes) {
  auto loaded = load_text("// \xc3\xa9t\xc3\xa9\nstruct S {}\n");
  ASSERT_TRUE(loaded.compilation);
  const Struct& s = definition<Struct>(loaded, "S");
  // Offsets are bytes even after multi-byte UTF-8 text.
  EXPECT_EQ(s.range.begin, 9U);
  EXPECT_EQ(s.range.end, 20U);
  EXPECT_EQ(s.name_range.begin, 16U);
}

// ASCII text is read in place, other text through ANTLR's UTF-32 copy: a
// non-ASCII comment at the end must change nothing before it.
TEST(Parser, AsciiAndUtf8InputReadAlike) {
  std::ifstream in(std::string(COROTHRIFT_SHARED_IDL_DIR) + "/ThriftTest.thrift");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_TRUE(is_ascii(text));
  auto ascii = load_text(text);
  auto utf8 = load_text(text + "// caf\xc3\xa9\n");
  ASSERT_TRUE(ascii.compilation && utf8.compilation);
  EXPECT_EQ(dump_ast(ascii.root(), ascii.diags->sources()),
            dump_ast(utf8.root(), utf8.diags->sources()));
  for (const char* bad : {"struct S { 1: i32 }\n", "enum E { A = }\n", "const i32 X = \"\n"}) {
    auto a = load_text(bad);
    auto u = load_text(std::string(bad) + "// \xc3\xa9\n");
    ASSERT_EQ(a.diags->all().size(), u.diags->all().size()) << bad;
    for (std::size_t i = 0; i < a.diags->all().size(); ++i) {
      EXPECT_EQ(a.diags->all()[i].message, u.diags->all()[i].message) << bad;
      EXPECT_EQ(a.diags->all()[i].range, u.diags->all()[i].range) << bad;
    }
  }
}

// Every prefix of a real IDL (cut at any byte) and a few corrupted copies
// load without crashing: either cleanly or with errors.
TEST(Parser, TruncatedAndCorruptedInputNeverCrashes) {
  const std::string idl = std::string(COROTHRIFT_SHARED_IDL_DIR) + "/ThriftTest.thrift";
  COROTHRIFT_SKIP_WITHOUT_APACHE_IDL(idl);
  std::ifstream in(idl);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(text.size(), 1000U);
  int failed = 0;
  for (std::size_t cut = 0; cut < text.size(); cut += 97) {
    failed += load_text(text.substr(0, cut)).compilation == nullptr ? 1 : 0;
  }
  for (char noise : {'{', '}', '"', '<', '>', '(', '=', '&', '\0', '\xff'}) {
    for (std::size_t at = 500; at < text.size(); at += 1009) {
      std::string copy = text;
      copy[at] = noise;
      failed += load_text(copy).compilation == nullptr ? 1 : 0;
    }
  }
  EXPECT_GT(failed, 0);
}

}  // namespace
}  // namespace corothrift::idl::testing
