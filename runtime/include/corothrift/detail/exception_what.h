// The text of a generated exception's what() (see ThriftException::keep_what
// for how long it lives): "Name: message" when the exception has a message
// field that is not empty, else the exception as fmt prints it,
// "Name{code: 7, ...}", cut to kWhatFieldsLimit bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <corothrift/box.h>
#include <corothrift/types.h>

namespace corothrift::detail {

// A what() that lists the fields is for a log line, not a dump.
inline constexpr std::size_t kWhatFieldsLimit = 512;

// Cuts `text` to at most `limit` bytes, not inside a UTF-8 sequence, and marks
// the cut with "...".
std::string cut_what(std::string text, std::size_t limit);

// fmt::format, not format_to_n: format goes through libfmt's compiled
// vformat, while format_to_n instantiates fmt's whole formatting engine in
// each generated .cpp (ThriftTest_types.o: +86 KB of text, and GCC's inlining
// budget for the codec in that file changed with it).
template <class E>
std::string exception_what(const E& e) {
  return cut_what(fmt::format("{}", e), kWhatFieldsLimit);
}

inline std::string_view message_text(const std::string& m) { return m; }
inline std::string_view message_text(const Binary& m) {
  return {reinterpret_cast<const char*>(m.data()), m.size()};
}
template <class T>
std::string_view message_text(const std::optional<T>& m) {
  return m ? message_text(*m) : std::string_view();
}
template <class T>
std::string_view message_text(const Box<T>& m) {
  return m ? message_text(*m) : std::string_view();
}

template <class E, class M>
std::string exception_what(const E& e, std::string_view name, const M& message) {
  std::string_view text = message_text(message);
  if (text.empty()) return exception_what(e);
  std::string out;
  out.reserve(name.size() + 2 + text.size());
  return out.append(name).append(": ").append(text);
}

}  // namespace corothrift::detail
