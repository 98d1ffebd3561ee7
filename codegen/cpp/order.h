#pragma once
// The order in which a program's types are declared in its header.

#include <functional>
#include <set>
#include <vector>

#include "corothrift/idl/ast.h"

namespace corothrift::codegen::cpp {

// Typedefs of `program`, each after the typedefs of the same program it uses.
std::vector<const idl::Typedef*> typedefs_in_declaration_order(const idl::Program& program);

// Calls `visit` on every definition named in `type`, containers included;
// with `through_typedefs` it also looks inside the typedefs it meets.
void for_each_named(const idl::TypeRef& type, bool through_typedefs,
                    const std::function<void(const idl::Definition&)>& visit);

// Depth-first post-order over `nodes` (source order), so each node follows
// what `deps` reports for it. A cycle is left to source order.
template <class T>
std::vector<const T*> sort_after_dependencies(
    const std::vector<const T*>& nodes,
    const std::function<std::vector<const T*>(const T&)>& deps) {
  std::vector<const T*> out;
  std::set<const T*> started;
  std::function<void(const T*)> visit = [&](const T* node) {
    if (!started.insert(node).second) return;  // done, or a cycle
    for (const T* dep : deps(*node)) visit(dep);
    out.push_back(node);
  };
  for (const T* node : nodes) visit(node);
  return out;
}

}  // namespace corothrift::codegen::cpp
