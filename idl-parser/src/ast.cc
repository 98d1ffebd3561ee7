#include "corothrift/idl/ast.h"

#include <unordered_set>

namespace corothrift::idl {

const std::string* Annotations::find(std::string_view key) const {
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    if (it->key == key) {
      static const std::string kEmpty;
      return it->value ? &*it->value : &kEmpty;
    }
  }
  return nullptr;
}

bool Annotations::has(std::string_view key) const { return find(key) != nullptr; }

const TypeRef& strip_typedefs(const TypeRef& type) {
  const TypeRef* current = &type;
  // A typedef cycle is a sema error; stop instead of looping forever.
  std::unordered_set<const Definition*> seen;
  while (current->kind == TypeRef::Kind::kNamed && current->resolved != nullptr) {
    const auto* alias = current->resolved->as<Typedef>();
    if (alias == nullptr || !seen.insert(alias).second) break;
    current = &alias->type;
  }
  return *current;
}

const EnumValue* Enum::find(std::string_view value_name) const {
  for (const auto& value : values) {
    if (value->name == value_name) return value.get();
  }
  return nullptr;
}

std::string Program::namespace_for(std::string_view scope) const {
  const Namespace* star = nullptr;
  const Namespace* exact = nullptr;
  for (const Namespace& ns : namespaces) {
    if (ns.scope == scope) exact = &ns;
    if (ns.scope == "*") star = &ns;
  }
  if (exact != nullptr) return exact->name;
  return star != nullptr ? star->name : std::string();
}

const Definition* Program::find(std::string_view name) const {
  for (const auto& definition : definitions) {
    if (definition->name == name) return definition.get();
  }
  return nullptr;
}

}  // namespace corothrift::idl
