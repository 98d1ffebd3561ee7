#include "corothrift/idl/validate.h"

#include <array>

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

}  // namespace

void validate(const Compilation& compilation, Diagnostics& diags) {
  for (const auto& program : compilation.programs) {
    for (Rule rule : kRules) {
      rule(*program, diags);
    }
  }
}

}  // namespace corothrift::idl
