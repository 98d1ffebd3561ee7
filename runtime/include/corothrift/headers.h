// Per-call key/value headers, carried by the THeader wire (Apache Thrift's
// THeaderTransport info headers) in both directions.
//
// Client: CallOptions::request_headers go out with one call;
// CallOptions::reply_headers, when set, receives the headers of its reply.
//
// Server: a handler reads the request's headers and sets its reply's through
// current_request_headers(), which it must call before its first co_await
// (the pointer it returns stays valid until the handler's reply is written):
//
//   corothrift::Task<std::string> testString(std::string s) override {
//     corothrift::RequestHeaders* headers = corothrift::current_request_headers();
//     if (headers) headers->reply["echo"] = headers->received.at("trace-id");
//     co_return s;
//   }
//
// On wires without headers (framed, unframed) nothing is sent, received()
// is empty, and reply headers are dropped. The roadmap's request context
// (issue 3) will carry these instead of the thread-local accessor.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace corothrift {

// Ordered by key, which is also the order Apache's C++ THeaderTransport
// writes them in.
using HeaderMap = std::map<std::string, std::string, std::less<>>;

struct RequestHeaders {
  HeaderMap received;
  HeaderMap reply;
};

// The headers of the request whose handler is running now, on this thread;
// null outside the synchronous start of a handler (after its first
// suspension, another request may be running on the same thread).
RequestHeaders* current_request_headers() noexcept;

namespace detail {
// Set by the server around the synchronous start of one request.
void set_current_request_headers(RequestHeaders* headers) noexcept;
}  // namespace detail

}  // namespace corothrift
