#pragma once
// Semantic validation (owned by "sema", idl-parser/sema/). load() calls it on
// a Compilation that parsed and resolved without errors; every rule reports
// into `diags` and none throws.

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::idl {

void validate(const Compilation& compilation, Diagnostics& diags);

}  // namespace corothrift::idl
