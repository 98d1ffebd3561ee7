#pragma once
// Semantic validation (owned by "sema", idl-parser/sema/). load() calls it on
// a Compilation whose files all parsed, even when names failed to resolve
// (their references are null and every rule skips them); every rule reports
// into `diags` and none throws.

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::idl {

void validate(const Compilation& compilation, Diagnostics& diags);

}  // namespace corothrift::idl
