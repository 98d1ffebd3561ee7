#include "scripted_stream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace corothrift::fuzz {

ScriptedStream::ScriptedStream(std::unique_ptr<ByteStream> inner, std::string input,
                               std::string cuts, bool gated, std::function<void()> on_destroyed)
    : inner_(std::move(inner)),
      input_(std::move(input)),
      cuts_(std::move(cuts)),
      on_destroyed_(std::move(on_destroyed)),
      gated_(gated) {}

ScriptedStream::~ScriptedStream() {
  inner_.reset();
  if (on_destroyed_) on_destroyed_();
}

std::size_t ScriptedStream::next_cut() noexcept {
  if (cuts_.empty()) return input_.size();
  auto size = static_cast<unsigned char>(cuts_[next_cut_++ % cuts_.size()]);
  return size == 0 ? input_.size() : size;
}

IoResult ScriptedStream::try_read(std::span<std::byte> buffer) noexcept {
  if (gated_ && !aborted_) return {0, IoStatus::kWantRead, 0};
  if (aborted_ || read_ == input_.size()) return {0, IoStatus::kEnd, 0};
  std::size_t n = std::min({buffer.size(), input_.size() - read_, next_cut()});
  std::memcpy(buffer.data(), input_.data() + read_, n);
  read_ += n;
  return {n, IoStatus::kDone, 0};
}

IoResult ScriptedStream::try_write(std::span<const iovec> pieces) noexcept {
  if (aborted_) return {0, IoStatus::kError, EPIPE};
  std::size_t n = 0;
  for (const iovec& piece : pieces) n += piece.iov_len;
  written_ += n;
  return {n, IoStatus::kDone, 0};
}

void ScriptedStream::abort() noexcept {
  aborted_ = true;
  inner_->abort();
}

}  // namespace corothrift::fuzz
