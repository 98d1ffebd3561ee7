// fmt support for the runtime's value types and for generated code.
//
// fmt 9 formats neither std::optional nor enum classes, and we specialise
// fmt only for our own types. Generated code formats members through
// format_value, and prints a struct like this:
//
//   template <>
//   struct fmt::formatter<ns::Point> : corothrift::PlainFormatter {
//     auto format(const ns::Point& p, fmt::format_context& ctx) const {
//       corothrift::StructPrinter out(ctx.out(), "Point");
//       out.field("x", p.x);
//       out.field("label", p.label);  // std::optional: omitted when empty
//       return out.finish();          // Point{x: 1, label: "a"}
//     }
//   };
//
// An enum prints through its fmt::formatter when it has one (generated enums
// do); else its name when `enum_name(e)` is found by argument-dependent lookup
// and returns a non-empty string_view; else its number.
// corothrift::show(v) wraps any value for use as a fmt argument:
// fmt::format("{}", corothrift::show(maybe_id)).
#pragma once

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <corothrift/box.h>
#include <corothrift/exception.h>
#include <corothrift/types.h>

namespace corothrift {

// A formatter base that accepts only an empty spec ("{}").
struct PlainFormatter {
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
    if (ctx.begin() != ctx.end() && *ctx.begin() != '}') {
      throw fmt::format_error("corothrift values take no format spec");
    }
    return ctx.begin();
  }
};

// Binary prints as hex; longer values are cut after this many bytes.
inline constexpr std::size_t kFormatBinaryBytes = 64;

template <class Out>
Out format_binary(Out out, const Binary& value) {
  std::size_t shown = value.size() < kFormatBinaryBytes ? value.size() : kFormatBinaryBytes;
  out = fmt::format_to(out, "0x");
  for (std::size_t i = 0; i < shown; ++i) out = fmt::format_to(out, "{:02x}", value[i]);
  if (shown < value.size()) out = fmt::format_to(out, "...({} bytes)", value.size());
  return out;
}

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
struct IsBox : std::false_type {};
template <class T>
struct IsBox<Box<T>> : std::true_type {};

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) {
  { enum_name(e) } -> std::convertible_to<std::string_view>;
};

template <class T>
concept FmtFormattable = fmt::is_formattable<T, char>::value;

}  // namespace detail

template <class Out, class Range>
Out format_elements(Out out, const Range& range, std::string_view open, std::string_view close);

// Appends value's display form to out (an output iterator of char).
template <class Out, class T>
Out format_value(Out out, const T& value) {
  if constexpr (detail::IsOptional<T>::value) {
    return value ? format_value(out, *value) : fmt::format_to(out, "null");
  } else if constexpr (detail::IsBox<T>::value) {
    return value ? format_value(out, *value) : fmt::format_to(out, "null");
  } else if constexpr (std::is_same_v<T, bool>) {
    return fmt::format_to(out, "{}", value);
  } else if constexpr (std::is_enum_v<T> && !detail::FmtFormattable<T>) {
    if constexpr (detail::NamedEnum<T>) {
      std::string_view name = enum_name(value);
      if (!name.empty()) return fmt::format_to(out, "{}", name);
    }
    return fmt::format_to(out, "{}", static_cast<std::underlying_type_t<T>>(value));
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return fmt::format_to(out, "{:?}", std::string_view(value));
  } else if constexpr (requires { typename T::mapped_type; }) {
    out = fmt::format_to(out, "{{");
    bool first = true;
    for (const auto& [k, v] : value) {
      if (!first) out = fmt::format_to(out, ", ");
      first = false;
      out = format_value(out, k);
      out = fmt::format_to(out, ": ");
      out = format_value(out, v);
    }
    return fmt::format_to(out, "}}");
  } else if constexpr (requires { typename T::key_type; }) {
    return format_elements(out, value, "{", "}");
  } else if constexpr (detail::FmtFormattable<T>) {
    return fmt::format_to(out, "{}", value);
  } else {
    return format_elements(out, value, "[", "]");
  }
}

template <class Out, class Range>
Out format_elements(Out out, const Range& range, std::string_view open, std::string_view close) {
  out = fmt::format_to(out, "{}", open);
  bool first = true;
  for (const auto& elem : range) {
    if (!first) out = fmt::format_to(out, ", ");
    first = false;
    out = format_value(out, static_cast<const typename Range::value_type&>(elem));
  }
  return fmt::format_to(out, "{}", close);
}

// Prints `Name{a: 1, b: "x"}`; empty optionals are left out.
class StructPrinter {
 public:
  using Out = fmt::format_context::iterator;
  StructPrinter(Out out, std::string_view name) : out_(fmt::format_to(out, "{}{{", name)) {}

  template <class T>
  StructPrinter& field(std::string_view name, const T& value) {
    if constexpr (detail::IsOptional<T>::value) {
      if (!value) return *this;
    }
    out_ = fmt::format_to(out_, "{}{}: ", first_ ? "" : ", ", name);
    first_ = false;
    out_ = format_value(out_, value);
    return *this;
  }
  Out finish() { return fmt::format_to(out_, "}}"); }

 private:
  Out out_;
  bool first_ = true;
};

template <class T>
struct Shown {
  const T& value;
};

template <class T>
Shown<T> show(const T& value) {
  return {value};
}

template <class T>
std::string to_display_string(const T& value) {
  std::string text;
  format_value(std::back_inserter(text), value);
  return text;
}

}  // namespace corothrift

template <class T>
struct fmt::formatter<corothrift::Shown<T>> : corothrift::PlainFormatter {
  auto format(const corothrift::Shown<T>& shown, fmt::format_context& ctx) const {
    return corothrift::format_value(ctx.out(), shown.value);
  }
};

template <>
struct fmt::formatter<corothrift::Binary> : corothrift::PlainFormatter {
  auto format(const corothrift::Binary& value, fmt::format_context& ctx) const {
    return corothrift::format_binary(ctx.out(), value);
  }
};

template <>
struct fmt::formatter<corothrift::Uuid> : corothrift::PlainFormatter {
  auto format(const corothrift::Uuid& value, fmt::format_context& ctx) const {
    return fmt::format_to(ctx.out(), "{}", value.to_string());
  }
};

template <class T>
struct fmt::formatter<corothrift::Box<T>> : corothrift::PlainFormatter {
  auto format(const corothrift::Box<T>& value, fmt::format_context& ctx) const {
    return corothrift::format_value(ctx.out(), value);
  }
};

template <>
struct fmt::formatter<corothrift::TType> : fmt::formatter<std::string_view> {
  auto format(corothrift::TType value, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(corothrift::ttype_name(value), ctx);
  }
};

template <>
struct fmt::formatter<corothrift::MessageType> : fmt::formatter<std::string_view> {
  auto format(corothrift::MessageType value, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(corothrift::message_type_name(value), ctx);
  }
};

template <>
struct fmt::formatter<corothrift::TApplicationException> : corothrift::PlainFormatter {
  auto format(const corothrift::TApplicationException& value, fmt::format_context& ctx) const {
    return fmt::format_to(ctx.out(), "TApplicationException{{type: {}, message: {:?}}}",
                          static_cast<int32_t>(value.type()), value.message());
  }
};
