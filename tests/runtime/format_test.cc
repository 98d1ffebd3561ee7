// How runtime types and generated-style structs print through fmt.
#include <corothrift/detail/format.h>

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace demo {

enum class Color : int32_t { Red = 1, Blue = 2 };

std::string_view enum_name(Color c) {
  switch (c) {
    case Color::Red:
      return "Red";
    case Color::Blue:
      return "Blue";
  }
  return {};
}

enum class Plain : int32_t { A = 1 };

enum class Formatted : int32_t { X = 1 };

struct Point {
  int32_t x = 0;
  std::optional<std::string> label;
  std::vector<Color> colors;
  corothrift::Box<Point> next;
};

}  // namespace demo

template <>
struct fmt::formatter<demo::Point> : corothrift::PlainFormatter {
  auto format(const demo::Point& p, fmt::format_context& ctx) const {
    corothrift::StructPrinter out(ctx.out(), "Point");
    out.field("x", p.x);
    out.field("label", p.label);
    out.field("colors", p.colors);
    out.field("next", p.next);
    return out.finish();
  }
};

template <>
struct fmt::formatter<demo::Formatted> : corothrift::PlainFormatter {
  auto format(demo::Formatted, fmt::format_context& ctx) const {
    return fmt::format_to(ctx.out(), "Formatted::X");
  }
};

namespace {

using corothrift::show;

TEST(Format, a_struct_prints_its_fields_and_leaves_out_empty_optionals) {
  demo::Point p;
  p.x = 3;
  p.colors = {demo::Color::Blue, static_cast<demo::Color>(7)};
  EXPECT_EQ(fmt::format("{}", p), "Point{x: 3, colors: [Blue, 7], next: null}");
  p.label = "a\"b";
  p.next = demo::Point{};
  EXPECT_EQ(fmt::format("{}", p),
            "Point{x: 3, label: \"a\\\"b\", colors: [Blue, 7], next: Point{x: 0, colors: [], "
            "next: null}}");
}

TEST(Format, optionals_and_enums_print_through_show) {
  std::optional<int> none;
  EXPECT_EQ(fmt::format("{} {}", show(none), show(std::optional<int>(5))), "null 5");
  EXPECT_EQ(fmt::format("{}", show(demo::Color::Red)), "Red");
  EXPECT_EQ(fmt::format("{}", show(demo::Plain::A)), "1");
  EXPECT_EQ(fmt::format("{}", show(demo::Formatted::X)), "Formatted::X");
}

TEST(Format, containers_print_as_lists_sets_and_maps) {
  std::map<std::string, std::set<int8_t>> m{{"k", {-1, 2}}, {"e", {}}};
  EXPECT_EQ(corothrift::to_display_string(m), "{\"e\": {}, \"k\": {-1, 2}}");
  EXPECT_EQ(corothrift::to_display_string(std::vector<bool>{true, false}), "[true, false]");
}

TEST(Format, binary_prints_as_hex_and_long_values_are_cut) {
  EXPECT_EQ(fmt::format("{}", corothrift::Binary{0x00, 0xab, 0x10}), "0x00ab10");
  corothrift::Binary big(std::string(100, '\x01'));
  std::string text = fmt::format("{}", big);
  std::string expected = "0x";
  for (int i = 0; i < 64; ++i) expected += "01";
  EXPECT_EQ(text, expected + "...(100 bytes)");
}

TEST(Format, uuids_and_wire_enums_print_their_names) {
  auto u = *corothrift::Uuid::parse("00112233-4455-6677-8899-AABBCCDDEEFF");
  EXPECT_EQ(fmt::format("{}", u), "00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(fmt::format("{} {}", corothrift::TType::Map, corothrift::MessageType::Oneway),
            "map oneway");
}

TEST(Format, tapplicationexception_prints_type_and_message) {
  corothrift::TApplicationException e(corothrift::TApplicationException::Type::UnknownMethod,
                                      "no such method");
  EXPECT_EQ(fmt::format("{}", e), "TApplicationException{type: 1, message: \"no such method\"}");
}

}  // namespace
