#pragma once
// Template rendering: the only door to the template engine.

#include <string>
#include <string_view>

#include "view.h"

namespace corothrift::codegen::cpp {

struct RenderResult {
  std::string text;
  std::string error;  // empty on success
  bool ok() const { return error.empty(); }
};

// Renders the mustache template `source` (named `name` in errors) with `view`.
// Values are inserted verbatim (no HTML escaping). A placeholder or section
// name that `view` does not define is an error: the model and the templates
// must agree on every name, so a typo never renders as silence.
// `{{>name}}` includes the embedded template `name` (templates.h).
RenderResult render(std::string_view name, std::string_view source, const View& view);

}  // namespace corothrift::codegen::cpp
