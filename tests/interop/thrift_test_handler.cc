#include "thrift_test_handler.h"

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include <corothrift/timer.h>

namespace thrift_test {

using thrift::test::Insanity;
using thrift::test::Numberz;
using thrift::test::UserId;
using thrift::test::Xtruct;

template <class... Args>
void TestHandler::trace(fmt::format_string<Args...> format, Args&&... args) const {
  if (!verbose_) return;
  std::string line = fmt::format(format, std::forward<Args>(args)...);
  std::fprintf(stdout, "%s\n", line.c_str());
  std::fflush(stdout);
}

corothrift::Task<void> TestHandler::testVoid() {
  trace("testVoid()");
  co_return;
}

corothrift::Task<std::string> TestHandler::testString(std::string thing) {
  trace("testString({} bytes)", thing.size());
  co_return thing;
}

corothrift::Task<bool> TestHandler::testBool(bool thing) {
  trace("testBool({})", thing);
  co_return thing;
}

corothrift::Task<std::int8_t> TestHandler::testByte(std::int8_t thing) {
  trace("testByte({})", thing);
  co_return thing;
}

corothrift::Task<std::int32_t> TestHandler::testI32(std::int32_t thing) {
  trace("testI32({})", thing);
  co_return thing;
}

corothrift::Task<std::int64_t> TestHandler::testI64(std::int64_t thing) {
  trace("testI64({})", thing);
  co_return thing;
}

corothrift::Task<double> TestHandler::testDouble(double thing) {
  trace("testDouble({})", thing);
  co_return thing;
}

corothrift::Task<corothrift::Binary> TestHandler::testBinary(corothrift::Binary thing) {
  trace("testBinary({} bytes)", thing.size());
  co_return thing;
}

corothrift::Task<corothrift::Uuid> TestHandler::testUuid(corothrift::Uuid thing) {
  trace("testUuid({})", thing.to_string());
  co_return thing;
}

corothrift::Task<Xtruct> TestHandler::testStruct(Xtruct thing) {
  trace("testStruct()");
  co_return thing;
}

corothrift::Task<thrift::test::Xtruct2> TestHandler::testNest(thrift::test::Xtruct2 thing) {
  trace("testNest()");
  co_return thing;
}

corothrift::Task<std::map<std::int32_t, std::int32_t>> TestHandler::testMap(
    std::map<std::int32_t, std::int32_t> thing) {
  trace("testMap({} entries)", thing.size());
  co_return thing;
}

corothrift::Task<std::map<std::string, std::string>> TestHandler::testStringMap(
    std::map<std::string, std::string> thing) {
  trace("testStringMap({} entries)", thing.size());
  co_return thing;
}

corothrift::Task<std::set<std::int32_t>> TestHandler::testSet(std::set<std::int32_t> thing) {
  trace("testSet({} elements)", thing.size());
  co_return thing;
}

corothrift::Task<std::vector<std::int32_t>> TestHandler::testList(
    std::vector<std::int32_t> thing) {
  trace("testList({} elements)", thing.size());
  co_return thing;
}

corothrift::Task<Numberz> TestHandler::testEnum(Numberz thing) {
  trace("testEnum({})", static_cast<std::int32_t>(thing));
  co_return thing;
}

corothrift::Task<UserId> TestHandler::testTypedef(UserId thing) {
  trace("testTypedef({})", thing);
  co_return thing;
}

// Apache's shape: {-4: {-4: -4, ..., -1: -1}, 4: {1: 1, ..., 4: 4}}.
corothrift::Task<std::map<std::int32_t, std::map<std::int32_t, std::int32_t>>>
TestHandler::testMapMap(std::int32_t hello) {
  trace("testMapMap({})", hello);
  std::map<std::int32_t, std::map<std::int32_t, std::int32_t>> out;
  for (std::int32_t i = 1; i <= 4; ++i) {
    out[4][i] = i;
    out[-4][-i] = -i;
  }
  co_return out;
}

// Apache's shape: {1: {TWO: argument, THREE: argument}, 2: {SIX: empty Insanity}}.
corothrift::Task<std::map<UserId, std::map<Numberz, Insanity>>> TestHandler::testInsanity(
    Insanity argument) {
  trace("testInsanity()");
  std::map<UserId, std::map<Numberz, Insanity>> out;
  out[1][Numberz::TWO] = argument;
  out[1][Numberz::THREE] = argument;
  out[2][Numberz::SIX] = Insanity{};
  co_return out;
}

corothrift::Task<Xtruct> TestHandler::testMulti(std::int8_t arg0, std::int32_t arg1,
                                                std::int64_t arg2,
                                                std::map<std::int16_t, std::string>, Numberz,
                                                UserId) {
  trace("testMulti({}, {}, {})", arg0, arg1, arg2);
  Xtruct out;
  out.string_thing = "Hello2";
  out.byte_thing = arg0;
  out.i32_thing = arg1;
  out.i64_thing = arg2;
  co_return out;
}

corothrift::Task<void> TestHandler::testException(std::string arg) {
  trace("testException({})", arg);
  if (arg == "Xception") {
    thrift::test::Xception error;
    error.errorCode = 1001;
    error.message = arg;
    throw error;
  }
  // Undeclared: the server answers with a TApplicationException.
  if (arg == "TException") {
    throw corothrift::TApplicationException(corothrift::TApplicationException::Type::Unknown,
                                            "This is a TException");
  }
  co_return;
}

corothrift::Task<Xtruct> TestHandler::testMultiException(std::string arg0,
                                                         std::string arg1) {
  trace("testMultiException({}, {})", arg0, arg1);
  if (arg0 == "Xception") {
    thrift::test::Xception error;
    error.errorCode = 1001;
    error.message = "This is an Xception";
    throw error;
  }
  if (arg0 == "Xception2") {
    thrift::test::Xception2 error;
    error.errorCode = 2002;
    error.struct_thing.string_thing = "This is an Xception2";
    throw error;
  }
  Xtruct out;
  out.string_thing = arg1;
  co_return out;
}

// A coroutine sleep: the loop goes on serving this connection's next calls.
corothrift::Task<void> TestHandler::testOneway(std::int32_t secondsToSleep) {
  trace("testOneway({})", secondsToSleep);
  co_await corothrift::sleep_for(*corothrift::EventLoop::current(),
                                 std::chrono::seconds(secondsToSleep));
  trace("testOneway({}): done", secondsToSleep);
}

corothrift::Task<std::string> SecondHandler::secondtestString(std::string thing) {
  co_return "testString(\"" + thing + "\")";
}

}  // namespace thrift_test
