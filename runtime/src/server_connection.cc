#include "server_connection.h"

#include <corothrift/log.h>
#include <corothrift/request_stream.h>

#include <sys/uio.h>

#include <fmt/core.h>

#include <exception>
#include <utility>

#include "memory_return.h"
#include "server_worker.h"

namespace corothrift::detail {
namespace {

std::span<const uint8_t> as_u8(std::span<const std::byte> bytes) noexcept {
  return {reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
}

std::string peer_name(const ByteStream& stream) {
  try {
    return stream.peer_address().to_string();
  } catch (const std::exception&) {
    return "unknown peer";
  }
}

}  // namespace

void ServerConnection::start(ServerWorker& worker, std::unique_ptr<ByteStream> stream) noexcept {
  ServerConnection* conn = nullptr;
  try {
    conn = new ServerConnection(worker, std::move(stream));
  } catch (const std::exception& e) {
    log(LogLevel::kWarn, "corothrift server: cannot serve a new connection: {}", e.what());
    worker.connection_closed();
    return;
  }
  // From here release() does the bookkeeping, when the last reference goes.
  Ref self(conn);
  try {
    conn->read_loop(self).start(conn->loop_, &conn->read_scope_);
    conn->write_loop(self).start(conn->loop_);
  } catch (const std::exception& e) {
    conn->abort(e.what());
  }
}

ServerConnection::ServerConnection(ServerWorker& worker, std::unique_ptr<ByteStream> stream)
    : TimerNode(&on_timer),
      worker_(worker),
      loop_(worker.loop()),
      options_(worker.options()),
      peer_(peer_name(*stream)),
      stream_(std::move(stream)),
      write_stall_(options_.write_timeout) {
  on_reply = &on_reply_queued;
  loop = &loop_;
  out.set_reference_threshold(kReferenceThreshold);
  sending_.set_reference_threshold(kReferenceThreshold);
  touch();
  if (timers_wanted()) check_timeouts();
  worker_.link(*this);
  note_connection_opened();
}

ServerConnection::~ServerConnection() {
  loop_.remove_timer(*this);
  worker_.unlink(*this);
}

void ServerConnection::release() noexcept {
  if (--refs_ != 0) return;
  ServerWorker& worker = worker_;
  delete this;
  // Counted as closed once its socket is closed and its memory freed, so
  // that the return to the kernel below includes it, and a caller that sees
  // the server's count drop sees the connection's resources gone.
  worker.connection_closed();
  note_connection_closed();
}

void ServerConnection::drain() noexcept {
  draining_ = true;
  read_scope_.cancel();
  wake(parked_reader_);
}

void ServerConnection::abort(std::string_view reason, LogLevel level) noexcept {
  if (closed_) return;
  closed_ = true;
  log(level, "corothrift server: closing connection from {}: {}", peer_, reason);
  if (stream_.stream().is_open()) stream_.stream().abort();
  read_scope_.cancel();
  wake(parked_reader_);
  wake(parked_writer_);
}

void ServerConnection::wake(std::coroutine_handle<>& slot) noexcept {
  if (slot) loop_.schedule(std::exchange(slot, {}));
}

void ServerConnection::touch() noexcept { last_activity_ = loop_.now(); }

bool ServerConnection::has_capacity() const noexcept {
  return inflight_ < options_.max_inflight_per_connection &&
         out.total_size() + sending_.total_size() + http_order_.held_bytes() <
             options_.max_pending_output_bytes;
}

Detached ServerConnection::read_loop([[maybe_unused]] Ref self) {
  const Framing fallback{options_.protocol, options_.transport};
  try {
    while (!draining_ && !closed_) {
      if (!has_capacity()) {
        flush_now();
        // A flush that sent everything made room, and woke nobody: parking
        // now would wait for a wake that never comes.
        if (has_capacity()) continue;
        co_await Park{parked_reader_};
        continue;
      }
      std::span<const uint8_t> bytes = as_u8(stream_.available());
      if (!framing_) {
        framing_ = options_.auto_detect ? detect_framing(bytes, fallback) : fallback;
        if (!framing_) {
          waiting_for_bytes();
          co_await stream_.read_more();
          awaiting_bytes_ = false;
          continue;
        }
        framed = framing_->transport == TransportKind::Framed;
        ReplySink::http = is_http();
      }
      NextMessage next = next_request(bytes);
      if (next.consumed == 0 && next.need != 0) {
        flush_now();
        waiting_for_bytes();
        co_await stream_.read_at_least(next.need, next.goal);
        awaiting_bytes_ = false;
        continue;
      }
      // A THeader frame without a message carries nothing to answer
      // (Apache's readers skip it too).
      if (!next.message.empty()) dispatch(next.message);
      stream_.consume(next.consumed);
      consumed_ += next.consumed;
      // HTTP/1.0, or Connection: close: this was the last request.
      if (is_http() && http_.close) draining_ = true;
    }
  } catch (const CancelledError&) {
  } catch (const HttpError& e) {
    // After the responses to the requests before it.
    ReplySink& slot = http_order_.open();
    append_http_error(slot.out, e.status(), e.what());
    http_order_.complete(slot);
    http_order_.finish(slot);
    log(LogLevel::kWarn, "corothrift server: answering {} and closing connection from {}: {}",
        e.status(), peer_, e.what());
  } catch (const ConnectionClosed& e) {
    if (!closed_ && !stream_.available().empty()) {
      log(LogLevel::kInfo, "corothrift server: {} closed the connection mid-message", peer_);
    }
  } catch (const std::exception& e) {
    // Replies to the requests before the bad bytes still go out.
    log(LogLevel::kWarn, "corothrift server: closing connection from {}: {}", peer_, e.what());
  }
  reading_ended();
}

NextMessage ServerConnection::next_request(std::span<const uint8_t> bytes) {
  if (is_http()) {
    NextMessage next =
        next_http_request(bytes, options_.limits, http_, dechunked_, options_.http_path);
    if (next.consumed != 0) framing_->protocol = http_body_protocol(next.message);
    return next;
  }
  NextMessage next = next_message(*framing_, bytes, options_.limits);
  if (next.consumed == 0) return next;
  settle_protocol(*framing_, next.message);
  if (framing_->transport == TransportKind::Header) {
    parse_header_frame(next.message, options_.limits, header_, inflated_);
    next.message = header_.payload;
  }
  return next;
}

void ServerConnection::stop_reading(std::string_view reason) noexcept {
  if (!draining_) {
    log(LogLevel::kWarn, "corothrift server: closing connection from {}: {}", peer_, reason);
  }
  draining_ = true;
  read_scope_.cancel();
  wake(parked_reader_);
}

void ServerConnection::reading_ended() noexcept {
  reading_ = false;
  // Replies still to go out keep the write timeout's checks.
  if (!write_stall_.enabled()) loop_.remove_timer(*this);
  wake(parked_writer_);
}

void ServerConnection::dispatch(std::span<const uint8_t> message) {
  ++inflight_;
  starting_ = nullptr;
  dispatching_ = true;
  {
    // The handler's synchronous start runs inside start().
    RequestStreamScope current(&stream_.stream());
    ReplySink& sink = is_http() ? http_order_.open() : static_cast<ReplySink&>(*this);
    run_request(Ref(this), message, sink).start(loop_);
  }
  set_current_request_headers(nullptr);
  dispatching_ = false;
  // Still running: it may not have read its args yet, and the stream's
  // bytes are about to be reused.
  if (starting_ != nullptr) std::exchange(starting_, nullptr)->own_bytes();
}

Detached ServerConnection::run_request([[maybe_unused]] Ref self, std::span<const uint8_t> message,
                                       ReplySink& sink) {
  try {
    // A THeader request's payload may lie in inflated_ rather than in the
    // stream's block; header_ describes it until the next frame is parsed.
    const bool header = framing_->transport == TransportKind::Header;
    const bool copied = (header && header_.zlib) || (is_http() && http_.chunked);
    ServerRequest req(header ? header_.protocol : framing_->protocol, message, options_.limits,
                      sink, copied ? nullptr : stream_.block());
    if (is_http()) start_http_exchange(sink, req.oneway());
    // Replies go out uncompressed, as Apache's servers send them: libthrift
    // 0.17's C++ THeaderTransport corrupts its heap inflating a frame that
    // grows past its receive buffer.
    if (header) req.use_header_wire(header_.flags, false, std::move(header_.headers));
    starting_ = &req;
    // For the handler's synchronous start only; dispatch() clears it.
    set_current_request_headers(&req.headers());
    bool handled = true;
    try {
      handled = co_await worker_.processor().process(req);
    } catch (const ProtocolError& e) {
      stop_reading(fmt::format("malformed request '{}': {}", req.full_name(), e.what()));
    } catch (const std::exception& e) {
      log(LogLevel::kWarn, "corothrift server: '{}' from {} failed: {}", req.full_name(), peer_,
          e.what());
      req.write_exception(
          TApplicationException(TApplicationException::Type::InternalError, e.what()));
    } catch (...) {
      req.write_exception(
          TApplicationException(TApplicationException::Type::InternalError, "unknown exception"));
    }
    if (!handled) {
      req.write_exception(
          TApplicationException(TApplicationException::Type::UnknownMethod,
                                fmt::format("Invalid method name: '{}'", req.full_name())));
    }
    if (starting_ == &req) starting_ = nullptr;
  } catch (const std::exception& e) {
    stop_reading(fmt::format("malformed request: {}", e.what()));
  }
  // A request that ended unanswered (malformed) holds back later answers.
  if (is_http()) http_order_.finish(sink);
  finish_request();
}

void ServerConnection::start_http_exchange(ReplySink& slot, bool oneway) {
  // A call's reply completes its slot.
  if (!oneway) return;
  // A oneway is answered at once (in its turn) with an empty 200, what
  // Python's THttpClient waits for, except to Apache's C++ THttpClient,
  // which reads no response to a oneway and would take it for its next
  // call's.
  if (http_.user_agent.find("C++/THttpClient") == std::string::npos) {
    append_http_response(slot.out, {});
  }
  http_order_.complete(slot);
}

void ServerConnection::finish_request() noexcept {
  // Idle time counts from the last call's end: a call that outlasted the
  // idle timeout must not be followed by a close at the timer's next tick.
  if (--inflight_ == 0) touch();
  wake(parked_reader_);
  if (!reading_ && inflight_ == 0) wake(parked_writer_);
}

void ServerConnection::on_reply_queued(ReplySink* sink) noexcept {
  auto& conn = static_cast<ServerConnection&>(*sink);
  if (conn.writer_done_) {
    conn.out.clear();
    return;
  }
  // Replies made while the reader dispatches go out together at the end of
  // its batch (flush_now); later ones through the writer.
  if (!conn.dispatching_) conn.wake(conn.parked_writer_);
}

void ServerConnection::flush_now() noexcept {
  if (!parked_writer_ || closed_) return;
  const std::size_t total = out.total_size();
  if (total == 0) return;
  // One write of what fits in a few pieces; the writer sends any rest (and
  // meets any error again, and handles it).
  constexpr std::size_t kMaxPieces = 16;
  iovec iov[kMaxPieces];
  std::size_t pieces = 0;
  out.for_each_piece(0, [&](std::span<const uint8_t> piece) {
    // try_write never writes through iov_base; the cast only fits its C type.
    iov[pieces++] = {const_cast<uint8_t*>(piece.data()), piece.size()};
    return pieces < kMaxPieces;
  });
  IoResult r = stream_.stream().try_write(std::span(iov, pieces));
  if (r.status == IoStatus::kDone) written_ += r.bytes;
  if (r.status == IoStatus::kDone && r.bytes == total) {
    // Given back, not kept: the connection may now stay idle for long.
    out.release();
    return;
  }
  if (r.status == IoStatus::kDone) {
    // The writer sends the rest once the stream has room.
    std::swap(out, sending_);
    sent_ = r.bytes;
    written_at_send_ = written_;
  }
  wake(parked_writer_);
}

Detached ServerConnection::write_loop([[maybe_unused]] Ref self) {
  try {
    while (!closed_) {
      if (sending_.total_size() == 0) {
        if (out.total_size() == 0) {
          if (!reading_ && inflight_ == 0) break;
          co_await Park{parked_writer_};
          continue;
        }
        std::swap(out, sending_);
      }
      written_at_send_ = written_;
      co_await stream_.write_buffer(sending_, sent_, &written_);
      // Given back, not kept: the connection may now stay idle for long.
      sending_.release();
      sent_ = 0;
      // A reply that took long to reach a slow reader: idle time counts from
      // when it was out.
      if (out.total_size() == 0) touch();
      wake(parked_reader_);
    }
  } catch (const std::exception& e) {
    abort(fmt::format("write failed: {}", e.what()));
  }
  writer_done_ = true;
  // Frees the results kept for replies that will not be sent now.
  out.clear();
  sending_.clear();
  // Unblocks a reader still waiting on a peer that stopped reading.
  if (stream_.stream().is_open()) stream_.stream().abort();
}

}  // namespace corothrift::detail
