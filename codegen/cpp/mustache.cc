#include "mustache.h"

#include <cctype>
#include <utility>

namespace corothrift::codegen::cpp::mustache {

struct Node {
  enum class Kind { kText, kNewline, kVariable, kSection, kInverted };
  Kind kind = Kind::kText;
  std::string text;               // literal text, the line break, or the name as written
  std::vector<std::string> path;  // the name split at dots; empty for "."
  std::vector<Node> children;     // a section's body
};

namespace {

constexpr int kMaxPartialDepth = 8;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::vector<std::string> split_name(std::string_view name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  while (true) {
    std::size_t dot = name.find('.');
    parts.emplace_back(name.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    name.remove_prefix(dot + 1);
  }
}

// "\r\n", "\n" or "\r" at `at`: its length, or 0.
std::size_t line_break_at(std::string_view source, std::size_t at) {
  if (source[at] == '\n') return 1;
  if (source[at] != '\r') return 0;
  return at + 1 < source.size() && source[at + 1] == '\n' ? 2 : 1;
}

class Parser {
 public:
  Parser(const PartialSource& partials, std::string& error, int depth)
      : partials_(partials), error_(error), depth_(depth) {}

  // Appends the nodes of `source` to `root`; false on error.
  bool parse(std::string_view source, Node& root) {
    sections_.assign(1, &root);
    std::size_t at = 0;
    while (at < source.size() && error_.empty()) {
      if (source.compare(at, 2, "{{") == 0) {
        at = parse_tag(source, at);
      } else if (std::size_t width = line_break_at(source, at)) {
        add({Node::Kind::kNewline, std::string(source.substr(at, width)), {}, {}});
        at += width;
      } else {
        std::size_t end = source.find_first_of("{\r\n", at + 1);
        if (end == std::string_view::npos) end = source.size();
        add_text(source.substr(at, end - at));
        at = end;
      }
    }
    if (error_.empty() && sections_.size() > 1) {
      error_ = "unclosed section '" + sections_.back()->text + "'";
    }
    return error_.empty();
  }

 private:
  void add(Node node) { sections_.back()->children.push_back(std::move(node)); }

  void add_text(std::string_view text) {
    auto& siblings = sections_.back()->children;
    if (!siblings.empty() && siblings.back().kind == Node::Kind::kText) {
      siblings.back().text += text;  // a lone '{' splits a run
    } else {
      add({Node::Kind::kText, std::string(text), {}, {}});
    }
  }

  // Parses the tag at `at`; returns where parsing goes on.
  std::size_t parse_tag(std::string_view source, std::size_t at) {
    bool triple = at + 2 < source.size() && source[at + 2] == '{';
    std::string_view close = triple ? "}}}" : "}}";
    std::size_t begin = at + (triple ? 3 : 2);
    std::size_t end = source.find(close, begin);
    if (end == std::string_view::npos) {
      error_ = "unclosed tag at offset " + std::to_string(at);
      return source.size();
    }
    std::string_view contents = trim(source.substr(begin, end - begin));
    char sigil = triple || contents.empty() ? '\0' : contents.front();
    if (std::string_view("#^/>&!=").find(sigil) == std::string_view::npos) sigil = '\0';
    std::string_view name = sigil == '\0' ? contents : trim(contents.substr(1));
    add_tag(sigil, name);
    return end + close.size();
  }

  void add_tag(char sigil, std::string_view name) {
    switch (sigil) {
      case '!':
        return;
      case '=':
        error_ = "delimiter changes are not supported";
        return;
      case '>':
        return add_partial(name);
      case '/':
        return close_section(name);
      case '#':
      case '^':
        add({sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted,
             std::string(name),
             split_name(name),
             {}});
        sections_.push_back(&sections_.back()->children.back());
        return;
      default:
        add({Node::Kind::kVariable, std::string(name), split_name(name), {}});
    }
  }

  void close_section(std::string_view name) {
    if (sections_.size() == 1) {
      error_ = "section '" + std::string(name) + "' closed but never opened";
    } else if (sections_.back()->text != name) {
      error_ = "section '" + sections_.back()->text + "' closed by '" + std::string(name) + "'";
    } else {
      sections_.pop_back();
    }
  }

  // A partial is parsed in place: rendering it is rendering its nodes here.
  void add_partial(std::string_view name) {
    std::optional<std::string> text = partials_(name);
    if (!text) {
      error_ = "unknown partial '" + std::string(name) + "'";
      return;
    }
    if (depth_ >= kMaxPartialDepth) {
      error_ = "partials nested too deeply at '" + std::string(name) + "'";
      return;
    }
    Node inner;
    if (!Parser(partials_, error_, depth_ + 1).parse(*text, inner)) return;
    for (Node& node : inner.children) add(std::move(node));
  }

  const PartialSource& partials_;
  std::string& error_;
  int depth_;
  std::vector<Node*> sections_;  // open sections, innermost last; [0] is the root
};

class Renderer {
 public:
  Renderer(const View& root, std::set<std::string>& unknown) : unknown_(unknown) {
    contexts_.push_back(&root);
  }

  std::string finish() {
    end_line();
    return std::move(out_);
  }

  void render(const std::vector<Node>& nodes) {
    for (const Node& node : nodes) {
      switch (node.kind) {
        case Node::Kind::kText:
          out_ += node.text;
          break;
        case Node::Kind::kNewline:
          if (!end_line()) out_ += node.text;
          line_start_ = out_.size();
          break;
        case Node::Kind::kVariable:
          variable(node);
          break;
        case Node::Kind::kSection:
          section(node);
          break;
        case Node::Kind::kInverted:
          inverted(node);
          break;
      }
    }
  }

 private:
  // The innermost context that defines the name, as kainjow resolves it:
  // every part of a dotted name must resolve within the same context.
  const View* lookup(const Node& node) {
    if (node.path.empty()) return contexts_.back();
    for (auto it = contexts_.rbegin(); it != contexts_.rend(); ++it) {
      const View* found = *it;
      for (const std::string& part : node.path) {
        found = found->kind() == View::Kind::kObject ? found->find(part) : nullptr;
        if (found == nullptr) break;
      }
      if (found != nullptr) return found;
    }
    unknown_.insert(node.text);
    return nullptr;
  }

  static bool is_false(const View& view) {
    return (view.kind() == View::Kind::kFlag && !view.as_flag()) ||
           (view.kind() == View::Kind::kList && view.items().empty());
  }

  void variable(const Node& node) {
    const View* value = lookup(node);
    if (value != nullptr && value->kind() == View::Kind::kText) out_ += value->as_text();
  }

  void section(const Node& node) {
    const View* value = lookup(node);
    if (value == nullptr || is_false(*value)) return;
    if (value->kind() != View::Kind::kList) return body(node, value);
    for (const View& item : value->items()) body(node, &item);
  }

  void inverted(const Node& node) {
    const View* value = lookup(node);
    if (value == nullptr || is_false(*value)) body(node, value);
  }

  // A rendered section marks its lines (see end_line); `context` may be null.
  void body(const Node& node, const View* context) {
    section_on_line_ = true;
    if (context != nullptr) contexts_.push_back(context);
    render(node.children);
    if (context != nullptr) contexts_.pop_back();
    section_on_line_ = true;
  }

  // Ends the current line: drops it (and returns true) when a rendered
  // section touched it and it holds only spaces and tabs.
  bool end_line() {
    bool drop = section_on_line_ && out_.find_first_not_of(" \t", line_start_) == std::string::npos;
    if (drop) out_.resize(line_start_);
    section_on_line_ = false;
    return drop;
  }

  std::set<std::string>& unknown_;
  std::vector<const View*> contexts_;  // innermost last
  std::string out_;
  std::size_t line_start_ = 0;
  bool section_on_line_ = false;
};

}  // namespace

Template::Template() : root_(std::make_unique<Node>()) {}
Template::~Template() = default;

std::unique_ptr<Template> Template::parse(std::string_view source, const PartialSource& partials,
                                          std::string& error) {
  std::unique_ptr<Template> parsed(new Template());
  if (!Parser(partials, error, 0).parse(source, *parsed->root_)) return nullptr;
  return parsed;
}

std::string Template::render(const View& view, std::set<std::string>& unknown) const {
  Renderer renderer(view, unknown);
  renderer.render(root_->children);
  return renderer.finish();
}

}  // namespace corothrift::codegen::cpp::mustache
