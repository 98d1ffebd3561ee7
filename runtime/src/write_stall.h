// Whether a connection's peer takes the bytes written to it: the stall check
// behind ServerOptions::write_timeout and ChannelOptions::write_timeout.
//
// Looked at every half period while bytes wait to be written. Progress is
// either count moving: the bytes the connection's stream has taken, or the
// bytes in the socket's kernel send queue (SIOCOUTQ), which shrinks as the
// peer reads. The second matters for slow readers: a socket is reported
// writable again only once about a third of its send buffer (which grows to
// megabytes) has drained, so a peer reading steadily at tens of KB/s could
// leave the first count still for longer than the timeout. A stall is
// counted from the first check that sees neither move, so a close comes
// between one and one and a half periods after the last sign of progress.
// Loop thread only.
#pragma once

#include <corothrift/detail/timer_heap.h>

#include <cstdint>

namespace corothrift::detail {

class WriteStall {
 public:
  explicit WriteStall(Clock::duration timeout) noexcept : timeout_(timeout) {}

  bool enabled() const noexcept { return timeout_.count() > 0; }
  Clock::duration timeout() const noexcept { return timeout_; }
  // How often to look while nothing waits.
  Clock::duration period() const noexcept;

  // One look. `waiting`: bytes wait to be written; `taken`: the bytes the
  // stream has taken so far; `fd`: the socket under the stream (a descriptor
  // that is not a socket only gives up the second count). True when the
  // peer has taken nothing for the timeout; otherwise `next` is lowered to
  // when to look again.
  bool stalled(Clock::time_point now, bool waiting, std::uint64_t taken, int fd,
               Clock::time_point& next) noexcept;

 private:
  Clock::duration timeout_;
  bool waited_ = false;
  std::uint64_t taken_ = 0;
  int queued_ = -1;
  Clock::time_point since_{};
};

}  // namespace corothrift::detail
