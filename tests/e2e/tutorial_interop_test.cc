// The tutorial Calculator between corothrift and Apache Thrift's Python
// implementation (framed binary): our generated client against Apache's
// TSimpleServer, and Apache's client against our generated server. Apache's
// Python code is generated when the suite starts, by Debian's thrift.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <corothrift/server.h>
#include <corothrift/when_all.h>

#include "Calculator.h"
#include "child_process.h"
#include "run_bounded.h"

namespace e2e_test {
namespace {

using namespace std::chrono_literals;

// The thrift --gen py output for the whole suite; empty when it failed.
std::string& py_gen_dir() {
  static std::string dir;
  return dir;
}

class TutorialInterop : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/corothrift_e2e_py_XXXXXX";
    if (mkdtemp(pattern) == nullptr) return;
    std::string command =
        std::string(E2E_APACHE_THRIFT) + " -r --gen py -out " + pattern + " " + E2E_TUTORIAL_IDL;
    if (std::system(command.c_str()) == 0) py_gen_dir() = pattern;
  }
  static void TearDownTestSuite() {
    if (!py_gen_dir().empty()) std::filesystem::remove_all(py_gen_dir());
  }
  void SetUp() override { ASSERT_FALSE(py_gen_dir().empty()) << "thrift --gen py failed"; }

  static corothrift::ChannelOptions framed_binary() {
    corothrift::ChannelOptions options;
    options.call_timeout = std::chrono::seconds(20);
    return options;
  }

  corothrift::EventLoop loop_;
};

// Starts Apache's Python server and returns its port (0 if it did not start).
std::uint16_t start_py_server(ChildProcess& server) {
  auto line = server.read_line(20s);
  if (!line || !line->starts_with("listening on 127.0.0.1:")) return 0;
  return static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
}

std::vector<std::string> py_server_argv() {
  return {E2E_PYTHON, E2E_SOURCE_DIR "/tutorial_py_server.py", "--gen-dir=" + py_gen_dir()};
}

tutorial::Work work(std::int32_t num1, tutorial::Operation op, std::int32_t num2) {
  tutorial::Work w;
  w.num1 = num1;
  w.op = op;
  w.num2 = num2;
  return w;
}

corothrift::Task<void> tour(tutorial::CalculatorClient& client) {
  co_await client.ping();
  EXPECT_EQ(co_await client.add(20, 22), 42);
  try {
    co_await client.calculate(1, work(1, tutorial::Operation::DIVIDE, 0));
    ADD_FAILURE() << "InvalidOperation was not thrown";
  } catch (const tutorial::InvalidOperation& e) {
    EXPECT_EQ(e.whatOp, static_cast<std::int32_t>(tutorial::Operation::DIVIDE));
    EXPECT_EQ(e.why, "Cannot divide by 0");
  }
  EXPECT_EQ(co_await client.calculate(2, work(6, tutorial::Operation::MULTIPLY, 7)), 42);
  co_await client.zip();
  shared::SharedStruct entry = co_await client.getStruct(2);
  EXPECT_EQ(entry.key, 2);
  EXPECT_EQ(entry.value, "42");
}

TEST_F(TutorialInterop, OurClientCallsApachesPythonServer) {
  ChildProcess server(py_server_argv());
  std::uint16_t port = start_py_server(server);
  ASSERT_NE(port, 0);
  auto client =
      run(loop_, tutorial::CalculatorClient::connect(
                     loop_, corothrift::Address::ipv4("127.0.0.1", port), framed_binary()));
  run(loop_, tour(client));
}

corothrift::Task<std::vector<std::int32_t>> add_all(tutorial::CalculatorClient& client, int n) {
  std::vector<corothrift::Task<std::int32_t>> calls;
  for (int i = 0; i < n; ++i) calls.push_back(client.add(i, i));
  co_return co_await corothrift::when_all(std::move(calls));
}

// Apache's TSimpleServer reads one request, answers it, then reads the next:
// the calls all go out at once and their replies come back one by one.
TEST_F(TutorialInterop, AThousandCallsInFlightToApachesOneAtATimeServerAllGetTheirReplies) {
  ChildProcess server(py_server_argv());
  std::uint16_t port = start_py_server(server);
  ASSERT_NE(port, 0);
  auto channel =
      run(loop_, corothrift::ClientChannel::connect(
                     loop_, corothrift::Address::ipv4("127.0.0.1", port), framed_binary()));
  tutorial::CalculatorClient client(channel);
  constexpr int kCalls = 1000;
  std::vector<std::int32_t> sums = run(loop_, add_all(client, kCalls));
  ASSERT_EQ(sums.size(), static_cast<std::size_t>(kCalls));
  for (int i = 0; i < kCalls; ++i) ASSERT_EQ(sums[i], 2 * i) << "call " << i;
  EXPECT_EQ(channel->pending_calls(), 0u);
}

// What Apache's client calls on our server.
class Calculator final : public tutorial::CalculatorHandler {
 public:
  corothrift::Task<void> ping() override { co_return; }
  corothrift::Task<std::int32_t> add(std::int32_t a, std::int32_t b) override { co_return a + b; }
  corothrift::Task<std::int32_t> calculate(std::int32_t logid, tutorial::Work w) override {
    std::int32_t value = 0;
    switch (w.op) {
      case tutorial::Operation::SUBTRACT:
        value = w.num1 - w.num2;
        break;
      case tutorial::Operation::DIVIDE:
        if (w.num2 != 0) {
          value = w.num1 / w.num2;
          break;
        }
        [[fallthrough]];
      default:
        tutorial::InvalidOperation e;
        e.whatOp = static_cast<std::int32_t>(w.op);
        e.why = "Cannot divide by 0";
        throw e;
    }
    std::lock_guard lock(mutex_);
    log_[logid].key = logid;
    log_[logid].value = std::to_string(value);
    co_return value;
  }
  corothrift::Task<void> zip() override { co_return; }
  corothrift::Task<shared::SharedStruct> getStruct(std::int32_t key) override {
    shared::SharedStruct entry;
    {
      std::lock_guard lock(mutex_);
      entry = log_[key];
    }
    co_return entry;
  }

 private:
  std::mutex mutex_;
  std::map<std::int32_t, shared::SharedStruct> log_;
};

TEST_F(TutorialInterop, ApachesPythonClientCallsOurServer) {
  corothrift::ServerOptions options;
  options.threads = 1;
  corothrift::Server server(
      std::make_shared<tutorial::CalculatorProcessor>(std::make_shared<Calculator>()), options);
  server.listen(corothrift::Address::ipv4("127.0.0.1", 0));
  server.start();
  ChildProcess client({E2E_PYTHON, E2E_SOURCE_DIR "/tutorial_py_client.py",
                       "--gen-dir=" + py_gen_dir(), "--port=" + std::to_string(server.port())});
  std::string output = client.read_rest(60s);
  EXPECT_EQ(client.wait(10s), 0) << output;
  EXPECT_NE(output.find("tutorial_py_client: all passed"), std::string::npos) << output;
  server.stop(std::chrono::seconds(1));
}

}  // namespace
}  // namespace e2e_test
