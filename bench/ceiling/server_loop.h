// One epoll loop of the ceiling server. Each loop runs on its own thread and
// owns the connections registered with it; loop 0 also accepts and deals new
// connections out round-robin to every loop (itself included).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bench::ceiling {

class ServerLoop {
 public:
  ServerLoop();
  ~ServerLoop();
  ServerLoop(const ServerLoop&) = delete;
  ServerLoop& operator=(const ServerLoop&) = delete;

  // Makes this loop the acceptor for `listen_fd`, dealing to `loops`; call
  // before any run(). Takes ownership of `listen_fd`.
  void accept_for(int listen_fd, std::vector<ServerLoop*> loops);

  // Registers an accepted socket; safe from any thread (epoll_ctl is), and
  // from then on the connection belongs to this loop's thread.
  void adopt(int fd);

  // Serves until the process exits.
  [[noreturn]] void run();

 private:
  struct Connection;

  void accept_all();
  void on_ready(Connection& connection, uint32_t events);
  bool read_and_answer(Connection& connection);
  bool flush(Connection& connection);
  void drop(Connection* connection);

  int epoll_fd_;
  int listen_fd_ = -1;
  std::vector<ServerLoop*> loops_;
  size_t next_loop_ = 0;
};

}  // namespace bench::ceiling
