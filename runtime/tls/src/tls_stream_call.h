// What tls_stream.cc (reads, handshake, failures) and tls_stream_write.cc
// (writes) share: the failure code and the one way an OpenSSL call is made.
#pragma once

#include <corothrift/tls/tls_stream.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "stream_bio.h"

namespace corothrift::tls {

// The kError code of a TLS failure; its text is in the stream (failure_).
// Outside errno's range, so the default throw_error never sees it.
inline constexpr int kTlsFailure = 0x7115;

template <typename Call>
int TlsStream::call(Call&& ssl_call) noexcept {
  int ret = 0;
  for (int attempt = 0; attempt < 8; ++attempt) {
    // SSL_get_error needs an empty queue; ERR_clear_error wipes all 16
    // slots (OpenSSL 3.0), a tenth of a small call's TLS work, so it runs
    // only when there is something to clear (peek looks at the head).
    if (ERR_peek_error() != 0) ERR_clear_error();
    bio_->reset();
    ret = ssl_call();
    if (ret == 1 || bio_->retry) break;
    int error = SSL_get_error(ssl_, ret);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) break;
  }
  return ret;
}

}  // namespace corothrift::tls
