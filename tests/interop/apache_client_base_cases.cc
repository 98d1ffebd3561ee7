#include <cstdint>
#include <limits>
#include <string>

#include "apache_client_cases.h"

namespace interop {
namespace {

template <class T>
using Limits = std::numeric_limits<T>;

void check_strings(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  const std::string values[] = {"", "Test",
                                "Iñtërnâtiônàlizætiøn: 日本語, русский, ☃, 🎉 and a\nnewline",
                                std::string(70000, 'x')};
  for (const auto& value : values) {
    check.run("testString", [&] {
      std::string got;
      client.testString(got, value);
      check.expect_eq("testString", got, value);
    });
  }
}

void check_integers(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  for (bool value : {true, false}) {
    check.run("testBool", [&] { check.expect_eq("testBool", client.testBool(value), value); });
  }
  for (int8_t value :
       {int8_t{1}, int8_t{0}, int8_t{-1}, Limits<int8_t>::min(), Limits<int8_t>::max()}) {
    check.run("testByte",
              [&] { check.expect_eq("testByte", int{client.testByte(value)}, int{value}); });
  }
  for (int32_t value : {-1, 0, 1, Limits<int32_t>::min(), Limits<int32_t>::max()}) {
    check.run("testI32", [&] { check.expect_eq("testI32", client.testI32(value), value); });
  }
  for (int64_t value :
       {int64_t{0}, int64_t{-34359738368}, Limits<int64_t>::min(), Limits<int64_t>::max()}) {
    check.run("testI64", [&] { check.expect_eq("testI64", client.testI64(value), value); });
  }
  check.run("testTypedef", [&] {
    check.expect_eq("testTypedef", client.testTypedef(309858235082523), int64_t{309858235082523});
  });
}

void check_doubles(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  const double values[] = {-5.2098523,
                           0.0,
                           -0.0,
                           -0.000341012439638598279,
                           1.0e300,
                           -1.0e300,
                           Limits<double>::max(),
                           Limits<double>::denorm_min(),
                           Limits<double>::infinity()};
  for (double value : values) {
    check.run("testDouble",
              [&] { check.expect_same_double("testDouble", client.testDouble(value), value); });
  }
}

void check_binary(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  for (const auto& value : {std::string(), all_bytes}) {
    check.run("testBinary", [&] {
      std::string got;
      client.testBinary(got, value);
      check.expect_eq("testBinary", got == value, true);
    });
  }
}

void check_enums(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  using thrift::test::Numberz;
  for (auto value :
       {Numberz::ONE, Numberz::TWO, Numberz::THREE, Numberz::FIVE, Numberz::SIX, Numberz::EIGHT}) {
    check.run("testEnum",
              [&] { check.expect_eq("testEnum", int{client.testEnum(value)}, int{value}); });
  }
}

}  // namespace

void run_base_type_cases(thrift::test::ThriftTestClient& client, CaseChecker& check) {
  check.run("testVoid", [&] { client.testVoid(); });
  check_strings(client, check);
  check_integers(client, check);
  check_doubles(client, check);
  check_binary(client, check);
  check_enums(client, check);
}

}  // namespace interop
