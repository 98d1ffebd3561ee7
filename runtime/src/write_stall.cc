#include "write_stall.h"

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <chrono>

namespace corothrift::detail {
namespace {

// Bytes in the socket's send queue not yet taken by the peer (TCP: unsent
// or unacknowledged; Unix: unread), or -1 when `fd` cannot say.
int kernel_send_queue(int fd) noexcept {
  int queued = 0;
  if (fd < 0 || ::ioctl(fd, SIOCOUTQ, &queued) != 0) return -1;
  return queued;
}

}  // namespace

Clock::duration WriteStall::period() const noexcept {
  return std::max<Clock::duration>(timeout_ / 2, std::chrono::milliseconds(1));
}

bool WriteStall::stalled(Clock::time_point now, bool waiting, std::uint64_t taken, int fd,
                         Clock::time_point& next) noexcept {
  const int queued = waiting ? kernel_send_queue(fd) : -1;
  if (!waiting || !waited_ || taken != taken_ || queued != queued_) since_ = now;
  waited_ = waiting;
  taken_ = taken;
  queued_ = queued;
  if (waiting && now - since_ >= timeout_) return true;
  Clock::time_point due = now + period();
  if (waiting) due = std::min(due, since_ + timeout_);
  next = std::min(next, due);
  return false;
}

}  // namespace corothrift::detail
