// Byte layouts of the binary protocol, checked against
// Apache's doc/specs/thrift-binary-protocol.md.
#include <corothrift/detail/binary_protocol.h>

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

Bytes encode_binary(auto&& f) { return encode<BinaryWriter>(f); }

TEST(BinaryProtocol, writes_a_strict_message_header_with_version_and_type) {
  Bytes got = encode_binary([](auto& w) { w.write_message_begin("ping", MessageType::Call, 7); });
  EXPECT_EQ(got, bytes({0x80, 0x01, 0x00, 0x01, 0, 0, 0, 4}) + text("ping") + bytes({0, 0, 0, 7}));
}

TEST(BinaryProtocol, reads_a_strict_message_header) {
  Bytes in =
      bytes({0x80, 0x01, 0x00, 0x02, 0, 0, 0, 3}) + text("add") + bytes({0xff, 0xff, 0xff, 0xfe});
  ReadBuffer buf{std::span<const uint8_t>(in)};
  BinaryReader r(buf);
  MessageHeader h = r.read_message_begin();
  EXPECT_EQ(h.name, "add");
  EXPECT_EQ(h.type, MessageType::Reply);
  EXPECT_EQ(h.seqid, -2);
  EXPECT_TRUE(buf.at_end());
}

TEST(BinaryProtocol, reads_an_old_style_message_header_unless_strict) {
  Bytes in = bytes({0, 0, 0, 4}) + text("ping") + bytes({4, 0, 0, 0, 9});
  ReadBuffer buf{std::span<const uint8_t>(in)};
  BinaryReader r(buf);
  EXPECT_EQ(r.read_message_begin(), (MessageHeader{"ping", MessageType::Oneway, 9}));

  ReadBuffer again{std::span<const uint8_t>(in)};
  BinaryReader strict(again, kDefaultDecodeLimits, /*strict_read=*/true);
  EXPECT_THROW(strict.read_message_begin(), ProtocolError);
}

TEST(BinaryProtocol, rejects_a_message_header_with_a_wrong_version) {
  Bytes in = bytes({0x80, 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1});
  ReadBuffer buf{std::span<const uint8_t>(in)};
  BinaryReader r(buf);
  try {
    r.read_message_begin();
    FAIL() << "accepted version 2";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.kind(), ProtocolError::Kind::BadVersion);
  }
}

TEST(BinaryProtocol, writes_integers_big_endian_at_their_extremes) {
  Bytes got = encode_binary([](auto& w) {
    w.write_byte(-128);
    w.write_i16(-2);
    w.write_i32(std::numeric_limits<int32_t>::min());
    w.write_i64(std::numeric_limits<int64_t>::max());
    w.write_bool(true);
    w.write_bool(false);
  });
  EXPECT_EQ(got, bytes({0x80, 0xff, 0xfe, 0x80, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                        0xff, 1, 0}));
}

TEST(BinaryProtocol, writes_doubles_as_big_endian_ieee754) {
  Bytes got = encode_binary([](auto& w) {
    w.write_double(1.0);
    w.write_double(-std::numeric_limits<double>::infinity());
  });
  EXPECT_EQ(got, bytes({0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xff, 0xf0, 0, 0, 0, 0, 0, 0}));
}

TEST(BinaryProtocol, scalars_read_back_what_was_written) {
  Bytes data = encode_binary([](auto& w) {
    w.write_byte(-1);
    w.write_i16(12345);
    w.write_i32(-7);
    w.write_i64(-1234567890123LL);
    w.write_double(std::nan(""));
    w.write_double(-0.0);
    w.write_string("");
    w.write_binary(Binary{0, 1, 2}.bytes());
    w.write_bool(true);
  });
  ReadBuffer buf{std::span<const uint8_t>(data)};
  BinaryReader r(buf);
  EXPECT_EQ(r.read_byte(), -1);
  EXPECT_EQ(r.read_i16(), 12345);
  EXPECT_EQ(r.read_i32(), -7);
  EXPECT_EQ(r.read_i64(), -1234567890123LL);
  EXPECT_TRUE(std::isnan(r.read_double()));
  double zero = r.read_double();
  EXPECT_TRUE(zero == 0.0 && std::signbit(zero));
  std::string s = "old";
  r.read_string(s);
  EXPECT_EQ(s, "");
  Binary b;
  r.read_binary(b);
  EXPECT_EQ(b, (Binary{0, 1, 2}));
  EXPECT_TRUE(r.read_bool());
  EXPECT_TRUE(buf.at_end());
}

TEST(BinaryProtocol, writes_field_and_container_headers) {
  Bytes got = encode_binary([](auto& w) {
    w.write_struct_begin("S");
    w.write_field_begin("f", TType::List, -1);
    w.write_list_begin(TType::I32, 2);
    w.write_i32(1);
    w.write_i32(2);
    w.write_list_end();
    w.write_field_end();
    w.write_field_begin("m", TType::Map, 300);
    w.write_map_begin(TType::String, TType::Bool, 0);
    w.write_map_end();
    w.write_field_end();
    w.write_field_begin("s", TType::Set, 2);
    w.write_set_begin(TType::Uuid, 0);
    w.write_set_end();
    w.write_field_end();
    w.write_field_stop();
    w.write_struct_end();
  });
  EXPECT_EQ(got, bytes({15, 0xff, 0xff, 8,  0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2,  //
                        13, 0x01, 0x2c, 11, 2, 0, 0, 0, 0,                       //
                        14, 0,    2,    16, 0, 0, 0, 0,                          //
                        0}));
}

TEST(BinaryProtocol, a_uuid_is_sixteen_raw_bytes_with_type_sixteen) {
  auto uuid = *Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  Bytes got = encode_binary([&](auto& w) {
    w.write_field_begin("u", TType::Uuid, 1);
    w.write_uuid(uuid);
  });
  EXPECT_EQ(got, bytes({16, 0, 1, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
                        0xbb, 0xcc, 0xdd, 0xee, 0xff}));
  ReadBuffer buf{std::span<const uint8_t>(got)};
  BinaryReader r(buf);
  EXPECT_EQ(r.read_field_begin().type, TType::Uuid);
  EXPECT_EQ(r.read_uuid(), uuid);
}

TEST(BinaryProtocol, skip_passes_over_a_nested_value_exactly) {
  Bytes data = encode_binary([](auto& w) {
    w.write_struct_begin("Outer");
    w.write_field_begin("m", TType::Map, 1);
    w.write_map_begin(TType::String, TType::List, 1);
    w.write_string("k");
    w.write_list_begin(TType::Struct, 1);
    w.write_struct_begin("Inner");
    w.write_field_begin("d", TType::Double, 1);
    w.write_double(2.5);
    w.write_field_stop();
    w.write_struct_end();
    w.write_field_stop();
    w.write_struct_end();
    w.write_i32(99);  // after the skipped value
  });
  ReadBuffer buf{std::span<const uint8_t>(data)};
  BinaryReader r(buf);
  r.skip(TType::Struct);
  EXPECT_EQ(r.read_i32(), 99);
}

TEST(BinaryProtocol, skip_rejects_an_unknown_type) {
  Bytes data = bytes({0x63, 0, 1, 0});
  ReadBuffer buf{std::span<const uint8_t>(data)};
  BinaryReader r(buf);
  EXPECT_THROW(r.skip(TType::Struct), ProtocolError);
}

}  // namespace
