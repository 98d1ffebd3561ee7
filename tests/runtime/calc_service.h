// A hand-written service in exactly the shape generated code has: args and
// result structs using the codec, a handler interface, a processor with a
// sorted method table, and a client over ClientChannel. It stands for
//
//   exception DivideByZero { 1: string why }
//   service Calc {
//     i32 add(1: i32 num1, 2: i32 num2)
//     binary echo(1: binary data)
//     i32 divide(1: i32 num, 2: i32 den) throws (1: DivideByZero ouch)
//     i32 delay(1: i32 ms, 2: i32 value)     // replies after `ms` milliseconds
//     void fail(1: string message)            // throws an undeclared exception
//     oneway void notify(1: i32 value)
//   }
#pragma once

#include <corothrift/channel.h>
#include <corothrift/detail/codec.h>
#include <corothrift/exception.h>
#include <corothrift/processor.h>
#include <corothrift/server.h>
#include <corothrift/task.h>
#include <corothrift/timer.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace calc {

namespace tag = corothrift::tag;

struct DivideByZero : corothrift::ThriftException {
  std::string why;

  const char* what() const noexcept override { return "DivideByZero"; }
  friend bool operator==(const DivideByZero&, const DivideByZero&) = default;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("DivideByZero");
    corothrift::write_field<tag::string>(w, "why", 1, why);
    w.write_field_stop();
    w.write_struct_end();
  }
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::string>(r, f.type, why);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

// Args of a method with two i32 parameters (add, divide, delay share the shape).
struct TwoInts {
  int32_t a = 0;
  int32_t b = 0;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("args");
    corothrift::write_field<tag::i32>(w, "a", 1, a);
    corothrift::write_field<tag::i32>(w, "b", 2, b);
    w.write_field_stop();
    w.write_struct_end();
  }
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::i32>(r, f.type, a);
          break;
        case 2:
          corothrift::read_field<tag::i32>(r, f.type, b);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

// A struct of one field: args of echo/fail/notify, result of add/echo.
template <class Tag, class T, int16_t kId>
struct OneField {
  T value{};

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("one");
    corothrift::write_field<Tag>(w, "value", kId, value);
    w.write_field_stop();
    w.write_struct_end();
  }
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      if (f.id == kId) {
        corothrift::read_field<Tag>(r, f.type, value);
      } else {
        r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

using Calc_add_args = TwoInts;
using Calc_add_result = OneField<tag::i32, std::optional<int32_t>, 0>;
using Calc_echo_args = OneField<tag::binary, corothrift::Binary, 1>;
using Calc_echo_result = OneField<tag::binary, std::optional<corothrift::Binary>, 0>;
using Calc_delay_args = TwoInts;
using Calc_delay_result = Calc_add_result;
using Calc_fail_args = OneField<tag::string, std::string, 1>;
using Calc_fail_result = OneField<tag::i32, std::optional<int32_t>, 99>;  // void: no field
using Calc_notify_args = OneField<tag::i32, int32_t, 1>;
using Calc_divide_args = TwoInts;

struct Calc_divide_result {
  std::optional<int32_t> success;
  std::optional<DivideByZero> ouch;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Calc_divide_result");
    corothrift::write_field<tag::i32>(w, "success", 0, success);
    corothrift::write_field<tag::structure<DivideByZero>>(w, "ouch", 1, ouch);
    w.write_field_stop();
    w.write_struct_end();
  }
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 0:
          corothrift::read_field<tag::i32>(r, f.type, success);
          break;
        case 1:
          corothrift::read_field<tag::structure<DivideByZero>>(r, f.type, ouch);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

class CalcHandler {
 public:
  virtual ~CalcHandler() = default;
  virtual corothrift::Task<int32_t> add(int32_t a, int32_t b) = 0;
  virtual corothrift::Task<corothrift::Binary> echo(corothrift::Binary data) = 0;
  virtual corothrift::Task<int32_t> divide(int32_t num, int32_t den) = 0;
  virtual corothrift::Task<int32_t> delay(int32_t ms, int32_t value) = 0;
  virtual corothrift::Task<void> fail(std::string message) = 0;
  virtual corothrift::Task<void> notify(int32_t value) = 0;
};

class CalcProcessor : public corothrift::Processor {
 public:
  explicit CalcProcessor(std::shared_ptr<CalcHandler> handler) : handler_(std::move(handler)) {}

  corothrift::Task<bool> process(corothrift::ServerRequest& req) override {
    using Method = corothrift::Task<void> (CalcProcessor::*)(corothrift::ServerRequest&);
    static constexpr corothrift::MethodEntry<Method> kMethods[] = {
        {"add", &CalcProcessor::process_add},       {"delay", &CalcProcessor::process_delay},
        {"divide", &CalcProcessor::process_divide}, {"echo", &CalcProcessor::process_echo},
        {"fail", &CalcProcessor::process_fail},     {"notify", &CalcProcessor::process_notify},
    };
    const auto* entry = corothrift::find_method(kMethods, req.method());
    if (entry == nullptr) co_return false;
    co_await (this->*entry->fn)(req);
    co_return true;
  }

 private:
  corothrift::Task<void> process_add(corothrift::ServerRequest& req) {
    Calc_add_args args;
    req.read_args(args);
    Calc_add_result result;
    result.value = co_await handler_->add(args.a, args.b);
    req.write_reply(std::move(result));
  }
  corothrift::Task<void> process_echo(corothrift::ServerRequest& req) {
    Calc_echo_args args;
    req.read_args(args);
    Calc_echo_result result;
    result.value = co_await handler_->echo(std::move(args.value));
    req.write_reply(std::move(result));
  }
  corothrift::Task<void> process_divide(corothrift::ServerRequest& req) {
    Calc_divide_args args;
    req.read_args(args);
    Calc_divide_result result;
    try {
      result.success = co_await handler_->divide(args.a, args.b);
    } catch (const DivideByZero& e) {
      result.ouch = e;
    }
    req.write_reply(std::move(result));
  }
  corothrift::Task<void> process_delay(corothrift::ServerRequest& req) {
    Calc_delay_args args;
    req.read_args(args);
    Calc_delay_result result;
    result.value = co_await handler_->delay(args.a, args.b);
    req.write_reply(std::move(result));
  }
  corothrift::Task<void> process_fail(corothrift::ServerRequest& req) {
    Calc_fail_args args;
    req.read_args(args);
    Calc_fail_result result;
    co_await handler_->fail(std::move(args.value));
    req.write_reply(std::move(result));
  }
  corothrift::Task<void> process_notify(corothrift::ServerRequest& req) {
    Calc_notify_args args;
    req.read_args(args);
    co_await handler_->notify(args.value);
  }

  std::shared_ptr<CalcHandler> handler_;
};

// What the tests serve; notifications are counted atomically since loops run
// on threads.
class TestHandler : public CalcHandler {
 public:
  corothrift::Task<int32_t> add(int32_t a, int32_t b) override { co_return a + b; }
  corothrift::Task<corothrift::Binary> echo(corothrift::Binary data) override { co_return data; }
  corothrift::Task<int32_t> divide(int32_t num, int32_t den) override {
    if (den == 0) {
      DivideByZero e;
      e.why = "division of " + std::to_string(num) + " by zero";
      throw e;
    }
    co_return num / den;
  }
  corothrift::Task<int32_t> delay(int32_t ms, int32_t value) override {
    int now = ++delays_running;
    for (int seen = max_delays_running; now > seen;) {
      if (max_delays_running.compare_exchange_weak(seen, now)) break;
    }
    co_await corothrift::sleep_for(*corothrift::EventLoop::current(), std::chrono::milliseconds(ms));
    --delays_running;
    co_return value;
  }
  corothrift::Task<void> fail(std::string message) override { throw std::runtime_error(message); }
  corothrift::Task<void> notify(int32_t value) override {
    notified_sum += value;
    notified_count += 1;
    co_return;
  }

  std::atomic<int64_t> notified_sum{0};
  std::atomic<int> notified_count{0};
  std::atomic<int> delays_running{0};
  std::atomic<int> max_delays_running{0};
};

// The client a generator would emit.
class CalcClient {
 public:
  explicit CalcClient(std::shared_ptr<corothrift::ClientChannel> channel)
      : channel_(std::move(channel)) {}

  corothrift::Task<int32_t> add(int32_t a, int32_t b) {
    Calc_add_args args;
    args.a = a;
    args.b = b;
    Calc_add_result result;
    co_await channel_->call("add", std::move(args), result);
    co_return required(result.value, "add");
  }
  corothrift::Task<corothrift::Binary> echo(corothrift::Binary data) {
    Calc_echo_args args;
    args.value = std::move(data);
    Calc_echo_result result;
    co_await channel_->call("echo", std::move(args), result);
    co_return required(std::move(result.value), "echo");
  }
  corothrift::Task<int32_t> divide(int32_t num, int32_t den) {
    Calc_divide_args args;
    args.a = num;
    args.b = den;
    Calc_divide_result result;
    co_await channel_->call("divide", std::move(args), result);
    if (result.ouch) throw *result.ouch;
    co_return required(result.success, "divide");
  }
  corothrift::Task<int32_t> delay(int32_t ms, int32_t value) {
    Calc_delay_args args;
    args.a = ms;
    args.b = value;
    Calc_delay_result result;
    co_await channel_->call("delay", std::move(args), result);
    co_return required(result.value, "delay");
  }
  corothrift::Task<void> fail(std::string message) {
    Calc_fail_args args;
    args.value = std::move(message);
    Calc_fail_result result;
    co_await channel_->call("fail", std::move(args), result);
  }
  corothrift::Task<void> notify(int32_t value) {
    Calc_notify_args args;
    args.value = value;
    co_await channel_->send_oneway("notify", std::move(args));
  }

  corothrift::ClientChannel& channel() { return *channel_; }

 private:
  template <class T>
  static T required(std::optional<T> value, const char* method) {
    if (!value) {
      throw corothrift::TApplicationException(
          corothrift::TApplicationException::Type::MissingResult,
          std::string(method) + " failed: unknown result");
    }
    return std::move(*value);
  }

  std::shared_ptr<corothrift::ClientChannel> channel_;
};

}  // namespace calc
