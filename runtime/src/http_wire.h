// Thrift over HTTP/1.1, as Apache's THttpServer / THttpClient speak it: each
// message is the body of a POST (Content-Type: application/x-thrift) and its
// reply the body of a 200 response. Parsing is strict and bounded: a head
// (request or status line plus header lines) of at most kMaxHttpHeadBytes
// and kMaxHttpHeaderLines, a body of Content-Length bytes or of chunks
// (never both), at most max_frame_bytes in all.
#pragma once

#include <corothrift/buffer.h>
#include <corothrift/exception.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wire_framing.h"

namespace corothrift::detail {

inline constexpr std::size_t kMaxHttpHeadBytes = 8 * 1024;
inline constexpr std::size_t kMaxHttpHeaderLines = 64;

// A request the server refuses: answered with `status` (400 Bad Request,
// 404, 405, 413, 505) and the connection closed.
class HttpError : public ProtocolError {
 public:
  HttpError(int status, const std::string& reason)
      : ProtocolError(ProtocolError::Kind::InvalidData, reason), status_(status) {}
  int status() const noexcept { return status_; }

 private:
  int status_;
};

// True when a connection's first bytes are the start of a POST (at least 5
// bytes are needed to tell; see wants_more_to_detect).
bool is_http_post(std::span<const uint8_t> first) noexcept;
// A first byte that may start "POST " with fewer than 5 bytes in.
bool wants_more_to_detect_http(std::span<const uint8_t> first) noexcept;

// What one HTTP message (request or response) said besides its body.
struct HttpMessage {
  std::span<const uint8_t> body;  // in the stream's bytes, or in `dechunked`
  bool close = false;             // the sender closes after this exchange
  bool chunked = false;
  int status = 0;          // responses only
  std::string user_agent;  // requests only
};

// Finds one whole POST at the start of `bytes` (like next_message: consumed
// 0 and `need` when incomplete). Throws HttpError; 404 when `path` is not
// empty and the request's path (its target without a query) differs.
NextMessage next_http_request(std::span<const uint8_t> bytes, const DecodeLimits& limits,
                              HttpMessage& out, std::vector<uint8_t>& dechunked,
                              std::string_view path = {});

// The same for a response; a status other than 200 (or 100, skipped)
// throws TransportError.
NextMessage next_http_response(std::span<const uint8_t> bytes, const DecodeLimits& limits,
                               HttpMessage& out, std::vector<uint8_t>& dechunked);

// The protocol a Thrift message body starts with; throws HttpError (400).
ProtocolKind http_body_protocol(std::span<const uint8_t> body);

// A 200 response carrying `body` (empty for a oneway's acknowledgement).
void append_http_response(WriteBuffer& out, std::span<const uint8_t> body);
// An error response; the connection closes after it.
void append_http_error(WriteBuffer& out, int status, std::string_view reason);
// A POST of `body` to `path` on `host`.
void append_http_request(WriteBuffer& out, std::string_view host, std::string_view path,
                         std::span<const uint8_t> body);

}  // namespace corothrift::detail
