#pragma once
// Which field of an exception is its message: what() prints it after the
// type's name ("Xception: This is an Xception").

#include <vector>

#include "corothrift/idl/ast.h"
#include "corothrift/idl/diagnostics.h"

namespace corothrift::codegen::cpp {

// The field named by the exception's `(message = "field")` annotation (as
// Apache's and fbthrift's IDL spell it), else a field named `message`; only
// a `string` or `binary` field counts. Null for anything else, and for
// structs and unions.
const idl::Field* exception_message_field(const idl::Struct& s);

// Reports a `message` annotation that names no field, or a field that is not
// a string or binary. Returns false if there was any.
bool check_exception_messages(const std::vector<const idl::Program*>& programs,
                              idl::Diagnostics& diags);

}  // namespace corothrift::codegen::cpp
