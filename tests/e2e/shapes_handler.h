// The Shapes service (test-idl/e2e/e2e.thrift) as the end-to-end tests serve
// it: echoes, declared and undeclared exceptions, a log of oneway events, and
// a coroutine sleep for calls that must overlap.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <corothrift/event_loop.h>
#include <corothrift/processor.h>

#include "Shapes.h"

namespace e2e_test {

// Called from every server loop thread at once: state is atomic or guarded.
class ShapesHandler : public e2e::ShapesHandler {
 public:
  // BaseService, reached through `extends`.
  corothrift::Task<e2e::base::Greeting> hello(std::string name) override;
  corothrift::Task<std::int32_t> base_counter() override;

  corothrift::Task<void> reset() override;
  corothrift::Task<void> record(std::string event) override;
  corothrift::Task<std::vector<std::string>> recorded() override;
  // "missing" throws NotFound, "secret" Forbidden, "boom" a std::runtime_error.
  corothrift::Task<e2e::Point> lookup(std::string key) override;
  // Any code but 0 throws NotFound carrying it.
  corothrift::Task<void> check(std::int32_t code) override;
  corothrift::Task<e2e::Bag> echo_bag(e2e::Bag bag) override;
  corothrift::Task<e2e::Options> echo_options(e2e::Options options) override;
  corothrift::Task<e2e::Value> echo_value(e2e::Value value) override;
  corothrift::Task<e2e::Tree> echo_tree(e2e::Tree tree) override;
  corothrift::Task<e2e::Chain> echo_chain(e2e::Chain chain) override;
  corothrift::Task<std::int32_t> fail_undeclared(std::string message) override;
  corothrift::Task<std::int64_t> slow_echo(std::int64_t value, std::int32_t delay_ms) override;
  corothrift::Task<std::string> describe(std::int8_t a, std::int16_t b, std::int32_t c,
                                         std::int64_t d, double e, bool f, e2e::Color g,
                                         corothrift::Binary h) override;

  int calls() const noexcept { return calls_.load(); }

 private:
  std::atomic<int> calls_{0};
  std::mutex mutex_;
  std::vector<std::string> events_;
};

std::shared_ptr<corothrift::Processor> make_processor(std::shared_ptr<ShapesHandler> handler);

}  // namespace e2e_test
