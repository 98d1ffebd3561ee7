#include "json_extent.h"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include <corothrift/exception.h>

#include "json_text.h"
#include "message_extent.h"

namespace corothrift::detail {
namespace {

using Kind = ProtocolError::Kind;

// A struct nests two levels (its object, each field's object), a map two
// (array, object), the message one.
std::size_t max_nesting(const DecodeLimits& limits) {
  return 2 * static_cast<std::size_t>(std::max(limits.max_depth, 0)) + 2;
}

// Examines window[scan.scanned, end); the message's size once its last
// bracket closes, 0 before.
std::size_t scan_brackets(std::span<const uint8_t> window, const DecodeLimits& limits,
                          JsonScan& scan) {
  std::size_t i = scan.scanned;
  const std::size_t start = i;
  for (; i < window.size(); ++i) {
    const uint8_t c = window[i];
    if (scan.in_string) {
      if (scan.escaped) {
        scan.escaped = false;  // the escaped character cannot end the string
      } else if (c == '\\') {
        scan.escaped = true;
      } else if (c == '"') {
        scan.in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        scan.in_string = true;
        break;
      case '[':
      case '{':
        scan.closers.push_back(c == '[' ? ']' : '}');
        if (scan.closers.size() > max_nesting(limits)) {
          throw ProtocolError(Kind::DepthLimit,
                              fmt::format("JSON nested deeper than {}", max_nesting(limits)));
        }
        break;
      case ']':
      case '}':
        if (scan.closers.empty() || scan.closers.back() != static_cast<char>(c)) {
          throw ProtocolError(Kind::InvalidData,
                              fmt::format("unbalanced '{}' at byte {}", static_cast<char>(c), i));
        }
        scan.closers.pop_back();
        if (scan.closers.empty()) {
          scan.examined += i + 1 - start;
          return i + 1;
        }
        break;
      default:
        break;
    }
  }
  scan.examined += i - start;
  scan.scanned = i;
  return 0;
}

void restart(JsonScan& scan) noexcept {
  scan.scanned = 0;
  scan.closers.clear();
  scan.in_string = false;
  scan.escaped = false;
}

}  // namespace

MessageExtent measure_json_message(std::span<const uint8_t> bytes, const DecodeLimits& limits,
                                   JsonScan& scan) {
  std::span<const uint8_t> window = bytes.first(std::min(bytes.size(), limits.max_frame_bytes));
  if (window.empty()) return {0, 1};
  if (window[0] != '[') {
    throw ProtocolError(Kind::InvalidData, fmt::format("a JSON message starts with '[', not '{}'",
                                                       printable_byte(window[0])));
  }
  // Fewer bytes than last time: not the same message (never so from a
  // connection; a caller's mistake must not skip bytes unexamined).
  if (scan.scanned > window.size()) restart(scan);
  std::size_t size = 0;
  try {
    size = scan_brackets(window, limits, scan);
  } catch (...) {
    restart(scan);
    throw;
  }
  if (size != 0) {
    restart(scan);
    return {size, 0};
  }
  if (bytes.size() >= limits.max_frame_bytes) restart(scan);
  return incomplete_extent(window.size(), bytes.size(), 1, limits);
}

MessageExtent measure_json_message(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  JsonScan scan;
  return measure_json_message(bytes, limits, scan);
}

}  // namespace corothrift::detail
