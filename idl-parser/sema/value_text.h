#pragma once
// Equality and a short spelling of constant expressions, for reporting
// repeated keys in constant maps, sets and struct literals.

#include <string>

#include "corothrift/idl/ast.h"

namespace corothrift::idl::sema {

// A string equal for two values exactly when they are the same literal:
// equal scalars, the same constant or enum value named, or lists and maps
// equal element by element.
std::string value_key(const ConstValue& value);

// The value as written, shortened for containers: 1, 2.5, "text", Color.RED,
// [...], {...}.
std::string value_text(const ConstValue& value);

}  // namespace corothrift::idl::sema
