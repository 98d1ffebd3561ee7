// e2e_signal_server: a Drain server (test-idl/e2e/drain.thrift) on
// 127.0.0.1 that runs Server::serve_until_signal, for
// serve_until_signal_test. Its stdout is the test's view of it:
//   listening on <port>
//   holding, signals blocked         a hold() call is in its handler, on a loop
//                                    thread that has SIGINT and SIGTERM blocked
//   log: <message>                   the runtime's log at info level
//   served until signal <n>          serve_until_signal returned n
//   handlers restored                SIGINT/SIGTERM dispositions and mask as before
// One line on stdin, "release", lets every held call (now or later) reply.
#include <coroutine>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <corothrift/address.h>
#include <corothrift/event_loop.h>
#include <corothrift/log.h>
#include <corothrift/server.h>

#include "Drain.h"

namespace {

void print_line(const std::string& line) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

bool stop_signals_blocked() {
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  return sigismember(&mask, SIGINT) == 1 && sigismember(&mask, SIGTERM) == 1;
}

// Called from both server loops at once; parked calls are guarded by mutex_.
class HoldHandler final : public e2e::drain::DrainHandler {
 public:
  corothrift::Task<int64_t> hold(int64_t value) override {
    co_await Park{*this};
    co_return value;
  }

  // Thread-safe: resumes every parked call on its own loop.
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    // Not a structured binding: clang 14 cannot capture one.
    for (auto& parked : parked_) parked.first->post([handle = parked.second] { handle.resume(); });
    parked_.clear();
  }

 private:
  struct Park {
    HoldHandler& handler;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> handle) {
      std::lock_guard lock(handler.mutex_);
      if (handler.released_) return false;
      handler.parked_.emplace_back(corothrift::EventLoop::current(), handle);
      print_line(stop_signals_blocked() ? "holding, signals blocked" : "holding, signals open");
      return true;
    }
    void await_resume() const noexcept {}
  };

  std::mutex mutex_;
  bool released_ = false;
  std::vector<std::pair<corothrift::EventLoop*, std::coroutine_handle<>>> parked_;
};

bool stop_signals_as_at_start() {
  for (int signal : {SIGINT, SIGTERM}) {
    struct sigaction action {};
    sigaction(signal, nullptr, &action);
    if (action.sa_handler != SIG_DFL) return false;
  }
  sigset_t mask;
  pthread_sigmask(SIG_SETMASK, nullptr, &mask);
  return sigismember(&mask, SIGINT) == 0 && sigismember(&mask, SIGTERM) == 0;
}

}  // namespace

int main() {
  corothrift::set_log_level(corothrift::LogLevel::kInfo);
  corothrift::set_log_sink([](corothrift::LogLevel, std::string_view message) {
    print_line("log: " + std::string(message));
  });
  auto handler = std::make_shared<HoldHandler>();
  corothrift::ServerOptions options;
  options.threads = 2;
  corothrift::Server server(std::make_shared<e2e::drain::DrainProcessor>(handler), options);
  server.listen(corothrift::Address::ipv4("127.0.0.1", 0));
  print_line("listening on " + std::to_string(server.port()));
  // Started before serving, with the signals unblocked: a signal may land
  // on this thread too, and must still reach serve_until_signal.
  std::thread stdin_reader([&] {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (line == "release") handler->release();
    }
  });
  int signal = server.serve_until_signal(std::chrono::seconds(30));
  print_line("served until signal " + std::to_string(signal));
  if (stop_signals_as_at_start()) print_line("handlers restored");
  stdin_reader.join();  // the test closes our stdin
  return 0;
}
