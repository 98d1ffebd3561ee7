#include "stream_bio.h"

#include <corothrift/tls/tls_context.h>

#include <sys/uio.h>

#include <climits>

namespace corothrift::tls::detail {
namespace {

StreamBio& state_of(BIO* bio) noexcept { return *static_cast<StreamBio*>(BIO_get_data(bio)); }

// kWant*: tell OpenSSL to retry, and remember which readiness to wait for.
void note_retry(BIO* bio, StreamBio& s, IoStatus status) noexcept {
  s.retry = true;
  s.want = status == IoStatus::kWantRead ? Interest::kRead : Interest::kWrite;
  if (status == IoStatus::kWantRead) {
    BIO_set_retry_read(bio);
  } else {
    BIO_set_retry_write(bio);
  }
}

int bio_read(BIO* bio, char* data, size_t size, size_t* read) {
  BIO_clear_retry_flags(bio);
  StreamBio& s = state_of(bio);
  IoResult r = s.inner->try_read(std::span(reinterpret_cast<std::byte*>(data), size));
  switch (r.status) {
    case IoStatus::kDone:
      if (!s.first_byte_seen) {
        s.first_byte_seen = true;
        s.first_byte = static_cast<unsigned char>(data[0]);
      }
      *read = r.bytes;
      return 1;
    case IoStatus::kWantRead:
    case IoStatus::kWantWrite:
      note_retry(bio, s, r.status);
      return 0;
    case IoStatus::kEnd:
      s.end = true;
      return 0;
    case IoStatus::kError:
      s.error = r.error;
      return 0;
  }
  return 0;
}

int bio_write(BIO* bio, const char* data, size_t size, size_t* written) {
  BIO_clear_retry_flags(bio);
  StreamBio& s = state_of(bio);
  // try_write never writes through iov_base; the cast only fits its C type.
  const iovec piece{const_cast<char*>(data), size};
  IoResult r = s.inner->try_write(std::span(&piece, 1));
  switch (r.status) {
    case IoStatus::kDone:
      *written = r.bytes;
      return 1;
    case IoStatus::kWantRead:
    case IoStatus::kWantWrite:
      note_retry(bio, s, r.status);
      return 0;
    case IoStatus::kEnd:
    case IoStatus::kError:
      s.error = r.error != 0 ? r.error : EPIPE;
      return 0;
  }
  return 0;
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

BIO* new_stream_bio(StreamBio& state) {
  const BIO_METHOD* method = stream_method();
  BIO* bio = method != nullptr ? BIO_new(method) : nullptr;
  if (bio == nullptr) throw TlsConfigError("TLS: cannot create the stream BIO (out of memory?)");
  BIO_set_data(bio, &state);
  return bio;
}

}  // namespace corothrift::tls::detail
