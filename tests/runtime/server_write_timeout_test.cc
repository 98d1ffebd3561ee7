// The server's write timeout: while replies wait to be written, the peer
// must take some of their bytes within write_timeout, or its connection is
// closed with a logged reason, whether or not it still sends; a reader that
// is slow but keeps taking bytes keeps its connection however long a large
// reply takes; it is on by default, and 0 turns it off.
//
// The replies are 12 MiB echoes to clients with a 4 KiB receive buffer: more
// than the socket buffers of both sides hold, so most of each reply waits in
// the server until the client reads.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <thread>

#include "calc_fixture.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;
using calc::RawClient;
using std::chrono::milliseconds;

constexpr std::size_t kReplySize = 12 * 1024 * 1024;
constexpr int kSmallReceiveBuffer = 4096;

ServerOptions one_loop(milliseconds write_timeout) {
  ServerOptions options = calc::one_loop();
  options.write_timeout = write_timeout;
  return options;
}

calc::Calc_echo_args big_echo() {
  calc::Calc_echo_args args;
  args.value = calc::pattern(kReplySize, 7);
  return args;
}

std::string big_echo_call() {
  return calc::framed(
      calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 1, big_echo()));
}

// Polls `done` every few milliseconds for at most 10 s.
template <class F>
bool wait_until(F done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

// Reads one framed echo reply of `size` bytes' payload, `chunk` bytes at a
// time with `gap` between reads; true when it arrived whole and right.
bool read_echo_reply(RawClient& raw, std::size_t chunk, milliseconds gap) {
  std::string length = raw.read(4);
  if (length.size() != 4) return false;
  std::size_t n = 0;
  for (char c : length) n = (n << 8) | static_cast<uint8_t>(c);
  std::string body;
  while (body.size() < n) {
    std::string part = raw.read(std::min(chunk, n - body.size()));
    if (part.empty()) return false;
    body += part;
    std::this_thread::sleep_for(gap);  // the slow reader's pace, not a wait for an event
  }
  ReadBuffer in(body);
  BinaryReader r(in);
  if (r.read_message_begin().type != MessageType::Reply) return false;
  calc::Calc_echo_result result;
  result.read(r);
  return result.value == big_echo().value;
}

TEST(ServerWriteTimeout, ProtectsByDefault) {
  ServerOptions defaults;
  EXPECT_EQ(defaults.write_timeout, std::chrono::seconds(30));
}

// The peer sends a call and never reads: its connection is closed, the log
// says why and how much was left unsent, and another connection is served.
TEST(ServerWriteTimeout, ClosesAConnectionWhosePeerReadsNoReplies) {
  calc::LogCapture log;
  calc::CalcServer server(one_loop(milliseconds(200)));
  RawClient good(server.server->port());
  EXPECT_EQ(calc::add_on(good, 1, 1), 2);
  RawClient stalled(server.server->port(), kSmallReceiveBuffer);
  ASSERT_TRUE(stalled.send(big_echo_call()));
  EXPECT_TRUE(wait_until([&] { return log.contains("write_timeout of 200 ms"); }))
      << "no logged reason";
  EXPECT_TRUE(log.contains("bytes of replies unsent"));
  EXPECT_TRUE(stalled.closed_by_server());
  EXPECT_TRUE(wait_until([&] { return server.server->connection_count() == 1; }));
  EXPECT_EQ(calc::add_on(good, 2, 3), 5);
}

// Half-closing ends the server's reading (its bound on waiting reply bytes
// raised, so that it reads on and meets the end); the replies still waiting
// keep the write timeout's checks going.
TEST(ServerWriteTimeout, AppliesAfterThePeerStopsSending) {
  calc::LogCapture log;
  ServerOptions options = one_loop(milliseconds(200));
  options.max_pending_output_bytes = 4 * kReplySize;
  calc::CalcServer server(options);
  RawClient stalled(server.server->port(), kSmallReceiveBuffer);
  ASSERT_TRUE(stalled.send(big_echo_call()));
  stalled.shutdown_write();
  EXPECT_TRUE(wait_until([&] { return log.contains("write_timeout of 200 ms"); }))
      << "no logged reason";
  EXPECT_TRUE(stalled.closed_by_server());
}

// 64 KiB every 20 ms: the 12 MiB reply takes about four seconds to read,
// many times the 200 ms timeout, and bytes are taken in every period. The
// socket becomes writable again only after about a third of its send
// buffer (megabytes) has drained, which at this pace takes longer than the
// timeout: the peer's progress shows in the kernel's send queue first. The
// reply arrives whole and the connection stays open.
TEST(ServerWriteTimeout, KeepsASlowReaderThatKeepsTakingBytes) {
  calc::LogCapture log;
  calc::CalcServer server(one_loop(milliseconds(200)));
  RawClient slow(server.server->port(), kSmallReceiveBuffer);
  const std::string call = big_echo_call();
  std::thread sender([&] { slow.send(call); });
  EXPECT_TRUE(read_echo_reply(slow, 64 * 1024, milliseconds(20))) << "the reply was cut off";
  sender.join();
  EXPECT_EQ(calc::add_on(slow, 20, 22), 42);
  EXPECT_FALSE(log.contains("write_timeout"));
}

// 0 turns it off: a reply nobody reads stays pending while a witness on a
// server with the timeout on, stalled later, is closed twice over; then the
// whole reply is read.
TEST(ServerWriteTimeout, ZeroTurnsItOff) {
  calc::LogCapture log;
  calc::CalcServer off(one_loop(milliseconds(0)));
  calc::CalcServer on(one_loop(milliseconds(100)));
  RawClient stalled(off.server->port(), kSmallReceiveBuffer);
  const std::string call = big_echo_call();
  ASSERT_TRUE(stalled.send(call));
  for (std::size_t closed = 1; closed <= 2; ++closed) {
    RawClient witness(on.server->port(), kSmallReceiveBuffer);
    ASSERT_TRUE(witness.send(call));
    EXPECT_TRUE(wait_until([&] { return log.count("write_timeout of 100 ms") == closed; }));
    EXPECT_TRUE(witness.closed_by_server());
  }
  EXPECT_TRUE(read_echo_reply(stalled, 1024 * 1024, milliseconds(0))) << "the reply was cut off";
  EXPECT_EQ(calc::add_on(stalled, 3, 4), 7);
}

}  // namespace
