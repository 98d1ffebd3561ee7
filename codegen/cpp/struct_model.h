#pragma once
// The model of one struct, union or exception (also used for the args and
// result structs of service methods).

#include <string>
#include <vector>

#include "corothrift/idl/ast.h"
#include "type_names.h"
#include "view.h"

namespace corothrift::codegen::cpp {

// One field as templates see it. `index` is its place in a union's variant;
// `force_optional` makes it std::optional (the exceptions of a result struct).
View field_view(const idl::Field& field, const idl::Program& program, const TypeNames& names,
                std::size_t index, bool force_optional = false);

// A struct of the model: `name` is the C++ name, `qualified` the name from
// the global namespace (for fmt::formatter / std::hash specialisations).
struct StructShape {
  std::string name;
  std::string idl_name;
  std::string qualified;
  idl::StructKind kind = idl::StructKind::kStruct;
  std::string doc;
  // Holds itself by value inside a container (RecTree's list<RecTree>).
  bool contains_itself = false;
};
View struct_view(const StructShape& shape, View fields, const TypeNames& names);

// The fields of `s` as field_view()s.
View fields_view(const std::vector<std::unique_ptr<idl::Field>>& fields,
                 const idl::Program& program, const TypeNames& names, bool force_optional = false);

// An IDL struct, union or exception.
View struct_view(const idl::Struct& s, const TypeNames& names, const std::string& qualified);

}  // namespace corothrift::codegen::cpp
