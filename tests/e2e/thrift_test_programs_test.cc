// thrift_test_server and thrift_test_client (the interop matrix's corothrift
// entry) against each other on every wire, testUuid included: no Debian peer
// knows uuid, so this is where it is checked end to end.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "child_process.h"

namespace e2e_test {
namespace {

using namespace std::chrono_literals;

struct Flags {
  const char* protocol;
  const char* transport;
  bool multiplexed;
};

class ThriftTestPrograms : public testing::TestWithParam<Flags> {
 protected:
  std::vector<std::string> wire_flags() const {
    std::vector<std::string> flags = {std::string("--protocol=") + GetParam().protocol,
                                      std::string("--transport=") + GetParam().transport};
    if (GetParam().multiplexed) flags.emplace_back("--multiplexed");
    return flags;
  }

  // Runs the client with `names`; returns its output, failing on a non-zero exit.
  std::string run_client(std::uint16_t port, const std::vector<std::string>& names) {
    std::vector<std::string> argv = {E2E_THRIFT_TEST_CLIENT, "--port=" + std::to_string(port)};
    for (const auto& flag : wire_flags()) argv.push_back(flag);
    argv.emplace_back("--verbose");
    for (const auto& name : names) argv.push_back(name);
    ChildProcess client(argv);
    std::string output = client.read_rest(120s);
    EXPECT_EQ(client.wait(10s), 0) << output;
    return output;
  }
};

TEST_P(ThriftTestPrograms, OurClientPassesEveryCaseAgainstOurServerTestUuidIncluded) {
  std::vector<std::string> argv = {E2E_THRIFT_TEST_SERVER, "--port=0", "--verbose"};
  for (const auto& flag : wire_flags()) argv.push_back(flag);
  ChildProcess server(argv);
  auto line = server.read_line(20s);
  ASSERT_TRUE(line && line->starts_with("thrift_test_server: listening on port "));
  auto port = static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(' ') + 1)));

  // Every case of the client ran and passed: 66, and secondtestString when multiplexed (the
  // count tests/interop/matrix_peers.py requires of our client too). A client that returns early
  // or skips a case fails here, not only one that reports a failure.
  const int all_cases = GetParam().multiplexed ? 67 : 66;
  std::string all = run_client(port, {});
  const std::string count_line =
      "thrift_test_client: " + std::to_string(all_cases) + " cases run, 0 failed, 0 skipped";
  EXPECT_NE(all.find(count_line), std::string::npos) << all;
  EXPECT_EQ(all.find("SKIP"), std::string::npos) << all;
  // Named, testUuid may not be skipped.
  std::string uuid = run_client(port, {"testUuid"});
  EXPECT_NE(uuid.find("thrift_test_client: 1 cases run, 0 failed, 0 skipped"), std::string::npos)
      << uuid;
  server.terminate();
  EXPECT_EQ(server.wait(10s), 0);
}

INSTANTIATE_TEST_SUITE_P(
    Wires, ThriftTestPrograms,
    testing::Values(Flags{"binary", "buffered", false}, Flags{"binary", "framed", false},
                    Flags{"compact", "buffered", false}, Flags{"compact", "framed", false},
                    Flags{"binary", "framed", true}, Flags{"compact", "buffered", true}),
    [](const testing::TestParamInfo<Flags>& info) {
      return std::string(info.param.protocol) + "_" + info.param.transport +
             (info.param.multiplexed ? "_multiplexed" : "");
    });

}  // namespace
}  // namespace e2e_test
