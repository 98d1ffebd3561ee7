#include <corothrift/channel.h>
#include <corothrift/errors.h>
#include <corothrift/socket.h>

#include <fmt/core.h>

#include <exception>
#include <string>
#include <utility>

#include "channel_connection.h"
#include "http_wire.h"
#include "theader.h"

namespace corothrift {

// ---- PendingCall ----

namespace detail {

void PendingCall::suspend(std::coroutine_handle<> h, CancelScope* scope) {
  waiter_ = h;
  if (scope != nullptr && scope->cancelled()) {
    on_cancel(this);
    return;
  }
  if (timeout_ > Clock::duration::zero()) loop_->add_timer(*this, loop_->now() + timeout_);
  if (scope != nullptr) scope->attach(*this);
}

void PendingCall::complete(std::exception_ptr error) noexcept {
  conn_ = nullptr;
  done_ = true;
  error_ = std::move(error);
  loop_->remove_timer(*this);
  CancelHook::detach();
  if (waiter_) loop_->schedule(std::exchange(waiter_, {}));
}

void PendingCall::unregister() noexcept {
  if (conn_ != nullptr) conn_->forget(*this);
  conn_ = nullptr;
  if (loop_ != nullptr) loop_->remove_timer(*this);
  CancelHook::detach();
}

void PendingCall::on_timer(TimerNode* node) noexcept {
  auto& call = static_cast<PendingCall&>(*node);
  if (call.conn_ != nullptr) call.conn_->forget(call);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(call.timeout_).count();
  call.complete(std::make_exception_ptr(
      TimeoutError(fmt::format("call (seqid {}) timed out after {} ms", call.seqid_, ms))));
}

void PendingCall::on_cancel(CancelHook* hook) noexcept {
  auto& call = static_cast<PendingCall&>(*hook);
  if (call.conn_ != nullptr) call.conn_->forget(call);
  call.complete(std::make_exception_ptr(CancelledError()));
}

// ---- FlushWaiter ----

FlushWaiter::~FlushWaiter() {
  if (linked_) conn_->remove_flush_waiter(*this);
}

bool FlushWaiter::await_ready() noexcept {
  if (std::exception_ptr failure = conn_->failure()) {
    error_ = failure;
    return true;
  }
  return conn_->written_total() >= target_;
}

void FlushWaiter::suspend(std::coroutine_handle<> h, CancelScope* scope) noexcept {
  waiter_ = h;
  linked_ = true;
  conn_->add_flush_waiter(*this);
  if (scope != nullptr && scope->cancelled()) {
    on_cancel(this);
  } else if (scope != nullptr) {
    scope->attach(*this);
  }
}

void FlushWaiter::complete(std::exception_ptr error) noexcept {
  linked_ = false;
  error_ = std::move(error);
  CancelHook::detach();
  conn_->loop().schedule(waiter_);
}

void FlushWaiter::on_cancel(CancelHook* hook) noexcept {
  auto& waiter = static_cast<FlushWaiter&>(*hook);
  waiter.conn_->remove_flush_waiter(waiter);
  waiter.complete(std::make_exception_ptr(CancelledError()));
}

}  // namespace detail

// ---- ClientChannel ----

namespace {

Task<std::shared_ptr<ClientChannel>> connect_channel(std::shared_ptr<ClientChannel> channel) {
  co_await channel->reconnect();
  co_return std::move(channel);
}

// What a call that waited for a successful connect gets when the new
// connection is gone by the time it resumes (the peer accepted and closed at
// once, or close() ran): the call was never sent. Not retried: a peer that
// accepts and drops connections (over its connection limit, say) would get
// twice the load, and the call that made the connect fails with the
// connection too. `cause` is the connection's failure; null after close().
std::exception_ptr closed_right_after_connect(const Address& address, std::exception_ptr cause) {
  std::string why = "the channel was closed";
  int error = 0;
  try {
    if (cause) std::rethrow_exception(cause);
  } catch (const TransportError& e) {
    why = e.what();
    error = e.errno_value();
  } catch (const std::exception& e) {
    why = e.what();
  } catch (...) {
  }
  return std::make_exception_ptr(ConnectionClosed(
      fmt::format("connection to {} closed right after connecting, before the call was sent ({})",
                  address.to_string(), why),
      error));
}

}  // namespace

Task<std::shared_ptr<ClientChannel>> ClientChannel::connect(EventLoop& loop, Address address,
                                                            ChannelOptions options) {
  return connect_channel(
      std::make_shared<ClientChannel>(loop, std::move(address), std::move(options)));
}

Task<std::shared_ptr<ClientChannel>> ClientChannel::connect(EventLoop& loop, Address address) {
  return connect(loop, std::move(address), ChannelOptions{});
}

ClientChannel::ClientChannel(EventLoop& loop, Address address, ChannelOptions options)
    : loop_(loop), address_(std::move(address)), options_(std::move(options)) {}

ClientChannel::~ClientChannel() { close(); }

void ClientChannel::close() noexcept {
  if (!conn_) return;
  conn_->fail(std::make_exception_ptr(
      ConnectionClosed(fmt::format("channel to {} closed", address_.to_string()))));
  conn_.reset();
}

bool ClientChannel::usable() const noexcept { return conn_ && conn_->open(); }

bool ClientChannel::connected() const noexcept { return usable() || connecting_; }

std::size_t ClientChannel::pending_calls() const noexcept { return conn_ ? conn_->pending() : 0; }

Task<void> ClientChannel::reconnect() {
  struct WaitForConnect {
    ClientChannel& channel;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) { channel.connect_waiters_.push_back(h); }
    void await_resume() const noexcept {}
  };
  if (connecting_) {
    co_await WaitForConnect{*this};
    if (usable()) co_return;
    if (connect_error_) std::rethrow_exception(connect_error_);
    std::rethrow_exception(
        closed_right_after_connect(address_, conn_ ? conn_->failure() : nullptr));
  }
  connecting_ = true;
  connect_error_ = nullptr;
  try {
    Socket socket = co_await corothrift::connect(loop_, address_, options_.connect_timeout);
    auto fresh = std::make_shared<detail::ChannelConnection>(
        loop_, options_, wrap_socket(std::move(socket), options_.wrap_stream));
    // Oneways an HTTP server closed the last connection without processing.
    if (conn_) conn_->resend_unprocessed_on(*fresh);
    conn_ = std::move(fresh);
    conn_->start();
  } catch (...) {
    connect_error_ = std::current_exception();
  }
  connecting_ = false;
  for (std::coroutine_handle<> h : std::exchange(connect_waiters_, {})) loop_.schedule(h);
  if (connect_error_) std::rethrow_exception(connect_error_);
}

Task<void> ClientChannel::request_response(OutgoingRequest request, ReplyDecoder reply,
                                           CallOptions options) {
  detail::PendingCall pending(reply.decode, reply.result);
  if (options.reply_headers != nullptr) options.reply_headers->clear();
  pending.set_reply_headers(options.reply_headers);
  const Clock::duration timeout = options.timeout.value_or(options_.call_timeout);
  const Clock::time_point start = loop_.now();
  // The call's turn, while the HTTP server closes after each response.
  struct WaitForTurn {
    ClientChannel& channel;
    bool await_ready() const noexcept { return !channel.http_turn_taken_; }
    void await_suspend(std::coroutine_handle<> h) { channel.http_turn_waiters_.push_back(h); }
    void await_resume() const noexcept { channel.http_turn_taken_ = true; }
  };
  struct Turn {
    ClientChannel* channel = nullptr;
    ~Turn() {
      if (channel != nullptr) channel->pass_http_turn();
    }
  } turn;
  for (;;) {
    if (http_one_at_a_time_ && turn.channel == nullptr) {
      co_await WaitForTurn{*this};
      turn.channel = this;
    }
    if (!usable()) co_await reconnect();
    int32_t seqid = queue_message(request, MessageType::Call, options);
    // A call sent again keeps its first deadline.
    conn_->add(pending, seqid, remaining(timeout, start));
    try {
      co_await pending;
      // A server that keeps the connection open after a response takes
      // pipelined calls again.
      if (usable()) http_one_at_a_time_ = false;
      co_return;
    } catch (const detail::UnprocessedRequest&) {
      // The HTTP server closed after an earlier response: it promised not to
      // process this request, so it goes again on a new connection (with a
      // new seqid). Every such close answered one request, so this ends.
      // The args are intact: HTTP encodes them by copy, never moving from
      // them (queue_message). Until a server keeps a connection open, calls
      // go one at a time: pipelining N calls to a server that takes one per
      // connection would send N(N+1)/2 requests.
      http_one_at_a_time_ = true;
    }
    pending.rearm();
  }
}

void ClientChannel::pass_http_turn() noexcept {
  if (http_turn_waiters_.empty()) {
    http_turn_taken_ = false;
    return;
  }
  // Handed over: the turn stays taken.
  loop_.schedule(http_turn_waiters_.front());
  http_turn_waiters_.pop_front();
}

Task<void> ClientChannel::request_oneway(OutgoingRequest request, CallOptions options) {
  if (!usable()) co_await reconnect();
  queue_message(request, MessageType::Oneway, options);
  co_await flushed();
}

int32_t ClientChannel::queue_message(const OutgoingRequest& request, MessageType type,
                                     const CallOptions& options) {
  if (options_.service_name.empty()) {
    wire_name_.assign(request.method);
  } else {
    wire_name_.assign(options_.service_name);
    wire_name_ += ':';
    wire_name_.append(request.method);
  }
  int32_t seqid = next_seqid();
  if (options_.transport == TransportKind::Http) {
    // Copied whole: the request head needs the body's length first.
    WriteBuffer message;
    detail::append_message(message, false, options_.limits.max_frame_bytes, request.encode,
                           request.args, nullptr, options_.protocol, wire_name_, type, seqid);
    const std::string& host =
        options_.http_host.empty() ? (http_host_ = address_.to_string()) : options_.http_host;
    const std::size_t at = conn_->out().size();  // HTTP requests are held, never referred to
    detail::append_http_request(conn_->out(), host, options_.http_path, message.bytes());
    conn_->http_request_queued(seqid, type == MessageType::Oneway,
                               conn_->out().bytes().subspan(at));
  } else if (options_.transport == TransportKind::Header) {
    detail::append_header_message(conn_->out(), {0, options_.zlib, &options.request_headers},
                                  options_.limits.max_frame_bytes, request.encode, request.args,
                                  request.keep, options_.protocol, wire_name_, type, seqid);
  } else {
    detail::append_message(conn_->out(), options_.transport == TransportKind::Framed,
                           options_.limits.max_frame_bytes, request.encode, request.args,
                           request.keep, options_.protocol, wire_name_, type, seqid);
  }
  conn_->message_queued();
  return seqid;
}

Clock::duration ClientChannel::remaining(Clock::duration timeout, Clock::time_point start) const {
  if (timeout <= Clock::duration::zero()) return timeout;
  Clock::duration left = timeout - (loop_.now() - start);
  if (left <= Clock::duration::zero()) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
    throw TimeoutError(
        fmt::format("call timed out after {} ms (before it could be sent again)", ms));
  }
  return left;
}

detail::FlushWaiter ClientChannel::flushed() noexcept {
  return detail::FlushWaiter(conn_, conn_->queued_total());
}

}  // namespace corothrift
