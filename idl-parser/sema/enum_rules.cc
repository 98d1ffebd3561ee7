#include <cstdint>
#include <map>
#include <string_view>

#include "rules.h"

namespace corothrift::idl::sema {
namespace {

template <typename Visit>
void for_each_enum(const Program& program, Visit visit) {
  for (const auto& definition : program.definitions) {
    if (const auto* enumeration = definition->as<Enum>()) visit(*enumeration);
  }
}

}  // namespace

void check_duplicate_enum_names(const Program& program, Diagnostics& diags) {
  for_each_enum(program, [&](const Enum& enumeration) {
    std::map<std::string_view, const EnumValue*> first;
    for (const auto& value : enumeration.values) {
      auto [it, inserted] = first.emplace(value->name, value.get());
      if (inserted) continue;
      diags.error(value->range, "duplicate name '{}' in enum '{}'", value->name, enumeration.name);
      diags.note(it->second->range, "'{}' was first defined here", value->name);
    }
  });
}

// Apache accepts aliases (`DEFAULT = 0, NONE = 0`), so they are a warning:
// generated code names a value by its first name, and an alias written by
// mistake still deserves a look.
void check_duplicate_enum_values(const Program& program, Diagnostics& diags) {
  for_each_enum(program, [&](const Enum& enumeration) {
    std::map<std::int32_t, const EnumValue*> first;
    for (const auto& value : enumeration.values) {
      auto [it, inserted] = first.emplace(value->value, value.get());
      if (inserted) continue;
      diags.warning(value->range,
                    "'{}' has the same value ({}) as '{}' in enum '{}'; it is an alias, and "
                    "the value's name is '{}'",
                    value->name, value->value, it->second->name, enumeration.name,
                    it->second->name);
      diags.note(it->second->range, "'{}' was defined here", it->second->name);
    }
  });
}

}  // namespace corothrift::idl::sema
