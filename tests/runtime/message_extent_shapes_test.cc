// The resumable measure of unframed binary and compact messages answers
// exactly what the one-shot measure (the readers' skip over the whole bytes)
// answers: the same size, the same bytes to wait for, the same error kind and
// text, for every shape below, under several limits, whatever byte boundary
// the bytes arrive in pieces at.
#include <gtest/gtest.h>

#include <corothrift/detail/message.h>
#include <corothrift/exception.h>
#include <corothrift/protocol.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "message_extent.h"

namespace {

using namespace corothrift;
using namespace corothrift::detail;

enum class Wire { BinaryStrict, BinaryOld, Compact };

ProtocolKind protocol_of(Wire wire) {
  return wire == Wire::Compact ? ProtocolKind::Compact : ProtocolKind::Binary;
}

template <class W>
void write_point(W& w, int32_t x) {
  w.write_struct_begin("");
  w.write_field_begin("", TType::I32, 1);
  w.write_i32(x);
  w.write_field_begin("", TType::Bool, 2);
  w.write_bool(x % 2 == 0);
  w.write_field_stop();
  w.write_struct_end();
}

template <class W>
void write_scalars(W& w) {
  w.write_field_begin("", TType::Bool, 1);
  w.write_bool(true);
  w.write_field_begin("", TType::Bool, 2);
  w.write_bool(false);
  w.write_field_begin("", TType::Byte, 3);
  w.write_byte(-3);
  w.write_field_begin("", TType::I16, 4);
  w.write_i16(-300);
  w.write_field_begin("", TType::I32, 5);
  w.write_i32(std::numeric_limits<int32_t>::min());
  w.write_field_begin("", TType::I64, 6);
  w.write_i64(std::numeric_limits<int64_t>::min());
  w.write_field_begin("", TType::Double, 7);
  w.write_double(2.5);
  w.write_field_begin("", TType::String, 8);
  w.write_string("");
  w.write_field_begin("", TType::String, 9);
  w.write_string("hello");
  w.write_field_begin("", TType::Uuid, 10);
  w.write_uuid(Uuid{});
  w.write_field_begin("", TType::String, 40);  // compact: a long field header
  w.write_string(std::string(30, 's'));
  w.write_field_begin("", TType::Bool, 1000);
  w.write_bool(true);
  w.write_field_begin("", TType::I64, -5);
  w.write_i64(1);
}

template <class W>
void write_lists(W& w) {
  w.write_field_begin("", TType::List, 1);
  w.write_list_begin(TType::I32, 20);  // compact: the long list header
  for (int i = 0; i < 20; ++i) w.write_i32(i * 1000);
  w.write_field_begin("", TType::List, 2);
  w.write_list_begin(TType::String, 3);
  for (const char* s : {"a", "", "ccc"}) w.write_string(s);
  w.write_field_begin("", TType::Set, 3);
  w.write_set_begin(TType::Bool, 3);
  for (bool b : {true, false, true}) w.write_bool(b);
  w.write_field_begin("", TType::List, 4);
  w.write_list_begin(TType::List, 2);
  for (int n : {0, 2}) {
    w.write_list_begin(TType::I64, static_cast<uint32_t>(n));
    for (int i = 0; i < n; ++i) w.write_i64(i << 20);
  }
  w.write_field_begin("", TType::List, 5);
  w.write_list_begin(TType::Struct, 3);
  for (int i = 0; i < 3; ++i) write_point(w, i);
  w.write_field_begin("", TType::Set, 6);
  w.write_set_begin(TType::Double, 2);
  w.write_double(1);
  w.write_double(-1);
  w.write_field_begin("", TType::List, 7);
  w.write_list_begin(TType::String, 0);
}

template <class W>
void write_maps(W& w) {
  w.write_field_begin("", TType::Map, 1);
  w.write_map_begin(TType::String, TType::I32, 2);
  w.write_string("k");
  w.write_i32(1);
  w.write_string("");
  w.write_i32(-70000);
  w.write_field_begin("", TType::Map, 2);
  w.write_map_begin(TType::I32, TType::I64, 2);  // binary: fixed width
  for (int i = 0; i < 2; ++i) {
    w.write_i32(i);
    w.write_i64(-i);
  }
  w.write_field_begin("", TType::Map, 3);
  w.write_map_begin(TType::String, TType::Struct, 0);
  w.write_field_begin("", TType::Map, 4);
  w.write_map_begin(TType::I16, TType::Map, 2);
  for (int16_t k = 0; k < 2; ++k) {
    w.write_i16(k);
    w.write_map_begin(TType::Bool, TType::Struct, 1);
    w.write_bool(k == 0);
    write_point(w, k);
  }
}

template <class W>
void write_nested(W& w, int levels) {
  w.write_field_begin("", TType::Struct, 1);
  w.write_struct_begin("");
  if (levels > 1) write_nested(w, levels - 1);
  w.write_field_begin("", TType::List, 2);
  w.write_list_begin(TType::Map, 1);
  w.write_map_begin(TType::I32, TType::List, 1);
  w.write_i32(levels);
  w.write_list_begin(TType::Struct, 1);
  write_point(w, levels);
  w.write_field_stop();
  w.write_struct_end();
}

template <class W>
void write_points(W& w, int count) {
  w.write_field_begin("", TType::List, 1);
  w.write_list_begin(TType::Struct, static_cast<uint32_t>(count));
  for (int i = 0; i < count; ++i) write_point(w, i * 977);
}

struct Shape {
  const char* name;
  // Writes the args' fields; bytes after them come from `raw` and then the
  // args' stop (a malformed shape's bad bytes stop the measure first).
  std::function<void(BinaryWriter&)> binary;
  std::function<void(CompactWriter&)> compact;
  std::vector<uint8_t> binary_raw = {};
  std::vector<uint8_t> compact_raw = {};
};

template <class F>
Shape both(const char* name, F f) {
  return Shape{name, [f](BinaryWriter& w) { f(w); }, [f](CompactWriter& w) { f(w); }, {}, {}};
}

Shape raw(const char* name, std::vector<uint8_t> binary, std::vector<uint8_t> compact) {
  return Shape{name, [](BinaryWriter&) {}, [](CompactWriter&) {}, std::move(binary),
               std::move(compact)};
}

std::vector<Shape> shapes() {
  return {
      both("empty", [](auto&) {}),
      both("scalars", [](auto& w) { write_scalars(w); }),
      both("lists", [](auto& w) { write_lists(w); }),
      both("maps", [](auto& w) { write_maps(w); }),
      both("nested", [](auto& w) { write_nested(w, 3); }),
      both("points", [](auto& w) { write_points(w, 12); }),
      both("long_string",
           [](auto& w) {
             w.write_field_begin("", TType::String, 1);
             w.write_string(std::string(100, 'x'));
           }),
      // Malformed bodies: binary bytes, then compact bytes.
      raw("negative_list", {15, 0, 1, 8, 0xff, 0xff, 0xff, 0xff},
          {0x19, 0xf5, 0xff, 0xff, 0xff, 0xff, 0x0f}),
      raw("list_of_void", {15, 0, 1, 1, 0, 0, 0, 2, 0, 0}, {0x19, 0x20, 0, 0}),
      raw("bad_field_type", {1, 0, 1, 0}, {0x1e, 0}),
      raw("field_type_17", {17, 0, 1, 0}, {0x1f, 0}),
      raw("negative_string", {11, 0, 1, 0xff, 0xff, 0xff, 0xfe},
          {0x18, 0xff, 0xff, 0xff, 0xff, 0x0f}),
      raw("map_key_stop", {13, 0, 1, 0, 8, 0, 0, 0, 1, 0}, {0x1b, 0x01, 0x05, 0, 0}),
      raw("long_varint", {8, 0, 1, 0, 0}, {0x15, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
      raw("long_varint64", {10, 0, 1},
          {0x16, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
      raw("huge_list", {15, 0, 1, 8, 0x7f, 0xff, 0xff, 0xff},
          {0x19, 0xf5, 0xff, 0xff, 0xff, 0xff, 0x07}),
  };
}

void append(std::vector<uint8_t>& to, const WriteBuffer& out) {
  to.insert(to.end(), out.data(), out.data() + out.size());
}

// The shape's message, then the start of another.
std::vector<uint8_t> message(Wire wire, const Shape& shape) {
  std::vector<uint8_t> bytes;
  WriteBuffer out;
  if (wire == Wire::BinaryOld) {  // name length, name, type, seqid
    bytes = {0, 0, 0, 4, 'e', 'c', 'h', 'o', 1, 0, 0, 0, 9};
  } else {
    with_writer(protocol_of(wire), out,
                [](auto& w) { w.write_message_begin("echo", MessageType::Call, 9); });
  }
  with_writer(protocol_of(wire), out, [&](auto& w) {
    w.write_struct_begin("");
    using W = std::decay_t<decltype(w)>;
    if constexpr (std::is_same_v<W, CompactWriter>) shape.compact(w);
    if constexpr (std::is_same_v<W, BinaryWriter>) shape.binary(w);
  });
  append(bytes, out);
  const auto& bad = wire == Wire::Compact ? shape.compact_raw : shape.binary_raw;
  bytes.insert(bytes.end(), bad.begin(), bad.end());
  WriteBuffer end;
  with_writer(protocol_of(wire), end, [](auto& w) {
    w.write_field_stop();  // the args' (a writer of its own: no write_struct_end)
    w.write_message_begin("next", MessageType::Oneway, 10);
  });
  append(bytes, end);
  return bytes;
}

// One measure's answer, spelt out so that two can be compared and printed.
std::string outcome(const std::function<corothrift::MessageExtent()>& measure) {
  try {
    corothrift::MessageExtent extent = measure();
    return extent.size != 0 ? fmt::format("size {}", extent.size)
                            : fmt::format("at least {}", extent.at_least);
  } catch (const ProtocolError& e) {
    return fmt::format("error {}: {}", static_cast<int>(e.kind()), e.what());
  }
}

std::string one_shot(ProtocolKind kind, std::span<const uint8_t> bytes,
                     const DecodeLimits& limits) {
  return outcome([&] { return measure_message_extent(kind, bytes, limits); });
}

std::string resumed(ProtocolKind kind, std::span<const uint8_t> bytes, const DecodeLimits& limits,
                    ExtentScan& scan) {
  return outcome([&] { return resume_measure(kind, bytes, limits, scan); });
}

constexpr int kErrorsAtLeast = 16 + 7 * 3 + 5 + 5;

bool finished(const std::string& answer) { return answer.rfind("at least", 0) != 0; }

std::vector<DecodeLimits> limit_sets() {
  DecodeLimits tight;  // each of these stops some shape
  tight.max_string_bytes = 16;
  tight.max_container_elements = 8;
  tight.max_depth = 3;
  DecodeLimits small_frame;
  small_frame.max_frame_bytes = 64;
  DecodeLimits no_depth;
  no_depth.max_depth = 0;
  return {kDefaultDecodeLimits, tight, small_frame, no_depth};
}

// Headers that cannot start a message (bodies after them are fine).
std::vector<std::pair<const char*, std::vector<uint8_t>>> bad_headers(Wire wire) {
  if (wire == Wire::Compact) {
    return {{"protocol_id", {0x83, 0x21, 0x09, 0x00, 0x00}},
            {"version", {0x82, 0x22, 0x09, 0x00, 0x00}},
            {"long_seqid", {0x82, 0x21, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00}},
            {"negative_name", {0x82, 0x21, 0x09, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00}},
            {"long_name", {0x82, 0x21, 0x09, 0xff, 0xff, 0xff, 0x3f, 'n', 0x00}}};
  }
  if (wire == Wire::BinaryOld) {
    return {{"long_name", {0x00, 0xff, 0xff, 0xff, 'n', 0x01, 0, 0, 0, 9, 0x00}},
            {"name_over_frame", {0x01, 0x00, 0x00, 0x00, 'n', 0x01, 0, 0, 0, 9, 0x00}}};
  }
  return {{"version", {0x80, 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 9, 0x00}},
          {"negative_name", {0x80, 0x01, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0x00}},
          {"long_name", {0x80, 0x01, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 'n', 0x00}}};
}

class MeasureResumes : public ::testing::TestWithParam<Wire> {};

// Hands `bytes` over one more byte at a time: every call must answer as the
// one-shot measure of the same bytes does. Returns the final answer.
std::string expect_same_byte_by_byte(ProtocolKind kind, std::span<const uint8_t> bytes,
                                     const DecodeLimits& limits, const char* name) {
  ExtentScan scan;
  std::string expected;
  for (std::size_t n = 0; n <= bytes.size(); ++n) {
    const auto prefix = bytes.first(n);
    expected = one_shot(kind, prefix, limits);
    EXPECT_EQ(resumed(kind, prefix, limits, scan), expected)
        << name << ", " << n << " of " << bytes.size() << " bytes, frame limit "
        << limits.max_frame_bytes << ", depth " << limits.max_depth;
    if (finished(expected)) break;
  }
  return expected;
}

bool is_error(const std::string& answer) { return answer.rfind("error", 0) == 0; }

TEST_P(MeasureResumes, ByteByByteAnswersAsTheOneShotMeasure) {
  const ProtocolKind kind = protocol_of(GetParam());
  int errors = 0;
  for (const Shape& shape : shapes()) {
    const std::vector<uint8_t> bytes = message(GetParam(), shape);
    for (const DecodeLimits& limits : limit_sets()) {
      errors += is_error(expect_same_byte_by_byte(kind, bytes, limits, shape.name));
    }
  }
  // The errors really are reached: every shape's under the zero depth limit
  // (16), the 7 shapes malformed in both protocols' under the three other
  // sets (21), 5 valid shapes' under the tight limits and 5 beyond 64 bytes'.
  EXPECT_GE(errors, kErrorsAtLeast);
}

TEST_P(MeasureResumes, MalformedHeadersAnswerAsTheOneShotMeasure) {
  const ProtocolKind kind = protocol_of(GetParam());
  for (const auto& [name, bytes] : bad_headers(GetParam())) {
    for (const DecodeLimits& limits : limit_sets()) {
      EXPECT_TRUE(is_error(expect_same_byte_by_byte(kind, bytes, limits, name))) << name;
    }
  }
}

// Two pieces, cut at every byte: the resume after the cut answers as the
// one-shot measure of the whole.
TEST_P(MeasureResumes, TwoPiecesCutAnywhereAnswerAsTheOneShotMeasure) {
  const ProtocolKind kind = protocol_of(GetParam());
  for (const Shape& shape : shapes()) {
    const std::vector<uint8_t> bytes = message(GetParam(), shape);
    for (const DecodeLimits& limits : limit_sets()) {
      const std::string whole = one_shot(kind, bytes, limits);
      for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        ExtentScan scan;
        const auto first = std::span(bytes).first(cut);
        const std::string expected = one_shot(kind, first, limits);
        ASSERT_EQ(resumed(kind, first, limits, scan), expected) << shape.name << " cut at " << cut;
        if (finished(expected)) continue;
        ASSERT_EQ(resumed(kind, bytes, limits, scan), whole) << shape.name << " cut at " << cut;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Wires, MeasureResumes,
                         ::testing::Values(Wire::BinaryStrict, Wire::BinaryOld, Wire::Compact),
                         [](const auto& info) {
                           switch (info.param) {
                             case Wire::BinaryStrict:
                               return std::string("binary_strict");
                             case Wire::BinaryOld:
                               return std::string("binary_old_header");
                             default:
                               return std::string("compact");
                           }
                         });

}  // namespace
