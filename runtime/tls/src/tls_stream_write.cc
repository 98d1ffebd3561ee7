// TlsStream's writes. Once the handshake is done, a try_write of more than
// a record seals up to kSealBytes of the caller's bytes into records and
// hands them to the stream below in one write: a 64 KiB message leaves in
// one sendmsg instead of one per 16 KiB record, and its reader wakes once
// (bench/README.md, TLS). The records go to a buffer of the loop thread;
// what the stream below does not take at once is kept in the stream
// (sealed_) and sent before anything else, and the caller learns that its
// bytes were taken only once all their records are out, as the ByteStream
// contract needs (a reader may be waiting for them, and the caller may have
// nothing more to write).
#include <corothrift/tls/tls_stream.h>

#include <openssl/ssl.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "piece_cursor.h"
#include "stream_bio.h"
#include "tls_stream_call.h"

namespace corothrift::tls {
namespace {

// A record carries at most this many bytes; smaller pieces are gathered
// into one record of up to this size.
constexpr std::size_t kRecordBytes = 16 * 1024;
// A single SSL_write from the caller's memory during the handshake takes at
// most this much.
constexpr std::size_t kMaxDirectWrite = 256 * 1024;
// One try_write seals at most this many of the caller's bytes: a 64 KiB
// message (and its frame header) in one go, without making the loop
// thread's buffer large.
constexpr std::size_t kSealBytes = 128 * 1024;

// Where one try_write's records collect: shared by the streams of the loop
// thread, as nothing suspends while it is filled and sent.
detail::ByteSink& sealing_space() {
  thread_local detail::ByteSink space;
  return space;
}

bool more_than_a_record(std::span<const iovec> pieces) noexcept {
  std::size_t size = 0;
  for (const iovec& piece : pieces) {
    size += piece.iov_len;
    if (size > kRecordBytes) return true;
  }
  return false;
}

}  // namespace

IoResult TlsStream::try_write(std::span<const iovec> pieces) noexcept {
  if (state_ == State::kFailed) return {0, IoStatus::kError, kTlsFailure};
  // What fits one record goes through the BIO as it is (sealing it would
  // only copy it once more); so does a record staged during the handshake.
  if (state_ == State::kOpen && staged_size_ == 0 &&
      (!sealed_.empty() || more_than_a_record(pieces))) {
    return write_sealed(pieces);
  }
  return write_record(pieces);
}

IoResult TlsStream::write_record(std::span<const iovec> pieces) noexcept {
  const void* data;
  std::size_t size;
  if (staged_size_ == 0 && pieces.front().iov_len >= kRecordBytes) {
    data = pieces.front().iov_base;
    size = std::min(pieces.front().iov_len, kMaxDirectWrite);
  } else {
    if (staged_size_ == 0) stage(pieces);
    data = staged_.data();
    size = staged_size_;
  }
  std::size_t written = 0;
  int ret = call([&] { return SSL_write_ex(ssl_, data, size, &written); });
  IoResult r = after_call(ret, Interest::kWrite);
  if (r.status != IoStatus::kDone) return r;
  r.bytes = written;
  if (data == staged_.data()) {
    // The rest stays staged: it is the head of what the caller passes next.
    std::memmove(staged_.data(), staged_.data() + written, staged_size_ - written);
    staged_size_ -= written;
  }
  return r;
}

IoResult TlsStream::write_sealed(std::span<const iovec> pieces) noexcept {
  if (!sealed_.empty()) {
    // Records of bytes the caller passes again (it was told kWantWrite).
    IoResult r = send_sealed();
    if (r.status != IoStatus::kDone || r.bytes != 0) return r;
  }
  detail::ByteSink& out = sealing_space();
  out.clear();
  bio_->sealed = &out;
  std::size_t taken = 0;
  int ret = 1;
  detail::PieceCursor cursor(pieces);
  while (ret == 1 && taken < kSealBytes && !cursor.done()) {
    std::span<const std::byte> head = cursor.head();
    const void* data = head.data();
    std::size_t size = std::min(head.size(), kSealBytes - taken);
    if (size < kRecordBytes) {
      // Once per stream (bad_alloc ends the process).
      if (staged_.size() < kRecordBytes) staged_.resize(kRecordBytes);
      size = cursor.copy_to(staged_.data(), kRecordBytes);
      data = staged_.data();
    }
    // One record (partial writes are on): the BIO appends it to `out`, and
    // never asks to retry.
    std::size_t written = 0;
    ret = call([&] { return SSL_write_ex(ssl_, data, size, &written); });
    if (ret != 1) break;
    cursor.advance(written);
    taken += written;
  }
  bio_->sealed = nullptr;
  IoResult r = ret == 1 ? IoResult{taken, IoStatus::kDone} : after_call(ret, Interest::kWrite);
  // Bytes sealed before a call that could not go on are taken all the same
  // (their records are in `out`); that call's answer comes again next time.
  if (taken > 0 && r.status != IoStatus::kError) r = {taken, IoStatus::kDone};
  return send_out({out.data(), out.size()}, r);
}

IoResult TlsStream::send_out(std::span<const unsigned char> out, IoResult result) noexcept {
  std::size_t sent = 0;
  IoStatus wait = IoStatus::kDone;
  while (sent < out.size()) {
    // try_write never writes through iov_base; the cast only fits its C type.
    const iovec piece{const_cast<unsigned char*>(out.data() + sent), out.size() - sent};
    IoResult r = inner_->try_write(std::span(&piece, 1));
    if (r.status == IoStatus::kWantRead || r.status == IoStatus::kWantWrite) {
      wait = r.status;
      break;
    }
    // A write never ends in order: the peer is gone.
    if (r.status == IoStatus::kEnd) return {0, IoStatus::kError, EPIPE};
    if (r.status == IoStatus::kError) return r;
    sent += r.bytes;
  }
  if (sent == out.size() || result.status == IoStatus::kError) return result;
  // Copied, as `out` may be the loop thread's (bad_alloc ends the process).
  sealed_.assign(out.begin() + static_cast<std::ptrdiff_t>(sent), out.end());
  sealed_taken_ = result.status == IoStatus::kDone ? result.bytes : 0;
  return {0, wait};
}

IoResult TlsStream::send_sealed() noexcept {
  // Taken out of the stream first, so it is freed once sent.
  std::vector<unsigned char> out = std::move(sealed_);
  sealed_.clear();
  return send_out(out, {sealed_taken_, IoStatus::kDone});
}

void TlsStream::stage(std::span<const iovec> pieces) noexcept {
  // Once per stream, on its first small write (bad_alloc ends the process).
  if (staged_.size() < kRecordBytes) staged_.resize(kRecordBytes);
  for (const iovec& piece : pieces) {
    std::size_t take = std::min(piece.iov_len, kRecordBytes - staged_size_);
    std::memcpy(staged_.data() + staged_size_, piece.iov_base, take);
    staged_size_ += take;
    if (staged_size_ == kRecordBytes) break;
  }
}

}  // namespace corothrift::tls
