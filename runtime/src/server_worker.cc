#include "server_worker.h"

#include <corothrift/detail/io_op.h>
#include <corothrift/errors.h>
#include <corothrift/log.h>
#include <corothrift/socket.h>
#include <corothrift/timer.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <utility>

#include "server_connection.h"

namespace corothrift::detail {
namespace {

// How long the accept loop waits after an accept fails for want of fds or
// memory.
constexpr std::chrono::milliseconds kAcceptBackoff{50};

}  // namespace

ServerWorker::ServerWorker(Processor& processor, const ServerOptions& options,
                           std::atomic<std::size_t>& connections)
    : processor_(processor), options_(options), connections_(connections) {}

ServerWorker::~ServerWorker() {
  if (thread_.joinable()) stop_and_join();
  close_listener();
}

void ServerWorker::start() {
  thread_ = std::thread([this] { run(); });
}

void ServerWorker::run() {
  // The accept loop starts eagerly, and may serve requests, before run().
  CurrentLoopScope scope(loop_);
  if (listen_fd_ >= 0) {
    try {
      listen_watch_ = std::make_unique<FdWatch>(loop_, listen_fd_);
      accept_loop().start(loop_, &accept_scope_);
    } catch (const std::exception& e) {
      log(LogLevel::kError, "corothrift server: cannot watch the listening socket: {}", e.what());
    }
  }
  loop_.run();
}

void ServerWorker::post_drain() {
  loop_.post([this] { drain_all(); });
}

void ServerWorker::post_abort() {
  loop_.post([this] { abort_all(); });
}

void ServerWorker::stop_and_join() {
  if (!thread_.joinable()) return;
  // Posted, so that it runs after any drain/abort posted before; what it
  // wakes never runs, and the loop's destructor frees those frames.
  loop_.post([this] {
    drain_all();
    abort_all();
    loop_.stop();
  });
  thread_.join();
}

void ServerWorker::link(ServerConnection& conn) noexcept {
  conn.prev = nullptr;
  conn.next = connections_head_;
  if (connections_head_ != nullptr) connections_head_->prev = &conn;
  connections_head_ = &conn;
}

void ServerWorker::unlink(ServerConnection& conn) noexcept {
  (conn.prev ? conn.prev->next : connections_head_) = conn.next;
  if (conn.next != nullptr) conn.next->prev = conn.prev;
  conn.prev = conn.next = nullptr;
}

Detached ServerWorker::accept_loop() {
  // Failed accepts in a row (out of fds or memory): the first is a warning,
  // the rest debug lines, and the recovery says how many there were.
  std::size_t failures = 0;
  for (;;) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      if (failures != 0) {
        log(LogLevel::kInfo, "corothrift server: accepting again after {} failed accepts",
            std::exchange(failures, 0));
      }
      accepted(fd);
      continue;
    }
    int error = errno;
    try {
      if (error == EAGAIN || error == EWOULDBLOCK) {
        co_await ReadinessOp(*listen_watch_, Interest::kRead);
      } else if (error != EINTR && error != ECONNABORTED) {
        // The connection stays in the backlog and the listener stays
        // readable: back off instead of spinning until fds are freed.
        log(failures++ == 0 ? LogLevel::kWarn : LogLevel::kDebug,
            "corothrift server: accept failed: {}; retrying every {} ms", errno_text(error),
            kAcceptBackoff.count());
        co_await sleep_for(loop_, kAcceptBackoff);
      }
    } catch (const CancelledError&) {
      break;
    }
  }
}

void ServerWorker::accepted(int fd) {
  std::size_t before = connections_.fetch_add(1, std::memory_order_relaxed);
  if (before >= options_.max_connections) {
    connections_.fetch_sub(1, std::memory_order_relaxed);
    log(LogLevel::kWarn, "corothrift server: refusing a connection: {} connections open (limit)",
        before);
    ::close(fd);
    return;
  }
  if (handoff_.empty()) {
    adopt(fd);
    return;
  }
  ServerWorker* target = handoff_[next_handoff_++ % handoff_.size()].get();
  if (target == this) {
    adopt(fd);
    return;
  }
  try {
    target->loop().post([target, fd] { target->adopt(fd); });
  } catch (...) {
    ::close(fd);
    connection_closed();
  }
}

void ServerWorker::adopt(int fd) noexcept {
  if (stopping_) {
    ::close(fd);
    connection_closed();
    return;
  }
  int one = 1;
  // Fails harmlessly on Unix sockets.
  (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::unique_ptr<ByteStream> stream;
  try {
    stream = wrap_socket(Socket(loop_, fd), options().wrap_stream);
  } catch (const std::exception& e) {
    // The Socket (its constructor, or the wrapper's) has closed fd already.
    log(LogLevel::kWarn, "corothrift server: cannot serve a new connection: {}", e.what());
    connection_closed();
    return;
  }
  ServerConnection::start(*this, std::move(stream));
}

void ServerWorker::close_listener() noexcept {
  listen_watch_.reset();
  if (listen_fd_ >= 0) ::close(std::exchange(listen_fd_, -1));
}

void ServerWorker::drain_all() noexcept {
  stopping_ = true;
  accept_scope_.cancel();
  close_listener();
  for (ServerConnection* c = connections_head_; c != nullptr; c = c->next) c->drain();
}

void ServerWorker::abort_all() noexcept {
  for (ServerConnection* c = connections_head_; c != nullptr; c = c->next) {
    c->abort("server stopped", LogLevel::kDebug);
  }
}

}  // namespace corothrift::detail
