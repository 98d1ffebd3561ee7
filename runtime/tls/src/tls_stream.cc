#include <corothrift/tls/tls_stream.h>

#include <corothrift/errors.h>
#include <corothrift/event_loop.h>
#include <corothrift/request_stream.h>
#include <corothrift/socket.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fmt/core.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "ssl_text.h"
#include "stream_bio.h"
#include "tls_stream_call.h"

namespace corothrift::tls {
namespace {

int stream_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

TlsStream* stream_of(const SSL* ssl) {
  return static_cast<TlsStream*>(SSL_get_ex_data(ssl, stream_index()));
}

void on_message(int write_p, int, int content_type, const void* buf, size_t len, SSL* ssl, void*) {
  if (write_p || len == 0) return;
  if (TlsStream* stream = stream_of(ssl)) {
    stream->note_handshake_message(content_type, *static_cast<const unsigned char*>(buf));
  }
}

}  // namespace

TlsStream::TlsStream(ssl_st* ssl, std::unique_ptr<ByteStream> inner, TlsRole role,
                     std::chrono::milliseconds handshake_timeout)
    : inner_(std::move(inner)), ssl_(ssl), role_(role), handshake_timeout_(handshake_timeout) {
  try {
    bio_ = std::make_unique<detail::StreamBio>(*inner_);
    BIO* bio = detail::new_stream_bio(*bio_);
    SSL_set_bio(ssl_, bio, bio);  // one reference, taken by the SSL
  } catch (...) {
    SSL_free(ssl_);
    throw;
  }
  SSL_set_ex_data(ssl_, stream_index(), this);
  SSL_set_msg_callback(ssl_, &on_message);
  if (role_ == TlsRole::kServer) {
    SSL_set_accept_state(ssl_);
  } else {
    SSL_set_connect_state(ssl_);
  }
  loop_ = &inner_->loop();
  over_socket_ = dynamic_cast<Socket*>(inner_.get()) != nullptr;
  if (handshake_timeout_.count() > 0) loop_->add_timer(timer_, loop_->now() + handshake_timeout_);
}

TlsStream::~TlsStream() {
  loop_->remove_timer(timer_);
  // OpenSSL marks the session of an SSL freed without close_notify as not
  // resumable; a connection that was healthy until we dropped it is as
  // good to resume as one closed politely. A failed one stays marked.
  if (state_ == State::kOpen) SSL_set_shutdown(ssl_, SSL_SENT_SHUTDOWN);
  SSL_free(ssl_);
}

// ---- primitives ----

IoResult TlsStream::try_read(std::span<std::byte> buffer) noexcept {
  if (state_ == State::kFailed) return {0, IoStatus::kError, kTlsFailure};
  if (known_drained()) return {0, IoStatus::kWantRead};
  // SSL_read_ex hands out at most one record; the records OpenSSL holds and
  // those the socket has ready fill the rest of the buffer in the same call,
  // so a large message reaches the reader in one piece, not in 16 KiB
  // pieces that each grow (and copy) the reader's buffer again.
  std::size_t total = 0;
  do {
    std::size_t read = 0;
    int ret = call(
        [&] { return SSL_read_ex(ssl_, buffer.data() + total, buffer.size() - total, &read); });
    IoResult r = after_call(ret, Interest::kRead);
    if (r.status != IoStatus::kDone) {
      if (total == 0) return r;
      // The next call meets it again: OpenSSL keeps a received close_notify,
      // an end without one and a failure; a kWant* from an EAGAIN is
      // answered by known_drained.
      break;
    }
    total += read;
  } while (total < buffer.size() && !known_drained());
  return {total, IoStatus::kDone};
}

void TlsStream::shutdown_write() {
  if (state_ == State::kOpen) {
    ERR_clear_error();
    bio_->reset();
    // Best effort: a close_notify that does not fit now is not waited for.
    (void)SSL_shutdown(ssl_);
  }
  inner_->shutdown_write();
}

void TlsStream::abort() noexcept {
  if (inner_) inner_->abort();
}

void TlsStream::close() noexcept {
  loop_->remove_timer(timer_);
  if (inner_) inner_->close();
}

bool TlsStream::known_drained() const noexcept {
  // What an SSL_read would find now, without its trip through OpenSSL's
  // record layer (readers read again until kWantRead, so every wake-up
  // would pay it once): nothing
  // decrypted or received is buffered in OpenSSL, no handshake message is
  // under way, and the socket read that last came up short has seen no
  // edge since. Only over a Socket, whose may_read() is the whole truth (a
  // stream in between may hold bytes of its own).
  return over_socket_ && state_ == State::kOpen && !inner_->watch().may_read() &&
         SSL_has_pending(ssl_) == 0 && SSL_in_init(ssl_) == 0 && SSL_want_write(ssl_) == 0;
}

// ---- what a call did ----

IoResult TlsStream::after_call(int ret, Interest direction) noexcept {
  IoResult r = classify(ret, direction);
  if (state_ == State::kHandshake && SSL_is_init_finished(ssl_)) handshake_finished();
  if (renegotiation_ && state_ != State::kFailed) {
    return fail("the peer attempted a TLS renegotiation (refused)");
  }
  return r;
}

IoResult TlsStream::classify(int ret, Interest direction) noexcept {
  if (ret == 1) return {0, IoStatus::kDone};
  switch (SSL_get_error(ssl_, ret)) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
      if (bio_->retry) {
        return {0, bio_->want == Interest::kRead ? IoStatus::kWantRead : IoStatus::kWantWrite};
      }
      break;
    case SSL_ERROR_ZERO_RETURN:
      if (direction == Interest::kRead) return {0, IoStatus::kEnd};
      return {0, IoStatus::kError, EPIPE};
    case SSL_ERROR_SYSCALL:
      if (bio_->error != 0 && state_ == State::kOpen) return {0, IoStatus::kError, bio_->error};
      if (state_ == State::kOpen && direction == Interest::kRead) {
        // The peer closed without close_notify (Apache's peers do): an end.
        return {0, IoStatus::kEnd};
      }
      break;
    default:
      break;
  }
  return fail(describe_failure());
}

std::string TlsStream::describe_failure() const {
  const char* stage = state_ == State::kHandshake ? "TLS handshake failed" : "TLS failed";
  if (role_ == TlsRole::kServer && state_ == State::kHandshake && bio_->first_byte_seen &&
      bio_->first_byte != 0x16) {
    return fmt::format("{}: {}", stage, detail::describe_non_tls(bio_->first_byte));
  }
  if (bio_->error != 0) {
    return fmt::format("{}: {}", stage, std::strerror(bio_->error));
  }
  if (bio_->end && ERR_peek_error() == 0) {
    return fmt::format("{}: the peer closed the connection{}", stage,
                       role_ == TlsRole::kClient ? " (is it a TLS server?)" : "");
  }
  return fmt::format("{}: {}", stage, detail::describe_ssl_error(ssl_));
}

IoResult TlsStream::fail(std::string reason) noexcept {
  if (state_ != State::kFailed) {
    state_ = State::kFailed;
    failure_ = std::move(reason);
    loop_->remove_timer(timer_);
    // Wakes whatever waits on either direction (it then sees the failure)
    // and tells the peer at once.
    inner_->abort();
  }
  ERR_clear_error();
  return {0, IoStatus::kError, kTlsFailure};
}

void TlsStream::handshake_finished() noexcept {
  state_ = State::kOpen;
  loop_->remove_timer(timer_);
  // The callback watches for a TLS 1.2 renegotiation; TLS 1.3 has none, and
  // OpenSSL would call it twice per record for nothing.
  if (SSL_version(ssl_) >= TLS1_3_VERSION) SSL_set_msg_callback(ssl_, nullptr);
  if (X509* cert = SSL_get0_peer_certificate(ssl_)) {
    if (SSL_get_verify_result(ssl_) == X509_V_OK) peer_ = detail::identity_of(cert);
  }
}

void TlsStream::on_handshake_timeout(TimerNode* node) noexcept {
  TlsStream& s = *static_cast<Timer*>(node)->stream;
  if (s.state_ != State::kHandshake) return;
  s.fail(fmt::format("TLS handshake timed out after {} ms", s.handshake_timeout_.count()));
}

void TlsStream::note_handshake_message(int content_type, unsigned char type) noexcept {
  // TLS 1.2 has no handshake record after the handshake but a renegotiation
  // (a ClientHello, or the server's HelloRequest); TLS 1.3 hides record
  // types, and has no renegotiation. `type` is the record's content type.
  if (content_type == SSL3_RT_HEADER && state_ == State::kOpen &&
      SSL_version(ssl_) < TLS1_3_VERSION) {
    renegotiation_ = renegotiation_ || type == SSL3_RT_HANDSHAKE;
  }
}

void TlsStream::throw_error(const char* operation, int error) const {
  if (error == kTlsFailure) throw TransportError(failure_);
  ByteStream::throw_error(operation, error);
}

bool TlsStream::session_reused() const noexcept { return SSL_session_reused(ssl_) == 1; }

std::string TlsStream::alpn() const {
  const unsigned char* data = nullptr;
  unsigned int size = 0;
  SSL_get0_alpn_selected(ssl_, &data, &size);
  return std::string(reinterpret_cast<const char*>(data), size);
}

const PeerIdentity* current_peer() noexcept {
  const auto* stream = dynamic_cast<const TlsStream*>(current_request_stream());
  return stream != nullptr ? stream->peer() : nullptr;
}

}  // namespace corothrift::tls
