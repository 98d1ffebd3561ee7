#include <corothrift/detail/syscall.h>
#include <corothrift/errors.h>
#include <corothrift/log.h>
#include <corothrift/server.h>

#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <utility>

#include "server_worker.h"
#include "stop_signals.h"

namespace corothrift {
namespace {

// A non-blocking listening socket; SO_REUSEPORT lets several share a port.
int open_listener(const Address& address, bool reuse_port) {
  int fd = static_cast<int>(sys_check("socket", [&] {
    return ::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  }));
  try {
    int one = 1;
    if (address.is_inet()) {
      sys_check("setsockopt(SO_REUSEADDR)",
                [&] { return ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); });
    }
    if (reuse_port) {
      sys_check("setsockopt(SO_REUSEPORT)",
                [&] { return ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one); });
    }
    sys_check("bind", [&] { return ::bind(fd, address.data(), address.size()); });
    sys_check("listen", [&] { return ::listen(fd, 1024); });
  } catch (...) {
    ::close(fd);
    throw;
  }
  return fd;
}

Address bound_address(int fd) {
  sockaddr_storage storage{};
  socklen_t size = sizeof storage;
  sys_check("getsockname",
            [&] { return ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &size); });
  return Address::from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), size);
}

std::size_t thread_count(const ServerOptions& options) {
  if (options.threads != 0) return options.threads;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace

Server::Server(std::shared_ptr<Processor> processor, ServerOptions options)
    : processor_(std::move(processor)), options_(std::move(options)) {
  if (!processor_) throw std::invalid_argument("corothrift::Server needs a processor");
}

Server::~Server() { stop(std::chrono::milliseconds(0)); }

void Server::listen(const Address& address) {
  if (!workers_.empty()) throw std::logic_error("corothrift::Server::listen called twice");
  std::size_t n = thread_count(options_);
  for (std::size_t i = 0; i < n; ++i) {
    workers_.push_back(std::make_unique<detail::ServerWorker>(*processor_, options_, connections_));
  }
  bool reuse_port = options_.accept_mode == AcceptMode::ReusePort && address.is_inet();
  int first = open_listener(address, reuse_port);
  workers_[0]->set_listener(first);
  local_address_ = bound_address(first);
  if (reuse_port) {
    // The others bind the port the first one got (port 0 picks one).
    for (std::size_t i = 1; i < n; ++i) {
      workers_[i]->set_listener(open_listener(local_address_, true));
    }
  } else if (n > 1) {
    workers_[0]->set_handoff(workers_);
  }
}

uint16_t Server::port() const noexcept { return local_address_.port(); }

std::size_t Server::connection_count() const noexcept {
  return connections_.load(std::memory_order_relaxed);
}

void Server::start() {
  std::lock_guard lock(stop_mutex_);
  if (workers_.empty()) throw std::logic_error("corothrift::Server::start before listen");
  if (started_) return;
  started_ = true;
  for (auto& worker : workers_) worker->start();
}

void Server::run() {
  start();
  std::unique_lock lock(stop_mutex_);
  stopped_cv_.wait(lock, [&] { return stopped_; });
}

int Server::serve_until_signal(std::chrono::milliseconds grace) {
  detail::StopSignalHandlers handlers;
  {
    detail::BlockStopSignals block;  // inherited by the loop threads
    start();
  }
  int signal = handlers.wait();
  handlers.restore();
  log(LogLevel::kInfo, "corothrift server: signal {}: stopping (open connections: {})", signal,
      connection_count());
  stop(grace);
  return signal;
}

void Server::stop(std::chrono::milliseconds grace) {
  std::unique_lock lock(stop_mutex_);
  if (!started_ || stopped_) return;
  for (auto& worker : workers_) worker->post_drain();
  auto deadline = Clock::now() + grace;
  while (connection_count() > 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  for (auto& worker : workers_) worker->post_abort();
  // Closed connections end at once unless a handler never returns.
  auto abort_deadline = Clock::now() + std::chrono::milliseconds(200);
  while (connection_count() > 0 && Clock::now() < abort_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (connection_count() > 0) {
    log(LogLevel::kWarn, "corothrift server: {} connections still busy at stop; dropping them",
        connection_count());
  }
  for (auto& worker : workers_) worker->stop_and_join();
  stopped_ = true;
  stopped_cv_.notify_all();
}

}  // namespace corothrift
