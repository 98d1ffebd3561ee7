// The bytes a soak call carries: a pure function of its token, so the server
// can check a request and the client a reply without keeping a copy.
#pragma once

#include <corothrift/types.h>

#include <cstddef>
#include <cstdint>

namespace soak {

// splitmix64's finaliser: every input bit moves every output bit.
constexpr uint64_t mix(uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// `size` bytes for `token`.
corothrift::Binary payload_for(int64_t token, std::size_t size);
// True when `payload` is payload_for(token, payload.size()).
bool payload_matches(int64_t token, const corothrift::Binary& payload) noexcept;

}  // namespace soak
