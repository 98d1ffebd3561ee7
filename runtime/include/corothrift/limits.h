// Bounds every decoder enforces before it allocates (design.md "Limits").
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
