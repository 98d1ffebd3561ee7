// The server side of one call: ServerRequest (a decoded CALL/ONEWAY) and
// Processor (what generated code derives from to dispatch it by name).
//
// A generated processor method has exactly this shape:
//
//   corothrift::Task<void> CalculatorProcessor::process_add(corothrift::ServerRequest& req) {
//     Calculator_add_args args;
//     req.read_args(args);
//     Calculator_add_result result;
//     try {
//       result.success = co_await handler_->add(args.num1, args.num2);
//     } catch (const InvalidOperation& e) {  // declared exceptions only
//       result.ouch = e;
//     }
//     req.write_reply(std::move(result));
//   }
//
// and process() looks the name up in a static table sorted by name:
//
//   corothrift::Task<bool> CalculatorProcessor::process(corothrift::ServerRequest& req) {
//     using Method = corothrift::Task<void> (CalculatorProcessor::*)(corothrift::ServerRequest&);
//     static constexpr corothrift::MethodEntry<Method> kMethods[] = {
//         {"add", &CalculatorProcessor::process_add},
//         {"ping", &CalculatorProcessor::process_ping},
//     };
//     const auto* entry = corothrift::find_method(kMethods, req.method());
//     if (entry == nullptr) co_return co_await SharedServiceProcessor::process(req);  // extends
//     co_await (this->*entry->fn)(req);                              // (no parent: co_return
//     false) co_return true;
//   }
//
// An exception that escapes process() (anything not declared in the IDL) is
// answered by the server with TApplicationException INTERNAL_ERROR carrying
// its what(); the server keeps serving. A ProtocolError from read_args closes
// the connection. For a oneway request write_reply does nothing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include <corothrift/buffer.h>
#include <corothrift/event_loop.h>
#include <corothrift/exception.h>
#include <corothrift/headers.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/task.h>
#include <corothrift/types.h>

namespace corothrift {

namespace detail {

// Where replies go: the pending-output buffer of one connection. The owner
// (the server's connection, or a test) flushes `out` after on_reply; it keeps
// `out` at a fixed address and must outlive every request that points to it.
// An owner that sets a reference threshold on `out` sends it piece by piece
// (WriteBuffer::for_each_piece).
// Used on the connection's loop thread only.
struct ReplySink {
  WriteBuffer out;
  bool framed = true;
  // Each reply goes out as the body of an HTTP 200 response.
  bool http = false;
  // The loop the connection runs on; null for a sink outside any server.
  EventLoop* loop = nullptr;
  // Called after each complete reply is appended; may be null.
  void (*on_reply)(ReplySink*) = nullptr;
};

}  // namespace detail

// One decoded CALL or ONEWAY message. The message bytes it reads from belong
// to the connection; the request stays valid until the processor's task
// finishes. Used on the connection's loop thread only.
class ServerRequest {
 public:
  // Parses the message header at the start of `message` (one whole message,
  // no frame length). Throws ProtocolError on a malformed header or a message
  // type other than CALL/ONEWAY. `message`, `limits` and `sink` must outlive
  // the request (`message` only until own_bytes()). When `message` lies in a
  // shared block, large binary args share it rather than being copied.
  ServerRequest(ProtocolKind protocol, std::span<const uint8_t> message, const DecodeLimits& limits,
                detail::ReplySink& sink, detail::SharedBlock* block = nullptr);
  ServerRequest(const ServerRequest&) = delete;
  ServerRequest& operator=(const ServerRequest&) = delete;

  // The method to dispatch on: without the "Service:" prefix once a
  // MultiplexedProcessor has routed the request.
  std::string_view method() const noexcept { return method_; }
  // The name exactly as received, e.g. "Calculator:add".
  std::string_view full_name() const noexcept { return full_name_; }
  int32_t seqid() const noexcept { return seqid_; }
  bool oneway() const noexcept { return oneway_; }
  ProtocolKind protocol() const noexcept { return protocol_; }
  // The loop this request runs on (for processors that need timers); null
  // when the request was made outside a server.
  EventLoop* loop() const noexcept { return sink_->loop; }
  bool replied() const noexcept { return replied_; }
  bool args_read() const noexcept { return args_read_; }
  // The request's THeader info headers (empty on other wires) and the ones
  // its reply will carry (dropped on other wires). Handlers reach them
  // through current_request_headers() (headers.h).
  RequestHeaders& headers() noexcept { return headers_; }

  // Decodes the args struct (template <class R> void read(R&)) with the
  // request's protocol and limits. Throws ProtocolError on malformed input.
  template <class Args>
  void read_args(Args& args) {
    read_args_with(&detail::decode_body<Args>, &args);
  }

  // Encodes a REPLY carrying `result` (template <class W> void write(W&) const)
  // with the request's protocol. Nothing for oneway requests; only the first
  // reply of a request is sent. Given an rvalue, a server sends large strings
  // and binaries from the result's own storage instead of copying them: the
  // result is moved to the heap and kept until its reply has been written.
  template <class Result>
  void write_reply(const Result& result) {
    write_message(MessageType::Reply, result);
  }
  template <class Result, class = detail::MovableBody<Result>>
  void write_reply(Result&& result) {
    write_message_with(MessageType::Reply, &detail::encode_message<Result>, &result,
                       &detail::keep_moved<Result>);
  }
  // Encodes an EXCEPTION reply (what the server sends for unknown methods and
  // undeclared handler exceptions).
  void write_exception(const TApplicationException& e) { write_message(MessageType::Exception, e); }

  // Used by MultiplexedProcessor: dispatch on `method` from now on (it must
  // point into full_name()).
  void set_method(std::string_view method) noexcept { method_ = method; }
  // Used by the server for a request that came in a THeader frame: the
  // reply goes out in one too, with the request's flags, compressed when
  // `zlib`.
  void use_header_wire(uint16_t flags, bool zlib, HeaderMap received) {
    header_wire_ = true;
    header_flags_ = flags;
    header_zlib_ = zlib;
    headers_.received = std::move(received);
  }
  // Makes the request independent of the connection's read buffer, which
  // is about to take new bytes: copies what it still needs (the name, or the
  // unread message), or for a large unread message in a shared block, holds
  // a reference to the block instead. Called by the server when the
  // processor suspends before it has finished.
  void own_bytes();

 private:

  template <class Body>
  void write_message(MessageType type, const Body& body) {
    write_message_with(type, &detail::encode_message<Body>, &body, nullptr);
  }
  void read_args_with(detail::DecodeBodyFn decode, void* args);
  // With keep == nullptr the body is copied whole into the sink.
  void write_message_with(MessageType type, detail::EncodeMessageFn encode, const void* body,
                          detail::KeepFn keep);

  ProtocolKind protocol_;
  bool oneway_ = false;
  bool replied_ = false;
  bool args_read_ = false;
  int32_t seqid_ = 0;
  std::string_view full_name_;
  std::string_view method_;
  ReadBuffer body_;
  const DecodeLimits* limits_;
  detail::ReplySink* sink_;
  std::span<const uint8_t> message_;
  bool owns_bytes_ = false;
  bool header_wire_ = false;
  bool header_zlib_ = false;
  uint16_t header_flags_ = 0;
  RequestHeaders headers_;
  // What own_bytes() keeps: the message's block, or a copy.
  detail::BlockRef held_;
  WriteBuffer owned_;
};

// Generated processors derive from this; the server holds it in a shared_ptr
// and calls process() from every loop thread at once, so process() must not
// mutate the processor (handlers synchronise their own state).
class Processor {
 public:
  virtual ~Processor() = default;
  // Runs the handler for req.method(); returns false, without reading the
  // args, if this processor has no such method (the server then answers
  // TApplicationException UNKNOWN_METHOD).
  virtual Task<bool> process(ServerRequest& req) = 0;
};

// One row of a generated processor's dispatch table.
template <class Fn>
struct MethodEntry {
  std::string_view name;
  Fn fn;
};

// Binary search in a table sorted by name; nullptr when absent.
template <class Fn, std::size_t N>
constexpr const MethodEntry<Fn>* find_method(const MethodEntry<Fn> (&table)[N],
                                             std::string_view name) noexcept {
  const MethodEntry<Fn>* end = table + N;
  const MethodEntry<Fn>* it = std::lower_bound(
      table, end, name, [](const MethodEntry<Fn>& e, std::string_view n) { return e.name < n; });
  return it != end && it->name == name ? it : nullptr;
}

}  // namespace corothrift
