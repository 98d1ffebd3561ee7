#include "ceiling/server_loop.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "ceiling/replies.h"
#include "common/byte_buffer.h"
#include "common/socket.h"
#include "common/wire.h"

namespace bench::ceiling {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kMaxFrame = 16 * 1024 * 1024;
constexpr int kMaxEvents = 256;

}  // namespace

struct ServerLoop::Connection {
  int fd;
  ByteBuffer in;
  std::vector<uint8_t> out;
  size_t sent = 0;
  bool waiting_to_write = false;
};

ServerLoop::ServerLoop()
    : epoll_fd_(static_cast<int>(check_syscall(::epoll_create1(EPOLL_CLOEXEC), "epoll_create1"))) {}

ServerLoop::~ServerLoop() { ::close(epoll_fd_); }

void ServerLoop::accept_for(int listen_fd, std::vector<ServerLoop*> loops) {
  listen_fd_ = listen_fd;
  loops_ = std::move(loops);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.ptr = nullptr;  // marks the listener
  check_syscall(::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd, &event), "epoll_ctl listener");
}

void ServerLoop::adopt(int fd) {
  set_nodelay(fd);
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.ptr = new Connection{fd, {}, {}, 0, false};
  check_syscall(::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event), "epoll_ctl adopt");
}

void ServerLoop::run() {
  epoll_event events[kMaxEvents];
  for (;;) {
    int ready = ::epoll_wait(epoll_fd_, events, kMaxEvents, -1);
    if (ready < 0 && errno == EINTR) continue;
    check_syscall(ready, "epoll_wait");
    for (int i = 0; i < ready; ++i) {
      auto* connection = static_cast<Connection*>(events[i].data.ptr);
      if (connection == nullptr) {
        accept_all();
      } else {
        on_ready(*connection, events[i].events);
      }
    }
  }
}

void ServerLoop::accept_all() {
  for (;;) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED) std::perror("accept4");
      return;
    }
    loops_[next_loop_++ % loops_.size()]->adopt(fd);
  }
}

void ServerLoop::on_ready(Connection& connection, uint32_t events) {
  bool alive = true;
  if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) alive = read_and_answer(connection);
  if (alive) alive = flush(connection);
  if (!alive) drop(&connection);
}

// One read per wake-up: the loop is level-triggered, so what is left is
// reported again by the next epoll_wait.
bool ServerLoop::read_and_answer(Connection& connection) {
  size_t frame_size = 0;
  std::span<const uint8_t> body;
  bool whole = wire::front_frame(connection.in.readable(), frame_size, body);
  size_t want = whole ? kReadChunk : std::max(kReadChunk, frame_size + wire::kFrameHeaderBytes);
  std::span<uint8_t> room = connection.in.writable(want);
  ssize_t got = ::read(connection.fd, room.data(), room.size());
  if (got == 0) return false;
  if (got < 0) return errno == EAGAIN || errno == EINTR;
  connection.in.commit(static_cast<size_t>(got));
  while (wire::front_frame(connection.in.readable(), frame_size, body)) {
    if (!append_reply(body, connection.out)) return false;
    connection.in.consume(wire::kFrameHeaderBytes + frame_size);
  }
  return frame_size <= kMaxFrame;
}

bool ServerLoop::flush(Connection& connection) {
  while (connection.sent < connection.out.size()) {
    ssize_t put = ::write(connection.fd, connection.out.data() + connection.sent,
                          connection.out.size() - connection.sent);
    if (put < 0 && errno == EINTR) continue;
    if (put < 0 && errno != EAGAIN) return false;
    if (put < 0) break;
    connection.sent += static_cast<size_t>(put);
  }
  bool pending = connection.sent < connection.out.size();
  if (!pending) {
    connection.out.clear();
    connection.sent = 0;
  }
  if (pending != connection.waiting_to_write) {
    epoll_event event{};
    event.events = pending ? EPOLLIN | EPOLLOUT : EPOLLIN;
    event.data.ptr = &connection;
    check_syscall(::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, connection.fd, &event), "epoll_ctl mod");
    connection.waiting_to_write = pending;
  }
  return true;
}

void ServerLoop::drop(Connection* connection) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, connection->fd, nullptr);
  ::close(connection->fd);
  delete connection;
}

}  // namespace bench::ceiling
