#pragma once
// C++ expressions for IDL constant values (constants and field defaults).

#include <string>

#include "corothrift/idl/ast.h"
#include "type_names.h"

namespace corothrift::codegen::cpp {

// An expression of the C++ type of `type` holding `value`: literals for
// scalars, `Enum::NAME` for enum values, `std::vector<T>{...}` for
// containers, and an immediately called lambda that sets each field for a
// struct. `value` must have passed the front end's type checks.
std::string const_expr(const idl::TypeRef& type, const idl::ConstValue& value,
                       const TypeNames& names);

// A C++ string literal for `bytes` (any bytes; non-printable ones escaped).
std::string string_literal(std::string_view bytes);

}  // namespace corothrift::codegen::cpp
