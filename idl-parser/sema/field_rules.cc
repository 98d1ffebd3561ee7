#include <cstdint>
#include <map>
#include <string_view>

#include "rules.h"
#include "walk.h"

namespace corothrift::idl::sema {
namespace {

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
  std::map<std::int32_t, const Field*> first;
  for (const auto& field : list.fields) {
    auto [it, inserted] = first.emplace(field->id, field.get());
    if (inserted) continue;
    diags.error(field->range, "field id {} of '{}' is already used by '{}' in {}", field->id,
                field->name, it->second->name, list.owner);
    diags.note(it->second->range, "'{}' was defined here", it->second->name);
  }
}

// Ids outside i16 are rejected while parsing; 0 and negative ids parse.
void report_nonpositive_ids(const FieldList& list, Diagnostics& diags) {
  for (const auto& field : list.fields) {
    if (field->id_was_implicit || field->id > 0) continue;
    if (field->id == 0) {
      diags.error(field->range, "field id 0 of '{}' is not allowed; ids start at 1", field->name);
      continue;
    }
    diags.warning(field->range,
                  "negative field id {} of '{}' is reserved for implicit ids; Apache Thrift "
                  "accepts it only with -allow-neg-keys",
                  field->id, field->name);
  }
}

}  // namespace

void check_duplicate_field_names(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) { report_duplicate_names(list, diags); });
}

void check_duplicate_field_ids(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) { report_duplicate_ids(list, diags); });
}

void check_nonpositive_field_ids(const Program& program, Diagnostics& diags) {
  for_each_field_list(program, [&](const FieldList& list) { report_nonpositive_ids(list, diags); });
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
