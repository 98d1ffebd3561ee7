// Generated code from test-idl/valid/member_names.thrift: fields, arguments
// and methods named like the codec's entry points (read, write) and the locals
// of its bodies keep their IDL names and travel under their own ids; and an
// exception's what() names its type and message, through copies, moves and
// changes, and on the client that caught it from a real server.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <corothrift/address.h>
#include <corothrift/detail/codec.h>
#include <corothrift/detail/exception_what.h>
#include <corothrift/exception.h>
#include <corothrift/protocol.h>
#include <corothrift/server.h>

#include "Members.h"
#include "member_names_types.h"

namespace {

namespace m = shapes::members;
using corothrift::ProtocolKind;
namespace tag = corothrift::tag;

m::Codec full_codec() {
  m::Codec c;
  c.read = 11;
  c.write = "written";
  c.isset = true;
  c.__isset = true;
  c.what = "what";
  c.value = 16;
  c.w = 17;
  c.r = 18;
  c.f = 19;
  c.tag = 20;
  c.type = 21;
  c.corothrift = 22;
  c.kType = 23;
  c.other = 24;
  c.has_read = 25;
  c.read_field = "read_field";
  c.write_struct = 27;
  c.kind = m::Kind::WRITE;
  return c;
}

template <class T>
T round_trip(ProtocolKind kind, const T& value) {
  corothrift::WriteBuffer out;
  corothrift::serialize(kind, value, out);
  T back;
  EXPECT_EQ(corothrift::deserialize(kind, out.bytes(), back), out.bytes().size());
  return back;
}

// Fields 1, 2 and 6 of a Codec read by id alone, as another implementation
// would: the generated codec must send `read`, `write` and `value` under
// their own ids.
struct ById {
  std::int32_t one = 0;
  std::string two;
  std::int32_t six = 0;
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      if (f.id == 1) {
        corothrift::read_field<tag::i32>(r, f.type, one);
      } else if (f.id == 2) {
        corothrift::read_field<tag::string>(r, f.type, two);
      } else if (f.id == 6) {
        corothrift::read_field<tag::i32>(r, f.type, six);
      } else {
        r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

class MemberNames : public testing::TestWithParam<ProtocolKind> {};

TEST_P(MemberNames, FieldsNamedLikeTheCodecAndItsLocalsRoundTripUnderTheirIdlNames) {
  m::Codec c = full_codec();
  EXPECT_EQ(round_trip(GetParam(), c), c);
  m::Holder h{c, {c, m::Codec{}}, {{"x", c}}};
  EXPECT_EQ(round_trip(GetParam(), h), h);
}

TEST_P(MemberNames, FieldsNamedReadAndWriteTravelUnderTheirOwnIds) {
  corothrift::WriteBuffer out;
  corothrift::serialize(GetParam(), full_codec(), out);
  ById seen;
  corothrift::deserialize(GetParam(), out.bytes(), seen);
  EXPECT_EQ(seen.one, 11);
  EXPECT_EQ(seen.two, "written");
  EXPECT_EQ(seen.six, 16);
}

TEST_P(MemberNames, UnionMembersNamedLikeTheCodecRoundTrip) {
  m::Choice choice;
  choice.set_read(3);
  EXPECT_EQ(round_trip(GetParam(), choice).get_read(), 3);
  choice.set_write("w");
  EXPECT_EQ(round_trip(GetParam(), choice).get_write(), "w");
  choice.set_value_(5);
  EXPECT_EQ(round_trip(GetParam(), choice).type(), m::Choice::Type::value_);
  choice.set_empty(6);
  EXPECT_EQ(round_trip(GetParam(), choice).type(), m::Choice::Type::empty_);
  choice.set_codec(full_codec());
  EXPECT_EQ(round_trip(GetParam(), choice), choice);
}

TEST_P(MemberNames, ARequiredFieldNamedLikeTheCodecsFlagsIsStillChecked) {
  corothrift::WriteBuffer out;
  corothrift::serialize(GetParam(), m::Holder{}, out);  // no field of a Codec at all
  m::Codec c;
  try {
    corothrift::deserialize(GetParam(), out.bytes(), c);
    FAIL() << "a Codec without its required fields was read";
  } catch (const corothrift::ProtocolError& e) {
    EXPECT_STREQ(e.what(), "required field Codec.has_read is missing");
  }
}

TEST_P(MemberNames, ExceptionFieldsRoundTripAndOnlyWhatIsRenamed) {
  m::Failure f;
  f.read = 1;
  f.write = "two";
  f.what_ = "three";
  f.message = "four";
  EXPECT_EQ(round_trip(GetParam(), f), f);
}

// Generic code names both helpers unqualified: they are found by the enum's type.
template <class E>
std::string_view renamed(std::string_view name, E& value) {
  return enum_from_name(name, value) ? enum_name(value) : std::string_view("?");
}

TEST(EnumHelpers, NameAndFromNameAreFoundThroughTheEnumsType) {
  m::Kind kind = m::Kind::READ;
  EXPECT_EQ(renamed("WRITE", kind), "WRITE");
  EXPECT_EQ(kind, m::Kind::WRITE);
  EXPECT_EQ(renamed("write", kind), "?");
  EXPECT_EQ(kind, m::Kind::WRITE);
  EXPECT_EQ(m::enum_name(static_cast<m::Kind>(9)), "");
  EXPECT_EQ(fmt::format("{} {}", m::Kind::READ, static_cast<m::Kind>(9)), "READ 9");
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, MemberNames,
                         testing::Values(ProtocolKind::Binary, ProtocolKind::Compact));

m::Failure failure(std::string message) {
  m::Failure f;
  f.read = 7;
  f.message = std::move(message);
  return f;
}

TEST(ExceptionWhat, NamesTheTypeAndTheMessageField) {
  EXPECT_STREQ(failure("This is a Failure").what(), "Failure: This is a Failure");
}

TEST(ExceptionWhat, TheMessageAnnotationChoosesTheField) {
  m::Refused r;
  r.code = 3;
  r.text = "not now";
  EXPECT_STREQ(r.what(), "Refused: not now");
}

TEST(ExceptionWhat, WithoutAMessageFieldListsTheFields) {
  m::Broken b;
  b.code = 7;
  b.parts = {"a", "b"};
  EXPECT_STREQ(b.what(), "Broken{code: 7, parts: [\"a\", \"b\"]}");
  m::Coded c;  // `message` is an i32: no message field
  c.message = 3;
  EXPECT_STREQ(c.what(), "Coded{message: 3}");
}

TEST(ExceptionWhat, AnEmptyMessageListsTheFieldsInstead) {
  EXPECT_STREQ(failure("").what(), "Failure{read: 7, write: \"\", what: \"\", message: \"\"}");
}

TEST(ExceptionWhat, ListedFieldsAreCutAtAUtf8Boundary) {
  m::Broken b;
  b.parts.assign(400, "\xc3\xa9");  // "é": two bytes each
  std::string text = b.what();
  EXPECT_LE(text.size(), corothrift::detail::kWhatFieldsLimit + 3);
  EXPECT_GT(text.size(), corothrift::detail::kWhatFieldsLimit - 8);
  ASSERT_TRUE(text.ends_with("..."));
  std::string body = text.substr(0, text.size() - 3);
  // The cut left no sequence unfinished: the last lead byte has all its bytes.
  std::size_t lead = body.size();
  while (lead > 0 && (static_cast<unsigned char>(body[lead - 1]) & 0xC0) == 0x80) --lead;
  ASSERT_GT(lead, 0u);
  auto first = static_cast<unsigned char>(body[lead - 1]);
  std::size_t expected = first < 0x80 ? 1 : (first >> 5) == 0x6 ? 2 : (first >> 4) == 0xE ? 3 : 4;
  EXPECT_EQ(body.size() - (lead - 1), expected);
}

TEST(ExceptionWhat, RepeatedCallsReturnTheSamePointer) {
  m::Failure f = failure("same");
  const char* first = f.what();
  EXPECT_EQ(f.what(), first);
  EXPECT_STREQ(first, "Failure: same");
}

TEST(ExceptionWhat, FollowsAChangedField) {
  m::Failure f = failure("before");
  EXPECT_STREQ(f.what(), "Failure: before");
  f.message = "after";
  EXPECT_STREQ(f.what(), "Failure: after");
  f.message.clear();
  f.read = 9;
  EXPECT_STREQ(f.what(), "Failure{read: 9, write: \"\", what: \"\", message: \"\"}");
}

TEST(ExceptionWhat, ACopyHasItsOwnTextThatOutlivesTheOriginal) {
  auto original = std::make_unique<m::Failure>(failure("kept"));
  const char* original_text = original->what();
  m::Failure copy = *original;
  const char* copy_text = copy.what();
  EXPECT_NE(copy_text, original_text);
  original.reset();
  EXPECT_STREQ(copy_text, "Failure: kept");  // ASan: not freed with the original
  EXPECT_STREQ(copy.what(), "Failure: kept");
}

TEST(ExceptionWhat, MovesAndAssignmentsDescribeTheirNewFields) {
  m::Failure source = failure("moved");
  EXPECT_STREQ(source.what(), "Failure: moved");
  m::Failure moved = std::move(source);
  EXPECT_STREQ(moved.what(), "Failure: moved");
  m::Failure assigned = failure("old");
  EXPECT_STREQ(assigned.what(), "Failure: old");
  assigned = moved;
  EXPECT_STREQ(assigned.what(), "Failure: moved");
  assigned = failure("new");
  EXPECT_STREQ(assigned.what(), "Failure: new");
  static_assert(std::is_nothrow_move_constructible_v<m::Failure>);
}

TEST(ExceptionWhat, ThreadsAskingAtOnceGetOneText) {
  m::Failure f = failure("shared");
  std::vector<const char*> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 1000; ++n) seen[i] = f.what();
    });
  }
  for (auto& t : threads) t.join();
  for (const char* text : seen) {
    EXPECT_EQ(text, seen[0]);
    EXPECT_STREQ(text, "Failure: shared");
  }
}

// A server whose `write` throws what the test asks for and whose `read`
// echoes its arguments back.
struct Handler : m::MembersHandler {
  corothrift::Task<m::Codec> read(m::Codec write, std::int32_t read) override {
    write.read = read;
    co_return write;
  }
  corothrift::Task<m::Codec> write(std::int32_t value, m::Choice isset) override {
    if (value == 1) throw failure("This is a Failure");
    if (value == 2) {
      m::Refused r;
      r.text = "refused";
      throw r;
    }
    if (value == 3) {
      m::Broken b;
      b.code = 3;
      throw b;
    }
    m::Codec c;
    c.value = value;
    if (isset.type() == m::Choice::Type::read) c.read = isset.get_read();
    co_return c;
  }
  corothrift::Task<void> value(std::string, std::string, std::int32_t) override { co_return; }
};

class MembersServer : public testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<corothrift::Server>(std::make_shared<m::MembersProcessor>(handler_));
    server_->listen(corothrift::Address::ipv4("127.0.0.1", 0));
    server_->start();
    corothrift::ChannelOptions options;
    options.call_timeout = std::chrono::seconds(10);
    client_.emplace(corothrift::Address::ipv4("127.0.0.1", server_->port()), options);
  }
  void TearDown() override {
    client_.reset();
    server_->stop(std::chrono::seconds(1));
  }

  std::shared_ptr<Handler> handler_ = std::make_shared<Handler>();
  std::unique_ptr<corothrift::Server> server_;
  std::optional<m::MembersSyncClient> client_;
};

TEST_F(MembersServer, MethodsAndArgumentsNamedReadAndWriteReachTheHandler) {
  m::Codec sent = full_codec();
  m::Codec back = client_->read(sent, 99);
  sent.read = 99;
  EXPECT_EQ(back, sent);
  m::Choice choice;
  choice.set_read(4);
  m::Codec written = client_->write(5, choice);
  EXPECT_EQ(written.value, 5);
  EXPECT_EQ(written.read, 4);
}

TEST_F(MembersServer, TheCaughtExceptionsWhatNamesTypeAndMessage) {
  try {
    client_->write(1, m::Choice{});
    FAIL() << "no exception";
  } catch (const m::Failure& e) {
    EXPECT_STREQ(e.what(), "Failure: This is a Failure");
    EXPECT_EQ(e.read, 7);
  }
  try {
    client_->write(2, m::Choice{});
    FAIL() << "no exception";
  } catch (const std::exception& e) {  // as a caller that knows no IDL type sees it
    EXPECT_STREQ(e.what(), "Refused: refused");
  }
  try {
    client_->write(3, m::Choice{});
    FAIL() << "no exception";
  } catch (const corothrift::ThriftException& e) {
    EXPECT_STREQ(e.what(), "Broken{code: 3, parts: []}");
  }
}

}  // namespace
