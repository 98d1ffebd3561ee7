// Apache Thrift C++ ThriftTest client: runs every case against --host/--port,
// prints one line per failed case and "N cases run, F failed, 0 skipped", and
// exits 1 naming the failed ones or when no case ran (0 when all pass, 2 on
// bad flags, 3 when it cannot connect).
#include <iostream>
#include <memory>

#include <thrift/protocol/TMultiplexedProtocol.h>
#include <thrift/transport/TSocket.h>

#include "SecondService.h"
#include "apache_client_cases.h"
#include "apache_peer_options.h"

namespace {

// Bounds every read and write, so a silent server fails the case, not the run.
constexpr int kSocketTimeoutMs = 10000;

void run_second_service_case(std::shared_ptr<apache::thrift::protocol::TProtocol> base,
                             interop::CaseChecker& check) {
  check.run("secondtestString", [&] {
    thrift::test::SecondServiceClient second(
        std::make_shared<apache::thrift::protocol::TMultiplexedProtocol>(base, "SecondService"));
    std::string got;
    second.secondtestString(got, "foo");
    check.expect_eq("secondtestString", got, std::string("testString(\"foo\")"));
  });
}

void run_all_cases(thrift::test::ThriftTestClient& client, interop::CaseChecker& check) {
  interop::run_base_type_cases(client, check);
  interop::run_container_cases(client, check);
  interop::run_struct_cases(client, check);
  interop::run_exception_cases(client, check);
  interop::run_oneway_case(client, check);
}

// The count line is what the matrix checks (matrix_cell.require_cases).
int report(const interop::CaseChecker& check) {
  std::cout << "apache_cpp_client: " << check.cases_run() << " cases run, " << check.cases_failed()
            << " failed, 0 skipped" << std::endl;
  if (check.cases_run() == 0) {
    std::cout << "apache_cpp_client: no case ran" << std::endl;
    return 1;
  }
  if (check.failed().empty()) {
    std::cout << "apache_cpp_client: all cases passed" << std::endl;
    return 0;
  }
  std::cout << "apache_cpp_client: failed cases:";
  for (const auto& name : check.failed()) std::cout << " " << name;
  std::cout << std::endl;
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  auto options = interop::parse_peer_options(argc, argv);
  if (!options) return 2;
  auto socket = std::make_shared<apache::thrift::transport::TSocket>(options->host, options->port);
  socket->setConnTimeout(kSocketTimeoutMs);
  socket->setRecvTimeout(kSocketTimeoutMs);
  socket->setSendTimeout(kSocketTimeoutMs);
  auto transport = interop::make_client_transport(*options, socket);
  auto protocol = interop::make_client_protocol(*options, transport);
  try {
    transport->open();
  } catch (const std::exception& error) {
    std::cerr << "apache_cpp_client: cannot connect: " << error.what() << "\n";
    return 3;
  }
  interop::CaseChecker check;
  if (options->multiplexed) {
    thrift::test::ThriftTestClient client(
        std::make_shared<apache::thrift::protocol::TMultiplexedProtocol>(protocol, "ThriftTest"));
    run_all_cases(client, check);
    run_second_service_case(protocol, check);
  } else {
    thrift::test::ThriftTestClient client(protocol);
    run_all_cases(client, check);
  }
  try {
    transport->close();
  } catch (const std::exception&) {
    // A peer that already dropped the connection is reported by the cases.
  }
  return report(check);
}
