// The ThriftTest service as Apache's reference servers implement it: echo
// every argument, plus the fixed answers of testMapMap, testInsanity,
// testMulti and the exception cases. Called concurrently from the server's
// connection threads; it holds no state.
#pragma once

#include "SecondService.h"
#include "ThriftTest.h"

namespace interop {

class TestHandler : public thrift::test::ThriftTestIf {
 public:
  void testVoid() override {}
  void testString(std::string& out, const std::string& thing) override { out = thing; }
  bool testBool(const bool thing) override { return thing; }
  int8_t testByte(const int8_t thing) override { return thing; }
  int32_t testI32(const int32_t thing) override { return thing; }
  int64_t testI64(const int64_t thing) override { return thing; }
  double testDouble(const double thing) override { return thing; }
  void testBinary(std::string& out, const std::string& thing) override { out = thing; }
  void testStruct(thrift::test::Xtruct& out, const thrift::test::Xtruct& thing) override {
    out = thing;
  }
  void testNest(thrift::test::Xtruct2& out, const thrift::test::Xtruct2& thing) override {
    out = thing;
  }
  void testMap(std::map<int32_t, int32_t>& out, const std::map<int32_t, int32_t>& thing) override {
    out = thing;
  }
  void testStringMap(std::map<std::string, std::string>& out,
                     const std::map<std::string, std::string>& thing) override {
    out = thing;
  }
  void testSet(std::set<int32_t>& out, const std::set<int32_t>& thing) override { out = thing; }
  void testList(std::vector<int32_t>& out, const std::vector<int32_t>& thing) override {
    out = thing;
  }
  thrift::test::Numberz::type testEnum(const thrift::test::Numberz::type thing) override {
    return thing;
  }
  thrift::test::UserId testTypedef(const thrift::test::UserId thing) override { return thing; }

  void testMapMap(std::map<int32_t, std::map<int32_t, int32_t>>& out, int32_t hello) override;
  void testInsanity(std::map<thrift::test::UserId,
                             std::map<thrift::test::Numberz::type, thrift::test::Insanity>>& out,
                    const thrift::test::Insanity& argument) override;
  void testMulti(thrift::test::Xtruct& out, int8_t arg0, int32_t arg1, int64_t arg2,
                 const std::map<int16_t, std::string>& arg3, thrift::test::Numberz::type arg4,
                 thrift::test::UserId arg5) override;
  void testException(const std::string& arg) override;
  void testMultiException(thrift::test::Xtruct& out, const std::string& arg0,
                          const std::string& arg1) override;
  void testOneway(int32_t seconds_to_sleep) override;
};

class SecondHandler : public thrift::test::SecondServiceIf {
 public:
  void secondtestString(std::string& out, const std::string& thing) override;
};

}  // namespace interop
