#pragma once
// Type-checks a constant expression against the type it initialises (a
// `const` or a field/argument default), following Apache Thrift's rules:
// integers must fit their width, a double takes an integer, a bool takes
// true/false/0/1, an enum takes one of its values by name or number, a
// struct takes a map from its field names, an empty `{}` or `[]` is any
// empty container. Stricter than Apache where the generated C++ could not
// follow: an enum value is not an integer (enum classes do not convert),
// and a named constant must have the declared type, or be a number where a
// number is declared (its value is then checked, reported at the name).

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::idl::sema {

// `owner` is the constant whose value this is (null for a default value).
void check_value(const TypeRef& type, const ConstValue& value, const Const* owner,
                 Diagnostics& diags);

// Same type after typedefs (`string` and `binary` differ).
bool same_type(const TypeRef& a, const TypeRef& b);

}  // namespace corothrift::idl::sema
