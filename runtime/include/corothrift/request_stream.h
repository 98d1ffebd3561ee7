#pragma once
// The stream of the connection a server request came in on, for a handler
// that needs per-connection facts (a TLS peer's certificate: see
// corothrift/tls/tls_stream.h, tls::current_peer()).
//
// Valid during a handler's synchronous start only: from its first line to
// its first co_await that suspends. Copy what you need there; afterwards the
// thread runs other connections' requests. A full request context (headers,
// deadline, identity, current across awaits) will replace this.
//
//   corothrift::Task<int32_t> add(int32_t a, int32_t b) override {
//     const corothrift::ByteStream* stream = corothrift::current_request_stream();
//     ...
//   }

#include <corothrift/byte_stream.h>

namespace corothrift {

// Null outside a handler's synchronous start (and on a client).
const ByteStream* current_request_stream() noexcept;

namespace detail {

// Makes `stream` current on this thread for the scope (the server connection
// around starting a request).
class RequestStreamScope {
 public:
  explicit RequestStreamScope(const ByteStream* stream) noexcept;
  RequestStreamScope(const RequestStreamScope&) = delete;
  RequestStreamScope& operator=(const RequestStreamScope&) = delete;
  ~RequestStreamScope();

 private:
  const ByteStream* previous_;
};

}  // namespace detail
}  // namespace corothrift
