// corothrift's generated ThriftTest types against Apache Thrift's generated
// C++ for the same IDL (thrift 0.17 --gen cpp, in namespace interop_apache:
// see generated_bytes.cmake), value for value: the same values written by
// each side must be the same bytes in the binary and the compact protocol,
// and each side must read the other's bytes back to an equal value. The
// runtime's protocol tests compare the protocol layer; this compares what
// the generator makes of structs, exceptions, unions, optional and required
// fields, field-id deltas and nested containers.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TJSONProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include <corothrift/buffer.h>
#include <corothrift/protocol.h>

#include "ApacheThriftTest_types.h"
#include "ThriftTest_types.h"

namespace {

using corothrift::ProtocolKind;
namespace tt = thrift::test;
namespace ap = interop_apache;
using Bytes = std::vector<std::uint8_t>;

template <class T>
using Limits = std::numeric_limits<T>;

// The types whose fields are spelled alike on both sides, so one template
// fills both. Numberz is an enum class in ours and Numberz::type in Apache's.
#define INTEROP_SAME_SHAPE_TYPES(ns)             \
  using Bonk = ns::Bonk;                         \
  using Bools = ns::Bools;                       \
  using Xtruct = ns::Xtruct;                     \
  using Xtruct2 = ns::Xtruct2;                   \
  using Insanity = ns::Insanity;                 \
  using VersioningTestV2 = ns::VersioningTestV2; \
  using LargeDeltas = ns::LargeDeltas;           \
  using NestedMixedx2 = ns::NestedMixedx2;       \
  using Xception = ns::Xception;                 \
  using Xception2 = ns::Xception2;               \
  using OneField = ns::OneField;

struct Ours {
  INTEROP_SAME_SHAPE_TYPES(tt)
  using Numberz = tt::Numberz;
};

struct Apache {
  INTEROP_SAME_SHAPE_TYPES(ap)
  using Numberz = ap::Numberz::type;
};

#undef INTEROP_SAME_SHAPE_TYPES

template <class S>
typename S::Xtruct xtruct(std::string text, std::int8_t byte, std::int32_t i32, std::int64_t i64) {
  typename S::Xtruct value;
  value.string_thing = std::move(text);
  value.byte_thing = byte;
  value.i32_thing = i32;
  value.i64_thing = i64;
  return value;
}

template <class S>
typename S::Xtruct2 xtruct2() {
  typename S::Xtruct2 value;
  value.byte_thing = -3;
  value.struct_thing = xtruct<S>("Zero", 1, -3, -5);
  value.i32_thing = 42;
  return value;
}

template <class S>
typename S::Insanity insanity() {
  typename S::Insanity value;
  value.userMap = {{S::Numberz::ONE, Limits<std::int64_t>::min()},
                   {S::Numberz::FIVE, 5},
                   {S::Numberz::EIGHT, -8}};
  value.xtructs = {xtruct<S>("Goodbye4", 4, 4, 4), xtruct<S>("", 0, 0, 0),
                   xtruct<S>("ünïcödé ☃", Limits<std::int8_t>::min(), Limits<std::int32_t>::min(),
                             Limits<std::int64_t>::max())};
  return value;
}

// Every base type but bool and binary (in LargeDeltas and OptionalBinary),
// and a list, set and map long enough for compact's long-form headers.
template <class S>
typename S::VersioningTestV2 every_base_type() {
  typename S::VersioningTestV2 value;
  value.begin_in_both = Limits<std::int32_t>::max();
  value.newint = -1;
  value.newbyte = Limits<std::int8_t>::max();
  value.newshort = Limits<std::int16_t>::min();
  value.newlong = -34359738368;
  value.newdouble = -0.000341012439638598279;
  value.newstruct.message = "bonk";
  value.newstruct.type = 7;
  for (std::int32_t i = 0; i < 20; ++i) {
    value.newlist.push_back(i * 7919 - 50000);
    value.newset.insert(-i * 104729);
    value.newmap[i - 10] = i * i;
  }
  value.newstring = std::string(300, 'x') + "Iñtërnâtiônàlizætiøn";
  value.end_in_both = Limits<std::int32_t>::min();
  return value;
}

template <class S>
typename S::Bools bools(bool first, bool second) {
  typename S::Bools value;
  value.im_true = first;
  value.im_false = second;
  return value;
}

// Field ids 1 to 4000: compact's short and long field headers, and bools
// written inside field headers.
template <class S>
typename S::LargeDeltas large_deltas() {
  typename S::LargeDeltas value;
  value.b1 = bools<S>(true, false);
  value.b10 = bools<S>(false, true);
  value.b100 = bools<S>(true, true);
  value.check_true = true;
  value.b1000 = bools<S>(false, false);
  value.check_false = false;
  value.vertwo2000 = every_base_type<S>();
  value.a_set2500 = {"", "a", "ключ"};
  value.big_numbers = {Limits<std::int32_t>::max(), 0, Limits<std::int32_t>::min()};
  return value;
}

template <class S>
typename S::NestedMixedx2 nested_mixed() {
  typename S::NestedMixedx2 value;
  value.int_set_list = {{1, 2, 3}, {}, {-1}};
  value.map_int_strset = {{1, {"a", "b"}}, {-2, {}}};
  value.map_int_strset_list = {{{3, {"c"}}}, {}};
  return value;
}

template <class S>
typename S::Xception xception() {
  typename S::Xception value;
  value.errorCode = 1001;
  value.message = "This is an Xception";
  return value;
}

template <class S>
typename S::Xception2 xception2() {
  typename S::Xception2 value;
  value.errorCode = 2002;
  value.struct_thing = xtruct<S>("This is an Xception2", 0, 0, 0);
  return value;
}

// Optional fields, binary, unions and required fields are spelled apart.
const std::string kAllBytes = [] {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}();

corothrift::Binary binary(const std::string& bytes) {
  corothrift::Binary value;
  value.storage().assign(bytes.begin(), bytes.end());
  return value;
}

tt::OptionalBinary our_optional_binary() {
  tt::OptionalBinary value;
  value.bin_set = std::set<corothrift::Binary>{binary(""), binary(kAllBytes)};
  value.bin_map = std::map<corothrift::Binary, std::int32_t>{{binary("\x01"), 1}};
  return value;
}

ap::OptionalBinary apache_optional_binary() {
  ap::OptionalBinary value;
  value.__set_bin_set({"", kAllBytes});
  value.__set_bin_map({{"\x01", 1}});
  return value;
}

tt::StructB our_struct_b() {
  tt::StructB value;
  value.aa = tt::StructA{"optional"};
  value.ab.s = "required";
  return value;
}

ap::StructB apache_struct_b() {
  ap::StructB value;
  ap::StructA aa;
  aa.s = "optional";
  value.__set_aa(aa);
  value.ab.s = "required";
  return value;
}

tt::BoolTest our_bool_test() {
  tt::BoolTest value;
  value.b = false;
  value.s = "false";
  return value;
}

ap::BoolTest apache_bool_test() {
  ap::BoolTest value;
  value.__set_b(false);
  value.__set_s("false");
  return value;
}

tt::SomeUnion our_union_string() {
  tt::SomeUnion value;
  value.set_string_thing("one member");
  return value;
}

ap::SomeUnion apache_union_string() {
  ap::SomeUnion value;
  value.__set_string_thing("one member");
  return value;
}

tt::SomeUnion our_union_insanity() {
  tt::SomeUnion value;
  value.set_insanity_thing(insanity<Ours>());
  return value;
}

ap::SomeUnion apache_union_insanity() {
  ap::SomeUnion value;
  value.__set_insanity_thing(insanity<Apache>());
  return value;
}

std::shared_ptr<apache::thrift::protocol::TProtocol> apache_protocol(
    ProtocolKind kind, std::shared_ptr<apache::thrift::transport::TMemoryBuffer> buffer) {
  if (kind == ProtocolKind::Binary) {
    return std::make_shared<apache::thrift::protocol::TBinaryProtocol>(buffer);
  }
  if (kind == ProtocolKind::Json) {
    return std::make_shared<apache::thrift::protocol::TJSONProtocol>(buffer);
  }
  return std::make_shared<apache::thrift::protocol::TCompactProtocol>(buffer);
}

template <class T>
Bytes apache_encode(ProtocolKind kind, const T& value) {
  auto buffer = std::make_shared<apache::thrift::transport::TMemoryBuffer>();
  value.write(apache_protocol(kind, buffer).get());
  std::string bytes = buffer->getBufferAsString();
  return {bytes.begin(), bytes.end()};
}

// Apache reads `bytes` into `value`; returns the bytes left unread.
template <class T>
std::uint32_t apache_decode(ProtocolKind kind, Bytes bytes, T& value) {
  auto buffer = std::make_shared<apache::thrift::transport::TMemoryBuffer>(
      bytes.data(), static_cast<std::uint32_t>(bytes.size()),
      apache::thrift::transport::TMemoryBuffer::COPY);
  value.read(apache_protocol(kind, buffer).get());
  return buffer->available_read();
}

template <class T>
Bytes our_encode(ProtocolKind kind, const T& value) {
  corothrift::WriteBuffer out;
  corothrift::serialize(kind, value, out);
  return {out.bytes().begin(), out.bytes().end()};
}

std::string hex(const Bytes& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string text;
  for (std::uint8_t b : bytes) {
    text += digits[b >> 4];
    text += digits[b & 15];
    text += ' ';
  }
  return text;
}

class GeneratedBytes : public ::testing::TestWithParam<ProtocolKind> {
 protected:
  // The same value as each side's generated type: same bytes, and each side
  // reads the other's bytes back to its own value, consuming all of them.
  template <class O, class A>
  void expect_same(const O& ours, const A& apache) {
    expect_same_bytes_read_as(ours, apache, ours, apache);
  }

  // Same bytes; each side reads the other's to `ours_read` / `apache_read`.
  template <class O, class A>
  void expect_same_bytes_read_as(const O& ours, const A& apache, const O& ours_read,
                                 const A& apache_read) {
    ProtocolKind kind = GetParam();
    Bytes our_bytes = our_encode(kind, ours);
    Bytes apache_bytes = apache_encode(kind, apache);
    ASSERT_FALSE(our_bytes.empty());
    EXPECT_EQ(hex(our_bytes), hex(apache_bytes));

    O ours_from_apache;
    EXPECT_EQ(corothrift::deserialize(kind, apache_bytes, ours_from_apache), apache_bytes.size());
    EXPECT_TRUE(ours_from_apache == ours_read) << "ours decoded Apache's bytes to another value";

    A apache_from_ours;
    EXPECT_EQ(apache_decode(kind, our_bytes, apache_from_ours), 0U);
    EXPECT_TRUE(apache_from_ours == apache_read) << "Apache decoded our bytes to another value";
  }
};

TEST_P(GeneratedBytes, XtructWithEdgeValuesIsTheSameBytes) {
  expect_same(xtruct<Ours>("ünïcödé ☃", Limits<std::int8_t>::min(), Limits<std::int32_t>::min(),
                           Limits<std::int64_t>::max()),
              xtruct<Apache>("ünïcödé ☃", Limits<std::int8_t>::min(), Limits<std::int32_t>::min(),
                             Limits<std::int64_t>::max()));
  expect_same(xtruct<Ours>("", 0, 0, 0), xtruct<Apache>("", 0, 0, 0));
}

TEST_P(GeneratedBytes, NestedXtruct2IsTheSameBytes) {
  expect_same(xtruct2<Ours>(), xtruct2<Apache>());
}

TEST_P(GeneratedBytes, InsanityWithAnEnumKeyedMapAndAListOfStructsIsTheSameBytes) {
  expect_same(insanity<Ours>(), insanity<Apache>());
  expect_same(Ours::Insanity{}, Apache::Insanity{});
}

TEST_P(GeneratedBytes, AStructOfEveryIntegerDoubleStringAndContainerIsTheSameBytes) {
  expect_same(every_base_type<Ours>(), every_base_type<Apache>());
}

TEST_P(GeneratedBytes, BoolsAndFieldIdsFarApartAreTheSameBytes) {
  expect_same(large_deltas<Ours>(), large_deltas<Apache>());
}

TEST_P(GeneratedBytes, NestedListsSetsAndMapsAreTheSameBytes) {
  expect_same(nested_mixed<Ours>(), nested_mixed<Apache>());
}

TEST_P(GeneratedBytes, DeclaredExceptionsAreTheSameBytes) {
  expect_same(xception<Ours>(), xception<Apache>());
  expect_same(xception2<Ours>(), xception2<Apache>());
}

TEST_P(GeneratedBytes, OptionalBinarySetAndMapAreTheSameBytes) {
  expect_same(our_optional_binary(), apache_optional_binary());
}

// An optional field with a default starts set on both sides (Apache's C++
// sets its __isset flag), and is left out of the bytes once unset; reading
// bytes without it leaves the default in place, on both sides alike.
TEST_P(GeneratedBytes, OptionalFieldsWithDefaultsStartSetAndUnsetOnesAreLeftOut) {
  expect_same(tt::OptionalBinary{}, ap::OptionalBinary{});
  tt::OptionalBinary unset;
  unset.bin_set.reset();
  unset.bin_map.reset();
  ap::OptionalBinary apache_unset;
  apache_unset.__isset.bin_set = false;
  apache_unset.__isset.bin_map = false;
  expect_same_bytes_read_as(unset, apache_unset, tt::OptionalBinary{}, ap::OptionalBinary{});
  tt::StructB ours;
  ours.ab.s = "only the required one";
  ap::StructB apache;
  apache.ab.s = "only the required one";
  expect_same(ours, apache);
}

TEST_P(GeneratedBytes, SetOptionalAndRequiredFieldsAreTheSameBytes) {
  expect_same(our_struct_b(), apache_struct_b());
  expect_same(our_bool_test(), apache_bool_test());
}

TEST_P(GeneratedBytes, AUnionWritesItsOneMemberAlike) {
  expect_same(our_union_string(), apache_union_string());
  expect_same(our_union_insanity(), apache_union_insanity());
}

TEST_P(GeneratedBytes, AStructHoldingAnEmptyStructIsTheSameBytes) {
  expect_same(Ours::OneField{}, Apache::OneField{});
}

INSTANTIATE_TEST_SUITE_P(Protocols, GeneratedBytes,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact,
                                           ProtocolKind::Json),
                         [](const auto& info) {
                           return std::string(corothrift::protocol_kind_name(info.param));
                         });

}  // namespace
