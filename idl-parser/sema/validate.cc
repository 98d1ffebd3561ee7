#include "corothrift/idl/validate.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <vector>

#include "rules.h"

namespace corothrift::idl {
namespace {

// Each rule is a free function that checks one thing in one program.
using Rule = void (*)(const Program& program, Diagnostics& diags);

// Every semantic rule, in the order their diagnostics are wanted. All run on
// every program; each skips the parts an earlier problem made meaningless.
// clang-format off
constexpr std::array kRules = std::to_array<Rule>({
    sema::check_dotted_names,
    sema::check_typedef_cycles,
    sema::check_by_value_cycles,
    sema::check_service_cycles,
    sema::check_constant_cycles,
    sema::check_duplicate_field_names,
    sema::check_duplicate_field_ids,
    sema::check_nonpositive_field_ids,
    sema::check_optional_arguments,
    sema::check_required_union_fields,
    sema::check_union_defaults,
    sema::check_duplicate_enum_names,
    sema::check_duplicate_enum_values,
    sema::check_oneway_functions,
    sema::check_throws_types,
    sema::check_duplicate_function_names,
    sema::check_const_values,
    sema::check_default_values,
    sema::check_container_keys,
    sema::check_duplicate_namespaces,
    sema::check_duplicate_annotations,
});
// clang-format on

// A diagnostic and the notes that follow it.
using Group = std::vector<const Diagnostic*>;

std::vector<Group> group_notes(const std::vector<Diagnostic>& all) {
  std::vector<Group> groups;
  for (const Diagnostic& diagnostic : all) {
    if (diagnostic.severity != Severity::kNote || groups.empty()) groups.emplace_back();
    groups.back().push_back(&diagnostic);
  }
  return groups;
}

// Rules run one after another, so their findings come out grouped by rule;
// readers expect them in source order, each note after its diagnostic.
void report_in_source_order(const Diagnostics& collected, Diagnostics& diags) {
  std::vector<Group> groups = group_notes(collected.all());
  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    return std::tie(a.front()->range.file, a.front()->range.begin) <
           std::tie(b.front()->range.file, b.front()->range.begin);
  });
  for (const Group& group : groups) {
    for (const Diagnostic* diagnostic : group) {
      diags.report(diagnostic->severity, diagnostic->range, diagnostic->message);
    }
  }
}

}  // namespace

void validate(const Compilation& compilation, Diagnostics& diags) {
  // Collects only: ranges point into `diags.sources()`, which keeps the text.
  Diagnostics collected;
  for (const auto& program : compilation.programs) {
    for (Rule rule : kRules) {
      rule(*program, collected);
    }
  }
  report_in_source_order(collected, diags);
}

}  // namespace corothrift::idl
