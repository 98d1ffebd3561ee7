// A ClientChannel on the THeader wire against a Server on the shared port:
// per-call request headers reach the handler, the handler's reply headers
// reach the caller, zlib both ways, and framed clients on the same port are
// unaffected.
#include <gtest/gtest.h>

#include <unistd.h>

#include <string>
#include <thread>

#include "calc_fixture.h"
#include "raw_peer.h"
#include "theader.h"

namespace {

using namespace corothrift;

// add() answers with the request's headers echoed under "echo-" plus a
// count; delay() records whether headers were reachable before and after
// its first suspension.
class HeaderHandler : public calc::TestHandler {
 public:
  corothrift::Task<int32_t> add(int32_t a, int32_t b) override {
    RequestHeaders* headers = current_request_headers();
    if (headers != nullptr) {
      for (const auto& [key, value] : headers->received) headers->reply["echo-" + key] = value;
      headers->reply["seen"] = std::to_string(headers->received.size());
    }
    co_return a + b;
  }
  corothrift::Task<int32_t> delay(int32_t ms, int32_t value) override {
    RequestHeaders* before = current_request_headers();
    co_await corothrift::sleep_for(*corothrift::EventLoop::current(), std::chrono::milliseconds(ms));
    after_suspension_was_null = current_request_headers() == nullptr;
    if (before != nullptr) before->reply["late"] = "set after a suspension";
    co_return value;
  }
  std::atomic<bool> after_suspension_was_null{false};
};

struct HeaderServer {
  std::shared_ptr<HeaderHandler> handler = std::make_shared<HeaderHandler>();
  calc::CalcServer server{{}, calc::make_processor(handler)};
};

ChannelOptions header_wire(ProtocolKind protocol, bool zlib) {
  ChannelOptions options;
  options.protocol = protocol;
  options.transport = TransportKind::Header;
  options.zlib = zlib;
  return options;
}

TEST(THeaderChannel, RequestHeadersReachTheHandlerAndReplyHeadersTheCaller) {
  HeaderServer s;
  EventLoop loop;
  for (ProtocolKind protocol : {ProtocolKind::Binary, ProtocolKind::Compact}) {
    for (bool zlib : {false, true}) {
      auto channel = calc::run(loop, calc::connect(loop, s.server.address(), header_wire(protocol, zlib)));
      HeaderMap reply;
      CallOptions options;
      options.request_headers = {{"trace-id", "abc"}, {"tenant", std::string(3000, 't')}};
      options.reply_headers = &reply;
      calc::Calc_add_args args;
      args.a = 40;
      args.b = 2;
      calc::Calc_add_result result;
      calc::run(loop, channel->call("add", args, result, options));
      EXPECT_EQ(result.value, 42);
      EXPECT_EQ(reply, (HeaderMap{{"echo-tenant", std::string(3000, 't')},
                                  {"echo-trace-id", "abc"},
                                  {"seen", "2"}}))
          << protocol_kind_name(protocol) << " zlib=" << zlib;
      // Headers are per call: the next call without any sees none.
      calc::run(loop, channel->call("add", args, result, CallOptions{{}, {}, &reply}));
      EXPECT_EQ(reply, (HeaderMap{{"seen", "0"}}));
    }
  }
}

TEST(THeaderChannel, LargePayloadsRoundTripPlainAndCompressed) {
  HeaderServer s;
  EventLoop loop;
  for (bool zlib : {false, true}) {
    auto channel = calc::run(
        loop, calc::connect(loop, s.server.address(), header_wire(ProtocolKind::Binary, zlib)));
    calc::CalcClient client(channel);
    Binary big = calc::pattern(3 << 20, zlib ? 7 : 3);
    Binary back = calc::run(loop, client.echo(big));
    EXPECT_TRUE(back == big) << "zlib=" << zlib;
  }
}

TEST(THeaderChannel, HeadersAreReachableOnlyBeforeTheHandlersFirstSuspension) {
  HeaderServer s;
  EventLoop loop;
  auto channel = calc::run(
      loop, calc::connect(loop, s.server.address(), header_wire(ProtocolKind::Binary, false)));
  HeaderMap reply;
  calc::Calc_delay_args args;
  args.a = 5;
  args.b = 9;
  calc::Calc_delay_result result;
  calc::run(loop, channel->call("delay", args, result, CallOptions{{}, {{"k", "v"}}, &reply}));
  EXPECT_EQ(result.value, 9);
  EXPECT_TRUE(s.handler->after_suspension_was_null.load());
  // The pointer taken at the start stays valid for the whole call.
  EXPECT_EQ(reply, (HeaderMap{{"late", "set after a suspension"}}));
}

TEST(THeaderChannel, OnePortServesHeaderAndFramedClientsSideBySide) {
  HeaderServer s;
  EventLoop loop;
  auto header = calc::run(
      loop, calc::connect(loop, s.server.address(), header_wire(ProtocolKind::Compact, true)));
  ChannelOptions framed_options;
  auto framed = calc::run(loop, calc::connect(loop, s.server.address(), framed_options));
  calc::CalcClient a(header);
  calc::CalcClient b(framed);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(calc::run(loop, a.add(i, 1)), i + 1);
    EXPECT_EQ(calc::run(loop, b.add(i, 2)), i + 2);
  }
  // A framed call's reply headers are empty, whatever the map held.
  HeaderMap reply{{"stale", "x"}};
  calc::Calc_add_args args;
  calc::Calc_add_result result;
  calc::run(loop, framed->call("add", args, result, CallOptions{{}, {{"k", "v"}}, &reply}));
  EXPECT_TRUE(reply.empty());
}

bool read_exactly(int fd, uint8_t* at, std::size_t n) {
  while (n > 0) {
    ssize_t got = ::read(fd, at, n);
    if (got <= 0) return false;
    at += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

TEST(THeaderChannel, AnEmptyHeaderFrameBeforeTheReplyIsSkippedAsApachesReadersDo) {
  calc::RawListener peer;
  std::thread server([&] {
    int fd = peer.accept();
    if (fd < 0) return;
    uint8_t length[4];
    std::vector<uint8_t> request;
    if (read_exactly(fd, length, 4)) {
      request.resize(detail::load_be<uint32_t>(length));
      read_exactly(fd, request.data(), request.size());
    }
    const int32_t seqid = static_cast<int32_t>(detail::load_be<uint32_t>(request.data() + 4));
    // A frame with an empty header section and no message, then the reply.
    WriteBuffer out;
    out.append("\x00\x00\x00\x0e\x0f\xff\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00", 18);
    calc::Calc_add_result result;
    result.value = 42;
    detail::append_header_message(out, {}, 1 << 20,
                                  &detail::encode_message<calc::Calc_add_result>, &result,
                                  nullptr, ProtocolKind::Binary, "add", MessageType::Reply, seqid);
    [[maybe_unused]] ssize_t sent = ::write(fd, out.data(), out.size());
    ::shutdown(fd, SHUT_WR);
    uint8_t rest;
    [[maybe_unused]] ssize_t end = ::read(fd, &rest, 1);  // until the client closes
    ::close(fd);
  });
  int32_t sum = 0;
  try {
    EventLoop loop;
    auto channel = calc::run(loop, calc::connect(loop, Address::ipv4("127.0.0.1", peer.port()),
                                                 header_wire(ProtocolKind::Binary, false)));
    calc::CalcClient client(channel);
    sum = calc::run(loop, client.add(40, 2));
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
  server.join();  // the peer ends once the channel is gone
  EXPECT_EQ(sum, 42);
}

TEST(THeaderChannel, AServerPinnedToTheHeaderWireAnswersHeaderClients) {
  ServerOptions options;
  options.auto_detect = false;
  options.transport = TransportKind::Header;
  auto handler = std::make_shared<HeaderHandler>();
  calc::CalcServer server(options, calc::make_processor(handler));
  EventLoop loop;
  auto channel = calc::run(
      loop, calc::connect(loop, server.address(), header_wire(ProtocolKind::Compact, false)));
  calc::CalcClient client(channel);
  EXPECT_EQ(calc::run(loop, client.add(2, 3)), 5);
}

}  // namespace
