// Our server's HTTP wire. Requests pipelined on one connection run at once
// (a slow call does not hold up the dispatch of the ones behind it), yet
// every response, error and oneway acknowledgement goes out in request
// order, as HTTP/1.1 requires; the handler parks delay() calls until the
// test releases them, so "at once" is seen by counting parked calls, not by
// timing. A configured path (ServerOptions::http_path) refuses others.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "calc_fixture.h"
#include "http_raw.h"
#include "parking_handler.h"

namespace {

using namespace corothrift;
using calc::add_result;
using calc::call_body;
using calc::post;
using calc::RawClient;
using calc::read_response;

class HttpPipelining : public ::testing::Test {
 protected:
  std::shared_ptr<calc::ParkingHandler> handler_ = std::make_shared<calc::ParkingHandler>();
  calc::CalcServer server_{calc::one_loop(), calc::make_processor(handler_)};
  calc::ReleaseAtExit release_{*handler_};
  RawClient raw_{server_.server->port()};
};

std::string notify_body(int32_t value) {
  calc::Calc_notify_args args;
  args.value = value;
  return calc::message(ProtocolKind::Binary, "notify", MessageType::Oneway, 8, args);
}

TEST_F(HttpPipelining, PipelinedPostsRunAtOnceAndAreAnsweredInRequestOrder) {
  raw_.send(post(call_body("delay", 0, 1)) + post(call_body("delay", 0, 2)) +
            post(call_body("add", 3, 4)));
  // Both slow calls are inside the handler together.
  ASSERT_TRUE(handler_->parked.wait_for(2));
  handler_->release(2);
  ASSERT_TRUE(handler_->finished.wait_for(1));
  handler_->release(1);
  EXPECT_EQ(add_result(read_response(raw_).body), 1);
  EXPECT_EQ(add_result(read_response(raw_).body), 2);
  EXPECT_EQ(add_result(read_response(raw_).body), 7);
  // The connection goes on serving.
  raw_.send(post(call_body("add", 1, 1)));
  EXPECT_EQ(add_result(read_response(raw_).body), 2);
}

TEST_F(HttpPipelining, AOnewaysAcknowledgementWaitsForTheResponseBeforeIt) {
  raw_.send(post(call_body("delay", 0, 1)) + post(notify_body(5)));
  ASSERT_TRUE(handler_->parked.wait_for(1));
  handler_->release(1);
  EXPECT_EQ(add_result(read_response(raw_).body), 1);
  calc::HttpResponse ack = read_response(raw_);
  EXPECT_EQ(ack.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(ack.body.empty());
}

TEST_F(HttpPipelining, AnErrorStatusComesAfterTheResponsesToTheRequestsBeforeIt) {
  raw_.send(post(call_body("delay", 0, 1)) + "POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n");
  ASSERT_TRUE(handler_->parked.wait_for(1));
  handler_->release(1);
  calc::HttpResponse first = read_response(raw_);
  EXPECT_EQ(first.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(add_result(first.body), 1);
  EXPECT_EQ(read_response(raw_).status_line, "HTTP/1.1 400 Bad Request");
  EXPECT_TRUE(raw_.closed_by_server());
}

class HttpPath : public ::testing::Test {
 protected:
  static ServerOptions at_thrift() {
    ServerOptions options;
    options.threads = 1;
    options.http_path = "/thrift";
    return options;
  }
  // The status line answered to one POST of add(2, 3) to `path`.
  std::string status_at(std::string_view path) {
    RawClient raw(server_.server->port());
    raw.send(post(call_body("add", 2, 3), "", path));
    calc::HttpResponse response = read_response(raw);
    if (response.status_line == "HTTP/1.1 200 OK") {
      EXPECT_EQ(add_result(response.body), 5);
    }
    return response.status_line;
  }

  calc::LogCapture log_;
  calc::CalcServer server_{at_thrift()};
};

TEST_F(HttpPath, PostsToTheConfiguredPathAreAnsweredWithOrWithoutAQuery) {
  EXPECT_EQ(status_at("/thrift"), "HTTP/1.1 200 OK");
  EXPECT_EQ(status_at("/thrift?trace=1"), "HTTP/1.1 200 OK");
  EXPECT_EQ(status_at("http://example.org/thrift"), "HTTP/1.1 200 OK");
}

TEST_F(HttpPath, APostToAnotherPathIsA404WithItsPathLoggedAndTheConnectionClosed) {
  RawClient raw(server_.server->port());
  raw.send(post(call_body("add", 2, 3), "", "/thrift/extra"));
  EXPECT_EQ(read_response(raw).status_line, "HTTP/1.1 404 Not Found");
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(log_.contains("path '/thrift/extra' is not the configured '/thrift'"));
  EXPECT_EQ(status_at("/"), "HTTP/1.1 404 Not Found");
  EXPECT_EQ(status_at("/Thrift"), "HTTP/1.1 404 Not Found");
  EXPECT_EQ(status_at("/thrift"), "HTTP/1.1 200 OK");
}

TEST(HttpAnyPath, WithoutAConfiguredPathEveryPathIsServed) {
  calc::CalcServer server;
  for (std::string_view path : {"/", "/thrift", "/a/b?c=d", "*"}) {
    RawClient raw(server.server->port());
    raw.send(post(call_body("add", 2, 3), "", path));
    EXPECT_EQ(add_result(read_response(raw).body), 5) << path;
  }
}

}  // namespace
