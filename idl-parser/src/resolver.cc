#include "resolver.h"

#include <filesystem>
#include <map>
#include <unordered_map>

#include "suggest.h"

namespace corothrift::idl {
namespace {

const char* kind_name(const Definition& definition) {
  switch (definition.kind) {
    case DefinitionKind::kTypedef:
      return "typedef";
    case DefinitionKind::kEnum:
      return "enum";
    case DefinitionKind::kConst:
      return "constant";
    case DefinitionKind::kStruct:
      return "struct";
    case DefinitionKind::kService:
      return "service";
  }
  return "definition";
}

bool is_type(const Definition& d) {
  return d.kind == DefinitionKind::kTypedef || d.kind == DefinitionKind::kEnum ||
         d.kind == DefinitionKind::kStruct;
}

class Resolver {
 public:
  Resolver(Program& program, Diagnostics& diags) : program_(program), diags_(diags) {
    index(program_);
    for (const Include& include : program_.includes) {
      if (include.program != nullptr) index(*include.program);
    }
  }

  void run() {
    check_include_names();
    check_duplicates();
    for (auto& definition : program_.definitions) resolve_types(*definition);
    for (auto& definition : program_.definitions) resolve_values(*definition);
  }

 private:
  // `name.Type` must say which file it means.
  void check_include_names() {
    std::map<std::string_view, const Include*> seen;
    for (const Include& include : program_.includes) {
      if (include.program == nullptr) continue;
      auto [it, inserted] = seen.emplace(include.program->name, &include);
      if (inserted || it->second->program == include.program) continue;
      diags_.error(include.range, "'{}' and '{}' are both included as '{}'", include.program->path,
                   it->second->program->path, include.program->name);
    }
  }

  void check_duplicates() {
    std::map<std::string_view, const Definition*> seen;
    for (const auto& definition : program_.definitions) {
      auto [it, inserted] = seen.emplace(definition->name, definition.get());
      if (inserted) continue;
      diags_.error(definition->name_range, "redefinition of '{}'", definition->name);
      diags_.note(it->second->name_range, "previous definition of '{}' is here", it->second->name);
    }
  }

  // Program::find scans; a big file makes thousands of lookups, so index once.
  using Index = std::unordered_map<std::string_view, const Definition*>;
  void index(const Program& program) {
    Index& names = indexes_[&program];
    for (const auto& definition : program.definitions)
      names.emplace(definition->name, definition.get());
  }
  const Definition* find(const Program& program, std::string_view name) const {
    const Index& names = indexes_.at(&program);
    auto it = names.find(name);
    return it != names.end() ? it->second : nullptr;
  }

  // "Name" in this file, or "file.Name" in a directly included file. File
  // names may hold dots themselves ("a.b.thrift" is `a.b.`): the longest
  // include name that prefixes the spelling wins.
  const Definition* lookup(std::string_view spelling) const {
    if (spelling.find('.') == std::string_view::npos) return find(program_, spelling);
    const Program* best = nullptr;
    for (const Include& include : program_.includes) {
      if (include.program == nullptr) continue;
      const std::string& name = include.program->name;
      bool prefixes = spelling.size() > name.size() + 1 && spelling.starts_with(name) &&
                      spelling[name.size()] == '.';
      if (prefixes && (best == nullptr || name.size() > best->name.size())) best = include.program;
    }
    return best != nullptr ? find(*best, spelling.substr(best->name.size() + 1)) : nullptr;
  }

  // Whether `spelling` names something in an included file that failed to
  // load: that failure is reported already, and its names are unknowable.
  bool through_failed_include(std::string_view spelling) const {
    for (const Include& include : program_.includes) {
      if (include.program != nullptr) continue;
      std::string name = std::filesystem::path(include.spelling).stem().string();
      if (spelling.size() > name.size() && spelling.starts_with(name) &&
          spelling[name.size()] == '.') {
        return true;
      }
    }
    return false;
  }

  // Every visible name that `accept` takes, spelled as it would be referenced.
  template <typename Accept>
  std::vector<std::string> visible_names(Accept accept) const {
    std::vector<std::string> names;
    auto add = [&](const Program& p, const std::string& prefix) {
      for (const auto& d : p.definitions) accept(*d, prefix + d->name, names);
    };
    add(program_, "");
    for (const Include& include : program_.includes) {
      if (include.program != nullptr) add(*include.program, include.program->name + ".");
    }
    return names;
  }

  void resolve_type(TypeRef& type) {
    if (type.key) resolve_type(*type.key);
    if (type.element) resolve_type(*type.element);
    if (type.kind != TypeRef::Kind::kNamed) return;
    const Definition* found = lookup(type.spelling);
    if (found == nullptr && through_failed_include(type.spelling)) return;
    if (found == nullptr) {
      auto names = visible_names([](const Definition& d, std::string name, auto& out) {
        if (is_type(d)) out.push_back(std::move(name));
      });
      // `Sting` or `i23` means a base type.
      for (const char* base :
           {"bool", "byte", "i8", "i16", "i32", "i64", "double", "string", "binary", "uuid"}) {
        names.emplace_back(base);
      }
      diags_.error(type.range, "unknown type '{}'{}", type.spelling,
                   did_you_mean(type.spelling, names));
    } else if (!is_type(*found)) {
      diags_.error(type.range, "'{}' is a {}, not a type", type.spelling, kind_name(*found));
    } else {
      type.resolved = found;
    }
  }

  // `expected` is the declared type of the value (null if unknown): elements
  // of lists/sets/maps are checked against its element types.
  void resolve_value(ConstValue& value, const TypeRef* expected) {
    const TypeRef* type = expected != nullptr ? &strip_typedefs(*expected) : nullptr;
    const TypeRef* element = type != nullptr ? type->element.get() : nullptr;
    const TypeRef* key = type != nullptr ? type->key.get() : nullptr;
    for (auto& item : value.list) resolve_value(*item, element);
    for (auto& [item_key, mapped] : value.map) {
      resolve_value(*item_key, key);
      resolve_value(*mapped, element);
    }
    if (value.kind != ConstValue::Kind::kIdentifier) return;
    if (resolve_by_name(value) || resolve_in_declared_enum(value, type)) return;
    if (through_failed_include(value.string_value)) return;
    diags_.error(value.range, "unknown constant '{}'{}", value.string_value,
                 did_you_mean(value.string_value, constant_names()));
  }

  // `NAME`, `file.NAME`, `Enum.VALUE` or `file.Enum.VALUE`.
  bool resolve_by_name(ConstValue& value) {
    std::string_view spelling = value.string_value;
    if (const Definition* found = lookup(spelling); found != nullptr && found->as<Const>()) {
      value.const_ref = found->as<Const>();
      return true;
    }
    std::size_t dot = spelling.rfind('.');
    if (dot == std::string_view::npos) return false;
    const Definition* found = lookup(spelling.substr(0, dot));
    const Enum* named = found != nullptr ? found->as<Enum>() : nullptr;
    if (named != nullptr) value.enum_ref = named->find(spelling.substr(dot + 1));
    return value.enum_ref != nullptr;
  }

  // Apache looks a qualified enum-typed value up in the declared enum by its
  // last component, whatever precedes it (`file.VALUE`, even `Other.VALUE`);
  // an unqualified one is an error there, and here.
  bool resolve_in_declared_enum(ConstValue& value, const TypeRef* type) {
    if (type == nullptr || type->kind != TypeRef::Kind::kNamed || type->resolved == nullptr) {
      return false;
    }
    const Enum* declared = type->resolved->as<Enum>();
    if (declared == nullptr) return false;
    std::string_view spelling = value.string_value;
    std::size_t dot = spelling.rfind('.');
    std::string_view name = dot == std::string_view::npos ? spelling : spelling.substr(dot + 1);
    const EnumValue* found = declared->find(name);
    if (found == nullptr) return false;
    if (dot == std::string_view::npos) {
      diags_.error(value.range, "enum value '{}' must be qualified: write '{}.{}'", name,
                   declared->name, name);
      return true;
    }
    value.enum_ref = found;
    const Definition* prefix =
        dot == std::string_view::npos ? nullptr : lookup(spelling.substr(0, dot));
    if (prefix != nullptr && prefix->as<Enum>() != nullptr && prefix != declared) {
      diags_.warning(value.range, "'{}' is not a value of '{}'; using '{}.{}' of the declared type",
                     spelling, prefix->name, declared->name, name);
    }
    return true;
  }

  std::vector<std::string> constant_names() const {
    return visible_names([](const Definition& d, std::string name, auto& out) {
      if (d.as<Const>() != nullptr) out.push_back(name);
      if (const Enum* e = d.as<Enum>()) {
        for (const auto& v : e->values) out.push_back(name + "." + v->name);
      }
    });
  }

  void resolve_field_types(std::vector<std::unique_ptr<Field>>& fields) {
    for (auto& field : fields) resolve_type(field->type);
  }

  void resolve_field_values(std::vector<std::unique_ptr<Field>>& fields) {
    for (auto& field : fields) {
      if (field->default_value) resolve_value(*field->default_value, &field->type);
    }
  }

  void resolve_extends(Service& service) {
    if (service.extends_spelling.empty()) return;
    const Definition* found = lookup(service.extends_spelling);
    service.extends = found != nullptr ? found->as<Service>() : nullptr;
    if (service.extends != nullptr || through_failed_include(service.extends_spelling)) return;
    auto names = visible_names([](const Definition& d, std::string name, auto& out) {
      if (d.as<Service>() != nullptr) out.push_back(std::move(name));
    });
    diags_.error(service.extends_range, "unknown service '{}'{}", service.extends_spelling,
                 did_you_mean(service.extends_spelling, names));
  }

  // Pass 1: every type and `extends` (values need their declared types).
  void resolve_types(Definition& definition) {
    if (auto* t = definition.as<Typedef>()) resolve_type(t->type);
    if (auto* c = definition.as<Const>()) resolve_type(c->type);
    if (auto* s = definition.as<Struct>()) resolve_field_types(s->fields);
    if (auto* s = definition.as<Service>()) {
      resolve_extends(*s);
      for (auto& function : s->functions) {
        resolve_type(function->return_type);
        resolve_field_types(function->params);
        resolve_field_types(function->throws);
      }
    }
  }

  // Pass 2: constant values and defaults.
  void resolve_values(Definition& definition) {
    if (auto* c = definition.as<Const>()) resolve_value(*c->value, &c->type);
    if (auto* s = definition.as<Struct>()) resolve_field_values(s->fields);
    if (auto* s = definition.as<Service>()) {
      for (auto& function : s->functions) resolve_field_values(function->params);
    }
  }

  Program& program_;
  Diagnostics& diags_;
  std::unordered_map<const Program*, Index> indexes_;
};

}  // namespace

void resolve_program(Program& program, Diagnostics& diags) { Resolver(program, diags).run(); }

}  // namespace corothrift::idl
