// Server: N event loops on N threads serving one Processor on one port.
//
//   corothrift::Server server(std::make_shared<CalculatorProcessor>(handler), options);
//   server.listen(corothrift::Address::ipv4("127.0.0.1", 0));
//   server.start();                      // or run() to serve on this thread until stop(),
//                                        // or serve_until_signal() until SIGINT/SIGTERM
//   uint16_t port = server.port();
//   ...
//   server.stop(std::chrono::seconds(5));
//
// Each connection runs one reader coroutine that decodes requests and starts
// a handler coroutine for each (up to max_inflight_per_connection at once);
// replies are written as they complete, several per write when they come
// together. Unknown methods get TApplicationException UNKNOWN_METHOD and
// undeclared handler exceptions INTERNAL_ERROR, and the connection goes on.
// Malformed input (bad frame length, garbage, limits exceeded) closes that
// connection only, with the reason logged at warning level.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <corothrift/address.h>
#include <corothrift/processor.h>
#include <corothrift/server_options.h>

namespace corothrift {

namespace detail {
class ServerWorker;
}

class Server {
 public:
  Server(std::shared_ptr<Processor> processor, ServerOptions options = {});
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // Stops (grace 0) if still running.
  ~Server();

  // Binds and listens; port 0 picks a free port (see port()). Call once,
  // before start(). Throws TransportError.
  void listen(const Address& address);
  uint16_t port() const noexcept;
  const Address& local_address() const noexcept { return local_address_; }

  // Starts the loop threads and returns.
  void start();
  // start(), then blocks until another thread calls stop().
  void run();
  // Serves until the process gets SIGINT or SIGTERM, then stop(grace):
  // accepting ends at once, calls in flight get up to `grace` to finish and
  // send their replies. Returns the signal's number. Call after listen(),
  // instead of start() and run(); one call at a time per process (a second
  // throws std::logic_error).
  //
  // Threads: the loop threads start with both signals blocked. Until the
  // first signal, both run a handler that only wakes this thread, so the
  // signal may land on any thread of the process; a signal whose disposition
  // is SIG_IGN stays ignored. At the first signal the previous handlers come
  // back, so a second one acts as it would have without this call (by
  // default it ends the process at once, without waiting for the drain).
  int serve_until_signal(std::chrono::milliseconds grace = std::chrono::seconds(5));
  // Stops accepting, lets requests in flight finish and their replies go out
  // for at most `grace`, then closes every connection and joins the threads.
  // Thread-safe; must not be called from one of this server's loops.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

  // Open connections, over all loops.
  std::size_t connection_count() const noexcept;
  const ServerOptions& options() const noexcept { return options_; }

 private:
  std::shared_ptr<Processor> processor_;
  ServerOptions options_;
  Address local_address_;
  // Before workers_: connections still count themselves out while the
  // workers' loops are destroyed.
  std::atomic<std::size_t> connections_{0};
  std::vector<std::unique_ptr<detail::ServerWorker>> workers_;
  std::mutex stop_mutex_;
  std::condition_variable stopped_cv_;
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace corothrift
