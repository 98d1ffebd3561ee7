// The ThriftTest and SecondService handlers of thrift_test_server, answering
// as Apache Thrift's reference servers do.
#pragma once

#include <memory>
#include <string>

#include <corothrift/event_loop.h>
#include <corothrift/processor.h>

#include "SecondService.h"
#include "ThriftTest.h"

namespace thrift_test {

// Stateless apart from the flag: safe on every loop thread at once.
class TestHandler final : public thrift::test::ThriftTestHandler {
 public:
  explicit TestHandler(bool verbose) : verbose_(verbose) {}

  corothrift::Task<void> testVoid() override;
  corothrift::Task<std::string> testString(std::string thing) override;
  corothrift::Task<bool> testBool(bool thing) override;
  corothrift::Task<std::int8_t> testByte(std::int8_t thing) override;
  corothrift::Task<std::int32_t> testI32(std::int32_t thing) override;
  corothrift::Task<std::int64_t> testI64(std::int64_t thing) override;
  corothrift::Task<double> testDouble(double thing) override;
  corothrift::Task<corothrift::Binary> testBinary(corothrift::Binary thing) override;
  corothrift::Task<corothrift::Uuid> testUuid(corothrift::Uuid thing) override;
  corothrift::Task<thrift::test::Xtruct> testStruct(thrift::test::Xtruct thing) override;
  corothrift::Task<thrift::test::Xtruct2> testNest(thrift::test::Xtruct2 thing) override;
  corothrift::Task<std::map<std::int32_t, std::int32_t>> testMap(
      std::map<std::int32_t, std::int32_t> thing) override;
  corothrift::Task<std::map<std::string, std::string>> testStringMap(
      std::map<std::string, std::string> thing) override;
  corothrift::Task<std::set<std::int32_t>> testSet(std::set<std::int32_t> thing) override;
  corothrift::Task<std::vector<std::int32_t>> testList(
      std::vector<std::int32_t> thing) override;
  corothrift::Task<thrift::test::Numberz> testEnum(thrift::test::Numberz thing) override;
  corothrift::Task<thrift::test::UserId> testTypedef(thrift::test::UserId thing) override;
  corothrift::Task<std::map<std::int32_t, std::map<std::int32_t, std::int32_t>>> testMapMap(
      std::int32_t hello) override;
  corothrift::Task<
      std::map<thrift::test::UserId, std::map<thrift::test::Numberz, thrift::test::Insanity>>>
  testInsanity(thrift::test::Insanity argument) override;
  corothrift::Task<thrift::test::Xtruct> testMulti(std::int8_t arg0, std::int32_t arg1,
                                                   std::int64_t arg2,
                                                   std::map<std::int16_t, std::string> arg3,
                                                   thrift::test::Numberz arg4,
                                                   thrift::test::UserId arg5) override;
  corothrift::Task<void> testException(std::string arg) override;
  corothrift::Task<thrift::test::Xtruct> testMultiException(std::string arg0,
                                                            std::string arg1) override;
  corothrift::Task<void> testOneway(std::int32_t secondsToSleep) override;

 private:
  template <class... Args>
  void trace(fmt::format_string<Args...> format, Args&&... args) const;

  bool verbose_;
};

class SecondHandler final : public thrift::test::SecondServiceHandler {
 public:
  corothrift::Task<std::string> secondtestString(std::string thing) override;
};

}  // namespace thrift_test
