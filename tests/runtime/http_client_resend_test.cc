// Our HTTP client against servers that close after each response, as
// Apache Python's THttpServer does (HTTP/1.0) or any server answering with
// Connection: close: by closing, the server promised not to process the
// requests pipelined behind the one it answered, so the client sends those
// again on a new connection, and never a request whose response it read.
// The fake server processes one request per connection, records each, and
// answers add() with a + b and a oneway with an empty response.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <corothrift/forwarding_stream.h>
#include <corothrift/when_all.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;

enum class CloseStyle { Http10, ConnectionClose };

class ClosingServer {
 public:
  // Serves `requests` requests, one per connection, then stops.
  ClosingServer(CloseStyle style, int requests)
      : style_(style), thread_([this, requests] { serve(requests); }) {}
  ~ClosingServer() { thread_.join(); }

  uint16_t port() const { return listener_.port(); }
  // What it processed, in order: "add(a,b)" or "notify(v)".
  std::vector<std::string> processed() {
    std::lock_guard lock(mutex_);
    return processed_;
  }
  int connections() {
    std::lock_guard lock(mutex_);
    return connections_;
  }
  // The bytes of each request read (head and body).
  std::vector<std::size_t> request_sizes() {
    std::lock_guard lock(mutex_);
    return request_sizes_;
  }

 private:
  void serve(int requests) {
    for (int i = 0; i < requests; ++i) {
      int fd = listener_.accept();
      if (fd < 0) return;
      {
        std::lock_guard lock(mutex_);
        ++connections_;
      }
      timeval tv{10, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      answer_one(fd);
      // Like Python's socketserver: no more writes, then close (with any
      // pipelined requests still unread).
      ::shutdown(fd, SHUT_WR);
      ::close(fd);
    }
  }

  void answer_one(int fd) {
    std::string head;
    while (head.find("\r\n\r\n") == std::string::npos) {
      char c;
      if (::recv(fd, &c, 1, 0) != 1) return;
      head += c;
    }
    std::size_t at = head.find("Content-Length: ");
    if (at == std::string::npos) return;
    std::string body(std::stoul(head.substr(at + 16)), '\0');
    std::size_t got = 0;
    while (got < body.size()) {
      ssize_t n = ::recv(fd, body.data() + got, body.size() - got, 0);
      if (n <= 0) return;
      got += static_cast<std::size_t>(n);
    }
    {
      std::lock_guard lock(mutex_);
      request_sizes_.push_back(head.size() + body.size());
    }
    send_all(fd, respond(body));
  }

  std::string respond(const std::string& body) {
    ReadBuffer in(body);
    BinaryReader r(in);
    MessageHeader header = r.read_message_begin();
    std::lock_guard lock(mutex_);
    if (header.name == "notify") {
      calc::Calc_notify_args args;
      args.read(r);
      processed_.push_back("notify(" + std::to_string(args.value) + ")");
      // Python's acknowledgement: no length, the close ends it.
      return style_ == CloseStyle::Http10 ? "HTTP/1.0 200 OK\r\n\r\n"
                                          : "HTTP/1.1 200 OK\r\nConnection: close\r\n"
                                            "Content-Length: 0\r\n\r\n";
    }
    calc::TwoInts args;
    args.read(r);
    processed_.push_back("add(" + std::to_string(args.a) + "," + std::to_string(args.b) + ")");
    calc::Calc_add_result result;
    result.value = args.a + args.b;
    std::string reply =
        calc::message(ProtocolKind::Binary, "add", MessageType::Reply, header.seqid, result);
    std::string status = style_ == CloseStyle::Http10 ? "HTTP/1.0 200 OK\r\n"
                                                      : "HTTP/1.1 200 OK\r\nConnection: close\r\n";
    return status + "Content-Length: " + std::to_string(reply.size()) + "\r\n\r\n" + reply;
  }

  static void send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }

  CloseStyle style_;
  calc::RawListener listener_;
  std::mutex mutex_;
  std::vector<std::string> processed_;
  std::vector<std::size_t> request_sizes_;
  int connections_ = 0;
  std::thread thread_;
};

// Counts the bytes the client writes, over all its connections.
class CountingStream final : public corothrift::ForwardingStream {
 public:
  CountingStream(Socket socket, std::size_t& written)
      : ForwardingStream(std::make_unique<Socket>(std::move(socket))), written_(&written) {}
  IoResult try_write(std::span<const iovec> pieces) noexcept override {
    IoResult r = inner_->try_write(pieces);
    if (r.status == IoStatus::kDone) *written_ += r.bytes;
    return r;
  }

 private:
  std::size_t* written_;
};

class HttpClientResend : public ::testing::TestWithParam<CloseStyle> {
 protected:
  calc::CalcClient client(uint16_t port) {
    ChannelOptions options;
    options.transport = TransportKind::Http;
    options.call_timeout = std::chrono::seconds(20);
    options.wrap_stream = [this](Socket socket) -> std::unique_ptr<ByteStream> {
      return std::make_unique<CountingStream>(std::move(socket), written_);
    };
    return calc::CalcClient(
        std::make_shared<ClientChannel>(loop_, Address::ipv4("127.0.0.1", port), options));
  }

  EventLoop loop_;
  std::size_t written_ = 0;  // loop thread only
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST_P(HttpClientResend, PipelinedCallsCutOffByACloseAreSentAgainAndEachIsProcessedOnce) {
  constexpr int kCalls = 5;
  ClosingServer server(GetParam(), kCalls);
  calc::CalcClient calc = client(server.port());
  std::vector<Task<int32_t>> calls;
  for (int i = 0; i < kCalls; ++i) calls.push_back(calc.add(i, 100));
  std::vector<int32_t> sums = calc::run(loop_, when_all(std::move(calls)));
  for (int i = 0; i < kCalls; ++i) EXPECT_EQ(sums[i], i + 100);
  // Each processed exactly once: nothing answered was sent again.
  EXPECT_EQ(sorted(server.processed()),
            (std::vector<std::string>{"add(0,100)", "add(1,100)", "add(2,100)", "add(3,100)",
                                      "add(4,100)"}));
  EXPECT_EQ(server.connections(), kCalls);
}

// Once a server has closed under pipelined calls, calls go one at a time:
// N calls cost 2N - 1 requests (N on the first connection, then one per
// connection), not the N(N+1)/2 of pipelining them all again each time.
TEST_P(HttpClientResend, AfterACloseCutOffCallsCallsGoOneAtATime) {
  constexpr int kCalls = 20;
  ClosingServer server(GetParam(), kCalls);
  calc::CalcClient calc = client(server.port());
  std::vector<Task<int32_t>> calls;
  for (int i = 0; i < kCalls; ++i) calls.push_back(calc.add(10 + i, 100));
  std::vector<int32_t> sums = calc::run(loop_, when_all(std::move(calls)));
  for (int i = 0; i < kCalls; ++i) EXPECT_EQ(sums[i], 110 + i);
  // Every request here has the same size (two-digit numbers, small seqids).
  std::vector<std::size_t> sizes = server.request_sizes();
  ASSERT_EQ(sizes.size(), static_cast<std::size_t>(kCalls));
  EXPECT_EQ(*std::min_element(sizes.begin(), sizes.end()),
            *std::max_element(sizes.begin(), sizes.end()));
  EXPECT_EQ(written_, sizes[0] * (2 * kCalls - 1));
  EXPECT_EQ(server.connections(), kCalls);
}

// A oneway's caller has gone once its bytes are written: the channel itself
// sends it again, first on the next connection (opened here by the call
// behind it, which is cut off again by the close after the oneway's
// acknowledgement).
TEST_P(HttpClientResend, AOnewayCutOffByACloseIsSentAgainOnTheNextConnection) {
  ClosingServer server(GetParam(), 3);
  calc::CalcClient calc = client(server.port());
  auto notify = [&]() -> Task<int32_t> {
    co_await calc.notify(7);
    co_return 0;
  };
  // All three go out together on the first connection.
  std::vector<Task<int32_t>> calls;
  calls.push_back(calc.add(1, 1));
  calls.push_back(notify());
  calls.push_back(calc.add(2, 2));
  std::vector<int32_t> sums = calc::run(loop_, when_all(std::move(calls)));
  EXPECT_EQ(sums, (std::vector<int32_t>{2, 0, 4}));
  EXPECT_EQ(server.processed(), (std::vector<std::string>{"add(1,1)", "notify(7)", "add(2,2)"}));
  EXPECT_EQ(server.connections(), 3);
}

INSTANTIATE_TEST_SUITE_P(Servers, HttpClientResend,
                         testing::Values(CloseStyle::Http10, CloseStyle::ConnectionClose),
                         [](const auto& info) {
                           return info.param == CloseStyle::Http10
                                      ? std::string("http10")
                                      : std::string("connection_close");
                         });

}  // namespace
