// Shapes of real projects' IDL that once failed to compile (issue 11), each
// from an IDL of test-idl/valid/: recursive structs without `&` (fields on a
// by-value cycle become boxes), cycles through containers, through both
// protocols.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <string>

#include <corothrift/protocol.h>

#include "container_cycle_types.h"
#include "enum_aliases_types.h"
#include "generated_test_util.h"
#include "optional_union_members_types.h"
#include "recursive_optional_types.h"

namespace {

using corothrift::ProtocolKind;
namespace rec = shapes::recursive;
namespace cc = shapes::container_cycle;

class GeneratedShapes : public corothrift::test::ProtocolTest {};

rec::Link chain(int length) {
  rec::Link head;
  rec::Link* last = &head;
  for (int i = 1; i <= length; ++i) {
    last->value = i;
    if (i < length) last = &last->next.emplace();
  }
  return head;
}

TEST_P(GeneratedShapes, OptionalSelfLinkIsABoxAndAChainComesBackEqual) {
  rec::Link list = chain(3);
  rec::Link back = round_trip(list);
  EXPECT_EQ(back, list);
  ASSERT_TRUE(back.next && back.next->next);
  EXPECT_EQ(back.next->next->value, 3);
  EXPECT_FALSE(back.next->next->next);
  EXPECT_NE(back, chain(2));
  EXPECT_LT(chain(2), list);  // an empty box orders first
}

TEST_P(GeneratedShapes, EqualChainsHashEqualAndFormatAsNestedValues) {
  EXPECT_EQ(std::hash<rec::Link>{}(chain(3)), std::hash<rec::Link>{}(chain(3)));
  EXPECT_NE(std::hash<rec::Link>{}(chain(3)), std::hash<rec::Link>{}(chain(2)));
  EXPECT_EQ(fmt::format("{}", chain(2)), "Link{value: 1, next: Link{value: 2, next: null}}");
}

TEST_P(GeneratedShapes, DefaultRequirednessTreeWritesOnlyTheChildrenItHas) {
  rec::BinaryTree leaf;
  leaf.label = "x";
  rec::BinaryTree tree;
  tree.label = "root";
  tree.right = leaf;
  EXPECT_EQ(round_trip(tree), tree);
  EXPECT_FALSE(round_trip(tree).left);
  // An empty box is absent on the wire: the leaf is its label and a stop.
  rec::Link bare;  // 1: i32 value, and an empty box
  EXPECT_EQ(encode(leaf).size(),
            GetParam() == ProtocolKind::Binary ? 1 + 2 + 4 + 1 + 1u : 1 + 1 + 1 + 1u);
  EXPECT_EQ(encode(bare).size(), GetParam() == ProtocolKind::Binary ? 1 + 2 + 4 + 1u : 1 + 1 + 1u);
}

TEST_P(GeneratedShapes, RequiredFieldOnACycleStaysAMemberAndTheOptionalOneIsBoxed) {
  rec::Span span;
  span.id = 1;
  span.downstream.service = "db";
  span.downstream.span = rec::Span{};
  span.downstream.span->id = 2;
  span.downstream.span->downstream.service = "disk";
  rec::Span back = round_trip(span);
  EXPECT_EQ(back, span);
  EXPECT_EQ(back.downstream.span->downstream.service, "disk");
  static_assert(std::is_same_v<decltype(span.downstream), rec::Downstream>);
  static_assert(std::is_same_v<decltype(span.downstream.span), corothrift::Box<rec::SpanRef>>);
}

TEST_P(GeneratedShapes, UnionOnACycleHoldsItsStructInABox) {
  rec::Expr one;
  one.set_literal(1);
  rec::Sum sum;
  sum.left = one;
  sum.right = one;
  rec::Expr expr;
  expr.set_sum(sum);
  rec::Expr back = round_trip(expr);
  EXPECT_EQ(back, expr);
  ASSERT_EQ(back.type(), rec::Expr::Type::sum);
  EXPECT_EQ(back.get_sum().right->get_literal(), 1);
  EXPECT_EQ(std::hash<rec::Expr>{}(back), std::hash<rec::Expr>{}(expr));
}

TEST_P(GeneratedShapes, MapAndSetOfTheirOwnStructAreBoxedAndComeBackEqual) {
  rec::Directory leaf;
  leaf.name = "leaf";
  leaf.links.emplace();
  rec::Directory dir;
  dir.name = "root";
  dir.entries.emplace()["a"] = leaf;
  dir.links.emplace().insert(leaf);
  dir.history.push_back(leaf);
  rec::Directory back = round_trip(dir);
  EXPECT_EQ(back, dir);
  EXPECT_EQ(back.entries->at("a").name, "leaf");
  EXPECT_EQ(std::hash<rec::Directory>{}(back), std::hash<rec::Directory>{}(dir));
  EXPECT_EQ(fmt::format("{}", leaf),
            "Directory{name: \"leaf\", entries: null, links: {}, history: []}");
}

TEST_P(GeneratedShapes, RequiredBoxedContainerMissingOnTheWireIsAProtocolError) {
  rec::Directory without;  // `links` is required, and its box is empty: not written
  corothrift::WriteBuffer bytes = encode(without);
  rec::Directory back;
  EXPECT_THROW(corothrift::deserialize(GetParam(), bytes.bytes(), back), corothrift::ProtocolError);
}

TEST_P(GeneratedShapes, CycleThroughAVectorNeedsNoBoxAndComesBackEqual) {
  cc::Tree tree;
  tree.height = 3;
  tree.root.name = "oak";
  tree.root.forest = cc::Forest{};
  tree.root.forest->trees = std::vector<cc::Tree>{tree};
  cc::Tree back = round_trip(tree);
  EXPECT_EQ(back, tree);
  EXPECT_EQ(back.root.forest->trees->at(0).root.name, "oak");
  cc::Tree taller = tree;
  taller.height = 4;
  EXPECT_LT(tree, taller);
  static_assert(std::is_same_v<decltype(tree.root.forest), std::optional<cc::Forest>>);
}

TEST_P(GeneratedShapes, CycleThroughADequeIsBrokenByABox) {
  cc::Shelf shelf;
  shelf.books.emplace().emplace_back().page.shelf = cc::Shelf{};
  static_assert(std::is_same_v<decltype(shelf.books), corothrift::Box<std::deque<cc::Book>>>);
  EXPECT_EQ(round_trip(shelf), shelf);
}

TEST_P(GeneratedShapes, EnumAliasesShareAValueThatIsNamedByItsFirstName) {
  namespace al = shapes::aliases;
  static_assert(al::Mode::NONE == al::Mode::DEFAULT && al::Mode::QUICK == al::Mode::FAST);
  EXPECT_EQ(al::enum_name(al::Mode::NONE), "DEFAULT");
  EXPECT_EQ(al::enum_name(al::Mode::QUICK), "FAST");
  EXPECT_EQ(al::enum_name(al::Mode::SLOW), "SLOW");
  EXPECT_EQ(static_cast<int>(al::Mode::SLOW), 2);
  al::Mode mode = al::Mode::SLOW;
  EXPECT_TRUE(al::enum_from_name("NONE", mode));
  EXPECT_EQ(mode, al::Mode::DEFAULT);
  EXPECT_TRUE(al::enum_from_name("QUICK", mode));
  EXPECT_EQ(mode, al::Mode::FAST);
  al::Settings settings;
  settings.allowed = {al::Mode::NONE, al::Mode::QUICK, al::Mode::DEFAULT};
  EXPECT_EQ(round_trip(settings), settings);
  EXPECT_EQ(fmt::format("{}", settings), "Settings{mode: DEFAULT, allowed: {DEFAULT, FAST}}");
}

TEST_P(GeneratedShapes, OptionalUnionMembersAreStillPlainMembers) {
  shapes::unions::Action action;
  shapes::unions::Rebalance& rebalance = action.set_rebalance({});
  rebalance.executors = std::map<std::string, std::int32_t>{{"worker", 3}};
  shapes::unions::Action back = round_trip(action);
  EXPECT_EQ(back, action);
  ASSERT_EQ(back.type(), shapes::unions::Action::Type::rebalance);
  EXPECT_EQ(back.get_rebalance().executors->at("worker"), 3);
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, GeneratedShapes,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         corothrift::test::protocol_name);

}  // namespace
