// A test-only ByteStream over another one: each read hands out, and each
// write takes, at most the next size of a cycle of Fibonacci numbers
// (1, 2, 3, 5, ... 4181), so every framer and decoder on both sides meets
// messages split at every kind of boundary (half the sizes are below 100
// bytes) while a megabyte still moves in a few thousand calls. It works
// through the same seam a TLS stream will use. Counts its primitive calls
// (from any thread) so a test can tell traffic really went through it.
#pragma once

#include <corothrift/byte_stream.h>
#include <corothrift/forwarding_stream.h>
#include <corothrift/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <memory>
#include <span>
#include <utility>

namespace e2e_test {

class ChoppedStream final : public corothrift::ForwardingStream {
 public:
  // `phase` picks where in the cycle reads start (writes start elsewhere).
  ChoppedStream(std::unique_ptr<corothrift::ByteStream> inner, std::size_t phase,
                std::atomic<std::size_t>& calls)
      : ForwardingStream(std::move(inner)),
        next_read_(phase),
        next_write_(phase + 7),
        calls_(&calls) {}

  // A wrapper for ChannelOptions / ServerOptions; `calls` must outlive every
  // stream it makes.
  static corothrift::StreamWrapper wrapper(std::size_t phase, std::atomic<std::size_t>& calls) {
    return [phase, counter = &calls](corothrift::Socket socket) {
      return std::make_unique<ChoppedStream>(
          std::make_unique<corothrift::Socket>(std::move(socket)), phase, *counter);
    };
  }

  corothrift::IoResult try_read(std::span<std::byte> buffer) noexcept override {
    calls_->fetch_add(1, std::memory_order_relaxed);
    return inner_->try_read(buffer.first(std::min(buffer.size(), next_size(next_read_))));
  }

  // Keeps the caller's leading bytes, cut to the next size (and to kPieces).
  // A retry after kWantWrite may get a different cut of the same leading
  // bytes, which a plain socket allows.
  corothrift::IoResult try_write(std::span<const iovec> pieces) noexcept override {
    calls_->fetch_add(1, std::memory_order_relaxed);
    std::array<iovec, kPieces> cut;
    std::size_t n = 0;
    std::size_t budget = next_size(next_write_);
    for (const iovec& piece : pieces) {
      if (n == kPieces || budget == 0) break;
      cut[n] = piece;
      cut[n].iov_len = std::min(piece.iov_len, budget);
      budget -= cut[n].iov_len;
      ++n;
    }
    return inner_->try_write(std::span(cut.data(), n));
  }

 private:
  static constexpr std::size_t kPieces = 8;
  static constexpr std::array<std::size_t, 18> kSizes = {
      1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181};

  static std::size_t next_size(std::size_t& index) noexcept {
    return kSizes[index++ % kSizes.size()];
  }

  std::size_t next_read_;
  std::size_t next_write_;
  std::atomic<std::size_t>* calls_;
};

}  // namespace e2e_test
