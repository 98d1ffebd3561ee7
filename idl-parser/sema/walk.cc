#include "walk.h"

#include <string_view>

#include <fmt/format.h>

namespace corothrift::idl::sema {
namespace {

const char* struct_kind_name(StructKind kind) {
  switch (kind) {
    case StructKind::kStruct:
      return "struct";
    case StructKind::kUnion:
      return "union";
    case StructKind::kException:
      return "exception";
  }
  return "struct";
}

const char* base_type_name(BaseType base) {
  switch (base) {
    case BaseType::kVoid:
      return "void";
    case BaseType::kBool:
      return "bool";
    case BaseType::kI8:
      return "i8";
    case BaseType::kI16:
      return "i16";
    case BaseType::kI32:
      return "i32";
    case BaseType::kI64:
      return "i64";
    case BaseType::kDouble:
      return "double";
    case BaseType::kString:
      return "string";
    case BaseType::kBinary:
      return "binary";
    case BaseType::kUuid:
      return "uuid";
  }
  return "void";
}

void visit_function_lists(const Service& service, const Function& function,
                          const std::function<void(const FieldList&)>& visit) {
  std::string qualified = fmt::format("'{}.{}'", service.name, function.name);
  visit(FieldList{function.params, "the arguments of " + qualified, nullptr, &function});
  visit(FieldList{function.throws, "the throws clause of " + qualified, nullptr, &function});
}

void visit_field_types(const std::vector<std::unique_ptr<Field>>& fields,
                       const std::function<void(const TypeRef&)>& visit) {
  for (const auto& field : fields) visit(field->type);
}

void visit_type_annotations(const TypeRef& type,
                            const std::function<void(const Annotations&)>& visit) {
  for_each_nested_type(type, [&](const TypeRef& nested) { visit(nested.annotations); });
}

void visit_field_annotations(const std::vector<std::unique_ptr<Field>>& fields,
                             const std::function<void(const Annotations&)>& visit) {
  for (const auto& field : fields) {
    visit(field->annotations);
    visit_type_annotations(field->type, visit);
  }
}

void visit_definition_annotations(const Definition& definition,
                                  const std::function<void(const Annotations&)>& visit) {
  visit(definition.annotations);
  if (const auto* alias = definition.as<Typedef>()) visit_type_annotations(alias->type, visit);
  if (const auto* constant = definition.as<Const>()) visit_type_annotations(constant->type, visit);
  if (const auto* enumeration = definition.as<Enum>()) {
    for (const auto& value : enumeration->values) visit(value->annotations);
  }
  if (const auto* structure = definition.as<Struct>()) {
    visit_field_annotations(structure->fields, visit);
  }
  if (const auto* service = definition.as<Service>()) {
    for (const auto& function : service->functions) {
      visit(function->annotations);
      visit_type_annotations(function->return_type, visit);
      visit_field_annotations(function->params, visit);
      visit_field_annotations(function->throws, visit);
    }
  }
}

}  // namespace

void for_each_field_list(const Program& program,
                         const std::function<void(const FieldList&)>& visit) {
  for (const auto& definition : program.definitions) {
    if (const auto* structure = definition->as<Struct>()) {
      std::string owner =
          fmt::format("{} '{}'", struct_kind_name(structure->struct_kind), structure->name);
      visit(FieldList{structure->fields, owner, structure, nullptr});
    }
    if (const auto* service = definition->as<Service>()) {
      for (const auto& function : service->functions) {
        visit_function_lists(*service, *function, visit);
      }
    }
  }
}

void for_each_written_type(const Program& program,
                           const std::function<void(const TypeRef&)>& visit) {
  for (const auto& definition : program.definitions) {
    if (const auto* alias = definition->as<Typedef>()) visit(alias->type);
    if (const auto* constant = definition->as<Const>()) visit(constant->type);
    if (const auto* structure = definition->as<Struct>())
      visit_field_types(structure->fields, visit);
    if (const auto* service = definition->as<Service>()) {
      for (const auto& function : service->functions) {
        visit(function->return_type);
        visit_field_types(function->params, visit);
        visit_field_types(function->throws, visit);
      }
    }
  }
}

void for_each_nested_type(const TypeRef& type, const std::function<void(const TypeRef&)>& visit) {
  visit(type);
  if (type.key) for_each_nested_type(*type.key, visit);
  if (type.element) for_each_nested_type(*type.element, visit);
}

void for_each_annotations(const Program& program,
                          const std::function<void(const Annotations&)>& visit) {
  for (const Namespace& name_space : program.namespaces) visit(name_space.annotations);
  for (const auto& definition : program.definitions) {
    visit_definition_annotations(*definition, visit);
  }
}

const char* kind_name(const Definition& definition) {
  switch (definition.kind) {
    case DefinitionKind::kTypedef:
      return "typedef";
    case DefinitionKind::kEnum:
      return "enum";
    case DefinitionKind::kConst:
      return "const";
    case DefinitionKind::kStruct:
      return struct_kind_name(static_cast<const Struct&>(definition).struct_kind);
    case DefinitionKind::kService:
      return "service";
  }
  return "definition";
}

std::string a_kind_name(const Definition& definition) {
  std::string_view noun = kind_name(definition);
  bool vowel = noun.find_first_of("aeiou") == 0;
  return fmt::format("{} {}", vowel ? "an" : "a", noun);
}

std::string type_name(const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::kBase:
      return type.spelling.empty() ? base_type_name(type.base) : type.spelling;
    case TypeRef::Kind::kList:
      return fmt::format("list<{}>", type_name(*type.element));
    case TypeRef::Kind::kSet:
      return fmt::format("set<{}>", type_name(*type.element));
    case TypeRef::Kind::kMap:
      return fmt::format("map<{},{}>", type_name(*type.key), type_name(*type.element));
    case TypeRef::Kind::kNamed:
      return type.spelling;
  }
  return type.spelling;
}

const Struct* as_struct(const TypeRef& type) {
  const TypeRef& target = strip_typedefs(type);
  if (target.kind != TypeRef::Kind::kNamed || target.resolved == nullptr) return nullptr;
  return target.resolved->as<Struct>();
}

}  // namespace corothrift::idl::sema
