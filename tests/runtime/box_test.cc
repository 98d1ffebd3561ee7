// Box<T>: value semantics on the heap, for recursive `&` fields.
#include <corothrift/box.h>

#include <gtest/gtest.h>

#include <string>

namespace {

using corothrift::Box;

struct Node {
  int value = 0;
  Box<Node> next;  // Node is incomplete here
  friend bool operator==(const Node&, const Node&) = default;
  friend auto operator<=>(const Node&, const Node&) = default;
};

TEST(Box, starts_empty_and_an_empty_box_equals_another) {
  Box<std::string> a;
  Box<std::string> b;
  EXPECT_FALSE(a.has_value());
  EXPECT_EQ(a, b);
}

TEST(Box, copies_deeply) {
  Node head{1, Node{2, Node{3, {}}}};
  Node copy = head;
  copy.next->next->value = 30;
  EXPECT_EQ(head.next->next->value, 3);
  EXPECT_NE(copy, head);
}

TEST(Box, moving_leaves_the_source_empty_without_copying) {
  Box<std::string> a = std::string("payload");
  const std::string* where = a.get();
  Box<std::string> b = std::move(a);
  EXPECT_EQ(b.get(), where);
  EXPECT_FALSE(a.has_value());  // NOLINT(bugprone-use-after-move): documented state
}

TEST(Box, orders_empty_first_then_by_value) {
  Box<int> empty;
  Box<int> one = 1;
  Box<int> two = 2;
  EXPECT_LT(empty, one);
  EXPECT_LT(one, two);
  EXPECT_TRUE((Node{1, Node{2, {}}} < Node{1, Node{3, {}}}));
}

TEST(Box, emplace_and_reset_change_presence) {
  Box<std::string> b;
  b.emplace(3, 'x');
  EXPECT_EQ(*b, "xxx");
  b.reset();
  EXPECT_FALSE(b);
}

}  // namespace
