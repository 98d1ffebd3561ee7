#include "decode_checks.h"

#include <fmt/format.h>

#include <corothrift/exception.h>

namespace corothrift::detail {

using Kind = ProtocolError::Kind;

void check_container(int64_t size, std::size_t min_elem_bytes, std::size_t remaining,
                     const DecodeLimits& limits) {
  if (size < 0)
    throw ProtocolError(Kind::NegativeSize, fmt::format("negative container size {}", size));
  auto count = static_cast<uint64_t>(size);
  if (count > limits.max_container_elements) {
    throw ProtocolError(Kind::SizeLimit,
                        fmt::format("container of {} elements exceeds the limit of {}", count,
                                    limits.max_container_elements));
  }
  // count < 2^31 and min_elem_bytes <= 32, so the product cannot overflow.
  if (count * min_elem_bytes > remaining) throw_truncated(count * min_elem_bytes, remaining);
}

void check_value_type(TType type, int64_t size) {
  if (size != 0 && !is_value_type(type)) {
    throw ProtocolError(Kind::InvalidData,
                        fmt::format("invalid container element type {}", static_cast<int>(type)));
  }
}

void throw_depth_exceeded(int max_depth) {
  throw ProtocolError(Kind::DepthLimit, fmt::format("nesting deeper than {}", max_depth));
}

void throw_bad_length(int64_t size, std::size_t remaining, const DecodeLimits& limits) {
  if (size < 0) throw ProtocolError(Kind::NegativeSize, fmt::format("negative length {}", size));
  if (static_cast<uint64_t>(size) > limits.max_string_bytes) {
    throw ProtocolError(Kind::SizeLimit, fmt::format("string of {} bytes exceeds the limit of {}",
                                                     size, limits.max_string_bytes));
  }
  throw_truncated(static_cast<std::size_t>(size), remaining);
}

void throw_cannot_skip(TType type) {
  throw ProtocolError(Kind::InvalidData,
                      fmt::format("cannot skip a value of type {}", static_cast<int>(type)));
}

}  // namespace corothrift::detail
