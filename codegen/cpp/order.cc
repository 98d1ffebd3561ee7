#include "order.h"

namespace corothrift::codegen::cpp {

using idl::TypeRef;

void for_each_named(const TypeRef& type, bool through_typedefs,
                    const std::function<void(const idl::Definition&)>& visit) {
  switch (type.kind) {
    case TypeRef::Kind::kBase:
      return;
    case TypeRef::Kind::kMap:
      for_each_named(*type.key, through_typedefs, visit);
      [[fallthrough]];
    case TypeRef::Kind::kList:
    case TypeRef::Kind::kSet:
      for_each_named(*type.element, through_typedefs, visit);
      return;
    case TypeRef::Kind::kNamed:
      if (type.resolved == nullptr) return;
      visit(*type.resolved);
      if (const auto* alias = type.resolved->as<idl::Typedef>(); alias && through_typedefs) {
        for_each_named(alias->type, through_typedefs, visit);
      }
      return;
  }
}

std::vector<const idl::Typedef*> typedefs_in_declaration_order(const idl::Program& program) {
  std::vector<const idl::Typedef*> typedefs;
  for (const auto& def : program.definitions) {
    if (const auto* t = def->as<idl::Typedef>()) typedefs.push_back(t);
  }
  auto deps = [&program](const idl::Typedef& t) {
    std::vector<const idl::Typedef*> out;
    for_each_named(t.type, false, [&](const idl::Definition& def) {
      const auto* inner = def.as<idl::Typedef>();
      if (inner != nullptr && inner->program == &program) out.push_back(inner);
    });
    return out;
  };
  return sort_after_dependencies<idl::Typedef>(typedefs, deps);
}

}  // namespace corothrift::codegen::cpp
