// How messages are delimited on a connection: Apache Thrift's TFramedTransport
// (a 4-byte big-endian length before each message), its unframed
// TBufferedTransport (messages back to back; boundaries found by decoding),
// its THeaderTransport (a frame whose header carries the protocol id,
// key/value headers and an optional zlib transform; see headers.h), or
// HTTP/1.1 (THttpServer / THttpClient: each message the body of a POST, each
// reply the body of its 200 response).
#pragma once

#include <cstdint>
#include <string_view>

namespace corothrift {

enum class TransportKind : uint8_t { Framed, Unframed, Header, Http };

constexpr std::string_view transport_kind_name(TransportKind kind) noexcept {
  switch (kind) {
    case TransportKind::Framed:
      return "framed";
    case TransportKind::Unframed:
      return "unframed";
    case TransportKind::Header:
      return "header";
    case TransportKind::Http:
      return "http";
  }
  return "unknown";
}

}  // namespace corothrift
