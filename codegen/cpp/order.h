#pragma once
// The order in which a program's types are declared in its header.

#include <vector>

#include "corothrift/idl/ast.h"

namespace corothrift::codegen::cpp {

// Structs, unions and exceptions of `program`, each after every struct of the
// same program that it holds by value (directly or inside containers,
// through typedefs). `&` fields and self references impose no order: a Box
// or container of an incomplete type is fine. Otherwise source order.
std::vector<const idl::Struct*> structs_in_declaration_order(const idl::Program& program);

// Typedefs of `program`, each after the typedefs of the same program it uses.
std::vector<const idl::Typedef*> typedefs_in_declaration_order(const idl::Program& program);

}  // namespace corothrift::codegen::cpp
