#include <map>
#include <string_view>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {

// One scope per file: structs, services, enums, typedefs and consts all
// share it, so a struct and a service of the same name collide too.
void check_duplicate_definitions(const Program& program, Diagnostics& diags) {
  std::map<std::string_view, const Definition*> first;
  for (const auto& definition : program.definitions) {
    auto [it, inserted] = first.emplace(definition->name, definition.get());
    if (inserted) continue;
    const Definition& previous = *it->second;
    diags.error(definition->name_range, "redefinition of '{}' as a {}", definition->name,
                kind_name(*definition));
    diags.note(previous.name_range, "'{}' was first defined here as a {}", previous.name,
               kind_name(previous));
  }
}

}  // namespace corothrift::idl::sema
