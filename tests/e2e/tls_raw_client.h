// Blocking clients for feeding a TLS server what no well-behaved TLS client
// sends: plain bytes, a cut-off ClientHello, nothing at all, a TLS 1.2
// renegotiation. Every read is bounded by a receive timeout.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/ssl.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace e2e_test {

class RawTcpClient {
 public:
  // receive_buffer > 0 shrinks SO_RCVBUF (before connecting, so the window
  // the server sees is small too).
  explicit RawTcpClient(std::uint16_t port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      throw std::runtime_error("RawTcpClient: connect failed");
    }
    timeval tv{20, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  RawTcpClient(const RawTcpClient&) = delete;
  RawTcpClient& operator=(const RawTcpClient&) = delete;
  ~RawTcpClient() { ::close(fd_); }

  int fd() const { return fd_; }
  void send(std::string_view bytes) {
    if (::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(bytes.size())) {
      throw std::runtime_error("RawTcpClient: send failed");
    }
  }
  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }
  // Reads until the server closes; true when it did (EOF or reset), false
  // when the receive timeout passed first.
  bool closed_by_server() {
    char buffer[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
    }
  }

 private:
  int fd_ = -1;
};

// The first bytes a TLS client sends: a real ClientHello, made by OpenSSL
// into memory.
inline std::string client_hello() {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(ctx);
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  SSL_set_bio(ssl, in, out);
  SSL_set_connect_state(ssl);
  (void)SSL_do_handshake(ssl);
  char* data = nullptr;
  long size = BIO_get_mem_data(out, &data);
  std::string hello(data, static_cast<std::size_t>(size));
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  return hello;
}

// Completes a TLS handshake (no verification) on `tcp`'s blocking socket
// and writes `bytes` as application data; reads nothing after the
// handshake and sends no close_notify. False when either step failed.
inline bool tls_write_only(RawTcpClient& tcp, std::string_view bytes) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, tcp.fd());
  std::size_t written = 0;
  bool ok = SSL_connect(ssl) == 1 && SSL_write_ex(ssl, bytes.data(), bytes.size(), &written) == 1 &&
            written == bytes.size();
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  return ok;
}

// Completes a TLS 1.2 handshake (no verification) on a blocking socket,
// then asks to renegotiate. Returns true when the server then closed.
inline bool renegotiation_closed_by_server(std::uint16_t port) {
  RawTcpClient tcp(port);
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, tcp.fd());
  bool closed = false;
  if (SSL_connect(ssl) == 1 && SSL_renegotiate(ssl) == 1) {
    (void)SSL_do_handshake(ssl);
    char buffer[256];
    // The server's answer ends in a close: EOF or an error, never data.
    closed = SSL_read(ssl, buffer, sizeof buffer) <= 0 && tcp.closed_by_server();
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  return closed;
}

}  // namespace e2e_test
