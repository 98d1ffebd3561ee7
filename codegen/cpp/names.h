#pragma once
// C++ spellings of IDL names: keyword escaping and namespaces.

#include <string>
#include <string_view>

#include "corothrift/idl/ast.h"

namespace corothrift::codegen::cpp {

// C++20 keywords and alternative tokens, plus names the standard library or
// the preprocessor makes unusable as identifiers in generated code.
bool is_reserved_word(std::string_view name);

// `name`, with a trailing `_` when it is reserved.
std::string escape_name(std::string_view name);

// Naming choices made on the command line (`--gen cpp:file_namespaces`).
struct Naming {
  // A file without `namespace cpp` (or `*`) gets a namespace named after the
  // file instead of the global one, so two such files may define one name.
  bool file_namespaces = false;
};

// The C++ namespace of a program ("a::b"), from `namespace cpp a.b`, else
// `namespace * a.b`, else (with file_namespaces) the file's name; "" for the
// global namespace. Each part is escaped.
std::string program_namespace(const idl::Program& program, const Naming& naming = {});

}  // namespace corothrift::codegen::cpp

namespace corothrift::codegen::cpp {

// The C++ member name of a struct/union/exception field: escaped, and with a
// trailing `_` where it would clash with a type name of its program (a member
// named like a type changes what that name means in the class) or, in an
// exception, with what(); more `_` while that is the name of another field in
// `siblings` (the fields of its struct). Generated structs have no other
// members a field could clash with: the codec is outside them (a
// corothrift::Codec specialisation), so `read`, `write`, `isset` stay as
// written.
using Fields = std::vector<std::unique_ptr<idl::Field>>;
std::string field_name(const idl::Field& field, const Fields& siblings,
                       const idl::Program& program);

}  // namespace corothrift::codegen::cpp
