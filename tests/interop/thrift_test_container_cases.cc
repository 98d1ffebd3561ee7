// Maps, sets and lists, empty and large enough for multi-byte headers.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "thrift_test_cases.h"

namespace thrift_test {
namespace {

constexpr int kLargeMap = 1000;
constexpr int kLargeList = 10000;

using IntMap = std::map<std::int32_t, std::int32_t>;
using StringMap = std::map<std::string, std::string>;
using IntSet = std::set<std::int32_t>;
using IntList = std::vector<std::int32_t>;

corothrift::Task<void> echo_map(Client& client, Checker& check, IntMap value) {
  IntMap got = co_await client.testMap(value);
  check.expect_eq("testMap", got, value);
}

corothrift::Task<void> echo_string_map(Client& client, Checker& check, StringMap value) {
  StringMap got = co_await client.testStringMap(value);
  check.expect_eq("testStringMap", got, value);
}

corothrift::Task<void> echo_set(Client& client, Checker& check, IntSet value) {
  IntSet got = co_await client.testSet(value);
  check.expect_eq("testSet", got, value);
}

corothrift::Task<void> echo_list(Client& client, Checker& check, IntList value) {
  IntList got = co_await client.testList(value);
  check.expect_eq("testList", got, value);
}

corothrift::Task<void> map_map(Client& client, Checker& check) {
  std::map<std::int32_t, IntMap> got = co_await client.testMapMap(1);
  std::map<std::int32_t, IntMap> want;
  want[-4] = IntMap{{-4, -4}, {-3, -3}, {-2, -2}, {-1, -1}};
  want[4] = IntMap{{1, 1}, {2, 2}, {3, 3}, {4, 4}};
  check.expect_eq("testMapMap", got, want);
}

std::vector<IntMap> int_maps() {
  IntMap small, large;
  for (std::int32_t i = 0; i < 5; ++i) small[i] = i - 10;
  for (std::int32_t i = -kLargeMap / 2; i < kLargeMap / 2; ++i) large[i * 7919] = -i;
  return {small, IntMap{}, large};
}

std::vector<StringMap> string_maps() {
  StringMap strings = {
      {"a", "2"}, {"b", "blah"}, {"some", "thing"}, {"", "empty key"}, {"ключ", "значение ✓"}};
  return {strings, StringMap{}};
}

std::vector<IntSet> int_sets() {
  IntSet large;
  for (std::int32_t i = 0; i < kLargeMap; ++i) large.insert(i * 104729 - 50000000);
  return {IntSet{-2, -1, 0, 1, 2}, IntSet{}, large};
}

std::vector<IntList> int_lists() {
  IntList large;
  for (std::int32_t i = 0; i < kLargeList; ++i) large.push_back((i * 31) % 977 - 400);
  return {IntList{-2, -1, 0, 1, 2, 1, -2}, IntList{}, large};
}

}  // namespace

corothrift::Task<void> run_container_cases(Client& client, Checker& check) {
  std::vector<IntMap> maps = int_maps();
  for (const auto& value : maps) co_await check.run("testMap", echo_map(client, check, value));
  std::vector<StringMap> string_maps_ = string_maps();
  for (const auto& value : string_maps_) {
    co_await check.run("testStringMap", echo_string_map(client, check, value));
  }
  std::vector<IntSet> sets = int_sets();
  for (const auto& value : sets) co_await check.run("testSet", echo_set(client, check, value));
  std::vector<IntList> lists = int_lists();
  for (const auto& value : lists) co_await check.run("testList", echo_list(client, check, value));
  co_await check.run("testMapMap", map_map(client, check));
}

}  // namespace thrift_test
