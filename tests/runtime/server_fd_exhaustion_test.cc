// Out of file descriptors: a server whose accept fails with EMFILE logs it,
// backs off instead of spinning on the still-readable listener, keeps
// serving the connections it has, and accepts the waiting connection once
// fds are free again. The process's own fd limit is lowered and every free
// slot filled (each test runs in its own process under ctest).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <thread>
#include <vector>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using SteadyClock = std::chrono::steady_clock;

// Fills every free fd slot below a lowered soft limit; gives them back,
// and the limit, when destroyed (or on release()).
class FdExhaustion {
 public:
  FdExhaustion() {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit low = saved_;
    low.rlim_cur = std::min<rlim_t>(saved_.rlim_cur, 1024);
    ::setrlimit(RLIMIT_NOFILE, &low);
    for (;;) {
      int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (fd < 0) break;
      fds_.push_back(fd);
    }
  }
  FdExhaustion(const FdExhaustion&) = delete;
  FdExhaustion& operator=(const FdExhaustion&) = delete;
  ~FdExhaustion() { release(); }

  // Frees one slot (for the one socket the test needs to make).
  void free_one() {
    ::close(fds_.back());
    fds_.pop_back();
  }
  void release() {
    for (int fd : fds_) ::close(fd);
    fds_.clear();
    ::setrlimit(RLIMIT_NOFILE, &saved_);
  }
  std::size_t filled() const noexcept { return fds_.size(); }

 private:
  rlimit saved_{};
  std::vector<int> fds_;
};

struct DebugLogging {
  LogLevel saved = log_level();
  DebugLogging() { set_log_level(LogLevel::kDebug); }
  ~DebugLogging() { set_log_level(saved); }
};

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

template <class F>
bool wait_until(F done, std::chrono::seconds limit = std::chrono::seconds(10)) {
  auto deadline = SteadyClock::now() + limit;
  while (!done()) {
    if (SteadyClock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling an event, bounded
  }
  return true;
}

TEST(ServerFdExhaustion, AcceptFailuresAreLoggedAndBackedOffAndServingResumesWhenFdsAreFree) {
  DebugLogging debug;
  calc::LogCapture log;
  ServerOptions options;
  options.threads = 1;
  calc::CalcServer server(options);
  calc::RawClient admitted(server.server->port());
  ASSERT_EQ(calc::add_on(admitted, 1, 2), 3);

  FdExhaustion exhaustion;
  ASSERT_GT(exhaustion.filled(), 0u);
  exhaustion.free_one();
  // Takes the last free slot: the server's accept of it finds none.
  calc::RawClient waiting(server.server->port());
  ASSERT_TRUE(wait_until([&] { return log.contains("accept failed: "); }));
  EXPECT_TRUE(log.contains("Too many open files")) << "the log names the error";

  // A measured window: a spinning accept loop makes thousands of attempts
  // and burns a core; a backed-off one makes one per 50 ms.
  const std::size_t attempts_before = log.count("accept failed: ");
  const double cpu_before = cpu_seconds();
  const auto start = SteadyClock::now();
  EXPECT_EQ(calc::add_on(admitted, 2, 3), 5) << "the connection it has is still served";
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const double wall = std::chrono::duration<double>(SteadyClock::now() - start).count();
  const std::size_t attempts = log.count("accept failed: ") - attempts_before;
  const double cpu = cpu_seconds() - cpu_before;
  EXPECT_LE(static_cast<double>(attempts), wall / 0.01 + 2)
      << attempts << " accepts in " << wall << " s";
  EXPECT_LT(cpu, wall / 2) << cpu << " s of CPU in " << wall << " s";

  exhaustion.release();
  EXPECT_EQ(calc::add_on(waiting, 4, 5), 9) << "the waiting connection is served once fds are free";
  EXPECT_TRUE(log.contains("accepting again after "));
}

}  // namespace
