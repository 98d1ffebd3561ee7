// Whole messages: TMultiplexedProtocol names, one-call helpers that write or
// read a header plus body, and measure_message for unframed streams.
//
// MessageHeader itself lives in types.h (the protocols return it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/types.h>

namespace corothrift {

// TMultiplexedProtocol joins service and method with this separator.
inline constexpr char kMultiplexSeparator = ':';

struct MultiplexedName {
  std::string_view service;  // empty when the name has no separator
  std::string_view method;
};

// Splits at the first separator, as Apache's TMultiplexedProcessor does.
MultiplexedName split_multiplexed_name(std::string_view name) noexcept;
std::string join_multiplexed_name(std::string_view service, std::string_view method);

// Writes a message header, body (anything write_struct takes) and end.
template <class W, class T>
void write_message(W& w, std::string_view name, MessageType type, int32_t seqid, const T& body) {
  w.write_message_begin(name, type, seqid);
  write_struct(w, body);
  w.write_message_end();
}

// Where the first message of an unframed stream ends, or how far it at
// least reaches while it is incomplete.
struct MessageExtent {
  std::size_t size = 0;      // the complete message's length; 0 while incomplete
  std::size_t at_least = 0;  // while incomplete: bytes the stream must hold before
                             // the message can be complete (a lower bound)
};

// As measure_message below, but an incomplete message also says how many
// bytes to wait for: a transport reading a large value waits for all of it
// instead of measuring again after every read. Throws ProtocolError
// (SizeLimit) as soon as the message is known to exceed max_frame_bytes.
MessageExtent measure_message_extent(ProtocolKind kind, std::span<const uint8_t> bytes,
                                     const DecodeLimits& limits = kDefaultDecodeLimits);

// Length of the first complete message at the start of bytes (an unframed
// stream), nullopt when more bytes are needed. Throws ProtocolError when the
// bytes cannot start a valid message, or when no message completes within
// limits.max_frame_bytes. It skips the whole message, so the cost is linear
// in the bytes examined: call it again only after more bytes arrived.
std::optional<std::size_t> measure_message(ProtocolKind kind, std::span<const uint8_t> bytes,
                                           const DecodeLimits& limits = kDefaultDecodeLimits);

}  // namespace corothrift
