#include "templates.h"

namespace corothrift::codegen::cpp {

const std::string_view* find_template(std::string_view name) {
  for (std::size_t i = 0; i < kEmbeddedTemplateCount; ++i) {
    if (kEmbeddedTemplates[i].name == name) return &kEmbeddedTemplates[i].text;
  }
  return nullptr;
}

}  // namespace corothrift::codegen::cpp
