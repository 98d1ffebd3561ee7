#include "ours/bench_service.h"

#include <utility>

namespace bench::coro {

corothrift::Task<bool> BenchProcessor::process(corothrift::ServerRequest& req) {
  using Method = corothrift::Task<void> (BenchProcessor::*)(corothrift::ServerRequest&);
  static constexpr corothrift::MethodEntry<Method> kMethods[] = {
      {"add", &BenchProcessor::process_add},
      {"echo", &BenchProcessor::process_echo},
  };
  const auto* entry = corothrift::find_method(kMethods, req.method());
  if (entry == nullptr) co_return false;
  co_await (this->*entry->fn)(req);
  co_return true;
}

corothrift::Task<void> BenchProcessor::process_add(corothrift::ServerRequest& req) {
  BenchAddArgs args;
  req.read_args(args);
  BenchAddResult result;
  result.success = co_await handler_->add(args.a, args.b);
  req.write_reply(std::move(result));
}

corothrift::Task<void> BenchProcessor::process_echo(corothrift::ServerRequest& req) {
  BenchEchoArgs args;
  req.read_args(args);
  BenchEchoResult result;
  result.success = co_await handler_->echo(std::move(args.data));
  req.write_reply(std::move(result));
}

}  // namespace bench::coro
