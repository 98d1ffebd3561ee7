// Generated client against generated server, one test per method shape, over
// binary and compact, framed and unframed.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "e2e_fixture.h"

namespace e2e_test {
namespace {

using ShapesMethods = ShapesTest;

TEST_P(ShapesMethods, VoidMethodCompletes) {
  auto client = connect();
  run(client.reset());
  EXPECT_TRUE(run(client.recorded()).empty());
}

TEST_P(ShapesMethods, OnewayCallArrivesBeforeTheNextCallIsAnswered) {
  auto client = connect();
  run(client.record("first"));
  run(client.record("second"));
  std::vector<std::string> want = {"first", "second"};
  EXPECT_EQ(run(client.recorded()), want);
}

TEST_P(ShapesMethods, ScalarArgumentsArriveIntact) {
  auto client = connect();
  corothrift::Binary blob{0, 1, 255};
  std::string got = run(client.describe(-128, 32767, std::numeric_limits<std::int32_t>::min(),
                                        std::numeric_limits<std::int64_t>::max(), 0.5, true,
                                        e2e::Color::BLUE, blob));
  EXPECT_EQ(got, "-128 32767 -2147483648 9223372036854775807 0.5 true BLUE 3");
}

TEST_P(ShapesMethods, DeclaredExceptionsAreRethrownAsTheirOwnTypes) {
  auto client = connect();
  try {
    run(client.lookup("missing"));
    FAIL() << "NotFound was not thrown";
  } catch (const e2e::NotFound& e) {
    EXPECT_EQ(e.key, "missing");
    EXPECT_EQ(e.code, 404);
  }
  try {
    run(client.lookup("secret"));
    FAIL() << "Forbidden was not thrown";
  } catch (const e2e::Forbidden& e) {
    EXPECT_EQ(e.reason, "no access to secret");
  }
  EXPECT_EQ(run(client.lookup("abc")), (e2e::Point{3, -3}));
}

TEST_P(ShapesMethods, VoidMethodWithThrowsRethrowsOrReturns) {
  auto client = connect();
  run(client.check(0));
  try {
    run(client.check(7));
    FAIL() << "NotFound was not thrown";
  } catch (const e2e::NotFound& e) {
    EXPECT_EQ(e.code, 7);
  }
}

TEST_P(ShapesMethods, InheritedMethodsReachTheParentHandler) {
  auto client = connect();
  e2e::base::BaseServiceClient& base = client;
  e2e::base::Greeting greeting = run(base.hello("e2e"));
  EXPECT_EQ(greeting.text, "hello, e2e");
  EXPECT_EQ(run(client.base_counter()), handler_->calls());
}

e2e::Bag full_bag() {
  e2e::Bag bag;
  bag.points = {{1, 2}, {-3, 4}};
  bag.tags = {"", "b", "ünï"};
  bag.series = {{"empty", {}}, {"some", {1, -1, std::numeric_limits<std::int32_t>::max()}}};
  bag.by_color = {{e2e::Color::RED, {1, 2}}, {e2e::Color::BLUE, {}}};
  bag.nested = {{}, {{"origin", {0, 0}}, {"far", {1000000, -1000000}}}};
  for (int i = 0; i < 256; ++i) bag.blob.storage().push_back(static_cast<char>(i));
  bag.ratio = -0.1;
  bag.flag = true;
  bag.tiny = -1;
  bag.small = -300;
  bag.id = *corothrift::Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  return bag;
}

TEST_P(ShapesMethods, NestedContainersRoundTrip) {
  auto client = connect();
  e2e::Bag bag = full_bag();
  EXPECT_EQ(run(client.echo_bag(bag)), bag);
  EXPECT_EQ(run(client.echo_bag(e2e::Bag{})), e2e::Bag{});
}

TEST_P(ShapesMethods, LargeContainersRoundTrip) {
  auto client = connect();
  e2e::Bag bag;
  for (int i = 0; i < 20000; ++i) bag.points.push_back({i, -i});
  bag.blob.storage().assign(1 << 20, 'z');
  EXPECT_EQ(run(client.echo_bag(bag)), bag);
}

TEST_P(ShapesMethods, EveryUnionAlternativeRoundTrips) {
  auto client = connect();
  std::vector<e2e::Value> values(5);
  values[1].set_number(std::numeric_limits<std::int64_t>::min());
  values[2].set_text("text");
  values[3].set_point({5, 6});
  values[4].set_words({"a", "", "c"});
  for (const auto& value : values) {
    e2e::Value got = run(client.echo_value(value));
    EXPECT_EQ(got.type(), value.type());
    EXPECT_EQ(got, value);
  }
}

TEST_P(ShapesMethods, OptionalFieldsKeepTheirPresence) {
  auto client = connect();
  e2e::Options unset;
  unset.name = "unset";
  e2e::Options got = run(client.echo_options(unset));
  EXPECT_EQ(got, unset);
  EXPECT_FALSE(got.limit.has_value());
  EXPECT_FALSE(got.origin.has_value());
  EXPECT_EQ(got.plain, 7);

  e2e::Options set = unset;
  set.limit = 0;
  set.origin = e2e::Point{};
  set.labels = std::vector<std::string>{};
  set.plain = -7;
  got = run(client.echo_options(set));
  EXPECT_EQ(got, set);
  ASSERT_TRUE(got.limit.has_value());
  EXPECT_EQ(*got.limit, 0);
  EXPECT_TRUE(got.labels.has_value());
}

TEST_P(ShapesMethods, RecursiveStructsRoundTrip) {
  auto client = connect();
  e2e::Tree tree;
  tree.value = 1;
  tree.children.resize(3);
  tree.children[1].value = 2;
  tree.children[1].children.resize(2);
  tree.children[1].children[0].value = 3;
  EXPECT_EQ(run(client.echo_tree(tree)), tree);

  e2e::Chain chain;
  e2e::Chain* link = &chain;
  for (int i = 0; i < 30; ++i) {
    link->item = i;
    link = &link->next.emplace();
  }
  e2e::Chain got = run(client.echo_chain(chain));
  EXPECT_EQ(got, chain);
  ASSERT_TRUE(got.next);
  EXPECT_EQ(got.next->item, 1);
}

INSTANTIATE_TEST_SUITE_P(Wires, ShapesMethods, kAllWires, wire_name);

}  // namespace
}  // namespace e2e_test
