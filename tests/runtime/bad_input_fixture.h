// The scaffolding of the bad-input suites: a one-loop Calc server, a
// well-behaved raw client whose next call is half sent when the bad input
// arrives (so the bad connection cannot stall it), and the server's log.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace calc {

// MaxFrame: the server's limits.max_frame_bytes.
template <std::size_t MaxFrame = corothrift::kDefaultDecodeLimits.max_frame_bytes>
class BadInputTest : public ::testing::Test {
 protected:
  static corothrift::ServerOptions one_loop() {
    corothrift::ServerOptions options = calc::one_loop();
    options.limits.max_frame_bytes = MaxFrame;
    return options;
  }
  void SetUp() override {
    EXPECT_EQ(add_on(good_, 1, 2), 3);
    good_.send(next_call_.substr(0, next_call_.size() / 2));
  }
  // Sends bytes on a fresh connection; true when the server then closed it.
  bool server_closes_after(std::string_view bytes) {
    RawClient raw(server_.server->port());
    raw.send(bytes);
    return raw.closed_by_server();
  }
  void expect_good_client_still_served() {
    EXPECT_TRUE(good_.send(next_call_.substr(next_call_.size() / 2)));
    EXPECT_EQ(read_add_reply(good_), 42);
    EXPECT_EQ(add_on(good_, 5, 6), 11);
  }

  LogCapture log_;
  CalcServer server_{one_loop()};
  RawClient good_{server_.server->port()};
  const std::string next_call_ = add_call(20, 22);
};

}  // namespace calc
