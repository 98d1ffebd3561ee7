// The text pieces of the JSON protocol (internal to the runtime library):
// string escaping, base64, numbers and type names, as libthrift 0.17's
// TJSONProtocol writes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <corothrift/buffer.h>
#include <corothrift/json_protocol.h>
#include <corothrift/types.h>

namespace corothrift::detail {

// Apache's contexts, shared by the writer and the reader: inside an object,
// values alternate between key (first, or after ',') and value (after ':');
// inside an array, ',' separates them.
struct JsonStep {
  JsonPlace next;
  char separator;  // written or expected before the value; 0 for none
  bool key;        // the value is an object key (numbers are quoted)
};

constexpr JsonStep json_step(JsonPlace place) noexcept {
  switch (place) {
    case JsonPlace::Top:
      return {JsonPlace::Top, 0, false};
    case JsonPlace::ListFirst:
    case JsonPlace::ListNext:
      return {JsonPlace::ListNext, place == JsonPlace::ListNext ? ',' : '\0', false};
    case JsonPlace::PairFirstKey:
      return {JsonPlace::PairValue, 0, true};
    case JsonPlace::PairValue:
      return {JsonPlace::PairKey, ':', false};
    case JsonPlace::PairKey:
      return {JsonPlace::PairValue, ',', true};
  }
  return {place, 0, false};
}

// Numbers longer than this are rejected (Apache writes at most 24 characters).
inline constexpr std::size_t kMaxJsonNumberChars = 64;

// Appends the bytes escaped as Apache does: '"', '\' and control characters
// (\b \t \n \f \r, else \u00xx with lowercase hex); every other byte as is.
void append_json_escaped(WriteBuffer& out, std::string_view text);

// Appends base64 (standard alphabet) without padding.
void append_base64(WriteBuffer& out, std::span<const uint8_t> bytes);

// Decodes base64 with or without padding ('=' at most twice, at the end);
// throws ProtocolError for any other character or an impossible length.
void decode_base64(std::string_view text, std::string& out);

// Appends v as %.17g does, or NaN / Infinity / -Infinity.
void append_double(WriteBuffer& out, double v, bool quoted);

// Apache's name of a type ("i32", "rec", ...); ProtocolError for a type
// without one.
std::string_view json_type_name(TType type);
// The type a name stands for; ProtocolError for an unknown name.
TType json_type_of(std::string_view name);

// Whether c can be part of a number as Apache reads them: [-+.0-9Ee].
inline bool is_json_number_char(uint8_t c) noexcept {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Parses the whole text as a number; ProtocolError when it is not one or
// (integers) lies outside [min, max].
int64_t parse_json_integer(std::string_view text, int64_t min, int64_t max);
double parse_json_double(std::string_view text);

// Appends the UTF-8 encoding of a code point below 0x110000.
void append_utf8(std::string& out, uint32_t code_point);

// A byte for an error message: itself when printable, else \xNN.
std::string printable_byte(uint8_t c);

}  // namespace corothrift::detail
