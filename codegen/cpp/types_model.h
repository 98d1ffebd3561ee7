#pragma once
// The model of `<name>_types.h` / `<name>_types.cpp`: every C++ name, type
// spelling, initialiser and yes/no the templates need, for one program.

#include "corothrift/idl/ast.h"
#include "names.h"
#include "view.h"

namespace corothrift::codegen::cpp {

View types_view(const idl::Program& program, const Naming& naming = {});

// The output file names of `program` ("foo_types.h", "Service.cpp", ...).
std::string types_header_name(const idl::Program& program);
std::string types_source_name(const idl::Program& program);

}  // namespace corothrift::codegen::cpp
