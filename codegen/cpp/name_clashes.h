#pragma once
// Definitions of different files that become one C++ name: two files
// without `namespace cpp` (or with the same one) that both define `Item`
// would make headers that cannot be included together.

#include <vector>

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"
#include "names.h"

namespace corothrift::codegen::cpp {

// Reports each clash among `programs` (everything one root includes, which
// its header includes too) at the later definition, with a note at the
// earlier one and what to change. Returns false if there was any.
bool check_cpp_name_clashes(const std::vector<const idl::Program*>& programs, const Naming& naming,
                            idl::Diagnostics& diags);

}  // namespace corothrift::codegen::cpp
