// ChaosStream: a ByteStream over another one that fails its connection on
// purpose, for the soak test. It drops the connection once a byte budget is
// spent (reads and writes count together; the last read or write is cut to
// the budget, so the peer usually sees a message cut short), or at its next
// read or write after drop_soon() (a soak server's handler asks for that
// through current_request_stream(), which hands out the stream as const).
// A drop aborts the inner stream and answers ECONNRESET from then on, which
// the connection above sees as its peer vanishing.
//
// Threads: one stream belongs to its connection's loop. The wrapper may be
// called from every server worker at once: it only touches atomics.
#pragma once

#include <corothrift/forwarding_stream.h>
#include <corothrift/socket.h>

#include <atomic>
#include <cstdint>
#include <memory>

namespace soak {

class ChaosStream final : public corothrift::ForwardingStream {
 public:
  // budget 0: never drop by count. `drops` counts this stream's drop (at
  // most one) and must outlive it.
  ChaosStream(std::unique_ptr<corothrift::ByteStream> inner, uint64_t budget,
              std::atomic<uint64_t>& drops) noexcept
      : ForwardingStream(std::move(inner)), budget_(budget), drops_(&drops) {}

  // Streams whose budgets are drawn uniformly from [1, 2 * mean_bytes]
  // (mean_bytes 0: no count drops), each from its own seed derived from
  // `seed`. `drops` must outlive every stream made.
  static corothrift::StreamWrapper wrapper(uint64_t mean_bytes, uint64_t seed,
                                           std::atomic<uint64_t>& drops);

  // Drops the connection at the stream's next read or write. const because
  // handlers see their request's stream as const; loop thread only.
  void drop_soon() const noexcept { drop_asked_ = true; }

  corothrift::IoResult try_read(std::span<std::byte> buffer) noexcept override;
  corothrift::IoResult try_write(std::span<const iovec> pieces) noexcept override;

 private:
  // True (after dropping) when this stream must fail now.
  bool must_drop() noexcept;
  void spend(const corothrift::IoResult& r) noexcept;

  uint64_t budget_;  // bytes left before the drop; 0: no budget
  bool counted_ = budget_ != 0;
  bool dropped_ = false;
  mutable bool drop_asked_ = false;
  std::atomic<uint64_t>* drops_;
};

}  // namespace soak
