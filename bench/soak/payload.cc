#include "soak/payload.h"

#include <string>

namespace soak {
namespace {

uint8_t byte_at(int64_t token, std::size_t i) noexcept {
  uint64_t word = mix(static_cast<uint64_t>(token) + i / 8);
  return static_cast<uint8_t>(word >> (8 * (i % 8)));
}

}  // namespace

corothrift::Binary payload_for(int64_t token, std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(byte_at(token, i));
  return corothrift::Binary(std::move(bytes));
}

bool payload_matches(int64_t token, const corothrift::Binary& payload) noexcept {
  const uint8_t* data = payload.data();
  for (std::size_t i = 0; i < payload.size(); ++i) {
    if (data[i] != byte_at(token, i)) return false;
  }
  return true;
}

}  // namespace soak
