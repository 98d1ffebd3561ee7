// The one file that includes the template engine (kainjow mustache).
#include "render.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <kainjow/mustache.hpp>

#include "templates.h"

namespace corothrift::codegen::cpp {
namespace {

namespace mustache = kainjow::mustache;

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
// the output (the mustache spec's "standalone" rule). The engine gets it
// wrong for sections it skips, so such lines are reduced to the bare tag
// before it sees them. The engine also drops any whitespace-only line that
// shares a line with a section tag, so blank lines are marked with
// kBlankLine, which render() removes afterwards.
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
  return strip_standalone_lines(*text, depth + 1);
}

// Builds the engine's tree in place: the engine's list and object
// constructors deep-copy their argument, and its move constructor is not
// noexcept (a growing std::vector of it copies whole subtrees), which made
// this conversion quadratic in nesting for large IDLs.
mustache::data to_data(const View& view) {
  switch (view.kind()) {
    case View::Kind::kText:
      return mustache::data(view.as_text());
    case View::Kind::kFlag:
      return mustache::data(view.as_flag());
    case View::Kind::kList: {
      mustache::data out(mustache::data::type::list);
      // The engine exposes its list only as const; the vector itself was
      // allocated non-const by the constructor above.
      auto& items = const_cast<mustache::list&>(out.list_value());
      items.reserve(view.items().size());
      for (const View& item : view.items()) items.push_back(to_data(item));
      return out;
    }
    case View::Kind::kObject:
      break;
  }
  mustache::data out(mustache::data::type::object);
  for (const auto& [key, member] : view.members()) out[key] = to_data(member);
  return out;
}

// The engine has no strict mode: this context remembers every name it could
// not resolve, and render() turns them into an error.
class StrictContext : public mustache::context<std::string> {
 public:
  explicit StrictContext(const mustache::data* root) : mustache::context<std::string>(root) {}

  const mustache::data* get(const std::string& name) const override {
    const mustache::data* found = mustache::context<std::string>::get(name);
    if (found == nullptr) unknown_.insert(name);
    return found;
  }

  // `{{>name}}` includes the embedded template `name`, rendered in place.
  const mustache::data* get_partial(const std::string& name) const override {
    auto it = partials_.find(name);
    if (it != partials_.end()) return &it->second;
    const std::string_view* text = find_template(name);
    if (text == nullptr) {
      unknown_.insert(">" + name);
      return nullptr;
    }
    std::string source = strip_standalone_lines(*text);
    mustache::partial make = [source] { return source; };
    return &partials_.emplace(name, mustache::data(make)).first->second;
  }

  const std::set<std::string>& unknown() const { return unknown_; }

 private:
  mutable std::set<std::string> unknown_;
  mutable std::map<std::string, mustache::data> partials_;
};

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
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> parsed;
  RenderResult result;
  auto it = parsed.find(source);
  if (it == parsed.end()) {
    auto tmpl = std::make_unique<mustache::mustache>(strip_standalone_lines(source));
    if (!tmpl->is_valid()) {
      result.error = std::string(name) + ": " + tmpl->error_message();
      return result;
    }
    tmpl->set_custom_escape([](const std::string& text) { return text; });
    it = parsed.emplace(std::string(source), std::move(tmpl)).first;
  }
  mustache::mustache& tmpl = *it->second;
  const mustache::data root = to_data(view);
  StrictContext context(&root);
  result.text = tmpl.render(context);
  std::erase(result.text, kBlankLine);
  if (!tmpl.is_valid()) {
    result.error = std::string(name) + ": " + tmpl.error_message();
    parsed.erase(it);  // the engine keeps its error; parse afresh next time
  } else if (!context.unknown().empty()) {
    result.error = std::string(name) + ": unknown template name(s) " + join(context.unknown());
  }
  return result;
}

}  // namespace corothrift::codegen::cpp
