#include "json_extent.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include <corothrift/exception.h>

#include "json_text.h"

namespace corothrift::detail {
namespace {

using Kind = ProtocolError::Kind;

// A struct nests two levels (its object, each field's object), a map two
// (array, object), the message one.
std::size_t max_nesting(const DecodeLimits& limits) {
  return 2 * static_cast<std::size_t>(std::max(limits.max_depth, 0)) + 2;
}

}  // namespace

MessageExtent measure_json_message(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  std::span<const uint8_t> window = bytes.first(std::min(bytes.size(), limits.max_frame_bytes));
  if (window.empty()) return {0, 1};
  if (window[0] != '[') {
    throw ProtocolError(Kind::InvalidData, fmt::format("a JSON message starts with '[', not '{}'",
                                                       printable_byte(window[0])));
  }
  std::string closers;  // the closing brackets still expected, innermost last
  bool in_string = false;
  for (std::size_t i = 0; i < window.size(); ++i) {
    const uint8_t c = window[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        closers.push_back(c == '[' ? ']' : '}');
        if (closers.size() > max_nesting(limits)) {
          throw ProtocolError(Kind::DepthLimit,
                              fmt::format("JSON nested deeper than {}", max_nesting(limits)));
        }
        break;
      case ']':
      case '}':
        if (closers.empty() || closers.back() != static_cast<char>(c)) {
          throw ProtocolError(Kind::InvalidData,
                              fmt::format("unbalanced '{}' at byte {}", static_cast<char>(c), i));
        }
        closers.pop_back();
        if (closers.empty()) return {i + 1, 0};
        break;
      default:
        break;
    }
  }
  if (bytes.size() >= limits.max_frame_bytes) {
    throw ProtocolError(
        Kind::SizeLimit,
        fmt::format("no message completes within the {}-byte frame limit", limits.max_frame_bytes));
  }
  return {0, window.size() + 1};
}

}  // namespace corothrift::detail
