// Bad input closes that one connection, with the reason logged, while a
// well-behaved client of the same loop (the server has one) keeps getting
// answers on the same connection.
#include <gtest/gtest.h>

#include <string>

#include "bad_input_fixture.h"

namespace {

using namespace corothrift;
using calc::RawClient;

using MalformedInput = calc::BadInputTest<>;

// A message body given as raw bytes.
struct Raw {
  std::string bytes;
  template <class W>
  void write(W& w) const {
    w.buffer().append(bytes.data(), bytes.size());
  }
};

calc::TwoInts two(int32_t a, int32_t b) {
  calc::TwoInts args;
  args.a = a;
  args.b = b;
  return args;
}

TEST_F(MalformedInput, GarbageBytesCloseOnlyThatConnection) {
  EXPECT_TRUE(server_closes_after("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
  EXPECT_TRUE(log_.contains("closing connection"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, FrameLengthAboveTheLimitIsRejectedBeforeItsBytesArrive) {
  std::string header = "\x7f\xff\xff\xff";
  EXPECT_TRUE(server_closes_after(header));
  EXPECT_TRUE(log_.contains("exceeds the limit"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, EmptyFrameClosesTheConnection) {
  EXPECT_TRUE(server_closes_after(std::string(4, '\0')));
  EXPECT_TRUE(log_.contains("empty frame"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, TruncatedFrameFollowedByEndOfStreamIsDropped) {
  std::string call =
      calc::framed(calc::message(ProtocolKind::Binary, "add", MessageType::Call, 1, two(1, 2)));
  RawClient raw(server_.server->port());
  raw.send(call.substr(0, call.size() - 5));
  raw.shutdown_write();
  EXPECT_TRUE(raw.closed_by_server());
  EXPECT_TRUE(log_.contains("closed the connection mid-message"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, MessageWithABadVersionClosesTheConnection) {
  std::string payload = "\x80\x02\x00\x01";  // version 2
  payload += std::string(
      "\x00\x00\x00\x03"
      "add"
      "\x00\x00\x00\x01"
      "\x00",
      12);
  EXPECT_TRUE(server_closes_after(calc::framed(payload)));
  EXPECT_TRUE(log_.contains("version"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, CompactVarintLongerThanTenBytesClosesTheConnection) {
  // protocol id, version 1 | CALL, then a seqid varint that never ends.
  std::string payload = "\x82\x21";
  payload += std::string(12, '\xff');
  EXPECT_TRUE(server_closes_after(calc::framed(payload)));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, HugeContainerLengthInArgsClosesTheConnectionWithoutAllocating) {
  // echo's args with field 1 announced as a list of 2^31-1 i32s in 3 bytes.
  std::string body = std::string(
      "\x0f\x00\x01"
      "\x08"
      "\x7f\xff\xff\xff",
      8);
  std::string call =
      calc::framed(calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 9, Raw{body}));
  EXPECT_TRUE(server_closes_after(call));
  EXPECT_TRUE(log_.contains("malformed request 'echo'"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, StringLongerThanTheFrameClosesTheConnection) {
  // Binary header whose name claims 1000 bytes inside a 12-byte frame.
  std::string payload = std::string(
      "\x80\x01\x00\x01"
      "\x00\x00\x03\xe8"
      "add!",
      12);
  EXPECT_TRUE(server_closes_after(calc::framed(payload)));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, AReplySentToTheServerClosesTheConnection) {
  calc::Calc_add_result result;
  result.value = 3;
  EXPECT_TRUE(server_closes_after(
      calc::framed(calc::message(ProtocolKind::Binary, "add", MessageType::Reply, 1, result))));
  EXPECT_TRUE(log_.contains("expects CALL or ONEWAY"));
  expect_good_client_still_served();
}

TEST_F(MalformedInput, UnframedGarbageAfterAValidCallIsAnsweredThenClosed) {
  // Unframed binary: a good call, then bytes that cannot start a message.
  std::string call = calc::message(ProtocolKind::Binary, "add", MessageType::Call, 5, two(2, 3));
  RawClient raw(server_.server->port());
  raw.send(call + "\x80\x07garbage-garbage");
  std::string reply = raw.read(4);  // the reply's version word
  EXPECT_EQ(reply, std::string("\x80\x01\x00\x02", 4));
  EXPECT_TRUE(raw.closed_by_server());
  expect_good_client_still_served();
}

TEST_F(MalformedInput, ManyBadConnectionsInARowLeaveTheServerServing) {
  for (int i = 0; i < 50; ++i) {
    std::string junk(64, static_cast<char>(0x80 + (i % 3) * 0x11));
    junk[0] = static_cast<char>(i % 2 == 0 ? 0x80 : 0x82);
    RawClient raw(server_.server->port());
    raw.send(junk);
  }
  expect_good_client_still_served();
}

}  // namespace
