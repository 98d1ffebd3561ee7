#include "lexical.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace corothrift::idl {

std::optional<std::string> unescape_literal(std::string_view quoted, std::string& error) {
  std::string_view body = quoted.substr(1, quoted.size() - 2);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\') {
      out += body[i];
      continue;
    }
    char escaped = i + 1 < body.size() ? body[++i] : '\\';
    switch (escaped) {
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case '\'':
        out += '\'';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default:
        error = fmt::format("bad escape sequence '\\{}' in string literal", escaped);
        return std::nullopt;
    }
  }
  return out;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  std::uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  constexpr std::uint64_t kMaxPositive = 0x7fffffffffffffffULL;
  if (magnitude > kMaxPositive + (negative ? 1 : 0)) return std::nullopt;
  if (negative) return static_cast<std::int64_t>(0 - magnitude);
  return static_cast<std::int64_t>(magnitude);
}

namespace {

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// One comment line without its decoration: "   * text" -> " text".
std::string_view undecorate(std::string_view line) {
  std::size_t first = line.find_first_not_of(" \t");
  if (first != std::string_view::npos && line[first] == '*') return line.substr(first + 1);
  return line;
}

std::size_t indentation(std::string_view line) {
  std::size_t first = line.find_first_not_of(" \t");
  return first == std::string_view::npos ? line.size() : first;
}

}  // namespace

std::string clean_doc_comment(std::string_view raw) {
  raw.remove_prefix(3);  // "/**"
  raw.remove_suffix(2);  // "*/"
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    std::size_t end = raw.find('\n', start);
    lines.push_back(trim_right(undecorate(raw.substr(start, end - start))));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  auto first = std::find_if(lines.begin(), lines.end(), [](auto l) { return !l.empty(); });
  lines.erase(lines.begin(), first);
  std::size_t common = std::string_view::npos;
  for (auto line : lines) {
    if (!line.empty()) common = std::min(common, indentation(line));
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    if (!lines[i].empty()) out += lines[i].substr(common);
  }
  return out;
}

}  // namespace corothrift::idl
