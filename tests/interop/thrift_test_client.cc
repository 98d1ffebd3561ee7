// corothrift's ThriftTest client for the interop matrix: runs every case of
// Apache's test client against --host/--port with Apache's flags (see
// thrift_test_flags.h), then "inFlight" (1,000 calls at once on the one
// connection). Names given as arguments (testString, testUuid, inFlight, ...)
// restrict the run to those cases. Prints one line per failed or skipped case
// and "N cases run, F failed, S skipped"; exits 1 naming the failed cases or
// when no case ran, 0 when all pass, 2 on bad flags or a name that is no case
// of this run, 3 when it cannot connect. testUuid runs on a connection of its
// own; a server that refuses it (peers built from the 0.17 IDL) makes it a
// skip, unless it is named.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include <corothrift/address.h>
#include <corothrift/channel.h>
#include <corothrift/errors.h>
#include <corothrift/log.h>
#include <corothrift/sync_wait.h>

#include "SecondService.h"
#include "thrift_test_cases.h"
#include "thrift_test_flags.h"

namespace {

// Bounds every call, so a silent server fails the case, not the run.
constexpr auto kCallTimeout = std::chrono::seconds(10);

corothrift::ChannelOptions channel_options(const thrift_test::Flags& flags,
                                           std::string service_name) {
  corothrift::ChannelOptions options;
  options.protocol = flags.protocol;
  options.transport = flags.transport;
  options.zlib = flags.zlib;
  options.call_timeout = kCallTimeout;
  options.service_name = std::move(service_name);
  return options;
}

corothrift::Task<void> second_service(thrift::test::SecondServiceClient& client,
                                      thrift_test::Checker& check) {
  std::string got = co_await client.secondtestString("foo");
  check.expect_eq("secondtestString", got, std::string("testString(\"foo\")"));
}

corothrift::Task<void> run_all(corothrift::EventLoop& loop, corothrift::Address address,
                               const thrift_test::Flags& flags, thrift_test::Checker& check) {
  auto test_channel = co_await corothrift::ClientChannel::connect(
      loop, address, channel_options(flags, flags.multiplexed ? "ThriftTest" : ""));
  thrift_test::Client client(test_channel);
  co_await thrift_test::run_base_type_cases(client, check);
  co_await thrift_test::run_container_cases(client, check);
  co_await thrift_test::run_struct_cases(client, check);
  co_await thrift_test::run_exception_cases(client, check);
  co_await thrift_test::run_oneway_case(client, check);
  co_await thrift_test::run_in_flight_case(client, check);
  if (check.wanted("testUuid")) {
    auto uuid_channel = co_await corothrift::ClientChannel::connect(
        loop, address, channel_options(flags, flags.multiplexed ? "ThriftTest" : ""));
    thrift_test::Client uuid_client(uuid_channel);
    bool named = std::ranges::find(flags.names, "testUuid") != flags.names.end();
    co_await thrift_test::run_uuid_case(uuid_client, check, named);
  }
  if (flags.multiplexed) {
    auto second_channel = co_await corothrift::ClientChannel::connect(
        loop, address, channel_options(flags, "SecondService"));
    thrift::test::SecondServiceClient second(second_channel);
    co_await check.run("secondtestString", second_service(second, check));
  }
}

// The count line is what the interop matrix checks (matrix_cell.require_cases):
// a run that stopped early exits 0 no more than one that failed.
int report(const thrift_test::Checker& check) {
  std::printf("thrift_test_client: %d cases run, %d failed, %d skipped\n", check.cases_run(),
              check.cases_failed(), check.cases_skipped());
  if (auto unknown = check.unknown_names(); !unknown.empty()) {
    std::printf("thrift_test_client: no case named");
    for (const auto& name : unknown) std::printf(" %s", name.c_str());
    std::printf("\n");
    return 2;
  }
  if (check.cases_run() == 0) {
    std::printf("thrift_test_client: no case ran\n");
    return 1;
  }
  if (check.failed().empty()) {
    std::printf("thrift_test_client: all %d cases passed\n", check.cases_run());
    return 0;
  }
  std::printf("thrift_test_client: failed cases:");
  for (const auto& name : check.failed()) std::printf(" %s", name.c_str());
  std::printf("\n");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  auto flags = thrift_test::parse_flags(argc, argv);
  if (!flags) {
    std::fprintf(
        stderr,
        "usage: thrift_test_client [--host=H] [--port=N] [--protocol=binary|compact|json|header]\n"
        "       [--transport=buffered|framed|http] [--zlib] [--multiplexed] [--verbose] [testName...]\n");
    return 2;
  }
  if (!flags->verbose) corothrift::set_log_level(corothrift::LogLevel::kError);
  thrift_test::Checker check(flags->names);
  corothrift::EventLoop loop;
  try {
    auto address = corothrift::Address::resolve(flags->host, flags->port);
    corothrift::sync_wait(loop, run_all(loop, address, *flags, check));
  } catch (const corothrift::TransportError& error) {
    std::fprintf(stderr, "thrift_test_client: cannot connect: %s\n", error.what());
    return 3;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "thrift_test_client: %s\n", error.what());
    return 1;
  }
  return report(check);
}
