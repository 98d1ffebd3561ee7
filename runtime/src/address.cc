#include <corothrift/address.h>
#include <corothrift/errors.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/un.h>

#include <fmt/core.h>

#include <cstring>
#include <memory>
#include <stdexcept>

namespace corothrift {
namespace {

template <typename SockAddr>
Address make(const SockAddr& addr) {
  return Address::from_sockaddr(reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
}

}  // namespace

Address Address::ipv4(std::string_view ip, std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (::inet_pton(AF_INET, std::string(ip).c_str(), &addr.sin_addr) != 1) {
    throw std::invalid_argument(fmt::format("not an IPv4 address: '{}'", ip));
  }
  return make(addr);
}

Address Address::ipv6(std::string_view ip, std::uint16_t port) {
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_port = htons(port);
  if (::inet_pton(AF_INET6, std::string(ip).c_str(), &addr.sin6_addr) != 1) {
    throw std::invalid_argument(fmt::format("not an IPv6 address: '{}'", ip));
  }
  return make(addr);
}

Address Address::parse(std::string_view ip, std::uint16_t port) {
  if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') {
    return ipv6(ip.substr(1, ip.size() - 2), port);
  }
  if (ip.find(':') != std::string_view::npos) return ipv6(ip, port);
  return ipv4(ip, port);
}

Address Address::resolve(const std::string& host, std::uint16_t port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0 || !found) {
    throw TransportError(fmt::format("cannot resolve '{}': {}", host, ::gai_strerror(rc)));
  }
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> owner(found, &::freeaddrinfo);
  return from_sockaddr(found->ai_addr, found->ai_addrlen);
}

Address Address::unix_path(std::string_view path) {
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) {
    throw std::invalid_argument(fmt::format("Unix socket path too long: '{}'", path));
  }
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.data(), path.size());
  return from_sockaddr(reinterpret_cast<const sockaddr*>(&addr),
                       static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1));
}

Address Address::from_sockaddr(const sockaddr* addr, socklen_t size) {
  Address result;
  if (size > sizeof result.storage_) throw std::invalid_argument("socket address too large");
  std::memcpy(&result.storage_, addr, size);
  result.size_ = size;
  return result;
}

std::uint16_t Address::port() const noexcept {
  if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
  if (family() == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
  }
  return 0;
}

std::string Address::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  switch (family()) {
    case AF_INET:
      ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, text,
                  sizeof text);
      return fmt::format("{}:{}", text, port());
    case AF_INET6:
      ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, text,
                  sizeof text);
      return fmt::format("[{}]:{}", text, port());
    case AF_UNIX: {
      const auto* un = reinterpret_cast<const sockaddr_un*>(&storage_);
      std::size_t max =
          size_ > offsetof(sockaddr_un, sun_path) ? size_ - offsetof(sockaddr_un, sun_path) : 0;
      return fmt::format("unix:{}", std::string(un->sun_path, strnlen(un->sun_path, max)));
    }
    default:
      return fmt::format("<family {}>", family());
  }
}

}  // namespace corothrift
