#include "soak/chaos_stream.h"

#include <algorithm>
#include <array>
#include <cerrno>

#include "soak/payload.h"

namespace soak {
namespace {

constexpr corothrift::IoResult kReset{0, corothrift::IoStatus::kError, ECONNRESET};

}  // namespace

corothrift::StreamWrapper ChaosStream::wrapper(uint64_t mean_bytes, uint64_t seed,
                                               std::atomic<uint64_t>& drops) {
  // Shared by the copies std::function makes and by every worker thread.
  auto streams = std::make_shared<std::atomic<uint64_t>>(0);
  return [mean_bytes, seed, streams, counter = &drops](corothrift::Socket socket) {
    uint64_t budget = 0;
    if (mean_bytes != 0) budget = 1 + mix(seed ^ mix(streams->fetch_add(1))) % (2 * mean_bytes);
    return std::make_unique<ChaosStream>(std::make_unique<corothrift::Socket>(std::move(socket)),
                                         budget, *counter);
  };
}

bool ChaosStream::must_drop() noexcept {
  if (dropped_) return true;
  if (!drop_asked_ && !(counted_ && budget_ == 0)) return false;
  dropped_ = true;
  drops_->fetch_add(1, std::memory_order_relaxed);
  inner_->abort();
  return true;
}

void ChaosStream::spend(const corothrift::IoResult& r) noexcept {
  if (counted_ && r.status == corothrift::IoStatus::kDone) budget_ -= r.bytes;
}

corothrift::IoResult ChaosStream::try_read(std::span<std::byte> buffer) noexcept {
  if (must_drop()) return kReset;
  if (counted_) buffer = buffer.first(std::min<uint64_t>(buffer.size(), budget_));
  corothrift::IoResult r = inner_->try_read(buffer);
  spend(r);
  return r;
}

corothrift::IoResult ChaosStream::try_write(std::span<const iovec> pieces) noexcept {
  if (must_drop()) return kReset;
  if (!counted_) return inner_->try_write(pieces);
  // The leading pieces, the last one cut so the total stays within budget.
  constexpr std::size_t kPieces = 16;
  std::array<iovec, kPieces> cut;
  std::size_t n = 0;
  uint64_t left = budget_;
  for (const iovec& piece : pieces) {
    if (n == kPieces || left == 0) break;
    cut[n] = piece;
    cut[n].iov_len = std::min<uint64_t>(piece.iov_len, left);
    left -= cut[n].iov_len;
    ++n;
  }
  corothrift::IoResult r = inner_->try_write(std::span(cut.data(), n));
  spend(r);
  return r;
}

}  // namespace soak
