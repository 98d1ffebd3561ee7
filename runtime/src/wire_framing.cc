#include "wire_framing.h"

#include <corothrift/detail/binary_protocol.h>
#include <corothrift/detail/compact_protocol.h>
#include <corothrift/detail/message.h>
#include <corothrift/errors.h>
#include <corothrift/exception.h>

#include "http_wire.h"
#include "theader.h"

#include <algorithm>
#include <limits>

#include <fmt/core.h>

namespace corothrift::detail {
namespace {

constexpr uint8_t kBinaryFirstByte = 0x80;   // strict binary: 0x8001 version
constexpr uint8_t kCompactFirstByte = 0x82;  // compact protocol id
// A JSON message is an array. As a frame length's first byte it would
// announce more than 1.5 GB, beyond any max_frame_bytes.
constexpr uint8_t kJsonFirstByte = '[';

std::optional<ProtocolKind> protocol_of(uint8_t first) noexcept {
  if (first == kBinaryFirstByte) return ProtocolKind::Binary;
  if (first == kCompactFirstByte) return ProtocolKind::Compact;
  if (first == kJsonFirstByte) return ProtocolKind::Json;
  return std::nullopt;
}

NextMessage next_frame(std::span<const uint8_t> bytes, const DecodeLimits& limits) {
  if (bytes.size() < 4) return {{}, 0, 4};
  uint32_t length = load_be<uint32_t>(bytes.data());
  if (length > limits.max_frame_bytes) {
    throw FrameTooLarge(
        fmt::format("frame of {} bytes exceeds the limit of {}", length, limits.max_frame_bytes));
  }
  if (length == 0) throw_protocol_error(ProtocolError::Kind::InvalidData, "empty frame");
  std::size_t total = 4 + static_cast<std::size_t>(length);
  if (bytes.size() < total) return {{}, 0, total};
  return {bytes.subspan(4, length), total, 0};
}

}  // namespace

std::optional<Framing> detect_framing(std::span<const uint8_t> first, Framing fallback) noexcept {
  if (first.empty() || wants_more_to_detect_http(first)) return std::nullopt;
  if (is_http_post(first)) return Framing{fallback.protocol, TransportKind::Http, false};
  if (auto kind = protocol_of(first[0])) return Framing{*kind, TransportKind::Unframed, false};
  return Framing{fallback.protocol, TransportKind::Framed, true};
}

void settle_protocol(Framing& framing, std::span<const uint8_t> message) noexcept {
  if (!framing.sniff_protocol || message.empty()) return;
  framing.sniff_protocol = false;
  if (is_header_frame(message)) {
    framing.transport = TransportKind::Header;
    return;
  }
  // Non-strict binary starts with a name length whose first byte is 0.
  if (auto kind = protocol_of(message[0])) {
    framing.protocol = *kind;
  } else if (message[0] == 0) {
    framing.protocol = ProtocolKind::Binary;
  }
}

NextMessage next_message(Framing& framing, std::span<const uint8_t> bytes,
                         const DecodeLimits& limits) {
  if (framing.transport != TransportKind::Unframed) return next_frame(bytes, limits);
  // An unframed message's end is known only once it is complete: what it
  // needs is a lower bound.
  if (bytes.empty()) return {{}, 0, 1, detail::ReadGoal::kAtLeast};
  // The scans resume where the last call stopped, so a message arriving in
  // many reads is examined about once; an incomplete binary or compact
  // message also says how far it reaches at least (a large string's whole
  // length), so the reads in between need no call at all.
  MessageExtent extent = framing.protocol == ProtocolKind::Json
                             ? measure_json_message(bytes, limits, framing.json_scan)
                             : resume_measure(framing.protocol, bytes, limits, framing.extent_scan);
  if (extent.size == 0) {
    return {{}, 0, std::max(extent.at_least, bytes.size() + 1), detail::ReadGoal::kAtLeast};
  }
  return {bytes.first(extent.size), extent.size, 0};
}

void check_message_size(std::size_t size, std::size_t max_size) {
  if (size > max_size) {
    throw TransportError(
        fmt::format("message of {} bytes exceeds max_frame_bytes ({})", size, max_size));
  }
}

void write_frame_length(WriteBuffer& out, std::size_t at, std::size_t size) noexcept {
  uint8_t length[4];
  store_be(length, static_cast<uint32_t>(size));
  out.overwrite(at, length, 4);
}

std::size_t append_message(WriteBuffer& out, bool framed, std::size_t max_size,
                           EncodeMessageFn encode, const void* body, KeepFn keep,
                           ProtocolKind protocol, std::string_view name, MessageType type,
                           int32_t seqid) {
  const WriteBuffer::Mark mark = out.mark();
  const std::size_t threshold = out.reference_threshold();
  const std::size_t referenced_before = out.referenced_size();
  try {
    if (framed) out.extend(4);
    // Nothing can keep a body given by const reference alive, nor the name
    // (it lives in the caller's buffers): copy it all.
    if (keep == nullptr || name.size() >= threshold) {
      out.set_reference_threshold(std::numeric_limits<std::size_t>::max());
    }
    encode(body, protocol, out, name, type, seqid);
    out.set_reference_threshold(threshold);
    const std::size_t referenced = out.referenced_size() - referenced_before;
    const std::size_t size = out.size() - mark.size - (framed ? 4 : 0) + referenced;
    check_message_size(size, max_size);
    if (out.reference_count() > mark.references) {
      // The body is the caller's rvalue: keep may move from it.
      out.keep_alive(keep(const_cast<void*>(body)));
    }
    if (framed) write_frame_length(out, mark.size, size);
    return size;
  } catch (...) {
    out.set_reference_threshold(threshold);
    out.rollback(mark);
    throw;
  }
}

HeaderView read_header_view(ProtocolKind protocol, corothrift::ReadBuffer& in,
                            const DecodeLimits& limits) {
  HeaderView header;
  if (protocol == ProtocolKind::Json) {
    JsonReader::HeaderView json = JsonReader(in, limits).read_message_begin_view();
    return {json.name, json.type, json.seqid};
  }
  if (protocol == ProtocolKind::Compact) {
    CompactReader r(in, limits);
    if (in.take_byte() != kCompactFirstByte) {
      throw_protocol_error(ProtocolError::Kind::BadVersion, "bad compact protocol identifier");
    }
    uint8_t version_and_type = in.take_byte();
    if ((version_and_type & 0x1f) != 1) {
      throw_protocol_error(ProtocolError::Kind::BadVersion, "bad compact protocol version");
    }
    header.type = static_cast<MessageType>((version_and_type >> 5) & 0x07);
    header.seqid = static_cast<int32_t>(r.read_varint32());
    header.name = r.read_string_view();
    return header;
  }
  BinaryReader r(in, limits);
  int32_t first = r.read_i32();
  if (first < 0) {
    auto word = static_cast<uint32_t>(first);
    if ((word & 0xffff0000) != BinaryWriter::kVersion1) {
      throw_protocol_error(ProtocolError::Kind::BadVersion, "bad binary protocol version");
    }
    header.type = static_cast<MessageType>(word & 0xff);
    header.name = r.read_string_view();
    header.seqid = r.read_i32();
    return header;
  }
  // Old non-strict header: the first word was the name's length.
  auto length = static_cast<std::size_t>(first);
  if (length > limits.max_string_bytes) {
    throw_protocol_error(ProtocolError::Kind::SizeLimit, "message name too long");
  }
  header.name = {reinterpret_cast<const char*>(in.take(length)), length};
  header.type = static_cast<MessageType>(in.take_byte());
  header.seqid = r.read_i32();
  return header;
}

}  // namespace corothrift::detail
