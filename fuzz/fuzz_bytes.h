// How a fuzz target reads its input when the input is more than one byte
// string: a few choice bytes (which decoder, which limits, how the stream is
// cut) and length-prefixed records (one message each), so that libFuzzer's
// byte mutations change one message's contents without breaking the framing
// of the rest. Every read succeeds: past the end, choices are 0 and records
// empty, so each input means something.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace corothrift::fuzz {

class FuzzBytes {
 public:
  FuzzBytes(const uint8_t* data, std::size_t size) noexcept : rest_(data, size) {}

  bool empty() const noexcept { return rest_.empty(); }
  std::span<const uint8_t> rest() const noexcept { return rest_; }

  uint8_t choice() noexcept {
    if (rest_.empty()) return 0;
    uint8_t byte = rest_.front();
    rest_ = rest_.subspan(1);
    return byte;
  }

  // A record: a 2-byte big-endian length, then that many bytes (fewer when
  // the input ends first).
  std::span<const uint8_t> record() noexcept {
    std::size_t size = std::size_t{choice()} << 8;
    size |= choice();
    return take(size);
  }

  std::span<const uint8_t> take(std::size_t size) noexcept {
    if (size > rest_.size()) size = rest_.size();
    std::span<const uint8_t> bytes = rest_.first(size);
    rest_ = rest_.subspan(size);
    return bytes;
  }

 private:
  std::span<const uint8_t> rest_;
};

inline std::string_view as_chars(std::span<const uint8_t> bytes) noexcept {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace corothrift::fuzz
