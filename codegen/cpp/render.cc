// The one file that includes the template engine (kainjow mustache).
#include "render.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include <kainjow/mustache.hpp>

#include "template_text.h"
#include "templates.h"

namespace corothrift::codegen::cpp {
namespace {

namespace mustache = kainjow::mustache;

// Hands the engine the view as it asks for names, instead of converting the
// whole view into the engine's tree first (an unordered_map per object and
// a heap string per text: that conversion and its destruction were a fifth
// of generating C++ for a large IDL). The engine holds data pointers only
// while it renders a section, and pushes what it got from get() (or an item
// of a list it got) as the section's context; push() maps them back to
// views. The engine has no strict mode: every name this context cannot
// resolve is remembered, and render() turns them into an error.
//
// What get() returns: a text in `text_`, overwritten by the next get() (the
// engine copies a variable's text at once, and a section over a text reads
// it only through push()); a flag as one of two constants; a list or object
// as a placeholder that lives as long as the context, whose truthiness is
// the view's (a list of as many placeholder items, an object as `true`).
class ViewContext : public mustache::basic_context<std::string> {
 public:
  explicit ViewContext(const View& root) { stack_.push_back(&root); }

  void push(const mustache::data* data) override { stack_.push_back(view_of(data)); }
  void pop() override { stack_.pop_back(); }

  const mustache::data* get(const std::string& name) const override {
    const View* found = lookup(name);
    if (found == nullptr) {
      if (name != ".") unknown_.insert(name);
      return name == "." ? &true_ : nullptr;
    }
    return data_for(*found);
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
  // As the engine resolves names: "." is the innermost context; otherwise
  // the innermost context in which every part of a dotted name resolves.
  // Null entries (flags) have no members.
  const View* lookup(const std::string& name) const {
    if (name == ".") return stack_.back();
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      const View* found = *it;
      std::string_view rest = name;
      while (found != nullptr) {
        std::size_t dot = rest.find('.');
        found = found->kind() == View::Kind::kObject ? found->find(std::string(rest.substr(0, dot)))
                                                     : nullptr;
        if (dot == std::string_view::npos) break;
        rest.remove_prefix(dot + 1);
      }
      if (found != nullptr) return found;
    }
    return nullptr;
  }

  const mustache::data* data_for(const View& view) const {
    switch (view.kind()) {
      case View::Kind::kText:
        // The string was allocated non-const by the engine's constructor.
        const_cast<std::string&>(text_.string_value()) = view.as_text();
        text_view_ = &view;
        return &text_;
      case View::Kind::kFlag:
        return view.as_flag() ? &true_ : &false_;
      case View::Kind::kList:
      case View::Kind::kObject:
        break;
    }
    auto [it, inserted] = placeholders_.try_emplace(&view, nullptr);
    if (inserted) it->second = make_placeholder(view);
    return it->second;
  }

  const mustache::data* make_placeholder(const View& view) const {
    if (view.kind() == View::Kind::kObject) {
      const mustache::data& made = store_.emplace_back(true);
      views_.emplace(&made, &view);
      return &made;
    }
    mustache::data& made = store_.emplace_back(mustache::data::type::list);
    // Allocated non-const by the constructor above.
    auto& items = const_cast<mustache::list&>(made.list_value());
    items.reserve(view.items().size());
    for (std::size_t i = 0; i < view.items().size(); ++i) items.emplace_back(true);
    views_.emplace(&made, &view);
    if (!items.empty()) lists_.emplace(items.data(), &view);
    return &made;
  }

  // The view behind a data pointer that get() returned, or behind an item
  // of a list it returned; null for a flag.
  const View* view_of(const mustache::data* data) const {
    if (data == &text_) return text_view_;
    if (auto it = views_.find(data); it != views_.end()) return it->second;
    auto it = lists_.upper_bound(data);  // the list whose items start at or before `data`
    if (it == lists_.begin()) return nullptr;
    --it;
    const auto& items = it->second->items();
    std::less<const mustache::data*> before;
    if (!before(data, it->first + items.size())) return nullptr;
    return &items[static_cast<std::size_t>(data - it->first)];
  }

  std::vector<const View*> stack_;  // the contexts, innermost last
  mutable mustache::data text_{std::string()};
  mutable const View* text_view_ = nullptr;
  const mustache::data true_{true};
  const mustache::data false_{false};
  mutable std::deque<mustache::data> store_;  // placeholders, at stable addresses
  mutable std::unordered_map<const View*, const mustache::data*> placeholders_;
  mutable std::unordered_map<const mustache::data*, const View*> views_;
  mutable std::map<const mustache::data*, const View*> lists_;  // first item -> list
  mutable std::set<std::string> unknown_;
  mutable std::map<std::string, mustache::data> partials_;
};

// Where the engine writes its output, line by line: straight into the
// result (its own render() fills an ostringstream and then copies it).
struct Appender {
  std::string& out;
  Appender& operator<<(const std::string& text) {
    out += text;
    return *this;
  }
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
  ViewContext context(view);
  Appender appender{result.text};
  tmpl.render(context, appender);
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
