// Bounds every decoder enforces before it allocates (design.md "Limits").
//
// Every length and element count is checked against these limits and against
// the bytes actually present (count * the element's smallest wire size), so
// no claim in the input allocates more than the input could fill. A decoded
// value may still be larger in memory than on the wire (an empty string is 1
// compact byte but a 32-byte std::string); containers allocate at most about
// 1 MiB ahead of the elements actually decoded.
#pragma once

#include <cstddef>
#include <cstdint>

namespace corothrift {

struct DecodeLimits {
  // Largest message (frame) accepted; also bounds measure_message.
  std::size_t max_frame_bytes = 16 * 1024 * 1024;
  // Largest single string or binary value.
  std::size_t max_string_bytes = 16 * 1024 * 1024;
  // Most elements in one list, set or map.
  std::size_t max_container_elements = 16 * 1024 * 1024;
  // Deepest nesting of structs and containers.
  int max_depth = 64;

  friend bool operator==(const DecodeLimits&, const DecodeLimits&) = default;
};

inline constexpr DecodeLimits kDefaultDecodeLimits{};

}  // namespace corothrift
