#pragma once
// A socket address: IPv4, IPv6 or a Unix domain path.

#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace corothrift {

class Address {
 public:
  // Numeric forms only; throw std::invalid_argument on a malformed address.
  static Address ipv4(std::string_view ip, std::uint16_t port);
  static Address ipv6(std::string_view ip, std::uint16_t port);
  // "127.0.0.1", "::1" or "[::1]".
  static Address parse(std::string_view ip, std::uint16_t port);
  // Names too, through getaddrinfo: BLOCKS the calling thread; returns the
  // first stream address; throws TransportError when nothing resolves.
  static Address resolve(const std::string& host, std::uint16_t port);
  static Address unix_path(std::string_view path);
  static Address from_sockaddr(const sockaddr* addr, socklen_t size);

  int family() const noexcept { return storage_.ss_family; }
  bool is_inet() const noexcept { return family() == AF_INET || family() == AF_INET6; }
  // 0 for Unix addresses.
  std::uint16_t port() const noexcept;
  // "1.2.3.4:80", "[::1]:80", "unix:/path".
  std::string to_string() const;

  const sockaddr* data() const noexcept { return reinterpret_cast<const sockaddr*>(&storage_); }
  socklen_t size() const noexcept { return size_; }

 private:
  sockaddr_storage storage_{};
  socklen_t size_ = 0;
};

}  // namespace corothrift
