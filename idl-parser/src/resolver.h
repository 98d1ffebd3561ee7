#pragma once
// Name resolution for one Program: types, constant references, `extends`.

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::idl {

// Fills every `resolved`/`const_ref`/`enum_ref`/`extends` pointer in
// `program`. Its includes must already be loaded (their Include::program
// set). Reports duplicates and unknown names (with a suggestion) in `diags`.
void resolve_program(Program& program, Diagnostics& diags);

}  // namespace corothrift::idl
