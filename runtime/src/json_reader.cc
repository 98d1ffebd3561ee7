#include <corothrift/json_protocol.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "decode_checks.h"
#include "json_text.h"

namespace corothrift {

using detail::JsonPlace;
using Kind = ProtocolError::Kind;

namespace {

// The smallest JSON a list element or map entry takes, separators aside:
// what container sizes are checked against (see check_container).
constexpr std::size_t kMinElementBytes = 1;
constexpr std::size_t kMinEntryBytes = 3;  // "k":v

uint32_t hex_value(uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw ProtocolError(Kind::InvalidData, fmt::format("invalid hex digit '{}' in a \\u escape",
                                                     detail::printable_byte(c)));
}

uint32_t read_hex4(ReadBuffer& in) {
  const uint8_t* p = in.take(4);
  return hex_value(p[0]) << 12 | hex_value(p[1]) << 8 | hex_value(p[2]) << 4 | hex_value(p[3]);
}

// The code point of a \u escape whose 'u' was just read, taking the second
// half of a surrogate pair too.
uint32_t read_code_point(ReadBuffer& in) {
  uint32_t unit = read_hex4(in);
  if (unit >= 0xdc00 && unit <= 0xdfff) {
    throw_protocol_error(Kind::InvalidData, "low surrogate \\u escape without a high one");
  }
  if (unit < 0xd800 || unit > 0xdbff) return unit;
  const uint8_t* next = in.take(2);
  if (next[0] != '\\' || next[1] != 'u') {
    throw_protocol_error(Kind::InvalidData, "high surrogate \\u escape without a low one");
  }
  uint32_t low = read_hex4(in);
  if (low < 0xdc00 || low > 0xdfff) {
    throw_protocol_error(Kind::InvalidData, "high surrogate \\u escape without a low one");
  }
  return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
}

// Appends what one escape (its backslash just read) stands for.
void read_escape(ReadBuffer& in, std::string& v) {
  uint8_t c = in.take_byte();
  switch (c) {
    case '"':
    case '\\':
    case '/':
      v.push_back(static_cast<char>(c));
      return;
    case 'b':
      v.push_back('\b');
      return;
    case 'f':
      v.push_back('\f');
      return;
    case 'n':
      v.push_back('\n');
      return;
    case 'r':
      v.push_back('\r');
      return;
    case 't':
      v.push_back('\t');
      return;
    case 'u':
      detail::append_utf8(v, read_code_point(in));
      return;
    default:
      throw ProtocolError(Kind::InvalidData,
                          fmt::format("invalid escape '\\{}'", detail::printable_byte(c)));
  }
}

// The length of the run of bytes from p that ends at '"' or '\' (or the end).
std::size_t plain_run(const uint8_t* p, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n && p[i] != '"' && p[i] != '\\') ++i;
  return i;
}

}  // namespace

bool JsonReader::separate() {
  const detail::JsonStep step = detail::json_step(place_);
  place_ = step.next;
  if (step.separator != 0) expect(step.separator);
  return step.key;
}

void JsonReader::expect(char c) {
  const std::size_t at = in_->position();
  uint8_t got = in_->take_byte();
  if (got != static_cast<uint8_t>(c)) {
    throw ProtocolError(Kind::InvalidData, fmt::format("expected '{}' at byte {}, found '{}'", c,
                                                       at, detail::printable_byte(got)));
  }
}

void JsonReader::open(char bracket, JsonPlace first) {
  separate();
  expect(bracket);
  stack_.push(place_);
  place_ = first;
}

void JsonReader::close(char bracket) {
  expect(bracket);
  place_ = stack_.pop();
}

void JsonReader::enter() {
  if (++depth_ > limits_.max_depth) detail::throw_depth_exceeded(limits_.max_depth);
}

// The characters of a number, which must end before the input does.
std::string_view JsonReader::take_number() {
  const uint8_t* p = in_->current();
  const std::size_t available = std::min(in_->remaining(), detail::kMaxJsonNumberChars + 1);
  std::size_t n = 0;
  while (n < available && detail::is_json_number_char(p[n])) ++n;
  if (n > detail::kMaxJsonNumberChars) {
    throw_protocol_error(Kind::InvalidData, "number longer than 64 characters");
  }
  if (n == in_->remaining()) throw_truncated(n + 1, n);  // it may go on
  in_->skip(n);
  return {reinterpret_cast<const char*>(p), n};
}

int64_t JsonReader::read_integer(int64_t min, int64_t max) {
  const bool quoted = separate();
  if (quoted) expect('"');
  int64_t v = detail::parse_json_integer(take_number(), min, max);
  if (quoted) expect('"');
  return v;
}

bool JsonReader::read_bool() { return read_integer(0, 1) != 0; }
int8_t JsonReader::read_byte() { return static_cast<int8_t>(read_integer(INT8_MIN, INT8_MAX)); }
int16_t JsonReader::read_i16() { return static_cast<int16_t>(read_integer(INT16_MIN, INT16_MAX)); }
int32_t JsonReader::read_i32() { return static_cast<int32_t>(read_integer(INT32_MIN, INT32_MAX)); }
int64_t JsonReader::read_i64() { return read_integer(INT64_MIN, INT64_MAX); }

namespace {

// Apache Python writes NaN and the infinities bare, as Python formats them
// (nan, inf, -inf), which Apache's readers reject; accepting them lets a
// Python peer's doubles through.
std::optional<double> read_python_special(ReadBuffer& in) {
  std::string_view rest(reinterpret_cast<const char*>(in.current()),
                        std::min<std::size_t>(in.remaining(), 4));
  for (auto [text, value] : {std::pair{std::string_view("nan"), std::nan("")},
                             std::pair{std::string_view("inf"), HUGE_VAL},
                             std::pair{std::string_view("-inf"), -HUGE_VAL}}) {
    if (rest.starts_with(text)) {
      in.skip(text.size());
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace

// NaN and the infinities are quoted (Apache C++ and Java) or bare (Apache
// Python); other numbers are quoted only as keys.
double JsonReader::read_double() {
  const bool key = separate();
  if (in_->remaining() > 0 && *in_->current() == '"') {
    read_string_body(scratch_);
    if (scratch_ == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (scratch_ == "Infinity") return std::numeric_limits<double>::infinity();
    if (scratch_ == "-Infinity") return -std::numeric_limits<double>::infinity();
    if (!key) {
      throw ProtocolError(Kind::InvalidData, fmt::format("number unexpectedly quoted: \"{}\"",
                                                         scratch_.substr(0, 64)));
    }
    if (scratch_.size() > detail::kMaxJsonNumberChars) {
      throw_protocol_error(Kind::InvalidData, "number longer than 64 characters");
    }
    return detail::parse_json_double(scratch_);
  }
  if (key) expect('"');
  if (std::optional<double> special = read_python_special(*in_)) return *special;
  return detail::parse_json_double(take_number());
}

void JsonReader::read_string_body(std::string& v) {
  expect('"');
  std::size_t run = plain_run(in_->current(), in_->remaining());
  if (run < in_->remaining() && in_->current()[run] == '"') {
    detail::assign_bytes(v, in_->take(run), run);
    in_->skip(1);
  } else {
    v.clear();
    for (;;) {
      run = plain_run(in_->current(), in_->remaining());
      v.append(reinterpret_cast<const char*>(in_->take(run)), run);
      if (in_->take_byte() == '"') break;
      read_escape(*in_, v);
    }
  }
  if (v.size() > limits_.max_string_bytes) {
    detail::throw_bad_length(static_cast<int64_t>(v.size()), in_->remaining(), limits_);
  }
}

void JsonReader::read_string(std::string& v) {
  separate();
  read_string_body(v);
}

void JsonReader::read_binary(std::string& v) {
  separate();
  read_string_body(scratch_);
  detail::decode_base64(scratch_, v);
}

void JsonReader::read_binary(Binary& v) {
  std::string bytes;
  read_binary(bytes);
  v = Binary(std::move(bytes));
}

Uuid JsonReader::read_uuid() {
  separate();
  read_string_body(scratch_);
  std::optional<Uuid> v = Uuid::parse(scratch_);
  if (!v) {
    throw ProtocolError(Kind::InvalidData,
                        fmt::format("invalid uuid \"{}\"", scratch_.substr(0, 64)));
  }
  return *v;
}

std::string_view JsonReader::read_plain_string() {
  separate();
  expect('"');
  std::size_t run = plain_run(in_->current(), in_->remaining());
  if (run == in_->remaining()) throw_truncated(run + 1, run);
  if (in_->current()[run] == '\\') {
    throw_protocol_error(Kind::InvalidData, "escaped characters in a message name");
  }
  std::string_view text(reinterpret_cast<const char*>(in_->take(run)), run);
  in_->skip(1);
  return text;
}

TType JsonReader::read_type_name() {
  std::string_view name = read_plain_string();
  return detail::json_type_of(name.substr(0, 8));
}

void JsonReader::read_version() {
  begin_array();
  if (read_integer(INT64_MIN, INT64_MAX) != 1) {
    throw_protocol_error(Kind::BadVersion, "bad JSON protocol version");
  }
}

void JsonReader::read_type_and_seqid(MessageType& type, int32_t& seqid) {
  type = static_cast<MessageType>(read_integer(0, 255));
  seqid = static_cast<int32_t>(read_integer(INT32_MIN, INT32_MAX));
  // The body's separator belongs to the header (see JsonWriter).
  expect(',');
  place_ = JsonPlace::ListFirst;
}

MessageHeader JsonReader::read_message_begin() {
  MessageHeader header;
  read_version();
  read_string(header.name);
  read_type_and_seqid(header.type, header.seqid);
  return header;
}

JsonReader::HeaderView JsonReader::read_message_begin_view() {
  HeaderView header;
  read_version();
  header.name = read_plain_string();
  read_type_and_seqid(header.type, header.seqid);
  return header;
}

// A reader that started at the body (after the header) is not inside the
// message's array.
void JsonReader::read_message_end() {
  expect(']');
  if (stack_.size() > 0) place_ = stack_.pop();
}

void JsonReader::read_struct_begin() {
  enter();
  begin_object();
}

void JsonReader::read_struct_end() {
  end_object();
  leave();
}

FieldHeader JsonReader::read_field_begin() {
  if (in_->remaining() == 0) throw_truncated(1, 0);
  if (*in_->current() == '}') return {};
  auto id = static_cast<int16_t>(read_integer(INT16_MIN, INT16_MAX));
  begin_object();
  return {read_type_name(), id};
}

void JsonReader::read_field_end() { end_object(); }

MapHeader JsonReader::read_map_begin() {
  begin_array();
  MapHeader header;
  header.key = read_type_name();
  header.value = read_type_name();
  int64_t size = read_integer(0, INT32_MAX);
  detail::check_container(size, kMinEntryBytes, in_->remaining(), limits_);
  header.size = static_cast<uint32_t>(size);
  begin_object();
  enter();
  return header;
}

void JsonReader::read_map_end() {
  end_object();
  end_array();
  leave();
}

ListHeader JsonReader::read_list_begin() {
  begin_array();
  ListHeader header;
  header.elem = read_type_name();
  int64_t size = read_integer(0, INT32_MAX);
  detail::check_container(size, kMinElementBytes, in_->remaining(), limits_);
  header.size = static_cast<uint32_t>(size);
  enter();
  return header;
}

void JsonReader::read_list_end() {
  end_array();
  leave();
}

void JsonReader::skip(TType type) {
  switch (type) {
    case TType::Bool:
    case TType::Byte:
    case TType::I16:
    case TType::I32:
    case TType::I64:
      read_integer(INT64_MIN, INT64_MAX);
      return;
    case TType::Double:
      read_double();
      return;
    case TType::String:
      read_string(scratch_);
      return;
    case TType::Uuid:
      read_uuid();
      return;
    case TType::Struct:
      read_struct_begin();
      for (FieldHeader f = read_field_begin(); f.type != TType::Stop; f = read_field_begin()) {
        skip(f.type);
        read_field_end();
      }
      read_struct_end();
      return;
    case TType::Map: {
      MapHeader h = read_map_begin();
      for (uint32_t i = 0; i < h.size; ++i) {
        skip(h.key);
        skip(h.value);
      }
      read_map_end();
      return;
    }
    case TType::Set:
    case TType::List: {
      ListHeader h = read_list_begin();
      for (uint32_t i = 0; i < h.size; ++i) skip(h.elem);
      read_list_end();
      return;
    }
    default:
      detail::throw_cannot_skip(type);
  }
}

}  // namespace corothrift
