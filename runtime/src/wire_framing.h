// Finding messages in a connection's byte stream, shared by the client
// channel and the server: frame lengths or measure_message, protocol
// detection from the first bytes, and message headers read as views.
#pragma once

#include <corothrift/buffer.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/transport_kind.h>
#include <corothrift/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace corothrift::detail {

struct Framing {
  ProtocolKind protocol = ProtocolKind::Binary;
  TransportKind transport = TransportKind::Framed;
  // Framed, protocol still to be read from the first message's first byte.
  bool sniff_protocol = false;
};

// The framing a connection's first byte announces (see ServerOptions):
// unframed messages start with 0x80 (binary) or 0x82 (compact); anything
// else is a frame length. nullopt for no bytes.
std::optional<Framing> detect_framing(std::span<const uint8_t> first, Framing fallback) noexcept;

// Settles a sniffing framing's protocol from a first message.
void settle_protocol(Framing& framing, std::span<const uint8_t> message) noexcept;

// A complete message found at the start of a stream's bytes.
struct NextMessage {
  std::span<const uint8_t> message;  // without the frame length
  std::size_t consumed = 0;          // 0: incomplete
  std::size_t need = 0;              // when incomplete: bytes the stream must hold at least
};

// Throws FrameTooLarge for a frame length above limits.max_frame_bytes (before
// anything is allocated for it) and ProtocolError for an empty frame or bytes
// that cannot start a message.
NextMessage next_message(const Framing& framing, std::span<const uint8_t> bytes,
                         const DecodeLimits& limits);

// A message header whose name points into the ReadBuffer's bytes.
struct HeaderView {
  std::string_view name;
  MessageType type = MessageType::Call;
  int32_t seqid = 0;
};

// Reads the header at in's position; throws ProtocolError.
HeaderView read_header_view(ProtocolKind protocol, corothrift::ReadBuffer& in,
                            const DecodeLimits& limits);

// Appends a 4-byte frame length placeholder when framed; returns the offset
// the message starts at (the placeholder's offset when framed).
inline std::size_t begin_frame(WriteBuffer& out, bool framed) {
  std::size_t start = out.size();
  if (framed) out.extend(4);
  return start;
}

// Writes the frame length for a message begun at `start`; `referenced` is
// how many of its bytes `out` holds by reference.
inline void end_frame(WriteBuffer& out, bool framed, std::size_t start,
                      std::size_t referenced = 0) noexcept {
  if (!framed) return;
  uint8_t length[4];
  store_be(length, static_cast<uint32_t>(out.size() - start - 4 + referenced));
  out.overwrite(start, length, 4);
}

}  // namespace corothrift::detail
