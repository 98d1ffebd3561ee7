#pragma once
// Parse tree -> AST for one file. The only place that sees ANTLR types.

#include <memory>

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::idl {

// Parses the text of `file` (already added to diags.sources()) into a Program
// whose names are not resolved yet (path and name are left for the caller).
// Returns null if the file has syntax errors; they are reported in `diags`.
// Removed keywords and bad literals are reported too but still yield a Program.
std::unique_ptr<Program> build_program(FileId file, Diagnostics& diags);

}  // namespace corothrift::idl
