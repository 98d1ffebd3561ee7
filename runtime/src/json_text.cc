#include "json_text.h"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include <corothrift/exception.h>

namespace corothrift::detail {
namespace {

using Kind = ProtocolError::Kind;

constexpr char kBase64Chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kHex[] = "0123456789abcdef";

// 0: copied as is; 'u': \u00xx; any other: a backslash and that character.
constexpr std::array<char, 256> kEscapes = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}();

// 0-63 for a base64 character, 0xff for any other byte.
constexpr std::array<uint8_t, 256> kBase64Values = [] {
  std::array<uint8_t, 256> table{};
  table.fill(0xff);
  for (uint8_t i = 0; i < 64; ++i) table[static_cast<uint8_t>(kBase64Chars[i])] = i;
  return table;
}();

}  // namespace

void append_json_escaped(WriteBuffer& out, std::string_view text) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* end = p + text.size();
  while (p != end) {
    const uint8_t* run = p;
    while (p != end && kEscapes[*p] == 0) ++p;
    out.append(run, static_cast<std::size_t>(p - run));
    if (p == end) break;
    char escape = kEscapes[*p];
    if (escape == 'u') {
      uint8_t* q = out.extend(6);
      q[0] = '\\';
      q[1] = 'u';
      q[2] = '0';
      q[3] = '0';
      q[4] = static_cast<uint8_t>(kHex[*p >> 4]);
      q[5] = static_cast<uint8_t>(kHex[*p & 0x0f]);
    } else {
      uint8_t* q = out.extend(2);
      q[0] = '\\';
      q[1] = static_cast<uint8_t>(escape);
    }
    ++p;
  }
}

void append_base64(WriteBuffer& out, std::span<const uint8_t> bytes) {
  const std::size_t full = bytes.size() / 3;
  const std::size_t rest = bytes.size() % 3;
  uint8_t* q = out.extend(full * 4 + (rest == 0 ? 0 : rest + 1));
  const uint8_t* p = bytes.data();
  for (std::size_t i = 0; i < full; ++i, p += 3, q += 4) {
    uint32_t v = uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2];
    q[0] = static_cast<uint8_t>(kBase64Chars[v >> 18]);
    q[1] = static_cast<uint8_t>(kBase64Chars[(v >> 12) & 63]);
    q[2] = static_cast<uint8_t>(kBase64Chars[(v >> 6) & 63]);
    q[3] = static_cast<uint8_t>(kBase64Chars[v & 63]);
  }
  if (rest == 0) return;
  uint32_t v = uint32_t{p[0]} << 16 | (rest == 2 ? uint32_t{p[1]} << 8 : 0);
  q[0] = static_cast<uint8_t>(kBase64Chars[v >> 18]);
  q[1] = static_cast<uint8_t>(kBase64Chars[(v >> 12) & 63]);
  if (rest == 2) q[2] = static_cast<uint8_t>(kBase64Chars[(v >> 6) & 63]);
}

void decode_base64(std::string_view text, std::string& out) {
  std::size_t len = text.size();
  for (int pad = 0; pad < 2 && len > 0 && text[len - 1] == '='; ++pad) --len;
  if (len % 4 == 1) {
    throw ProtocolError(Kind::InvalidData,
                        fmt::format("invalid base64: {} characters cannot encode bytes", len));
  }
  out.resize(len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1));
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  auto* q = reinterpret_cast<uint8_t*>(out.data());
  uint32_t bits = 0;
  int held = 0;
  for (std::size_t i = 0; i < len; ++i) {
    uint8_t v = kBase64Values[p[i]];
    if (v == 0xff) {
      throw ProtocolError(Kind::InvalidData,
                          fmt::format("invalid base64 character '{}'", printable_byte(p[i])));
    }
    bits = bits << 6 | v;
    held += 6;
    if (held >= 8) {
      held -= 8;
      *q++ = static_cast<uint8_t>(bits >> held);
    }
  }
}

void append_double(WriteBuffer& out, double v, bool quoted) {
  if (!std::isfinite(v)) {
    std::string_view text = std::isnan(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    out.append(text.data(), text.size());
    return;
  }
  constexpr std::size_t kRoom = 32;  // %.17g takes at most 24, plus quotes
  auto* begin = reinterpret_cast<char*>(out.tail(kRoom));
  char* p = begin;
  if (quoted) *p++ = '"';
  p = std::to_chars(p, begin + kRoom - 1, v, std::chars_format::general, 17).ptr;
  if (quoted) *p++ = '"';
  out.advance(static_cast<std::size_t>(p - begin));
}

std::string_view json_type_name(TType type) {
  switch (type) {
    case TType::Bool:
      return "tf";
    case TType::Byte:
      return "i8";
    case TType::I16:
      return "i16";
    case TType::I32:
      return "i32";
    case TType::I64:
      return "i64";
    case TType::Double:
      return "dbl";
    case TType::String:
      return "str";
    case TType::Struct:
      return "rec";
    case TType::Map:
      return "map";
    case TType::Set:
      return "set";
    case TType::List:
      return "lst";
    case TType::Uuid:
      return "uid";
    default:
      throw ProtocolError(Kind::InvalidData,
                          fmt::format("type {} has no JSON name", static_cast<int>(type)));
  }
}

TType json_type_of(std::string_view name) {
  for (TType type :
       {TType::Bool, TType::Byte, TType::I16, TType::I32, TType::I64, TType::Double, TType::String,
        TType::Struct, TType::Map, TType::Set, TType::List, TType::Uuid}) {
    if (json_type_name(type) == name) return type;
  }
  throw ProtocolError(Kind::InvalidData, fmt::format("unknown JSON type name \"{}\"", name));
}

int64_t parse_json_integer(std::string_view text, int64_t min, int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  const bool whole = !text.empty() && end == text.data() + text.size();
  if (whole && ec == std::errc() && v >= min && v <= max) return v;
  if (whole && (ec == std::errc() || ec == std::errc::result_out_of_range)) {
    throw ProtocolError(Kind::InvalidData,
                        fmt::format("integer {} outside [{}, {}]", text, min, max));
  }
  throw ProtocolError(Kind::InvalidData, fmt::format("expected an integer, found \"{}\"", text));
}

double parse_json_double(std::string_view text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  // Out of range (1e400, 1e-400) is an error too: Apache writes no such text.
  if (ec == std::errc() && end == text.data() + text.size()) return v;
  throw ProtocolError(Kind::InvalidData, fmt::format("expected a number, found \"{}\"", text));
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xc0 | c >> 6));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | c >> 12));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | c >> 18));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
  }
}

std::string printable_byte(uint8_t c) {
  if (c >= 0x20 && c < 0x7f) return std::string(1, static_cast<char>(c));
  return fmt::format("\\x{:02x}", c);
}

}  // namespace corothrift::detail
