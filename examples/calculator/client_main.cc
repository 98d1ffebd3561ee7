// calculator_client [--port P] [--tls DIR]: a tour of the generated
// CalculatorClient against calculator_server on 127.0.0.1:P, over TLS
// trusting DIR/CA.pem when --tls is given. Everything runs on one connection.
#include <cstdint>
#include <cstdio>
#include <exception>

#include <fmt/format.h>

#include <corothrift/address.h>
#include <corothrift/event_loop.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/tls/tls_context.h>
#include <corothrift/when_all.h>

#include "Calculator.h"
#include "flags.h"

namespace {

calc::Step step(std::int64_t left, calc::Op op, std::int64_t right) {
  calc::Step s;
  s.left = left;
  s.op = op;
  s.right = right;
  return s;
}

// Four calls in flight at once; the server may answer in any order and the
// channel matches each reply to its call by seqid.
corothrift::Task<void> concurrent_calls(calc::CalculatorClient& client) {
  // Await into a named local first: g++ 12 mishandles co_await inside
  // structured-binding and braced initialisers.
  auto results =
      co_await corothrift::when_all(client.add(1, 1), client.apply(1, step(6, calc::Op::TIMES, 7)),
                                    client.apply(2, step(15, calc::Op::MINUS, 10)), client.ping());
  auto& [sum, product, difference, ping] = results;
  static_cast<void>(ping);
  fmt::print("concurrent: add(1, 1) = {}, 6 * 7 = {}, 15 - 10 = {}, ping ok\n", sum, product,
             difference);
}

corothrift::Task<void> declared_exception(calc::CalculatorClient& client) {
  try {
    std::int64_t quotient = co_await client.apply(3, step(1, calc::Op::DIVIDE, 0));
    fmt::print("1 / 0 = {}?! expected CalcError\n", quotient);
  } catch (const calc::CalcError& e) {
    fmt::print("1 / 0: caught calc::CalcError (op {}, reason \"{}\")\n", e.op, e.reason);
  }
}

corothrift::Task<int> tour(corothrift::EventLoop& loop, std::uint16_t port,
                           corothrift::ChannelOptions options) {
  auto client = co_await calc::CalculatorClient::connect(
      loop, corothrift::Address::ipv4("127.0.0.1", port), options);
  fmt::print("connected to the {}\n", calc::SERVICE_NAME);
  co_await concurrent_calls(client);
  co_await declared_exception(client);
  ledger::Entry entry = co_await client.lookup(1);
  fmt::print("lookup(1) (inherited from ledger.Ledger): {}\n", entry);
  co_await client.clear();
  fmt::print("clear(): oneway, done once sent\n");
  co_return entry.result == 42 && entry.expression == "6 * 7" ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  auto flags = calculator::parse_flags(argc, argv, 9090);
  if (!flags) {
    std::fprintf(stderr, "usage: calculator_client [--port P] [--tls DIR]\n");
    return 2;
  }
  corothrift::EventLoop loop;
  try {
    corothrift::ChannelOptions options;
    if (!flags->tls_dir.empty()) {
      corothrift::tls::TlsClientOptions tls;
      tls.ca_file = flags->tls_dir + "/CA.pem";
      options.wrap_stream = corothrift::tls::ClientContext(tls).wrapper("localhost");
    }
    return corothrift::sync_wait(loop, tour(loop, flags->port, options));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "calculator_client: %s\n", e.what());
    return 1;
  }
}
