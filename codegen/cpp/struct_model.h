#pragma once
// The model of one struct, union or exception (also used for the args and
// result structs of service methods).

#include <string>
#include <vector>

#include "corothrift/idl/ast.h"
#include "layout.h"
#include "type_names.h"
#include "view.h"

namespace corothrift::codegen::cpp {

// How a field is stored, beyond what the IDL says of it.
enum class FieldForm {
  kAsDeclared,
  kOptional,  // std::optional whatever its requiredness (a result's exceptions)
  kBoxed,     // a corothrift::Box (`&` fields always are)
  kArgument,  // a function argument: `optional` and `&` are ignored
  kMember,    // a union member: `optional` is ignored (a member is set or not)
};

// One field as templates see it. `index` is its place in a union's variant.
// `siblings` are the fields of its struct (`field` among them).
View field_view(const idl::Field& field, const Fields& siblings, const idl::Program& program,
                const TypeNames& names, std::size_t index, FieldForm form = FieldForm::kAsDeclared);

// A struct of the model: `name` is the C++ name, `qualified` the name from
// the global namespace (for fmt::formatter / std::hash specialisations).
struct StructShape {
  std::string name;
  std::string idl_name;
  std::string qualified;
  idl::StructKind kind = idl::StructKind::kStruct;
  std::string doc;
  // `==` / `<=>` defined out of line (StructLayout::compares_out_of_line).
  bool compares_by_hand = false;
};
View struct_view(const StructShape& shape, View fields, const TypeNames& names);

// The fields of `s` as field_view()s, boxed where `layout` says.
View fields_view(const std::vector<std::unique_ptr<idl::Field>>& fields,
                 const idl::Program& program, const TypeNames& names,
                 FieldForm form = FieldForm::kAsDeclared, const StructLayout* layout = nullptr);

// An IDL struct, union or exception.
View struct_view(const idl::Struct& s, const TypeNames& names, const std::string& qualified,
                 const StructLayout& layout);

}  // namespace corothrift::codegen::cpp
