// How messages are delimited on a connection: Apache Thrift's TFramedTransport
// (a 4-byte big-endian length before each message) or its unframed
// TBufferedTransport (messages back to back; boundaries found by decoding).
#pragma once

#include <cstdint>
#include <string_view>

namespace corothrift {

enum class TransportKind : uint8_t { Framed, Unframed };

constexpr std::string_view transport_kind_name(TransportKind kind) noexcept {
  return kind == TransportKind::Framed ? "framed" : "unframed";
}

}  // namespace corothrift
