// Hashing generated-style values: equal values hash equal.
#include <corothrift/detail/hash.h>

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

enum class Kind : int32_t { A = 1, B = 2 };

TEST(Hash, equal_values_of_every_member_kind_hash_equal) {
  std::vector<std::map<std::string, int>> a{{{"x", 1}}, {}};
  auto b = a;
  EXPECT_EQ(corothrift::hash_values(a, Kind::B, std::optional<int>(3), corothrift::Binary{1}),
            corothrift::hash_values(b, Kind::B, std::optional<int>(3), corothrift::Binary{1}));
}

TEST(Hash, unordered_containers_hash_independently_of_iteration_order) {
  std::unordered_set<std::string> a;
  std::unordered_set<std::string> b;
  for (int i = 0; i < 100; ++i) a.insert(std::to_string(i));
  b.reserve(1000);
  for (int i = 99; i >= 0; --i) b.insert(std::to_string(i));
  ASSERT_EQ(a, b);
  EXPECT_EQ(corothrift::hash_value(a), corothrift::hash_value(b));
}

TEST(Hash, different_values_usually_hash_differently) {
  EXPECT_NE(corothrift::hash_values(1, 2), corothrift::hash_values(2, 1));
  EXPECT_NE(corothrift::hash_value(std::vector<int>{1, 2}),
            corothrift::hash_value(std::vector<int>{1, 3}));
  EXPECT_NE(corothrift::hash_value(std::optional<std::vector<int>>{}),
            corothrift::hash_value(std::optional<std::vector<int>>{std::vector<int>{}}));
}

TEST(Hash, uuid_binary_and_box_have_std_hash) {
  corothrift::Box<int> one = 1;
  corothrift::Box<int> also_one = 1;
  EXPECT_EQ(std::hash<corothrift::Box<int>>{}(one), std::hash<corothrift::Box<int>>{}(also_one));
  auto u = *corothrift::Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(std::hash<corothrift::Uuid>{}(u), std::hash<corothrift::Uuid>{}(u));
  EXPECT_NE(std::hash<corothrift::Uuid>{}(u), std::hash<corothrift::Uuid>{}(corothrift::Uuid{}));
}

}  // namespace
