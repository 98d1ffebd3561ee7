#include "peer_harness.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace corothrift::fuzz {
namespace {

void append_be32(std::string& out, std::size_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

[[noreturn]] void fail(const char* what) {
  std::perror(what);
  std::abort();
}

sockaddr_un unix_address(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path) fail("unix path too long");
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  return address;
}

}  // namespace

PeerScript read_peer_script(FuzzBytes& input, bool framed_records) {
  PeerScript script;
  std::size_t cut_count = input.choice() & 7;
  script.cuts = std::string(as_chars(input.take(cut_count)));
  if (!framed_records) {
    script.bytes = std::string(as_chars(input.rest()));
    return script;
  }
  while (!input.empty()) {
    std::span<const uint8_t> record = input.record();
    append_be32(script.bytes, record.size());
    script.bytes += as_chars(record);
  }
  return script;
}

void quiet_logs() {
  set_log_level(LogLevel::kDebug);
  if (std::getenv("COROTHRIFT_FUZZ_LOG") != nullptr) return;  // to stderr, for debugging
  set_log_sink([](LogLevel, std::string_view) {});
}

int connect_unix(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  sockaddr_un address = unix_address(path);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("connect");
  return fd;
}

int listen_unix(std::string& path) {
  char dir[] = "/tmp/corothrift_fuzz_XXXXXX";
  if (::mkdtemp(dir) == nullptr) fail("mkdtemp");
  path = std::string(dir) + "/peer.sock";
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail("socket");
  sockaddr_un address = unix_address(path);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("bind");
  if (::listen(fd, 16) != 0) fail("listen");
  return fd;
}

}  // namespace corothrift::fuzz
