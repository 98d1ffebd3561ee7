// The generated processor (tutorial's Calculator, extending shared's
// SharedService) driven with hand-encoded messages: dispatch by name, the
// parent's methods, declared exceptions in the result, unknown methods.
#include <gtest/gtest.h>

#include <optional>

#include <corothrift/detail/codec.h>
#include <corothrift/event_loop.h>
#include <corothrift/processor.h>
#include <corothrift/protocol.h>
#include <corothrift/sync_wait.h>

#include "Calculator.h"
#include "generated_test_util.h"

namespace {

using corothrift::ProtocolKind;
namespace tag = corothrift::tag;

class Calculator : public tutorial::CalculatorHandler {
 public:
  corothrift::Task<void> ping() override { co_return; }
  corothrift::Task<std::int32_t> add(std::int32_t a, std::int32_t b) override { co_return a + b; }
  corothrift::Task<std::int32_t> calculate(std::int32_t, tutorial::Work w) override {
    if (w.op == tutorial::Operation::DIVIDE && w.num2 == 0) {
      tutorial::InvalidOperation error;
      error.whatOp = static_cast<std::int32_t>(w.op);
      error.why = "Cannot divide by 0";
      throw error;
    }
    co_return w.num1 / w.num2;
  }
  corothrift::Task<void> zip() override {
    ++zips;
    co_return;
  }
  corothrift::Task<shared::SharedStruct> getStruct(std::int32_t key) override {
    shared::SharedStruct value;
    value.key = key;
    value.value = "stored";
    co_return value;
  }
  int zips = 0;
};

// The body of a call: fields given as (id, value) by the test.
struct AddArgs {
  std::int32_t num1 = 0;
  std::int32_t num2 = 0;
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("add_args");
    corothrift::write_field<tag::i32>(w, "num1", 1, num1);
    corothrift::write_field<tag::i32>(w, "num2", 2, num2);
    w.write_field_stop();
    w.write_struct_end();
  }
};

struct CalculateArgs {
  tutorial::Work w;
  template <class W>
  void write(W& writer) const {
    writer.write_struct_begin("calculate_args");
    corothrift::write_field<tag::i32>(writer, "logid", 1, 1);
    corothrift::write_field<tag::structure<tutorial::Work>>(writer, "w", 2, w);
    writer.write_field_stop();
    writer.write_struct_end();
  }
};

struct NoArgs {
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("args");
    w.write_field_stop();
    w.write_struct_end();
  }
};

// A reply body: success (id 0) of type Tag, and the declared exception (id 1).
template <class Tag, class T>
struct Result {
  std::optional<T> success;
  std::optional<tutorial::InvalidOperation> ouch;
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      if (f.id == 0) {
        corothrift::read_field<Tag>(r, f.type, success);
      } else if (f.id == 1) {
        corothrift::read_field<tag::structure<tutorial::InvalidOperation>>(r, f.type, ouch);
      } else {
        r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

class GeneratedProcessor : public corothrift::test::ProcessorTest {
 protected:
  template <class Args>
  bool call(std::string_view method, const Args& args,
            corothrift::MessageType type = corothrift::MessageType::Call) {
    return ProcessorTest::call(processor_, method, args, type);
  }

  std::shared_ptr<Calculator> handler_ = std::make_shared<Calculator>();
  tutorial::CalculatorProcessor processor_{handler_};
};

TEST_P(GeneratedProcessor, CallIsDispatchedByNameAndAnsweredWithTheResult) {
  ASSERT_TRUE(call("add", AddArgs{20, 22}));
  Result<tag::i32, std::int32_t> result;
  corothrift::MessageHeader header = reply(result);
  EXPECT_EQ(header.name, "add");
  EXPECT_EQ(header.type, corothrift::MessageType::Reply);
  EXPECT_EQ(header.seqid, 7);
  EXPECT_EQ(result.success, 42);
  EXPECT_FALSE(result.ouch.has_value());
}

TEST_P(GeneratedProcessor, DeclaredExceptionTravelsInTheResult) {
  CalculateArgs args;
  args.w.num1 = 1;
  args.w.op = tutorial::Operation::DIVIDE;
  ASSERT_TRUE(call("calculate", args));
  Result<tag::i32, std::int32_t> result;
  reply(result);
  EXPECT_FALSE(result.success.has_value());
  ASSERT_TRUE(result.ouch.has_value());
  EXPECT_EQ(result.ouch->why, "Cannot divide by 0");
}

TEST_P(GeneratedProcessor, ParentServiceMethodsAreServedToo) {
  ASSERT_TRUE(call("getStruct", AddArgs{5, 0}));  // field 1: key
  Result<tag::structure<shared::SharedStruct>, shared::SharedStruct> result;
  reply(result);
  ASSERT_TRUE(result.success.has_value());
  EXPECT_EQ(result.success->key, 5);
  EXPECT_EQ(result.success->value, "stored");
}

TEST_P(GeneratedProcessor, OnewayRunsTheHandlerAndSendsNothing) {
  ASSERT_TRUE(call("zip", NoArgs{}, corothrift::MessageType::Oneway));
  EXPECT_EQ(handler_->zips, 1);
  EXPECT_TRUE(sink_.out.empty());
}

TEST_P(GeneratedProcessor, UnknownMethodIsReportedWithoutAReply) {
  EXPECT_FALSE(call("subtract", NoArgs{}));
  EXPECT_TRUE(sink_.out.empty());
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, GeneratedProcessor,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         [](const auto& info) {
                           return info.param == ProtocolKind::Binary ? "Binary" : "Compact";
                         });

}  // namespace
