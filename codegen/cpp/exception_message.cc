#include "exception_message.h"

#include <string>

namespace corothrift::codegen::cpp {
namespace {

bool is_text(const idl::Field& field) {
  const idl::TypeRef& real = idl::strip_typedefs(field.type);
  return real.kind == idl::TypeRef::Kind::kBase &&
         (real.base == idl::BaseType::kString || real.base == idl::BaseType::kBinary);
}

const idl::Field* field_named(const idl::Struct& s, const std::string& name) {
  for (const auto& field : s.fields) {
    if (field->name == name) return field.get();
  }
  return nullptr;
}

const idl::Annotation* message_annotation(const idl::Struct& s) {
  const idl::Annotation* found = nullptr;
  for (const idl::Annotation& a : s.annotations.items) {
    if (a.key == "message") found = &a;
  }
  return found;
}

}  // namespace

const idl::Field* exception_message_field(const idl::Struct& s) {
  if (s.struct_kind != idl::StructKind::kException) return nullptr;
  const idl::Annotation* annotation = message_annotation(s);
  const idl::Field* field = field_named(
      s, annotation != nullptr && annotation->value ? *annotation->value : std::string("message"));
  return field != nullptr && is_text(*field) ? field : nullptr;
}

bool check_exception_messages(const std::vector<const idl::Program*>& programs,
                              idl::Diagnostics& diags) {
  bool ok = true;
  for (const idl::Program* program : programs) {
    for (const auto& def : program->definitions) {
      const auto* s = def->as<idl::Struct>();
      if (s == nullptr || s->struct_kind != idl::StructKind::kException) continue;
      const idl::Annotation* annotation = message_annotation(*s);
      if (annotation == nullptr) continue;
      std::string name = annotation->value.value_or("");
      const idl::Field* field = field_named(*s, name);
      if (field == nullptr) {
        diags.error(annotation->range, "exception '{}' has no field '{}' for its message", s->name,
                    name);
        ok = false;
      } else if (!is_text(*field)) {
        diags.error(annotation->range,
                    "the message of exception '{}' must be a string or binary field; '{}' is not",
                    s->name, name);
        ok = false;
      }
    }
  }
  return ok;
}

}  // namespace corothrift::codegen::cpp
