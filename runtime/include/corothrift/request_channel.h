#pragma once
// Channel: what a generated client calls through (fbthrift's RequestChannel).
//
// A generated FooClient holds a std::shared_ptr<Channel> and never names the
// concrete kind. ClientChannel (channel.h) is the one-connection channel that
// FooClient::connect makes; a pool of connections, an interceptor (logging,
// metrics, auth headers, retries) or a test double is another Channel, and a
// channel may hold other channels:
//
//   auto conn = co_await corothrift::ClientChannel::connect(loop, address, options);
//   auto traced = std::make_shared<TracingChannel>(conn);   // a user's Channel
//   tutorial::CalculatorClient client(traced);
//   int32_t sum = co_await client.add(1, 2);                // goes through traced
//
// An implementer writes request_response, request_oneway and loop(). What
// they receive is type-erased: the method's IDL name, a function that
// encodes the whole message (header, args struct, end) in whatever protocol
// the channel's connection speaks, and a function that decodes a reply body
// into the caller's result struct. A channel that only passes calls on
// forwards the three values unchanged to the channel it holds.
//
// Threads: a channel belongs to one loop (loop()); every call, and its
// destruction, happens on that loop's thread.
//
// Cancellation: a call runs in the awaiting task's CancelScope, which passes
// down to the tasks it awaits; cancelling it fails the call with
// CancelledError and forgets a late reply. A channel over channels needs
// nothing extra: the inner call inherits the scope.

#include <corothrift/event_loop.h>
#include <corothrift/headers.h>
#include <corothrift/protocol.h>
#include <corothrift/task.h>

#include <chrono>
#include <optional>
#include <string_view>

namespace corothrift {

// Options for one call. New per-call data (a request context) will be
// added here as fields; the channel entries do not change.
struct CallOptions {
  // Unset: the channel's default (ClientChannel: ChannelOptions::call_timeout).
  // Zero: no timeout for this call. On expiry the call throws TimeoutError,
  // only this call fails and its late reply is dropped.
  std::optional<std::chrono::milliseconds> timeout;
  // Sent with this call as THeader info headers; wires without headers
  // (framed, unframed) send nothing.
  HeaderMap request_headers;
  // When set, cleared at the call's start and filled with its reply's
  // headers (THeader); must live until the call finishes.
  HeaderMap* reply_headers = nullptr;
};

// A request as a channel sees it. Everything it points to lives until the
// call's task finishes (generated clients keep it in their coroutine frame).
struct OutgoingRequest {
  // The IDL method name (no "Service:" prefix: a multiplexing channel adds it).
  std::string_view method;
  // Writes the message header (name, type, seqid), `args` and the message
  // end into a WriteBuffer in the protocol the channel chooses.
  detail::EncodeMessageFn encode = nullptr;
  const void* args = nullptr;
  // Non-null: args may be moved to the heap while encoding, so its large
  // strings are sent without a copy (see detail::KeepFn). Call `encode` at
  // most once then: a channel that may send the request twice (retry, hedge)
  // encodes once and resends those bytes.
  detail::KeepFn keep = nullptr;
};

// Where a reply's body goes: decode(result, protocol, in, limits) reads the
// result struct and the message end; it throws ProtocolError on bad bytes.
struct ReplyDecoder {
  detail::DecodeBodyFn decode = nullptr;
  void* result = nullptr;
};

class Channel {
 public:
  virtual ~Channel() = default;

  // ---- What an implementer writes ----

  // Sends the request as a CALL and completes when its reply has been
  // decoded into reply.result. Throws TApplicationException for an
  // EXCEPTION reply, TransportError (ConnectionClosed) when the connection
  // failed, TimeoutError when options' (or the channel's) timeout passed,
  // ProtocolError for a reply that does not decode, CancelledError when the
  // caller's scope was cancelled. Declared IDL exceptions are not thrown
  // here: they are decoded into the result and the generated client throws
  // them.
  virtual Task<void> request_response(OutgoingRequest request, ReplyDecoder reply,
                                      CallOptions options) = 0;

  // Sends the request as a ONEWAY; completes once it was handed to the
  // transport (no reply exists). Throws as request_response does, minus the
  // reply's errors.
  virtual Task<void> request_oneway(OutgoingRequest request, CallOptions options) = 0;

  // The loop the channel runs on.
  virtual EventLoop& loop() const noexcept = 0;

  // ---- What generated clients call: typed front ends of the two entries ----
  //
  // Args is a generated *_args struct (template <class W> void write(W&)
  // const), Result a *_result struct (template <class R> void read(R&)).
  // Given an rvalue `args`, strings and binaries of 16 KiB or more may be
  // sent from its own storage instead of being copied (it is moved to the
  // heap and kept until written); by const reference everything is copied.
  // The compiled coroutines live behind the virtual entries, so a generated
  // client costs one coroutine per method.
  template <class Args, class Result>
  Task<void> call(std::string_view method, const Args& args, Result& result, CallOptions options) {
    return request_response({method, &detail::encode_message<Args>, &args, nullptr},
                            {&detail::decode_body<Result>, &result}, options);
  }
  template <class Args, class Result, class = detail::MovableBody<Args>>
  Task<void> call(std::string_view method, Args&& args, Result& result, CallOptions options) {
    return request_response(
        {method, &detail::encode_message<Args>, &args, &detail::keep_moved<Args>},
        {&detail::decode_body<Result>, &result}, options);
  }
  // The channel's default options. (Overloads, not a default argument: g++
  // 12 mis-copies defaulted by-value arguments inside co_await expressions.)
  template <class Args, class Result>
  Task<void> call(std::string_view method, Args&& args, Result& result) {
    return call(method, static_cast<Args&&>(args), result, CallOptions{});
  }

  template <class Args>
  Task<void> send_oneway(std::string_view method, const Args& args, CallOptions options) {
    return request_oneway({method, &detail::encode_message<Args>, &args, nullptr}, options);
  }
  template <class Args, class = detail::MovableBody<Args>>
  Task<void> send_oneway(std::string_view method, Args&& args, CallOptions options) {
    return request_oneway({method, &detail::encode_message<Args>, &args, &detail::keep_moved<Args>},
                          options);
  }
  template <class Args>
  Task<void> send_oneway(std::string_view method, Args&& args) {
    return send_oneway(method, static_cast<Args&&>(args), CallOptions{});
  }

 protected:
  Channel() = default;
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;
};

}  // namespace corothrift
