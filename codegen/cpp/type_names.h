#pragma once
// How IDL types are spelled in generated C++: the C++ type, the codec's type
// tag, and what the type supports (hashing). Names defined in another program
// are qualified from the global namespace; names of the current program's
// namespace are written bare.

#include <string>

#include "corothrift/idl/ast.h"
#include "names.h"

namespace corothrift::codegen::cpp {

class TypeNames {
 public:
  explicit TypeNames(const idl::Program& current, const Naming& naming = {});

  // The C++ name of a definition (struct, enum, typedef, const) as seen from
  // the current program.
  std::string definition(const idl::Definition& def) const;
  // `list<map<string,i32>>` -> "std::vector<std::map<std::string, std::int32_t>>"
  // (with `cpp.type` / `cpp.template` annotations applied).
  std::string cpp_type(const idl::TypeRef& type) const;
  // `list<map<string,i32>>` -> "tag::list<tag::map<tag::string, tag::i32>>"
  // (typedefs see through to the type they name).
  std::string tag(const idl::TypeRef& type) const;
  // Whether corothrift::hash_value covers the C++ type: everything but a
  // `cpp.type` (the user's type, which may have no hash), inside or out.
  bool hashable(const idl::TypeRef& type) const;
  // Whether the C++ type has `<=>`: not when a hash container (`unordered_`
  // in cpp.template / cpp.type) sits anywhere inside.
  bool orderable(const idl::TypeRef& type) const;

  const std::string& current_namespace() const { return namespace_; }

  // The same spellings, each qualified from the global namespace: for code
  // outside the program's namespace (the codec specialisations in corothrift).
  TypeNames from_global() const;

 private:
  Naming naming_;
  std::string namespace_;
  bool from_global_ = false;
};

// The definition a type names after following typedefs (null for base types
// and containers).
const idl::Definition* named_definition(const idl::TypeRef& type);
const idl::Struct* named_struct(const idl::TypeRef& type);
const idl::Enum* named_enum(const idl::TypeRef& type);

}  // namespace corothrift::codegen::cpp
