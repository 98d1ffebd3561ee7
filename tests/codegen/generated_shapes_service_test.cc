// Service shapes of real projects' IDL that once failed to compile (issue
// 11), driven through the generated processor with hand-encoded messages:
// `optional` arguments, and methods and parameters named like the generated
// code's own locals and members.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include <corothrift/detail/codec.h>
#include <corothrift/event_loop.h>
#include <corothrift/processor.h>
#include <corothrift/protocol.h>
#include <corothrift/sync_wait.h>

#include "Clashes.h"
#include "Search.h"
#include "Throwing.h"
#include "generated_test_util.h"

namespace {

using corothrift::ProtocolKind;
namespace tag = corothrift::tag;
namespace args_ns = shapes::arguments;
namespace names = shapes::names;

// A call's arguments: string fields given as (id, value) by the test.
struct StringArgs {
  std::vector<std::pair<std::int16_t, std::string>> fields;
  template <class W>
  void write(W& w) const {
    w.write_struct_begin("args");
    for (const auto& [id, value] : fields) corothrift::write_field<tag::string>(w, "f", id, value);
    w.write_field_stop();
    w.write_struct_end();
  }
};

// A reply body's fields by id, each read as Tag.
template <class Tag, class T>
struct Reply {
  std::optional<T> success;                   // id 0
  std::optional<names::Problem> first_error;  // id 1
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      if (f.id == 0) {
        corothrift::read_field<Tag>(r, f.type, success);
      } else if (f.id == 1) {
        corothrift::read_field<tag::structure<names::Problem>>(r, f.type, first_error);
      } else {
        r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }
};

class Finder : public args_ns::SearchHandler {
 public:
  corothrift::Task<std::vector<std::string>> find(std::string text, std::int32_t limit,
                                                  args_ns::Filter filter,
                                                  std::string locale) override {
    co_return std::vector<std::string>{text, std::to_string(limit), filter.pattern, locale};
  }
};

class Clashing : public names::ClashesHandler {
 public:
  corothrift::Task<void> result(std::string id, std::string result) override {
    seen = id + "/" + result;
    co_return;
  }
  corothrift::Task<std::string> args(std::string args, std::string args_) override {
    co_return args + "+" + args_;
  }
  corothrift::Task<std::int32_t> channel__(std::int32_t a, std::int32_t b) override {
    co_return a - b;
  }
  corothrift::Task<std::int32_t> channel___(std::int32_t channel) override { co_return -channel; }
  corothrift::Task<void> loop__(std::int32_t, std::int32_t, std::int32_t, std::int32_t) override {
    co_return;
  }
  corothrift::Task<void> process(std::int32_t) override { co_return; }
  corothrift::Task<void> connect_(std::string) override { co_return; }
  corothrift::Task<std::string> take_result(std::string result) override { co_return result; }
  std::string seen;
};

class Throwing : public names::ThrowingHandler {
 public:
  corothrift::Task<names::Node> get(names::Node node) override {
    names::Problem problem;
    problem.what_ = "no node " + std::to_string(node.value);
    throw problem;
    co_return node;
  }
};

class GeneratedShapesService : public corothrift::test::ProcessorTest {};

using Strings = std::vector<std::string>;

TEST_P(GeneratedShapesService, OptionalArgumentsLeftOutReachTheHandlerAsTheirDefaults) {
  args_ns::SearchProcessor processor(std::make_shared<Finder>());
  ASSERT_TRUE(call(processor, "find", StringArgs{{{1, "needle"}}}));
  Reply<tag::list<tag::string>, Strings> result;
  reply(result);
  EXPECT_EQ(result.success, (Strings{"needle", "10", "", ""}));
}

TEST_P(GeneratedShapesService, OptionalArgumentsSentReachTheHandler) {
  args_ns::SearchProcessor processor(std::make_shared<Finder>());
  ASSERT_TRUE(call(processor, "find", StringArgs{{{1, "needle"}, {4, "fr"}}}));
  Reply<tag::list<tag::string>, Strings> result;
  reply(result);
  EXPECT_EQ(result.success, (Strings{"needle", "10", "", "fr"}));
}

TEST_P(GeneratedShapesService, ParameterNamedLikeItsFunctionAndTheResultLocalArrives) {
  auto handler = std::make_shared<Clashing>();
  names::ClashesProcessor processor(handler);
  ASSERT_TRUE(call(processor, "result", StringArgs{{{1, "id"}, {2, "value"}}}));
  Reply<tag::string, std::string> result;
  EXPECT_EQ(reply(result).type, corothrift::MessageType::Reply);
  EXPECT_EQ(handler->seen, "id/value");

  ASSERT_TRUE(call(processor, "args", StringArgs{{{1, "a"}, {2, "b"}}}));
  reply(result);
  EXPECT_EQ(result.success, "a+b");
  ASSERT_TRUE(call(processor, "take_result", StringArgs{{{1, "kept"}}}));
  reply(result);
  EXPECT_EQ(result.success, "kept");
}

TEST_P(GeneratedShapesService, DeclaredExceptionNamedSuccessTravelsUnderItsOwnId) {
  names::ThrowingProcessor processor(std::make_shared<Throwing>());
  ASSERT_TRUE(call(processor, "get", StringArgs{}));
  Reply<tag::structure<names::Node>, names::Node> result;
  reply(result);
  EXPECT_FALSE(result.success.has_value());
  ASSERT_TRUE(result.first_error.has_value());
  EXPECT_EQ(result.first_error->what_, "no node 0");
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, GeneratedShapesService,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         corothrift::test::protocol_name);

}  // namespace
