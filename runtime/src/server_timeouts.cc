// A server connection's timeouts (ServerOptions::idle_timeout and
// ::frame_read_timeout). Both share the connection's one TimerNode, re-armed
// at each check for the nearer of the two deadlines; the timer is removed
// once reading has ended (a draining connection only sends). Loop thread
// only.
#include <corothrift/log.h>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>

#include "server_connection.h"

namespace corothrift::detail {

bool ServerConnection::timers_wanted() const noexcept {
  return options_.idle_timeout.count() > 0 || options_.frame_read_timeout.count() > 0;
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
  return inflight_ == 0 && out.total_size() == 0 && sending_.total_size() == 0;
}

void ServerConnection::on_timer(TimerNode* node) noexcept {
  static_cast<ServerConnection&>(*node).check_timeouts();
}

void ServerConnection::check_timeouts() noexcept {
  const Clock::time_point now = loop_.now();
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
  Clock::time_point next = Clock::time_point::max();
  if (idle_timeout.count() > 0) next = idle() ? last_activity_ + idle_timeout : now + idle_timeout;
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
  loop_.add_timer(*this, next);
}

}  // namespace corothrift::detail
