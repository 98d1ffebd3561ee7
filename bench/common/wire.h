// Hand encoding of Apache Thrift's strict binary protocol over the framed
// transport, just enough for the Bench service: the load generator and the
// ceiling server use it so that neither depends on a Thrift library.
//
// A framed message is: i32 frame length, i32 (0x80010000 | type), string name,
// i32 seqid, then the arguments or result struct (fields, then a stop byte).
// Every integer is big-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace bench::wire {

inline constexpr uint32_t kVersion1 = 0x80010000u;
inline constexpr uint32_t kVersionMask = 0xffff0000u;
inline constexpr size_t kFrameHeaderBytes = 4;

enum class MessageType : uint8_t { kCall = 1, kReply = 2, kException = 3, kOneway = 4 };

enum class FieldType : uint8_t { kStop = 0, kI32 = 8, kString = 11 };

inline void store_be32(uint8_t* at, uint32_t value) {
  at[0] = static_cast<uint8_t>(value >> 24);
  at[1] = static_cast<uint8_t>(value >> 16);
  at[2] = static_cast<uint8_t>(value >> 8);
  at[3] = static_cast<uint8_t>(value);
}

inline uint32_t load_be32(const uint8_t* at) {
  return (uint32_t{at[0]} << 24) | (uint32_t{at[1]} << 16) | (uint32_t{at[2]} << 8) |
         uint32_t{at[3]};
}

// Appends to a byte vector; the frame length is patched by end_frame().
class Writer {
 public:
  explicit Writer(std::vector<uint8_t>& out) : out_(out) {}

  size_t begin_frame() {
    size_t at = out_.size();
    i32(0);
    return at;
  }
  // `referenced`: bytes of the frame sent from elsewhere, not in out.
  void end_frame(size_t at, size_t referenced = 0) {
    store_be32(out_.data() + at,
               static_cast<uint32_t>(out_.size() - at - kFrameHeaderBytes + referenced));
  }
  void message_begin(std::string_view name, MessageType type, int32_t seqid) {
    i32(static_cast<int32_t>(kVersion1 | static_cast<uint32_t>(type)));
    string(name);
    i32(seqid);
  }
  void field_begin(FieldType type, int16_t id) {
    byte(static_cast<uint8_t>(type));
    byte(static_cast<uint8_t>(static_cast<uint16_t>(id) >> 8));
    byte(static_cast<uint8_t>(id));
  }
  void field_stop() { byte(static_cast<uint8_t>(FieldType::kStop)); }
  void i32(int32_t value) {
    size_t at = out_.size();
    out_.resize(at + 4);
    store_be32(out_.data() + at, static_cast<uint32_t>(value));
  }
  void string(std::string_view bytes) {
    i32(static_cast<int32_t>(bytes.size()));
    // Same element type on both sides, so the insert is one memmove (from
    // char iterators it was a byte loop: half the load generator's time in
    // the 64 KiB echo cell).
    const auto* first = reinterpret_cast<const uint8_t*>(bytes.data());
    out_.insert(out_.end(), first, first + bytes.size());
  }
  void byte(uint8_t value) { out_.push_back(value); }

 private:
  std::vector<uint8_t>& out_;
};

// Reads from a complete frame body; any overrun clears ok() and yields zeros.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : at_(bytes.data()), end_(at_ + bytes.size()) {}

  bool ok() const { return ok_; }
  size_t remaining() const { return static_cast<size_t>(end_ - at_); }

  uint8_t byte() {
    if (!need(1)) return 0;
    return *at_++;
  }
  int16_t i16() {
    if (!need(2)) return 0;
    auto value = static_cast<int16_t>((at_[0] << 8) | at_[1]);
    at_ += 2;
    return value;
  }
  int32_t i32() {
    if (!need(4)) return 0;
    auto value = static_cast<int32_t>(load_be32(at_));
    at_ += 4;
    return value;
  }
  // The returned view points into the frame being read.
  std::string_view string() {
    int32_t size = i32();
    if (size < 0 || !need(static_cast<size_t>(size))) return {};
    std::string_view value(reinterpret_cast<const char*>(at_), static_cast<size_t>(size));
    at_ += size;
    return value;
  }

 private:
  bool need(size_t bytes) {
    if (ok_ && remaining() >= bytes) return true;
    ok_ = false;
    return false;
  }

  const uint8_t* at_;
  const uint8_t* end_;
  bool ok_ = true;
};

struct MessageHeader {
  MessageType type{};
  std::string_view name;
  int32_t seqid = 0;
};

// Strict (versioned) headers only: every server measured here writes them.
inline bool read_message_begin(Reader& in, MessageHeader& header) {
  auto version = static_cast<uint32_t>(in.i32());
  if ((version & kVersionMask) != kVersion1) return false;
  header.type = static_cast<MessageType>(version & 0xffu);
  header.name = in.string();
  header.seqid = in.i32();
  return in.ok();
}

// True when a whole frame is at the front of `buffered`; `body` then views it.
// `frame_size` receives the announced body size as soon as 4 bytes are there.
inline bool front_frame(std::span<const uint8_t> buffered, size_t& frame_size,
                        std::span<const uint8_t>& body) {
  if (buffered.size() < kFrameHeaderBytes) return false;
  frame_size = load_be32(buffered.data());
  if (buffered.size() - kFrameHeaderBytes < frame_size) return false;
  body = buffered.subspan(kFrameHeaderBytes, frame_size);
  return true;
}

}  // namespace bench::wire
