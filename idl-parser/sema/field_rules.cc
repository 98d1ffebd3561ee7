#include <cstdint>
#include <limits>
#include <map>
#include <string_view>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

// The id as written; falls back to `id` where the builder left the wide copy
// unset (0 can only be written, never assigned implicitly).
std::int64_t written_id(const Field& field) {
  return field.id_as_written != 0 ? field.id_as_written : field.id;
}

void report_duplicate_names(const FieldList& list, Diagnostics& diags) {
  std::map<std::string_view, const Field*> first;
  for (const auto& field : list.fields) {
    auto [it, inserted] = first.emplace(field->name, field.get());
    if (inserted) continue;
    diags.error(field->name_range, "duplicate field name '{}' in {}", field->name, list.owner);
    diags.note(it->second->name_range, "'{}' was first defined here", field->name);
  }
}

void report_duplicate_ids(const FieldList& list, Diagnostics& diags) {
  std::map<std::int64_t, const Field*> first;
  for (const auto& field : list.fields) {
    auto [it, inserted] = first.emplace(written_id(*field), field.get());
    if (inserted) continue;
    diags.error(field->range, "field id {} of '{}' is already used by '{}' in {}",
                written_id(*field), field->name, it->second->name, list.owner);
    diags.note(it->second->range, "'{}' was defined here", it->second->name);
  }
}

void report_ids_out_of_range(const FieldList& list, Diagnostics& diags) {
  constexpr std::int64_t kMin = std::numeric_limits<std::int16_t>::min();
  constexpr std::int64_t kMax = std::numeric_limits<std::int16_t>::max();
  for (const auto& field : list.fields) {
    if (field->id_was_implicit) continue;
    std::int64_t id = written_id(*field);
    if (id == 0) {
      diags.error(field->range, "field id 0 of '{}' is not allowed; ids start at 1", field->name);
    } else if (id < kMin || id > kMax) {
      diags.error(field->range, "field id {} of '{}' does not fit in i16 (1 to {})", id,
                  field->name, kMax);
    } else if (id < 0) {
      diags.warning(field->range,
                    "negative field id {} of '{}' is reserved for implicit ids; Apache Thrift "
                    "accepts it only with --allow-neg-keys",
                    id, field->name);
    }
  }
}

}  // namespace

void check_duplicate_field_names(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) { report_duplicate_names(list, diags); });
}

void check_duplicate_field_ids(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) { report_duplicate_ids(list, diags); });
}

void check_field_id_range(const Program& program, Diagnostics& diags) {
  for_each_field_list(program,
                      [&](const FieldList& list) { report_ids_out_of_range(list, diags); });
}

// Arguments are always sent, so `optional` there means nothing (Apache
// ignores it with the same warning).
void check_optional_arguments(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) {
    if (list.function == nullptr) return;
    for (const auto& field : list.fields) {
      if (field->requiredness != Requiredness::kOptional) continue;
      diags.warning(field->range, "'optional' has no effect on '{}' in {}", field->name,
                    list.owner);
    }
  });
}

}  // namespace corothrift::idl::sema
