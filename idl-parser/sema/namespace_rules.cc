#include <map>
#include <string_view>

#include "rules.h"

namespace corothrift::idl::sema {

// Program::namespace_for() takes the last declaration of a scope, so an
// earlier one is dead.
void check_duplicate_namespaces(const Program& program, Diagnostics& diags) {
  std::map<std::string_view, const Namespace*> first;
  for (const Namespace& name_space : program.namespaces) {
    auto [it, inserted] = first.emplace(name_space.scope, &name_space);
    if (inserted) continue;
    diags.warning(name_space.range, "namespace for '{}' is declared twice; the last one is used",
                  name_space.scope);
    diags.note(it->second->range, "'{}' was first declared here", name_space.scope);
  }
}

}  // namespace corothrift::idl::sema
