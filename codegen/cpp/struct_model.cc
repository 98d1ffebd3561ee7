#include "struct_model.h"

#include <fmt/format.h>

#include <set>

#include "const_values.h"
#include "doc_comments.h"
#include "names.h"

namespace corothrift::codegen::cpp {
namespace {

using idl::BaseType;
using idl::Requiredness;
using idl::TypeRef;

// What a field without an IDL default starts as: scalars get a value so a
// default-constructed struct is fully initialised; class types construct
// themselves.
std::string zero_initializer(const TypeRef& type) {
  const TypeRef& real = idl::strip_typedefs(type);
  if (real.annotations.has("cpp.type") || type.annotations.has("cpp.type")) return "";
  if (real.kind == TypeRef::Kind::kNamed) return real.resolved->as<idl::Enum>() ? " = {}" : "";
  if (real.kind != TypeRef::Kind::kBase) return "";
  switch (real.base) {
    case BaseType::kBool:
      return " = false";
    case BaseType::kI8:
    case BaseType::kI16:
    case BaseType::kI32:
    case BaseType::kI64:
      return " = 0";
    case BaseType::kDouble:
      return " = 0.0";
    default:
      return "";
  }
}

std::string initializer(const idl::Field& field, const TypeNames& names) {
  if (field.default_value != nullptr) {
    return " = " + const_expr(field.type, *field.default_value, names);
  }
  if (field.requiredness == Requiredness::kOptional || field.is_reference) return "";
  return zero_initializer(field.type);
}

std::string storage_type(const idl::Field& field, const std::string& value_type,
                         bool force_optional) {
  if (field.is_reference) return "corothrift::Box<" + value_type + ">";
  if (field.requiredness == Requiredness::kOptional || force_optional) {
    return "std::optional<" + value_type + ">";
  }
  return value_type;
}

// The union's `Type` enumerator of a field: `empty` is taken by "no member".
std::string union_enumerator(const idl::Field& field) {
  std::string name = escape_name(field.name);
  return name == "empty" ? name + "_" : name;
}

std::string variant_types(const View& fields) {
  std::string out = "std::monostate";
  for (const View& field : fields.items()) out += ", " + field.find("cpp_type")->as_text();
  return out;
}

// What a hand-written comparison compares: the variant of a union, or a
// tuple of references to a struct's fields.
std::string compare_operand(idl::StructKind kind, const View& fields, const std::string& prefix) {
  if (kind == idl::StructKind::kUnion) return prefix + "value_";
  std::string out;
  for (const View& field : fields.items()) {
    out += (out.empty() ? "" : ", ") + prefix + field.find("name")->as_text();
  }
  return "std::tie(" + out + ")";
}

// Whether `type` holds `target` by value (through containers, typedefs and
// the by-value fields of other structs).
bool holds(const TypeRef& type, const idl::Struct& target, std::set<const idl::Struct*>& seen) {
  const TypeRef& real = idl::strip_typedefs(type);
  if (real.key && holds(*real.key, target, seen)) return true;
  if (real.element) return holds(*real.element, target, seen);
  const idl::Struct* s = named_struct(real);
  if (s == nullptr) return false;
  if (s == &target) return true;
  if (!seen.insert(s).second) return false;
  for (const auto& field : s->fields) {
    if (!field->is_reference && holds(field->type, target, seen)) return true;
  }
  return false;
}

bool contains_itself(const idl::Struct& s) {
  std::set<const idl::Struct*> seen;
  for (const auto& field : s.fields) {
    if (!field->is_reference && holds(field->type, s, seen)) return true;
  }
  return false;
}

}  // namespace

View field_view(const idl::Field& field, const idl::Program& program, const TypeNames& names,
                std::size_t index, bool force_optional) {
  std::string value_type = names.cpp_type(field.type);
  View view;
  view.set("name", field_name(field, program));
  view.set("idl_name", field.name);
  view.set("id", fmt::format("{}", field.id));
  view.set("value_type", value_type);
  view.set("cpp_type", storage_type(field, value_type, force_optional));
  view.set("tag", names.tag(field.type));
  view.set("initializer", force_optional ? "" : initializer(field, names));
  view.set("required", field.requiredness == Requiredness::kRequired);
  view.set("hashable", names.hashable(field.type));
  view.set("orderable", names.orderable(field.type));
  view.set("doc_lines", doc_lines(field.doc));
  view.set("index", fmt::format("{}", index));
  view.set("enumerator", union_enumerator(field));
  view.set("deref", field.is_reference ? "*" : "");
  return view;
}

View fields_view(const std::vector<std::unique_ptr<idl::Field>>& fields,
                 const idl::Program& program, const TypeNames& names, bool force_optional) {
  View out = View::list();
  std::size_t index = 1;
  for (const auto& field : fields)
    out.push(field_view(*field, program, names, index++, force_optional));
  return out;
}

View struct_view(const StructShape& shape, View fields, const TypeNames& /*names*/) {
  View required = View::list();
  bool hashable = true;
  bool orderable = true;
  std::string hash_args;
  for (const View& field : fields.items()) {
    if (field.find("required")->as_flag()) required.push(field);
    hashable = hashable && field.find("hashable")->as_flag();
    orderable = orderable && field.find("orderable")->as_flag();
    hash_args += (hash_args.empty() ? "value." : ", value.") + field.find("name")->as_text();
  }
  View view;
  view.set("name", shape.name);
  view.set("idl_name", shape.idl_name);
  view.set("struct_idl_name", shape.idl_name);
  view.set("struct_name", shape.name);
  view.set("qualified_name", shape.qualified);
  view.set("keyword", shape.kind == idl::StructKind::kUnion ? "class" : "struct");
  view.set("is_union", shape.kind == idl::StructKind::kUnion);
  view.set("is_exception", shape.kind == idl::StructKind::kException);
  view.set("is_plain", shape.kind != idl::StructKind::kUnion);
  view.set("hashable", hashable);
  view.set("hash_args", hash_args);
  view.set("orderable", orderable);
  view.set("compares_by_hand", shape.contains_itself);
  view.set("compare_left", compare_operand(shape.kind, fields, ""));
  view.set("compare_right", compare_operand(shape.kind, fields, "other."));
  view.set("doc_lines", doc_lines(shape.doc));
  view.set("variant_types", variant_types(fields));
  view.set("fields", std::move(fields));
  view.set("required_fields", std::move(required));
  return view;
}

View struct_view(const idl::Struct& s, const TypeNames& names, const std::string& qualified) {
  StructShape shape{escape_name(s.name), s.name, qualified,
                    s.struct_kind,       s.doc,  contains_itself(s)};
  return struct_view(shape, fields_view(s.fields, *s.program, names), names);
}

}  // namespace corothrift::codegen::cpp
