// Generated types as values: defaults, constants, comparison, formatting,
// hashing, enum names.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <functional>
#include <set>
#include <unordered_set>

#include "DebugProtoTest_types.h"
#include "Recursive_types.h"
#include "ThriftTest_types.h"

namespace {

namespace tt = thrift::test;
namespace dbg = thrift::test::debug;

TEST(GeneratedDefaults, IdlDefaultsInitialiseMembers) {
  dbg::OneOfEach value;
  EXPECT_EQ(value.a_bite, 0x7f);
  EXPECT_EQ(value.integer16, 0x7fff);
  EXPECT_EQ(value.integer64, 10000000000);
  EXPECT_EQ(value.byte_list, (std::vector<int8_t>{1, 2, 3}));
  EXPECT_EQ(value.integer32, 0);
  EXPECT_FALSE(value.im_true);
}

TEST(GeneratedDefaults, OptionalFieldsStartEmpty) {
  tt::StructB value;
  EXPECT_FALSE(value.aa.has_value());
  EXPECT_FALSE(dbg::TupleProtocolTestStruct{}.field1.has_value());
}

TEST(GeneratedConstants, StructConstantHoldsEveryListedField) {
  EXPECT_EQ(dbg::COMPACT_TEST.a_byte, 127);
  EXPECT_EQ(dbg::COMPACT_TEST.a_i64, 0xffffffffff);
  EXPECT_TRUE(dbg::COMPACT_TEST.true_field);
  EXPECT_EQ(dbg::COMPACT_TEST.string_byte_map.at(""), 0);
  EXPECT_EQ(dbg::COMPACT_TEST.list_byte_map.at(std::vector<int8_t>{0, 1}), 2);
  EXPECT_EQ(dbg::COMPACT_TEST.field20000, 20000);
  EXPECT_EQ(dbg::MY_SOME_ENUM_1, dbg::SomeEnum::ONE);
  EXPECT_EQ(dbg::EXTRA_CRAZY_MAP.at(dbg::SomeEnum::ONE).blah, dbg::SomeEnum::TWO);
}

TEST(GeneratedComparison, StructsOrderFieldByFieldAndCompareEqualByValue) {
  tt::Xtruct a;
  a.string_thing = "a";
  tt::Xtruct b = a;
  EXPECT_EQ(a, b);
  b.i32_thing = 1;
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
}

TEST(GeneratedComparison, StructHoldingItselfInAListComparesByValue) {
  RecTree a;
  a.children.resize(1);
  RecTree b = a;
  EXPECT_EQ(a, b);
  b.children[0].item = 1;
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
  std::set<RecTree> trees{a, b, a};
  EXPECT_EQ(trees.size(), 2u);
}

TEST(GeneratedComparison, ExceptionsCompareByTheirFields) {
  tt::Xception a;
  a.errorCode = 1;
  tt::Xception b = a;
  EXPECT_EQ(a, b);
  b.message = "m";
  EXPECT_NE(a, b);
}

TEST(GeneratedEnums, NamesGoBothWays) {
  EXPECT_EQ(tt::enum_name(tt::Numberz::EIGHT), "EIGHT");
  EXPECT_EQ(tt::enum_name(static_cast<tt::Numberz>(77)), "");
  tt::Numberz value = tt::Numberz::ONE;
  EXPECT_TRUE(tt::enum_from_name("FIVE", value));
  EXPECT_EQ(value, tt::Numberz::FIVE);
  EXPECT_FALSE(tt::enum_from_name("five", value));
  EXPECT_EQ(value, tt::Numberz::FIVE);  // left alone
}

TEST(GeneratedFormat, EnumsPrintTheirNameOrTheirNumber) {
  EXPECT_EQ(fmt::format("{}", tt::Numberz::SIX), "SIX");
  EXPECT_EQ(fmt::format("{}", static_cast<tt::Numberz>(77)), "77");
}

TEST(GeneratedFormat, StructPrintsEveryField) {
  tt::Xtruct value;
  value.string_thing = "Zero";
  value.byte_thing = 1;
  value.i32_thing = -3;
  value.i64_thing = -5;
  EXPECT_EQ(fmt::format("{}", value),
            R"(Xtruct{string_thing: "Zero", byte_thing: 1, i32_thing: -3, i64_thing: -5})");
}

TEST(GeneratedFormat, NestedContainersEnumsAndStructsPrintInline) {
  tt::Insanity value;
  value.userMap = {{tt::Numberz::ONE, 10}};
  value.xtructs.resize(1);
  EXPECT_EQ(fmt::format("{}", value),
            "Insanity{userMap: {ONE: 10}, xtructs: [Xtruct{string_thing: \"\", byte_thing: 0, "
            "i32_thing: 0, i64_thing: 0}]}");
}

TEST(GeneratedFormat, UnionPrintsItsSetMemberOnly) {
  tt::SomeUnion value;
  EXPECT_EQ(fmt::format("{}", value), "SomeUnion{}");
  value.set_i32_thing(5);
  EXPECT_EQ(fmt::format("{}", value), "SomeUnion{i32_thing: 5}");
}

TEST(GeneratedFormat, EmptyOptionalsAndBoxesAreLeftOutOrNull) {
  tt::StructB value;
  value.ab.s = "x";
  EXPECT_EQ(fmt::format("{}", value), R"(StructB{ab: StructA{s: "x"}})");
  RecList list;
  list.item = 3;
  EXPECT_EQ(fmt::format("{}", list), "RecList{nextitem: null, item: 3}");
}

TEST(GeneratedHash, EqualValuesHashEqual) {
  tt::Insanity a;
  a.userMap = {{tt::Numberz::TWO, 2}};
  tt::Insanity b = a;
  EXPECT_EQ(std::hash<tt::Insanity>{}(a), std::hash<tt::Insanity>{}(b));
  tt::SomeUnion u1;
  u1.set_string_thing("s");
  tt::SomeUnion u2 = u1;
  EXPECT_EQ(std::hash<tt::SomeUnion>{}(u1), std::hash<tt::SomeUnion>{}(u2));
}

TEST(GeneratedHash, GeneratedStructsWorkAsUnorderedKeys) {
  std::unordered_set<tt::Xtruct> set;
  tt::Xtruct a;
  a.i32_thing = 1;
  tt::Xtruct b;
  b.i32_thing = 2;
  set.insert(a);
  set.insert(b);
  set.insert(a);
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.contains(b));
}

}  // namespace
