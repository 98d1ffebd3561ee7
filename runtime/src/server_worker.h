// One loop of a Server, on its own thread: its listening socket (SO_REUSEPORT
// mode) or its share of handed-off connections, and the connections it
// serves. Everything except the members marked thread-safe runs on the loop's
// thread.
#pragma once

#include <corothrift/event_loop.h>
#include <corothrift/processor.h>
#include <corothrift/server_options.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <span>
#include <thread>

#include "detached.h"

namespace corothrift::detail {

class ServerConnection;

class ServerWorker {
 public:
  ServerWorker(Processor& processor, const ServerOptions& options,
               std::atomic<std::size_t>& connections);
  ServerWorker(const ServerWorker&) = delete;
  ServerWorker& operator=(const ServerWorker&) = delete;
  ~ServerWorker();

  // Before start(): the listening fd this worker accepts on (it takes
  // ownership), and the workers it hands accepted connections to (itself
  // included; empty: keep them).
  void set_listener(int fd) noexcept { listen_fd_ = fd; }
  void set_handoff(std::span<const std::unique_ptr<ServerWorker>> workers) noexcept {
    handoff_ = workers;
  }

  // Thread-safe.
  void start();
  void post_drain();
  void post_abort();
  void stop_and_join();

  EventLoop& loop() noexcept { return loop_; }
  Processor& processor() noexcept { return processor_; }
  const ServerOptions& options() const noexcept { return options_; }
  void link(ServerConnection& conn) noexcept;
  void unlink(ServerConnection& conn) noexcept;
  // A connection closed; the server's count drops.
  void connection_closed() noexcept { connections_.fetch_sub(1, std::memory_order_relaxed); }

 private:
  void run();
  Detached accept_loop();
  void accepted(int fd);
  void adopt(int fd) noexcept;
  void drain_all() noexcept;
  void abort_all() noexcept;
  void close_listener() noexcept;

  Processor& processor_;
  const ServerOptions& options_;
  std::atomic<std::size_t>& connections_;
  int listen_fd_ = -1;
  std::unique_ptr<FdWatch> listen_watch_;
  CancelScope accept_scope_;
  std::span<const std::unique_ptr<ServerWorker>> handoff_;
  std::size_t next_handoff_ = 0;
  bool stopping_ = false;
  ServerConnection* connections_head_ = nullptr;
  std::thread thread_;
  // Last: destroyed first, so frames it frees can still unlink themselves.
  EventLoop loop_;
};

}  // namespace corothrift::detail
