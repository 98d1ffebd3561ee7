// The reference for generated code: a hand-written struct shaped exactly as
// the generator prints it (see the comment at the top of codec.h), encoded
// and decoded through the generic codec with both protocols.
#include <corothrift/protocol.h>

#include <gtest/gtest.h>

#include <deque>
#include <limits>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

namespace tag = corothrift::tag;
using corothrift::ProtocolKind;

enum class Color : int32_t { Red = 1, Green = 2 };

struct Example {
  int32_t id = 0;
  std::optional<std::vector<std::map<std::string, int32_t>>> rows;
  corothrift::Binary blob;
  corothrift::Box<Example> next;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Example");
    corothrift::write_field<tag::i32>(w, "id", 1, id);
    corothrift::write_field<tag::list<tag::map<tag::string, tag::i32>>>(w, "rows", 2, rows);
    corothrift::write_field<tag::binary>(w, "blob", 3, blob);
    corothrift::write_field<tag::structure<Example>>(w, "next", 4, next);
    w.write_field_stop();
    w.write_struct_end();
  }

  template <class R>
  void read(R& r) {
    bool has_blob = false;
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::i32>(r, f.type, id);
          break;
        case 2:
          corothrift::read_field<tag::list<tag::map<tag::string, tag::i32>>>(r, f.type, rows);
          break;
        case 3:
          has_blob = corothrift::read_field<tag::binary>(r, f.type, blob);
          break;
        case 4:
          corothrift::read_field<tag::structure<Example>>(r, f.type, next);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
    if (!has_blob) corothrift::throw_missing_required_field("Example", "blob");
  }

  friend bool operator==(const Example&, const Example&) = default;
  friend auto operator<=>(const Example&, const Example&) = default;
};

// Every kind of field, with containers other than the defaults.
struct Everything {
  bool flag = false;
  int8_t byte = 0;
  int16_t small = 0;
  int32_t medium = 0;
  int64_t large = 0;
  double real = 0;
  std::string text;
  corothrift::Binary bytes;
  corothrift::Uuid uuid;
  Color color = Color::Red;
  std::deque<bool> flags;
  std::unordered_set<std::string> names;
  std::unordered_map<int64_t, Color> colors;
  std::list<std::set<int16_t>> nested;
  std::optional<Example> example;
  std::vector<Example> examples;

  template <class W>
  void write(W& w) const {
    w.write_struct_begin("Everything");
    corothrift::write_field<tag::bool_>(w, "flag", 1, flag);
    corothrift::write_field<tag::i8>(w, "byte", 2, byte);
    corothrift::write_field<tag::i16>(w, "small", 3, small);
    corothrift::write_field<tag::i32>(w, "medium", 4, medium);
    corothrift::write_field<tag::i64>(w, "large", 5, large);
    corothrift::write_field<tag::double_>(w, "real", 6, real);
    corothrift::write_field<tag::string>(w, "text", 7, text);
    corothrift::write_field<tag::binary>(w, "bytes", 8, bytes);
    corothrift::write_field<tag::uuid>(w, "uuid", 9, uuid);
    corothrift::write_field<tag::enumeration<Color>>(w, "color", 10, color);
    corothrift::write_field<tag::list<tag::bool_>>(w, "flags", 11, flags);
    corothrift::write_field<tag::set<tag::string>>(w, "names", 12, names);
    corothrift::write_field<tag::map<tag::i64, tag::enumeration<Color>>>(w, "colors", 13, colors);
    corothrift::write_field<tag::list<tag::set<tag::i16>>>(w, "nested", 14, nested);
    corothrift::write_field<tag::structure<Example>>(w, "example", 40, example);
    corothrift::write_field<tag::list<tag::structure<Example>>>(w, "examples", -3, examples);
    w.write_field_stop();
    w.write_struct_end();
  }

  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (;;) {
      corothrift::FieldHeader f = r.read_field_begin();
      if (f.type == corothrift::TType::Stop) break;
      switch (f.id) {
        case 1:
          corothrift::read_field<tag::bool_>(r, f.type, flag);
          break;
        case 2:
          corothrift::read_field<tag::i8>(r, f.type, byte);
          break;
        case 3:
          corothrift::read_field<tag::i16>(r, f.type, small);
          break;
        case 4:
          corothrift::read_field<tag::i32>(r, f.type, medium);
          break;
        case 5:
          corothrift::read_field<tag::i64>(r, f.type, large);
          break;
        case 6:
          corothrift::read_field<tag::double_>(r, f.type, real);
          break;
        case 7:
          corothrift::read_field<tag::string>(r, f.type, text);
          break;
        case 8:
          corothrift::read_field<tag::binary>(r, f.type, bytes);
          break;
        case 9:
          corothrift::read_field<tag::uuid>(r, f.type, uuid);
          break;
        case 10:
          corothrift::read_field<tag::enumeration<Color>>(r, f.type, color);
          break;
        case 11:
          corothrift::read_field<tag::list<tag::bool_>>(r, f.type, flags);
          break;
        case 12:
          corothrift::read_field<tag::set<tag::string>>(r, f.type, names);
          break;
        case 13:
          corothrift::read_field<tag::map<tag::i64, tag::enumeration<Color>>>(r, f.type, colors);
          break;
        case 14:
          corothrift::read_field<tag::list<tag::set<tag::i16>>>(r, f.type, nested);
          break;
        case 40:
          corothrift::read_field<tag::structure<Example>>(r, f.type, example);
          break;
        case -3:
          corothrift::read_field<tag::list<tag::structure<Example>>>(r, f.type, examples);
          break;
        default:
          r.skip(f.type);
      }
      r.read_field_end();
    }
    r.read_struct_end();
  }

  friend bool operator==(const Everything&, const Everything&) = default;
};

Example sample_example() {
  Example e;
  e.id = 7;
  e.rows = std::vector<std::map<std::string, int32_t>>{{{"a", 1}, {"b", -2}}, {}};
  e.blob = corothrift::Binary{0x00, 0xff, 0x10};
  Example tail;
  tail.id = 8;
  tail.blob = corothrift::Binary(std::string_view("tail"));
  e.next = tail;
  return e;
}

Everything sample_everything() {
  Everything v;
  v.flag = true;
  v.byte = -128;
  v.small = -32768;
  v.medium = 2147483647;
  v.large = -9223372036854775807LL - 1;
  v.real = -1.5e300;
  v.text = "h\xc3\xa9llo";
  v.bytes = corothrift::Binary{1, 2, 3, 0};
  v.uuid = *corothrift::Uuid::parse("00112233-4455-6677-8899-aabbccddeeff");
  v.color = Color::Green;
  v.flags = {true, false, true, true};
  v.names = {"x", "", "yy"};
  v.colors = {{1, Color::Red}, {-5, Color::Green}, {1LL << 40, static_cast<Color>(99)}};
  v.nested = {{1, 2, 3}, {}, {-1}};
  v.example = sample_example();
  v.examples = {sample_example(), Example{}};
  return v;
}

// Reads field 4 only: every other field of Everything is unknown to it.
struct OnlyMedium {
  int32_t medium = 0;
  template <class R>
  void read(R& r) {
    r.read_struct_begin();
    for (auto f = r.read_field_begin(); f.type != corothrift::TType::Stop;
         f = r.read_field_begin()) {
      if (f.id == 4) {
        corothrift::read_field<tag::i32>(r, f.type, medium);
      } else {
        r.skip(f.type);
      }
    }
    r.read_struct_end();
  }
};

template <class T>
T round_trip(ProtocolKind kind, const T& value) {
  corothrift::WriteBuffer out;
  corothrift::serialize(kind, value, out);
  T back{};
  EXPECT_EQ(corothrift::deserialize(kind, out.bytes(), back), out.size());
  return back;
}

class CodecTest : public ::testing::TestWithParam<ProtocolKind> {};

TEST_P(CodecTest, a_struct_with_every_field_kind_survives_a_round_trip) {
  Everything v = sample_everything();
  EXPECT_EQ(round_trip(GetParam(), v), v);
}

TEST_P(CodecTest, default_values_survive_a_round_trip) {
  Everything v;
  v.examples.resize(3);
  EXPECT_EQ(round_trip(GetParam(), v), v);
}

TEST_P(CodecTest, an_absent_optional_field_stays_absent) {
  Example e;
  e.blob = corothrift::Binary(std::string_view("x"));
  Example back = round_trip(GetParam(), e);
  EXPECT_FALSE(back.rows.has_value());
  EXPECT_FALSE(back.next.has_value());
}

TEST_P(CodecTest, a_recursive_box_chain_round_trips_by_value) {
  Example head;
  head.blob = corothrift::Binary(std::string_view("0"));
  Example* cur = &head;
  for (int i = 1; i < 20; ++i) {
    cur->next.emplace();
    cur = cur->next.get();
    cur->id = i;
  }
  Example back = round_trip(GetParam(), head);
  EXPECT_EQ(back, head);
  EXPECT_EQ(back.next->next->id, 2);
}

TEST_P(CodecTest, a_missing_required_field_throws_protocol_error) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    w.write_struct_begin("Example");
    corothrift::write_field<tag::i32>(w, "id", 1, int32_t{5});
    w.write_field_stop();
    w.write_struct_end();
  });
  Example back;
  EXPECT_THROW(corothrift::deserialize(GetParam(), out.bytes(), back), corothrift::ProtocolError);
}

TEST_P(CodecTest, a_field_with_the_wrong_wire_type_is_skipped) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    w.write_struct_begin("Example");
    corothrift::write_field<tag::string>(w, "id", 1, std::string("not an int"));
    corothrift::write_field<tag::binary>(w, "blob", 3, corothrift::Binary{9});
    w.write_field_stop();
    w.write_struct_end();
  });
  Example back;
  back.id = 42;
  corothrift::deserialize(GetParam(), out.bytes(), back);
  EXPECT_EQ(back.id, 42);
  EXPECT_EQ(back.blob, (corothrift::Binary{9}));
}

TEST_P(CodecTest, unknown_fields_of_every_type_are_skipped) {
  Everything v = sample_everything();
  corothrift::WriteBuffer out;
  corothrift::serialize(GetParam(), v, out);
  OnlyMedium only;
  EXPECT_EQ(corothrift::deserialize(GetParam(), out.bytes(), only), out.size());
  EXPECT_EQ(only.medium, v.medium);
}

TEST_P(CodecTest, a_duplicate_map_key_keeps_the_last_value) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    w.write_map_begin(corothrift::TType::I32, corothrift::TType::String, 2);
    w.write_i32(1);
    w.write_string("first");
    w.write_i32(1);
    w.write_string("second");
    w.write_map_end();
  });
  std::map<int32_t, std::string> m;
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(GetParam(), in, corothrift::kDefaultDecodeLimits, [&](auto& r) {
    corothrift::read_value<tag::map<tag::i32, tag::string>>(r, m);
  });
  EXPECT_EQ(m, (std::map<int32_t, std::string>{{1, "second"}}));
}

TEST_P(CodecTest, a_list_with_the_wrong_element_type_is_rejected) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    corothrift::write_value<tag::list<tag::string>>(w, std::vector<std::string>{"a"});
  });
  std::vector<int32_t> ints;
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(GetParam(), in, corothrift::kDefaultDecodeLimits, [&](auto& r) {
    EXPECT_THROW(corothrift::read_value<tag::list<tag::i32>>(r, ints), corothrift::ProtocolError);
  });
}

TEST_P(CodecTest, reading_into_a_container_replaces_its_contents) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    corothrift::write_value<tag::list<tag::i32>>(w, std::vector<int32_t>{4, 5});
  });
  std::vector<int32_t> v{1, 2, 3};
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(GetParam(), in, corothrift::kDefaultDecodeLimits,
                          [&](auto& r) { corothrift::read_value<tag::list<tag::i32>>(r, v); });
  EXPECT_EQ(v, (std::vector<int32_t>{4, 5}));
}

TEST(CodecTypes, a_struct_with_a_box_field_keeps_a_defaulted_ordering) {
  Example a = sample_example();
  Example b = a;
  EXPECT_EQ(a <=> b, std::partial_ordering::equivalent);
  b.next->id = 9;
  EXPECT_LT(a, b);
  b.next.reset();
  EXPECT_GT(a, b);
}

// Decodes new_value's bytes into a copy of old_value (a reused object): the
// result must be new_value exactly, whatever storage was reused.
template <class Tag, class T>
void expect_reuse_gives(ProtocolKind kind, const T& old_value, const T& new_value) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(kind, out, [&](auto& w) { corothrift::write_value<Tag>(w, new_value); });
  T target = old_value;
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(kind, in, corothrift::kDefaultDecodeLimits,
                          [&](auto& r) { corothrift::read_value<Tag>(r, target); });
  EXPECT_EQ(target, new_value);
}

TEST_P(CodecTest, decoding_into_a_reused_map_gives_exactly_the_wire_entries) {
  using M = std::map<std::string, int64_t>;
  using Tag = tag::map<tag::string, tag::i64>;
  M old{{"a", 1}, {"b", 2}, {"c", 3}};
  for (const M& now : {M{{"a", 5}, {"c", 6}}, M{{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}}, M{},
                       M{{"x", 9}}, M{{"0", 0}, {"a", 1}}, M{{"a", 1}, {"b", 2}}}) {
    expect_reuse_gives<Tag>(GetParam(), old, now);
  }
}

TEST_P(CodecTest, a_reused_map_tells_apart_keys_that_differ_in_one_byte_at_any_length) {
  using M = std::map<std::string, int64_t>;
  using Tag = tag::map<tag::string, tag::i64>;
  for (std::size_t length : {1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 40}) {
    std::string key(length, 'k');
    for (std::size_t at : {std::size_t{0}, length / 2, length - 1}) {
      std::string other = key;
      other[at] = 'z';
      SCOPED_TRACE(key + " / " + other);
      expect_reuse_gives<Tag>(GetParam(), M{{key, 1}}, M{{other, 2}});
      expect_reuse_gives<Tag>(GetParam(), M{{other, 1}, {key, 3}}, M{{other, 1}, {key, 4}});
      expect_reuse_gives<Tag>(GetParam(), M{{key, 1}}, M{{key + "x", 2}});
    }
  }
}

TEST_P(CodecTest, a_reused_map_keeps_the_last_of_duplicate_keys) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    w.write_map_begin(corothrift::TType::String, corothrift::TType::I32, 3);
    for (auto [k, v] : {std::pair{"a", 1}, std::pair{"a", 2}, std::pair{"b", 3}}) {
      w.write_string(k);
      w.write_i32(v);
    }
  });
  std::map<std::string, int32_t> m{{"a", 7}, {"b", 8}, {"c", 9}};
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(GetParam(), in, corothrift::kDefaultDecodeLimits, [&](auto& r) {
    corothrift::read_value<tag::map<tag::string, tag::i32>>(r, m);
  });
  EXPECT_EQ(m, (std::map<std::string, int32_t>{{"a", 2}, {"b", 3}}));
}

TEST_P(CodecTest, reused_struct_values_and_elements_start_from_defaults) {
  Example full = sample_example();
  Example bare;
  bare.blob = corothrift::Binary{1};
  using M = std::map<int16_t, Example>;
  expect_reuse_gives<tag::map<tag::i16, tag::structure<Example>>>(GetParam(), M{{1, full}},
                                                                  M{{1, bare}});
  expect_reuse_gives<tag::map<tag::i16, tag::structure<Example>>>(GetParam(), M{{1, full}},
                                                                  M{{2, bare}, {3, bare}});
  expect_reuse_gives<tag::list<tag::structure<Example>>>(
      GetParam(), std::vector<Example>{full, full}, std::vector<Example>{bare});
}

TEST_P(CodecTest, decoding_into_reused_sets_and_lists_gives_exactly_the_wire_elements) {
  using S = std::set<std::string>;
  using V = std::vector<std::string>;
  expect_reuse_gives<tag::set<tag::string>>(GetParam(), S{"a", "b"}, S{"b", "c", "d"});
  expect_reuse_gives<tag::set<tag::string>>(GetParam(), S{"a", "b", "c"}, S{});
  expect_reuse_gives<tag::list<tag::string>>(GetParam(), V{"long string value", "b"}, V{"x"});
  expect_reuse_gives<tag::list<tag::string>>(GetParam(), V{"x"}, V{"1", "", "333"});
  expect_reuse_gives<tag::list<tag::list<tag::i32>>>(GetParam(),
                                                     std::vector<std::vector<int32_t>>{{1, 2, 3}},
                                                     std::vector<std::vector<int32_t>>{{}, {4}});
}

// Lists of fixed-width numbers go as one run in the binary protocol; the
// bytes must be exactly those of one value at a time (which the Apache tests
// check), and reading them back must give the same numbers, edge values too.
template <class Tag, class C>
void expect_numbers_round_trip(ProtocolKind protocol, const C& values, void (*one)(
                                   corothrift::BinaryWriter&, typename C::value_type)) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(protocol, out,
                          [&](auto& w) { corothrift::write_value<tag::list<Tag>>(w, values); });
  if (protocol == ProtocolKind::Binary) {
    corothrift::WriteBuffer expected;
    corothrift::BinaryWriter w(expected);
    w.write_list_begin(corothrift::ttype_v<Tag>, static_cast<uint32_t>(values.size()));
    for (auto v : values) one(w, v);
    EXPECT_EQ(out.view(), expected.view());
  }
  C back(7);  // holds something already, longer or shorter than the wire's
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(protocol, in, corothrift::kDefaultDecodeLimits,
                          [&](auto& r) { corothrift::read_value<tag::list<Tag>>(r, back); });
  EXPECT_EQ(in.remaining(), 0u);
  ASSERT_EQ(back.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Bitwise, so that NaN and -0.0 count as themselves.
    EXPECT_EQ(corothrift::detail::number_bits(back[i]), corothrift::detail::number_bits(values[i]))
        << i;
  }
}

TEST_P(CodecTest, lists_of_fixed_width_numbers_round_trip_with_edge_values) {
  using I16 = std::numeric_limits<int16_t>;
  using I32 = std::numeric_limits<int32_t>;
  using I64 = std::numeric_limits<int64_t>;
  using D = std::numeric_limits<double>;
  expect_numbers_round_trip<tag::i16>(
      GetParam(), std::vector<int16_t>{0, -1, 1, I16::min(), I16::max(), 0x1234},
      [](corothrift::BinaryWriter& w, int16_t v) { w.write_i16(v); });
  expect_numbers_round_trip<tag::i32>(
      GetParam(), std::deque<int32_t>{I32::min(), I32::max(), -2, 0x12345678},
      [](corothrift::BinaryWriter& w, int32_t v) { w.write_i32(v); });
  expect_numbers_round_trip<tag::i64>(
      GetParam(), std::vector<int64_t>(300, I64::min()),
      [](corothrift::BinaryWriter& w, int64_t v) { w.write_i64(v); });
  expect_numbers_round_trip<tag::double_>(
      GetParam(),
      std::vector<double>{0.0, -0.0, 1.5, D::quiet_NaN(), D::infinity(), -D::infinity(),
                          D::denorm_min(), D::max()},
      [](corothrift::BinaryWriter& w, double v) { w.write_double(v); });
  expect_numbers_round_trip<tag::i32>(
      GetParam(), std::vector<int32_t>{},
      [](corothrift::BinaryWriter& w, int32_t v) { w.write_i32(v); });
}

TEST_P(CodecTest, a_list_of_numbers_decodes_into_a_wider_element_type) {
  // As with cpp.type on the element: list<i16> held as int32_t.
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    corothrift::write_value<tag::list<tag::i16>>(w, std::vector<int32_t>{-32768, 7, 32767});
  });
  std::vector<int32_t> v;
  corothrift::ReadBuffer in(out.bytes());
  corothrift::with_reader(GetParam(), in, corothrift::kDefaultDecodeLimits,
                          [&](auto& r) { corothrift::read_value<tag::list<tag::i16>>(r, v); });
  EXPECT_EQ(v, (std::vector<int32_t>{-32768, 7, 32767}));
}

// The run path is the one taken for the binary protocol, not for compact
// (varints), and not for elements that are not fixed-width numbers.
static_assert(corothrift::detail::WritesNumberRun<tag::i32, corothrift::BinaryWriter,
                                                  std::vector<int32_t>>);
static_assert(corothrift::detail::ReadsNumberRun<tag::double_, corothrift::BinaryReader,
                                                 std::deque<double>>);
static_assert(!corothrift::detail::WritesNumberRun<tag::i32, corothrift::CompactWriter,
                                                   std::vector<int32_t>>);
static_assert(!corothrift::detail::ReadsNumberRun<tag::i32, corothrift::CompactReader,
                                                  std::vector<int32_t>>);
static_assert(!corothrift::detail::WritesNumberRun<tag::string, corothrift::BinaryWriter,
                                                   std::vector<std::string>>);

TEST_P(CodecTest, a_list_of_numbers_longer_than_the_bytes_left_is_rejected) {
  corothrift::WriteBuffer out;
  corothrift::with_writer(GetParam(), out, [](auto& w) {
    corothrift::write_value<tag::list<tag::i64>>(w, std::vector<int64_t>(10, -5));
  });
  std::vector<int64_t> v;
  corothrift::ReadBuffer in(out.bytes().first(out.size() - 3));
  corothrift::with_reader(GetParam(), in, corothrift::kDefaultDecodeLimits, [&](auto& r) {
    EXPECT_THROW(corothrift::read_value<tag::list<tag::i64>>(r, v), corothrift::ProtocolError);
  });
}

INSTANTIATE_TEST_SUITE_P(BothProtocols, CodecTest,
                         ::testing::Values(ProtocolKind::Binary, ProtocolKind::Compact),
                         [](const auto& info) {
                           return std::string(corothrift::protocol_kind_name(info.param));
                         });

}  // namespace
