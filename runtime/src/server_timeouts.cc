// A server connection's timeouts (ServerOptions::idle_timeout,
// ::frame_read_timeout and ::write_timeout). They share the connection's one
// TimerNode, re-armed at each check for the nearest deadline. Once reading
// has ended (the peer half-closed, bad input, or draining) only the write
// timeout is checked, and the timer stops once the writer is done. Loop
// thread only.
#include <corothrift/log.h>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>

#include "server_connection.h"

namespace corothrift::detail {

bool ServerConnection::timers_wanted() const noexcept {
  return options_.idle_timeout.count() > 0 || options_.frame_read_timeout.count() > 0 ||
         options_.write_timeout.count() > 0;
}

void ServerConnection::waiting_for_bytes() noexcept {
  awaiting_bytes_ = true;
  if (!stream_.available().empty()) note_partial_message(loop_.now());
}

void ServerConnection::note_partial_message(Clock::time_point now) noexcept {
  if (message_at_ == consumed_) return;
  message_at_ = consumed_;
  message_seen_ = now;
}

bool ServerConnection::idle() const noexcept {
  // A reply still on its way to a slow reader is not idleness: closing then
  // would cut the reply off.
  return inflight_ == 0 && !output_waiting();
}

bool ServerConnection::output_waiting() const noexcept {
  return out.total_size() != 0 || sending_.total_size() != 0;
}

void ServerConnection::on_timer(TimerNode* node) noexcept {
  static_cast<ServerConnection&>(*node).check_timeouts();
}

void ServerConnection::check_timeouts() noexcept {
  if (closed_ || writer_done_) return;
  const Clock::time_point now = loop_.now();
  Clock::time_point next = Clock::time_point::max();
  if (!check_write_progress(now, next)) return;
  if (!reading_) {
    if (next != Clock::time_point::max()) loop_.add_timer(*this, next);
    return;
  }
  const std::chrono::milliseconds idle_timeout = options_.idle_timeout;
  const std::chrono::milliseconds frame_timeout = options_.frame_read_timeout;
  // Bytes received since the last look are activity, counted from this
  // check (so a close may come up to one period late): the reader wakes only
  // once a whole message, or the part it asked for, is in. A call's end and
  // a reply written out are activity too (finish_request, write_loop).
  const uint64_t received = consumed_ + stream_.available().size();
  if (received != received_at_tick_) touch();
  received_at_tick_ = received;
  // Bytes buffered while the reader waits for more: a message is arriving.
  // While reading is paused by our own bounds, the peer is not to blame.
  if (awaiting_bytes_ && !stream_.available().empty()) {
    note_partial_message(now);
  } else {
    message_at_ = kNoMessage;
  }
  if (frame_timeout.count() > 0 && message_at_ != kNoMessage &&
      now - message_seen_ >= frame_timeout) {
    abort(
        fmt::format("message incomplete after the frame_read_timeout of {} ms ({} bytes of "
                    "it arrived)",
                    frame_timeout.count(), stream_.available().size()));
    return;
  }
  if (idle_timeout.count() > 0 && idle() && last_activity_ + idle_timeout <= now) {
    abort(fmt::format("idle for {} ms", idle_timeout.count()), LogLevel::kInfo);
    return;
  }
  if (idle_timeout.count() > 0) {
    next = std::min(next, idle() ? last_activity_ + idle_timeout : now + idle_timeout);
  }
  if (frame_timeout.count() > 0) {
    // With no message arriving, look again in half a period: a message
    // first seen then is closed at most one and a half periods after its
    // first byte.
    Clock::time_point frame_due =
        message_at_ != kNoMessage
            ? message_seen_ + frame_timeout
            : now + std::max<Clock::duration>(frame_timeout / 2, std::chrono::milliseconds(1));
    next = std::min(next, frame_due);
  }
  if (next != Clock::time_point::max()) loop_.add_timer(*this, next);
}

bool ServerConnection::check_write_progress(Clock::time_point now,
                                            Clock::time_point& next) noexcept {
  if (!write_stall_.enabled()) return true;
  if (!write_stall_.stalled(now, output_waiting(), written_, stream_.stream().watch().fd(), next)) {
    return true;
  }
  // sending_ is written from sent_ on; the writer, if at it, has sent
  // written_ - written_at_send_ more.
  const uint64_t unsent = sending_.total_size() == 0
                              ? 0
                              : sending_.total_size() - sent_ - (written_ - written_at_send_);
  abort(
      fmt::format("the peer read no reply bytes for the write_timeout of {} ms ({} bytes of "
                  "replies unsent)",
                  options_.write_timeout.count(), out.total_size() + unsent));
  return false;
}

}  // namespace corothrift::detail
