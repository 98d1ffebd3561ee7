// Server::serve_until_signal in a real process (e2e_signal_server): a call in
// flight when SIGTERM or SIGINT arrives still gets its reply, the port stops
// taking connections at once, the process exits 0 and its signal
// dispositions are as before; and a server killed with a call in flight
// fails that call with ConnectionClosed.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <corothrift/address.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>

#include "Drain.h"
#include "child_process.h"
#include "run_bounded.h"

namespace e2e_test {
namespace {

using namespace std::chrono_literals;

// The next stdout line that is not the runtime's debug chatter.
std::optional<std::string> next_line(ChildProcess& child, const std::string& prefix) {
  while (auto line = child.read_line(20s)) {
    if (line->rfind(prefix, 0) == 0) return line;
  }
  return std::nullopt;
}

int connect_once(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int r = connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  int error = r == 0 ? 0 : errno;
  close(fd);
  return error;
}

// The listener is closed on the server's loop shortly after the signal is
// seen: until then a connect may still land in its backlog.
bool refused_within(uint16_t port, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (connect_once(port) == ECONNREFUSED) return true;
    poll(nullptr, 0, 5);
  }
  return false;
}

class ServeUntilSignal : public testing::TestWithParam<int> {};

TEST_P(ServeUntilSignal, a_call_in_flight_gets_its_reply_new_connections_are_refused_exit_is_0) {
  const int signal = GetParam();
  ChildProcess child({E2E_SIGNAL_SERVER});
  auto listening = next_line(child, "listening on ");
  ASSERT_TRUE(listening);
  auto port = static_cast<uint16_t>(std::stoi(listening->substr(13)));

  std::optional<int64_t> reply;
  std::exception_ptr failure;
  std::thread client([&] {
    try {
      corothrift::EventLoop loop;
      reply =
          run(loop, [](corothrift::EventLoop& loop, uint16_t port) -> corothrift::Task<int64_t> {
            auto drain = co_await e2e::drain::DrainClient::connect(
                loop, corothrift::Address::ipv4("127.0.0.1", port));
            co_return co_await drain.hold(42);
          }(loop, port));
    } catch (...) {
      failure = std::current_exception();
    }
  });

  // The loop threads never see the signals (nor the EINTRs they cause).
  EXPECT_EQ(next_line(child, "holding"), std::string("holding, signals blocked"));
  child.send_signal(signal);
  auto stopping = next_line(child, "log: corothrift server: signal ");
  ASSERT_TRUE(stopping);
  EXPECT_EQ(*stopping, "log: corothrift server: signal " + std::to_string(signal) +
                           ": stopping (open connections: 1)");
  EXPECT_TRUE(refused_within(port, 20s)) << "the port still accepts after the signal";

  child.write_stdin("release\n");
  client.join();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the call in flight failed: " << e.what();
    }
  }
  EXPECT_EQ(reply, 42);
  EXPECT_EQ(next_line(child, "served until signal "),
            "served until signal " + std::to_string(signal));
  EXPECT_EQ(next_line(child, "handlers restored"), std::string("handlers restored"));
  child.close_stdin();
  EXPECT_EQ(child.wait(20s), 0);
}

// The server process vanishes (SIGKILL) with a call in flight: the kernel
// closes its sockets, and the call fails at once with ConnectionClosed, not
// at run()'s 30 s bound with TimeoutError.
TEST(ServerVanishes, a_call_in_flight_to_a_killed_server_fails_with_connection_closed) {
  ChildProcess child({E2E_SIGNAL_SERVER});
  auto listening = next_line(child, "listening on ");
  ASSERT_TRUE(listening);
  auto port = static_cast<uint16_t>(std::stoi(listening->substr(13)));

  std::string failure;
  std::thread client([&] {
    corothrift::EventLoop loop;
    try {
      run(loop, [](corothrift::EventLoop& loop, uint16_t port) -> corothrift::Task<int64_t> {
        auto drain = co_await e2e::drain::DrainClient::connect(
            loop, corothrift::Address::ipv4("127.0.0.1", port));
        co_return co_await drain.hold(7);
      }(loop, port));
      failure = "no failure";
    } catch (const corothrift::ConnectionClosed& e) {
      failure = std::string("closed: ") + e.what();
    } catch (const std::exception& e) {
      failure = std::string("other: ") + e.what();
    }
  });
  EXPECT_EQ(next_line(child, "holding"), std::string("holding, signals blocked"));
  child.send_signal(SIGKILL);
  client.join();
  EXPECT_EQ(failure.rfind("closed: ", 0), 0u) << failure;
  EXPECT_EQ(child.wait(20s), 128 + SIGKILL);
}

INSTANTIATE_TEST_SUITE_P(Signals, ServeUntilSignal, testing::Values(SIGTERM, SIGINT),
                         [](const testing::TestParamInfo<int>& info) {
                           return std::string(info.param == SIGTERM ? "sigterm" : "sigint");
                         });

}  // namespace
}  // namespace e2e_test
