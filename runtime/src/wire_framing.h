// Finding messages in a connection's byte stream, shared by the client
// channel and the server: frame lengths or measure_message, protocol
// detection from the first bytes, and message headers read as views.
#pragma once

#include <corothrift/buffer.h>
#include <corothrift/detail/transport.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/transport_kind.h>
#include <corothrift/types.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "json_extent.h"
#include "message_extent.h"

namespace corothrift::detail {

struct Framing {
  ProtocolKind protocol = ProtocolKind::Binary;
  TransportKind transport = TransportKind::Framed;
  // Framed, protocol (or THeader) still to be read from the first frame.
  bool sniff_protocol = false;
  // Unframed: how far the next message has been measured (JSON, or binary
  // and compact).
  JsonScan json_scan = {};
  ExtentScan extent_scan = {};
};

// The framing a connection's first bytes announce (see ServerOptions):
// "POST " starts HTTP, unframed messages start with 0x80 (binary), 0x82
// (compact) or '[' (JSON); anything else is a frame length. nullopt until
// there are enough bytes to tell.
std::optional<Framing> detect_framing(std::span<const uint8_t> first, Framing fallback) noexcept;

// Settles a sniffing framing's protocol from a first message, or makes it
// a THeader framing when the first frame carries the header magic (the
// protocol then comes from each frame's header).
void settle_protocol(Framing& framing, std::span<const uint8_t> message) noexcept;

// A complete message found at the start of a stream's bytes.
struct NextMessage {
  std::span<const uint8_t> message;  // without the frame length
  std::size_t consumed = 0;          // 0: incomplete
  std::size_t need = 0;              // when incomplete: bytes the stream must hold at least
  // Whether `need` is where the message ends or only a lower bound (unframed).
  detail::ReadGoal goal = detail::ReadGoal::kMessageEnd;
};

// Throws FrameTooLarge for a frame length above limits.max_frame_bytes (before
// anything is allocated for it) and ProtocolError for an empty frame or bytes
// that cannot start a message. Call it again with the same bytes and more
// after an incomplete answer: `framing` remembers how far an unframed
// message was measured, and takes the call as consuming a complete one.
NextMessage next_message(Framing& framing, std::span<const uint8_t> bytes,
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

// Connections hold strings and binaries this large by reference to the
// message body they came from (append_message with keep), not as a copy.
inline constexpr std::size_t kReferenceThreshold = 16 * 1024;

// Throws TransportError when a message of `size` bytes exceeds max_size.
void check_message_size(std::size_t size, std::size_t max_size);
// Writes a 4-byte big-endian frame length at `at` in out.
void write_frame_length(WriteBuffer& out, std::size_t at, std::size_t size) noexcept;

// Appends one whole message to `out`: the frame length when framed, then
// encode(body). Strings and binaries at or above out's reference threshold
// are referred to, not copied, when `keep` is given (the body is then moved
// into out's keeping, see keep_moved); without `keep` everything is copied.
// Returns the message's size without the frame length. When encoding fails,
// or the size exceeds max_size (TransportError), nothing of it stays in out.
std::size_t append_message(WriteBuffer& out, bool framed, std::size_t max_size,
                           EncodeMessageFn encode, const void* body, KeepFn keep,
                           ProtocolKind protocol, std::string_view name, MessageType type,
                           int32_t seqid);

}  // namespace corothrift::detail
