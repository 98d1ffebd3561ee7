// Apache Thrift's THeader frame (doc/specs/HeaderFormat.md in Apache's
// tree), byte for byte as libthrift 0.17's C++ THeaderTransport writes it:
//
//   u32 length (of what follows) | u16 0x0FFF | u16 flags | u32 seqid |
//   u16 header size / 4 | header: varint protocol id, varint transform
//   count, varint transform ids, info headers (id 1: varint count, then
//   varint-length key and value strings), zero padding | payload
//
// Only the zlib transform (1) and the binary (0) and compact (2) protocols
// exist here; anything else is refused.
#pragma once

#include <corothrift/buffer.h>
#include <corothrift/headers.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace corothrift::detail {

inline constexpr uint8_t kHeaderMagic0 = 0x0f;
inline constexpr uint8_t kHeaderMagic1 = 0xff;

// True when a frame (after its length) starts with the THeader magic.
inline bool is_header_frame(std::span<const uint8_t> frame) noexcept {
  return frame.size() >= 2 && frame[0] == kHeaderMagic0 && frame[1] == kHeaderMagic1;
}

// One received header frame. `payload` points into the frame's bytes, or,
// when it was compressed, into the `inflated` vector given to
// parse_header_frame.
struct HeaderFrame {
  ProtocolKind protocol = ProtocolKind::Binary;
  uint16_t flags = 0;
  int32_t seqid = 0;
  bool zlib = false;
  HeaderMap headers;
  std::span<const uint8_t> payload;
};

// Parses one frame (without its length). Throws ProtocolError naming the
// fault: bad magic, header size beyond the frame, unknown protocol or
// transform id, a truncated varint or info header, a zlib payload that is
// corrupt or inflates past limits.max_frame_bytes (checked while
// inflating, so a zlib bomb allocates at most that much).
void parse_header_frame(std::span<const uint8_t> frame, const DecodeLimits& limits,
                        HeaderFrame& out, std::vector<uint8_t>& inflated);

// What a header frame being written carries besides the message.
struct HeaderWrite {
  uint16_t flags = 0;
  bool zlib = false;
  const HeaderMap* headers = nullptr;  // null or empty: no info headers
};

// Appends one whole header frame carrying the message encode(body) writes,
// like append_message (same `keep`, size and rollback rules; the frame's
// seqid is the message's, as Apache's THeaderProtocol sets it). Compressed
// payloads are always copied.
std::size_t append_header_message(WriteBuffer& out, const HeaderWrite& header,
                                  std::size_t max_size, EncodeMessageFn encode, const void* body,
                                  KeepFn keep, ProtocolKind protocol, std::string_view name,
                                  MessageType type, int32_t seqid);

}  // namespace corothrift::detail
