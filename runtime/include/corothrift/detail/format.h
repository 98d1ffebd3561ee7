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

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>

#include <corothrift/box.h>
#include <corothrift/exception.h>
#include <corothrift/types.h>

namespace corothrift {

// A formatter base that accepts only an empty spec ("{}"). Generated
// formatters derive from it, which format_value relies on to call them
// directly, without fmt's argument machinery.
struct PlainFormatter {
  constexpr auto parse(fmt::format_parse_context& ctx) -> decltype(ctx.begin()) {
    if (ctx.begin() != ctx.end() && *ctx.begin() != '}') {
      throw fmt::format_error("corothrift values take no format spec");
    }
    return ctx.begin();
  }
};

// Where display forms are written: fmt's buffer iterator, which is what a
// formatter's ctx.out() is.
using FormatOut = fmt::appender;

// The leaf writers, compiled once in the runtime library. Every display form
// is built from these, so code that formats Thrift values (generated types
// sources above all) instantiates none of fmt's formatting templates: a
// single fmt::format_to in a source costs ~1.8 s of g++ -O2.
FormatOut format_text(FormatOut out, std::string_view text);    // as is
FormatOut format_quoted(FormatOut out, std::string_view text);  // like "{:?}"
FormatOut format_int(FormatOut out, std::int64_t value);
FormatOut format_uint(FormatOut out, std::uint64_t value);
FormatOut format_double(FormatOut out, double value);  // like "{}"
FormatOut format_bool(FormatOut out, bool value);
// Binary prints as hex; longer values are cut after kFormatBinaryBytes bytes.
inline constexpr std::size_t kFormatBinaryBytes = 64;
FormatOut format_binary(FormatOut out, const Binary& value);
FormatOut format_uuid(FormatOut out, const Uuid& value);

namespace detail {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) {
  { enum_name(e) } -> std::convertible_to<std::string_view>;
};

template <class T>
concept FmtFormattable = fmt::is_formattable<T, char>::value;

// A formatter that takes no spec and so can be called without parsing one.
template <class T>
concept PlainFormatted = std::is_base_of_v<PlainFormatter, fmt::formatter<T>>;

template <class T>
concept CharType = std::is_same_v<T, char> || std::is_same_v<T, wchar_t> ||
                   std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> ||
                   std::is_same_v<T, char32_t>;

template <PlainFormatted T>
FormatOut call_formatter(FormatOut out, const T& value) {
  fmt::format_context ctx(out, {});
  return fmt::formatter<T>().format(value, ctx);
}

}  // namespace detail

template <class Range>
FormatOut format_elements(FormatOut out, const Range& range, std::string_view open,
                          std::string_view close);

// Appends value's display form to out.
template <class T>
FormatOut format_value(FormatOut out, const T& value) {
  if constexpr (detail::IsOptional<T>::value || detail::IsBox<T>::value) {
    return value ? format_value(out, *value) : format_text(out, "null");
  } else if constexpr (std::is_same_v<T, bool>) {
    return format_bool(out, value);
  } else if constexpr (std::is_same_v<T, Binary>) {
    return format_binary(out, value);
  } else if constexpr (std::is_same_v<T, Uuid>) {
    return format_uuid(out, value);
  } else if constexpr (std::is_enum_v<T>) {
    if constexpr (detail::PlainFormatted<T>) {
      return detail::call_formatter(out, value);
    } else if constexpr (detail::FmtFormattable<T>) {
      return fmt::format_to(out, "{}", value);
    } else {
      if constexpr (detail::NamedEnum<T>) {
        std::string_view name = enum_name(value);
        if (!name.empty()) return format_text(out, name);
      }
      return format_value(out, static_cast<std::underlying_type_t<T>>(value));
    }
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    return format_quoted(out, std::string_view(value));
  } else if constexpr (std::is_integral_v<T> && !detail::CharType<T>) {
    if constexpr (std::is_signed_v<T>) return format_int(out, value);
    else return format_uint(out, value);
  } else if constexpr (std::is_same_v<T, double>) {
    return format_double(out, value);
  } else if constexpr (requires { typename T::mapped_type; }) {
    out = format_text(out, "{");
    bool first = true;
    for (const auto& [k, v] : value) {
      if (!first) out = format_text(out, ", ");
      first = false;
      out = format_value(out, k);
      out = format_text(out, ": ");
      out = format_value(out, v);
    }
    return format_text(out, "}");
  } else if constexpr (requires { typename T::key_type; }) {
    return format_elements(out, value, "{", "}");
  } else if constexpr (detail::PlainFormatted<T>) {
    return detail::call_formatter(out, value);
  } else if constexpr (detail::FmtFormattable<T>) {
    return fmt::format_to(out, "{}", value);  // a user's type, through its formatter
  } else {
    return format_elements(out, value, "[", "]");
  }
}

template <class Range>
FormatOut format_elements(FormatOut out, const Range& range, std::string_view open,
                          std::string_view close) {
  out = format_text(out, open);
  bool first = true;
  for (const auto& elem : range) {
    if (!first) out = format_text(out, ", ");
    first = false;
    out = format_value(out, static_cast<const typename Range::value_type&>(elem));
  }
  return format_text(out, close);
}

// Prints `Name{a: 1, b: "x"}`; empty optionals are left out.
class StructPrinter {
 public:
  using Out = FormatOut;
  StructPrinter(Out out, std::string_view name) : out_(format_text(format_text(out, name), "{")) {}

  template <class T>
  StructPrinter& field(std::string_view name, const T& value) {
    if constexpr (detail::IsOptional<T>::value) {
      if (!value) return *this;
    }
    if (!first_) out_ = format_text(out_, ", ");
    out_ = format_text(format_text(out_, name), ": ");
    first_ = false;
    out_ = format_value(out_, value);
    return *this;
  }
  Out finish() { return format_text(out_, "}"); }

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
  fmt::memory_buffer text;
  format_value(fmt::appender(text), value);
  return fmt::to_string(text);
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
    return corothrift::format_uuid(ctx.out(), value);
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
    auto out = corothrift::format_text(ctx.out(), "TApplicationException{type: ");
    out = corothrift::format_int(out, static_cast<int32_t>(value.type()));
    out = corothrift::format_quoted(corothrift::format_text(out, ", message: "), value.message());
    return corothrift::format_text(out, "}");
  }
};
