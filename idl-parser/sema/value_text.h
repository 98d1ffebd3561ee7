#pragma once
// Equality and a short spelling of constant expressions, for reporting
// repeated keys in constant maps, sets and struct literals.

#include <string>

#include "corothrift/idl/ast.h"

namespace corothrift::idl::sema {

// Same literal: equal scalars, or the same constant or enum value named;
// lists and maps element by element.
bool same_value(const ConstValue& a, const ConstValue& b);

// The value as written, shortened for containers: 1, 2.5, "text", Color.RED,
// [...], {...}.
std::string value_text(const ConstValue& value);

}  // namespace corothrift::idl::sema
