// A client that goes away while its calls are still inside handlers: the
// server keeps serving others meanwhile, the handlers run to the end, their
// replies are dropped, and the connection is freed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "calc_fixture.h"
#include "parking_handler.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;

TEST(ServerDisconnect, AClientLeavingWithFiftyCallsInHandlersLeavesTheServerServing) {
  constexpr int kCalls = 50;
  auto handler = std::make_shared<calc::ParkingHandler>();
  ServerOptions options;
  options.threads = 1;  // the leaving client and the later ones share the loop
  calc::CalcServer server(options, calc::make_processor(handler));
  calc::ReleaseAtExit release{*handler};
  {
    calc::RawClient leaving(server.server->port());
    std::string bytes;
    for (int i = 0; i < kCalls; ++i) {
      calc::TwoInts args;
      args.b = i;
      bytes += calc::framed(
          calc::message(ProtocolKind::Binary, "delay", MessageType::Call, i + 1, args));
    }
    EXPECT_TRUE(leaving.send(bytes));
    EXPECT_TRUE(handler->parked.wait_for(kCalls));
  }  // closed with every call parked in its handler

  calc::RawClient later(server.server->port());
  EXPECT_EQ(calc::add_on(later, 1, 2), 3);

  handler->release_all();
  EXPECT_TRUE(handler->finished.wait_for(kCalls));
  // The left connection is freed once its last handler has returned.
  EventLoop loop;
  EXPECT_TRUE(calc::eventually(loop, [&] { return server.server->connection_count() == 1; }));
  EXPECT_EQ(calc::add_on(later, 3, 4), 7);
  calc::RawClient another(server.server->port());
  EXPECT_EQ(calc::add_on(another, 5, 6), 11);
}

}  // namespace
