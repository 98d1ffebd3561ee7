#pragma once
// A stable, readable text dump of a resolved AST, one node per line with its
// line:col, indented by nesting. Used by `corothrift --dump-ast` and the
// golden tests in test-idl/valid/.

#include <string>

#include "corothrift/idl/ast.h"
#include "corothrift/idl/source.h"

namespace corothrift::idl {

std::string dump_ast(const Program& program, const SourceManager& sources);

}  // namespace corothrift::idl
