// How a TLS stream moves large messages (tls_stream_write.cc, try_read in
// tls_stream.cc): one write seals many records and hands them to the stream
// below in one write; records the stream below does not take at once go out
// before anything else, and the writer is told its bytes were taken only
// then; one read returns every record that is ready, and an end met after
// some bytes comes with the next read. Both ends are TlsStreams over a Unix
// socket pair on one loop, with a counting stream under the client.
#include <corothrift/event_loop.h>
#include <corothrift/forwarding_stream.h>
#include <corothrift/socket.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "run_bounded.h"
#include "tls_fixture.h"

namespace e2e_test {
namespace {

// Counts what the TLS stream above writes to the socket.
class CountingStream final : public corothrift::ForwardingStream {
 public:
  explicit CountingStream(std::unique_ptr<corothrift::ByteStream> inner)
      : ForwardingStream(std::move(inner)) {}
  corothrift::IoResult try_write(std::span<const iovec> pieces) noexcept override {
    corothrift::IoResult r = inner_->try_write(pieces);
    ++writes;
    if (r.status == corothrift::IoStatus::kDone) largest = std::max(largest, r.bytes);
    if (r.status == corothrift::IoStatus::kWantWrite) ++refused;
    return r;
  }
  std::size_t writes = 0;
  std::size_t largest = 0;  // bytes of the largest write taken
  std::size_t refused = 0;  // kWantWrite answers (socket full)
};

std::byte pattern(std::size_t i) { return std::byte(static_cast<unsigned char>(i * 131 + i / 7)); }

std::vector<std::byte> message(std::size_t size) {
  std::vector<std::byte> bytes(size);
  for (std::size_t i = 0; i < size; ++i) bytes[i] = pattern(i);
  return bytes;
}

class TlsBatching : public ::testing::Test {
 public:
  void SetUp() override {
    auto [a, b] = corothrift::socket_pair(loop);
    server = server_context.wrap(std::make_unique<corothrift::Socket>(std::move(a)));
    auto counting =
        std::make_unique<CountingStream>(std::make_unique<corothrift::Socket>(std::move(b)));
    below_client = counting.get();
    client = client_context.wrap(std::move(counting), "localhost");
    // The handshake, driven by a first byte each way.
    run(loop, handshake());
    below_client->writes = below_client->largest = below_client->refused = 0;
  }

  corothrift::Task<int> handshake() {
    std::byte one[1] = {std::byte{1}};
    std::byte got[1];
    auto send = [&]() -> corothrift::Task<int> {
      co_await client->write_all(std::span<const std::byte>(one));
      co_return 0;
    };
    auto receive = [&]() -> corothrift::Task<int> {
      co_await server->read_some(got);
      co_return 0;
    };
    co_await corothrift::when_all(send(), receive());
    co_return 0;
  }

  // Reads exactly `size` bytes from the server's stream, checking each
  // against the pattern from `at`.
  corothrift::Task<std::size_t> receive(std::size_t size, std::size_t at = 0) {
    std::vector<std::byte> buffer(256 * 1024);
    std::size_t got = 0;
    while (got < size) {
      std::size_t n =
          co_await server->read_some(std::span(buffer).first(std::min(buffer.size(), size - got)));
      for (std::size_t i = 0; i < n; ++i) {
        if (buffer[i] != pattern(at + got + i)) co_return got + i;  // the first wrong byte
      }
      got += n;
    }
    co_return got;
  }

  corothrift::EventLoop loop;
  corothrift::tls::ServerContext server_context{server_tls(false)};
  corothrift::tls::ClientContext client_context{client_tls(false)};
  std::unique_ptr<corothrift::ByteStream> server;
  std::unique_ptr<corothrift::ByteStream> client;
  CountingStream* below_client = nullptr;
};

TEST_F(TlsBatching, AMessageWithItsHeaderLeavesInOneWriteOfTheStreamBelow) {
  // A frame header and a 64 KiB body, as a framed transport writes them:
  // five records (the header shares the first), one write below.
  std::vector<std::byte> bytes = message(4 + 64 * 1024);
  iovec pieces[2] = {{bytes.data(), 4}, {bytes.data() + 4, bytes.size() - 4}};
  auto send = [&]() -> corothrift::Task<int> {
    co_await client->writev(pieces);
    co_return 0;
  };
  run(loop, send());
  EXPECT_EQ(below_client->writes, 1u);
  EXPECT_GT(below_client->largest, bytes.size());  // the records, with their overhead
  EXPECT_EQ(run(loop, receive(bytes.size())), bytes.size());
}

TEST_F(TlsBatching, OneReadReturnsEveryRecordThatIsReady) {
  std::vector<std::byte> bytes = message(64 * 1024);
  auto send = [&]() -> corothrift::Task<int> {
    co_await client->write_all(std::span<const std::byte>(bytes));
    co_return 0;
  };
  run(loop, send());  // four records, all in the socket now
  std::vector<std::byte> buffer(128 * 1024);
  auto read_once = [&]() -> corothrift::Task<std::size_t> {
    co_return co_await server->read_some(buffer);
  };
  ASSERT_EQ(run(loop, read_once()), bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) ASSERT_EQ(buffer[i], bytes[i]) << i;
}

// `polite`: close_notify behind the records; otherwise the socket just
// closes (Apache's peers end so), which OpenSSL reports once.
std::string read_records_then_end(TlsBatching& t, bool polite) {
  std::vector<std::byte> bytes = message(40 * 1024);
  auto send = [&]() -> corothrift::Task<int> {
    co_await t.client->write_all(std::span<const std::byte>(bytes));
    if (polite) {
      t.client->shutdown_write();
    } else {
      t.client->abort();
    }
    co_return 0;
  };
  run(t.loop, send());
  std::vector<std::byte> buffer(128 * 1024);
  auto read_twice = [&]() -> corothrift::Task<std::string> {
    std::size_t n = co_await t.server->read_some(buffer);
    if (n != bytes.size()) co_return "first read got " + std::to_string(n) + " bytes";
    for (std::size_t i = 0; i < n; ++i) {
      if (buffer[i] != bytes[i]) co_return "wrong byte at " + std::to_string(i);
    }
    try {
      co_await t.server->read_some(buffer);
    } catch (const corothrift::ConnectionClosed&) {
      co_return "end";
    } catch (const std::exception& e) {
      co_return std::string("second read failed: ") + e.what();
    }
    co_return "second read got bytes";
  };
  return run(t.loop, read_twice());
}

TEST_F(TlsBatching, ACloseNotifyAfterRecordsInTheSameReadIsTheNextReadsEnd) {
  EXPECT_EQ(read_records_then_end(*this, true), "end");
}

TEST_F(TlsBatching, ASocketEndAfterRecordsInTheSameReadIsTheNextReadsEnd) {
  EXPECT_EQ(read_records_then_end(*this, false), "end");
}

TEST_F(TlsBatching, RecordsTheSocketCannotTakeAtOnceGoOutFirstAndWholeWhileTheReaderIsSlow) {
  // Far more than the socket buffers: sealed batches meet a full socket,
  // keep their rest, and send it when the reader has made room.
  const std::size_t size = 8 * 1024 * 1024;
  std::vector<std::byte> bytes = message(size);
  auto send = [&]() -> corothrift::Task<std::size_t> {
    // Pieces of odd sizes, so batches end mid-piece.
    std::size_t sent = 0;
    while (sent < size) {
      std::size_t n = std::min<std::size_t>(size - sent, 300'001);
      co_await client->write_all(std::span<const std::byte>(bytes).subspan(sent, n));
      sent += n;
    }
    co_return sent;
  };
  auto both = [&]() -> corothrift::Task<std::size_t> {
    auto [sent, received] = co_await corothrift::when_all(send(), receive(size));
    co_return sent == size ? received : 0;
  };
  EXPECT_EQ(run(loop, both()), size);
  EXPECT_GT(below_client->refused, 0u) << "the socket never filled: the test saw no partial send";
}

}  // namespace
}  // namespace e2e_test
