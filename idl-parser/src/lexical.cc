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

namespace {

// Length of the well-formed UTF-8 sequence starting at `i`, or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
  unsigned char second = byte(i + 1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
      (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) {
    return 0;
  }
  return length;
}

}  // namespace

std::optional<std::size_t> sanitize_utf8(std::string& text) {
  std::optional<std::size_t> first_bad;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = utf8_sequence(text, i);
    if (length != 0) {
      i += length;
      continue;
    }
    if (!first_bad) first_bad = i;
    text[i++] = '?';
  }
  return first_bad;
}

}  // namespace corothrift::idl
