// Checks shared by the readers (internal to the runtime library).
#pragma once

#include <cstddef>
#include <cstdint>

#include <corothrift/limits.h>
#include <corothrift/types.h>

namespace corothrift::detail {

// A container header: size must be non-negative, within the element limit,
// and the bytes left must hold size elements of at least min_elem_bytes each.
void check_container(int64_t size, std::size_t min_elem_bytes, std::size_t remaining,
                     const DecodeLimits& limits);
// An element type must be a value type when the container is not empty.
void check_value_type(TType type, int64_t size);

[[noreturn]] void throw_depth_exceeded(int max_depth);
[[noreturn]] void throw_bad_length(int64_t size, std::size_t remaining, const DecodeLimits& limits);
[[noreturn]] void throw_cannot_skip(TType type);

}  // namespace corothrift::detail
