// ServerRequest and Processor on their own: header parsing, reply encoding
// byte for byte, oneway, own_bytes, and the sorted method table.
#include <corothrift/binary_protocol.h>
#include <corothrift/processor.h>
#include <corothrift/sync_wait.h>

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "calc_service.h"
#include "raw_peer.h"

namespace {

using namespace corothrift;

std::span<const uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

calc::TwoInts two(int32_t a, int32_t b) {
  calc::TwoInts args;
  args.a = a;
  args.b = b;
  return args;
}

TEST(ServerRequest, ExposesNameSeqidAndKindOfTheCall) {
  std::string call = calc::message(ProtocolKind::Compact, "add", MessageType::Call, 77, two(1, 2));
  detail::ReplySink sink;
  ServerRequest req(ProtocolKind::Compact, bytes_of(call), kDefaultDecodeLimits, sink);
  EXPECT_EQ(req.method(), "add");
  EXPECT_EQ(req.full_name(), "add");
  EXPECT_EQ(req.seqid(), 77);
  EXPECT_FALSE(req.oneway());
  calc::TwoInts args;
  req.read_args(args);
  EXPECT_EQ(args.a, 1);
  EXPECT_EQ(args.b, 2);
}

TEST(ServerRequest, WritesAFramedReplyExactlyAsApacheDoes) {
  std::string call = calc::message(ProtocolKind::Binary, "add", MessageType::Call, 5, two(1, 2));
  detail::ReplySink sink;
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  calc::Calc_add_result result;
  result.value = 3;
  req.write_reply(result);
  std::string expected =
      calc::framed(std::string("\x80\x01\x00\x02"  // version 1, REPLY
                               "\x00\x00\x00\x03"
                               "add"               // name
                               "\x00\x00\x00\x05"  // seqid
                               "\x08\x00\x00"
                               "\x00\x00\x00\x03"  // field 0: i32 3
                               "\x00",             // stop
                               4 + 7 + 4 + 7 + 1));
  EXPECT_EQ(sink.out.view(), expected);
  EXPECT_TRUE(req.replied());
}

TEST(ServerRequest, UnframedSinkGetsNoLengthPrefix) {
  std::string call = calc::message(ProtocolKind::Binary, "add", MessageType::Call, 5, two(1, 2));
  detail::ReplySink sink;
  sink.framed = false;
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  calc::Calc_add_result result;
  result.value = 3;
  req.write_reply(result);
  EXPECT_EQ(sink.out.view().substr(0, 4), std::string("\x80\x01\x00\x02", 4));
}

TEST(ServerRequest, OnewayRequestWritesNoReply) {
  calc::Calc_notify_args args;
  args.value = 3;
  std::string call = calc::message(ProtocolKind::Binary, "notify", MessageType::Oneway, 1, args);
  detail::ReplySink sink;
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  EXPECT_TRUE(req.oneway());
  req.write_exception(TApplicationException(TApplicationException::Type::InternalError, "x"));
  EXPECT_TRUE(sink.out.empty());
}

TEST(ServerRequest, OnlyTheFirstReplyIsSentAndEachNotifiesTheSink) {
  std::string call = calc::message(ProtocolKind::Binary, "add", MessageType::Call, 5, two(1, 2));
  static int notified = 0;
  notified = 0;
  detail::ReplySink sink;
  sink.on_reply = [](detail::ReplySink*) { ++notified; };
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  calc::Calc_add_result result;
  result.value = 3;
  req.write_reply(result);
  std::size_t size = sink.out.size();
  req.write_exception(TApplicationException(TApplicationException::Type::InternalError, "late"));
  EXPECT_EQ(sink.out.size(), size);
  EXPECT_EQ(notified, 1);
}

TEST(ServerRequest, OwnBytesKeepsArgsAndNameReadableAfterTheSourceIsReused) {
  std::string call =
      calc::message(ProtocolKind::Binary, "delay", MessageType::Call, 9, two(10, 20));
  detail::ReplySink sink;
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  req.own_bytes();
  std::fill(call.begin(), call.end(), '\xee');
  EXPECT_EQ(req.method(), "delay");
  calc::TwoInts args;
  req.read_args(args);
  EXPECT_EQ(args.a, 10);
  EXPECT_EQ(args.b, 20);
}

TEST(ServerRequest, OwnBytesAfterReadingArgsKeepsTheNameForTheReply) {
  std::string call = calc::message(ProtocolKind::Binary, "delay", MessageType::Call, 9, two(1, 2));
  detail::ReplySink sink;
  sink.framed = false;
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  calc::TwoInts args;
  req.read_args(args);
  req.own_bytes();
  std::fill(call.begin(), call.end(), '\xee');
  calc::Calc_delay_result result;
  result.value = 1;
  req.write_reply(result);
  EXPECT_EQ(sink.out.view().substr(4, 9), std::string("\x00\x00\x00\x05"
                                                      "delay",
                                                      9));
}

TEST(ServerRequest, AReplyMessageIsNotARequest) {
  calc::Calc_add_result result;
  std::string reply = calc::message(ProtocolKind::Binary, "add", MessageType::Reply, 1, result);
  detail::ReplySink sink;
  EXPECT_THROW(ServerRequest(ProtocolKind::Binary, bytes_of(reply), kDefaultDecodeLimits, sink),
               ProtocolError);
}

TEST(ServerRequest, MalformedArgsThrowProtocolError) {
  std::string call = calc::message(ProtocolKind::Binary, "add", MessageType::Call, 1, two(1, 2));
  call.resize(call.size() - 3);  // cut inside the second field
  detail::ReplySink sink;
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  calc::TwoInts args;
  EXPECT_THROW(req.read_args(args), ProtocolError);
}

TEST(FindMethod, FindsNamesInASortedTableAndNothingElse) {
  static constexpr MethodEntry<int> kTable[] = {{"add", 1}, {"echo", 2}, {"ping", 3}};
  static_assert(find_method(kTable, "echo")->fn == 2);
  EXPECT_EQ(find_method(kTable, "add")->fn, 1);
  EXPECT_EQ(find_method(kTable, "ping")->fn, 3);
  EXPECT_EQ(find_method(kTable, "pin"), nullptr);
  EXPECT_EQ(find_method(kTable, ""), nullptr);
  EXPECT_EQ(find_method(kTable, "zzz"), nullptr);
}

TEST(Processor, DispatchesByNameAndReportsUnknownMethodsWithoutReadingArgs) {
  auto handler = std::make_shared<calc::TestHandler>();
  calc::CalcProcessor processor(handler);
  EventLoop loop;
  detail::ReplySink sink;
  std::string add = calc::message(ProtocolKind::Binary, "add", MessageType::Call, 1, two(2, 3));
  ServerRequest req(ProtocolKind::Binary, bytes_of(add), kDefaultDecodeLimits, sink);
  EXPECT_TRUE(sync_wait(loop, processor.process(req)));
  EXPECT_TRUE(req.replied());

  std::string unknown =
      calc::message(ProtocolKind::Binary, "subtract", MessageType::Call, 2, two(2, 3));
  ServerRequest other(ProtocolKind::Binary, bytes_of(unknown), kDefaultDecodeLimits, sink);
  EXPECT_FALSE(sync_wait(loop, processor.process(other)));
  EXPECT_FALSE(other.args_read());
  EXPECT_FALSE(other.replied());
}

TEST(Processor, DeclaredExceptionTravelsInTheResultStruct) {
  auto handler = std::make_shared<calc::TestHandler>();
  calc::CalcProcessor processor(handler);
  EventLoop loop;
  detail::ReplySink sink;
  sink.framed = false;
  std::string call = calc::message(ProtocolKind::Binary, "divide", MessageType::Call, 4, two(1, 0));
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  EXPECT_TRUE(sync_wait(loop, processor.process(req)));
  ReadBuffer in(sink.out.bytes());
  BinaryReader r(in);
  MessageHeader header = r.read_message_begin();
  EXPECT_EQ(header.type, MessageType::Reply);
  calc::Calc_divide_result result;
  result.read(r);
  EXPECT_FALSE(result.success.has_value());
  ASSERT_TRUE(result.ouch.has_value());
  EXPECT_EQ(result.ouch->why, "division of 1 by zero");
}

TEST(Processor, UndeclaredExceptionEscapesProcess) {
  auto handler = std::make_shared<calc::TestHandler>();
  calc::CalcProcessor processor(handler);
  EventLoop loop;
  detail::ReplySink sink;
  calc::Calc_fail_args args;
  args.value = "boom";
  std::string call = calc::message(ProtocolKind::Binary, "fail", MessageType::Call, 4, args);
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  EXPECT_THROW(sync_wait(loop, processor.process(req)), std::runtime_error);
  EXPECT_FALSE(req.replied());
}

}  // namespace
