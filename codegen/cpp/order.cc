#include "order.h"

#include <functional>
#include <set>

namespace corothrift::codegen::cpp {
namespace {

using idl::TypeRef;

// Calls `visit` on every definition named in `type`, containers included;
// with `through_typedefs` it also looks inside the typedefs it meets.
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

// Depth-first post-order over `nodes` (source order), so each node follows
// what `deps` reports for it.
template <class T>
std::vector<const T*> sort_after_dependencies(
    const std::vector<const T*>& nodes,
    const std::function<std::vector<const T*>(const T&)>& deps) {
  std::vector<const T*> out;
  std::set<const T*> started;
  std::function<void(const T*)> visit = [&](const T* node) {
    if (!started.insert(node).second) return;  // done, or a cycle (left to source order)
    for (const T* dep : deps(*node)) visit(dep);
    out.push_back(node);
  };
  for (const T* node : nodes) visit(node);
  return out;
}

template <class T>
std::vector<const T*> definitions_of(const idl::Program& program) {
  std::vector<const T*> out;
  for (const auto& def : program.definitions) {
    if (const T* typed = def->as<T>()) out.push_back(typed);
  }
  return out;
}

}  // namespace

std::vector<const idl::Struct*> structs_in_declaration_order(const idl::Program& program) {
  auto deps = [&program](const idl::Struct& s) {
    std::vector<const idl::Struct*> out;
    for (const auto& field : s.fields) {
      if (field->is_reference) continue;
      for_each_named(field->type, true, [&](const idl::Definition& def) {
        const auto* inner = def.as<idl::Struct>();
        if (inner != nullptr && inner != &s && inner->program == &program) out.push_back(inner);
      });
    }
    return out;
  };
  return sort_after_dependencies<idl::Struct>(definitions_of<idl::Struct>(program), deps);
}

std::vector<const idl::Typedef*> typedefs_in_declaration_order(const idl::Program& program) {
  auto deps = [&program](const idl::Typedef& t) {
    std::vector<const idl::Typedef*> out;
    for_each_named(t.type, false, [&](const idl::Definition& def) {
      const auto* inner = def.as<idl::Typedef>();
      if (inner != nullptr && inner->program == &program) out.push_back(inner);
    });
    return out;
  };
  return sort_after_dependencies<idl::Typedef>(definitions_of<idl::Typedef>(program), deps);
}

}  // namespace corothrift::codegen::cpp
