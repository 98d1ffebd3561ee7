#include <corothrift/detail/transport.h>
#include <corothrift/errors.h>
#include <corothrift/event_loop.h>
#include <corothrift/socket.h>
#include <corothrift/sync_wait.h>
#include <corothrift/task.h>
#include <corothrift/timeout.h>
#include <corothrift/when_all.h>

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace corothrift {
namespace {

std::span<const std::byte> bytes_of(const std::string& s) {
  return std::as_bytes(std::span(s.data(), s.size()));
}

std::string text_of(std::span<const std::byte> bytes) {
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

Task<void> send_raw(Socket& socket, std::vector<std::byte> data) {
  co_await socket.write_all(data);
}

Task<void> send_frames(FramedTransport& t, std::vector<std::string> messages) {
  std::vector<std::span<const std::byte>> payloads;
  for (auto& m : messages) payloads.push_back(bytes_of(m));
  co_await t.write_frames(payloads);
}

Task<std::vector<std::string>> receive_frames(FramedTransport& t, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::span<const std::byte> frame = co_await t.read_frame();
    out.push_back(text_of(frame));
  }
  co_return out;
}

TEST(FramedTransport, RoundTripsFramesIncludingEmptyAndLargeOnes) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  FramedTransport writer(std::move(a)), reader(std::move(b), 128);
  std::vector<std::string> messages{"one", "", std::string(300'000, 'z'), "last"};
  auto [sent, got] = sync_wait(
      loop, when_all(send_frames(writer, messages), receive_frames(reader, messages.size())));
  (void)sent;
  EXPECT_EQ(got, messages);
}

TEST(FramedTransport, WritesTheLengthAsFourBigEndianBytes) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  FramedTransport writer(std::move(a));
  sync_wait(loop, send_frames(writer, {std::string(258, 'q')}));
  std::array<std::byte, 4> header;
  EXPECT_EQ(sync_wait(loop,
                      [](Socket& s, std::span<std::byte> h) -> Task<std::size_t> {
                        co_return co_await s.read_some(h);
                      }(b, header)),
            4u);
  EXPECT_EQ(header,
            (std::array<std::byte, 4>{std::byte{0}, std::byte{0}, std::byte{1}, std::byte{2}}));
}

TEST(FramedTransport, RejectsAnOversizeFrameFromItsHeaderAlone) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  FramedTransport reader(std::move(b));
  // Announces 1 GiB and sends no payload: the reader must not wait for it.
  sync_wait(loop, send_raw(a, {std::byte{0x40}, std::byte{0}, std::byte{0}, std::byte{0}}));
  auto read_limited = [](FramedTransport& t) -> Task<void> { co_await t.read_frame(1024); };
  try {
    sync_wait(loop, read_limited(reader));
    FAIL() << "expected FrameTooLarge";
  } catch (const FrameTooLarge& e) {
    EXPECT_NE(std::string(e.what()).find("1073741824"), std::string::npos) << e.what();
  }
}

Task<void> trickle(EventLoop& loop, Socket& socket, std::vector<std::byte> data) {
  for (std::byte b : data) {
    co_await socket.write_all(std::span(&b, 1));
    co_await loop.yield();
  }
}

TEST(FramedTransport, AssemblesFramesFromOneByteReads) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  FramedTransport reader(std::move(b), 64);
  std::vector<std::byte> wire;
  for (std::string m : {"first frame", "second"}) {
    auto n = static_cast<std::uint32_t>(m.size());
    for (int shift : {24, 16, 8, 0}) wire.push_back(std::byte(n >> shift));
    for (char c : m) wire.push_back(std::byte(c));
  }
  auto [sent, got] = sync_wait(loop, when_all(trickle(loop, a, wire), receive_frames(reader, 2)));
  (void)sent;
  EXPECT_EQ(got, (std::vector<std::string>{"first frame", "second"}));
}

TEST(FramedTransport, CoalescesQueuedFramesIntoOneWrite) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  FramedTransport writer(std::move(a));
  sync_wait(loop, send_frames(writer, {"aa", "bbb", "c"}));
  // A single sendmsg: everything is already in the peer's receive queue.
  std::array<std::byte, 64> buf;
  auto read_once = [](Socket& s, std::span<std::byte> into) -> Task<std::size_t> {
    co_return co_await s.read_some(into);
  };
  std::size_t n = sync_wait(loop, read_once(b, buf));
  EXPECT_EQ(n, 3 * 4 + 6u);
}

TEST(FramedTransport, EndOfStreamBetweenFramesThrowsConnectionClosed) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  FramedTransport reader(std::move(b));
  a.close();
  EXPECT_THROW(sync_wait(loop, receive_frames(reader, 1)), ConnectionClosed);
}

Task<std::vector<std::string>> split_lines(BufferedStream& s, std::size_t count) {
  std::vector<std::string> lines;
  while (lines.size() < count) {
    std::string_view view(reinterpret_cast<const char*>(s.available().data()),
                          s.available().size());
    std::size_t end = view.find('\n');
    if (end == std::string_view::npos) {
      co_await s.read_more();
      continue;
    }
    lines.emplace_back(view.substr(0, end));
    s.consume(end + 1);
  }
  co_return lines;
}

TEST(BufferedStream, ReadsMoreUntilADecoderFindsACompleteMessage) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  BufferedStream stream(std::move(b), 64);
  std::string text = "alpha\nbeta\n" + std::string(1000, 'g') + "\n";
  std::vector<std::byte> wire(reinterpret_cast<const std::byte*>(text.data()),
                              reinterpret_cast<const std::byte*>(text.data() + text.size()));
  auto [sent, lines] = sync_wait(loop, when_all(trickle(loop, a, wire), split_lines(stream, 3)));
  (void)sent;
  EXPECT_EQ(lines, (std::vector<std::string>{"alpha", "beta", std::string(1000, 'g')}));
  EXPECT_TRUE(stream.available().empty());
}

Task<std::pair<Socket, Socket>> tcp_pair(EventLoop& loop) {
  using namespace std::chrono_literals;
  Listener listener = Listener::bind(loop, Address::ipv4("127.0.0.1", 0));
  Socket client = co_await connect(loop, listener.local_address(), 1s);
  Socket server = co_await listener.accept();
  co_return std::pair<Socket, Socket>(std::move(client), std::move(server));
}

Task<void> yield_then_read_at_least(EventLoop& loop, BufferedStream& s, std::size_t n) {
  // Two turns: the loop polls in between and sees the data and the end together.
  co_await loop.yield();
  co_await loop.yield();
  co_await s.read_at_least(n);
}

TEST(BufferedStream, EndOfStreamReportedTogetherWithDataIsNotMissed) {
  using namespace std::chrono_literals;
  EventLoop loop;
  // Over TCP: a Unix socket happens to signal its reader again after a read.
  auto [a, b] = sync_wait(loop, tcp_pair(loop));
  BufferedStream stream(std::move(b));
  sync_wait(loop, send_raw(a, std::vector<std::byte>(10, std::byte{1})));
  a.shutdown_write();
  // The short read of the 10 bytes must not make the stream wait for an edge
  // that will never come: the end of stream is already there.
  EXPECT_THROW(sync_wait(loop, with_timeout(loop, 2s, yield_then_read_at_least(loop, stream, 100))),
               ConnectionClosed);
  EXPECT_EQ(stream.available().size(), 10u);
}

TEST(BufferedStream, ReadAtLeastWaitsForEnoughBytes) {
  EventLoop loop;
  auto [a, b] = socket_pair(loop);
  BufferedStream stream(std::move(b), 16);
  std::vector<std::byte> wire(100, std::byte{1});
  auto need = [](BufferedStream& s) -> Task<std::size_t> {
    co_await s.read_at_least(100);
    co_return s.available().size();
  };
  auto [sent, have] = sync_wait(loop, when_all(trickle(loop, a, wire), need(stream)));
  (void)sent;
  EXPECT_EQ(have, 100u);
}

}  // namespace
}  // namespace corothrift
