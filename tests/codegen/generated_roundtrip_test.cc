// Generated types (ThriftTest, DebugProtoTest, Recursive) through both
// protocols: write -> read -> ==, skipping unknown fields, required fields,
// unions, defaults.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include <corothrift/protocol.h>

#include "DebugProtoTest_types.h"
#include "Recursive_types.h"
#include "ThriftTest_types.h"
#include "generated_test_util.h"

namespace {

using corothrift::ProtocolKind;
namespace tt = thrift::test;
namespace dbg = thrift::test::debug;

class GeneratedRoundTrip : public corothrift::test::ProtocolTest {};

tt::Xtruct xtruct(std::string text, int32_t n) {
  tt::Xtruct x;
  x.string_thing = std::move(text);
  x.byte_thing = 1;
  x.i32_thing = n;
  x.i64_thing = -5'000'000'000;
  return x;
}

tt::Insanity insanity() {
  tt::Insanity value;
  value.userMap = {{tt::Numberz::FIVE, 5}, {tt::Numberz::EIGHT, 8}};
  value.xtructs = {xtruct("Goodbye4", 4), xtruct("Hello2", 2)};
  return value;
}

TEST_P(GeneratedRoundTrip, NestedStructsComeBackEqual) {
  tt::Xtruct2 value;
  value.byte_thing = -3;
  value.struct_thing = xtruct("Zero", 7);
  value.i32_thing = 42;
  EXPECT_EQ(round_trip(value), value);
}

TEST_P(GeneratedRoundTrip, CrazyNestingWithSetsOfStructsAndUuidComesBackEqual) {
  tt::CrazyNesting value;
  value.string_field = "crazy";
  value.set_field = std::set<tt::Insanity>{insanity(), tt::Insanity{}};
  std::map<int32_t, std::set<std::vector<std::map<tt::Insanity, std::string>>>> inner;
  inner[1].insert({{{insanity(), "one"}}});
  value.list_field.push_back({{std::set<int32_t>{1, 2}, inner}});
  value.binary_field = corothrift::Binary{0x00, 0xff, 0x10};
  value.uuid_field = *corothrift::Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(round_trip(value), value);
}

TEST_P(GeneratedRoundTrip, EveryBaseTypeAndContainerOfCompactProtoTestStructComesBackEqual) {
  EXPECT_EQ(round_trip(dbg::COMPACT_TEST), dbg::COMPACT_TEST);
}

TEST_P(GeneratedRoundTrip, OneOfEachWithUuidsComesBackEqual) {
  dbg::OneOfEach value;
  value.im_true = true;
  value.double_precision = 3.25;
  value.some_characters = "Debug THIS!";
  value.zomg_unicode = "\xd3\x80\xe2\x85\xae";
  value.base64 = corothrift::Binary{1, 2, 3, 255};
  value.rfc4122_uuid = *corothrift::Uuid::parse("5e2ab188-1726-4e75-a04f-1ed9a6a89c4c");
  value.rfc4122_uuid_list = {corothrift::Uuid{}, value.rfc4122_uuid};
  EXPECT_EQ(round_trip(value), value);
}

TEST_P(GeneratedRoundTrip, UnionKeepsWhichMemberIsSet) {
  tt::SomeUnion value;
  value.set_insanity_thing(insanity());
  tt::SomeUnion back = round_trip(value);
  EXPECT_EQ(back.type(), tt::SomeUnion::Type::insanity_thing);
  EXPECT_EQ(back, value);
  value.set_string_thing("text");
  EXPECT_EQ(round_trip(value).get_string_thing(), "text");
}

TEST_P(GeneratedRoundTrip, EmptyUnionComesBackEmpty) {
  dbg::TestUnion value;
  EXPECT_EQ(round_trip(value).type(), dbg::TestUnion::Type::empty);
}

TEST_P(GeneratedRoundTrip, RecursiveStructsThroughBoxesAndListsComeBackEqual) {
  RecList list;
  list.item = 1;
  list.nextitem = RecList{};
  list.nextitem->item = 2;
  EXPECT_EQ(round_trip(list), list);

  RecTree tree;
  tree.item = 1;
  tree.children.resize(2);
  tree.children[1].children.resize(1);
  tree.children[1].children[0].item = 9;
  EXPECT_EQ(round_trip(tree), tree);

  CoRec rec;
  rec.other = CoRec2{};
  rec.other->other.other = CoRec2{};
  EXPECT_EQ(round_trip(rec), rec);
}

TEST_P(GeneratedRoundTrip, MutuallyRecursiveUnionsComeBackEqual) {
  CoUnion inner;
  CoUnion2 middle;
  middle.set_other(inner);
  CoUnion outer;
  outer.set_other(middle);
  CoUnion back = round_trip(outer);
  EXPECT_EQ(back, outer);
  EXPECT_EQ(back.get_other().get_other().type(), CoUnion::Type::empty);
}

TEST_P(GeneratedRoundTrip, ExceptionsComeBackEqual) {
  tt::Xception2 value;
  value.errorCode = 2002;
  value.struct_thing = xtruct("This is an Xception2", 0);
  EXPECT_EQ(round_trip(value), value);
}

TEST_P(GeneratedRoundTrip, NewerStructReadAsOlderSkipsUnknownFields) {
  tt::VersioningTestV2 newer;
  newer.begin_in_both = 1;
  newer.newint = 2;
  newer.newbyte = 3;
  newer.newshort = 4;
  newer.newlong = 5;
  newer.newdouble = 6.5;
  newer.newstruct.message = "bonk";
  newer.newlist = {7, 8};
  newer.newset = {9};
  newer.newmap = {{10, 11}};
  newer.newstring = "new";
  newer.end_in_both = 12;
  auto older = round_trip<tt::VersioningTestV2, tt::VersioningTestV1>(newer);
  EXPECT_EQ(older.begin_in_both, 1);
  EXPECT_EQ(older.end_in_both, 12);
  EXPECT_EQ(older.old_string, "");
}

TEST_P(GeneratedRoundTrip, FieldWithTheRightIdButAnotherWireTypeIsSkipped) {
  tt::Bonk written;  // 1: string message, 2: i32 type
  written.message = "text";
  written.type = 7;
  auto read = round_trip<tt::Bonk, dbg::Bonk>(written);  // 1: i32 type, 2: string message
  EXPECT_EQ(read.type, 0);
  EXPECT_EQ(read.message, "");
}

TEST_P(GeneratedRoundTrip, MissingRequiredFieldIsAProtocolErrorNamingStructAndField) {
  dbg::Empty empty;
  corothrift::WriteBuffer bytes = encode(empty);
  tt::StructA value;
  try {
    corothrift::deserialize(GetParam(), bytes.bytes(), value);
    FAIL() << "no error";
  } catch (const corothrift::ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find("StructA.s"), std::string::npos) << e.what();
  }
}

TEST_P(GeneratedRoundTrip, OptionalFieldsLeftUnsetAreNotWritten) {
  tt::StructB with;
  with.ab.s = "x";
  tt::StructB without = with;
  with.aa = tt::StructA{"y"};
  EXPECT_LT(encode(without).size(), encode(with).size());
  EXPECT_FALSE(round_trip(without).aa.has_value());
  EXPECT_EQ(round_trip(with), with);
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, GeneratedRoundTrip,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         [](const auto& info) {
                           return info.param == ProtocolKind::Binary ? "Binary" : "Compact";
                         });

}  // namespace
