#include "struct_model.h"

#include <fmt/format.h>

#include "const_values.h"
#include "doc_comments.h"
#include "exception_message.h"
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

// `optional` means nothing in an argument list (Apache ignores it there too):
// an argument is sent like any other and is its default when absent. A union
// member is optional by nature; the variant says whether it is set.
Requiredness requiredness(const idl::Field& field, FieldForm form) {
  bool ignored = (form == FieldForm::kArgument || form == FieldForm::kMember) &&
                 field.requiredness == Requiredness::kOptional;
  return ignored ? Requiredness::kDefault : field.requiredness;
}

std::string initializer(const idl::Field& field, const TypeNames& names, FieldForm form) {
  if (form == FieldForm::kOptional) return "";
  if (field.default_value != nullptr) {
    return " = " + const_expr(field.type, *field.default_value, names);
  }
  if (requiredness(field, form) == Requiredness::kOptional || form == FieldForm::kBoxed) return "";
  return zero_initializer(field.type);
}

std::string storage_type(const idl::Field& field, const std::string& value_type, FieldForm form) {
  if (form == FieldForm::kBoxed) return "corothrift::Box<" + value_type + ">";
  if (requiredness(field, form) == Requiredness::kOptional || form == FieldForm::kOptional) {
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

}  // namespace

View field_view(const idl::Field& field, const Fields& siblings, const idl::Program& program,
                const TypeNames& names, std::size_t index, FieldForm form) {
  if (field.is_reference && form != FieldForm::kArgument) form = FieldForm::kBoxed;
  std::string value_type = names.cpp_type(field.type);
  View view;
  view.set("name", field_name(field, siblings, program));
  view.set("idl_name", field.name);
  view.set("id", fmt::format("{}", field.id));
  view.set("value_type", value_type);
  view.set("cpp_type", storage_type(field, value_type, form));
  // From the global namespace: the codec's bodies are members of corothrift::Codec.
  view.set("tag", names.from_global().tag(field.type));
  view.set("initializer", initializer(field, names, form));
  view.set("required", requiredness(field, form) == Requiredness::kRequired);
  view.set("hashable", names.hashable(field.type));
  view.set("orderable", names.orderable(field.type));
  view.set("doc_lines", doc_lines(field.doc));
  view.set("index", fmt::format("{}", index));
  view.set("enumerator", union_enumerator(field));
  view.set("deref", form == FieldForm::kBoxed ? "*" : "");
  return view;
}

View fields_view(const std::vector<std::unique_ptr<idl::Field>>& fields,
                 const idl::Program& program, const TypeNames& names, FieldForm form,
                 const StructLayout* layout) {
  View out = View::list();
  std::size_t index = 1;
  for (const auto& field : fields) {
    bool boxed = layout != nullptr && layout->boxed(*field);
    out.push(field_view(*field, fields, program, names, index++, boxed ? FieldForm::kBoxed : form));
  }
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
  // The codec specialisation is in corothrift, where `ns::S` could mean
  // `corothrift::ns::S` or the alias `tag`: spelled from the global namespace.
  view.set("codec_type",
           shape.qualified.starts_with("::") ? shape.qualified : "::" + shape.qualified);
  view.set("keyword", shape.kind == idl::StructKind::kUnion ? "class" : "struct");
  view.set("is_union", shape.kind == idl::StructKind::kUnion);
  view.set("is_exception", shape.kind == idl::StructKind::kException);
  view.set("is_plain", shape.kind != idl::StructKind::kUnion);
  view.set("hashable", hashable);
  view.set("hash_args", hash_args);
  view.set("orderable", orderable);
  view.set("compares_by_hand", shape.compares_by_hand);
  view.set("compare_left", compare_operand(shape.kind, fields, "this->"));
  view.set("compare_right", compare_operand(shape.kind, fields, "other."));
  view.set("doc_lines", doc_lines(shape.doc));
  view.set("variant_types", variant_types(fields));
  view.set("has_message", false);
  view.set("message_member", "");
  view.set("what_doc", "");
  view.set("fields", std::move(fields));
  view.set("required_fields", std::move(required));
  return view;
}

View struct_view(const idl::Struct& s, const TypeNames& names, const std::string& qualified,
                 const StructLayout& layout) {
  StructShape shape{escape_name(s.name), s.name, qualified,
                    s.struct_kind,       s.doc,  layout.compares_out_of_line(s)};
  FieldForm form =
      s.struct_kind == idl::StructKind::kUnion ? FieldForm::kMember : FieldForm::kAsDeclared;
  View view = struct_view(shape, fields_view(s.fields, *s.program, names, form, &layout), names);
  if (const idl::Field* message = exception_message_field(s)) {
    view.set("has_message", true);
    view.set("message_member", field_name(*message, s.fields, *s.program));
    view.set("what_doc", fmt::format("\"{}: \" and {}; while that is empty, the fields as fmt "
                                     "prints them (at most 512 bytes).",
                                     s.name, message->name));
  } else {
    view.set(
        "what_doc",
        fmt::format("The fields as fmt prints them, \"{}{{...}}\" (at most 512 bytes).", s.name));
  }
  return view;
}

}  // namespace corothrift::codegen::cpp
