// The compact protocol's type codes, zigzag encoding and the per-struct
// field-id stack, shared by CompactWriter and CompactReader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <corothrift/types.h>

namespace corothrift {

namespace compact {

inline constexpr uint8_t kProtocolId = 0x82;
inline constexpr uint8_t kVersion = 1;

// Compact type codes.
enum class CType : uint8_t {
  Stop = 0,
  BoolTrue = 1,
  BoolFalse = 2,
  Byte = 3,
  I16 = 4,
  I32 = 5,
  I64 = 6,
  Double = 7,
  Binary = 8,
  List = 9,
  Set = 10,
  Map = 11,
  Struct = 12,
  Uuid = 13,
};

inline constexpr uint8_t kFromTType[17] = {0, 0, 1, 3, 7, 0, 4, 0, 5, 0, 6, 8, 12, 11, 10, 9, 13};
inline constexpr TType kToTType[14] = {
    TType::Stop,   TType::Bool,   TType::Bool, TType::Byte, TType::I16, TType::I32,    TType::I64,
    TType::Double, TType::String, TType::List, TType::Set,  TType::Map, TType::Struct, TType::Uuid};

inline uint8_t to_ctype(TType type) noexcept {
  auto code = static_cast<uint8_t>(type);
  return code < sizeof(kFromTType) ? kFromTType[code] : 0;
}

constexpr uint32_t zigzag32(int32_t v) noexcept {
  return (static_cast<uint32_t>(v) << 1) ^ static_cast<uint32_t>(v >> 31);
}
constexpr uint64_t zigzag64(int64_t v) noexcept {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
constexpr int32_t unzigzag32(uint32_t v) noexcept {
  return static_cast<int32_t>((v >> 1) ^ (~(v & 1) + 1));
}
constexpr int64_t unzigzag64(uint64_t v) noexcept {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// Stack of the enclosing structs' last field ids; no allocation for the
// first kInline levels.
class FieldIdStack {
 public:
  void push(int16_t id) {
    if (size_ < kInline) {
      inline_[size_] = id;
    } else {
      overflow_.push_back(id);
    }
    ++size_;
  }
  int16_t pop() noexcept {
    --size_;
    if (size_ < kInline) return inline_[size_];
    int16_t id = overflow_.back();
    overflow_.pop_back();
    return id;
  }

 private:
  static constexpr std::size_t kInline = 16;
  int16_t inline_[kInline] = {};
  std::size_t size_ = 0;
  std::vector<int16_t> overflow_;
};

}  // namespace compact

}  // namespace corothrift
