#include <cstdint>
#include <limits>
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

// The value before narrowing; falls back to `value` where the builder left
// the wide copy unset.
std::int64_t written_value(const EnumValue& value) {
  return value.value_as_written != 0 ? value.value_as_written : value.value;
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

// Generated enums look names up by value, so two names for one value would
// make that lookup ambiguous.
void check_duplicate_enum_values(const Program& program, Diagnostics& diags) {
  for_each_enum(program, [&](const Enum& enumeration) {
    std::map<std::int64_t, const EnumValue*> first;
    for (const auto& value : enumeration.values) {
      auto [it, inserted] = first.emplace(written_value(*value), value.get());
      if (inserted) continue;
      diags.error(value->range, "'{}' has the same value ({}) as '{}' in enum '{}'", value->name,
                  written_value(*value), it->second->name, enumeration.name);
      diags.note(it->second->range, "'{}' was defined here", it->second->name);
    }
  });
}

void check_enum_value_range(const Program& program, Diagnostics& diags) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int32_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int32_t>::max();
  for_each_enum(program, [&](const Enum& enumeration) {
    for (const auto& value : enumeration.values) {
      std::int64_t number = written_value(*value);
      if (number >= kMin && number <= kMax) continue;
      diags.error(value->range, "value {} of '{}'{} does not fit in i32", number, value->name,
                  value->value_was_explicit ? "" : " (previous value + 1)");
    }
  });
}

}  // namespace corothrift::idl::sema
