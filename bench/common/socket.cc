#include "common/socket.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <cerrno>
#include <system_error>

namespace bench {
namespace {

sockaddr_in loopback(uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

long check_syscall(long result, const char* what) {
  if (result == -1) throw std::system_error(errno, std::generic_category(), what);
  return result;
}

int listen_loopback(uint16_t port) {
  int fd = static_cast<int>(
      check_syscall(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "socket"));
  int on = 1;
  check_syscall(::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on), "SO_REUSEADDR");
  sockaddr_in address = loopback(port);
  check_syscall(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), "bind");
  check_syscall(::listen(fd, 1024), "listen");
  return fd;
}

int connect_loopback(uint16_t port) {
  int fd =
      static_cast<int>(check_syscall(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  sockaddr_in address = loopback(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  set_nonblocking(fd);
  set_nodelay(fd);
  return fd;
}

void set_nonblocking(int fd) {
  int flags = static_cast<int>(check_syscall(::fcntl(fd, F_GETFL), "F_GETFL"));
  check_syscall(::fcntl(fd, F_SETFL, flags | O_NONBLOCK), "F_SETFL");
}

void set_nodelay(int fd) {
  int on = 1;
  check_syscall(::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on), "TCP_NODELAY");
}

}  // namespace bench
