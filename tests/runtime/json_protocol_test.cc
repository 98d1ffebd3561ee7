// JsonReader's strictness: each malformed input fails with ProtocolError of
// the right kind and a message that says what was wrong; limits hold before
// anything is allocated. (Agreement with Apache's bytes is in
// apache_json_bytes_test.cc.)
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <corothrift/codec.h>
#include <corothrift/message.h>
#include <corothrift/protocol.h>

namespace {

using namespace corothrift;
using Kind = ProtocolError::Kind;
namespace tag = corothrift::tag;

struct Failure {
  Kind kind;
  std::string what;
};

// Runs f on a reader over text; returns how it failed (InvalidData, "" if not).
template <class F>
Failure failure_of(std::string_view text, F&& f,
                   const DecodeLimits& limits = kDefaultDecodeLimits) {
  ReadBuffer in(text);
  JsonReader r(in, limits);
  try {
    f(r);
  } catch (const ProtocolError& e) {
    return {e.kind(), e.what()};
  }
  ADD_FAILURE() << "no error for " << text;
  return {Kind::InvalidData, ""};
}

void expect_invalid(std::string_view text, auto&& f, std::string_view message) {
  Failure failure = failure_of(text, f);
  EXPECT_EQ(failure.kind, Kind::InvalidData) << text;
  EXPECT_NE(failure.what.find(message), std::string::npos) << text << ": " << failure.what;
}

auto read_string = [](JsonReader& r) {
  std::string s;
  r.read_string(s);
};
auto read_binary = [](JsonReader& r) {
  std::string s;
  r.read_binary(s);
};

TEST(JsonReader, bad_escapes_are_rejected) {
  expect_invalid(R"("a\x")", read_string, "invalid escape '\\x'");
  expect_invalid(R"("a\u12g4")", read_string, "invalid hex digit 'g'");
  expect_invalid(R"("\udc00")", read_string, "low surrogate");
  expect_invalid(R"("\ud800x")", read_string, "high surrogate \\u escape without a low one");
  expect_invalid(R"("\ud800\u0041")", read_string, "without a low one");
  expect_invalid(R"("\ud800\n")", read_string, "without a low one");
}

TEST(JsonReader, an_unterminated_string_is_truncated) {
  EXPECT_EQ(failure_of(R"("abc)", read_string).kind, Kind::Truncated);
  EXPECT_EQ(failure_of(R"("abc\)", read_string).kind, Kind::Truncated);
  EXPECT_EQ(failure_of(R"("\u00)", read_string).kind, Kind::Truncated);
}

TEST(JsonReader, unbalanced_brackets_are_rejected) {
  auto read_struct = [](JsonReader& r) { r.skip(TType::Struct); };
  expect_invalid(R"({"1":{"i32":5]})", read_struct, "expected '}'");
  expect_invalid(R"(["i32",1,5})", [](JsonReader& r) { r.skip(TType::List); }, "expected ']'");
  auto measure = [](std::string_view text) {
    try {
      measure_message(ProtocolKind::Json,
                      std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    } catch (const ProtocolError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(measure(R"([1,"a",1,0,{]])"), "unbalanced ']' at byte 12");
  EXPECT_EQ(measure(R"([1,"a",1,0,{}}])"), "unbalanced '}' at byte 13");
  EXPECT_EQ(measure(R"({"1":2})"), "a JSON message starts with '[', not '{'");
  // Brackets inside strings, escaped quotes included, do not count.
  std::string_view tricky = R"([1,"a]\"}",1,0,{"1":{"str":"[{\\"}}])";
  EXPECT_EQ(
      measure_message(ProtocolKind::Json,
                      std::span(reinterpret_cast<const uint8_t*>(tricky.data()), tricky.size())),
      tricky.size());
  EXPECT_EQ(measure_message(ProtocolKind::Json,
                            std::span(reinterpret_cast<const uint8_t*>(tricky.data()), 20)),
            std::nullopt);
}

TEST(JsonReader, numbers_out_of_range_or_too_long_are_rejected) {
  expect_invalid(
      "2147483648,", [](JsonReader& r) { r.read_i32(); }, "outside");
  expect_invalid(
      "-129,", [](JsonReader& r) { r.read_byte(); }, "outside");
  expect_invalid(
      "32768,", [](JsonReader& r) { r.read_i16(); }, "outside");
  expect_invalid(
      "99999999999999999999,", [](JsonReader& r) { r.read_i64(); }, "outside");
  expect_invalid(
      std::string(65, '1') + ",", [](JsonReader& r) { r.read_i64(); }, "longer than 64");
  expect_invalid(
      "1" + std::string(64, '0') + "]", [](JsonReader& r) { r.read_double(); }, "longer than 64");
  expect_invalid(
      "1.5,", [](JsonReader& r) { r.read_i32(); }, "expected an integer");
  expect_invalid(
      "--1,", [](JsonReader& r) { r.read_i32(); }, "expected an integer");
  expect_invalid(
      "1e5e,", [](JsonReader& r) { r.read_double(); }, "expected a number");
  expect_invalid(
      "2,", [](JsonReader& r) { r.read_bool(); }, "outside [0, 1]");
  // Apache C++ quotes NaN and the infinities; only Apache Python's bare
  // spelling (nan, inf, -inf) is read unquoted.
  expect_invalid(
      "NaN,", [](JsonReader& r) { r.read_double(); }, "expected a number");
  expect_invalid(
      "Infinity,", [](JsonReader& r) { r.read_double(); }, "expected a number");
  expect_invalid(R"("1.5")", [](JsonReader& r) { r.read_double(); }, "unexpectedly quoted");
  expect_invalid(R"("7")", [](JsonReader& r) { r.read_i32(); }, "expected an integer");
  expect_invalid(
      " 7,", [](JsonReader& r) { r.read_i32(); }, "expected an integer");
}

TEST(JsonReader, object_keys_must_be_quoted_numbers) {
  expect_invalid(R"({1:{"i32":5}})", [](JsonReader& r) { r.skip(TType::Struct); },
                 "expected '\"' at byte 1, found '1'");
  expect_invalid(R"(["i32","tf",1,{5:1}])", [](JsonReader& r) { r.skip(TType::Map); },
                 "expected '\"'");
}

TEST(JsonReader, invalid_base64_is_rejected) {
  expect_invalid(R"("A")", read_binary, "1 characters cannot encode bytes");
  expect_invalid(R"("AQIDB")", read_binary, "cannot encode bytes");
  expect_invalid(R"("AB*D")", read_binary, "invalid base64 character '*'");
  expect_invalid(R"("A===")", read_binary, "invalid base64 character '='");
  expect_invalid(R"("AQ=x")", read_binary, "invalid base64 character '='");
}

TEST(JsonReader, unknown_type_names_and_wrong_types_are_rejected) {
  expect_invalid(R"({"1":{"int":5}})", [](JsonReader& r) { r.skip(TType::Struct); },
                 "unknown JSON type name \"int\"");
  expect_invalid(R"(["i3",0])", [](JsonReader& r) { r.skip(TType::List); }, "unknown JSON type");
  expect_invalid(R"(["i32",1,"x"])", [](JsonReader& r) { r.skip(TType::List); },
                 "expected an integer");
  std::vector<std::string> strings;
  expect_invalid(R"(["i32",1,5])",
                 [&](JsonReader& r) { read_value<tag::list<tag::string>>(r, strings); },
                 "container elements are i32, expected string");
  expect_invalid(R"("not-a-uuid")", [](JsonReader& r) { r.read_uuid(); }, "invalid uuid");
}

TEST(JsonReader, a_bad_message_header_is_rejected) {
  auto header = [](JsonReader& r) { r.read_message_begin(); };
  Failure version = failure_of(R"([2,"a",1,0,{}])", header);
  EXPECT_EQ(version.kind, Kind::BadVersion);
  expect_invalid(R"([1,"a",1,0{}])", header, "expected ','");
  expect_invalid(R"([1,"a",256,0,{}])", header, "outside [0, 255]");
  expect_invalid(R"([1,"a\"b",1,0,{}])", [](JsonReader& r) { r.read_message_begin_view(); },
                 "escaped characters in a message name");
  ReadBuffer in(std::string_view(R"([1,"a\"b",1,0,{}])"));
  JsonReader r(in);
  EXPECT_EQ(r.read_message_begin().name, "a\"b");
}

TEST(JsonReader, limits_hold_before_allocating) {
  DecodeLimits small;
  small.max_string_bytes = 3;
  small.max_container_elements = 2;
  small.max_depth = 3;
  EXPECT_EQ(failure_of(R"("abcd")", read_string, small).kind, Kind::SizeLimit);
  EXPECT_EQ(failure_of(R"(["i8",3,1,2,3])", [](JsonReader& r) { r.skip(TType::List); }, small).kind,
            Kind::SizeLimit);
  // A size that the bytes left cannot hold.
  EXPECT_EQ(failure_of(R"(["i8",1000,1])", [](JsonReader& r) { r.skip(TType::List); }).kind,
            Kind::Truncated);
  EXPECT_EQ(failure_of(R"(["lst",1,["lst",1,["lst",1,["i8",0]]]])",
                       [](JsonReader& r) { r.skip(TType::List); }, small)
                .kind,
            Kind::DepthLimit);
  std::string deep(200, '[');
  try {
    measure_message(ProtocolKind::Json,
                    std::span(reinterpret_cast<const uint8_t*>(deep.data()), deep.size()), small);
    ADD_FAILURE() << "measured nesting beyond the depth limit";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.kind(), Kind::DepthLimit);
  }
}

TEST(JsonReader, reads_the_bare_nan_and_infinities_apache_python_writes) {
  ReadBuffer in(std::string_view(R"(["dbl",3,nan,inf,-inf])"));
  JsonReader r(in);
  EXPECT_EQ(r.read_list_begin().size, 3u);
  EXPECT_TRUE(std::isnan(r.read_double()));
  EXPECT_EQ(r.read_double(), HUGE_VAL);
  EXPECT_EQ(r.read_double(), -HUGE_VAL);
  r.read_list_end();
  EXPECT_TRUE(in.at_end());
}

TEST(JsonReader, accepts_raw_control_bytes_and_utf8_in_strings_as_apache_does) {
  std::string s;
  ReadBuffer in(std::string_view("\"a\x01\x1f\xc3\xa9\""));
  JsonReader(in).read_string(s);
  EXPECT_EQ(s, "a\x01\x1f\xc3\xa9");
}

TEST(JsonWriter, uuid_and_nesting_beyond_the_inline_stack_round_trip) {
  WriteBuffer out;
  JsonWriter w(out);
  constexpr int kDepth = 100;
  for (int i = 0; i < kDepth; ++i) w.write_list_begin(TType::List, 1);
  w.write_list_begin(TType::Uuid, 1);
  Uuid id = *Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  w.write_uuid(id);
  w.write_list_end();
  for (int i = 0; i < kDepth; ++i) w.write_list_end();
  EXPECT_EQ(out.view().substr(kDepth * 9),
            R"(["uid",1,"00112233-4455-6677-8899-aabbccddeeff"])" + std::string(kDepth, ']'));
  DecodeLimits deep;
  deep.max_depth = kDepth + 1;
  ReadBuffer in(out.view());
  JsonReader r(in, deep);
  for (int i = 0; i < kDepth; ++i) EXPECT_EQ(r.read_list_begin().elem, TType::List);
  EXPECT_EQ(r.read_list_begin().elem, TType::Uuid);
  EXPECT_EQ(r.read_uuid(), id);
  for (int i = 0; i <= kDepth; ++i) r.read_list_end();
  EXPECT_TRUE(in.at_end());
}

}  // namespace
