// Scalars, strings, binary and enums.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "thrift_test_cases.h"

namespace thrift_test {
namespace {

template <class T>
using Limits = std::numeric_limits<T>;

corothrift::Task<void> echo_string(Client& client, Checker& check, std::string value) {
  std::string got = co_await client.testString(value);
  check.expect_eq("testString", got, value);
}

corothrift::Task<void> echo_bool(Client& client, Checker& check, bool value) {
  bool got = co_await client.testBool(value);
  check.expect_eq("testBool", got, value);
}

corothrift::Task<void> echo_byte(Client& client, Checker& check, std::int8_t value) {
  std::int8_t got = co_await client.testByte(value);
  check.expect_eq("testByte", int{got}, int{value});
}

corothrift::Task<void> echo_i32(Client& client, Checker& check, std::int32_t value) {
  std::int32_t got = co_await client.testI32(value);
  check.expect_eq("testI32", got, value);
}

corothrift::Task<void> echo_i64(Client& client, Checker& check, std::int64_t value) {
  std::int64_t got = co_await client.testI64(value);
  check.expect_eq("testI64", got, value);
}

corothrift::Task<void> echo_typedef(Client& client, Checker& check) {
  thrift::test::UserId got = co_await client.testTypedef(309858235082523);
  check.expect_eq("testTypedef", got, thrift::test::UserId{309858235082523});
}

corothrift::Task<void> echo_double(Client& client, Checker& check, double value) {
  double got = co_await client.testDouble(value);
  check.expect_same_double("testDouble", got, value);
}

corothrift::Task<void> echo_binary(Client& client, Checker& check, corothrift::Binary value) {
  corothrift::Binary got = co_await client.testBinary(value);
  check.expect_eq("testBinary", got, value);
}

corothrift::Task<void> echo_enum(Client& client, Checker& check, thrift::test::Numberz value) {
  thrift::test::Numberz got = co_await client.testEnum(value);
  check.expect_eq("testEnum", static_cast<int>(got), static_cast<int>(value));
}

corothrift::Task<void> call_void(Client& client) { co_await client.testVoid(); }

corothrift::Task<void> strings(Client& client, Checker& check) {
  const std::vector<std::string> values = {
      "", "Test", "Iñtërnâtiônàlizætiøn: 日本語, русский, ☃, 🎉 and a\nnewline",
      std::string(70000, 'x')};
  for (const auto& value : values) {
    co_await check.run("testString", echo_string(client, check, value));
  }
}

corothrift::Task<void> integers(Client& client, Checker& check) {
  // Named arrays, not braced lists in the range-for: their lifetime across
  // co_await is one of g++ 12's coroutine weak spots.
  const bool bools[] = {true, false};
  const std::int8_t bytes[] = {1, 0, -1, Limits<std::int8_t>::min(), Limits<std::int8_t>::max()};
  const std::int32_t i32s[] = {-1, 0, 1, Limits<std::int32_t>::min(), Limits<std::int32_t>::max()};
  const std::int64_t i64s[] = {0, -34359738368, Limits<std::int64_t>::min(),
                               Limits<std::int64_t>::max()};
  for (bool value : bools) co_await check.run("testBool", echo_bool(client, check, value));
  for (std::int8_t value : bytes) co_await check.run("testByte", echo_byte(client, check, value));
  for (std::int32_t value : i32s) co_await check.run("testI32", echo_i32(client, check, value));
  for (std::int64_t value : i64s) co_await check.run("testI64", echo_i64(client, check, value));
  co_await check.run("testTypedef", echo_typedef(client, check));
}

corothrift::Task<void> doubles(Client& client, Checker& check) {
  const double values[] = {-5.2098523,
                           0.0,
                           -0.0,
                           -0.000341012439638598279,
                           1.0e300,
                           -1.0e300,
                           Limits<double>::max(),
                           Limits<double>::denorm_min(),
                           Limits<double>::infinity()};
  for (double value : values) co_await check.run("testDouble", echo_double(client, check, value));
}

corothrift::Task<void> binaries(Client& client, Checker& check) {
  corothrift::Binary all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.storage().push_back(static_cast<char>(i));
  co_await check.run("testBinary", echo_binary(client, check, corothrift::Binary()));
  co_await check.run("testBinary", echo_binary(client, check, all_bytes));
}

corothrift::Task<void> enums(Client& client, Checker& check) {
  using thrift::test::Numberz;
  const Numberz values[] = {Numberz::ONE,  Numberz::TWO, Numberz::THREE,
                            Numberz::FIVE, Numberz::SIX, Numberz::EIGHT};
  for (auto value : values) {
    co_await check.run("testEnum", echo_enum(client, check, value));
  }
}

}  // namespace

corothrift::Task<void> run_base_type_cases(Client& client, Checker& check) {
  co_await check.run("testVoid", call_void(client));
  co_await strings(client, check);
  co_await integers(client, check);
  co_await doubles(client, check);
  co_await binaries(client, check);
  co_await enums(client, check);
}

}  // namespace thrift_test
