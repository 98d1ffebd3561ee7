#include "channel_connection.h"

#include <corothrift/log.h>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <utility>

namespace corothrift::detail {
namespace {

std::span<const uint8_t> as_u8(std::span<const std::byte> bytes) noexcept {
  return {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
}

// What every waiting call sees when the connection fails: the cause, named.
std::exception_ptr describe_failure(const std::string& peer, std::exception_ptr cause) {
  try {
    std::rethrow_exception(cause);
  } catch (const ConnectionClosed& e) {
    return std::make_exception_ptr(ConnectionClosed(
        fmt::format("connection to {} lost: {}", peer, e.what()), e.errno_value()));
  } catch (const TransportError& e) {
    return std::make_exception_ptr(TransportError(
        fmt::format("connection to {} failed: {}", peer, e.what()), e.errno_value()));
  } catch (const std::exception& e) {
    return std::make_exception_ptr(
        TransportError(fmt::format("connection to {} closed after an error: {}", peer, e.what())));
  } catch (...) {
    return std::make_exception_ptr(
        TransportError(fmt::format("connection to {} closed after an unknown error", peer)));
  }
}

}  // namespace

ChannelConnection::ChannelConnection(EventLoop& loop, const ChannelOptions& options,
                                     std::unique_ptr<ByteStream> stream)
    : TimerNode(&on_timer),
      loop_(loop),
      framing_{options.protocol, options.transport},
      limits_(options.limits),
      peer_(stream->peer_address().to_string()),
      stream_(std::move(stream)),
      write_stall_(options.write_timeout) {
  out_.set_reference_threshold(kReferenceThreshold);
  sending_.set_reference_threshold(kReferenceThreshold);
}

ChannelConnection::~ChannelConnection() { loop_.remove_timer(*this); }

void ChannelConnection::start() {
  read_loop(shared_from_this()).start(loop_);
  write_loop(shared_from_this()).start(loop_);
}

void ChannelConnection::message_queued() noexcept {
  wake_writer();
  // The first request after a quiet spell starts the checks; they stop at
  // a check that finds nothing waiting.
  if (write_stall_.enabled() && !queued() && !failure_) {
    loop_.add_timer(*this, loop_.now() + write_stall_.period());
  }
}

void ChannelConnection::on_timer(TimerNode* node) noexcept {
  static_cast<ChannelConnection&>(*node).check_write_progress();
}

void ChannelConnection::check_write_progress() noexcept {
  if (failure_) return;
  const bool waiting = out_.total_size() != 0 || sending_.total_size() != 0;
  Clock::time_point next = Clock::time_point::max();
  if (!write_stall_.stalled(loop_.now(), waiting, written_total_, stream_.stream().watch().fd(),
                            next)) {
    // Looked at again while requests wait; once none does, the next
    // request arms the timer (message_queued).
    if (waiting) loop_.add_timer(*this, next);
    return;
  }
  // An HTTP writer that failed waits for the reader to see the stream end;
  // a server that keeps it open for the timeout gets the write's own error.
  if (write_error_) {
    fail(write_error_);
    return;
  }
  fail(std::make_exception_ptr(TransportError(fmt::format(
      "connection to {} failed: the server read no request bytes for the write_timeout of {} ms "
      "({} bytes of requests unsent)",
      peer_, std::chrono::duration_cast<std::chrono::milliseconds>(write_stall_.timeout()).count(),
      queued_total() - written_total_))));
}

void ChannelConnection::wake_writer() noexcept {
  if (parked_writer_) loop_.schedule(std::exchange(parked_writer_, {}));
}

void ChannelConnection::add(PendingCall& call, int32_t seqid, Clock::duration timeout) {
  call.attach(this, loop_, seqid, timeout);
  if (failure_) {
    call.complete(failure_);
    return;
  }
  calls_.insert(call);
}

void ChannelConnection::add_flush_waiter(FlushWaiter& waiter) noexcept {
  waiter.prev = flush_tail_;
  waiter.next = nullptr;
  (flush_tail_ ? flush_tail_->next : flush_head_) = &waiter;
  flush_tail_ = &waiter;
}

void ChannelConnection::remove_flush_waiter(FlushWaiter& waiter) noexcept {
  (waiter.prev ? waiter.prev->next : flush_head_) = waiter.next;
  (waiter.next ? waiter.next->prev : flush_tail_) = waiter.prev;
  waiter.prev = waiter.next = nullptr;
}

void ChannelConnection::complete_flushes() noexcept {
  while (flush_head_ != nullptr && flush_head_->target() <= written_total_) {
    FlushWaiter* waiter = flush_head_;
    remove_flush_waiter(*waiter);
    waiter->complete(nullptr);
  }
}

void ChannelConnection::fail(std::exception_ptr error) noexcept {
  if (failure_) return;
  failure_ = std::move(error);
  calls_.drain([&](PendingCall& call) { call.complete(failure_); });
  while (flush_head_ != nullptr) {
    FlushWaiter* waiter = flush_head_;
    remove_flush_waiter(*waiter);
    waiter->complete(failure_);
  }
  // Wakes the reader (end of stream) and a blocked writer (EPIPE).
  if (stream_.stream().is_open()) stream_.stream().abort();
  wake_writer();
}

Detached ChannelConnection::read_loop([[maybe_unused]] std::shared_ptr<ChannelConnection> self) {
  try {
    const bool http = framing_.transport == TransportKind::Http;
    while (!failure_) {
      std::span<const uint8_t> bytes = as_u8(stream_.available());
      NextMessage next = http ? next_http_response(bytes, limits_, http_, dechunked_)
                              : next_message(framing_, bytes, limits_);
      if (next.consumed == 0) {
        co_await stream_.read_at_least(next.need, next.goal);
        continue;
      }
      if (http) {
        handle_http_response(next.message);
      } else {
        handle_reply(next.message);
      }
      stream_.consume(next.consumed);
    }
  } catch (const ConnectionClosed& e) {
    // Bytes left over: the peer went away in the middle of a reply.
    const std::size_t partial = stream_.available().size();
    fail(describe_failure(
        peer_, partial == 0 ? std::current_exception()
                            : std::make_exception_ptr(ConnectionClosed(
                                  fmt::format("{}, {} bytes into a reply", e.what(), partial),
                                  e.errno_value()))));
  } catch (...) {
    fail(describe_failure(peer_, std::current_exception()));
  }
}

Detached ChannelConnection::write_loop([[maybe_unused]] std::shared_ptr<ChannelConnection> self) {
  try {
    while (!failure_) {
      if (out_.total_size() == 0) {
        co_await WriterWait{*this};
        continue;
      }
      std::swap(out_, sending_);
      queued_total_ += sending_.total_size();
      co_await stream_.write_buffer(sending_, 0, &written_total_);
      sending_.clear();
      complete_flushes();
    }
  } catch (...) {
    // An HTTP server that closes after a response may reset the connection
    // under requests still being written: the reader still takes the
    // responses that arrived (one may say which requests go again) and
    // fails the connection when the stream ends.
    if (framing_.transport != TransportKind::Http) {
      fail(describe_failure(peer_, std::current_exception()));
    } else {
      write_error_ = describe_failure(peer_, std::current_exception());
    }
  }
}

void ChannelConnection::handle_http_response(std::span<const uint8_t> body) {
  if (body.empty()) {
    http_sent_.acknowledged();
  } else {
    http_sent_.answered(handle_reply(body));
  }
  if (http_.close) {
    // The server closes after this response (HTTP/1.0, Connection: close)
    // and processes no request behind it.
    hand_back_unanswered();
    fail(std::make_exception_ptr(
        ConnectionClosed(fmt::format("{} closes the HTTP connection after a response", peer_))));
  }
}

void ChannelConnection::hand_back_unanswered() {
  for (HttpSentRequest& request : http_sent_.take_unanswered()) {
    if (request.oneway) {
      unprocessed_oneways_.push_back(std::move(request));
    } else if (PendingCall* call = calls_.take(request.seqid)) {
      call->complete(std::make_exception_ptr(UnprocessedRequest(
          fmt::format("{} closed the HTTP connection before processing this call", peer_))));
    }
  }
}

void ChannelConnection::resend_unprocessed_on(ChannelConnection& fresh) {
  for (HttpSentRequest& request : std::exchange(unprocessed_oneways_, {})) {
    fresh.out().append(request.bytes.bytes());
    fresh.http_request_queued(request.seqid, true, request.bytes.bytes());
  }
  fresh.message_queued();
}

int32_t ChannelConnection::handle_reply(std::span<const uint8_t> message) {
  ProtocolKind protocol = framing_.protocol;
  SharedBlock* block =
      framing_.transport == TransportKind::Http && http_.chunked ? nullptr : stream_.block();
  if (framing_.transport == TransportKind::Header) {
    parse_header_frame(message, limits_, header_, inflated_);
    // Apache's THeader servers flush an empty frame when they give up on a
    // request (then close); its readers skip frames without a message.
    if (header_.payload.empty()) return -1;  // no seqid of ours is negative
    message = header_.payload;
    protocol = header_.protocol;
    if (header_.zlib) block = nullptr;
  }
  corothrift::ReadBuffer in(message, block);
  HeaderView header = read_header_view(protocol, in, limits_);
  PendingCall* call = calls_.take(header.seqid);
  if (call == nullptr) {
    log(LogLevel::kDebug, "corothrift: dropping a reply from {} for seqid {} (no call waits)",
        peer_, header.seqid);
    return header.seqid;
  }
  if (call->reply_headers() != nullptr) *call->reply_headers() = std::move(header_.headers);
  std::exception_ptr error;
  try {
    if (header.type == MessageType::Reply) {
      call->decode(protocol, in, limits_);
    } else if (header.type == MessageType::Exception) {
      TApplicationException e;
      with_reader(protocol, in, limits_, [&](auto& r) { read_struct(r, e); });
      error = std::make_exception_ptr(std::move(e));
    } else {
      throw_protocol_error(ProtocolError::Kind::InvalidData,
                           fmt::format("reply of message type {}", static_cast<int>(header.type)));
    }
  } catch (...) {
    error = std::current_exception();
  }
  call->complete(std::move(error));
  return header.seqid;
}

}  // namespace corothrift::detail
