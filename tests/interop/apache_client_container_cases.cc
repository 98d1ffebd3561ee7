#include <map>
#include <set>
#include <string>
#include <vector>

#include "apache_client_cases.h"

namespace interop {
namespace {

// Sizes large enough to need multi-byte container headers in both protocols.
constexpr int kLargeMap = 1000;
constexpr int kLargeList = 10000;

void check_maps(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  std::map<int32_t, int32_t> small, large;
  for (int32_t i = 0; i < 5; ++i) small[i] = i - 10;
  for (int32_t i = -kLargeMap / 2; i < kLargeMap / 2; ++i) large[i * 7919] = -i;
  for (const auto& value : {small, std::map<int32_t, int32_t>{}, large}) {
    check.run("testMap", [&] {
      std::map<int32_t, int32_t> got;
      client.testMap(got, value);
      check.expect_eq("testMap", got == value, true);
    });
  }
  const std::map<std::string, std::string> strings = {
      {"a", "2"}, {"b", "blah"}, {"some", "thing"}, {"", "empty key"}, {"ключ", "значение ✓"}};
  for (const auto& value : {strings, std::map<std::string, std::string>{}}) {
    check.run("testStringMap", [&] {
      std::map<std::string, std::string> got;
      client.testStringMap(got, value);
      check.expect_eq("testStringMap", got == value, true);
    });
  }
}

void check_sets_and_lists(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  std::set<int32_t> large_set;
  for (int32_t i = 0; i < kLargeMap; ++i) large_set.insert(i * 104729 - 50000000);
  for (const auto& value : {std::set<int32_t>{-2, -1, 0, 1, 2}, std::set<int32_t>{}, large_set}) {
    check.run("testSet", [&] {
      std::set<int32_t> got;
      client.testSet(got, value);
      check.expect_eq("testSet", got == value, true);
    });
  }
  std::vector<int32_t> large_list;
  for (int32_t i = 0; i < kLargeList; ++i) large_list.push_back((i * 31) % 977 - 400);
  for (const auto& value :
       {std::vector<int32_t>{-2, -1, 0, 1, 2, 1, -2}, std::vector<int32_t>{}, large_list}) {
    check.run("testList", [&] {
      std::vector<int32_t> got;
      client.testList(got, value);
      check.expect_eq("testList", got == value, true);
    });
  }
}

void check_map_map(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check.run("testMapMap", [&] {
    std::map<int32_t, std::map<int32_t, int32_t>> got;
    client.testMapMap(got, 1);
    const std::map<int32_t, std::map<int32_t, int32_t>> want = {
        {-4, {{-4, -4}, {-3, -3}, {-2, -2}, {-1, -1}}}, {4, {{1, 1}, {2, 2}, {3, 3}, {4, 4}}}};
    check.expect_eq("testMapMap", got == want, true);
  });
}

}  // namespace

void run_container_cases(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check_maps(client, check);
  check_sets_and_lists(client, check);
  check_map_map(client, check);
}

}  // namespace interop
