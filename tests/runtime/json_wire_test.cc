// JSON on the shared port: the server tells unframed JSON ('[' first) and
// framed JSON (a frame whose first byte is '[') from binary and compact,
// answers in JSON with Apache's exact text, and closes a connection that
// sends malformed JSON with a logged reason while other clients go on.
#include <gtest/gtest.h>

#include <string>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::RawClient;

std::string json_add(int32_t a, int32_t b, int32_t seqid) {
  calc::TwoInts args;
  args.a = a;
  args.b = b;
  return calc::message(ProtocolKind::Json, "add", MessageType::Call, seqid, args);
}

// The reply text the server must send for add() = value (Calc_add_result's
// field 0, as Apache writes it).
std::string json_reply(int32_t value, int32_t seqid) {
  return "[1,\"add\",2," + std::to_string(seqid) + ",{\"0\":{\"i32\":" + std::to_string(value) +
         "}}]";
}

class JsonWire : public ::testing::Test {
 protected:
  bool server_closes_after(std::string_view bytes) {
    RawClient raw(server_.server->port());
    raw.send(bytes);
    return raw.closed_by_server();
  }
  void expect_good_client_still_served() { EXPECT_EQ(calc::add_on(good_, 5, 6), 11); }

  calc::LogCapture log_;
  calc::CalcServer server_{calc::one_loop()};
  RawClient good_{server_.server->port()};
};

TEST_F(JsonWire, unframed_json_calls_get_unframed_json_replies_in_order) {
  EXPECT_EQ(json_add(2, 3, 9), R"([1,"add",1,9,{"1":{"i32":2},"2":{"i32":3}}])");
  RawClient raw(server_.server->port());
  // Two calls in one write, the second split at a string's escape-free end.
  std::string calls = json_add(2, 3, 9) + json_add(-4, 1, 10);
  raw.send(calls.substr(0, 50));
  raw.send(calls.substr(50));
  std::string expected = json_reply(5, 9) + json_reply(-3, 10);
  EXPECT_EQ(raw.read(expected.size()), expected);
}

TEST_F(JsonWire, framed_json_calls_get_framed_json_replies) {
  RawClient raw(server_.server->port());
  raw.send(calc::framed(json_add(40, 2, 1)));
  EXPECT_EQ(raw.read(4 + json_reply(42, 1).size()), calc::framed(json_reply(42, 1)));
}

TEST_F(JsonWire, a_json_client_channel_calls_framed_unframed_and_over_http) {
  EventLoop loop;
  for (TransportKind transport :
       {TransportKind::Framed, TransportKind::Unframed, TransportKind::Http}) {
    ChannelOptions options;
    options.protocol = ProtocolKind::Json;
    options.transport = transport;
    int sum = calc::run(loop, [&]() -> Task<int> {
      auto channel = co_await calc::connect(loop, server_.address(), options);
      calc::CalcClient client(channel);
      co_return co_await client.add(20, 22);
    }());
    EXPECT_EQ(sum, 42);
  }
}

TEST_F(JsonWire, a_json_body_posted_over_http_gets_a_json_response) {
  std::string body = json_add(1, 2, 3);
  RawClient raw(server_.server->port());
  raw.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-thrift\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body);
  std::string reply = json_reply(3, 3);
  std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/x-thrift\r\nContent-Length: " +
                     std::to_string(reply.size()) + "\r\nConnection: keep-alive\r\n\r\n";
  EXPECT_EQ(raw.read(head.size() + reply.size()), head + reply);
}

TEST_F(JsonWire, unbalanced_brackets_close_only_that_connection) {
  EXPECT_TRUE(server_closes_after(R"([1,"add",1,1,{"1":{"i32":2]}])"));
  EXPECT_TRUE(log_.contains("unbalanced ']'"));
  expect_good_client_still_served();
}

TEST_F(JsonWire, a_bad_escape_in_the_args_closes_the_connection_with_the_reason) {
  EXPECT_TRUE(server_closes_after(R"([1,"add",1,1,{"1":{"str":"\q"}}])"));
  EXPECT_TRUE(log_.contains("malformed request 'add'"));
  EXPECT_TRUE(log_.contains("invalid escape '\\q'"));
  expect_good_client_still_served();
}

TEST_F(JsonWire, an_overlong_number_in_a_frame_closes_the_connection) {
  std::string call = "[1,\"add\",1,1,{\"1\":{\"i32\":" + std::string(80, '1') + "}}]";
  EXPECT_TRUE(server_closes_after(calc::framed(call)));
  EXPECT_TRUE(log_.contains("number longer than 64 characters"));
  expect_good_client_still_served();
}

TEST_F(JsonWire, a_bad_version_or_an_escaped_name_closes_the_connection) {
  EXPECT_TRUE(server_closes_after(R"([2,"add",1,1,{}])"));
  EXPECT_TRUE(log_.contains("bad JSON protocol version"));
  EXPECT_TRUE(server_closes_after(R"([1,"a\u0064d",1,1,{}])"));
  EXPECT_TRUE(log_.contains("escaped characters in a message name"));
  expect_good_client_still_served();
}

TEST_F(JsonWire, json_that_never_ends_is_cut_at_the_frame_limit) {
  ServerOptions small = calc::one_loop();
  small.limits.max_frame_bytes = 4096;
  calc::CalcServer server(small);
  RawClient raw(server.server->port());
  raw.send("[1,\"add\",1,1,{\"1\":{\"str\":\"" + std::string(5000, 'x'));
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(log_.contains("no message completes within the 4096-byte frame limit"));
}

}  // namespace
