#include <chrono>
#include <limits>
#include <string>

#include <thrift/TApplicationException.h>

#include "apache_client_cases.h"

namespace interop {
namespace {

using thrift::test::Insanity;
using thrift::test::Numberz;
using thrift::test::Xtruct;

Xtruct make_xtruct(std::string text, int8_t byte, int32_t i32, int64_t i64) {
  Xtruct value;
  value.string_thing = std::move(text);
  value.byte_thing = byte;
  value.i32_thing = i32;
  value.i64_thing = i64;
  return value;
}

void check_struct_and_nest(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  for (const auto& value :
       {make_xtruct("Zero", 1, -3, -5), make_xtruct("", 0, 0, 0),
        make_xtruct("ünïcödé ☃", std::numeric_limits<int8_t>::min(),
                    std::numeric_limits<int32_t>::min(), std::numeric_limits<int64_t>::max())}) {
    check.run("testStruct", [&] {
      Xtruct got;
      client.testStruct(got, value);
      check.expect_eq("testStruct", got, value);
    });
  }
  check.run("testNest", [&] {
    thrift::test::Xtruct2 value, got;
    value.byte_thing = 1;
    value.struct_thing = make_xtruct("Zero", 1, -3, -5);
    value.i32_thing = 5;
    client.testNest(got, value);
    check.expect_eq("testNest", got, value);
  });
}

void check_insanity(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check.run("testInsanity", [&] {
    Insanity argument;
    argument.userMap = {{Numberz::FIVE, 5}, {Numberz::EIGHT, 8}};
    argument.xtructs = {make_xtruct("Goodbye4", 4, 4, 4), make_xtruct("Hello2", 2, 2, 2)};
    std::map<thrift::test::UserId, std::map<Numberz::type, Insanity>> got;
    client.testInsanity(got, argument);
    const std::map<thrift::test::UserId, std::map<Numberz::type, Insanity>> want = {
        {1, {{Numberz::TWO, argument}, {Numberz::THREE, argument}}},
        {2, {{Numberz::SIX, Insanity{}}}}};
    check.expect_eq("testInsanity", got == want, true);
  });
}

void check_multi(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check.run("testMulti", [&] {
    Xtruct got;
    client.testMulti(got, 9, 11, 12, {{1, "2"}, {2, "3"}}, Numberz::FIVE, 13);
    check.expect_eq("testMulti", got, make_xtruct("Hello2", 9, 11, 12));
  });
}

}  // namespace

void run_struct_cases(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check_struct_and_nest(client, check);
  check_insanity(client, check);
  check_multi(client, check);
}

void run_exception_cases(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check.run("testException", [&] {
    try {
      client.testException("Xception");
      check.fail("testException", "Xception was not thrown");
    } catch (const thrift::test::Xception& error) {
      check.expect_eq("testException", error.errorCode, 1001);
      check.expect_eq("testException", error.message, std::string("Xception"));
    }
  });
  check.run("testException", [&] {
    try {
      client.testException("TException");
      check.fail("testException", "TException was not thrown");
    } catch (const apache::thrift::TApplicationException&) {
    }
  });
  check.run("testException", [&] { client.testException("success"); });
  check.run("testMultiException", [&] {
    try {
      Xtruct got;
      client.testMultiException(got, "Xception", "test 1");
      check.fail("testMultiException", "Xception was not thrown");
    } catch (const thrift::test::Xception& error) {
      check.expect_eq("testMultiException", error.errorCode, 1001);
      check.expect_eq("testMultiException", error.message, std::string("This is an Xception"));
    }
  });
  check.run("testMultiException", [&] {
    try {
      Xtruct got;
      client.testMultiException(got, "Xception2", "test 2");
      check.fail("testMultiException", "Xception2 was not thrown");
    } catch (const thrift::test::Xception2& error) {
      check.expect_eq("testMultiException", error.errorCode, 2002);
      check.expect_eq("testMultiException", error.struct_thing.string_thing,
                      std::string("This is an Xception2"));
    }
  });
  check.run("testMultiException", [&] {
    Xtruct got;
    client.testMultiException(got, "success", "test 3");
    check.expect_eq("testMultiException", got.string_thing, std::string("test 3"));
  });
}

// A oneway call completes on send, and the server must answer the next call
// on the same connection while the handler still sleeps.
void run_oneway_case(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  using Clock = std::chrono::steady_clock;
  constexpr int kSleepSeconds = 2;
  constexpr auto kLimit = std::chrono::seconds(1);
  check.run("testOneway", [&] {
    auto start = Clock::now();
    client.testOneway(kSleepSeconds);
    if (Clock::now() - start > kLimit) check.fail("testOneway", "the oneway call blocked");
    start = Clock::now();
    client.testVoid();
    if (Clock::now() - start > kLimit) check.fail("testOneway", "testVoid waited for the oneway");
  });
}

}  // namespace interop
