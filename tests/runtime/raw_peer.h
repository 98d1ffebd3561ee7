// A blocking TCP client for feeding a server bytes no well-behaved client
// would send, and helpers that build Thrift messages by hand. Every read is
// bounded by a receive timeout.
#pragma once

#include <corothrift/buffer.h>
#include <corothrift/detail/binary_protocol.h>
#include <corothrift/log.h>
#include <corothrift/protocol.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "calc_service.h"

namespace calc {

class RawClient {
 public:
  // receive_buffer > 0 shrinks SO_RCVBUF (before connecting, so the window
  // the server sees is small too).
  explicit RawClient(uint16_t port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      throw std::runtime_error("RawClient: connect failed");
    }
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    // Each send goes out at once (no Nagle wait for the previous one's ACK).
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { ::close(fd_); }

  // False when the peer has already gone (EPIPE/ECONNRESET).
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

  // Reads and discards until the server closes (true) or 5 s pass (false).
  bool closed_by_server() {
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n == 0) return true;
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return errno == ECONNRESET;
    }
  }
  // Exactly n bytes, or fewer if the connection ends or 5 s pass.
  std::string read(std::size_t n) {
    std::string out(n, '\0');
    std::size_t got = 0;
    while (got < n) {
      ssize_t r = ::recv(fd_, out.data() + got, n - got, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    out.resize(got);
    return out;
  }

 private:
  int fd_ = -1;
};

// A blocking TCP listener on 127.0.0.1 (port 0) for a peer thread; accept()
// gives up after 20 s. receive_buffer > 0 shrinks SO_RCVBUF of the accepted
// sockets (set on the listener, so the window the client sees is small too).
class RawListener {
 public:
  explicit RawListener(int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof addr;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), size) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &size) != 0) {
      ::close(fd_);
      throw std::runtime_error("RawListener: cannot listen");
    }
    port_ = ntohs(addr.sin_port);
    timeval tv{20, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  RawListener(const RawListener&) = delete;
  RawListener& operator=(const RawListener&) = delete;
  ~RawListener() { ::close(fd_); }

  uint16_t port() const noexcept { return port_; }
  // The accepted fd (the caller closes it), or -1.
  int accept() {
    for (;;) {
      int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd >= 0 || errno != EINTR) return fd;
    }
  }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

inline std::string framed(std::string_view payload) {
  std::string out(4, '\0');
  auto n = static_cast<uint32_t>(payload.size());
  out[0] = static_cast<char>(n >> 24);
  out[1] = static_cast<char>(n >> 16);
  out[2] = static_cast<char>(n >> 8);
  out[3] = static_cast<char>(n);
  out.append(payload);
  return out;
}

// One whole message (header + body + end) in the given protocol.
template <class Body>
std::string message(corothrift::ProtocolKind kind, std::string_view name,
                    corothrift::MessageType type, int32_t seqid, const Body& body) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(kind, out, [&](auto& w) {
    w.write_message_begin(name, type, seqid);
    body.write(w);
    w.write_message_end();
  });
  return std::string(out.view());
}

// add(a, b) as a framed binary call.
inline std::string add_call(int32_t a, int32_t b, int32_t seqid = 1) {
  TwoInts args;
  args.a = a;
  args.b = b;
  return framed(
      message(corothrift::ProtocolKind::Binary, "add", corothrift::MessageType::Call, seqid, args));
}

// Reads one framed binary reply to add(); nothing if the connection ended
// (or 5 s passed) first, or the reply is not a REPLY with a value.
inline std::optional<int32_t> read_add_reply(RawClient& raw) {
  std::string length = raw.read(4);
  if (length.size() != 4) return std::nullopt;
  std::size_t n = 0;
  for (char c : length) n = (n << 8) | static_cast<uint8_t>(c);
  std::string body = raw.read(n);
  if (body.size() != n) return std::nullopt;
  corothrift::ReadBuffer in(body);
  corothrift::BinaryReader r(in);
  if (r.read_message_begin().type != corothrift::MessageType::Reply) return std::nullopt;
  Calc_add_result result;
  result.read(r);
  return result.value;
}

// add(a, b) on `raw`, which cannot reconnect: an answer proves that this
// very connection is still served.
inline std::optional<int32_t> add_on(RawClient& raw, int32_t a, int32_t b) {
  if (!raw.send(add_call(a, b))) return std::nullopt;
  return read_add_reply(raw);
}

// Captures the runtime's log lines (process-wide) while alive.
class LogCapture {
 public:
  LogCapture() {
    lines().clear();
    corothrift::set_log_sink(&sink);
  }
  ~LogCapture() { corothrift::set_log_sink(nullptr); }
  bool contains(std::string_view text) const {
    std::lock_guard lock(mutex());
    for (const std::string& line : lines()) {
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
  // How many lines contain `text`.
  std::size_t count(std::string_view text) const {
    std::lock_guard lock(mutex());
    std::size_t n = 0;
    for (const std::string& line : lines()) n += line.find(text) != std::string::npos;
    return n;
  }

 private:
  static void sink(corothrift::LogLevel, std::string_view line) {
    std::lock_guard lock(mutex());
    lines().emplace_back(line);
  }
  static std::vector<std::string>& lines() {
    static std::vector<std::string> v;
    return v;
  }
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
};

}  // namespace calc
