// Byte layouts of the compact protocol, checked against
// Apache's doc/specs/thrift-compact-protocol.md.
#include <corothrift/detail/compact_protocol.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "wire_bytes.h"

namespace {

using namespace corothrift;
using corothrift::testing::bytes;
using corothrift::testing::Bytes;
using corothrift::testing::encode;
using corothrift::testing::text;
using corothrift::testing::operator+;

Bytes encode_compact(auto&& f) { return encode<CompactWriter>(f); }

TEST(CompactProtocol, writes_a_message_header_with_id_version_type_and_varint_seqid) {
  Bytes got =
      encode_compact([](auto& w) { w.write_message_begin("ping", MessageType::Call, 300); });
  EXPECT_EQ(got, bytes({0x82, 0x21, 0xac, 0x02, 4}) + text("ping"));
}

TEST(CompactProtocol, reads_a_message_header_with_a_negative_seqid) {
  Bytes in = encode_compact([](auto& w) { w.write_message_begin("x", MessageType::Oneway, -1); });
  EXPECT_EQ(in, bytes({0x82, 0x81, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 'x'}));
  ReadBuffer buf{std::span<const uint8_t>(in)};
  CompactReader r(buf);
  EXPECT_EQ(r.read_message_begin(), (MessageHeader{"x", MessageType::Oneway, -1}));
}

TEST(CompactProtocol, rejects_a_wrong_protocol_id_or_version) {
  for (Bytes in : {bytes({0x80, 0x21, 0, 0}), bytes({0x82, 0x22, 0, 0})}) {
    ReadBuffer buf{std::span<const uint8_t>(in)};
    CompactReader r(buf);
    try {
      r.read_message_begin();
      FAIL() << "accepted a bad header";
    } catch (const ProtocolError& e) {
      EXPECT_EQ(e.kind(), ProtocolError::Kind::BadVersion);
    }
  }
}

TEST(CompactProtocol, writes_integers_as_zigzag_varints) {
  Bytes got = encode_compact([](auto& w) {
    w.write_i32(0);
    w.write_i32(-1);
    w.write_i32(1);
    w.write_i32(-64);
    w.write_i32(64);
    w.write_i32(std::numeric_limits<int32_t>::min());
    w.write_i16(std::numeric_limits<int16_t>::max());
    w.write_i64(std::numeric_limits<int64_t>::min());
    w.write_byte(-1);
  });
  EXPECT_EQ(got,
            bytes({0,    1,    2,    0x7f, 0x80, 0x01, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xfe, 0xff,
                   0x03, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0xff}));
}

TEST(CompactProtocol, integers_read_back_at_their_extremes) {
  const int64_t values64[] = {
      0,        1, -1, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(),
      1LL << 35};
  const int32_t values32[] = {std::numeric_limits<int32_t>::min(),
                              std::numeric_limits<int32_t>::max(), -300, 300};
  Bytes data = encode_compact([&](auto& w) {
    for (int64_t v : values64) w.write_i64(v);
    for (int32_t v : values32) w.write_i32(v);
    w.write_i16(std::numeric_limits<int16_t>::min());
  });
  ReadBuffer buf{std::span<const uint8_t>(data)};
  CompactReader r(buf);
  for (int64_t v : values64) EXPECT_EQ(r.read_i64(), v);
  for (int32_t v : values32) EXPECT_EQ(r.read_i32(), v);
  EXPECT_EQ(r.read_i16(), std::numeric_limits<int16_t>::min());
  EXPECT_TRUE(buf.at_end());
}

TEST(CompactProtocol, writes_doubles_little_endian) {
  Bytes got = encode_compact([](auto& w) { w.write_double(1.0); });
  EXPECT_EQ(got, bytes({0, 0, 0, 0, 0, 0, 0xf0, 0x3f}));
}

TEST(CompactProtocol, field_ids_are_deltas_when_small_and_zigzag_otherwise) {
  Bytes got = encode_compact([](auto& w) {
    w.write_struct_begin("S");
    for (int16_t id : {1, 2, 20, 5}) {
      w.write_field_begin("f", TType::I32, id);
      w.write_i32(0);
      w.write_field_end();
    }
    w.write_field_stop();
    w.write_struct_end();
  });
  EXPECT_EQ(got, bytes({0x15, 0, 0x15, 0, 0x05, 0x28, 0, 0x05, 0x0a, 0, 0}));
}

TEST(CompactProtocol, a_nested_struct_restores_the_outer_field_id) {
  Bytes got = encode_compact([](auto& w) {
    w.write_struct_begin("Outer");
    w.write_field_begin("inner", TType::Struct, 1);
    w.write_struct_begin("Inner");
    w.write_field_begin("x", TType::I32, 5);
    w.write_i32(1);
    w.write_field_stop();
    w.write_struct_end();
    w.write_field_begin("y", TType::I32, 2);
    w.write_i32(1);
    w.write_field_stop();
    w.write_struct_end();
  });
  EXPECT_EQ(got, bytes({0x1c, 0x55, 2, 0, 0x15, 2, 0}));

  ReadBuffer buf{std::span<const uint8_t>(got)};
  CompactReader r(buf);
  r.read_struct_begin();
  EXPECT_EQ(r.read_field_begin().id, 1);
  r.read_struct_begin();
  EXPECT_EQ(r.read_field_begin().id, 5);
  EXPECT_EQ(r.read_i32(), 1);
  EXPECT_EQ(r.read_field_begin().type, TType::Stop);
  r.read_struct_end();
  FieldHeader y = r.read_field_begin();
  EXPECT_EQ(y.id, 2);
  EXPECT_EQ(y.type, TType::I32);
}

TEST(CompactProtocol, a_bool_field_folds_its_value_into_the_field_type) {
  Bytes got = encode_compact([](auto& w) {
    w.write_struct_begin("S");
    w.write_field_begin("t", TType::Bool, 1);
    w.write_bool(true);
    w.write_field_begin("f", TType::Bool, 2);
    w.write_bool(false);
    w.write_field_begin("l", TType::List, 3);
    w.write_list_begin(TType::Bool, 2);
    w.write_bool(true);
    w.write_bool(false);
    w.write_field_stop();
    w.write_struct_end();
  });
  EXPECT_EQ(got, bytes({0x11, 0x12, 0x19, 0x21, 1, 2, 0}));

  ReadBuffer buf{std::span<const uint8_t>(got)};
  CompactReader r(buf);
  r.read_struct_begin();
  EXPECT_EQ(r.read_field_begin().type, TType::Bool);
  EXPECT_TRUE(r.read_bool());
  EXPECT_EQ(r.read_field_begin().type, TType::Bool);
  EXPECT_FALSE(r.read_bool());
  EXPECT_EQ(r.read_field_begin().type, TType::List);
  ListHeader l = r.read_list_begin();
  EXPECT_EQ(l.elem, TType::Bool);
  EXPECT_TRUE(r.read_bool());
  EXPECT_FALSE(r.read_bool());
}

TEST(CompactProtocol, lists_pack_small_sizes_into_the_header_byte) {
  Bytes got = encode_compact([](auto& w) {
    w.write_list_begin(TType::Byte, 14);
    w.write_set_begin(TType::String, 15);
    w.write_list_begin(TType::Struct, 0);
    w.write_list_begin(TType::Double, 300);
  });
  EXPECT_EQ(got, bytes({0xe3, 0xf8, 0x0f, 0x0c, 0xf7, 0xac, 0x02}));
}

TEST(CompactProtocol, maps_send_no_types_when_empty) {
  Bytes got = encode_compact([](auto& w) {
    w.write_map_begin(TType::String, TType::I32, 0);
    w.write_map_begin(TType::String, TType::I32, 3);
    w.write_map_begin(TType::Bool, TType::Uuid, 1);
  });
  EXPECT_EQ(got, bytes({0x00, 0x03, 0x85, 0x01, 0x1d}));
  ReadBuffer buf{std::span<const uint8_t>(got)};
  CompactReader r(buf);
  MapHeader empty = r.read_map_begin();
  EXPECT_EQ(empty.size, 0u);
  EXPECT_EQ(empty.key, TType::Stop);
}

TEST(CompactProtocol, a_uuid_is_sixteen_raw_bytes_with_compact_type_thirteen) {
  auto uuid = *Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  Bytes got = encode_compact([&](auto& w) {
    w.write_struct_begin("S");
    w.write_field_begin("u", TType::Uuid, 1);
    w.write_uuid(uuid);
  });
  EXPECT_EQ(got, bytes({0x1d, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
                        0xbb, 0xcc, 0xdd, 0xee, 0xff}));
  ReadBuffer buf{std::span<const uint8_t>(got)};
  CompactReader r(buf);
  r.read_struct_begin();
  EXPECT_EQ(r.read_field_begin().type, TType::Uuid);
  EXPECT_EQ(r.read_uuid(), uuid);
}

TEST(CompactProtocol, rejects_a_varint_longer_than_its_type_allows) {
  Bytes six = bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
  ReadBuffer buf{std::span<const uint8_t>(six)};
  CompactReader r(buf);
  EXPECT_THROW(r.read_i32(), ProtocolError);

  Bytes eleven = bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01});
  ReadBuffer buf64{std::span<const uint8_t>(eleven)};
  CompactReader r64(buf64);
  EXPECT_THROW(r64.read_i64(), ProtocolError);
}

TEST(CompactProtocol, rejects_an_unknown_type_code_in_a_field_header) {
  Bytes data = bytes({0x1e, 0});
  ReadBuffer buf{std::span<const uint8_t>(data)};
  CompactReader r(buf);
  r.read_struct_begin();
  EXPECT_THROW(r.read_field_begin(), ProtocolError);
}

TEST(CompactProtocol, skip_passes_over_bools_in_fields_and_lists) {
  Bytes data = encode_compact([](auto& w) {
    w.write_struct_begin("S");
    w.write_field_begin("b", TType::Bool, 1);
    w.write_bool(true);
    w.write_field_begin("l", TType::List, 2);
    w.write_list_begin(TType::Bool, 3);
    for (int i = 0; i < 3; ++i) w.write_bool(i == 1);
    w.write_field_begin("m", TType::Map, 3);
    w.write_map_begin(TType::I64, TType::Double, 1);
    w.write_i64(-5);
    w.write_double(0.5);
    w.write_field_stop();
    w.write_struct_end();
    w.write_i32(-99);
  });
  ReadBuffer buf{std::span<const uint8_t>(data)};
  CompactReader r(buf);
  r.skip(TType::Struct);
  EXPECT_EQ(r.read_i32(), -99);
  EXPECT_TRUE(buf.at_end());
}

}  // namespace
