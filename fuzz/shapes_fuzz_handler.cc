#include "shapes_fuzz_handler.h"

#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include <corothrift/event_loop.h>

namespace corothrift::fuzz {
namespace {

// One loop thread at a time per connection, but every server thread shares
// the handler: it keeps no state.
class ShapesFuzzHandler final : public e2e::ShapesHandler {
 public:
  Task<e2e::base::Greeting> hello(std::string name) override {
    e2e::base::Greeting greeting;
    greeting.text = std::move(name);
    co_return greeting;
  }
  Task<std::int32_t> base_counter() override { co_return 1; }
  Task<void> reset() override { co_return; }
  Task<void> record(std::string) override { co_return; }
  Task<std::vector<std::string>> recorded() override { co_return std::vector<std::string>{"a"}; }
  Task<e2e::Point> lookup(std::string key) override {
    if (key == "missing") {
      e2e::NotFound e;
      e.key = std::move(key);
      throw e;
    }
    if (key == "secret") throw e2e::Forbidden();
    if (key == "boom") throw std::runtime_error("boom");
    co_return e2e::Point{};
  }
  Task<void> check(std::int32_t code) override {
    if (code != 0) {
      e2e::NotFound e;
      e.code = code;
      throw e;
    }
    co_return;
  }
  Task<e2e::Bag> echo_bag(e2e::Bag bag) override { co_return bag; }
  Task<e2e::Options> echo_options(e2e::Options options) override { co_return options; }
  Task<e2e::Value> echo_value(e2e::Value value) override { co_return value; }
  Task<e2e::Tree> echo_tree(e2e::Tree tree) override { co_return tree; }
  Task<e2e::Chain> echo_chain(e2e::Chain chain) override { co_return chain; }
  Task<std::int32_t> fail_undeclared(std::string message) override {
    throw std::runtime_error(message);
  }
  Task<std::int64_t> slow_echo(std::int64_t value, std::int32_t delay_ms) override {
    EventLoop* loop = EventLoop::current();
    for (int i = 0; loop != nullptr && i < (delay_ms & 3); ++i) co_await loop->yield();
    co_return value;
  }
  Task<std::string> describe(std::int8_t a, std::int16_t b, std::int32_t c, std::int64_t d,
                             double e, bool f, e2e::Color g, Binary h) override {
    co_return fmt::format("{} {} {} {} {} {} {} {}", a, b, c, d, e, f, static_cast<int>(g),
                          h.size());
  }
};

}  // namespace

std::shared_ptr<Processor> make_shapes_processor() {
  return std::make_shared<e2e::ShapesProcessor>(std::make_shared<ShapesFuzzHandler>());
}

}  // namespace corothrift::fuzz
