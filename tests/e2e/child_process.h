// A child process for the interop tests (Apache's Python server or client):
// started with its stdout on a pipe, waited for with a deadline, and killed
// by pid if it outlives its test. Test thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace e2e_test {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv; stdin is a pipe from the test (see
  // write_stdin), stderr goes to the test's stderr.
  explicit ChildProcess(const std::vector<std::string>& argv);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills the child (SIGKILL) if it still runs, and reaps it.
  ~ChildProcess();

  // The next line of the child's stdout, or nullopt at its end or once
  // `limit` has passed.
  std::optional<std::string> read_line(std::chrono::milliseconds limit);
  // Everything the child printed that was not read yet, until it closes
  // stdout or `limit` passes.
  std::string read_rest(std::chrono::milliseconds limit);
  // The exit status (or 128 + signal), or nullopt if it did not end within
  // `limit`.
  std::optional<int> wait(std::chrono::milliseconds limit);
  void terminate();
  // Sends `signal` if the child still runs.
  void send_signal(int signal);
  // Writes all of `text` to the child's stdin; close_stdin() ends it.
  void write_stdin(const std::string& text);
  void close_stdin();

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int stdin_fd_ = -1;
  std::string buffered_;
  std::optional<int> status_;
};

}  // namespace e2e_test
