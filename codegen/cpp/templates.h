#pragma once
// The templates of templates/, compiled into the binary (see
// embed_templates.cmake, which generates their definition at build time).

#include <cstddef>
#include <string_view>

namespace corothrift::codegen::cpp {

struct EmbeddedTemplate {
  std::string_view name;  // file name without ".mustache", e.g. "types.h"
  std::string_view text;
};

extern const EmbeddedTemplate kEmbeddedTemplates[];
extern const std::size_t kEmbeddedTemplateCount;

// The text of template `name`, or null if there is none.
const std::string_view* find_template(std::string_view name);

}  // namespace corothrift::codegen::cpp
