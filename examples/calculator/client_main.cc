// calculator_client --port P: a tour of the generated CalculatorClient against
// calculator_server on 127.0.0.1:P. Everything runs on one connection.
#include <cstdint>
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include <corothrift/address.h>
#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/when_all.h>

#include "Calculator.h"
#include "port_flag.h"

namespace {

using tutorial::Operation;

tutorial::Work work(std::int32_t num1, Operation op, std::int32_t num2) {
  tutorial::Work w;
  w.num1 = num1;
  w.op = op;
  w.num2 = num2;
  return w;
}

// Four calls in flight at once; the server may answer in any order and the
// channel matches each reply to its call by seqid.
corothrift::Task<void> concurrent_calls(tutorial::CalculatorClient& client) {
  // Await into a named local first: g++ 12 mishandles co_await inside
  // structured-binding and braced initialisers.
  auto results = co_await corothrift::when_all(
      client.add(1, 1), client.calculate(1, work(6, Operation::MULTIPLY, 7)),
      client.calculate(2, work(15, Operation::SUBTRACT, 10)), client.ping());
  auto& [sum, product, difference, ping] = results;
  static_cast<void>(ping);
  fmt::print("concurrent: add(1, 1) = {}, 6 * 7 = {}, 15 - 10 = {}, ping ok\n", sum, product,
             difference);
}

corothrift::Task<void> declared_exception(tutorial::CalculatorClient& client) {
  try {
    std::int32_t quotient = co_await client.calculate(3, work(1, Operation::DIVIDE, 0));
    fmt::print("1 / 0 = {}?! expected InvalidOperation\n", quotient);
  } catch (const tutorial::InvalidOperation& e) {
    fmt::print("1 / 0: caught tutorial::InvalidOperation (whatOp {}, why \"{}\")\n", e.whatOp,
               e.why);
  }
}

corothrift::Task<int> tour(corothrift::EventLoop& loop, std::uint16_t port) {
  auto client = co_await tutorial::CalculatorClient::connect(
      loop, corothrift::Address::ipv4("127.0.0.1", port));
  co_await concurrent_calls(client);
  co_await declared_exception(client);
  co_await client.zip();
  fmt::print("zip(): oneway, done once sent\n");
  shared::SharedStruct entry = co_await client.getStruct(1);
  fmt::print("getStruct(1) (inherited from SharedService): {}\n", entry);
  co_return entry.value == "42" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  auto port = calculator::parse_port(argc, argv, 9090);
  if (!port) {
    std::fprintf(stderr, "usage: calculator_client [--port P]\n");
    return 2;
  }
  corothrift::EventLoop loop;
  try {
    return corothrift::sync_wait(loop, tour(loop, *port));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "calculator_client: %s\n", e.what());
    return 1;
  }
}
