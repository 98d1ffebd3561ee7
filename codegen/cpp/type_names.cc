#include "type_names.h"

#include <set>

#include "names.h"

namespace corothrift::codegen::cpp {
namespace {

using idl::BaseType;
using idl::TypeRef;

const char* base_cpp_type(BaseType base) {
  switch (base) {
    case BaseType::kVoid:
      return "void";
    case BaseType::kBool:
      return "bool";
    case BaseType::kI8:
      return "std::int8_t";
    case BaseType::kI16:
      return "std::int16_t";
    case BaseType::kI32:
      return "std::int32_t";
    case BaseType::kI64:
      return "std::int64_t";
    case BaseType::kDouble:
      return "double";
    case BaseType::kString:
      return "std::string";
    case BaseType::kBinary:
      return "corothrift::Binary";
    case BaseType::kUuid:
      return "corothrift::Uuid";
  }
  return "void";
}

const char* base_tag(BaseType base) {
  switch (base) {
    case BaseType::kVoid:
      return "void";
    case BaseType::kBool:
      return "tag::bool_";
    case BaseType::kI8:
      return "tag::i8";
    case BaseType::kI16:
      return "tag::i16";
    case BaseType::kI32:
      return "tag::i32";
    case BaseType::kI64:
      return "tag::i64";
    case BaseType::kDouble:
      return "tag::double_";
    case BaseType::kString:
      return "tag::string";
    case BaseType::kBinary:
      return "tag::binary";
    case BaseType::kUuid:
      return "tag::uuid";
  }
  return "void";
}

bool hashable_type(const TypeRef& type, std::set<const idl::Struct*>& visiting) {
  if (type.annotations.has("cpp.type")) return false;  // the user's type: no promise
  switch (type.kind) {
    case TypeRef::Kind::kBase:
      return type.base != BaseType::kVoid;
    case TypeRef::Kind::kMap:
      return hashable_type(*type.key, visiting) && hashable_type(*type.element, visiting);
    case TypeRef::Kind::kList:
    case TypeRef::Kind::kSet:
      return hashable_type(*type.element, visiting);
    case TypeRef::Kind::kNamed:
      break;
  }
  if (const auto* alias = type.resolved->as<idl::Typedef>())
    return hashable_type(alias->type, visiting);
  const auto* s = type.resolved->as<idl::Struct>();
  if (s == nullptr || !visiting.insert(s).second) return true;  // enum, or a cycle
  for (const auto& field : s->fields) {
    if (!hashable_type(field->type, visiting)) return false;
  }
  return true;
}

bool is_hash_container(const TypeRef& type) {
  for (std::string_view key : {"cpp.template", "cpp.type"}) {
    const std::string* custom = type.annotations.find(key);
    if (custom != nullptr && custom->find("unordered_") != std::string::npos) return true;
  }
  return false;
}

bool orderable_type(const TypeRef& type, std::set<const idl::Struct*>& visiting) {
  if (is_hash_container(type)) return false;
  if (type.key && !orderable_type(*type.key, visiting)) return false;
  if (type.element) return orderable_type(*type.element, visiting);
  if (type.kind != TypeRef::Kind::kNamed) return true;
  if (const auto* alias = type.resolved->as<idl::Typedef>()) {
    return orderable_type(alias->type, visiting);
  }
  const auto* s = type.resolved->as<idl::Struct>();
  if (s == nullptr || !visiting.insert(s).second) return true;
  for (const auto& field : s->fields) {
    if (!orderable_type(field->type, visiting)) return false;
  }
  return true;
}

}  // namespace

const idl::Definition* named_definition(const TypeRef& type) {
  const TypeRef& real = idl::strip_typedefs(type);
  return real.kind == TypeRef::Kind::kNamed ? real.resolved : nullptr;
}

const idl::Struct* named_struct(const TypeRef& type) {
  const idl::Definition* def = named_definition(type);
  return def != nullptr ? def->as<idl::Struct>() : nullptr;
}

const idl::Enum* named_enum(const TypeRef& type) {
  const idl::Definition* def = named_definition(type);
  return def != nullptr ? def->as<idl::Enum>() : nullptr;
}

TypeNames::TypeNames(const idl::Program& current, const Naming& naming)
    : naming_(naming), namespace_(program_namespace(current, naming)) {}

std::string TypeNames::definition(const idl::Definition& def) const {
  std::string ns = program_namespace(*def.program, naming_);
  std::string name = escape_name(def.name);
  if (ns == namespace_ && !from_global_) return name;
  return ns.empty() ? "::" + name : "::" + ns + "::" + name;
}

TypeNames TypeNames::from_global() const {
  TypeNames out = *this;
  out.from_global_ = true;
  return out;
}

std::string TypeNames::cpp_type(const TypeRef& type) const {
  if (const std::string* forced = type.annotations.find("cpp.type")) return *forced;
  const std::string* custom = type.annotations.find("cpp.template");
  switch (type.kind) {
    case TypeRef::Kind::kBase:
      return base_cpp_type(type.base);
    case TypeRef::Kind::kNamed:
      return definition(*type.resolved);
    case TypeRef::Kind::kList:
      return (custom ? *custom : "std::vector") + "<" + cpp_type(*type.element) + ">";
    case TypeRef::Kind::kSet:
      return (custom ? *custom : "std::set") + "<" + cpp_type(*type.element) + ">";
    case TypeRef::Kind::kMap:
      return (custom ? *custom : "std::map") + "<" + cpp_type(*type.key) + ", " +
             cpp_type(*type.element) + ">";
  }
  return "void";
}

std::string TypeNames::tag(const TypeRef& type) const {
  const TypeRef& real = idl::strip_typedefs(type);
  switch (real.kind) {
    case TypeRef::Kind::kBase:
      return base_tag(real.base);
    case TypeRef::Kind::kNamed:
      if (real.resolved->as<idl::Enum>())
        return "tag::enumeration<" + definition(*real.resolved) + ">";
      return "tag::structure<" + definition(*real.resolved) + ">";
    case TypeRef::Kind::kList:
      return "tag::list<" + tag(*real.element) + ">";
    case TypeRef::Kind::kSet:
      return "tag::set<" + tag(*real.element) + ">";
    case TypeRef::Kind::kMap:
      return "tag::map<" + tag(*real.key) + ", " + tag(*real.element) + ">";
  }
  return "void";
}

bool TypeNames::orderable(const TypeRef& type) const {
  std::set<const idl::Struct*> visiting;
  return orderable_type(type, visiting);
}

bool TypeNames::hashable(const TypeRef& type) const {
  std::set<const idl::Struct*> visiting;
  return hashable_type(type, visiting);
}

}  // namespace corothrift::codegen::cpp
