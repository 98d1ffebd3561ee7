// The one file that uses the template engine (mustache.h).
#include "render.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "mustache.h"
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

// Stands for a blank template line while the engine renders (see below).
constexpr char kBlankLine = '\x01';

// A line holding only a section, partial or comment tag leaves no trace in
// the output (the mustache spec's "standalone" rule): such lines are reduced
// to the bare tag before parsing. The engine drops a whitespace-only line
// that a rendered section touched (mustache.h), which would take blank lines
// after such a tag too, so blank lines are marked with kBlankLine, which
// render() removes afterwards.
std::string strip_standalone_lines(std::string_view source, int depth = 0) {
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

// A standalone `{{>name}}` becomes the text of template `name`, its own
// standalone lines reduced. Anything else (or an unknown name, which the
// parser reports) is kept as written.
std::string expand_partial(std::string_view tag, int depth) {
  constexpr int kMaxDepth = 8;
  if (tag[2] != '>' || depth >= kMaxDepth) return std::string(tag);
  std::string_view name = tag.substr(3, tag.size() - 5);
  name.remove_prefix(std::min(name.find_first_not_of(' '), name.size()));
  name = name.substr(0, name.find_last_not_of(' ') + 1);
  const std::string_view* text = find_template(name);
  if (text == nullptr) return std::string(tag);
  return strip_standalone_lines(*text, depth + 1);
}

// A partial that is not alone on its line (those are expanded before parsing).
std::optional<std::string> partial_text(std::string_view name) {
  const std::string_view* text = find_template(name);
  if (text == nullptr) return std::nullopt;
  return strip_standalone_lines(*text);
}

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += "'" + name + "'";
  }
  return out;
}

}  // namespace

RenderResult render(std::string_view name, std::string_view source, const View& view) {
  // Parsed templates are kept for the process: a large IDL renders the
  // service templates once per service. Keyed by text, so a caller passing
  // its own source never gets another template's parse.
  thread_local std::map<std::string, std::unique_ptr<mustache::Template>, std::less<>> parsed;
  RenderResult result;
  auto it = parsed.find(source);
  if (it == parsed.end()) {
    std::string error;
    auto tmpl = mustache::Template::parse(strip_standalone_lines(source), partial_text, error);
    if (tmpl == nullptr) {
      result.error = std::string(name) + ": " + error;
      return result;
    }
    it = parsed.emplace(std::string(source), std::move(tmpl)).first;
  }
  std::set<std::string> unknown;
  result.text = it->second->render(view, unknown);
  std::erase(result.text, kBlankLine);
  if (!unknown.empty()) {
    result.error = std::string(name) + ": unknown template name(s) " + join(unknown);
  }
  return result;
}

}  // namespace corothrift::codegen::cpp
