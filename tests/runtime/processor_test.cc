// ServerRequest and Processor on their own: header parsing, reply encoding
// byte for byte, oneway, own_bytes, and the sorted method table.
#include <corothrift/detail/binary_protocol.h>
#include <corothrift/processor.h>
#include <corothrift/sync_wait.h>

#include <gtest/gtest.h>

#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>
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

// The whole of a sink's output, referenced bytes included.
std::string sent_bytes(const detail::ReplySink& sink) {
  std::string all;
  sink.out.for_each_piece(0, [&](std::span<const uint8_t> piece) {
    all.append(reinterpret_cast<const char*>(piece.data()), piece.size());
    return true;
  });
  return all;
}

calc::Calc_echo_result echo_result(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(i * 31);
  calc::Calc_echo_result result;
  result.value = Binary(std::move(bytes));
  return result;
}

TEST(ServerRequest, AMovedResultsLargeBinaryIsSentFromItsOwnStorageAndKeptAlive) {
  std::string call = calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 3,
                                   calc::Calc_echo_args{});
  detail::ReplySink copied;
  ServerRequest plain(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, copied);
  plain.write_reply(echo_result(70000));

  detail::ReplySink sink;
  sink.out.set_reference_threshold(1024);
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  {
    calc::Calc_echo_result result = echo_result(70000);
    const uint8_t* storage = result.value->data();
    req.write_reply(std::move(result));
    ASSERT_EQ(sink.out.reference_count(), 1u);
    // Not copied: the reply points at the bytes the handler produced.
    std::size_t held = 0;
    bool found = false;
    sink.out.for_each_piece(0, [&](std::span<const uint8_t> piece) {
      found = found || piece.data() == storage;
      held += piece.size();
      return true;
    });
    EXPECT_TRUE(found);
    EXPECT_EQ(held, sink.out.total_size());
  }
  // The result left scope; its bytes live on in the sink until sent, and the
  // frame length counts them.
  EXPECT_EQ(sent_bytes(sink), std::string(copied.out.view()));
  EXPECT_LT(sink.out.size(), 1000u);
  EXPECT_TRUE(req.replied());
  sink.out.clear();
  EXPECT_EQ(sink.out.total_size(), 0u);
}

TEST(ServerRequest, AResultPassedByConstReferenceIsCopiedWhole) {
  std::string call = calc::message(ProtocolKind::Compact, "echo", MessageType::Call, 3,
                                   calc::Calc_echo_args{});
  detail::ReplySink sink;
  sink.out.set_reference_threshold(1024);
  ServerRequest req(ProtocolKind::Compact, bytes_of(call), kDefaultDecodeLimits, sink);
  const calc::Calc_echo_result result = echo_result(5000);
  req.write_reply(result);
  EXPECT_EQ(sink.out.reference_count(), 0u);
  EXPECT_GT(sink.out.size(), 5000u);
  EXPECT_EQ(sink.out.reference_threshold(), 1024u);

  // A const object cannot be moved from: std::move of it copies too.
  ServerRequest again(ProtocolKind::Compact, bytes_of(call), kDefaultDecodeLimits, sink);
  again.write_reply(std::move(result));
  EXPECT_EQ(sink.out.reference_count(), 0u);
  EXPECT_GT(sink.out.size(), 10000u);
}

// A user-declared destructor leaves a type without a move constructor: its
// "move" is a copy, so the reply must not refer into it.
struct CopiesWhenMoved {
  Binary big;
  ~CopiesWhenMoved() {}  // NOLINT: the point of the type
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("r");
    write_field<tag::binary>(w, "big", 0, big);
    w.write_field_stop();
    w.write_struct_end();
  }
};

TEST(ServerRequest, AResultThatCannotBeMovedIsCopiedEvenAsAnRvalue) {
  static_assert(!std::is_nothrow_move_constructible_v<CopiesWhenMoved>);
  std::string call = calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 3,
                                   calc::Calc_echo_args{});
  detail::ReplySink sink;
  sink.out.set_reference_threshold(1024);
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  {
    CopiesWhenMoved result{Binary(std::string(4096, 'c'))};
    req.write_reply(std::move(result));
  }
  EXPECT_EQ(sink.out.reference_count(), 0u);
  EXPECT_NE(sink.out.view().find(std::string(4096, 'c')), std::string_view::npos);
}

TEST(ServerRequest, ALongMethodNameIsCopiedNotReferred) {
  const std::string name(3000, 'n');
  std::string call =
      calc::message(ProtocolKind::Compact, name, MessageType::Call, 3, calc::Calc_echo_args{});
  detail::ReplySink sink;
  sink.out.set_reference_threshold(1024);
  ServerRequest req(ProtocolKind::Compact, bytes_of(call), kDefaultDecodeLimits, sink);
  req.write_reply(echo_result(5000));
  // The request's bytes are the connection's and get reused.
  std::fill(call.begin(), call.end(), '\xee');
  EXPECT_EQ(sink.out.reference_count(), 0u);
  EXPECT_NE(sink.out.view().find(name), std::string_view::npos);
}

// A result whose encoding fails after its large field is already written.
struct FailsMidway {
  Binary big;
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("r");
    write_field<tag::binary>(w, "big", 0, big);
    throw std::runtime_error("cannot encode");
  }
};

TEST(ServerRequest, AFailedEncodeTakesItsBytesBackAndTheFallbackReplyStillGoesOut) {
  std::string call = calc::message(ProtocolKind::Binary, "echo", MessageType::Call, 3,
                                   calc::Calc_echo_args{});
  detail::ReplySink sink;
  sink.out.set_reference_threshold(1024);
  sink.out.append("earlier", 7);
  ServerRequest req(ProtocolKind::Binary, bytes_of(call), kDefaultDecodeLimits, sink);
  FailsMidway result{Binary(std::string(4096, 'z'))};
  EXPECT_THROW(req.write_reply(std::move(result)), std::runtime_error);
  EXPECT_EQ(sink.out.reference_count(), 0u);
  EXPECT_EQ(sink.out.view(), "earlier");
  EXPECT_FALSE(req.replied());

  req.write_exception(TApplicationException(TApplicationException::Type::InternalError, "x"));
  EXPECT_TRUE(req.replied());
  ReadBuffer in(sink.out.bytes().subspan(7 + 4));
  BinaryReader r(in);
  EXPECT_EQ(r.read_message_begin().type, MessageType::Exception);
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
