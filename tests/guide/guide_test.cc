// Runs docs/guide.md's client snippets against a server of its handler
// snippet (KvHandler): what the guide says they return, they return.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <corothrift/address.h>
#include <corothrift/event_loop.h>
#include <corothrift/server.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timeout.h>

#include "Store.h"
#include "kv_handler.h"

// Defined by the guide's snippets (client.cc, timeouts.cc, errors.cc, sync_client.cc).
corothrift::Task<std::vector<std::string>> fill_and_read(corothrift::EventLoop& loop,
                                                         std::uint16_t port);
corothrift::Task<std::string> get_with_deadlines(corothrift::EventLoop& loop, std::uint16_t port);
corothrift::Task<std::string> describe_get(kv::StoreClient& store, std::string key);
std::string put_and_get(std::uint16_t port);

namespace {

class Guide : public testing::Test {
 protected:
  Guide()
      : server_(std::make_shared<kv::StoreProcessor>(std::make_shared<KvHandler>()), options()) {
    server_.listen(corothrift::Address::ipv4("127.0.0.1", 0));
    server_.start();
  }
  ~Guide() override { server_.stop(std::chrono::seconds(0)); }

  static corothrift::ServerOptions options() {
    corothrift::ServerOptions options;
    options.threads = 2;
    return options;
  }

  // Bounded, so a lost reply fails the test instead of hanging it.
  template <class T>
  T run(corothrift::Task<T> task) {
    return corothrift::sync_wait(
        loop_, corothrift::with_timeout(loop_, std::chrono::seconds(30), std::move(task)));
  }

  corothrift::Server server_;
  corothrift::EventLoop loop_;
};

TEST_F(Guide, the_client_snippet_puts_two_values_then_reads_three_in_order) {
  EXPECT_EQ(run(fill_and_read(loop_, server_.port())), (std::vector<std::string>{"1", "2", "1"}));
}

TEST_F(Guide, the_timeout_snippet_times_out_the_slow_call_and_the_connection_carries_the_next) {
  run(fill_and_read(loop_, server_.port()));
  EXPECT_EQ(run(get_with_deadlines(loop_, server_.port())), "(timed out) 1");
}

TEST_F(Guide, the_error_snippet_tells_a_declared_exception_from_a_value) {
  std::uint16_t port = server_.port();
  auto outcome = [&](std::string key) -> corothrift::Task<std::string> {
    auto store =
        co_await kv::StoreClient::connect(loop_, corothrift::Address::ipv4("127.0.0.1", port));
    co_await store.put("present", "here");
    co_return co_await describe_get(store, key);
  };
  EXPECT_EQ(run(outcome("present")), "value: here");
  EXPECT_EQ(run(outcome("absent")), "not found: absent");
}

TEST_F(Guide, the_sync_client_snippet_reads_back_what_it_wrote) {
  EXPECT_EQ(put_and_get(server_.port()), "3");
}

}  // namespace
