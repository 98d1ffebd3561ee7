// ClientChannel: the one-connection Channel (request_channel.h). Many calls
// in flight on one connection, replies matched by seqid (they may come back
// in any order, or one at a time from a peer that serves requests
// sequentially, as Apache's servers do).
//
//   corothrift::ChannelOptions options;
//   options.call_timeout = std::chrono::seconds(2);
//   auto channel = co_await corothrift::ClientChannel::connect(
//       loop, corothrift::Address::ipv4("127.0.0.1", 9090), options);
//   Calculator_add_args args{1, 2};
//   Calculator_add_result result;
//   co_await channel->call("add", args, result);   // what generated clients do
//
// Calls issued in the same turn of the loop go out in one write. A timeout
// fails that call only (a late reply is dropped); a connection failure fails
// every pending call at once with TransportError, and the next call
// reconnects. Destroying the channel fails the calls still pending on it.
//
// Threads: a channel belongs to the loop it was connected on; use it (and
// destroy it) on that loop's thread only.
#pragma once

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <corothrift/address.h>
#include <corothrift/buffer.h>
#include <corothrift/detail/cancel.h>
#include <corothrift/detail/timer_heap.h>
#include <corothrift/event_loop.h>
#include <corothrift/limits.h>
#include <corothrift/protocol.h>
#include <corothrift/request_channel.h>
#include <corothrift/socket.h>
#include <corothrift/task.h>
#include <corothrift/transport_kind.h>
#include <corothrift/types.h>

namespace corothrift {

struct ChannelOptions {
  ProtocolKind protocol = ProtocolKind::Binary;
  TransportKind transport = TransportKind::Framed;
  // 0 = none. A call that times out throws TimeoutError; only that call fails.
  std::chrono::milliseconds call_timeout{0};
  std::chrono::milliseconds connect_timeout{5000};
  // While requests wait to be written, the server must take some of their
  // bytes within this long, or the connection fails: every call waiting on
  // it fails with TransportError ("... read no request bytes for the
  // write_timeout ..."), and the next call reconnects. It catches a server
  // that stopped reading without closing (stopped, wedged, or its host
  // gone without a reset) before the queued requests pile up. A server that
  // reads slowly but steadily is not failed, however long a large request
  // takes. Checked every half period: the failure comes between one and one
  // and a half periods after the last byte taken. Over HTTP, a write that
  // failed leaves the connection reading the replies already on their way;
  // a server that then neither answers nor closes fails the calls with the
  // write's own error at this timeout. 0 = never.
  std::chrono::milliseconds write_timeout{30000};
  // THeader only (transport = Header): compress each request with the
  // zlib transform. Replies are read whatever their transform.
  bool zlib = false;
  // HTTP only (transport = Http): the path each call is POSTed to, and the
  // Host header (empty: the address connected to).
  std::string http_path = "/";
  std::string http_host;
  // Non-empty: names go out as TMultiplexedProtocol's "Service:method".
  std::string service_name;
  // Applied to replies; max_frame_bytes also bounds what we send.
  DecodeLimits limits;
  // Wraps each connected socket into the stream the connection uses (see
  // StreamWrapper); empty: the plain socket.
  StreamWrapper wrap_stream;
};

class ClientChannel;

namespace detail {

class ChannelConnection;

// One call waiting for its reply. It lives in the calling coroutine's frame
// and sits in its connection's seqid table until completed (by the reply, a
// connection failure, its timer or its cancel scope). Destroying it while
// registered unregisters it. Loop thread only.
class PendingCall : private TimerNode, private CancelHook {
 public:
  PendingCall(DecodeBodyFn decode, void* result) noexcept
      : TimerNode(&on_timer), CancelHook(&on_cancel), decode_(decode), result_(result) {}
  PendingCall(const PendingCall&) = delete;
  PendingCall& operator=(const PendingCall&) = delete;
  ~PendingCall() { unregister(); }

  bool await_ready() const noexcept { return done_; }
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) {
    suspend(h, scope_of(h));
  }
  // Rethrows the call's failure, if any.
  void await_resume() const {
    if (error_) std::rethrow_exception(error_);
  }

  // Called by ChannelConnection.
  int32_t seqid() const noexcept { return seqid_; }
  void attach(ChannelConnection* conn, EventLoop& loop, int32_t seqid,
              Clock::duration timeout) noexcept {
    conn_ = conn;
    loop_ = &loop;
    seqid_ = seqid;
    timeout_ = timeout;
  }
  void decode(ProtocolKind kind, corothrift::ReadBuffer& in, const DecodeLimits& limits) {
    decode_(result_, kind, in, limits);
  }
  // Where the reply's THeader headers go; null: dropped.
  HeaderMap* reply_headers() const noexcept { return reply_headers_; }
  void set_reply_headers(HeaderMap* headers) noexcept { reply_headers_ = headers; }
  // Finishes a call already taken out of its connection's table (error null:
  // success) and resumes the caller during the loop's next turn.
  void complete(std::exception_ptr error) noexcept;
  // Makes a completed call ready to be registered and awaited again.
  void rearm() noexcept {
    done_ = false;
    error_ = nullptr;
  }

 private:
  void suspend(std::coroutine_handle<> h, CancelScope* scope);
  void unregister() noexcept;
  static void on_timer(TimerNode* node) noexcept;
  static void on_cancel(CancelHook* hook) noexcept;

  DecodeBodyFn decode_;
  void* result_;
  HeaderMap* reply_headers_ = nullptr;
  ChannelConnection* conn_ = nullptr;  // null once completed
  EventLoop* loop_ = nullptr;
  int32_t seqid_ = 0;
  Clock::duration timeout_{};
  bool done_ = false;
  std::coroutine_handle<> waiter_;
  std::exception_ptr error_;
};

// Waits until the bytes queued so far have been handed to the stream (oneway).
class FlushWaiter : private CancelHook {
 public:
  FlushWaiter(std::shared_ptr<ChannelConnection> conn, uint64_t target) noexcept
      : CancelHook(&on_cancel), conn_(std::move(conn)), target_(target) {}
  FlushWaiter(const FlushWaiter&) = delete;
  FlushWaiter& operator=(const FlushWaiter&) = delete;
  ~FlushWaiter();

  bool await_ready() noexcept;
  template <class P>
  void await_suspend(std::coroutine_handle<P> h) noexcept {
    suspend(h, scope_of(h));
  }
  void await_resume() const {
    if (error_) std::rethrow_exception(error_);
  }

  // Called by ChannelConnection.
  uint64_t target() const noexcept { return target_; }
  void complete(std::exception_ptr error) noexcept;
  FlushWaiter* next = nullptr;
  FlushWaiter* prev = nullptr;

 private:
  void suspend(std::coroutine_handle<> h, CancelScope* scope) noexcept;
  static void on_cancel(CancelHook* hook) noexcept;

  std::shared_ptr<ChannelConnection> conn_;
  uint64_t target_;
  bool linked_ = false;
  std::coroutine_handle<> waiter_;
  std::exception_ptr error_;
};

}  // namespace detail

class ClientChannel : public Channel {
 public:
  // Connects (within options.connect_timeout) and starts the connection's
  // reader. Throws TransportError / TimeoutError when it cannot connect.
  static Task<std::shared_ptr<ClientChannel>> connect(EventLoop& loop, Address address,
                                                      ChannelOptions options);
  // Default options. (Not a default argument: g++ 12 mis-copies a defaulted
  // by-value argument holding a std::string in a co_await expression.)
  static Task<std::shared_ptr<ClientChannel>> connect(EventLoop& loop, Address address);
  ClientChannel(EventLoop& loop, Address address, ChannelOptions options);
  ClientChannel(const ClientChannel&) = delete;
  ClientChannel& operator=(const ClientChannel&) = delete;
  ~ClientChannel() override;

  // Opens a connection now if there is none (calls do this by themselves).
  Task<void> reconnect();

  // Channel's entries (call and send_oneway, inherited, are their typed
  // front ends). A call sends the request, waits for the reply with the same
  // seqid and decodes it. An EXCEPTION reply throws TApplicationException; a
  // transport failure throws TransportError; a timeout (options.timeout,
  // else ChannelOptions::call_timeout) throws TimeoutError (the late reply is
  // dropped, the connection stays usable); a reply whose body does not decode
  // throws ProtocolError (a malformed header closes the connection, failing
  // every pending call). `args` is encoded once the channel has a connection
  // (a call that has to wait for a reconnect encodes after it); `result` must
  // live until the call finishes. A oneway completes once its bytes were
  // written to the stream; options.timeout does not apply to it yet.
  // Over HTTP, a server that closes after a response (HTTP/1.0, Connection:
  // close) processes none of the requests pipelined behind it: those are
  // sent again on a new connection (calls with a new seqid and their first
  // deadline; oneways first on the channel's next connection). A request
  // whose response was read is never sent again.
  Task<void> request_response(OutgoingRequest request, ReplyDecoder reply,
                              CallOptions options) override;
  Task<void> request_oneway(OutgoingRequest request, CallOptions options) override;

  // Fails every pending call with ConnectionClosed and aborts the stream;
  // the next call reconnects.
  void close() noexcept;
  // True while a connection is open (or being opened).
  bool connected() const noexcept;
  std::size_t pending_calls() const noexcept;
  EventLoop& loop() const noexcept override { return loop_; }
  const Address& address() const noexcept { return address_; }
  const ChannelOptions& options() const noexcept { return options_; }

 private:
  bool usable() const noexcept;
  int32_t next_seqid() noexcept { return static_cast<int32_t>(seqid_++ & 0x7fffffff); }
  // Appends one message to the output buffer, wakes the writer and returns
  // its seqid; if `args` fails to encode, or the message exceeds
  // options_.limits.max_frame_bytes (TransportError), nothing of it stays
  // queued. Runs synchronously.
  int32_t queue_message(const OutgoingRequest& request, MessageType type,
                        const CallOptions& options);
  // What is left of a call's `timeout` (0: none) started at `start`;
  // throws TimeoutError when nothing is.
  Clock::duration remaining(Clock::duration timeout, Clock::time_point start) const;
  detail::FlushWaiter flushed() noexcept;
  // Ends a call's HTTP turn: the next waiting call takes it.
  void pass_http_turn() noexcept;

  EventLoop& loop_;
  Address address_;
  ChannelOptions options_;
  uint32_t seqid_ = 1;     // wraps; seqids stay in 0..2^31-1
  std::string wire_name_;  // reused: "Service:method" or "method"
  std::string http_host_;  // the Host header when options_ name none
  std::shared_ptr<detail::ChannelConnection> conn_;
  // Calls that found no connection wait here while the first one connects.
  bool connecting_ = false;
  std::vector<std::coroutine_handle<>> connect_waiters_;
  std::exception_ptr connect_error_;
  // HTTP, after a server closed under pipelined calls: one call in flight
  // at a time; the others wait in order for the turn.
  bool http_one_at_a_time_ = false;
  bool http_turn_taken_ = false;
  std::deque<std::coroutine_handle<>> http_turn_waiters_;
};

}  // namespace corothrift
