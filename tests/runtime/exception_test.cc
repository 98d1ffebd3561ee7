// TApplicationException and the ThriftException base that generated
// exceptions derive from.
#include <corothrift/protocol.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "wire_bytes.h"

namespace {

using namespace corothrift;
using corothrift::testing::bytes;
using corothrift::testing::Bytes;
using corothrift::testing::text;
using corothrift::testing::operator+;

// Shaped like a generated exception.
struct NotFound : ThriftException {
  int32_t code = 0;
  std::string what_text;
  const char* what() const noexcept override { return "NotFound"; }
  friend bool operator==(const NotFound&, const NotFound&) = default;
  friend auto operator<=>(const NotFound&, const NotFound&) = default;
};

TEST(ThriftException, a_derived_exception_keeps_defaulted_comparisons_of_its_fields) {
  NotFound a;
  a.code = 1;
  NotFound b = a;
  EXPECT_EQ(a, b);
  b.code = 2;
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
  std::set<NotFound> ordered{b, a};
  EXPECT_EQ(ordered.begin()->code, 1);
}

TEST(ThriftException, is_caught_as_std_exception) {
  try {
    throw NotFound{};
  } catch (const std::exception& e) {
    EXPECT_STREQ(e.what(), "NotFound");
  }
}

TEST(TApplicationException, encodes_message_then_type_as_apache_does) {
  TApplicationException e(TApplicationException::Type::UnknownMethod, "nope");
  WriteBuffer out;
  serialize(ProtocolKind::Binary, e, out);
  Bytes got(out.data(), out.data() + out.size());
  EXPECT_EQ(got, bytes({11, 0, 1, 0, 0, 0, 4}) + text("nope") + bytes({8, 0, 2, 0, 0, 0, 1, 0}));
}

TEST(TApplicationException, round_trips_in_both_protocols_and_skips_unknown_fields) {
  for (ProtocolKind kind : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    WriteBuffer out;
    with_writer(kind, out, [](auto& w) {
      w.write_struct_begin("TApplicationException");
      w.write_field_begin("extra", TType::List, 9);
      w.write_list_begin(TType::Double, 1);
      w.write_double(1.0);
      w.write_field_begin("type", TType::I32, 2);
      w.write_i32(6);
      w.write_field_begin("message", TType::String, 1);
      w.write_string("boom");
      w.write_field_stop();
      w.write_struct_end();
    });
    TApplicationException back;
    deserialize(kind, out.bytes(), back);
    EXPECT_EQ(back, TApplicationException(TApplicationException::Type::InternalError, "boom"));
  }
}

TEST(TApplicationException, what_falls_back_to_the_type_description) {
  EXPECT_STREQ(TApplicationException(TApplicationException::Type::BadSequenceId).what(),
               "Bad sequence identifier");
  EXPECT_STREQ(
      TApplicationException(TApplicationException::Type::ProtocolError, "bad frame").what(),
      "bad frame");
}

TEST(ProtocolError, carries_its_kind_and_reason) {
  try {
    throw_missing_required_field("Work", "num1");
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.kind(), ProtocolError::Kind::InvalidData);
    EXPECT_STREQ(e.what(), "required field Work.num1 is missing");
  }
}

TEST(ProtocolError, is_a_runtime_error_like_every_runtime_failure) {
  EXPECT_THROW(throw_protocol_error(ProtocolError::Kind::DepthLimit, "deep"), RuntimeError);
}

}  // namespace
