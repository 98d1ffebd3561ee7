#pragma once
// Every semantic rule. Each checks one thing in one program, reports into
// `diags` and never throws; validate.cc lists them all in one table. A rule
// skips what an earlier failure left unusable (a typedef or constant cycle,
// a name that did not resolve: its reference is null) instead of reporting
// a consequence twice.
//
// Checked before sema, by the front end: duplicate definitions, unknown
// names (including `extends` of a non-service), field ids outside i16 and
// enum values outside i32 (parsing), include cycles, implicit field ids.

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::idl::sema {

// name_rules.cc
void check_dotted_names(const Program& program, Diagnostics& diags);

// field_rules.cc
void check_duplicate_field_names(const Program& program, Diagnostics& diags);
void check_duplicate_field_ids(const Program& program, Diagnostics& diags);
void check_nonpositive_field_ids(const Program& program, Diagnostics& diags);
void check_optional_arguments(const Program& program, Diagnostics& diags);

// union_rules.cc
void check_required_union_fields(const Program& program, Diagnostics& diags);
void check_union_defaults(const Program& program, Diagnostics& diags);

// enum_rules.cc
void check_duplicate_enum_names(const Program& program, Diagnostics& diags);
void check_duplicate_enum_values(const Program& program, Diagnostics& diags);

// cycle_rules.cc
void check_typedef_cycles(const Program& program, Diagnostics& diags);
void check_by_value_cycles(const Program& program, Diagnostics& diags);
void check_service_cycles(const Program& program, Diagnostics& diags);
void check_constant_cycles(const Program& program, Diagnostics& diags);

// service_rules.cc
void check_oneway_functions(const Program& program, Diagnostics& diags);
void check_throws_types(const Program& program, Diagnostics& diags);
void check_duplicate_function_names(const Program& program, Diagnostics& diags);

// value_rules.cc
void check_const_values(const Program& program, Diagnostics& diags);
void check_default_values(const Program& program, Diagnostics& diags);

// key_rules.cc
void check_container_keys(const Program& program, Diagnostics& diags);

// namespace_rules.cc
void check_duplicate_namespaces(const Program& program, Diagnostics& diags);

// annotation_rules.cc
void check_duplicate_annotations(const Program& program, Diagnostics& diags);

}  // namespace corothrift::idl::sema
