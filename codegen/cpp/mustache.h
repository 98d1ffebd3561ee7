#pragma once
// The template engine: the part of mustache that templates/ uses, rendered
// straight from a View. Written here because converting each View into a
// general-purpose engine's tree, and that engine's lookups, were a third of
// generating C++ for a large IDL.
//
// Supported: text, {{name}} / {{{name}}} / {{&name}} (inserted verbatim, no
// escaping), {{.}}, dotted names, {{#section}}, {{^inverted}}, {{! comment}}
// and {{>partial}}. Not supported: delimiter changes and lambdas.
//
// Whitespace follows the engine the templates were written for (kainjow
// mustache 4.1): a line that a rendered section touched and that holds only
// spaces and tabs is dropped with its line break. Standalone tag lines are
// the caller's business (render.cc reduces them before parsing).

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "view.h"

namespace corothrift::codegen::cpp::mustache {

struct Node;

// The text of partial `name`, ready to parse, or nullopt if there is none.
using PartialSource = std::function<std::optional<std::string>(std::string_view name)>;

class Template {
 public:
  // Parses `source`; on a syntax error or an unknown partial, returns null
  // and says why in `error`.
  static std::unique_ptr<Template> parse(std::string_view source, const PartialSource& partials,
                                         std::string& error);
  ~Template();

  // Renders with `view` as the outermost context. Every name that no
  // context defines is added to `unknown` (and renders as nothing).
  std::string render(const View& view, std::set<std::string>& unknown) const;

 private:
  Template();
  std::unique_ptr<Node> root_;
};

}  // namespace corothrift::codegen::cpp::mustache
