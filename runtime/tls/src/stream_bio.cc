#include "stream_bio.h"

#include <corothrift/tls/tls_context.h>

#include <sys/uio.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <new>

namespace corothrift::tls::detail {
namespace {

StreamBio& state_of(BIO* bio) noexcept { return *static_cast<StreamBio*>(BIO_get_data(bio)); }

// Turns a primitive's answer into a BIO result: 1 with `moved` set when
// bytes moved; otherwise 0, with a retry flag for kWant* (and the readiness
// to wait for remembered), or the end / error noted in `s`.
int finish(BIO* bio, StreamBio& s, const IoResult& r, size_t* moved) {
  switch (r.status) {
    case IoStatus::kDone:
      *moved = r.bytes;
      return 1;
    case IoStatus::kWantRead:
      s.retry = true;
      s.want = Interest::kRead;
      BIO_set_retry_read(bio);
      return 0;
    case IoStatus::kWantWrite:
      s.retry = true;
      s.want = Interest::kWrite;
      BIO_set_retry_write(bio);
      return 0;
    case IoStatus::kEnd:
      s.end = true;
      return 0;
    case IoStatus::kError:
      s.error = r.error != 0 ? r.error : EIO;
      return 0;
  }
  return 0;
}

int bio_read(BIO* bio, char* data, size_t size, size_t* read) {
  BIO_clear_retry_flags(bio);
  StreamBio& s = state_of(bio);
  IoResult r = s.inner->try_read(std::span(reinterpret_cast<std::byte*>(data), size));
  if (r.status == IoStatus::kDone && !s.first_byte_seen) {
    s.first_byte_seen = true;
    s.first_byte = static_cast<unsigned char>(data[0]);
  }
  return finish(bio, s, r, read);
}

int bio_write(BIO* bio, const char* data, size_t size, size_t* written) {
  BIO_clear_retry_flags(bio);
  StreamBio& s = state_of(bio);
  if (s.sealed != nullptr) {
    if (!s.sealed->append(data, size)) {
      s.error = ENOMEM;
      return 0;
    }
    *written = size;
    return 1;
  }
  // try_write never writes through iov_base; the cast only fits its C type.
  const iovec piece{const_cast<char*>(data), size};
  IoResult r = s.inner->try_write(std::span(&piece, 1));
  // A write never ends in order: the peer is gone.
  if (r.status == IoStatus::kEnd) r = {0, IoStatus::kError, EPIPE};
  return finish(bio, s, r, written);
}

long bio_ctrl(BIO*, int command, long, void*) {
  // Writes go straight to the stream, so there is nothing to flush; every
  // other request (pending bytes, kTLS, EOF queries) has no answer here.
  return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int bio_create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

int bio_destroy(BIO*) { return 1; }

// Made once, on first use, and kept for the process's life (OpenSSL's
// methods are immutable once set up; the static's initialisation is
// thread-safe).
const BIO_METHOD* stream_method() {
  static BIO_METHOD* method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "corothrift stream");
    if (m == nullptr) return m;
    BIO_meth_set_read_ex(m, bio_read);
    BIO_meth_set_write_ex(m, bio_write);
    BIO_meth_set_ctrl(m, bio_ctrl);
    BIO_meth_set_create(m, bio_create);
    BIO_meth_set_destroy(m, bio_destroy);
    return m;
  }();
  return method;
}

}  // namespace

bool ByteSink::append(const void* data, std::size_t size) noexcept {
  if (capacity_ - size_ < size) {
    std::size_t capacity = std::max(2 * capacity_, size_ + size);
    std::unique_ptr<unsigned char[]> bytes(new (std::nothrow) unsigned char[capacity]);
    if (!bytes) return false;
    if (size_ != 0) std::memcpy(bytes.get(), bytes_.get(), size_);
    bytes_ = std::move(bytes);
    capacity_ = capacity;
  }
  std::memcpy(bytes_.get() + size_, data, size);
  size_ += size;
  return true;
}

BIO* new_stream_bio(StreamBio& state) {
  const BIO_METHOD* method = stream_method();
  BIO* bio = method != nullptr ? BIO_new(method) : nullptr;
  if (bio == nullptr) throw TlsConfigError("TLS: cannot create the stream BIO (out of memory?)");
  BIO_set_data(bio, &state);
  return bio;
}

}  // namespace corothrift::tls::detail
