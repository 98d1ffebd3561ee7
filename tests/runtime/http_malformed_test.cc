// Thrift over HTTP on the server's shared port: a well-formed POST is
// answered with a 200 carrying the reply, a bad request with an error
// status and a closed connection (reason logged), while a well-behaved
// client of the same loop keeps being answered.
#include <fmt/core.h>
#include <gtest/gtest.h>

#include <string>

#include "bad_input_fixture.h"
#include "http_raw.h"

namespace {

using namespace corothrift;
using calc::add_body;
using calc::call_body;
using calc::post;
using calc::RawClient;
using calc::read_response;
using Response = calc::HttpResponse;

using calc::add_result;

class HttpServer : public calc::BadInputTest<1 << 20> {
 protected:
  // Sends bytes on a fresh connection; the status line answered, "" if none.
  std::string status_after(std::string_view bytes, bool* closed = nullptr) {
    RawClient raw(server_.server->port());
    raw.send(bytes);
    std::string status = read_response(raw).status_line;
    if (closed) *closed = raw.closed_by_server();
    return status;
  }
  void expect_refused(std::string_view bytes, std::string_view status, std::string_view logged) {
    bool closed = false;
    EXPECT_EQ(status_after(bytes, &closed), status);
    EXPECT_TRUE(closed);
    EXPECT_TRUE(log_.contains(logged)) << logged;
    expect_good_client_still_served();
  }
};

TEST_F(HttpServer, PostsOnOneConnectionAreAnsweredInOrderInTheirOwnProtocol) {
  RawClient raw(server_.server->port());
  raw.send(post(add_body(1, 2)) + post(add_body(3, 4)));
  Response first = read_response(raw);
  Response second = read_response(raw);
  EXPECT_EQ(first.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(add_result(first.body), 3);
  EXPECT_EQ(add_result(second.body), 7);
  raw.send(post(add_body(5, 6, ProtocolKind::Compact)));
  Response compact = read_response(raw);
  EXPECT_EQ(static_cast<uint8_t>(compact.body.at(0)), 0x82);
}

std::string notify_body(int32_t value) {
  calc::Calc_notify_args args;
  args.value = value;
  return calc::message(ProtocolKind::Binary, "notify", MessageType::Oneway, 8, args);
}

TEST_F(HttpServer, ASlowCallIsAnsweredBeforeAFastOneSentAfterIt) {
  RawClient raw(server_.server->port());
  raw.send(post(call_body("delay", 50, 1)) + post(add_body(3, 4)));
  EXPECT_EQ(add_result(read_response(raw).body), 1);
  EXPECT_EQ(add_result(read_response(raw).body), 7);
}

TEST_F(HttpServer, AOnewayIsAcknowledgedWithAnEmpty200) {
  RawClient raw(server_.server->port());
  raw.send(post(notify_body(5)) + post(add_body(1, 1)));
  Response ack = read_response(raw);
  EXPECT_EQ(ack.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(ack.body.empty());
  EXPECT_EQ(add_result(read_response(raw).body), 2);
}

TEST_F(HttpServer, ApachesCppHttpClientGetsNoResponseToAOneway) {
  RawClient raw(server_.server->port());
  const std::string agent = "User-Agent: Thrift/0.17.0 (C++/THttpClient)\r\n";
  raw.send(post(notify_body(5), agent) + post(add_body(2, 3), agent));
  EXPECT_EQ(add_result(read_response(raw).body), 5);
}

TEST_F(HttpServer, AChunkedPostIsAnswered) {
  std::string body = add_body(10, 5);
  std::string request = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  request += fmt::format("{:x}\r\n{}\r\n", 3, body.substr(0, 3));
  request += fmt::format("{:x};ext=1\r\n{}\r\n0\r\n\r\n", body.size() - 3, body.substr(3));
  RawClient raw(server_.server->port());
  raw.send(request);
  EXPECT_EQ(add_result(read_response(raw).body), 15);
}

TEST_F(HttpServer, ConnectionCloseIsHonouredAfterTheAnswer) {
  RawClient raw(server_.server->port());
  raw.send(post(add_body(2, 2), "Connection: close\r\n"));
  EXPECT_EQ(add_result(read_response(raw).body), 4);
  EXPECT_TRUE(raw.closed_by_server());
}

TEST_F(HttpServer, MissingContentLengthIsA400) {
  expect_refused("POST / HTTP/1.1\r\nHost: x\r\n\r\n" + add_body(1, 1), "HTTP/1.1 400 Bad Request",
                 "no Content-Length");
}

TEST_F(HttpServer, BadContentLengthIsA400) {
  expect_refused("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n", "HTTP/1.1 400 Bad Request",
                 "bad Content-Length");
}

TEST_F(HttpServer, ABodyOverTheFrameLimitIsRefusedBeforeItArrives) {
  expect_refused("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n",
                 "HTTP/1.1 413 Payload Too Large", "exceeds the limit");
}

TEST_F(HttpServer, OversizedHeadIsA400) {
  std::string head = "POST / HTTP/1.1\r\nX-Filler: " + std::string(9000, 'a') + "\r\n\r\n";
  expect_refused(head, "HTTP/1.1 400 Bad Request", "head longer than");
}

TEST_F(HttpServer, TooManyHeaderLinesIsA400) {
  std::string head = "POST / HTTP/1.1\r\n";
  for (int i = 0; i < 70; ++i) head += fmt::format("X-{}: 1\r\n", i);
  expect_refused(head + "\r\n", "HTTP/1.1 400 Bad Request", "header lines");
}

TEST_F(HttpServer, BadChunkSizeIsA400) {
  expect_refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                 "HTTP/1.1 400 Bad Request", "bad chunk size");
}

TEST_F(HttpServer, ChunkWithoutItsCrlfIsA400) {
  expect_refused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY",
                 "HTTP/1.1 400 Bad Request", "chunk not followed by CRLF");
}

TEST_F(HttpServer, BothLengthAndChunkedIsA400) {
  expect_refused("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                 "HTTP/1.1 400 Bad Request", "both Content-Length and Transfer-Encoding");
}

TEST_F(HttpServer, ABodyThatIsNoThriftMessageIsA400) {
  expect_refused(post("hello"), "HTTP/1.1 400 Bad Request", "not a binary, compact or JSON");
}

TEST_F(HttpServer, BareLineFeedsAreA400) {
  expect_refused("POST / HTTP/1.1\nContent-Length: 1\n\r\n\r\n", "HTTP/1.1 400 Bad Request",
                 "bare CR or LF");
}

TEST_F(HttpServer, UnknownVersionIsA505) {
  expect_refused("POST / HTTP/2.0\r\nContent-Length: 1\r\n\r\nx",
                 "HTTP/1.1 505 HTTP Version Not Supported", "version");
}

}  // namespace
