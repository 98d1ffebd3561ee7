#include "shapes_handler.h"

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include <corothrift/timer.h>

namespace e2e_test {
std::shared_ptr<corothrift::Processor> make_processor(std::shared_ptr<ShapesHandler> handler) {
  return std::make_shared<e2e::ShapesProcessor>(std::move(handler));
}

corothrift::Task<e2e::base::Greeting> ShapesHandler::hello(std::string name) {
  e2e::base::Greeting greeting;
  greeting.text = "hello, " + name;
  greeting.count = ++calls_;
  co_return greeting;
}

corothrift::Task<std::int32_t> ShapesHandler::base_counter() { co_return calls_.load(); }

corothrift::Task<void> ShapesHandler::reset() {
  std::lock_guard lock(mutex_);
  events_.clear();
  co_return;
}

corothrift::Task<void> ShapesHandler::record(std::string event) {
  ++calls_;
  std::lock_guard lock(mutex_);
  events_.push_back(event);
  co_return;
}

corothrift::Task<std::vector<std::string>> ShapesHandler::recorded() {
  std::vector<std::string> events;
  {
    std::lock_guard lock(mutex_);
    events = events_;
  }
  co_return events;
}

corothrift::Task<e2e::Point> ShapesHandler::lookup(std::string key) {
  ++calls_;
  if (key == "missing") {
    e2e::NotFound e;
    e.key = key;
    e.code = 404;
    throw e;
  }
  if (key == "secret") {
    e2e::Forbidden e;
    e.reason = "no access to " + key;
    throw e;
  }
  if (key == "boom") throw std::runtime_error("lookup exploded");
  e2e::Point point;
  point.x = static_cast<std::int32_t>(key.size());
  point.y = -point.x;
  co_return point;
}

corothrift::Task<void> ShapesHandler::check(std::int32_t code) {
  if (code != 0) {
    e2e::NotFound e;
    e.key = "code";
    e.code = code;
    throw e;
  }
  co_return;
}

corothrift::Task<e2e::Bag> ShapesHandler::echo_bag(e2e::Bag bag) { co_return bag; }

corothrift::Task<e2e::Options> ShapesHandler::echo_options(e2e::Options options) {
  co_return options;
}

corothrift::Task<e2e::Value> ShapesHandler::echo_value(e2e::Value value) { co_return value; }

corothrift::Task<e2e::Tree> ShapesHandler::echo_tree(e2e::Tree tree) { co_return tree; }

corothrift::Task<e2e::Chain> ShapesHandler::echo_chain(e2e::Chain chain) { co_return chain; }

corothrift::Task<std::int32_t> ShapesHandler::fail_undeclared(std::string message) {
  throw std::runtime_error(message);
  co_return 0;
}

corothrift::Task<std::int64_t> ShapesHandler::slow_echo(std::int64_t value, std::int32_t delay_ms) {
  if (delay_ms > 0) {
    co_await corothrift::sleep_for(*corothrift::EventLoop::current(),
                                   std::chrono::milliseconds(delay_ms));
  }
  co_return value;
}

corothrift::Task<std::string> ShapesHandler::describe(std::int8_t a, std::int16_t b, std::int32_t c,
                                                      std::int64_t d, double e, bool f,
                                                      e2e::Color g, corothrift::Binary h) {
  co_return fmt::format("{} {} {} {} {} {} {} {}", a, b, c, d, e, f, g, h.size());
}

}  // namespace e2e_test
