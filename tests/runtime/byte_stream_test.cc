// The ByteStream seam below the connections: a stream whose read needs the
// socket writable (as SSL_read does when TLS must answer before it can hand
// out data) waits for write readiness in the read slot, beside a write that
// waits too; and raw connection syscalls live in socket.cc only.
#include <corothrift/byte_stream.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>
#include <corothrift/forwarding_stream.h>
#include <corothrift/socket.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timeout.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace corothrift {
namespace {

std::span<const std::byte> bytes_of(const std::string& s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

// Must send `pending` before it can read, like a TLS stream that owes the
// peer a record: until that is out, its reads answer kWantWrite.
class FlushFirstStream final : public corothrift::ForwardingStream {
 public:
  FlushFirstStream(Socket inner, std::string pending)
      : ForwardingStream(std::make_unique<Socket>(std::move(inner))),
        pending_(std::move(pending)) {}

  IoResult try_read(std::span<std::byte> buffer) noexcept override {
    while (!pending_.empty()) {
      const iovec piece{pending_.data(), pending_.size()};
      IoResult r = inner_->try_write(std::span(&piece, 1));
      if (r.status != IoStatus::kDone) return r;
      pending_.erase(0, r.bytes);
    }
    return inner_->try_read(buffer);
  }

 private:
  std::string pending_;
};

// Writes until the kernel takes no more; returns how much it took.
std::size_t fill_send_buffer(Socket& socket) {
  std::string chunk(64 * 1024, 'f');
  const iovec piece{chunk.data(), chunk.size()};
  std::size_t total = 0;
  for (;;) {
    IoResult r = socket.try_write(std::span(&piece, 1));
    if (r.status != IoStatus::kDone) {
      EXPECT_EQ(r.status, IoStatus::kWantWrite);
      return total;
    }
    total += r.bytes;
  }
}

Task<std::string> read_once(ByteStream& stream) {
  std::array<std::byte, 64> buf;
  std::size_t n = co_await stream.read_some(buf);
  co_return std::string(reinterpret_cast<const char*>(buf.data()), n);
}

Task<int> write_all_of(ByteStream& stream, const std::string& data) {
  co_await stream.write_all(bytes_of(data));
  co_return 1;
}

// Sees both operations parked, reads `expect` bytes, then answers "hello".
Task<std::size_t> peer(EventLoop& loop, Socket& socket, FdWatch& watch, std::size_t expect) {
  co_await loop.yield();
  EXPECT_TRUE(watch.waiting(Interest::kRead));
  EXPECT_TRUE(watch.waiting(Interest::kWrite));
  std::vector<std::byte> buf(256 * 1024);
  std::size_t got = 0;
  while (got < expect) got += co_await socket.read_some(buf);
  co_await socket.write_all(bytes_of("hello"));
  co_return got;
}

TEST(ByteStream, AReadThatNeedsWriteReadinessAndAWriteBothWaitAndBothFinish) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  const std::size_t filled = fill_send_buffer(a);
  ASSERT_GT(filled, 0u);
  FlushFirstStream stream(std::move(a), "X");
  const std::string data(100000, 'd');
  // The peer sees the filler, the owed "X" and the data only if the read
  // waiting for write readiness is woken when the socket drains.
  auto [text, wrote, got] = sync_wait(
      loop, with_timeout(loop, std::chrono::seconds(20),
                         when_all(read_once(stream), write_all_of(stream, data),
                                  peer(loop, b, stream.watch(), filled + 1 + data.size()))));
  EXPECT_EQ(text, "hello");
  EXPECT_EQ(wrote, 1);
  EXPECT_EQ(got, filled + 1 + data.size());
}

TEST(ByteStream, EndOfStreamAndErrorsReachTheAwaitersAsExceptions) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  b.shutdown_write();
  EXPECT_THROW(sync_wait(loop, read_once(a)), ConnectionClosed);
  b.close();
  // The peer is gone: writing fails (EPIPE) instead of waiting.
  EXPECT_THROW(sync_wait(loop, write_all_of(a, std::string(1 << 20, 'x'))), ConnectionClosed);
}

// A stream with an error code of its own, as a TLS stream has: its reads fail
// with it and only it can say what the code means.
class OwnErrorsStream final : public corothrift::ForwardingStream {
 public:
  static constexpr int kOwnCode = 0x5eed;
  explicit OwnErrorsStream(Socket inner)
      : ForwardingStream(std::make_unique<Socket>(std::move(inner))) {}

  IoResult try_read(std::span<std::byte>) noexcept override {
    return {0, IoStatus::kError, kOwnCode};
  }
  [[noreturn]] void throw_error(const char* operation, int error) const override {
    if (error == kOwnCode)
      throw TransportError(std::string(operation) + ": the stream's own story");
    ForwardingStream::throw_error(operation, error);
  }
};

TEST(ByteStream, AForwardingStreamLeavesTheStreamBelowToDescribeItsErrors) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  corothrift::ForwardingStream outer(std::make_unique<OwnErrorsStream>(std::move(a)));
  try {
    sync_wait(loop, read_once(outer));
    ADD_FAILURE() << "the read did not fail";
  } catch (const TransportError& e) {
    EXPECT_STREQ(e.what(), "read: the stream's own story");
  }
  EXPECT_EQ(&outer.watch(), &outer.inner().watch());
}

// True when `text` calls the global function `call` ("::read("), not a
// member of the same name ("Codec<T>::read(", "ByteStream::writev(").
bool calls_global(const std::string& text, const std::string& call) {
  for (std::size_t pos = text.find(call); pos != std::string::npos;
       pos = text.find(call, pos + 1)) {
    const char before = pos == 0 ? ' ' : text[pos - 1];
    if (!std::isalnum(static_cast<unsigned char>(before)) && before != '_' && before != '>') {
      return true;
    }
  }
  return false;
}

// Raw reads, writes and shutdowns of connections happen in the socket layer
// only (the event loop reads and writes its own eventfd, serve_until_signal
// its self-pipe).
TEST(ByteStream, ConnectionSyscallsAreMadeInSocketCcOnly) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(COROTHRIFT_SOURCE_DIR) / "runtime";
  std::vector<std::string> offenders;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = fs::relative(entry.path(), root).string();
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    for (const char* call : {"::send(", "::sendmsg(", "::recv(", "::recvmsg(", "::shutdown(",
                             "::writev(", "::readv(", "::read(", "::write("}) {
      if (!calls_global(text.str(), call)) continue;
      // The loop's eventfd and serve_until_signal's self-pipe are no connections.
      const bool own_fd = (name == "src/event_loop.cc" || name == "src/stop_signals.cc") &&
                          (std::string(call) == "::read(" || std::string(call) == "::write(");
      if (name != "src/socket.cc" && !own_fd) offenders.push_back(name + " " + call);
    }
  }
  EXPECT_EQ(offenders, std::vector<std::string>{});
}

}  // namespace
}  // namespace corothrift
