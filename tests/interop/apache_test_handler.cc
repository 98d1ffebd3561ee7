#include "apache_test_handler.h"

#include <chrono>
#include <thread>

#include <thrift/Thrift.h>

namespace interop {

using thrift::test::Insanity;
using thrift::test::Numberz;
using thrift::test::UserId;
using thrift::test::Xtruct;

void TestHandler::testMapMap(std::map<int32_t, std::map<int32_t, int32_t>>& out, int32_t) {
  for (int32_t i = 1; i <= 4; ++i) {
    out[4][i] = i;
    out[-4][-i] = -i;
  }
}

// Apache's shape: {1: {TWO: argument, THREE: argument}, 2: {SIX: empty Insanity}}.
void TestHandler::testInsanity(std::map<UserId, std::map<Numberz::type, Insanity>>& out,
                               const Insanity& argument) {
  out[1][Numberz::TWO] = argument;
  out[1][Numberz::THREE] = argument;
  out[2][Numberz::SIX] = Insanity{};
}

void TestHandler::testMulti(Xtruct& out, int8_t arg0, int32_t arg1, int64_t arg2,
                            const std::map<int16_t, std::string>&, Numberz::type, UserId) {
  out.string_thing = "Hello2";
  out.byte_thing = arg0;
  out.i32_thing = arg1;
  out.i64_thing = arg2;
}

void TestHandler::testException(const std::string& arg) {
  if (arg == "Xception") {
    thrift::test::Xception error;
    error.errorCode = 1001;
    error.message = arg;
    throw error;
  }
  // Undeclared: the processor turns it into a TApplicationException reply.
  if (arg == "TException") throw apache::thrift::TException("This is a TException");
}

void TestHandler::testMultiException(Xtruct& out, const std::string& arg0,
                                     const std::string& arg1) {
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
  out.string_thing = arg1;
}

// The sleep runs on its own detached thread so that the connection's next
// call is answered at once, whichever server model runs this handler.
void TestHandler::testOneway(int32_t seconds_to_sleep) {
  std::thread([seconds_to_sleep] {
    std::this_thread::sleep_for(std::chrono::seconds(seconds_to_sleep));
  }).detach();
}

void SecondHandler::secondtestString(std::string& out, const std::string& thing) {
  out = "testString(\"" + thing + "\")";
}

}  // namespace interop
