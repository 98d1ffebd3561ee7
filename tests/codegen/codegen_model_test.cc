// Decisions of the model: names, type spellings, tags, constant expressions.
#include <gtest/gtest.h>

#include <sstream>

#include "const_values.h"
#include "corothrift/idl/load.h"
#include "names.h"
#include "type_names.h"

namespace corothrift::codegen::cpp {
namespace {

TEST(Names, KeywordsGetATrailingUnderscore) {
  EXPECT_EQ(escape_name("class"), "class_");
  EXPECT_EQ(escape_name("co_await"), "co_await_");
  EXPECT_EQ(escape_name("xor_eq"), "xor_eq_");
  EXPECT_EQ(escape_name("value"), "value");
}

TEST(StringLiterals, EscapeQuotesBackslashesAndNonPrintableBytes) {
  EXPECT_EQ(string_literal("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(string_literal(std::string("x\0y\n\x01"
                                       "1",
                                       6)),
            R"("x\000y\n\0011")");
  EXPECT_EQ(string_literal("\xc3\xa9"), R"("\303\251")");
}

class ModelOf : public ::testing::Test {
 protected:
  const idl::Program& load(const std::string& text) {
    provider_.add("m.thrift", text);
    compilation_ = idl::load("m.thrift", {}, provider_, diags_);
    std::ostringstream printed;
    diags_.print(printed);
    EXPECT_TRUE(compilation_ && !diags_.has_errors()) << printed.str();
    return *compilation_->root;
  }
  const idl::Struct& first_struct(const idl::Program& p) {
    for (const auto& def : p.definitions) {
      if (const auto* s = def->as<idl::Struct>()) return *s;
    }
    throw std::runtime_error("no struct");
  }

  idl::MemorySourceProvider provider_;
  idl::Diagnostics diags_;
  std::unique_ptr<idl::Compilation> compilation_;
};

TEST_F(ModelOf, NestedContainersSpellAsStdTypesAndNestedTags) {
  const auto& p =
      load("namespace cpp a.b\nstruct S { 1: list<map<string, i32>> rows, 2: set<binary> b }\n");
  TypeNames names(p);
  const auto& s = first_struct(p);
  EXPECT_EQ(names.cpp_type(s.fields[0]->type), "std::vector<std::map<std::string, std::int32_t>>");
  EXPECT_EQ(names.tag(s.fields[0]->type), "tag::list<tag::map<tag::string, tag::i32>>");
  EXPECT_EQ(names.cpp_type(s.fields[1]->type), "std::set<corothrift::Binary>");
  EXPECT_EQ(names.tag(s.fields[1]->type), "tag::set<tag::binary>");
  EXPECT_EQ(names.current_namespace(), "a::b");
}

TEST_F(ModelOf, TypedefsKeepTheirNameButTagTheTypeTheyName) {
  const auto& p = load("enum E { A }\ntypedef E Alias\nstruct S { 1: Alias e }\n");
  TypeNames names(p);
  const auto& s = first_struct(p);
  EXPECT_EQ(names.cpp_type(s.fields[0]->type), "Alias");
  EXPECT_EQ(names.tag(s.fields[0]->type), "tag::enumeration<E>");
}

TEST_F(ModelOf, AnnotationsReplaceContainerTemplatesAndTypes) {
  const auto& p = load(
      "struct S { 1: list<i32> (cpp.template = \"std::deque\") d, 2: i32 (cpp.type = \"int\") i "
      "}\n");
  TypeNames names(p);
  const auto& s = first_struct(p);
  EXPECT_EQ(names.cpp_type(s.fields[0]->type), "std::deque<std::int32_t>");
  EXPECT_EQ(names.cpp_type(s.fields[1]->type), "int");
  EXPECT_FALSE(names.hashable(s.fields[1]->type));
  EXPECT_TRUE(names.hashable(s.fields[0]->type));
}

TEST_F(ModelOf, ConstantsBecomeTypedExpressions) {
  const auto& p = load(
      "enum E { A = 1, B = 2 }\n"
      "struct P { 1: i32 x, 2: string label }\n"
      "const i64 MIN = -9223372036854775808\n"
      "const double D = 2\n"
      "const E ONE = 1\n"
      "const map<string, list<E>> M = {\"k\": [E.B]}\n"
      "const P POINT = {\"x\": 3, \"label\": \"p\"}\n"
      "const uuid U = \"00112233-4455-6677-8899-aabbccddeeff\"\n");
  TypeNames names(p);
  std::map<std::string, std::string> exprs;
  for (const auto& def : p.definitions) {
    if (const auto* c = def->as<idl::Const>())
      exprs[c->name] = const_expr(c->type, *c->value, names);
  }
  EXPECT_EQ(exprs["MIN"], "(-9223372036854775807 - 1)");
  EXPECT_EQ(exprs["D"], "2.0");
  EXPECT_EQ(exprs["ONE"], "E::A");
  EXPECT_EQ(exprs["M"], "std::map<std::string, std::vector<E>>{{\"k\", std::vector<E>{E::B}}}");
  EXPECT_EQ(exprs["POINT"], "[] { P v; v.x = 3; v.label = \"p\"; return v; }()");
  EXPECT_EQ(exprs["U"],
            "corothrift::Uuid(std::array<std::uint8_t, 16>{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, "
            "0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff})");
}

TEST_F(ModelOf, FieldsNamedLikeKeywordsOrTypesOrAnExceptionsWhatAreRenamed) {
  const auto& p = load(
      "struct T {}\nstruct S { 1: i32 class, 2: T T, 3: i32 read, 4: i32 write, 5: i32 what }\n"
      "exception E { 1: string what, 2: i32 read }\n");
  const idl::Struct* s = nullptr;
  const idl::Struct* e = nullptr;
  for (const auto& def : p.definitions) {
    if (def->name == "S") s = def->as<idl::Struct>();
    if (def->name == "E") e = def->as<idl::Struct>();
  }
  ASSERT_NE(s, nullptr);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(field_name(*s->fields[0], s->fields, p), "class_");
  EXPECT_EQ(field_name(*s->fields[1], s->fields, p), "T_");
  // The codec is not a member: read / write keep their names; only an
  // exception has a what() to hide.
  EXPECT_EQ(field_name(*s->fields[2], s->fields, p), "read");
  EXPECT_EQ(field_name(*s->fields[3], s->fields, p), "write");
  EXPECT_EQ(field_name(*s->fields[4], s->fields, p), "what");
  EXPECT_EQ(field_name(*e->fields[0], e->fields, p), "what_");
  EXPECT_EQ(field_name(*e->fields[1], e->fields, p), "read");
}

TEST_F(ModelOf, ARenamedFieldTakesMoreUnderscoresUntilNoOtherFieldHasItsName) {
  const auto& p = load(
      "struct T {}\nstruct S { 1: T T, 2: i32 T_, 3: i32 class, 4: i32 class_, 5: i32 class__ }\n");
  const idl::Struct* s = p.definitions.back()->as<idl::Struct>();
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(field_name(*s->fields[0], s->fields, p), "T__");
  EXPECT_EQ(field_name(*s->fields[1], s->fields, p), "T_");
  EXPECT_EQ(field_name(*s->fields[2], s->fields, p), "class___");
  EXPECT_EQ(field_name(*s->fields[3], s->fields, p), "class_");
}

}  // namespace
}  // namespace corothrift::codegen::cpp
