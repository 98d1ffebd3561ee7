// MultiplexedProcessor: several services on one port by "Service:method".
#include <corothrift/multiplexed.h>

#include <gtest/gtest.h>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::CalcClient;
using calc::run;

// A second service with Calc's shape whose add is off by 1000.
class OffsetHandler : public calc::TestHandler {
 public:
  Task<int32_t> add(int32_t a, int32_t b) override { co_return a + b + 1000; }
};

std::shared_ptr<MultiplexedProcessor> two_services() {
  auto mux = std::make_shared<MultiplexedProcessor>();
  mux->add("Calc", std::make_shared<calc::CalcProcessor>(std::make_shared<calc::TestHandler>()));
  mux->add("Offset", std::make_shared<calc::CalcProcessor>(std::make_shared<OffsetHandler>()));
  return mux;
}

Task<int32_t> add_on(EventLoop& loop, Address address, std::string service, int32_t a, int32_t b) {
  ChannelOptions options;
  options.service_name = std::move(service);
  auto channel = co_await calc::connect(loop, std::move(address), std::move(options));
  CalcClient client(channel);
  co_return co_await client.add(a, b);
}

TEST(Multiplexed, RoutesEachServiceNameToItsProcessor) {
  calc::CalcServer server({}, two_services());
  EventLoop loop;
  EXPECT_EQ(run(loop, add_on(loop, server.address(), "Calc", 1, 2)), 3);
  EXPECT_EQ(run(loop, add_on(loop, server.address(), "Offset", 1, 2)), 1003);
}

TEST(Multiplexed, UnknownServiceGetsUnknownMethod) {
  calc::CalcServer server({}, two_services());
  EventLoop loop;
  try {
    run(loop, add_on(loop, server.address(), "Nope", 1, 2));
    ADD_FAILURE() << "no exception";
  } catch (const TApplicationException& e) {
    EXPECT_EQ(e.type(), TApplicationException::Type::UnknownMethod);
    EXPECT_NE(std::string(e.what()).find("Nope:add"), std::string::npos);
  }
}

TEST(Multiplexed, PlainNamesGoToTheDefaultProcessorIfThereIsOne) {
  auto mux = two_services();
  calc::CalcServer without({}, mux);
  EventLoop loop;
  EXPECT_THROW(run(loop, add_on(loop, without.address(), "", 1, 2)), TApplicationException);

  auto with_default = two_services();
  with_default->set_default(
      std::make_shared<calc::CalcProcessor>(std::make_shared<OffsetHandler>()));
  calc::CalcServer server({}, with_default);
  EXPECT_EQ(run(loop, add_on(loop, server.address(), "", 1, 2)), 1003);
}

TEST(Multiplexed, ReplyCarriesTheBareMethodNameAsApacheServersSendIt) {
  calc::CalcServer server({}, two_services());
  calc::TwoInts args;
  args.a = 2;
  args.b = 2;
  calc::RawClient raw(server.server->port());
  raw.send(
      calc::framed(calc::message(ProtocolKind::Binary, "Calc:add", MessageType::Call, 12, args)));
  std::string reply = raw.read(4 + 4 + 4 + 3 + 4);
  EXPECT_EQ(reply.substr(4), std::string("\x80\x01\x00\x02"
                                         "\x00\x00\x00\x03"
                                         "add"
                                         "\x00\x00\x00\x0c",
                                         15));
}

TEST(Multiplexed, CompactUnframedMultiplexedCallsWork) {
  calc::CalcServer server({}, two_services());
  EventLoop loop;
  ChannelOptions options;
  options.service_name = "Offset";
  options.protocol = ProtocolKind::Compact;
  options.transport = TransportKind::Unframed;
  int32_t sum = run(loop, [&]() -> Task<int32_t> {
    auto channel = co_await calc::connect(loop, server.address(), options);
    CalcClient client(channel);
    co_return co_await client.add(5, 5);
  }());
  EXPECT_EQ(sum, 1010);
}

}  // namespace
