#include "template_text.h"

#include <algorithm>

#include "templates.h"

namespace corothrift::codegen::cpp {
namespace {

bool is_standalone_tag(std::string_view line) {
  std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return false;
  line.remove_prefix(start);
  if (line.size() < 5 || !line.starts_with("{{") || !line.ends_with("}}")) return false;
  if (line.find("}}") != line.size() - 2) return false;  // one tag only
  return std::string_view("#^/>!").find(line[2]) != std::string_view::npos;
}

std::string expand_partial(std::string_view tag, int depth);

std::string strip_lines(std::string_view source, int depth) {
  std::string out;
  out.reserve(source.size());
  while (!source.empty()) {
    std::size_t end = source.find('\n');
    std::string_view line = source.substr(0, end);
    if (is_standalone_tag(line)) {
      std::string_view tag = line.substr(line.find_first_not_of(" \t"));
      out += expand_partial(tag, depth);
    } else {
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        out += kBlankLine;
      } else {
        out += line;
      }
      if (end != std::string_view::npos) out += '\n';
    }
    source.remove_prefix(end == std::string_view::npos ? source.size() : end + 1);
  }
  return out;
}

// A standalone `{{>name}}` becomes the text of template `name`: the engine
// would parse a partial again at every use (once per struct), which made
// large IDLs slow. Anything else (or an unknown name, reported at render
// time) is kept as written.
std::string expand_partial(std::string_view tag, int depth) {
  constexpr int kMaxDepth = 8;
  if (tag[2] != '>' || depth >= kMaxDepth) return std::string(tag);
  std::string_view name = tag.substr(3, tag.size() - 5);
  name.remove_prefix(std::min(name.find_first_not_of(' '), name.size()));
  name = name.substr(0, name.find_last_not_of(' ') + 1);
  const std::string_view* text = find_template(name);
  if (text == nullptr) return std::string(tag);
  return strip_lines(*text, depth + 1);
}

}  // namespace

std::string strip_standalone_lines(std::string_view source) { return strip_lines(source, 0); }

}  // namespace corothrift::codegen::cpp
