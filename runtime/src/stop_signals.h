// Waiting for SIGINT or SIGTERM on one thread while the process may have any
// number of others (Server::serve_until_signal).
#pragma once

#include <csignal>

namespace corothrift::detail {

// Blocks SIGINT and SIGTERM in the calling thread while it lives, so that
// threads started meanwhile inherit the block (the server's loops never see
// the signals, nor the EINTRs they cause). Restores the previous mask.
class BlockStopSignals {
 public:
  BlockStopSignals();
  BlockStopSignals(const BlockStopSignals&) = delete;
  BlockStopSignals& operator=(const BlockStopSignals&) = delete;
  ~BlockStopSignals();

 private:
  sigset_t previous_;
};

// While it lives, SIGINT and SIGTERM run a handler that only writes the
// signal's number to a pipe that wait() reads, so the signal may land on any
// thread of the process. A signal whose disposition was SIG_IGN stays
// ignored. restore() (or the destructor) puts the previous handlers back.
// One at a time per process: a second one throws std::logic_error.
class StopSignalHandlers {
 public:
  StopSignalHandlers();
  StopSignalHandlers(const StopSignalHandlers&) = delete;
  StopSignalHandlers& operator=(const StopSignalHandlers&) = delete;
  ~StopSignalHandlers();

  // Blocks until one of the signals arrives; returns its number.
  int wait();
  void restore() noexcept;

 private:
  struct sigaction previous_int_ {};
  struct sigaction previous_term_ {};
  bool install_int_ = false;
  bool install_term_ = false;
};

}  // namespace corothrift::detail
