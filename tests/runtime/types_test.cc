// Binary and Uuid, the value types of IDL binary and uuid.
#include <corothrift/types.h>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <unordered_set>

namespace {

using corothrift::Binary;
using corothrift::Uuid;

TEST(Binary, is_built_from_text_bytes_or_a_list_and_compares_bytewise) {
  Binary a(std::string_view("ab"));
  Binary b{'a', 'b'};
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_LT(Binary{0x01}, Binary{0xff});  // unsigned order
  EXPECT_LT(Binary{}, Binary{0x00});
}

TEST(Binary, keeps_embedded_zero_bytes) {
  Binary b{0, 0, 1};
  EXPECT_EQ(b.size(), 3u);
  EXPECT_EQ(b[2], 1);
  EXPECT_EQ(b.view(), std::string_view("\0\0\1", 3));
}

TEST(Binary, works_in_hashed_and_ordered_sets) {
  std::unordered_set<Binary> hashed{Binary{1}, Binary{1}, Binary{2}};
  std::set<Binary> ordered{Binary{2}, Binary{1}};
  EXPECT_EQ(hashed.size(), 2u);
  EXPECT_EQ(*ordered.begin(), Binary{1});
}

TEST(ByteHelpers, same_bytes_finds_a_difference_at_every_position_of_every_length) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a.push_back(static_cast<char>(0x41 + i));
    std::string b = a;
    EXPECT_TRUE(corothrift::detail::same_bytes(a.data(), b.data(), n)) << n;
    for (std::size_t i = 0; i < n; ++i) {
      b[i] = static_cast<char>(a[i] ^ 0x80);
      EXPECT_FALSE(corothrift::detail::same_bytes(a.data(), b.data(), n)) << n << " at " << i;
      b[i] = a[i];
    }
  }
}

TEST(ByteHelpers, copy_bytes_copies_exactly_n_bytes_of_every_length) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string from;
    for (std::size_t i = 0; i < n; ++i) from.push_back(static_cast<char>('a' + i % 26));
    std::string to(n + 2, '#');
    corothrift::detail::copy_bytes(to.data() + 1, from.data(), n);
    EXPECT_EQ(to, "#" + from + "#") << n;
  }
}

TEST(Uuid, parses_and_prints_the_canonical_form) {
  auto u = Uuid::parse("{00112233-4455-6677-8899-AaBbCcDdEeFf}");
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->bytes()[0], 0x00);
  EXPECT_EQ(u->bytes()[15], 0xff);
  EXPECT_EQ(u->to_string(), "00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(Uuid::parse(u->to_string()), u);
}

TEST(Uuid, rejects_malformed_text) {
  for (const char* bad :
       {"", "00112233-4455-6677-8899-aabbccddeef", "00112233-4455-6677-8899-aabbccddeeffa",
        "00112233x4455-6677-8899-aabbccddeeff", "0011223-34455-6677-8899-aabbccddeeff",
        "g0112233-4455-6677-8899-aabbccddeeff", "{00112233-4455-6677-8899-aabbccddeeff"}) {
    EXPECT_FALSE(Uuid::parse(bad).has_value()) << bad;
  }
}

TEST(Uuid, defaults_to_nil_and_orders_bytewise) {
  EXPECT_TRUE(Uuid{}.is_nil());
  EXPECT_LT(Uuid{}, *Uuid::parse("00000000-0000-0000-0000-000000000001"));
}

}  // namespace
